/*
 * ARN builders, beside the parsers in annotations.ts: every ARN Liftoff
 * makes itself (rather than reads from an annotation) is made here, so the
 * formats live in one place and round-trip through the parsers.
 */
import {
  AwsResourceRef,
  BuildProjectRef,
  DeploymentGroupRef,
  PipelineRef,
} from './annotations';

/**
 * Where a resource lives: partition, region and account.
 * @public
 */
export type AwsLocation = Pick<
  AwsResourceRef,
  'partition' | 'region' | 'accountId'
>;

function arn(where: AwsLocation, service: string, resource: string): string {
  return `arn:${where.partition}:${service}:${where.region}:${where.accountId}:${resource}`;
}

/**
 * `arn:<partition>:codepipeline:<region>:<account>:<pipeline>`
 * @public
 */
export function pipelineArn(where: AwsLocation, pipelineName: string): string {
  return arn(where, 'codepipeline', pipelineName);
}

/**
 * `arn:<partition>:codedeploy:<region>:<account>:deploymentgroup:<application>/<group>`
 * @public
 */
export function deploymentGroupArn(
  where: AwsLocation,
  applicationName: string,
  deploymentGroupName: string,
): string {
  return arn(
    where,
    'codedeploy',
    `deploymentgroup:${applicationName}/${deploymentGroupName}`,
  );
}

/**
 * `arn:<partition>:codebuild:<region>:<account>:project/<project>`
 * @public
 */
export function buildProjectArn(
  where: AwsLocation,
  projectName: string,
): string {
  return arn(where, 'codebuild', `project/${projectName}`);
}

/**
 * The reference of a pipeline in the given location.
 * @public
 */
export function pipelineRef(
  where: AwsLocation,
  pipelineName: string,
): PipelineRef {
  return {
    arn: pipelineArn(where, pipelineName),
    partition: where.partition,
    region: where.region,
    accountId: where.accountId,
    pipelineName,
  };
}

/**
 * The reference of a deployment group in the given location.
 * @public
 */
export function deploymentGroupRef(
  where: AwsLocation,
  applicationName: string,
  deploymentGroupName: string,
): DeploymentGroupRef {
  return {
    arn: deploymentGroupArn(where, applicationName, deploymentGroupName),
    partition: where.partition,
    region: where.region,
    accountId: where.accountId,
    applicationName,
    deploymentGroupName,
  };
}

/**
 * The reference of a CodeBuild project in the given location, e.g. the
 * project a pipeline's CodeBuild action runs (same account and region as
 * the pipeline).
 * @public
 */
export function buildProjectRef(
  where: AwsLocation,
  projectName: string,
): BuildProjectRef {
  return {
    arn: buildProjectArn(where, projectName),
    partition: where.partition,
    region: where.region,
    accountId: where.accountId,
    projectName,
  };
}
