import { AwsResourceRef } from '@liftoff/plugin-aws-cicd-common';

/** ISO 8601, or undefined. */
export function iso(
  date: Date | string | undefined | null,
): string | undefined {
  if (date === undefined || date === null) return undefined;
  const d = typeof date === 'string' ? new Date(date) : date;
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Whole seconds from `from` to `to` (ISO strings or dates), never negative. */
export function secondsBetween(
  from: string | Date | undefined,
  to: string | Date | undefined,
): number | undefined {
  if (!from || !to) return undefined;
  const ms = new Date(to).getTime() - new Date(from).getTime();
  return Number.isNaN(ms) ? undefined : Math.max(0, Math.round(ms / 1000));
}

/** Whole seconds until `when`, rounded up, never negative. */
export function secondsUntil(when: number, now: Date): number {
  return Math.max(0, Math.ceil((when - now.getTime()) / 1000));
}

/** Removes undefined members, so JSON (and the cache) stays small. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}

/** The AWS console's host for a resource's partition and region. */
export function consoleBase(ref: Pick<AwsResourceRef, 'partition' | 'region'>) {
  switch (ref.partition) {
    case 'aws-cn':
      return `https://${ref.region}.console.amazonaws.cn`;
    case 'aws-us-gov':
      return `https://${ref.region}.console.amazonaws-us-gov.com`;
    default:
      return `https://${ref.region}.console.aws.amazon.com`;
  }
}

const enc = encodeURIComponent;

export const consoleUrls = {
  pipeline: (ref: AwsResourceRef, name: string) =>
    `${consoleBase(ref)}/codesuite/codepipeline/pipelines/${enc(name)}/view?region=${ref.region}`,
  execution: (ref: AwsResourceRef, name: string, executionId: string) =>
    `${consoleBase(ref)}/codesuite/codepipeline/pipelines/${enc(name)}/executions/${enc(executionId)}/timeline?region=${ref.region}`,
  deploymentGroup: (ref: AwsResourceRef, app: string, group: string) =>
    `${consoleBase(ref)}/codesuite/codedeploy/applications/${enc(app)}/deployment-groups/${enc(group)}?region=${ref.region}`,
  deployment: (ref: AwsResourceRef, deploymentId: string) =>
    `${consoleBase(ref)}/codesuite/codedeploy/deployments/${enc(deploymentId)}?region=${ref.region}`,
  build: (ref: AwsResourceRef, project: string, buildId: string) =>
    `${consoleBase(ref)}/codesuite/codebuild/${ref.accountId}/projects/${enc(project)}/build/${enc(buildId)}/?region=${ref.region}`,
  project: (ref: AwsResourceRef, project: string) =>
    `${consoleBase(ref)}/codesuite/codebuild/${ref.accountId}/projects/${enc(project)}?region=${ref.region}`,
};
