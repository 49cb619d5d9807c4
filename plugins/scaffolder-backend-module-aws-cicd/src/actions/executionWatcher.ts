/*
 * What aws:codepipeline:wait sees of an execution on each poll: the stages and
 * actions that changed, and the CodeDeploy deployments they run with their
 * traffic shifts (read by -node).
 */
import {
  ActionExecutionDetail,
  CodePipelineClient,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  paginateListActionExecutions,
  PipelineExecution,
} from '@aws-sdk/client-codepipeline';
import {
  CodeDeployClient,
  DeploymentInfo,
  GetDeploymentCommand,
  ListDeploymentsCommand,
} from '@aws-sdk/client-codedeploy';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DeploymentGroupRef,
  PipelineRef,
} from '@liftoff/plugin-aws-cicd-common';
import {
  newVersionPercentOf,
  readDeploymentTargets,
} from '@liftoff/plugin-aws-cicd-node';

const DEPLOYMENT_DONE = new Set(['Succeeded', 'Failed', 'Stopped']);
const DEPLOYMENT_ID = /^d-[A-Z0-9]{9}$/;

/** A CodeDeploy deployment an action of the execution runs. */
interface TrackedDeployment {
  id: string;
  status?: string;
  traffic?: number;
  done: boolean;
  /** A rollback CodeDeploy started: its traffic goes back to the old version. */
  rollback: boolean;
}

/** Follows one pipeline execution, logging what changed since the last poll. */
export class ExecutionWatcher {
  private readonly stageStatus = new Map<string, string>();
  private readonly actionStatus = new Map<string, string>();
  private readonly deployments = new Map<string, TrackedDeployment>();

  constructor(
    private readonly logger: LoggerService,
    private readonly pipeline: PipelineRef,
    private readonly executionId: string,
    private readonly codePipeline: CodePipelineClient,
    private readonly codeDeploy: () => Promise<CodeDeployClient>,
    private readonly deploymentGroup: DeploymentGroupRef | undefined,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** One poll: returns the execution, after logging stage, action and traffic changes. */
  async poll(): Promise<{
    execution: PipelineExecution;
    actions: ActionExecutionDetail[];
  }> {
    const opts = { abortSignal: this.signal };
    const { pipelineExecution: execution } = await this.codePipeline.send(
      new GetPipelineExecutionCommand({
        pipelineName: this.pipeline.pipelineName,
        pipelineExecutionId: this.executionId,
      }),
      opts,
    );
    const state = await this.codePipeline.send(
      new GetPipelineStateCommand({ name: this.pipeline.pipelineName }),
      opts,
    );
    const actions: ActionExecutionDetail[] = [];
    for await (const page of paginateListActionExecutions(
      { client: this.codePipeline },
      {
        pipelineName: this.pipeline.pipelineName,
        filter: { pipelineExecutionId: this.executionId },
      },
    )) {
      actions.push(...(page.actionExecutionDetails ?? []));
    }
    // Oldest first, so the log reads in the order things happened.
    actions.sort(
      (a, b) => (a.startTime?.getTime() ?? 0) - (b.startTime?.getTime() ?? 0),
    );

    // Per stage in pipeline order: a stage that starts is logged before its
    // actions, one that ends after them, so the log reads as things happened.
    const stageNames = (state.stageStates ?? []).map(st => st.stageName);
    for (const action of actions) {
      if (action.stageName && !stageNames.includes(action.stageName)) {
        stageNames.push(action.stageName);
      }
    }
    for (const stageName of stageNames) {
      const stage = state.stageStates?.find(st => st.stageName === stageName);
      const latest = stage?.latestExecution;
      const stageLine =
        stageName && latest?.pipelineExecutionId === this.executionId
          ? this.stageChange(stageName, latest.status ?? 'Unknown')
          : undefined;
      const running = latest?.status === 'InProgress';
      if (stageLine && running) this.logger.info(stageLine);
      for (const action of actions.filter(x => x.stageName === stageName)) {
        this.logAction(action);
        if (action.input?.actionTypeId?.category === 'Deploy') {
          await this.followDeployment(action);
        }
      }
      if (stageLine && !running) {
        if (latest?.status === 'Failed') this.logger.error(stageLine);
        else this.logger.info(stageLine);
      }
    }
    return { execution: execution ?? {}, actions };
  }

  private stageChange(stageName: string, status: string): string | undefined {
    if (this.stageStatus.get(stageName) === status) return undefined;
    this.stageStatus.set(stageName, status);
    return `Stage ${stageName}: ${status}`;
  }

  private logAction(action: ActionExecutionDetail) {
    const key =
      action.actionExecutionId ?? `${action.stageName}/${action.actionName}`;
    const status = action.status ?? 'Unknown';
    if (this.actionStatus.get(key) === status) return;
    this.actionStatus.set(key, status);
    const result = action.output?.executionResult;
    const detail =
      status === 'Failed'
        ? (result?.errorDetails?.message ?? result?.externalExecutionSummary)
        : result?.externalExecutionSummary;
    const line = `Action ${action.stageName} / ${action.actionName}: ${status}${
      detail ? ` (${detail})` : ''
    }`;
    if (status === 'Failed') this.logger.error(line);
    else this.logger.info(line);
  }

  private async followDeployment(action: ActionExecutionDetail) {
    const external = action.output?.executionResult?.externalExecutionId;
    let id = external && DEPLOYMENT_ID.test(external) ? external : undefined;
    if (!id && this.deploymentGroup && action.startTime) {
      // A Lambda deployment runs under CloudFormation (the alias update), so
      // the action does not name it: find it in the group by its start time.
      const known = [...this.deployments.values()].find(d => !d.done);
      if (known) {
        id = known.id;
      } else if (action.status === 'InProgress') {
        const client = await this.codeDeploy();
        const { deployments = [] } = await client.send(
          new ListDeploymentsCommand({
            applicationName: this.deploymentGroup.applicationName,
            deploymentGroupName: this.deploymentGroup.deploymentGroupName,
            createTimeRange: { start: action.startTime },
          }),
          { abortSignal: this.signal },
        );
        id = deployments.find(d => !this.deployments.has(d));
      }
    }
    if (!id) return;
    let tracked = this.deployments.get(id);
    if (!tracked) {
      tracked = { id, done: false, rollback: false };
      this.deployments.set(id, tracked);
    }
    if (tracked.done) return;
    const client = await this.codeDeploy();
    const { deploymentInfo: info } = await client.send(
      new GetDeploymentCommand({ deploymentId: id }),
      { abortSignal: this.signal },
    );
    if (!info) return;
    tracked.rollback ||= info.creator === 'codeDeployRollback';
    const done = DEPLOYMENT_DONE.has(info.status ?? '');
    const statusChanged = info.status !== tracked.status;
    tracked.status = info.status;
    // A start is logged before its first shift, an end after its last.
    if (statusChanged && !done) this.logDeployment(info, tracked.rollback);
    if (!tracked.rollback && (info.status === 'InProgress' || done)) {
      const traffic = await this.traffic(client, id);
      if (traffic !== undefined && traffic !== tracked.traffic) {
        tracked.traffic = traffic;
        this.logger.info(
          `Deployment ${id}: ${traffic}% of traffic on the new version`,
        );
      }
    }
    if (statusChanged && done) this.logDeployment(info, tracked.rollback);
    const rollbackId = info.rollbackInfo?.rollbackDeploymentId;
    if (rollbackId && !this.deployments.has(rollbackId)) {
      // Followed from the next poll on, as a rollback.
      this.deployments.set(rollbackId, {
        id: rollbackId,
        done: false,
        rollback: true,
      });
    }
    tracked.done = DEPLOYMENT_DONE.has(info.status ?? '');
  }

  private logDeployment(info: DeploymentInfo, rollback: boolean) {
    const id = `${rollback ? 'Rollback deployment' : 'Deployment'} ${info.deploymentId}`;
    const config = info.deploymentConfigName
      ? ` (${info.deploymentConfigName})`
      : '';
    const error = info.errorInformation
      ? `: ${info.errorInformation.code} ${info.errorInformation.message ?? ''}`.trimEnd()
      : '';
    const line = `${id}${config}: ${info.status}${error}`;
    if (info.status === 'Failed' || info.status === 'Stopped') {
      this.logger.error(line);
    } else {
      this.logger.info(line);
    }
    if (info.rollbackInfo?.rollbackDeploymentId) {
      this.logger.warn(
        `${id} is rolled back by ${info.rollbackInfo.rollbackDeploymentId}${
          info.rollbackInfo.rollbackMessage
            ? `: ${info.rollbackInfo.rollbackMessage}`
            : ''
        }`,
      );
    }
  }

  /** Percent of traffic on the new version (Lambda version weight, ECS green task set). */
  private async traffic(
    client: CodeDeployClient,
    deploymentId: string,
  ): Promise<number | undefined> {
    const targets = await readDeploymentTargets(client, deploymentId, {
      abortSignal: this.signal,
    });
    return newVersionPercentOf(targets);
  }
}

/** Why an execution did not succeed: the failing action's error, or AWS's summary. */
export function failureMessage(
  pipeline: PipelineRef,
  executionId: string,
  execution: PipelineExecution,
  actions: ActionExecutionDetail[],
): string {
  const status = execution.status ?? 'Unknown';
  const failed = [...actions].reverse().find(a => a.status === 'Failed');
  const head = `Pipeline ${pipeline.pipelineName} execution ${executionId} ${status.toLowerCase()}`;
  if (failed) {
    const error = failed.output?.executionResult?.errorDetails;
    return `${head} in stage ${failed.stageName}, action ${failed.actionName}: ${
      error?.message ?? error?.code ?? 'no error details'
    }`;
  }
  return execution.statusSummary ? `${head}: ${execution.statusSummary}` : head;
}
