import { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import {
  DeploymentConfigInfo,
  DeploymentGroupInfo,
  DeploymentInfo,
  DeploymentTarget,
  LifecycleEvent,
} from '@aws-sdk/client-codedeploy';
import {
  AlarmView,
  DeploymentGroupRef,
  DeploymentGroupView,
  DeploymentTargetView,
  DeploymentView,
  LifecycleEventView,
  TrafficRouting,
  awsConsoleUrls,
  trafficPlanMinutes,
  trafficStepAt,
  trafficStepsOf,
} from '@liftoff/plugin-aws-cicd-common';
import { deploymentTrafficOf } from '@liftoff/plugin-aws-cicd-node';
import { compact, iso, secondsBetween, secondsUntil } from './common';

/** The part of a deployment group the page needs, as JSON (it is cached). */
export interface DeploymentGroupDefinition {
  applicationName: string;
  deploymentGroupName: string;
  computePlatform?: string;
  deploymentConfigName?: string;
  alarms: { enabled: boolean; names: string[] };
  autoRollback: { enabled: boolean; events: string[] };
  blueGreen?: DeploymentGroupView['blueGreen'];
  /** Whether a test listener receives test traffic (ECS blue/green). */
  testTraffic: boolean;
}

/** Statuses of a deployment that is not finished. */
export const ACTIVE_DEPLOYMENT = new Set([
  'Created',
  'Queued',
  'InProgress',
  'Baking',
  'Ready',
]);

export function toDeploymentGroupDefinition(
  g: DeploymentGroupInfo,
): DeploymentGroupDefinition {
  const bg = g.blueGreenDeploymentConfiguration;
  const blueGreen =
    bg &&
    (bg.deploymentReadyOption || bg.terminateBlueInstancesOnDeploymentSuccess)
      ? compact({
          readyWait: bg.deploymentReadyOption
            ? compact({
                actionOnTimeout: bg.deploymentReadyOption.actionOnTimeout,
                waitTimeInMinutes: bg.deploymentReadyOption.waitTimeInMinutes,
              })
            : undefined,
          termination: bg.terminateBlueInstancesOnDeploymentSuccess
            ? compact({
                action: bg.terminateBlueInstancesOnDeploymentSuccess.action,
                terminationWaitTimeInMinutes:
                  bg.terminateBlueInstancesOnDeploymentSuccess
                    .terminationWaitTimeInMinutes,
              })
            : undefined,
        })
      : undefined;
  return compact({
    applicationName: g.applicationName!,
    deploymentGroupName: g.deploymentGroupName!,
    computePlatform: g.computePlatform,
    deploymentConfigName: g.deploymentConfigName,
    alarms: {
      enabled: g.alarmConfiguration?.enabled ?? false,
      names: (g.alarmConfiguration?.alarms ?? [])
        .map(a => a.name)
        .filter((n): n is string => Boolean(n)),
    },
    autoRollback: {
      enabled: g.autoRollbackConfiguration?.enabled ?? false,
      events: [...(g.autoRollbackConfiguration?.events ?? [])],
    },
    blueGreen,
    testTraffic: (g.loadBalancerInfo?.targetGroupPairInfoList ?? []).some(
      p => (p.testTrafficRoute?.listenerArns ?? []).length > 0,
    ),
  });
}

/** Resolves a deployment configuration to its traffic plan. */
export function toTrafficRouting(info: DeploymentConfigInfo): TrafficRouting {
  const name = info.deploymentConfigName ?? 'unknown';
  const routing = info.trafficRoutingConfig;
  if (routing?.type === 'TimeBasedCanary' && routing.timeBasedCanary) {
    const percentage = routing.timeBasedCanary.canaryPercentage ?? 10;
    const intervalMinutes = routing.timeBasedCanary.canaryInterval ?? 5;
    return {
      deploymentConfigName: name,
      type: 'TimeBasedCanary',
      percentage,
      intervalMinutes,
      steps: trafficStepsOf('TimeBasedCanary', percentage, intervalMinutes),
      description: `${percentage}% now, 100% after ${plural(intervalMinutes, 'minute')}`,
    };
  }
  if (routing?.type === 'TimeBasedLinear' && routing.timeBasedLinear) {
    const percentage = routing.timeBasedLinear.linearPercentage ?? 10;
    const intervalMinutes = routing.timeBasedLinear.linearInterval ?? 1;
    const steps = trafficStepsOf(
      'TimeBasedLinear',
      percentage,
      intervalMinutes,
    );
    return {
      deploymentConfigName: name,
      type: 'TimeBasedLinear',
      percentage,
      intervalMinutes,
      steps,
      description: `${percentage}% more every ${plural(intervalMinutes, 'minute')}, 100% after ${plural(
        trafficPlanMinutes(steps),
        'minute',
      )}`,
    };
  }
  const hosts = info.minimumHealthyHosts;
  return {
    deploymentConfigName: name,
    type: 'AllAtOnce',
    steps: trafficStepsOf('AllAtOnce'),
    description:
      routing?.type === 'AllAtOnce' || !hosts
        ? 'All traffic at once'
        : `In place, keeping at least ${hosts.value} ${
            hosts.type === 'FLEET_PERCENT' ? '% of hosts' : 'hosts'
          } healthy`,
  };
}

function plural(n: number, unit: string) {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function toLifecycleEvent(e: LifecycleEvent): LifecycleEventView {
  return compact({
    name: e.lifecycleEventName ?? 'Unknown',
    status: e.status,
    startTime: iso(e.startTime),
    endTime: iso(e.endTime),
    durationSeconds: secondsBetween(e.startTime, e.endTime),
    diagnostics: e.diagnostics
      ? compact({
          errorCode: e.diagnostics.errorCode,
          message: e.diagnostics.message,
          logTail: e.diagnostics.logTail,
        })
      : undefined,
  });
}

function toTargetView(t: DeploymentTarget): DeploymentTargetView {
  const target =
    t.lambdaTarget ??
    t.ecsTarget ??
    t.instanceTarget ??
    t.cloudFormationTarget ??
    ({} as NonNullable<DeploymentTarget['lambdaTarget']>);
  return compact({
    targetId: target.targetId ?? 'unknown',
    type: t.deploymentTargetType ?? 'Unknown',
    status: target.status,
    lastUpdatedAt: iso(target.lastUpdatedAt),
    lifecycleEvents: (target.lifecycleEvents ?? []).map(toLifecycleEvent),
  });
}

export function toDeploymentView(
  ref: DeploymentGroupRef,
  group: DeploymentGroupDefinition,
  d: DeploymentInfo,
  targets: DeploymentTarget[] | undefined,
): DeploymentView {
  const status = d.status ?? 'Created';
  const active = ACTIVE_DEPLOYMENT.has(status);
  const ecs = (d.computePlatform ?? group.computePlatform) === 'ECS';
  const canStop = active;
  return compact({
    deploymentId: d.deploymentId!,
    status,
    creator: d.creator,
    description: d.description,
    deploymentConfigName: d.deploymentConfigName,
    createTime: iso(d.createTime),
    startTime: iso(d.startTime),
    completeTime: iso(d.completeTime),
    errorInformation: d.errorInformation
      ? compact({
          code: d.errorInformation.code,
          message: d.errorInformation.message,
        })
      : undefined,
    rollbackInfo: d.rollbackInfo
      ? compact({
          rollbackDeploymentId: d.rollbackInfo.rollbackDeploymentId,
          rollbackTriggeringDeploymentId:
            d.rollbackInfo.rollbackTriggeringDeploymentId,
          rollbackMessage: d.rollbackInfo.rollbackMessage,
        })
      : undefined,
    isRollback:
      d.creator === 'codeDeployRollback' ||
      Boolean(d.rollbackInfo?.rollbackTriggeringDeploymentId),
    overview: d.deploymentOverview
      ? compact({ ...d.deploymentOverview })
      : undefined,
    statusMessages: [...(d.deploymentStatusMessages ?? [])],
    targets: (targets ?? []).map(toTargetView),
    traffic: targets
      ? deploymentTrafficOf(targets, { testTraffic: group.testTraffic, active })
      : undefined,
    possibleActions: {
      stop: canStop,
      stopAndRollback: canStop && Boolean(d.previousRevision),
      continueReadyWait: ecs && status === 'Ready',
      continueTerminationWait:
        ecs &&
        status === 'InProgress' &&
        d.instanceTerminationWaitTimeStarted === true,
    },
    consoleUrl: awsConsoleUrls.deployment(ref, d.deploymentId!),
  });
}

export function toAlarmViews(
  names: string[],
  alarms: MetricAlarm[],
): AlarmView[] {
  const byName = new Map(alarms.map(a => [a.AlarmName, a]));
  return names.map(name => {
    const a = byName.get(name);
    if (!a) {
      return {
        name,
        state: 'UNKNOWN',
        reason: `CloudWatch has no alarm named ${name} in this account and region`,
      };
    }
    return compact({
      name,
      state: a.StateValue ?? 'UNKNOWN',
      reason: a.StateReason,
      updatedAt: iso(a.StateUpdatedTimestamp),
      metricName: a.MetricName,
      namespace: a.Namespace,
      threshold: a.Threshold,
      comparisonOperator: a.ComparisonOperator,
    });
  });
}

export function toDeploymentGroupView(
  ref: DeploymentGroupRef,
  group: DeploymentGroupDefinition,
  trafficRouting: TrafficRouting | undefined,
  recent: DeploymentView[],
): DeploymentGroupView {
  const current = recent.find(d => ACTIVE_DEPLOYMENT.has(d.status));
  return compact({
    arn: ref.arn,
    region: ref.region,
    accountId: ref.accountId,
    consoleUrl: awsConsoleUrls.deploymentGroup(
      ref,
      group.applicationName,
      group.deploymentGroupName,
    ),
    applicationName: group.applicationName,
    deploymentGroupName: group.deploymentGroupName,
    computePlatform: group.computePlatform,
    trafficRouting,
    blueGreen: group.blueGreen,
    autoRollback: group.autoRollback,
    current,
    recent,
  });
}

// ---------------------------------------------------------------- the clock

function event(
  d: DeploymentView,
  name: string,
): LifecycleEventView | undefined {
  for (const t of d.targets) {
    const e = t.lifecycleEvents.find(l => l.name === name);
    if (e) return e;
  }
  return undefined;
}

const ENDED = new Set(['Succeeded', 'Skipped']);

/**
 * Durations, the traffic step reached, the next shift and the blue/green
 * wait countdowns of one deployment, against `now` (AWS's time frame).
 * Everything comes from AWS timestamps and the traffic plan; returns a copy.
 */
export function deploymentWithClock(
  d: DeploymentView,
  group: Pick<DeploymentGroupView, 'trafficRouting' | 'blueGreen'>,
  now: Date,
): DeploymentView {
  const active = ACTIVE_DEPLOYMENT.has(d.status);
  const out: DeploymentView = {
    ...d,
    durationSeconds: secondsBetween(
      d.startTime ?? d.createTime,
      active ? now : d.completeTime,
    ),
  };
  delete out.currentStep;
  delete out.nextShiftInSeconds;
  delete out.readyWaitRemainingSeconds;
  delete out.terminationWaitRemainingSeconds;
  if (!active) return compact(out);

  // A rollback moves all traffic back at once: the plan does not apply.
  const routing =
    !d.isRollback &&
    group.trafficRouting &&
    (!d.deploymentConfigName ||
      d.deploymentConfigName === group.trafficRouting.deploymentConfigName)
      ? group.trafficRouting
      : undefined;
  const allow = event(d, 'AllowTraffic');
  if (routing && allow?.startTime) {
    const t0 = new Date(allow.startTime).getTime();
    const shifting = allow.status === 'InProgress';
    const ended = allow.status !== undefined && ENDED.has(allow.status);
    const elapsedMinutes = (now.getTime() - t0) / 60000;
    const { index, next } = trafficStepAt(routing.steps, elapsedMinutes);
    out.currentStep = ended ? routing.steps.length - 1 : index;
    if (shifting && next) {
      out.nextShiftInSeconds = secondsUntil(t0 + next.atMinute * 60000, now);
    }
  }

  const readyWait = group.blueGreen?.readyWait;
  if (d.status === 'Ready' && readyWait?.waitTimeInMinutes) {
    // The wait starts when the replacement is up and test traffic checked:
    // the end of the last lifecycle event that has finished.
    const ends = d.targets
      .flatMap(t => t.lifecycleEvents)
      .filter(e => e.endTime && e.status && ENDED.has(e.status))
      .map(e => new Date(e.endTime!).getTime());
    if (ends.length > 0) {
      out.readyWaitRemainingSeconds = secondsUntil(
        Math.max(...ends) + readyWait.waitTimeInMinutes * 60000,
        now,
      );
    }
  }

  const termination = group.blueGreen?.termination;
  const afterAllow = event(d, 'AfterAllowTraffic');
  if (
    d.possibleActions.continueTerminationWait &&
    termination?.terminationWaitTimeInMinutes !== undefined &&
    afterAllow?.endTime
  ) {
    out.terminationWaitRemainingSeconds = secondsUntil(
      new Date(afterAllow.endTime).getTime() +
        termination.terminationWaitTimeInMinutes * 60000,
      now,
    );
  }
  return compact(out);
}

export function deploymentGroupWithClock(
  view: DeploymentGroupView,
  now: Date,
): DeploymentGroupView {
  const recent = view.recent.map(d => deploymentWithClock(d, view, now));
  const current = view.current
    ? (recent.find(d => d.deploymentId === view.current!.deploymentId) ??
      deploymentWithClock(view.current, view, now))
    : undefined;
  return compact({ ...view, recent, current });
}
