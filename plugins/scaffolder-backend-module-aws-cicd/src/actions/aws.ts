/*
 * What the AWS actions share: one ARN per input (parsed by -common), console
 * links. AWS errors are classified by -node (isThrottling, isTransient).
 */
import { InputError } from '@backstage/errors';
import {
  DeploymentGroupRef,
  parseDeploymentGroupArns,
  parsePipelineArns,
  PipelineRef,
} from '@liftoff/plugin-aws-cicd-common';

export function parseOnePipelineArn(arn: string): PipelineRef {
  const refs = parsePipelineArns(arn);
  if (refs.length !== 1) {
    throw new InputError(
      `pipelineArn takes one CodePipeline pipeline ARN, got ${refs.length}: ${arn}`,
    );
  }
  return refs[0];
}

export function parseOneDeploymentGroupArn(arn: string): DeploymentGroupRef {
  const refs = parseDeploymentGroupArns(arn);
  if (refs.length !== 1) {
    throw new InputError(
      `deploymentGroupArn takes one CodeDeploy deployment group ARN, got ${refs.length}: ${arn}`,
    );
  }
  return refs[0];
}

const CONSOLE_HOSTS: Record<string, string> = {
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

function consoleBase(ref: { region: string; partition: string }): string {
  const host = CONSOLE_HOSTS[ref.partition] ?? 'console.aws.amazon.com';
  return `https://${ref.region}.${host}`;
}

export const consoleUrls = {
  pipeline(ref: PipelineRef): string {
    return `${consoleBase(ref)}/codesuite/codepipeline/pipelines/${encodeURIComponent(
      ref.pipelineName,
    )}/view?region=${ref.region}`;
  },
  execution(ref: PipelineRef, executionId: string): string {
    return `${consoleBase(ref)}/codesuite/codepipeline/pipelines/${encodeURIComponent(
      ref.pipelineName,
    )}/executions/${encodeURIComponent(executionId)}/timeline?region=${ref.region}`;
  },
  deployment(
    ref: { region: string; partition: string },
    deploymentId: string,
  ): string {
    return `${consoleBase(ref)}/codesuite/codedeploy/deployments/${encodeURIComponent(
      deploymentId,
    )}?region=${ref.region}`;
  },
};
