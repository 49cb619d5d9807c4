/** ARNs as AWS builds them for the resources the emulator serves. */
export interface Scope {
  account: string;
  region: string;
}

export const arns = {
  pipeline: (s: Scope, name: string) =>
    `arn:aws:codepipeline:${s.region}:${s.account}:${name}`,
  application: (s: Scope, name: string) =>
    `arn:aws:codedeploy:${s.region}:${s.account}:application:${name}`,
  deploymentGroup: (s: Scope, application: string, group: string) =>
    `arn:aws:codedeploy:${s.region}:${s.account}:deploymentgroup:${application}/${group}`,
  deploymentConfig: (s: Scope, name: string) =>
    `arn:aws:codedeploy:${s.region}:${s.account}:deploymentconfig:${name}`,
  project: (s: Scope, name: string) =>
    `arn:aws:codebuild:${s.region}:${s.account}:project/${name}`,
  build: (s: Scope, id: string) =>
    `arn:aws:codebuild:${s.region}:${s.account}:build/${id}`,
  alarm: (s: Scope, name: string) =>
    `arn:aws:cloudwatch:${s.region}:${s.account}:alarm:${name}`,
  lambdaFunction: (s: Scope, name: string) =>
    `arn:aws:lambda:${s.region}:${s.account}:function:${name}`,
  ecsService: (s: Scope, cluster: string, service: string) =>
    `arn:aws:ecs:${s.region}:${s.account}:service/${cluster}/${service}`,
  taskDefinition: (s: Scope, family: string, revision: number) =>
    `arn:aws:ecs:${s.region}:${s.account}:task-definition/${family}:${revision}`,
  targetGroup: (s: Scope, name: string) =>
    `arn:aws:elasticloadbalancing:${s.region}:${s.account}:targetgroup/${name}/${'0'.repeat(16)}`,
  listener: (s: Scope, name: string, port: number) =>
    `arn:aws:elasticloadbalancing:${s.region}:${s.account}:listener/app/${name}/${'0'.repeat(16)}/${port}`,
  role: (s: Scope, name: string) => `arn:aws:iam::${s.account}:role/${name}`,
  logGroup: (s: Scope, group: string) =>
    `arn:aws:logs:${s.region}:${s.account}:log-group:${group}`,
  connection: (s: Scope, id: string) =>
    `arn:aws:codeconnections:${s.region}:${s.account}:connection/${id}`,
};

/** Console links, as the real APIs return them in externalExecutionUrl and friends. */
export const consoleUrls = {
  build: (s: Scope, id: string) =>
    `https://${s.region}.console.aws.amazon.com/codesuite/codebuild/${s.account}/projects/${encodeURIComponent(
      id.split(':')[0],
    )}/build/${encodeURIComponent(id)}/?region=${s.region}`,
  deployment: (s: Scope, id: string) =>
    `https://console.aws.amazon.com/codedeploy/home?region=${s.region}#/deployments/${id}`,
  stack: (s: Scope, stack: string) =>
    `https://console.aws.amazon.com/cloudformation/home?region=${s.region}#/stacks?filteringText=${stack}`,
  approval: (s: Scope, pipeline: string) =>
    `https://${s.region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/${pipeline}/view?region=${s.region}`,
  logs: (s: Scope, group: string, stream: string) =>
    `https://console.aws.amazon.com/cloudwatch/home?region=${s.region}#logsV2:log-groups/log-group/${encodeURIComponent(
      group,
    )}/log-events/${encodeURIComponent(stream)}`,
};
