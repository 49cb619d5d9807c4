/*
 * Reading where a CodeDeploy deployment's traffic is: its targets
 * (ListDeploymentTargets + BatchGetDeploymentTargets), the Lambda alias's
 * version weights and the ECS task sets. Shared by the backend's deployment
 * view and the scaffolder's wait action.
 */
import {
  BatchGetDeploymentTargetsCommand,
  CodeDeployClient,
  DeploymentTarget,
  ListDeploymentTargetsCommand,
} from '@aws-sdk/client-codedeploy';
import {
  EcsTaskSetView,
  EcsTrafficView,
  LambdaTrafficView,
} from '@liftoff/plugin-aws-cicd-common';
import { AwsCallFailure } from './awsErrors';

/** BatchGetDeploymentTargets takes at most this many ids. */
const BATCH_SIZE = 25;

/** @public */
export interface ReadDeploymentTargetsOptions {
  /** Aborts the AWS calls (e.g. at the request's deadline). */
  abortSignal?: AbortSignal;
  /**
   * Reads at most this many targets. Default 25 (one batch): Lambda and ECS
   * deployments have one target each; EC2 fleets can have thousands.
   */
  maxTargets?: number;
}

/**
 * Where the traffic of a Lambda or ECS deployment is.
 *
 * @public
 */
export type DeploymentTraffic = LambdaTrafficView | EcsTrafficView;

/** @public */
export interface DeploymentTrafficOptions {
  /** Whether the deployment group has a test listener (ECS blue/green). */
  testTraffic?: boolean;
  /** Whether the deployment is still running (test traffic only flows then). */
  active?: boolean;
}

/** @public */
export interface DeploymentTargetsRead {
  targets: DeploymentTarget[];
  /** The Lambda alias or ECS task sets, if the deployment has such a target. */
  traffic?: DeploymentTraffic;
  /** Percent (0-100) of production traffic on the new version, when AWS tells. */
  newVersionPercent?: number;
}

async function send<T>(call: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw new AwsCallFailure(call, e);
  }
}

/**
 * Reads a deployment's targets. A deployment that has not started has none
 * yet (CodeDeploy answers `DeploymentNotStartedException`): `[]`. Other
 * failures are thrown as an {@link AwsCallFailure} naming the call.
 *
 * @public
 */
export async function readDeploymentTargets(
  client: CodeDeployClient,
  deploymentId: string,
  options: ReadDeploymentTargetsOptions = {},
): Promise<DeploymentTarget[]> {
  const { abortSignal, maxTargets = BATCH_SIZE } = options;
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    let page;
    try {
      page = await client.send(
        new ListDeploymentTargetsCommand({ deploymentId, nextToken }),
        { abortSignal },
      );
    } catch (e) {
      if ((e as Error)?.name === 'DeploymentNotStartedException') return [];
      throw new AwsCallFailure('CodeDeploy.ListDeploymentTargets', e);
    }
    ids.push(...(page.targetIds ?? []));
    nextToken = page.nextToken;
  } while (nextToken && ids.length < maxTargets);

  const wanted = ids.slice(0, maxTargets);
  const targets: DeploymentTarget[] = [];
  for (let i = 0; i < wanted.length; i += BATCH_SIZE) {
    const output = await send('CodeDeploy.BatchGetDeploymentTargets', () =>
      client.send(
        new BatchGetDeploymentTargetsCommand({
          deploymentId,
          targetIds: wanted.slice(i, i + BATCH_SIZE),
        }),
        { abortSignal },
      ),
    );
    targets.push(...(output.deploymentTargets ?? []));
  }
  return targets;
}

/** Removes undefined members, so JSON (and caches) stay small. */
function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}

/**
 * Where the traffic is, from a deployment's targets: the first Lambda
 * target's alias weights, else the first ECS target's task sets.
 *
 * @public
 */
export function deploymentTrafficOf(
  targets: DeploymentTarget[],
  options: DeploymentTrafficOptions = {},
): DeploymentTraffic | undefined {
  const lambda = targets.find(t => t.lambdaTarget)?.lambdaTarget;
  if (lambda?.lambdaFunctionInfo) {
    const f = lambda.lambdaFunctionInfo;
    return compact({
      platform: 'Lambda' as const,
      functionName: f.functionName,
      alias: f.functionAlias,
      currentVersion: f.currentVersion,
      targetVersion: f.targetVersion,
      targetVersionWeight: Math.round((f.targetVersionWeight ?? 0) * 100),
    });
  }
  const ecs = targets.find(t => t.ecsTarget)?.ecsTarget;
  if (ecs) {
    const testTrafficOn =
      Boolean(options.testTraffic) &&
      Boolean(options.active) &&
      (ecs.lifecycleEvents ?? []).some(
        e =>
          e.lifecycleEventName === 'AllowTestTraffic' &&
          e.status === 'Succeeded',
      );
    return compact({
      platform: 'ECS' as const,
      service: ecs.targetId,
      taskSets: (ecs.taskSetsInfo ?? []).map(s =>
        compact<EcsTaskSetView>({
          // (sic: the SDK's spelling)
          id: s.identifer ?? 'unknown',
          label: s.taskSetLabel,
          status: s.status,
          desiredCount: s.desiredCount,
          runningCount: s.runningCount,
          pendingCount: s.pendingCount,
          trafficWeight: s.trafficWeight ?? 0,
          targetGroup: s.targetGroup?.name,
        }),
      ),
      testTrafficTo: testTrafficOn ? 'Green' : undefined,
    });
  }
  return undefined;
}

/**
 * Percent (0-100) of production traffic on the new version: the Lambda
 * target version's weight or the ECS replacement (Green) task set's, averaged
 * over the targets that tell (Lambda and ECS deployments have one).
 * `undefined` when no target tells, e.g. an EC2 deployment.
 *
 * @public
 */
export function newVersionPercentOf(
  targets: DeploymentTarget[],
): number | undefined {
  const weights = targets
    .map(target => {
      const weight =
        target.lambdaTarget?.lambdaFunctionInfo?.targetVersionWeight;
      if (weight !== undefined) return Math.round(weight * 100);
      return target.ecsTarget?.taskSetsInfo?.find(
        t => t.taskSetLabel === 'Green',
      )?.trafficWeight;
    })
    .filter((w): w is number => w !== undefined);
  if (weights.length === 0) return undefined;
  return Math.round(weights.reduce((a, b) => a + b, 0) / weights.length);
}

/**
 * Reads a deployment's targets and where its traffic is, in one go.
 *
 * @public
 */
export async function readDeploymentTraffic(
  client: CodeDeployClient,
  deploymentId: string,
  options: ReadDeploymentTargetsOptions & DeploymentTrafficOptions = {},
): Promise<DeploymentTargetsRead> {
  const targets = await readDeploymentTargets(client, deploymentId, options);
  return compact({
    targets,
    traffic: deploymentTrafficOf(targets, options),
    newVersionPercent: newVersionPercentOf(targets),
  });
}
