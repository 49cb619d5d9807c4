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
  /**
   * The role the AWS calls are made as: the entity's
   * `aws.amazon.com/aws-role-arn`. Absent: the account's credentials (or
   * the account's configured default role).
   */
  roleArn?: string;
}

/** @public */
export interface WriteOptions {
  /** Who acts (a user entity ref), for the logs. */
  actor?: string;
  /** The role the AWS calls are made as, as in {@link ReadOptions}. */
  roleArn?: string;
}

/** The deployment group a deployment belongs to. @public */
export interface DeploymentOwner {
  applicationName: string;
  deploymentGroupName: string;
}

/**
 * The delivery state of an entity's AWS resources and the write actions on
 * them. Callers have already checked that the caller may see the entity, that
 * the resources belong to it (the router's entity scope) and, for writes,
 * the permission; implementations talk to AWS, as `options.roleArn`.
 * @public
 */
export interface AwsCicdService {
  /** Everything the entity page shows: each section with its own error. */
  getDelivery(
    entityRef: string,
    targets: AwsCicdTargets,
    options?: ReadOptions,
  ): Promise<DeliveryResponse>;
  /**
   * Names of the CodeBuild projects the pipeline's actions run (for the
   * entity-scope check of a project that is not annotated).
   */
  getPipelineBuildProjects(
    pipeline: PipelineRef,
    options?: ReadOptions,
  ): Promise<string[]>;
  /**
   * The group of a deployment in the group's account and region (for the
   * entity-scope check of a deployment id).
   * @throws NotFoundError when AWS has no such deployment
   */
  getDeploymentOwner(
    group: DeploymentGroupRef,
    deploymentId: string,
    options?: ReadOptions,
  ): Promise<DeploymentOwner>;
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
