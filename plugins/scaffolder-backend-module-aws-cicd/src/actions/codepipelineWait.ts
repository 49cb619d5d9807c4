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
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  awsConsoleUrls,
  DeploymentGroupRef,
  PipelineRef,
} from '@liftoff/plugin-aws-cicd-common';
import {
  AwsClientFactory,
  describeAwsError,
  isThrottling,
  isTransient,
  newVersionPercentOf,
  readDeploymentTargets,
} from '@liftoff/plugin-aws-cicd-node';
import { parseOneDeploymentGroupArn, parseOnePipelineArn } from './aws';
import { DRY_RUN_EXECUTION_ID } from './codepipelineStart';
import { examples } from './codepipelineWait.examples';

/** @public */
export const CODEPIPELINE_WAIT_ACTION_ID = 'aws:codepipeline:wait';

/**
 * Time as the wait action sees it. The default is the wall clock; tests pass
 * one that moves the emulator's simulated clock instead of sleeping.
 * @public
 */
export interface WaitClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const wallClock: WaitClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason ?? new Error('Aborted'));
        return;
      }
      let timer: ReturnType<typeof setTimeout> | undefined = undefined;
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason ?? new Error('Aborted'));
      };
      timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

const TERMINAL = new Set([
  'Succeeded',
  'Failed',
  'Stopped',
  'Cancelled',
  'Superseded',
]);
const DEPLOYMENT_DONE = new Set(['Succeeded', 'Failed', 'Stopped']);
const DEPLOYMENT_ID = /^d-[A-Z0-9]{9}$/;
const MAX_BACKOFF_SECONDS = 300;

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
class ExecutionWatcher {
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

function failureMessage(
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

/**
 * Waits for a CodePipeline execution to end, logging every stage and action
 * change and the traffic shifts of its CodeDeploy deployments. Fails the task
 * with the failing action's error, or on timeout.
 * @public
 */
export function createCodePipelineWaitAction(options: {
  clientFactory: AwsClientFactory;
  /** Defaults to the wall clock. */
  clock?: WaitClock;
}) {
  const { clientFactory, clock = wallClock } = options;
  return createTemplateAction({
    id: CODEPIPELINE_WAIT_ACTION_ID,
    description:
      'Waits until a CodePipeline execution ends, logging stage, action and deployment traffic changes as they happen; fails with the failing action’s error or on timeout.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        pipelineArn: z =>
          z
            .string()
            .describe(
              'ARN of the pipeline, arn:aws:codepipeline:<region>:<account-id>:<pipeline-name>',
            ),
        executionId: z =>
          z
            .string()
            .min(1)
            .describe(
              'The pipeline execution id, e.g. the executionId output of aws:codepipeline:start',
            ),
        timeoutMinutes: z =>
          z
            .number()
            .int()
            .min(1)
            .max(24 * 60)
            .optional()
            .describe(
              'Minutes to wait before failing the step (1-1440). Default 60',
            ),
        pollSeconds: z =>
          z
            .number()
            .int()
            .min(1)
            .max(300)
            .optional()
            .describe(
              'Seconds between polls (1-300). Default 15; doubled up to 5 minutes while AWS throttles',
            ),
        deploymentGroupArn: z =>
          z
            .string()
            .optional()
            .describe(
              'CodeDeploy deployment group of the Deploy stage, to follow Lambda traffic shifts run by CloudFormation (ECS deployments are found from the pipeline action)',
            ),
      },
      output: {
        status: z =>
          z
            .string()
            .describe(
              "Final execution status: Succeeded ('DryRun' in a dry run); any other status fails the step",
            ),
        executionUrl: z =>
          z.string().describe('AWS console link to the execution timeline'),
      },
    },
    async handler(ctx) {
      const { logger } = ctx;
      // The engine validates input against the JSON schema but applies no defaults.
      const input = {
        ...ctx.input,
        timeoutMinutes: ctx.input.timeoutMinutes ?? 60,
        pollSeconds: ctx.input.pollSeconds ?? 15,
      };
      const pipeline = parseOnePipelineArn(input.pipelineArn);
      const group = input.deploymentGroupArn
        ? parseOneDeploymentGroupArn(input.deploymentGroupArn)
        : undefined;
      ctx.output(
        'executionUrl',
        awsConsoleUrls.execution(
          pipeline,
          pipeline.pipelineName,
          input.executionId,
        ),
      );
      if (ctx.isDryRun) {
        logger.info(
          `Dry run: would wait up to ${input.timeoutMinutes} min for execution ${input.executionId} of ${pipeline.pipelineName}`,
        );
        ctx.output('status', 'DryRun');
        return;
      }
      if (input.executionId === DRY_RUN_EXECUTION_ID) {
        throw new Error(
          `Execution id '${DRY_RUN_EXECUTION_ID}' comes from a dry run of aws:codepipeline:start; there is nothing to wait for`,
        );
      }

      const codePipeline = await clientFactory.codePipeline(pipeline);
      const watcher = new ExecutionWatcher(
        logger,
        pipeline,
        input.executionId,
        codePipeline,
        () => clientFactory.codeDeploy(group ?? pipeline),
        group,
        ctx.signal,
      );
      const deadline = clock.now() + input.timeoutMinutes * 60_000;
      let delaySeconds = input.pollSeconds;
      logger.info(
        `Waiting up to ${input.timeoutMinutes} min for execution ${input.executionId} of ${pipeline.pipelineName}`,
      );
      for (;;) {
        try {
          const { execution, actions } = await watcher.poll();
          const status = execution.status ?? 'Unknown';
          if (TERMINAL.has(status)) {
            if (status !== 'Succeeded') {
              throw new Error(
                failureMessage(pipeline, input.executionId, execution, actions),
              );
            }
            logger.info(
              `Pipeline ${pipeline.pipelineName} execution ${input.executionId} succeeded`,
            );
            ctx.output('status', status);
            return;
          }
          delaySeconds = input.pollSeconds;
        } catch (error) {
          if (isThrottling(error)) {
            delaySeconds = Math.min(delaySeconds * 2, MAX_BACKOFF_SECONDS);
            logger.warn(
              `AWS is throttling (${describeAwsError(error)}); next poll in ${delaySeconds} s`,
            );
          } else if (isTransient(error)) {
            logger.warn(
              `AWS call failed (${describeAwsError(error)}); trying again in ${delaySeconds} s`,
            );
          } else {
            throw error;
          }
        }
        if (clock.now() + delaySeconds * 1000 > deadline) {
          throw new Error(
            `Timed out after ${input.timeoutMinutes} min waiting for pipeline ${pipeline.pipelineName} execution ${input.executionId}; it is still running: ${awsConsoleUrls.execution(
              pipeline,
              pipeline.pipelineName,
              input.executionId,
            )}`,
          );
        }
        await clock.sleep(delaySeconds * 1000, ctx.signal);
      }
    },
  });
}
