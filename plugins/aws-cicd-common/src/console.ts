/*
 * Links into the AWS console for the resources Liftoff shows, in every
 * partition (aws, aws-cn, aws-us-gov). Shared by the backend's views and the
 * scaffolder's outputs; browser-safe.
 */
import { AwsResourceRef } from './annotations';

/**
 * Where a resource lives, as much of it as a console link needs.
 *
 * @public
 */
export type AwsConsoleLocation = Pick<AwsResourceRef, 'partition' | 'region'>;

const CONSOLE_HOSTS: Record<string, string> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

/**
 * The AWS console's origin for a partition and region, e.g.
 * `https://eu-west-1.console.aws.amazon.com`. An unknown partition gets the
 * commercial console.
 *
 * @public
 */
export function awsConsoleBase(at: AwsConsoleLocation): string {
  const host = CONSOLE_HOSTS[at.partition] ?? CONSOLE_HOSTS.aws;
  return `https://${at.region}.${host}`;
}

const enc = encodeURIComponent;

/**
 * Console pages of CodePipeline, CodeDeploy and CodeBuild resources.
 *
 * @public
 */
export const awsConsoleUrls = {
  pipeline: (at: AwsConsoleLocation, pipelineName: string): string =>
    `${awsConsoleBase(at)}/codesuite/codepipeline/pipelines/${enc(pipelineName)}/view?region=${at.region}`,
  execution: (
    at: AwsConsoleLocation,
    pipelineName: string,
    executionId: string,
  ): string =>
    `${awsConsoleBase(at)}/codesuite/codepipeline/pipelines/${enc(pipelineName)}/executions/${enc(executionId)}/timeline?region=${at.region}`,
  deploymentGroup: (
    at: AwsConsoleLocation,
    applicationName: string,
    deploymentGroupName: string,
  ): string =>
    `${awsConsoleBase(at)}/codesuite/codedeploy/applications/${enc(applicationName)}/deployment-groups/${enc(deploymentGroupName)}?region=${at.region}`,
  deployment: (at: AwsConsoleLocation, deploymentId: string): string =>
    `${awsConsoleBase(at)}/codesuite/codedeploy/deployments/${enc(deploymentId)}?region=${at.region}`,
  /** CodeBuild's console paths carry the account id. */
  project: (
    at: AwsConsoleLocation & Pick<AwsResourceRef, 'accountId'>,
    projectName: string,
  ): string =>
    `${awsConsoleBase(at)}/codesuite/codebuild/${at.accountId}/projects/${enc(projectName)}?region=${at.region}`,
  build: (
    at: AwsConsoleLocation & Pick<AwsResourceRef, 'accountId'>,
    projectName: string,
    buildId: string,
  ): string =>
    `${awsConsoleBase(at)}/codesuite/codebuild/${at.accountId}/projects/${enc(projectName)}/build/${enc(buildId)}/?region=${at.region}`,
};
