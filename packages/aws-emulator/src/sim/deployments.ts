import { createHash } from 'node:crypto';
import type {
  AutoRollbackEvent,
  DeploymentConfigInfo,
  DeploymentCreator,
  DeploymentStatus,
  ECSTaskSet,
  ErrorCode,
  LifecycleEvent,
  RevisionLocation,
  TargetStatus,
} from '@aws-sdk/client-codedeploy';
import { arns } from '../arn';
import { AwsError } from '../errors';
import { predefinedDeploymentConfigs } from '../model/deploymentConfigs';
import {
  DeploymentGroupRecord,
  DeploymentRecord,
  DeploymentTargetRecord,
} from '../model/records';
import { Partition } from '../model/store';
import { AlarmEngine } from './alarms';
import { SimCore } from './core';

const LAMBDA_EVENTS = [
  'BeforeAllowTraffic',
  'AllowTraffic',
  'AfterAllowTraffic',
];
const ECS_EVENTS = [
  'BeforeInstall',
  'Install',
  'AfterInstall',
  'AllowTestTraffic',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AllowTraffic',
  'AfterAllowTraffic',
];
const ACTIVE: DeploymentStatus[] = [
  'Created',
  'Queued',
  'InProgress',
  'Baking',
  'Ready',
];

export function isActive(d: DeploymentRecord): boolean {
  return ACTIVE.includes(d.info.status!);
}

export interface CreateDeploymentOptions {
  creator: DeploymentCreator;
  description?: string;
  revision?: RevisionLocation;
  deploymentConfigName?: string;
  /** Overrides the group's auto-rollback configuration for this deployment. */
  autoRollback?: { enabled: boolean; events: AutoRollbackEvent[] };
  /** Internal: the deployment this one rolls back. */
  rollbackOf?: DeploymentRecord;
}

/** One step of traffic: after `delay` seconds, send `weight` percent to the new version. */
interface TrafficStep {
  delay: number;
  weight: number;
}

function trafficPlan(config: DeploymentConfigInfo | undefined): TrafficStep[] {
  const routing = config?.trafficRoutingConfig;
  if (routing?.type === 'TimeBasedCanary' && routing.timeBasedCanary) {
    const { canaryPercentage = 10, canaryInterval = 5 } =
      routing.timeBasedCanary;
    return [
      { delay: 0, weight: canaryPercentage },
      { delay: canaryInterval * 60, weight: 100 },
    ];
  }
  if (routing?.type === 'TimeBasedLinear' && routing.timeBasedLinear) {
    const { linearPercentage = 10, linearInterval = 1 } =
      routing.timeBasedLinear;
    const steps: TrafficStep[] = [];
    for (let w = linearPercentage, k = 0; ; w += linearPercentage, k++) {
      steps.push({
        delay: k === 0 ? 0 : linearInterval * 60,
        weight: Math.min(100, w),
      });
      if (w >= 100) break;
    }
    return steps;
  }
  return [{ delay: 0, weight: 100 }];
}

/** A version-like appspec `TargetVersion` / task definition revision from a revision's content, if present. */
function revisionNumberFrom(
  revision: RevisionLocation | undefined,
  key: RegExp,
): number | undefined {
  const content =
    revision?.appSpecContent?.content ?? revision?.string?.content;
  const match = content?.match(key);
  return match ? Number(match[1]) : undefined;
}

function appSpecRevision(content: object): RevisionLocation {
  const text = JSON.stringify(content);
  return {
    revisionType: 'AppSpecContent',
    appSpecContent: {
      content: text,
      sha256: createHash('sha256').update(text).digest('hex'),
    },
  };
}

/**
 * CodeDeploy deployments for the Lambda and ECS platforms: lifecycle events, traffic shifting per deployment
 * configuration, blue/green waits, alarm monitoring, stops and rollbacks.
 */
export class DeploymentEngine {
  constructor(
    private readonly core: SimCore,
    private readonly alarms: AlarmEngine,
  ) {
    alarms.onChange((partition, alarm) => {
      if (alarm.alarm.StateValue !== 'ALARM') return;
      for (const d of partition.deployments.values()) {
        if (
          isActive(d) &&
          this.watchedAlarms(partition, d).includes(alarm.alarm.AlarmName)
        ) {
          this.stopForAlarms(partition, d, [alarm.alarm.AlarmName]);
        }
      }
    });
  }

  config(partition: Partition, name: string): DeploymentConfigInfo | undefined {
    return (
      predefinedDeploymentConfigs.get(name) ??
      partition.deploymentConfigs.get(name)
    );
  }

  group(
    partition: Partition,
    application: string,
    group: string,
  ): DeploymentGroupRecord | undefined {
    return partition.applications.get(application)?.groups.get(group);
  }

  active(
    partition: Partition,
    application: string,
    group: string,
  ): DeploymentRecord | undefined {
    for (const d of partition.deployments.values()) {
      if (
        d.info.applicationName === application &&
        d.info.deploymentGroupName === group &&
        isActive(d)
      )
        return d;
    }
    return undefined;
  }

  /** The revision a new pipeline release deploys: the next Lambda version or task definition revision. */
  nextRevision(
    partition: Partition,
    group: DeploymentGroupRecord,
  ): RevisionLocation {
    const scope = partition.scope;
    if (group.lambda) {
      const l = group.lambda;
      return appSpecRevision({
        version: 0.0,
        Resources: [
          {
            [l.functionName]: {
              Type: 'AWS::Lambda::Function',
              Properties: {
                Name: l.functionName,
                Alias: l.alias,
                CurrentVersion: String(l.version),
                TargetVersion: String(l.version + 1),
              },
            },
          },
        ],
      });
    }
    const e = group.ecs!;
    return appSpecRevision({
      version: 0.0,
      Resources: [
        {
          TargetService: {
            Type: 'AWS::ECS::Service',
            Properties: {
              TaskDefinition: arns.taskDefinition(
                scope,
                e.taskDefinitionFamily,
                e.taskDefinitionRevision + 1,
              ),
              LoadBalancerInfo: {
                ContainerName: e.serviceName,
                ContainerPort: 8080,
              },
            },
          },
        },
      ],
    });
  }

  create(
    partition: Partition,
    group: DeploymentGroupRecord,
    options: CreateDeploymentOptions,
  ): DeploymentRecord {
    const { clock, rng } = this.core;
    const scope = partition.scope;
    const info = group.info;
    if (
      this.active(partition, info.applicationName, info.deploymentGroupName)
    ) {
      throw new AwsError(
        'DeploymentLimitExceededException',
        `The Deployment Group '${info.deploymentGroupName}' for Application '${info.applicationName}' already has an active Deployment`,
      );
    }
    const configName =
      options.deploymentConfigName ??
      info.deploymentConfigName ??
      'CodeDeployDefault.LambdaAllAtOnce';
    const now = clock.now();
    const id = `d-${rng.alnum(9)}`;
    const rollbackOf = options.rollbackOf;
    const revision = options.revision ?? this.nextRevision(partition, group);
    const target = this.newTarget(partition, group, revision, rollbackOf);
    const d: DeploymentRecord = {
      scope,
      info: {
        applicationName: info.applicationName,
        deploymentGroupName: info.deploymentGroupName,
        deploymentConfigName: configName,
        deploymentId: id,
        // What the group runs today: the last successful revision (or the one the scenario started with).
        previousRevision: rollbackOf
          ? rollbackOf.info.revision
          : info.targetRevision,
        revision: rollbackOf
          ? (rollbackOf.info.previousRevision ?? revision)
          : revision,
        status: 'Created',
        createTime: now,
        description: options.description,
        creator: options.creator,
        ignoreApplicationStopFailures: false,
        autoRollbackConfiguration: options.autoRollback
          ? {
              enabled: options.autoRollback.enabled,
              events: options.autoRollback.events,
            }
          : info.autoRollbackConfiguration,
        updateOutdatedInstancesOnly: false,
        deploymentStyle: info.deploymentStyle,
        instanceTerminationWaitTimeStarted: false,
        blueGreenDeploymentConfiguration: info.blueGreenDeploymentConfiguration,
        loadBalancerInfo: info.loadBalancerInfo,
        deploymentStatusMessages: [],
        computePlatform: info.computePlatform,
      },
      target,
      timers: [],
      settled: [],
      isRollback: Boolean(rollbackOf),
    };
    this.updateOverview(d);
    partition.deployments.set(id, d);
    info.lastAttemptedDeployment = {
      deploymentId: id,
      status: 'Created',
      createTime: now,
    };

    if (!rollbackOf) this.armScriptedFaults(partition, group, d);
    this.later(d, rng.between(1, 3), () => this.begin(partition, group, d));
    return d;
  }

  /** Calls `fn` once the deployment is Succeeded, Failed or Stopped (immediately if it already is). */
  whenSettled(d: DeploymentRecord, fn: (d: DeploymentRecord) => void): void {
    if (isActive(d)) d.settled.push(fn);
    else fn(d);
  }

  /** StopDeployment. */
  stop(partition: Partition, d: DeploymentRecord, rollback: boolean): void {
    this.finish(
      partition,
      d,
      'Stopped',
      { code: 'MANUAL_STOP', message: 'The deployment was stopped by a user' },
      rollback,
    );
  }

  /** ContinueDeployment. */
  continue(
    d: DeploymentRecord,
    waitType: 'READY_WAIT' | 'TERMINATION_WAIT',
  ): void {
    if (d.info.computePlatform === 'Lambda') {
      throw new AwsError(
        'UnsupportedActionForDeploymentTypeException',
        'ContinueDeployment is only supported for blue/green deployments with a wait time',
      );
    }
    if (!isActive(d)) {
      throw new AwsError(
        'DeploymentAlreadyCompletedException',
        `The deployment ${d.info.deploymentId} has already completed`,
      );
    }
    if (d.waiting !== waitType) {
      throw new AwsError(
        'DeploymentIsNotInReadyStateException',
        `The deployment ${d.info.deploymentId} is not waiting for ${waitType === 'READY_WAIT' ? 'traffic rerouting' : 'the termination of the original task set'}`,
      );
    }
    const resume = this.resumeWaiting.get(d.info.deploymentId);
    this.resumeWaiting.delete(d.info.deploymentId);
    resume?.();
  }

  private readonly resumeWaiting = new Map<string, () => void>();

  // ---- targets -------------------------------------------------------------------------------------------------

  private newTarget(
    partition: Partition,
    group: DeploymentGroupRecord,
    revision: RevisionLocation,
    rollbackOf: DeploymentRecord | undefined,
  ): DeploymentTargetRecord {
    const scope = partition.scope;
    const now = this.core.clock.now();
    if (group.lambda) {
      const l = group.lambda;
      const failedVersion = rollbackOf?.target.lambda?.targetVersion;
      const targetVersion = rollbackOf
        ? l.version
        : (revisionNumberFrom(revision, /"TargetVersion"\s*:\s*"?(\d+)/) ??
          l.version + 1);
      return {
        targetId: `${l.functionName}:${l.alias}`,
        targetArn: `${arns.lambdaFunction(scope, l.functionName)}:${l.alias}`,
        status: 'Pending',
        lastUpdatedAt: now,
        lifecycleEvents: LAMBDA_EVENTS.map(name => ({
          lifecycleEventName: name,
          status: 'Pending',
        })),
        lambda: {
          functionName: l.functionName,
          functionAlias: l.alias,
          currentVersion: rollbackOf
            ? (failedVersion ?? String(l.version))
            : String(l.version),
          targetVersion: String(targetVersion),
          targetVersionWeight: 0,
        },
      };
    }
    const e = group.ecs!;
    const blue: ECSTaskSet = {
      identifer: e.taskSetId,
      desiredCount: e.desiredCount,
      pendingCount: 0,
      runningCount: e.desiredCount,
      status: 'PRIMARY',
      trafficWeight: 100,
      targetGroup: { name: e.blueTargetGroup },
      taskSetLabel: 'Blue',
    };
    // A rollback drains the replacement task set the failed deployment created.
    const failedGreen = rollbackOf?.target.taskSets?.find(
      t => t.taskSetLabel === 'Green',
    );
    return {
      targetId: `${e.clusterName}:${e.serviceName}`,
      targetArn: arns.ecsService(scope, e.clusterName, e.serviceName),
      status: 'Pending',
      lastUpdatedAt: now,
      lifecycleEvents: ECS_EVENTS.map(name => ({
        lifecycleEventName: name,
        status: 'Pending',
      })),
      taskSets: failedGreen ? [blue, { ...failedGreen }] : [blue],
    };
  }

  private event(d: DeploymentRecord, name: string): LifecycleEvent {
    return d.target.lifecycleEvents.find(e => e.lifecycleEventName === name)!;
  }

  private setTarget(d: DeploymentRecord, status: TargetStatus): void {
    d.target.status = status;
    d.target.lastUpdatedAt = this.core.clock.now();
    this.updateOverview(d);
  }

  private updateOverview(d: DeploymentRecord): void {
    const counts = {
      Pending: 0,
      InProgress: 0,
      Succeeded: 0,
      Failed: 0,
      Skipped: 0,
      Ready: 0,
    };
    const key = d.target.status as keyof typeof counts;
    if (key in counts) counts[key] += 1;
    d.info.deploymentOverview = counts;
  }

  // ---- the run -------------------------------------------------------------------------------------------------

  private later(d: DeploymentRecord, seconds: number, fn: () => void): void {
    d.timers.push(this.core.clock.after(seconds, fn));
  }

  private watchedAlarms(partition: Partition, d: DeploymentRecord): string[] {
    if (d.isRollback) return [];
    const group = this.group(
      partition,
      d.info.applicationName,
      d.info.deploymentGroupName,
    );
    const config =
      d.info.overrideAlarmConfiguration ?? group?.info.alarmConfiguration;
    if (!config?.enabled) return [];
    return (config.alarms ?? []).map(a => a.name!).filter(Boolean);
  }

  /** Stops the deployment if a watched alarm is firing; true when it did. */
  private checkAlarms(partition: Partition, d: DeploymentRecord): boolean {
    const firing = this.alarms.firing(
      partition,
      this.watchedAlarms(partition, d),
    );
    if (firing.length === 0) return false;
    this.stopForAlarms(partition, d, firing);
    return true;
  }

  private stopForAlarms(
    partition: Partition,
    d: DeploymentRecord,
    firing: string[],
  ): void {
    const events = d.info.autoRollbackConfiguration?.enabled
      ? (d.info.autoRollbackConfiguration.events ?? [])
      : [];
    this.finish(
      partition,
      d,
      'Stopped',
      {
        code: 'ALARM_ACTIVE',
        message: `One or more alarms have been activated according to the Amazon CloudWatch metrics you selected, and the affected deployments have been stopped. Activated alarms: <${firing.join(', ')}>`,
      },
      events.includes('DEPLOYMENT_STOP_ON_ALARM'),
    );
  }

  private armScriptedFaults(
    partition: Partition,
    group: DeploymentGroupRecord,
    d: DeploymentRecord,
  ): void {
    const plan = group.alarmPlans.shift();
    if (plan) {
      this.later(d, plan.after, () => {
        this.alarms.setState(
          partition,
          plan.alarm,
          'ALARM',
          'Threshold Crossed: 1 datapoint was greater than the threshold',
        );
        if (plan.clearAfter !== undefined) {
          this.core.clock.after(plan.clearAfter, () =>
            this.alarms.setState(
              partition,
              plan.alarm,
              'OK',
              'Threshold Crossed: no datapoints were greater than the threshold',
            ),
          );
        }
      });
    }
    if (group.hookFailures.length > 0)
      this.failingHooks.set(
        d.info.deploymentId,
        new Set(group.hookFailures.splice(0)),
      );
  }

  private readonly failingHooks = new Map<string, Set<string>>();

  private begin(
    partition: Partition,
    group: DeploymentGroupRecord,
    d: DeploymentRecord,
  ): void {
    const now = this.core.clock.now();
    d.info.status = 'InProgress';
    d.info.startTime = now;
    group.info.lastAttemptedDeployment = {
      deploymentId: d.info.deploymentId,
      status: 'InProgress',
      createTime: d.info.createTime,
    };
    this.setTarget(d, 'InProgress');
    if (this.checkAlarms(partition, d)) return;
    if (d.target.lambda) this.runLambda(partition, group, d);
    else this.runEcs(partition, group, d);
  }

  /** Runs a lifecycle hook event: ~hookSeconds when a hook is configured, Skipped otherwise. */
  private hook(
    partition: Partition,
    group: DeploymentGroupRecord,
    d: DeploymentRecord,
    name: string,
    next: () => void,
  ): void {
    const ev = this.event(d, name);
    const now = this.core.clock.now();
    if (d.isRollback || !group.hooks.has(name)) {
      ev.status = 'Skipped';
      ev.startTime = now;
      ev.endTime = now;
      next();
      return;
    }
    ev.status = 'InProgress';
    ev.startTime = now;
    this.later(d, group.hookSeconds * this.core.rng.between(0.8, 1.2), () => {
      ev.endTime = this.core.clock.now();
      if (this.failingHooks.get(d.info.deploymentId)?.has(name)) {
        ev.status = 'Failed';
        ev.diagnostics = {
          errorCode: 'ScriptFailed',
          scriptName: `${name}Hook`,
          message: `The ${name} hook reported Failed`,
          logTail: `${name} validation failed: health check returned 500`,
        };
        this.fail(
          partition,
          d,
          'HOOK_EXECUTION_FAILURE',
          `The deployment failed because a hook (${name}) reported Failed.`,
        );
        return;
      }
      ev.status = 'Succeeded';
      if (!this.checkAlarms(partition, d)) next();
    });
  }

  /** Event InProgress now, then Succeeded after `seconds`. */
  private timedEvent(
    partition: Partition,
    d: DeploymentRecord,
    name: string,
    seconds: number,
    next: () => void,
  ): void {
    const ev = this.event(d, name);
    ev.status = 'InProgress';
    ev.startTime = this.core.clock.now();
    this.later(d, seconds, () => {
      ev.status = 'Succeeded';
      ev.endTime = this.core.clock.now();
      if (!this.checkAlarms(partition, d)) next();
    });
  }

  /** AllowTraffic: walks the traffic plan, calling `apply(weight)` at each step. */
  private shiftTraffic(
    partition: Partition,
    d: DeploymentRecord,
    apply: (weight: number) => void,
    next: () => void,
  ): void {
    const ev = this.event(d, 'AllowTraffic');
    ev.status = 'InProgress';
    ev.startTime = this.core.clock.now();
    const plan = d.isRollback
      ? [{ delay: 0, weight: 100 }]
      : trafficPlan(this.config(partition, d.info.deploymentConfigName!));
    let offset = 0;
    plan.forEach((step, i) => {
      offset += step.delay;
      const run = () => {
        if (this.checkAlarms(partition, d)) return;
        apply(step.weight);
        d.target.lastUpdatedAt = this.core.clock.now();
        if (i === plan.length - 1) {
          this.later(d, this.core.rng.between(2, 5), () => {
            ev.status = 'Succeeded';
            ev.endTime = this.core.clock.now();
            next();
          });
        }
      };
      if (offset === 0) run();
      else this.later(d, offset, run);
    });
  }

  private runLambda(
    partition: Partition,
    group: DeploymentGroupRecord,
    d: DeploymentRecord,
  ): void {
    const info = d.target.lambda!;
    this.hook(partition, group, d, 'BeforeAllowTraffic', () =>
      this.shiftTraffic(
        partition,
        d,
        weight => {
          info.targetVersionWeight = weight / 100;
        },
        () =>
          this.hook(partition, group, d, 'AfterAllowTraffic', () =>
            this.succeed(group, d),
          ),
      ),
    );
  }

  private runEcs(
    partition: Partition,
    group: DeploymentGroupRecord,
    d: DeploymentRecord,
  ): void {
    const { rng } = this.core;
    const e = group.ecs!;
    const sets = d.target.taskSets!;
    const blue = sets[0];
    if (d.isRollback) {
      // Traffic back to the original task set, the replacement drained.
      const green = sets.find(s => s.taskSetLabel === 'Green');
      for (const name of [
        'BeforeInstall',
        'Install',
        'AfterInstall',
        'AllowTestTraffic',
        'AfterAllowTestTraffic',
      ]) {
        const ev = this.event(d, name);
        ev.status = 'Skipped';
      }
      this.hook(partition, group, d, 'BeforeAllowTraffic', () =>
        this.shiftTraffic(
          partition,
          d,
          () => {
            blue.trafficWeight = 100;
            blue.status = 'PRIMARY';
            if (green) {
              green.trafficWeight = 0;
              green.status = 'DRAINING';
            }
          },
          () =>
            this.hook(partition, group, d, 'AfterAllowTraffic', () =>
              this.succeed(group, d),
            ),
        ),
      );
      return;
    }
    const green: ECSTaskSet = {
      identifer: `ecs-svc/${rng.digits(19)}`,
      desiredCount: e.desiredCount,
      pendingCount: e.desiredCount,
      runningCount: 0,
      status: 'ACTIVE',
      trafficWeight: 0,
      targetGroup: { name: e.greenTargetGroup },
      taskSetLabel: 'Green',
    };
    const bg = d.info.blueGreenDeploymentConfiguration;
    const readyWait =
      bg?.deploymentReadyOption?.actionOnTimeout === 'STOP_DEPLOYMENT'
        ? (bg.deploymentReadyOption.waitTimeInMinutes ?? 0)
        : 0;
    const terminate = bg?.terminateBlueInstancesOnDeploymentSuccess;
    const terminationWait =
      terminate?.action === 'KEEP_ALIVE'
        ? undefined
        : (terminate?.terminationWaitTimeInMinutes ?? 0);

    // The steps, defined from last to first: each hands over to the next.
    const termination = () => {
      const done = () => {
        d.waiting = undefined;
        blue.status = 'DRAINING';
        this.later(d, rng.between(5, 15), () => {
          d.target.taskSets = sets.filter(s => s !== blue);
          this.succeed(group, d, green);
        });
      };
      if (terminationWait === undefined) {
        this.succeed(group, d, green);
        return;
      }
      if (terminationWait <= 0) {
        done();
        return;
      }
      d.waiting = 'TERMINATION_WAIT';
      d.info.instanceTerminationWaitTimeStarted = true;
      const timer = this.core.clock.after(terminationWait * 60, () => {
        if (d.waiting !== 'TERMINATION_WAIT') return;
        this.resumeWaiting.delete(d.info.deploymentId);
        done();
      });
      d.timers.push(timer);
      this.resumeWaiting.set(d.info.deploymentId, () => {
        timer.cancel();
        done();
      });
    };
    const reroute = () =>
      this.hook(partition, group, d, 'BeforeAllowTraffic', () =>
        this.shiftTraffic(
          partition,
          d,
          weight => {
            green.trafficWeight = weight;
            blue.trafficWeight = 100 - weight;
            if (weight === 100) {
              green.status = 'PRIMARY';
              blue.status = 'ACTIVE';
            }
          },
          () =>
            this.hook(partition, group, d, 'AfterAllowTraffic', termination),
        ),
      );
    const ready = () => {
      if (readyWait <= 0) {
        reroute();
        return;
      }
      d.waiting = 'READY_WAIT';
      d.info.status = 'Ready';
      this.setTarget(d, 'Ready');
      const timeout = this.core.clock.after(readyWait * 60, () => {
        if (d.waiting !== 'READY_WAIT') return;
        this.resumeWaiting.delete(d.info.deploymentId);
        d.waiting = undefined;
        this.fail(
          partition,
          d,
          'TIMEOUT',
          `The deployment timed out while waiting for traffic to be rerouted to the replacement task set (waited ${readyWait} minutes).`,
          'Stopped',
        );
      });
      d.timers.push(timeout);
      this.resumeWaiting.set(d.info.deploymentId, () => {
        timeout.cancel();
        d.waiting = undefined;
        d.info.status = 'InProgress';
        this.setTarget(d, 'InProgress');
        reroute();
      });
    };
    const testTraffic = () => {
      if (e.testPort === undefined) {
        const ev = this.event(d, 'AllowTestTraffic');
        ev.status = 'Skipped';
        this.hook(partition, group, d, 'AfterAllowTestTraffic', ready);
        return;
      }
      this.timedEvent(
        partition,
        d,
        'AllowTestTraffic',
        rng.between(5, 12),
        () => {
          d.info.deploymentStatusMessages = [
            `Test traffic is routed to the replacement task set on port ${e.testPort}`,
          ];
          this.hook(partition, group, d, 'AfterAllowTestTraffic', ready);
        },
      );
    };
    const install = () => {
      const ev = this.event(d, 'Install');
      ev.status = 'InProgress';
      ev.startTime = this.core.clock.now();
      sets.push(green);
      this.later(d, rng.between(25, 45), () => {
        green.pendingCount = 0;
        green.runningCount = green.desiredCount;
      });
      this.later(d, rng.between(60, 90), () => {
        ev.status = 'Succeeded';
        ev.endTime = this.core.clock.now();
        if (!this.checkAlarms(partition, d))
          this.hook(partition, group, d, 'AfterInstall', testTraffic);
      });
    };
    this.hook(partition, group, d, 'BeforeInstall', install);
  }

  // ---- endings -------------------------------------------------------------------------------------------------

  private succeed(
    group: DeploymentGroupRecord,
    d: DeploymentRecord,
    green?: ECSTaskSet,
  ): void {
    const now = this.core.clock.now();
    d.info.status = 'Succeeded';
    d.info.completeTime = now;
    this.setTarget(d, 'Succeeded');
    if (!d.isRollback) {
      if (group.lambda && d.target.lambda)
        group.lambda.version = Number(d.target.lambda.targetVersion);
      if (group.ecs && green) {
        group.ecs.taskSetId = green.identifer!;
        group.ecs.taskDefinitionRevision =
          revisionNumberFrom(
            d.info.revision,
            /task-definition\/[^:"]+:(\d+)/,
          ) ?? group.ecs.taskDefinitionRevision + 1;
        // Blue and green target groups swap roles for the next deployment.
        [group.ecs.blueTargetGroup, group.ecs.greenTargetGroup] = [
          group.ecs.greenTargetGroup,
          group.ecs.blueTargetGroup,
        ];
      }
      group.info.targetRevision = d.info.revision;
    }
    group.info.lastSuccessfulDeployment = {
      deploymentId: d.info.deploymentId,
      status: 'Succeeded',
      endTime: now,
      createTime: d.info.createTime,
    };
    this.settle(group, d);
  }

  private fail(
    partition: Partition,
    d: DeploymentRecord,
    code: ErrorCode,
    message: string,
    status: 'Failed' | 'Stopped' = 'Failed',
  ): void {
    const events = d.info.autoRollbackConfiguration?.enabled
      ? (d.info.autoRollbackConfiguration.events ?? [])
      : [];
    this.finish(
      partition,
      d,
      status,
      { code, message },
      events.includes('DEPLOYMENT_FAILURE'),
    );
  }

  /** Ends an active deployment as Failed or Stopped, optionally starting its rollback. */
  private finish(
    partition: Partition,
    d: DeploymentRecord,
    status: 'Failed' | 'Stopped',
    error: { code: ErrorCode; message: string },
    rollback: boolean,
  ): void {
    if (!isActive(d)) return;
    for (const t of d.timers) t.cancel();
    d.timers = [];
    d.waiting = undefined;
    this.resumeWaiting.delete(d.info.deploymentId);
    this.failingHooks.delete(d.info.deploymentId);
    const now = this.core.clock.now();
    d.info.status = status;
    d.info.errorInformation = error;
    d.info.completeTime = now;
    for (const ev of d.target.lifecycleEvents) {
      if (ev.status === 'InProgress') {
        ev.status = 'Failed';
        ev.endTime = now;
        ev.diagnostics ??= {
          errorCode: 'UnknownError',
          message: error.message,
        };
      } else if (ev.status === 'Pending') {
        ev.status = 'Skipped';
      }
    }
    this.setTarget(d, 'Failed');
    const group = this.group(
      partition,
      d.info.applicationName,
      d.info.deploymentGroupName,
    )!;
    if (rollback && !d.isRollback && d.info.previousRevision) {
      const rb = this.create(partition, group, {
        creator: 'codeDeployRollback',
        description: `Rollback of deployment ${d.info.deploymentId}`,
        rollbackOf: d,
      });
      d.info.rollbackInfo = {
        rollbackDeploymentId: rb.info.deploymentId,
        rollbackMessage: `Deployment ${d.info.deploymentId} was rolled back by deployment ${rb.info.deploymentId}.`,
      };
      rb.info.rollbackInfo = {
        rollbackTriggeringDeploymentId: d.info.deploymentId,
        rollbackMessage: `Automatic rollback of deployment ${d.info.deploymentId} (${error.code}).`,
      };
    } else if (d.target.lambda && !d.isRollback) {
      // Without a rollback the alias stays on the version it was serving.
      d.target.lambda.targetVersionWeight = 0;
    }
    this.settle(group, d);
  }

  private settle(group: DeploymentGroupRecord, d: DeploymentRecord): void {
    group.info.lastAttemptedDeployment = {
      deploymentId: d.info.deploymentId,
      status: d.info.status,
      endTime: d.info.completeTime,
      createTime: d.info.createTime,
    };
    const callbacks = d.settled.splice(0);
    for (const cb of callbacks) cb(d);
  }
}
