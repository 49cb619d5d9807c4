import { PipelineView } from '@liftoff/plugin-aws-cicd-common';

/** Whether the latest execution can be stopped now. */
export function canStop(pipeline: PipelineView): boolean {
  return pipeline.latestExecution?.status === 'InProgress';
}
