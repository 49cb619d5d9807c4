/*
 * What the AWS actions share: one ARN per input (parsed by -common). Console
 * links come from -common (awsConsoleUrls), AWS error classification from
 * -node (isThrottling, isTransient).
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
