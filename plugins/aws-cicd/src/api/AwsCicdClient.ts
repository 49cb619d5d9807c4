import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
import { AwsCicdApi } from './AwsCicdApi';

const enc = encodeURIComponent;

/**
 * The default {@link AwsCicdApi}: talks to the aws-cicd backend plugin found
 * through the discovery API, with the signed-in user's token (fetch API).
 * @public
 */
export class AwsCicdClient implements AwsCicdApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getDelivery(entityRef: string): Promise<DeliveryResponse> {
    return this.request(entityRef, '/delivery');
  }

  getExecutions(
    entityRef: string,
    pipeline: string,
    pageToken?: string,
  ): Promise<ExecutionsPage> {
    const query = pageToken ? `?pageToken=${enc(pageToken)}` : '';
    return this.request(
      entityRef,
      `/pipelines/${enc(pipeline)}/executions${query}`,
    );
  }

  getActionExecutions(
    entityRef: string,
    pipeline: string,
    executionId: string,
  ): Promise<ActionExecutionsResponse> {
    return this.request(
      entityRef,
      `/pipelines/${enc(pipeline)}/executions/${enc(executionId)}/actions`,
    );
  }

  getBuilds(
    entityRef: string,
    project: string,
    pageToken?: string,
  ): Promise<BuildsPage> {
    const query = pageToken ? `?pageToken=${enc(pageToken)}` : '';
    return this.request(entityRef, `/builds/${enc(project)}${query}`);
  }

  approve(
    entityRef: string,
    pipeline: string,
    request: ApprovalRequest,
  ): Promise<PipelineSection> {
    return this.request(
      entityRef,
      `/pipelines/${enc(pipeline)}/approval`,
      request,
    );
  }

  retryStage(
    entityRef: string,
    pipeline: string,
    stage: string,
    request: RetryStageRequest,
  ): Promise<PipelineSection> {
    return this.request(
      entityRef,
      `/pipelines/${enc(pipeline)}/stages/${enc(stage)}/retry`,
      request,
    );
  }

  startExecution(
    entityRef: string,
    pipeline: string,
    request: StartExecutionRequest,
  ): Promise<StartExecutionResponse> {
    return this.request(
      entityRef,
      `/pipelines/${enc(pipeline)}/executions`,
      request,
    );
  }

  stopExecution(
    entityRef: string,
    pipeline: string,
    executionId: string,
    request: StopExecutionRequest,
  ): Promise<PipelineSection> {
    return this.request(
      entityRef,
      `/pipelines/${enc(pipeline)}/executions/${enc(executionId)}/stop`,
      request,
    );
  }

  stopDeployment(
    entityRef: string,
    group: { applicationName: string; deploymentGroupName: string },
    deploymentId: string,
    request: StopDeploymentRequest,
  ): Promise<DeploymentGroupSection> {
    return this.request(
      entityRef,
      `${groupPath(group)}/deployments/${enc(deploymentId)}/stop`,
      request,
    );
  }

  continueDeployment(
    entityRef: string,
    group: { applicationName: string; deploymentGroupName: string },
    deploymentId: string,
    request: ContinueDeploymentRequest,
  ): Promise<DeploymentGroupSection> {
    return this.request(
      entityRef,
      `${groupPath(group)}/deployments/${enc(deploymentId)}/continue`,
      request,
    );
  }

  private async request<T>(
    entityRef: string,
    path: string,
    body?: object,
  ): Promise<T> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const baseUrl = await this.discoveryApi.getBaseUrl('aws-cicd');
    const url = `${baseUrl}/v1/entity/${enc(namespace)}/${enc(kind)}/${enc(
      name,
    )}${path}`;
    const response = await this.fetchApi.fetch(
      url,
      body === undefined
        ? undefined
        : {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function groupPath(group: {
  applicationName: string;
  deploymentGroupName: string;
}): string {
  return `/deployment-groups/${enc(group.applicationName)}/${enc(
    group.deploymentGroupName,
  )}`;
}
