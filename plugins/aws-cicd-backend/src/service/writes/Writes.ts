import {
  ContinueDeploymentCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import {
  GetPipelineStateCommand,
  PutApprovalResultCommand,
  RetryStageExecutionCommand,
  StartPipelineExecutionCommand,
  StopPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  ApprovalRequest,
  ContinueDeploymentRequest,
  DeploymentGroupRef,
  DeploymentGroupSection,
  PipelineRef,
  PipelineSection,
  RetryStageRequest,
  StartExecutionRequest,
  StartExecutionResponse,
  StopDeploymentRequest,
  StopExecutionRequest,
} from '@liftoff/plugin-aws-cicd-common';
import {
  AwsCallContext,
  AwsCallFailure,
  AwsUpstreamError,
  httpErrorOf,
} from '@liftoff/plugin-aws-cicd-node';
import { contextOf } from '../core/context';
import { Scoped } from '../core/keys';
import { Plumbing, awsErrorName } from '../core/Plumbing';
import { DeploymentGroupReader } from '../readers/DeploymentGroupReader';
import { PipelineReader } from '../readers/PipelineReader';
import { WriteOptions } from '../types';

/** One write: the AWS call(s), what the log says, the section it changes. */
interface WriteSpec<T, S> {
  ctx: AwsCallContext;
  call: (signal: AbortSignal) => Promise<T>;
  log: (result: T) => { message: string; meta: JsonObject };
  /** Reads the changed section again, replacing the cached one. */
  refresh: () => Promise<S>;
}

/**
 * The six writes. Each has one shape (the router has authorised and audited
 * it before): the call within the request budget, AWS refusals mapped to
 * HTTP errors, a log line naming the actor, then the changed section read
 * again and put in the cache in place of the old one.
 */
export class Writes {
  constructor(
    private readonly p: Plumbing,
    private readonly pipelines: PipelineReader,
    private readonly groups: DeploymentGroupReader,
  ) {}

  async putApprovalResult(
    ref: Scoped<PipelineRef>,
    request: ApprovalRequest,
    options?: WriteOptions,
  ): Promise<PipelineSection> {
    const { section } = await this.write(options, {
      ctx: contextOf.pipeline(ref),
      call: async signal => {
        const client = await this.p.clients.codePipeline(ref);
        // The token never leaves the backend: read it now, use it, forget it.
        const state = await this.p.call(
          'CodePipeline.GetPipelineState',
          signal,
          o =>
            client.send(
              new GetPipelineStateCommand({ name: ref.pipelineName }),
              o,
            ),
        );
        const stage = state.stageStates?.find(
          s => s.stageName === request.stageName,
        );
        if (!stage) {
          throw new NotFoundError(
            `Pipeline ${ref.pipelineName} has no stage ${request.stageName}`,
          );
        }
        const action = stage.actionStates?.find(
          a => a.actionName === request.actionName,
        );
        if (!action) {
          throw new NotFoundError(
            `Stage ${request.stageName} of pipeline ${ref.pipelineName} has no action ${request.actionName}`,
          );
        }
        const token = action.latestExecution?.token;
        if (action.latestExecution?.status !== 'InProgress' || !token) {
          throw new ConflictError(
            `No approval is waiting at ${request.stageName} / ${request.actionName} of pipeline ${ref.pipelineName}`,
          );
        }
        await this.p.call('CodePipeline.PutApprovalResult', signal, o =>
          client.send(
            new PutApprovalResultCommand({
              pipelineName: ref.pipelineName,
              stageName: request.stageName,
              actionName: request.actionName,
              result: { status: request.status, summary: request.summary },
              token,
            }),
            o,
          ),
        );
      },
      log: () => ({
        message: 'Recorded a manual approval result',
        meta: {
          pipeline: ref.arn,
          stage: request.stageName,
          action: request.actionName,
          status: request.status,
        },
      }),
      refresh: () => this.pipelines.refresh(ref),
    });
    return section;
  }

  async retryStage(
    ref: Scoped<PipelineRef>,
    stageName: string,
    request: RetryStageRequest,
    options?: WriteOptions,
  ): Promise<PipelineSection> {
    const retryMode = request.retryMode ?? 'FAILED_ACTIONS';
    const { section } = await this.write(options, {
      ctx: contextOf.pipeline(ref),
      call: async signal => {
        const client = await this.p.clients.codePipeline(ref);
        await this.p.call('CodePipeline.RetryStageExecution', signal, o =>
          client.send(
            new RetryStageExecutionCommand({
              pipelineName: ref.pipelineName,
              stageName,
              pipelineExecutionId: request.pipelineExecutionId,
              retryMode,
            }),
            o,
          ),
        );
      },
      log: () => ({
        message: 'Retried a pipeline stage',
        meta: {
          pipeline: ref.arn,
          stage: stageName,
          pipelineExecutionId: request.pipelineExecutionId,
          retryMode,
        },
      }),
      refresh: () => this.pipelines.refresh(ref),
    });
    return section;
  }

  async startExecution(
    ref: Scoped<PipelineRef>,
    request: StartExecutionRequest,
    options?: WriteOptions,
  ): Promise<StartExecutionResponse> {
    const { result, section } = await this.write(options, {
      ctx: contextOf.pipeline(ref),
      call: async signal => {
        const client = await this.p.clients.codePipeline(ref);
        const output = await this.p.call(
          'CodePipeline.StartPipelineExecution',
          signal,
          o =>
            client.send(
              new StartPipelineExecutionCommand({
                name: ref.pipelineName,
                clientRequestToken: request.clientRequestToken,
              }),
              o,
            ),
        );
        return output.pipelineExecutionId ?? '';
      },
      log: pipelineExecutionId => ({
        message: 'Started a pipeline execution',
        meta: { pipeline: ref.arn, pipelineExecutionId },
      }),
      refresh: () => this.pipelines.refresh(ref),
    });
    return { pipelineExecutionId: result, pipeline: section };
  }

  async stopExecution(
    ref: Scoped<PipelineRef>,
    pipelineExecutionId: string,
    request: StopExecutionRequest,
    options?: WriteOptions,
  ): Promise<PipelineSection> {
    const reason =
      request.reason ??
      `Stopped from Backstage${options?.actor ? ` by ${options.actor}` : ''}`;
    const abandon = request.abandon ?? false;
    const { section } = await this.write(options, {
      ctx: contextOf.pipeline(ref),
      call: async signal => {
        const client = await this.p.clients.codePipeline(ref);
        await this.p.call('CodePipeline.StopPipelineExecution', signal, o =>
          client.send(
            new StopPipelineExecutionCommand({
              pipelineName: ref.pipelineName,
              pipelineExecutionId,
              abandon,
              reason,
            }),
            o,
          ),
        );
      },
      log: () => ({
        message: 'Stopped a pipeline execution',
        meta: { pipeline: ref.arn, pipelineExecutionId, abandon },
      }),
      refresh: () => this.pipelines.refresh(ref),
    });
    return section;
  }

  async stopDeployment(
    ref: Scoped<DeploymentGroupRef>,
    deploymentId: string,
    request: StopDeploymentRequest,
    options?: WriteOptions,
  ): Promise<DeploymentGroupSection> {
    const { section } = await this.write(options, {
      ctx: contextOf.deploymentGroup(ref),
      call: async signal => {
        const client = await this.p.clients.codeDeploy(ref);
        await this.p.call('CodeDeploy.StopDeployment', signal, o =>
          client.send(
            new StopDeploymentCommand({
              deploymentId,
              autoRollbackEnabled: request.rollback,
            }),
            o,
          ),
        );
      },
      log: () => ({
        message: 'Stopped a deployment',
        meta: {
          deploymentGroup: ref.arn,
          deploymentId,
          rollback: request.rollback,
        },
      }),
      refresh: () => this.groups.refresh(ref),
    });
    return section;
  }

  async continueDeployment(
    ref: Scoped<DeploymentGroupRef>,
    deploymentId: string,
    request: ContinueDeploymentRequest,
    options?: WriteOptions,
  ): Promise<DeploymentGroupSection> {
    const { section } = await this.write(options, {
      ctx: contextOf.deploymentGroup(ref),
      call: async signal => {
        const client = await this.p.clients.codeDeploy(ref);
        await this.p.call('CodeDeploy.ContinueDeployment', signal, o =>
          client.send(
            new ContinueDeploymentCommand({
              deploymentId,
              deploymentWaitType: request.waitType,
            }),
            o,
          ),
        );
      },
      log: () => ({
        message: 'Continued a deployment',
        meta: {
          deploymentGroup: ref.arn,
          deploymentId,
          waitType: request.waitType,
        },
      }),
      refresh: () => this.groups.refresh(ref),
    });
    return section;
  }

  /** The one shape of every write: call, log, replace the cached section. */
  private async write<T, S>(
    options: WriteOptions | undefined,
    spec: WriteSpec<T, S>,
  ): Promise<{ result: T; section: S }> {
    let result: T;
    try {
      result = await spec.call(this.p.budget());
    } catch (e) {
      if (!(e instanceof AwsCallFailure)) throw e;
      const error = httpErrorOf(e, spec.ctx);
      if (error instanceof AwsUpstreamError && error.name === 'Timeout') {
        error.message = `${error.message} The action may or may not have taken effect: refresh to see.`;
      }
      this.p.logger.warn('AWS refused a write', {
        what: spec.ctx.what,
        call: e.call,
        error: String(awsErrorName(e) ?? e.error),
      });
      throw error;
    }
    const { message, meta } = spec.log(result);
    this.p.logger.info(message, {
      ...meta,
      actor: options?.actor,
      role: options?.roleArn,
    });
    return { result, section: await spec.refresh() };
  }
}
