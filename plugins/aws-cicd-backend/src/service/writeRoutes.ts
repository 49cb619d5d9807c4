import { JsonObject } from '@backstage/types';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  awsCicdApprovalPermission,
  awsCicdContinueDeploymentPermission,
  awsCicdRetryStagePermission,
  awsCicdRoutes,
  awsCicdStartExecutionPermission,
  awsCicdStopDeploymentPermission,
  awsCicdStopExecutionPermission,
} from '@liftoff/plugin-aws-cicd-common';
import { z } from 'zod';
import { EntityScope } from './EntityScope';
import { parseInput } from './parseInput';
import { AwsCicdService, WriteOptions } from './types';

/** What a write route's handler is given. */
export interface WriteContext {
  service: AwsCicdService;
  scope: EntityScope;
  options: WriteOptions;
}

/** One write route: the table entry the router mounts. */
export interface WriteRoute {
  path: string;
  eventId: string;
  permission: ResourcePermission<'catalog-entity'>;
  /** What the audit event records of the request, before it is validated. */
  audit(params: Record<string, string>, body: RawBody): JsonObject;
  /** Validates the request, resolves its resource in the scope, calls the service. */
  handle(
    ctx: WriteContext,
    params: Record<string, string>,
    body: unknown,
  ): Promise<unknown>;
}

type RawBody = Record<string, unknown>;

interface WriteDefinition<P, B> {
  route: { path: string; params: z.ZodType<P>; body: z.ZodType<B> };
  eventId: string;
  permission: ResourcePermission<'catalog-entity'>;
  audit(params: Record<string, string>, body: RawBody): JsonObject;
  call(ctx: WriteContext, params: P, body: B): Promise<unknown>;
}

function write<P, B>(definition: WriteDefinition<P, B>): WriteRoute {
  const { route, call, ...rest } = definition;
  return {
    ...rest,
    path: route.path,
    handle: (ctx, params, body) =>
      call(
        ctx,
        parseInput(route.params, params, 'path'),
        parseInput(route.body, body, 'body'),
      ),
  };
}

const text = (value: unknown) => String(value ?? '').slice(0, 200);

/**
 * The six writes. Each: the route declared in -common, the audit event and
 * the permission on the entity, and the service call on the resource the
 * entity scope resolves (never an ARN from the request).
 */
export const writeRoutes: WriteRoute[] = [
  write({
    route: awsCicdRoutes.approval,
    eventId: 'pipeline-approval',
    permission: awsCicdApprovalPermission,
    audit: (params, body) => ({
      pipeline: params.pipeline,
      stageName: text(body.stageName),
      actionName: text(body.actionName),
      status: text(body.status),
    }),
    call: ({ service, scope, options }, params, body) =>
      service.putApprovalResult(scope.pipeline(params.pipeline), body, options),
  }),
  write({
    route: awsCicdRoutes.retryStage,
    eventId: 'pipeline-stage-retry',
    permission: awsCicdRetryStagePermission,
    audit: (params, body) => ({
      pipeline: params.pipeline,
      stageName: params.stage,
      pipelineExecutionId: text(body.pipelineExecutionId),
    }),
    call: ({ service, scope, options }, params, body) =>
      service.retryStage(
        scope.pipeline(params.pipeline),
        params.stage,
        body,
        options,
      ),
  }),
  write({
    route: awsCicdRoutes.startExecution,
    eventId: 'pipeline-execution-start',
    permission: awsCicdStartExecutionPermission,
    audit: params => ({ pipeline: params.pipeline }),
    call: ({ service, scope, options }, params, body) =>
      service.startExecution(scope.pipeline(params.pipeline), body, options),
  }),
  write({
    route: awsCicdRoutes.stopExecution,
    eventId: 'pipeline-execution-stop',
    permission: awsCicdStopExecutionPermission,
    audit: (params, body) => ({
      pipeline: params.pipeline,
      pipelineExecutionId: params.executionId,
      abandon: body.abandon === true,
    }),
    call: ({ service, scope, options }, params, body) =>
      service.stopExecution(
        scope.pipeline(params.pipeline),
        params.executionId,
        body,
        options,
      ),
  }),
  write({
    route: awsCicdRoutes.stopDeployment,
    eventId: 'deployment-stop',
    permission: awsCicdStopDeploymentPermission,
    audit: (params, body) => ({
      deploymentGroup: `${params.application}/${params.group}`,
      deploymentId: params.deploymentId,
      rollback: body.rollback === true,
    }),
    call: async ({ service, scope, options }, params, body) =>
      service.stopDeployment(
        await scope.deployment(
          params.application,
          params.group,
          params.deploymentId,
        ),
        params.deploymentId,
        body,
        options,
      ),
  }),
  write({
    route: awsCicdRoutes.continueDeployment,
    eventId: 'deployment-continue',
    permission: awsCicdContinueDeploymentPermission,
    audit: (params, body) => ({
      deploymentGroup: `${params.application}/${params.group}`,
      deploymentId: params.deploymentId,
      waitType: text(body.waitType),
    }),
    call: async ({ service, scope, options }, params, body) =>
      service.continueDeployment(
        await scope.deployment(
          params.application,
          params.group,
          params.deploymentId,
        ),
        params.deploymentId,
        body,
        options,
      ),
  }),
];
