import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  ActionExecutionsResponse,
  ApprovalRequest,
  AwsCicdTargets,
  AwsResourceRef,
  BuildProjectRef,
  BuildsPage,
  ContinueDeploymentRequest,
  DeliveryResponse,
  DeploymentGroupRef,
  DeploymentGroupSection,
  ExecutionsPage,
  PipelineRef,
  PipelineSection,
  RetryStageRequest,
  StartExecutionRequest,
  StartExecutionResponse,
  StopDeploymentRequest,
  StopExecutionRequest,
} from '@liftoff/plugin-aws-cicd-common';
import { AwsClientFactory } from '@liftoff/plugin-aws-cicd-node';
import { AwsCicdConfig, DEFAULTS, readAwsCicdConfig } from '../config';
import { DeliveryAssembler } from './DeliveryAssembler';
import { Scoped } from './core/keys';
import { Plumbing } from './core/Plumbing';
import { BuildProjectReader } from './readers/BuildProjectReader';
import { DeploymentGroupReader } from './readers/DeploymentGroupReader';
import { PipelineReader } from './readers/PipelineReader';
import {
  AwsCicdService,
  DeploymentOwner,
  ReadOptions,
  WriteOptions,
} from './types';
import { Writes } from './writes/Writes';

/** @public */
export interface DefaultAwsCicdServiceOptions {
  logger: LoggerService;
  cache: CacheService;
  clients: AwsClientFactory;
  config?: AwsCicdConfig;
  /**
   * AWS's "now", for durations and countdowns. Defaults to this host's
   * clock; tests pass the emulator's.
   */
  now?: () => Date;
}

/** The resource as the options' role acts on it. */
function as<R extends AwsResourceRef>(
  ref: R,
  options?: ReadOptions | WriteOptions,
): Scoped<R> {
  return options?.roleArn ? { ...ref, roleArn: options.roleArn } : ref;
}

/**
 * The default {@link AwsCicdService}: reads through the backend cache
 * service (short TTLs while something runs, longer when idle), coalesces
 * identical concurrent reads, bounds concurrent calls per AWS API, gives
 * every read a deadline, and maps every AWS failure to a section error.
 * It composes one reader per AWS resource, the delivery assembly and the
 * write path, over shared plumbing.
 * @public
 */
export class DefaultAwsCicdService implements AwsCicdService {
  private readonly pipelines: PipelineReader;
  private readonly groups: DeploymentGroupReader;
  private readonly builds: BuildProjectReader;
  private readonly delivery: DeliveryAssembler;
  private readonly writes: Writes;

  static fromConfig(
    config: Config,
    options: Omit<DefaultAwsCicdServiceOptions, 'config'>,
  ): DefaultAwsCicdService {
    return new DefaultAwsCicdService({
      ...options,
      config: readAwsCicdConfig(config),
    });
  }

  constructor(options: DefaultAwsCicdServiceOptions) {
    const plumbing = new Plumbing({
      logger: options.logger,
      cache: options.cache,
      clients: options.clients,
      config: options.config ?? DEFAULTS,
      now: options.now ?? (() => new Date()),
    });
    this.pipelines = new PipelineReader(plumbing);
    this.groups = new DeploymentGroupReader(plumbing);
    this.builds = new BuildProjectReader(plumbing);
    this.delivery = new DeliveryAssembler(
      plumbing,
      this.pipelines,
      this.groups,
      this.builds,
    );
    this.writes = new Writes(plumbing, this.pipelines, this.groups);
  }

  getDelivery(
    entityRef: string,
    targets: AwsCicdTargets,
    options?: ReadOptions,
  ): Promise<DeliveryResponse> {
    return this.delivery.get(entityRef, targets, options);
  }

  getPipelineBuildProjects(
    pipeline: PipelineRef,
    options?: ReadOptions,
  ): Promise<string[]> {
    return this.pipelines.buildProjects(as(pipeline, options), options);
  }

  getDeploymentOwner(
    group: DeploymentGroupRef,
    deploymentId: string,
    options?: ReadOptions,
  ): Promise<DeploymentOwner> {
    return this.groups.owner(as(group, options), deploymentId, options);
  }

  listExecutions(
    pipeline: PipelineRef,
    page: { pageToken?: string; pageSize?: number },
    options?: ReadOptions,
  ): Promise<ExecutionsPage> {
    return this.pipelines.listExecutions(as(pipeline, options), page, options);
  }

  listActionExecutions(
    pipeline: PipelineRef,
    pipelineExecutionId: string,
    options?: ReadOptions,
  ): Promise<ActionExecutionsResponse> {
    return this.pipelines.listActionExecutions(
      as(pipeline, options),
      pipelineExecutionId,
      options,
    );
  }

  listBuilds(
    project: BuildProjectRef,
    page: { pageToken?: string },
    options?: ReadOptions,
  ): Promise<BuildsPage> {
    return this.builds.listBuilds(as(project, options), page, options);
  }

  putApprovalResult(
    pipeline: PipelineRef,
    request: ApprovalRequest,
    options?: WriteOptions,
  ): Promise<PipelineSection> {
    return this.writes.putApprovalResult(
      as(pipeline, options),
      request,
      options,
    );
  }

  retryStage(
    pipeline: PipelineRef,
    stageName: string,
    request: RetryStageRequest,
    options?: WriteOptions,
  ): Promise<PipelineSection> {
    return this.writes.retryStage(
      as(pipeline, options),
      stageName,
      request,
      options,
    );
  }

  startExecution(
    pipeline: PipelineRef,
    request: StartExecutionRequest,
    options?: WriteOptions,
  ): Promise<StartExecutionResponse> {
    return this.writes.startExecution(as(pipeline, options), request, options);
  }

  stopExecution(
    pipeline: PipelineRef,
    pipelineExecutionId: string,
    request: StopExecutionRequest,
    options?: WriteOptions,
  ): Promise<PipelineSection> {
    return this.writes.stopExecution(
      as(pipeline, options),
      pipelineExecutionId,
      request,
      options,
    );
  }

  stopDeployment(
    group: DeploymentGroupRef,
    deploymentId: string,
    request: StopDeploymentRequest,
    options?: WriteOptions,
  ): Promise<DeploymentGroupSection> {
    return this.writes.stopDeployment(
      as(group, options),
      deploymentId,
      request,
      options,
    );
  }

  continueDeployment(
    group: DeploymentGroupRef,
    deploymentId: string,
    request: ContinueDeploymentRequest,
    options?: WriteOptions,
  ): Promise<DeploymentGroupSection> {
    return this.writes.continueDeployment(
      as(group, options),
      deploymentId,
      request,
      options,
    );
  }
}
