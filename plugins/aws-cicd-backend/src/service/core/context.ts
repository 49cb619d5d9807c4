import {
  AwsResourceRef,
  BuildProjectRef,
  DeploymentGroupRef,
  PipelineRef,
} from '@liftoff/plugin-aws-cicd-common';
import { AwsCallContext } from '@liftoff/plugin-aws-cicd-node';

function where(ref: AwsResourceRef) {
  return `${ref.accountId} / ${ref.region}`;
}

/** What a call is about, for the messages of its failures. */
export const contextOf = {
  pipeline: (ref: PipelineRef): AwsCallContext => ({
    what: `pipeline ${ref.pipelineName}`,
    where: where(ref),
  }),
  deploymentGroup: (ref: DeploymentGroupRef): AwsCallContext => ({
    what: `deployment group ${ref.applicationName}/${ref.deploymentGroupName}`,
    where: where(ref),
  }),
  alarms: (ref: DeploymentGroupRef): AwsCallContext => ({
    what: `CloudWatch alarms of ${ref.applicationName}/${ref.deploymentGroupName}`,
    where: where(ref),
  }),
  buildProject: (ref: BuildProjectRef): AwsCallContext => ({
    what: `CodeBuild project ${ref.projectName}`,
    where: where(ref),
  }),
};
