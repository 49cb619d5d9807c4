import { createApiRef } from '@backstage/core-plugin-api';
import {
  ActionExecutionsResponse,
  ApprovalRequest,
  BuildsPage,
  ContinueDeploymentRequest,
  DeliveryResponse,
  DeploymentGroupSection,
  ExecutionsPage,
  PipelineSection,
  RetryStageRequest,
  StartExecutionRequest,
  StartExecutionResponse,
  StopDeploymentRequest,
  StopExecutionRequest,
} from '@liftoff/plugin-aws-cicd-common';

/**
 * Reads and writes of the aws-cicd backend, one method per route of
 * `/api/aws-cicd/v1/entity/:namespace/:kind/:name`. `entityRef` is a full
 * entity ref such as `component:default/payments-api`.
 * @public
 */
export interface AwsCicdApi {
  /** Everything the entity page shows: pipelines, deployment groups, builds. */
  getDelivery(entityRef: string): Promise<DeliveryResponse>;
  /** A page of a pipeline's execution history, newest first. */
  getExecutions(
    entityRef: string,
    pipeline: string,
    pageToken?: string,
  ): Promise<ExecutionsPage>;
  /** The action executions of one pipeline execution. */
  getActionExecutions(
    entityRef: string,
    pipeline: string,
    executionId: string,
  ): Promise<ActionExecutionsResponse>;
  /** A page of a CodeBuild project's builds, newest first. */
  getBuilds(
    entityRef: string,
    project: string,
    pageToken?: string,
  ): Promise<BuildsPage>;
  approve(
    entityRef: string,
    pipeline: string,
    request: ApprovalRequest,
  ): Promise<PipelineSection>;
  retryStage(
    entityRef: string,
    pipeline: string,
    stage: string,
    request: RetryStageRequest,
  ): Promise<PipelineSection>;
  startExecution(
    entityRef: string,
    pipeline: string,
    request: StartExecutionRequest,
  ): Promise<StartExecutionResponse>;
  stopExecution(
    entityRef: string,
    pipeline: string,
    executionId: string,
    request: StopExecutionRequest,
  ): Promise<PipelineSection>;
  stopDeployment(
    entityRef: string,
    deploymentGroup: { applicationName: string; deploymentGroupName: string },
    deploymentId: string,
    request: StopDeploymentRequest,
  ): Promise<DeploymentGroupSection>;
  continueDeployment(
    entityRef: string,
    deploymentGroup: { applicationName: string; deploymentGroupName: string },
    deploymentId: string,
    request: ContinueDeploymentRequest,
  ): Promise<DeploymentGroupSection>;
}

/**
 * The API ref of {@link AwsCicdApi}; replace it in an app to point the page
 * elsewhere, or mock it in tests.
 * @public
 */
export const awsCicdApiRef = createApiRef<AwsCicdApi>({
  id: 'plugin.aws-cicd.service',
});
