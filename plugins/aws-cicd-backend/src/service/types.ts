import {
  ActionExecutionsResponse,
  ApprovalRequest,
  AwsCicdTargets,
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

/** @public */
export interface ReadOptions {
  /** Epoch milliseconds after which unfinished reads are reported as timed out. */
  deadline?: number;
}

/** @public */
export interface WriteOptions {
  /** Who acts (a user entity ref), for the logs. */
  actor?: string;
}

/**
 * The delivery state of an entity's AWS resources and the write actions on
 * them. Callers have already checked that the caller may see the entity and
 * that the resources belong to it; implementations talk to AWS.
 * @public
 */
export interface AwsCicdService {
  /** Everything the entity page shows: each section with its own error. */
  getDelivery(
    entityRef: string,
    targets: AwsCicdTargets,
    options?: ReadOptions,
  ): Promise<DeliveryResponse>;
  /** Names of the CodeBuild projects the pipeline's actions run. */
  getPipelineBuildProjects(
    pipeline: PipelineRef,
    options?: ReadOptions,
  ): Promise<string[]>;
  listExecutions(
    pipeline: PipelineRef,
    page: { pageToken?: string; pageSize?: number },
    options?: ReadOptions,
  ): Promise<ExecutionsPage>;
  listActionExecutions(
    pipeline: PipelineRef,
    pipelineExecutionId: string,
    options?: ReadOptions,
  ): Promise<ActionExecutionsResponse>;
  listBuilds(
    project: BuildProjectRef,
    page: { pageToken?: string },
    options?: ReadOptions,
  ): Promise<BuildsPage>;

  putApprovalResult(
    pipeline: PipelineRef,
    request: ApprovalRequest,
    options?: WriteOptions,
  ): Promise<PipelineSection>;
  retryStage(
    pipeline: PipelineRef,
    stageName: string,
    request: RetryStageRequest,
    options?: WriteOptions,
  ): Promise<PipelineSection>;
  startExecution(
    pipeline: PipelineRef,
    request: StartExecutionRequest,
    options?: WriteOptions,
  ): Promise<StartExecutionResponse>;
  stopExecution(
    pipeline: PipelineRef,
    pipelineExecutionId: string,
    request: StopExecutionRequest,
    options?: WriteOptions,
  ): Promise<PipelineSection>;
  stopDeployment(
    group: DeploymentGroupRef,
    deploymentId: string,
    request: StopDeploymentRequest,
    options?: WriteOptions,
  ): Promise<DeploymentGroupSection>;
  continueDeployment(
    group: DeploymentGroupRef,
    deploymentId: string,
    request: ContinueDeploymentRequest,
    options?: WriteOptions,
  ): Promise<DeploymentGroupSection>;
}
