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
  awsCicdPath,
  awsCicdRoutes,
} from '@liftoff/plugin-aws-cicd-common';
import { AwsCicdApi } from './AwsCicdApi';

/** GET answers kept for revalidation (entities and pages visited). */
const MAX_VALIDATED = 50;

/** The path parameters that name an entity, from its ref. */
function entityParams(entityRef: string) {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return { kind, namespace, name };
}

/**
 * The default {@link AwsCicdApi}: talks to the aws-cicd backend plugin found
 * through the discovery API, with the signed-in user's token (fetch API).
 * Every URL is built from the routes declared in
 * `@liftoff/plugin-aws-cicd-common`.
 * @public
 */
export class AwsCicdClient implements AwsCicdApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  /** The last answer to each GET, by URL, with its validator. */
  private readonly validated = new Map<
    string,
    { etag: string; value: unknown }
  >();

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getDelivery(entityRef: string): Promise<DeliveryResponse> {
    return this.request(
      awsCicdPath(awsCicdRoutes.delivery, entityParams(entityRef)),
    );
  }

  getExecutions(
    entityRef: string,
    pipeline: string,
    pageToken?: string,
  ): Promise<ExecutionsPage> {
    return this.request(
      awsCicdPath(
        awsCicdRoutes.executions,
        { ...entityParams(entityRef), pipeline },
        { pageToken },
      ),
    );
  }

  getActionExecutions(
    entityRef: string,
    pipeline: string,
    executionId: string,
  ): Promise<ActionExecutionsResponse> {
    return this.request(
      awsCicdPath(awsCicdRoutes.actionExecutions, {
        ...entityParams(entityRef),
        pipeline,
        executionId,
      }),
    );
  }

  getBuilds(
    entityRef: string,
    project: string,
    pageToken?: string,
  ): Promise<BuildsPage> {
    return this.request(
      awsCicdPath(
        awsCicdRoutes.builds,
        { ...entityParams(entityRef), project },
        { pageToken },
      ),
    );
  }

  approve(
    entityRef: string,
    pipeline: string,
    request: ApprovalRequest,
  ): Promise<PipelineSection> {
    return this.request(
      awsCicdPath(awsCicdRoutes.approval, {
        ...entityParams(entityRef),
        pipeline,
      }),
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
      awsCicdPath(awsCicdRoutes.retryStage, {
        ...entityParams(entityRef),
        pipeline,
        stage,
      }),
      request,
    );
  }

  startExecution(
    entityRef: string,
    pipeline: string,
    request: StartExecutionRequest,
  ): Promise<StartExecutionResponse> {
    return this.request(
      awsCicdPath(awsCicdRoutes.startExecution, {
        ...entityParams(entityRef),
        pipeline,
      }),
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
      awsCicdPath(awsCicdRoutes.stopExecution, {
        ...entityParams(entityRef),
        pipeline,
        executionId,
      }),
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
      awsCicdPath(awsCicdRoutes.stopDeployment, {
        ...entityParams(entityRef),
        application: group.applicationName,
        group: group.deploymentGroupName,
        deploymentId,
      }),
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
      awsCicdPath(awsCicdRoutes.continueDeployment, {
        ...entityParams(entityRef),
        application: group.applicationName,
        group: group.deploymentGroupName,
        deploymentId,
      }),
      request,
    );
  }

  /** GET `path`, or POST `body` as JSON to it. */
  private async request<T>(path: string, body?: object): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('aws-cicd');
    const url = `${baseUrl}${path}`;
    if (body !== undefined) {
      const response = await this.fetchApi.fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      return (await response.json()) as T;
    }
    return this.get<T>(url);
  }

  /**
   * A GET that revalidates: it sends the ETag of the last answer for the URL
   * (`If-None-Match`), and on 304 (nothing changed) returns that answer
   * again, so an unchanged poll transfers no body. The backend answers
   * `Cache-Control: private, no-cache`: every call still asks it.
   */
  private async get<T>(url: string): Promise<T> {
    const last = this.validated.get(url);
    const response = await this.fetchApi.fetch(
      url,
      last ? { headers: { 'If-None-Match': last.etag } } : undefined,
    );
    if (response.status === 304 && last) {
      return last.value as T;
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const value = (await response.json()) as T;
    const etag = response.headers.get('ETag');
    this.validated.delete(url);
    if (etag) {
      this.validated.set(url, { etag, value });
      if (this.validated.size > MAX_VALIDATED) {
        // Maps keep insertion order: the first is the least recently stored.
        this.validated.delete(this.validated.keys().next().value as string);
      }
    }
    return value;
  }
}
