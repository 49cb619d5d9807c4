import {
  AwsResourceRef,
  BuildProjectRef,
  DeploymentGroupRef,
  PipelineRef,
} from '@liftoff/plugin-aws-cicd-common';

/**
 * A resource as one entity reads or changes it: with the role its AWS calls
 * are made as (the entity's `aws.amazon.com/aws-role-arn`), if any.
 */
export type Scoped<R extends AwsResourceRef = AwsResourceRef> = R & {
  roleArn?: string;
};

const VERSION = 'v1';

/**
 * A cache key: `v1:<parts>`, and ` as <role ARN>` when the read was made as
 * an entity's role.
 *
 * Why the role is part of the key: AWS answers the same data whoever asks,
 * but an entity whose role may not read a resource must get AccessDenied,
 * not what another entity's role read. So reads made as different roles
 * never share an entry, while reads made with the account's own credentials
 * (no role annotation) share one entry across entities, as before. The
 * separator is a space: no ARN or resource name may contain one.
 */
function key(ref: Scoped, ...parts: string[]): string {
  const base = [VERSION, ...parts].join(':');
  return ref.roleArn ? `${base} as ${ref.roleArn}` : base;
}

/** Identifies a CodeBuild project whether it came from an ARN or a pipeline. */
export function projectId(ref: BuildProjectRef): string {
  return `${ref.partition}:${ref.accountId}:${ref.region}:${ref.projectName}`;
}

/** Every key the service caches under, in one place. */
export const cacheKeys = {
  pipeline: (ref: Scoped<PipelineRef>) => key(ref, 'pipeline', ref.arn),
  pipelineDefinition: (ref: Scoped<PipelineRef>) =>
    key(ref, 'def:pipeline', ref.arn),
  executions: (
    ref: Scoped<PipelineRef>,
    pageSize: number,
    pageToken: string | undefined,
  ) => key(ref, 'executions', ref.arn, String(pageSize), pageToken ?? 'first'),
  actions: (ref: Scoped<PipelineRef>, pipelineExecutionId: string) =>
    key(ref, 'actions', ref.arn, pipelineExecutionId),
  group: (ref: Scoped<DeploymentGroupRef>) => key(ref, 'group', ref.arn),
  groupDefinition: (ref: Scoped<DeploymentGroupRef>) =>
    key(ref, 'def:group', ref.arn),
  deploymentConfig: (ref: Scoped, name: string) =>
    key(ref, 'def:config', ref.partition, ref.accountId, ref.region, name),
  /** Which group a deployment belongs to never changes. */
  deploymentOwner: (ref: Scoped, deploymentId: string) =>
    key(
      ref,
      'def:deployment',
      ref.partition,
      ref.accountId,
      ref.region,
      deploymentId,
    ),
  builds: (ref: Scoped<BuildProjectRef>, pageToken: string | undefined) =>
    key(ref, 'builds', projectId(ref), pageToken ?? 'first'),
};
