import type {
  ErrorDetails,
  ExecutionTrigger,
  SourceRevision,
} from '@aws-sdk/client-codepipeline';
import { consoleUrls } from '../arn';
import { AwsError } from '../errors';
import {
  ActionDeclarationRecord,
  ActionRun,
  Commit,
  DeploymentRecord,
  ExecutionRecord,
  PipelineRecord,
  StageRun,
} from '../model/records';
import { Partition } from '../model/store';
import { BuildEngine } from './builds';
import { SimCore } from './core';
import { DeploymentEngine } from './deployments';

/** How long a manual approval waits before it fails (AWS: 7 days). */
const APPROVAL_TIMEOUT_SECONDS = 7 * 24 * 3600;

export interface StartOptions {
  trigger: ExecutionTrigger;
  /** Overrides the source revision (StartPipelineExecution sourceRevisions). */
  commit?: Commit;
  variables?: { name: string; value: string }[];
}

function minRunOrder(actions: ActionDeclarationRecord[]): number {
  return Math.min(...actions.map(a => a.runOrder ?? 1));
}

/**
 * CodePipeline executions: stage by stage, action by action in runOrder, with stage locks per execution mode
 * (SUPERSEDED: a newer execution replaces one waiting at a transition; QUEUED: they wait in order; PARALLEL: no locks).
 */
export class PipelineEngine {
  constructor(
    private readonly core: SimCore,
    private readonly builds: BuildEngine,
    private readonly deployments: DeploymentEngine,
  ) {}

  private now(): Date {
    return this.core.clock.now();
  }

  private mode(pipeline: PipelineRecord) {
    return pipeline.declaration.executionMode ?? 'SUPERSEDED';
  }

  private touch(exec: ExecutionRecord): void {
    exec.lastUpdateTime = this.now();
  }

  // ---- starting ------------------------------------------------------------------------------------------------

  /** A commit lands on the tracked branch: it becomes the head and starts an execution. */
  pushCommit(
    partition: Partition,
    pipeline: PipelineRecord,
    commit: Commit,
  ): ExecutionRecord {
    pipeline.head = commit;
    const source = pipeline.declaration.stages[0]?.actions[0];
    const provider = source?.actionTypeId?.provider;
    const trigger: ExecutionTrigger =
      provider === 'CodeCommit'
        ? {
            triggerType: 'CloudWatchEvent',
            triggerDetail: `arn:aws:events:${partition.scope.region}:${partition.scope.account}:rule/${pipeline.declaration.name}-source`,
          }
        : {
            triggerType:
              pipeline.declaration.pipelineType === 'V2'
                ? 'WebhookV2'
                : 'Webhook',
            triggerDetail:
              source?.configuration?.ConnectionArn ?? `${pipeline.arn}-webhook`,
          };
    return this.start(partition, pipeline, { trigger, commit });
  }

  start(
    partition: Partition,
    pipeline: PipelineRecord,
    options: StartOptions,
  ): ExecutionRecord {
    const { rng } = this.core;
    const now = this.now();
    const commit = options.commit ?? pipeline.head;
    const sourceActions = pipeline.declaration.stages[0].actions.filter(
      a => a.actionTypeId?.category === 'Source',
    );
    const sourceRevisions: SourceRevision[] = commit
      ? sourceActions.map(a => ({
          actionName: a.name,
          revisionId: commit.revisionId,
          revisionSummary: commit.summary,
          revisionUrl: commit.url,
        }))
      : [];
    const exec: ExecutionRecord = {
      id: rng.uuid(),
      pipelineName: pipeline.declaration.name,
      pipelineVersion: pipeline.declaration.version ?? 1,
      status: 'InProgress',
      startTime: now,
      lastUpdateTime: now,
      trigger: options.trigger,
      executionMode: this.mode(pipeline),
      executionType: 'STANDARD',
      sourceRevisions,
      artifactRevisions: commit
        ? sourceActions.flatMap(a =>
            (a.outputArtifacts ?? []).map(o => ({
              name: o.name,
              revisionId: commit.revisionId,
              revisionChangeIdentifier: commit.revisionId,
              revisionSummary: commit.summary,
              created: commit.created,
              revisionUrl: commit.url,
            })),
          )
        : [],
      commit,
      stageIndex: 0,
      waiting: true,
      stages: new Map(),
      actionRuns: [],
      variables: (options.variables ?? []).map(v => ({
        name: v.name,
        resolvedValue: v.value,
      })),
    };
    pipeline.executions.push(exec);
    this.requestStage(partition, pipeline, exec, 0);
    return exec;
  }

  // ---- stage locks ---------------------------------------------------------------------------------------------

  private requestStage(
    partition: Partition,
    pipeline: PipelineRecord,
    exec: ExecutionRecord,
    index: number,
  ): void {
    const stage = pipeline.declaration.stages[index];
    exec.stageIndex = index;
    exec.waiting = true;
    if (
      this.mode(pipeline) === 'PARALLEL' ||
      !pipeline.occupant.has(stage.name)
    ) {
      this.enterStage(partition, pipeline, exec, index);
      return;
    }
    const queue = pipeline.inbound.get(stage.name) ?? [];
    if (this.mode(pipeline) === 'SUPERSEDED') {
      for (const olderId of queue.splice(0)) {
        const older = pipeline.executions.find(e => e.id === olderId);
        if (older && older.status === 'InProgress') {
          older.status = 'Superseded';
          older.waiting = false;
          this.touch(older);
        }
      }
    }
    queue.push(exec.id);
    pipeline.inbound.set(stage.name, queue);
    this.touch(exec);
  }

  /** Frees a stage and lets the next waiting execution in. */
  private releaseStage(
    partition: Partition,
    pipeline: PipelineRecord,
    stageName: string,
    execId: string,
  ): void {
    if (pipeline.occupant.get(stageName) !== execId) return;
    pipeline.occupant.delete(stageName);
    const queue = pipeline.inbound.get(stageName);
    const nextId = queue?.shift();
    if (!nextId) return;
    const next = pipeline.executions.find(e => e.id === nextId);
    if (next && next.status === 'InProgress' && next.waiting) {
      this.enterStage(
        partition,
        pipeline,
        next,
        pipeline.declaration.stages.findIndex(s => s.name === stageName),
      );
    }
  }

  private enterStage(
    partition: Partition,
    pipeline: PipelineRecord,
    exec: ExecutionRecord,
    index: number,
  ): void {
    const decl = pipeline.declaration.stages[index];
    if (this.mode(pipeline) !== 'PARALLEL')
      pipeline.occupant.set(decl.name, exec.id);
    exec.stageIndex = index;
    exec.waiting = false;
    const stage: StageRun = {
      name: decl.name,
      status: 'InProgress',
      actions: new Map(),
      runOrder: minRunOrder(decl.actions),
      manualRetries: 0,
    };
    exec.stages.set(decl.name, stage);
    this.touch(exec);
    this.startRunOrder(partition, pipeline, exec, stage);
  }

  // ---- actions -------------------------------------------------------------------------------------------------

  private stageDecl(pipeline: PipelineRecord, name: string) {
    return pipeline.declaration.stages.find(s => s.name === name)!;
  }

  private startRunOrder(
    partition: Partition,
    pipeline: PipelineRecord,
    exec: ExecutionRecord,
    stage: StageRun,
  ): void {
    const decl = this.stageDecl(pipeline, stage.name);
    const group = decl.actions.filter(
      a =>
        (a.runOrder ?? 1) === stage.runOrder &&
        stage.actions.get(a.name)?.status !== 'Succeeded',
    );
    if (group.length === 0) {
      this.afterRunOrder(partition, pipeline, exec, stage);
      return;
    }
    for (const action of group)
      this.startAction(partition, pipeline, exec, stage, action);
  }

  private startAction(
    partition: Partition,
    pipeline: PipelineRecord,
    exec: ExecutionRecord,
    stage: StageRun,
    action: ActionDeclarationRecord,
  ): void {
    const now = this.now();
    const run: ActionRun = {
      actionExecutionId: this.core.rng.uuid(),
      pipelineExecutionId: exec.id,
      pipelineVersion: exec.pipelineVersion,
      stageName: stage.name,
      actionName: action.name,
      declaration: action,
      status: 'InProgress',
      startTime: now,
      lastUpdateTime: now,
    };
    stage.actions.set(action.name, run);
    exec.actionRuns.push(run);
    this.touch(exec);
    const done = (result: {
      ok: boolean;
      summary?: string;
      error?: ErrorDetails;
    }) => this.completeAction(partition, pipeline, exec, stage, run, result);
    this.execute(partition, pipeline, exec, run, done);
  }

  /** Runs one action according to its type; calls `done` once. */
  private execute(
    partition: Partition,
    pipeline: PipelineRecord,
    exec: ExecutionRecord,
    run: ActionRun,
    done: (r: { ok: boolean; summary?: string; error?: ErrorDetails }) => void,
  ): void {
    const { clock, rng } = this.core;
    const type = run.declaration.actionTypeId;
    const config = run.declaration.configuration ?? {};
    const scope = partition.scope;

    if (type?.category === 'Source') {
      const commit = exec.commit;
      run.externalExecutionId = commit?.revisionId;
      run.externalExecutionUrl = commit?.url;
      run.summary = commit?.summary;
      const timer = clock.after(rng.between(6, 14), () => {
        run.outputVariables = commit
          ? {
              CommitId: commit.revisionId,
              CommitMessage: commit.summary,
              AuthorDate: commit.created.toISOString(),
              BranchName: config.BranchName ?? 'main',
              ...(config.FullRepositoryId
                ? { FullRepositoryName: config.FullRepositoryId }
                : {}),
              ...(config.ConnectionArn
                ? {
                    ConnectionArn: config.ConnectionArn,
                    ProviderType: 'GitHub',
                  }
                : {}),
              ...(config.RepositoryName
                ? { RepositoryName: config.RepositoryName }
                : {}),
            }
          : undefined;
        if (commit) done({ ok: true, summary: commit.summary });
        else
          done({
            ok: false,
            error: {
              code: 'JobFailed',
              message: 'No revision found on the configured branch',
            },
          });
      });
      run.cancel = () => timer.cancel();
      return;
    }

    if (type?.provider === 'CodeBuild') {
      const project = partition.projects.get(config.ProjectName ?? '');
      if (!project) {
        done({
          ok: false,
          error: {
            code: 'ConfigurationError',
            message: `CodeBuild project ${config.ProjectName ?? ''} not found`,
          },
        });
        return;
      }
      const build = this.builds.start(
        partition,
        project,
        {
          initiator: `codepipeline/${pipeline.declaration.name}`,
          sourceVersion: `arn:aws:s3:::codepipeline-${scope.region}-${scope.account}/${pipeline.declaration.name}/SourceArti/${rng.alnum(7)}`,
          resolvedSourceVersion: exec.commit?.revisionId,
        },
        record => {
          const b = record.build;
          if (b.buildStatus === 'SUCCEEDED') {
            done({ ok: true });
            return;
          }
          const failed = b.phases?.find(
            p => p.phaseStatus && p.phaseStatus !== 'SUCCEEDED',
          );
          const context = failed?.contexts?.[0];
          done({
            ok: false,
            error: {
              code: 'JobFailed',
              message: `Build terminated with state: ${b.buildStatus}. Phase: ${failed?.phaseType}, Code: ${context?.statusCode}, Message: ${context?.message}`,
            },
          });
        },
      );
      run.externalExecutionId = build.build.id;
      run.externalExecutionUrl = consoleUrls.build(scope, build.build.id);
      run.logStreamARN = build.build.logs?.cloudWatchLogsArn;
      return;
    }

    if (type?.category === 'Approval') {
      run.token = rng.uuid();
      run.externalExecutionUrl = consoleUrls.approval(
        scope,
        pipeline.declaration.name,
      );
      const timer = clock.after(APPROVAL_TIMEOUT_SECONDS, () => {
        run.token = undefined;
        done({
          ok: false,
          error: { code: 'JobFailed', message: 'The approval request expired' },
        });
      });
      run.cancel = () => timer.cancel();
      return;
    }

    const link =
      type?.provider === 'CodeDeployToECS' || type?.provider === 'CodeDeploy'
        ? {
            application: config.ApplicationName,
            group: config.DeploymentGroupName,
          }
        : pipeline.deployLinks[`${run.stageName}/${run.actionName}`];

    if (type?.provider === 'CloudFormation') {
      const stack = config.StackName ?? `${pipeline.declaration.name}-stack`;
      run.externalExecutionId = stack;
      run.externalExecutionUrl = consoleUrls.stack(scope, stack);
      // The stack update starts, and its alias update hands the traffic shift to CodeDeploy.
      const timer = clock.after(rng.between(15, 30), () => {
        if (!link) {
          done({ ok: true, summary: `Stack ${stack} was updated` });
          return;
        }
        this.followDeployment(
          partition,
          run,
          link,
          'CloudFormation',
          (d, error) => {
            if (error || d?.info.status !== 'Succeeded') {
              const reason =
                error?.message ??
                d?.info.errorInformation?.message ??
                'deployment failed';
              clock.after(rng.between(20, 45), () =>
                done({
                  ok: false,
                  error: {
                    code: 'JobFailed',
                    message: `Stack ${stack} is in UPDATE_ROLLBACK_COMPLETE state: CodeDeploy deployment ${d?.info.deploymentId ?? ''} failed: ${reason}`,
                  },
                }),
              );
              return;
            }
            clock.after(rng.between(5, 12), () =>
              done({ ok: true, summary: `Stack ${stack} was updated` }),
            );
          },
        );
      });
      run.cancel = () => timer.cancel();
      return;
    }

    if (link?.application && link.group) {
      this.followDeployment(
        partition,
        run,
        { application: link.application, group: link.group },
        'user',
        (d, error) => {
          if (error)
            done({
              ok: false,
              error: { code: 'JobFailed', message: error.message },
            });
          else if (d?.info.status === 'Succeeded')
            done({
              ok: true,
              summary: `Deployment ${d.info.deploymentId} succeeded`,
            });
          else {
            done({
              ok: false,
              error: {
                code: 'JobFailed',
                message: `Deployment ${d?.info.deploymentId} ${d?.info.status?.toLowerCase()}: ${d?.info.errorInformation?.message ?? ''}`,
              },
            });
          }
        },
      );
      return;
    }

    // Anything else (Invoke, custom actions): a short, successful run.
    const timer = clock.after(rng.between(5, 15), () => done({ ok: true }));
    run.cancel = () => timer.cancel();
  }

  private followDeployment(
    partition: Partition,
    run: ActionRun,
    link: { application: string; group: string },
    creator: 'CloudFormation' | 'user',
    settled: (
      d: DeploymentRecord | undefined,
      error?: { message: string },
    ) => void,
  ): void {
    const app = partition.applications.get(link.application);
    const group = app?.groups.get(link.group);
    if (!app || !group) {
      settled(undefined, {
        message: `Deployment group ${link.application}/${link.group} does not exist`,
      });
      return;
    }
    let d: DeploymentRecord;
    try {
      d = this.deployments.create(partition, group, {
        creator,
        description:
          creator === 'CloudFormation'
            ? `Deployment created by CloudFormation for pipeline execution ${run.pipelineExecutionId}`
            : `Deployment created by CodePipeline for pipeline execution ${run.pipelineExecutionId}`,
      });
    } catch (e) {
      settled(undefined, {
        message: e instanceof Error ? e.message : String(e),
      });
      return;
    }
    if (creator === 'user') {
      run.externalExecutionId = d.info.deploymentId;
      run.externalExecutionUrl = consoleUrls.deployment(
        partition.scope,
        d.info.deploymentId,
      );
    }
    run.outputVariables = { DeploymentId: d.info.deploymentId };
    this.deployments.whenSettled(d, x => settled(x));
  }

  private completeAction(
    partition: Partition,
    pipeline: PipelineRecord,
    exec: ExecutionRecord,
    stage: StageRun,
    run: ActionRun,
    result: { ok: boolean; summary?: string; error?: ErrorDetails },
  ): void {
    if (run.status !== 'InProgress') return; // abandoned, or already decided
    run.status = result.ok ? 'Succeeded' : 'Failed';
    run.summary = result.summary ?? run.summary;
    run.errorDetails = result.error;
    run.lastUpdateTime = this.now();
    run.token = undefined;
    run.cancel?.();
    run.cancel = undefined;
    this.touch(exec);
    this.afterRunOrder(partition, pipeline, exec, stage);
  }

  /** When the current runOrder group is settled: the next group, or the end of the stage. */
  private afterRunOrder(
    partition: Partition,
    pipeline: PipelineRecord,
    exec: ExecutionRecord,
    stage: StageRun,
  ): void {
    const decl = this.stageDecl(pipeline, stage.name);
    const group = decl.actions.filter(
      a => (a.runOrder ?? 1) === stage.runOrder,
    );
    const runs = group.map(a => stage.actions.get(a.name));
    if (runs.some(r => !r || r.status === 'InProgress')) return;
    const failed = runs.find(
      r => r!.status === 'Failed' || r!.status === 'Abandoned',
    );
    if (failed) {
      this.endStage(partition, pipeline, exec, stage, 'Failed', failed);
      return;
    }
    if (exec.stopping) {
      this.endStage(partition, pipeline, exec, stage, 'Stopped');
      return;
    }
    const later = decl.actions
      .map(a => a.runOrder ?? 1)
      .filter(o => o > stage.runOrder);
    if (later.length > 0) {
      stage.runOrder = Math.min(...later);
      this.startRunOrder(partition, pipeline, exec, stage);
      return;
    }
    this.endStage(partition, pipeline, exec, stage, 'Succeeded');
  }

  private endStage(
    partition: Partition,
    pipeline: PipelineRecord,
    exec: ExecutionRecord,
    stage: StageRun,
    status: 'Succeeded' | 'Failed' | 'Stopped',
    failedRun?: ActionRun,
  ): void {
    stage.status = status;
    this.touch(exec);
    const index = pipeline.declaration.stages.findIndex(
      s => s.name === stage.name,
    );
    if (status === 'Succeeded') {
      if (index === pipeline.declaration.stages.length - 1) {
        exec.status = 'Succeeded';
      } else {
        // Request the next stage before releasing this one, so the order of executions is kept.
        this.requestStage(partition, pipeline, exec, index + 1);
      }
    } else if (exec.stopping) {
      exec.status = 'Stopped';
    } else {
      exec.status = 'Failed';
      exec.statusSummary = failedRun?.errorDetails?.message
        ? `${failedRun.actionName}: ${failedRun.errorDetails.message}`
        : `Stage ${stage.name} failed`;
    }
    this.releaseStage(partition, pipeline, stage.name, exec.id);
  }

  // ---- writes --------------------------------------------------------------------------------------------------

  stop(
    partition: Partition,
    pipeline: PipelineRecord,
    exec: ExecutionRecord,
    abandon: boolean,
    reason?: string,
  ): void {
    if (
      exec.stopping &&
      (exec.status === 'InProgress' || exec.status === 'Stopping')
    ) {
      throw new AwsError(
        'DuplicatedStopRequestException',
        `Execution ${exec.id} is already being stopped`,
      );
    }
    if (exec.status !== 'InProgress') {
      throw new AwsError(
        'PipelineExecutionNotStoppableException',
        `Unable to stop pipeline execution ${exec.id} because its status is ${exec.status}`,
      );
    }
    exec.stopTrigger = { reason };
    exec.stopping = { abandon };
    this.touch(exec);
    const stageName = pipeline.declaration.stages[exec.stageIndex].name;
    if (exec.waiting) {
      const queue = pipeline.inbound.get(stageName) ?? [];
      pipeline.inbound.set(
        stageName,
        queue.filter(id => id !== exec.id),
      );
      exec.waiting = false;
      exec.status = 'Stopped';
      return;
    }
    const stage = exec.stages.get(stageName)!;
    if (abandon) {
      for (const run of stage.actions.values()) {
        if (run.status !== 'InProgress') continue;
        run.status = 'Abandoned';
        run.lastUpdateTime = this.now();
        run.token = undefined;
        run.cancel?.();
      }
      stage.status = 'Stopped';
      exec.status = 'Stopped';
      this.releaseStage(partition, pipeline, stageName, exec.id);
      return;
    }
    // Let the running actions finish; the stage and the execution stop when the last one settles.
    exec.status = 'Stopping';
    stage.status = 'Stopping';
  }

  retry(
    partition: Partition,
    pipeline: PipelineRecord,
    exec: ExecutionRecord,
    stageName: string,
    mode: 'FAILED_ACTIONS' | 'ALL_ACTIONS',
  ): void {
    const index = pipeline.declaration.stages.findIndex(
      s => s.name === stageName,
    );
    const stage = exec.stages.get(stageName);
    if (
      !stage ||
      !['Failed', 'Stopped'].includes(stage.status) ||
      !['Failed', 'Stopped'].includes(exec.status)
    ) {
      throw new AwsError(
        'StageNotRetryableException',
        `Stage ${stageName} of execution ${exec.id} cannot be retried: it has not failed or stopped`,
      );
    }
    const latest = [...pipeline.executions]
      .reverse()
      .find(e => e.stages.has(stageName));
    if (latest !== exec) {
      throw new AwsError(
        'NotLatestPipelineExecutionException',
        `Execution ${exec.id} is not the latest execution of stage ${stageName}`,
      );
    }
    if (
      this.mode(pipeline) !== 'PARALLEL' &&
      pipeline.occupant.has(stageName)
    ) {
      throw new AwsError(
        'ConflictException',
        `Stage ${stageName} is in use by another execution`,
      );
    }
    exec.status = 'InProgress';
    exec.statusSummary = undefined;
    exec.stopping = undefined;
    exec.stopTrigger = undefined;
    exec.stageIndex = index;
    exec.waiting = false;
    stage.status = 'InProgress';
    stage.manualRetries += 1;
    const decl = this.stageDecl(pipeline, stageName);
    if (mode === 'ALL_ACTIONS') {
      stage.actions.clear();
    } else {
      for (const [name, run] of stage.actions)
        if (run.status !== 'Succeeded') stage.actions.delete(name);
    }
    const pending = decl.actions.filter(a => !stage.actions.has(a.name));
    stage.runOrder =
      pending.length > 0 ? minRunOrder(pending) : minRunOrder(decl.actions);
    if (this.mode(pipeline) !== 'PARALLEL')
      pipeline.occupant.set(stageName, exec.id);
    this.touch(exec);
    this.startRunOrder(partition, pipeline, exec, stage);
  }

  /** PutApprovalResult: returns the approval time. */
  approve(
    partition: Partition,
    pipeline: PipelineRecord,
    stageName: string,
    actionName: string,
    token: string,
    status: 'Approved' | 'Rejected',
    summary: string,
    by: string,
  ): Date {
    const candidates = pipeline.executions
      .map(e => e.stages.get(stageName)?.actions.get(actionName))
      .filter((r): r is ActionRun => Boolean(r));
    const run = candidates.find(r => r.token === token);
    if (!run) {
      const pending = candidates.some(
        r => r.status === 'InProgress' && r.token,
      );
      throw pending
        ? new AwsError(
            'InvalidApprovalTokenException',
            `The approval token ${token} is not valid for action ${actionName}`,
          )
        : new AwsError(
            'ApprovalAlreadyCompletedException',
            `The approval action ${actionName} has already been completed or has expired`,
          );
    }
    const exec = pipeline.executions.find(
      e => e.id === run.pipelineExecutionId,
    )!;
    const stage = exec.stages.get(stageName)!;
    run.updatedBy = by;
    const now = this.now();
    this.completeAction(partition, pipeline, exec, stage, run, {
      ok: status === 'Approved',
      summary,
      error:
        status === 'Rejected'
          ? { code: 'JobFailed', message: `Rejected: ${summary}` }
          : undefined,
    });
    return now;
  }
}
