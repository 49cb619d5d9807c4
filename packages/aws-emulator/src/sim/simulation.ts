import { Scope } from '../arn';
import { SimClock } from '../clock';
import {
  ActionRun,
  Commit,
  DeploymentRecord,
  ExecutionRecord,
  PipelineRecord,
} from '../model/records';
import { Partition, Store } from '../model/store';
import { Rng } from '../rng';
import { AlarmEngine } from './alarms';
import { BuildEngine } from './builds';
import { SimCore } from './core';
import { DeploymentEngine, isActive } from './deployments';
import { Identities } from './identity';
import { PipelineEngine } from './pipelines';

/** Thrown by the simulation handle when a test names something that does not exist. */
export class SimulationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationError';
  }
}

const SUMMARIES = [
  'Fix null check in request handler',
  'Bump aws-sdk to latest',
  'Add retries to downstream client',
  'Improve logging of failed requests',
  'Refactor configuration loading',
  'Add metrics for cache hit rate',
  'Handle empty payloads gracefully',
  'Update dependencies',
  'Tune timeouts for the database pool',
  'Add feature flag for new pricing',
  'Fix flaky integration test',
  'Reduce cold start time',
];

const AUTHORS = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Katherine Johnson',
  'Linus Torvalds',
  'Margaret Hamilton',
];

/**
 * The simulation: engines over one store and clock, plus the operations a script or a test performs by name
 * (the "state" handle of the emulator).
 */
export class Simulation implements SimCore {
  readonly store = new Store();
  readonly rng: Rng;
  readonly alarms: AlarmEngine;
  readonly builds: BuildEngine;
  readonly deployments: DeploymentEngine;
  readonly pipelines: PipelineEngine;
  /** Access key id -> account. */
  readonly accessKeys = new Map<string, string>();
  /** Callers: users of static keys and the role sessions STS AssumeRole handed out. */
  readonly identities = new Identities(
    this.accessKeys,
    () => this.defaultScope.account,
  );

  constructor(
    readonly clock: SimClock,
    readonly defaultScope: Scope,
    seed: number | string,
  ) {
    this.rng = new Rng(seed);
    this.alarms = new AlarmEngine(this);
    this.builds = new BuildEngine(this);
    this.deployments = new DeploymentEngine(this, this.alarms);
    this.pipelines = new PipelineEngine(this, this.builds, this.deployments);
  }

  partition(scope: Scope = this.defaultScope): Partition {
    return this.store.partition(scope);
  }

  /** Finds a resource by name: in the default account and region first, then anywhere. */
  private find<T>(
    pick: (p: Partition) => T | undefined,
    what: string,
  ): { partition: Partition; value: T } {
    const partitions = [
      this.partition(),
      ...this.store.all().filter(p => p !== this.partition()),
    ];
    for (const partition of partitions) {
      const value = pick(partition);
      if (value !== undefined) return { partition, value };
    }
    throw new SimulationError(`${what} does not exist`);
  }

  pipeline(name: string): { partition: Partition; value: PipelineRecord } {
    return this.find(p => p.pipelines.get(name), `Pipeline ${name}`);
  }

  /** A commit lands on the pipeline's branch and starts an execution; returns its id. */
  pushCommit(
    pipelineName: string,
    commit: { revisionId?: string; summary?: string; author?: string } = {},
  ): string {
    const { partition, value } = this.pipeline(pipelineName);
    const revisionId = commit.revisionId ?? this.rng.hex(40);
    const repo =
      value.declaration.stages[0]?.actions[0]?.configuration?.FullRepositoryId;
    const full: Commit = {
      revisionId,
      summary: commit.summary ?? this.rng.pick(SUMMARIES),
      author: commit.author ?? this.rng.pick(AUTHORS),
      created: this.clock.now(),
      url: repo ? `https://github.com/${repo}/commit/${revisionId}` : undefined,
    };
    return this.pipelines.pushCommit(partition, value, full).id;
  }

  /** StartPipelineExecution on behalf of the script. */
  startExecution(pipelineName: string): string {
    const { partition, value } = this.pipeline(pipelineName);
    return this.pipelines.start(partition, value, {
      trigger: {
        triggerType: 'StartPipelineExecution',
        triggerDetail: 'liftoff-aws-emulator',
      },
    }).id;
  }

  /** Sets a CloudWatch alarm state (deployments watching it react at once). */
  setAlarmState(
    name: string,
    state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA',
    reason?: string,
  ): void {
    const { partition } = this.find(p => p.alarms.get(name), `Alarm ${name}`);
    this.alarms.setState(
      partition,
      name,
      state,
      reason ?? `Set by the emulator script to ${state}`,
    );
  }

  /** The next build of `project` fails in `phase`. */
  failNextBuild(
    project: string,
    options: {
      phase?: string;
      message?: string;
      status?: 'FAILED' | 'FAULT' | 'TIMED_OUT';
    } = {},
  ): void {
    const { value } = this.find(
      p => p.projects.get(project),
      `CodeBuild project ${project}`,
    );
    value.failNext.push({
      phase: options.phase ?? 'BUILD',
      status: options.status ?? 'FAILED',
      message:
        options.message ??
        'Error while executing command: npm run build. Reason: exit status 1',
    });
  }

  private groupOf(application: string, group?: string) {
    const { partition, value: app } = this.find(
      p => p.applications.get(application),
      `Application ${application}`,
    );
    const g = group ? app.groups.get(group) : [...app.groups.values()][0];
    if (!g)
      throw new SimulationError(
        `Deployment group ${application}/${group ?? '(any)'} does not exist`,
      );
    return { partition, app, group: g };
  }

  /** The next deployment of the group sets `alarm` to ALARM `after` seconds in (and back to OK after `clearAfter`). */
  planDeploymentAlarm(
    application: string,
    plan: {
      group?: string;
      alarm: string;
      after?: number;
      clearAfter?: number;
    },
  ): void {
    const { group } = this.groupOf(application, plan.group);
    group.alarmPlans.push({
      alarm: plan.alarm,
      after: plan.after ?? 120,
      clearAfter: plan.clearAfter,
    });
  }

  /** The next deployment of the group fails in lifecycle hook `event`. */
  failNextHook(application: string, event: string, group?: string): void {
    this.groupOf(application, group).group.hookFailures.push(event);
  }

  /** The active deployment of a group, if any. */
  activeDeployment(
    application: string,
    group?: string,
  ): DeploymentRecord | undefined {
    const { partition, group: g } = this.groupOf(application, group);
    return this.deployments.active(
      partition,
      application,
      g.info.deploymentGroupName,
    );
  }

  /** ContinueDeployment on the group's active deployment; false when it is not waiting. */
  continueDeployment(
    application: string,
    waitType: 'READY_WAIT' | 'TERMINATION_WAIT' = 'READY_WAIT',
    group?: string,
  ): boolean {
    const d = this.activeDeployment(application, group);
    if (!d || d.waiting !== waitType) return false;
    this.deployments.continue(d, waitType);
    return true;
  }

  /** StopDeployment on the group's active deployment; false when there is none. */
  stopDeployment(
    application: string,
    rollback: boolean,
    group?: string,
  ): boolean {
    const { partition } = this.groupOf(application, group);
    const d = this.activeDeployment(application, group);
    if (!d || !isActive(d)) return false;
    this.deployments.stop(partition, d, rollback);
    return true;
  }

  /** The pending manual approval of a pipeline, if any. */
  pendingApproval(
    pipelineName: string,
    stage?: string,
    action?: string,
  ): ActionRun | undefined {
    const { value } = this.pipeline(pipelineName);
    for (const exec of [...value.executions].reverse()) {
      for (const s of exec.stages.values()) {
        if (stage && s.name !== stage) continue;
        for (const run of s.actions.values()) {
          if (action && run.actionName !== action) continue;
          if (run.status === 'InProgress' && run.token) return run;
        }
      }
    }
    return undefined;
  }

  /** Approves or rejects the pending approval; false when none is pending. */
  decideApproval(
    pipelineName: string,
    decision: {
      stage?: string;
      action?: string;
      result?: 'Approved' | 'Rejected';
      summary?: string;
    },
  ): boolean {
    const run = this.pendingApproval(
      pipelineName,
      decision.stage,
      decision.action,
    );
    if (!run) return false;
    const { partition, value } = this.pipeline(pipelineName);
    this.pipelines.approve(
      partition,
      value,
      run.stageName,
      run.actionName,
      run.token!,
      decision.result ?? 'Approved',
      decision.summary ??
        (decision.result === 'Rejected'
          ? 'Rejected by release manager'
          : 'Looks good'),
      'arn:aws:iam::emulator:user/script',
    );
    return true;
  }

  /** Latest execution of a pipeline. */
  latestExecution(pipelineName: string): ExecutionRecord | undefined {
    const { value } = this.pipeline(pipelineName);
    return value.executions[value.executions.length - 1];
  }
}
