/*
 * The HTTP API of the aws-cicd backend plugin, declared once: each route's
 * method, path and request schemas (zod). The backend mounts and validates
 * with these; the frontend client builds its URLs with `awsCicdPath`. The
 * response types are in api.ts.
 */
import { z } from 'zod';
import type {
  ApprovalRequest,
  ContinueDeploymentRequest,
  RetryStageRequest,
  StartExecutionRequest,
  StopDeploymentRequest,
  StopExecutionRequest,
} from './api';

// Names as the services accept them (as the annotation parsers check them).
const PIPELINE_NAME = /^[A-Za-z0-9.@\-_]{1,100}$/;
const CODEDEPLOY_NAME = /^[^/\s]{1,100}$/;
const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9\-_]{1,254}$/;
const EXECUTION_ID = /^[0-9a-f-]{36}$/;
const DEPLOYMENT_ID = /^d-[A-Z0-9]{1,64}$/;
const STAGE_OR_ACTION = /^[A-Za-z0-9.@\-_]{1,100}$/;

const named = (pattern: RegExp, rule: string) =>
  z.string().regex(pattern, `must be ${rule}`);

const pipelineName = named(PIPELINE_NAME, '1-100 of A-Z a-z 0-9 . @ - _');
const stageOrAction = named(STAGE_OR_ACTION, '1-100 of A-Z a-z 0-9 . @ - _');
const codeDeployName = named(
  CODEDEPLOY_NAME,
  "1-100 characters, no '/' or spaces",
);
const executionId = named(
  EXECUTION_ID,
  'a pipeline execution id (36 of 0-9 a-f -)',
);
const deploymentId = named(
  DEPLOYMENT_ID,
  "a deployment id ('d-' and 1-64 of A-Z 0-9)",
);
const projectName = named(
  PROJECT_NAME,
  '2-255 of A-Z a-z 0-9 - _, starting with a letter or digit',
);

const entityParams = z.object({
  namespace: z.string().min(1).max(253),
  kind: z.string().min(1).max(253),
  name: z.string().min(1).max(253),
});
const pipelineParams = entityParams.extend({ pipeline: pipelineName });
const executionParams = pipelineParams.extend({ executionId });
const stageParams = pipelineParams.extend({ stage: stageOrAction });
const projectParams = entityParams.extend({ project: projectName });
const deploymentParams = entityParams.extend({
  application: codeDeployName,
  group: codeDeployName,
  deploymentId,
});

const pageToken = z.string().min(1).max(4096).optional();

/** Request bodies of the writes, typed as the api.ts request types. */
const approvalBody: z.ZodType<ApprovalRequest> = z
  .object({
    stageName: stageOrAction,
    actionName: stageOrAction,
    status: z.enum(['Approved', 'Rejected']),
    summary: z.string().trim().min(1).max(512),
  })
  .strict();
const retryBody: z.ZodType<RetryStageRequest> = z
  .object({
    pipelineExecutionId: executionId,
    retryMode: z.enum(['FAILED_ACTIONS', 'ALL_ACTIONS']).optional(),
  })
  .strict();
const startBody: z.ZodType<StartExecutionRequest> = z
  .object({
    clientRequestToken: z
      .string()
      .regex(/^[a-zA-Z0-9-]{1,128}$/, 'must be 1-128 of a-z A-Z 0-9 -')
      .optional(),
  })
  .strict();
const stopExecutionBody: z.ZodType<StopExecutionRequest> = z
  .object({
    abandon: z.boolean().optional(),
    reason: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
const stopDeploymentBody: z.ZodType<StopDeploymentRequest> = z
  .object({ rollback: z.boolean() })
  .strict();
const continueBody: z.ZodType<ContinueDeploymentRequest> = z
  .object({ waitType: z.enum(['READY_WAIT', 'TERMINATION_WAIT']) })
  .strict();

/** Every route's path starts here (under `/api/aws-cicd`). @public */
export const AWS_CICD_ENTITY_PATH = '/v1/entity/:namespace/:kind/:name';
const E = AWS_CICD_ENTITY_PATH;

/**
 * The routes of the aws-cicd backend: method, Express-style path, and the
 * schemas of the path parameters, query and body.
 * @public
 */
export const awsCicdRoutes = {
  delivery: { method: 'GET', path: `${E}/delivery`, params: entityParams },
  executions: {
    method: 'GET',
    path: `${E}/pipelines/:pipeline/executions`,
    params: pipelineParams,
    query: z.object({
      pageToken,
      pageSize: z.coerce.number().int().min(1).max(100).optional(),
    }),
  },
  actionExecutions: {
    method: 'GET',
    path: `${E}/pipelines/:pipeline/executions/:executionId/actions`,
    params: executionParams,
  },
  builds: {
    method: 'GET',
    path: `${E}/builds/:project`,
    params: projectParams,
    query: z.object({ pageToken }),
  },
  approval: {
    method: 'POST',
    path: `${E}/pipelines/:pipeline/approval`,
    params: pipelineParams,
    body: approvalBody,
  },
  retryStage: {
    method: 'POST',
    path: `${E}/pipelines/:pipeline/stages/:stage/retry`,
    params: stageParams,
    body: retryBody,
  },
  startExecution: {
    method: 'POST',
    path: `${E}/pipelines/:pipeline/executions`,
    params: pipelineParams,
    body: startBody,
  },
  stopExecution: {
    method: 'POST',
    path: `${E}/pipelines/:pipeline/executions/:executionId/stop`,
    params: executionParams,
    body: stopExecutionBody,
  },
  stopDeployment: {
    method: 'POST',
    path: `${E}/deployment-groups/:application/:group/deployments/:deploymentId/stop`,
    params: deploymentParams,
    body: stopDeploymentBody,
  },
  continueDeployment: {
    method: 'POST',
    path: `${E}/deployment-groups/:application/:group/deployments/:deploymentId/continue`,
    params: deploymentParams,
    body: continueBody,
  },
} as const;

/** @public */
export type AwsCicdRoutes = typeof awsCicdRoutes;

/** The path parameters of a route, as the caller gives them. @public */
export type AwsCicdRouteParams<R extends { params: z.ZodTypeAny }> = z.input<
  R['params']
>;

/**
 * A route's path with its parameters filled in (each URL-encoded) and an
 * optional query (undefined members left out), relative to the plugin's
 * base URL.
 * @public
 */
export function awsCicdPath<R extends { path: string; params: z.ZodTypeAny }>(
  route: R,
  params: AwsCicdRouteParams<R>,
  query?: Record<string, string | number | undefined>,
): string {
  const values = params as Record<string, string>;
  const path = route.path.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) {
      throw new TypeError(`Missing path parameter ${key} of ${route.path}`);
    }
    return encodeURIComponent(value);
  });
  const search = Object.entries(query ?? {})
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return search ? `${path}?${search}` : path;
}
