import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ANNOTATION_CODEBUILD_PROJECT_ARN,
  ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN,
  ANNOTATION_CODEPIPELINE_ARN,
  AWS_CICD_ANNOTATIONS,
  AwsCicdTargets,
  BuildProjectRef,
  DeploymentGroupRef,
  PipelineRef,
  awsCicdApprovalPermission,
  awsCicdContinueDeploymentPermission,
  awsCicdRetryStagePermission,
  awsCicdStartExecutionPermission,
  awsCicdStopDeploymentPermission,
  awsCicdStopExecutionPermission,
  hasAwsCicdAnnotations,
  readAwsCicdTargets,
} from '@liftoff/plugin-aws-cicd-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AwsCicdService } from './types';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  service: AwsCicdService;
  /** Milliseconds a read may take; sections not done by then report a timeout. */
  requestBudgetMs: number;
}

// ---------------------------------------------------------------- inputs

const name = (what: string, pattern: RegExp) =>
  z.string().regex(pattern, `is not a valid ${what}`);

const PIPELINE_NAME = /^[A-Za-z0-9.@\-_]{1,100}$/;
const CODEDEPLOY_NAME = /^[^/\s]{1,100}$/;
const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9\-_]{1,254}$/;
const EXECUTION_ID = /^[0-9a-f-]{36}$/;
const DEPLOYMENT_ID = /^d-[A-Z0-9]{1,64}$/;
const STAGE_OR_ACTION = /^[A-Za-z0-9.@\-_]{1,100}$/;

const entityParams = z.object({
  namespace: z.string().min(1).max(253),
  kind: z.string().min(1).max(253),
  name: z.string().min(1).max(253),
});
const pipelineParams = entityParams.extend({
  pipeline: name('pipeline name', PIPELINE_NAME),
});
const executionParams = pipelineParams.extend({
  executionId: name('pipeline execution id', EXECUTION_ID),
});
const stageParams = pipelineParams.extend({
  stage: name('stage name', STAGE_OR_ACTION),
});
const projectParams = entityParams.extend({
  project: name('CodeBuild project name', PROJECT_NAME),
});
const deploymentParams = entityParams.extend({
  application: name('CodeDeploy application name', CODEDEPLOY_NAME),
  group: name('deployment group name', CODEDEPLOY_NAME),
  deploymentId: name('deployment id', DEPLOYMENT_ID),
});

const pageToken = z.string().min(1).max(4096).optional();
const executionsQuery = z.object({
  pageToken,
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});
const buildsQuery = z.object({ pageToken });

const approvalBody = z
  .object({
    stageName: name('stage name', STAGE_OR_ACTION),
    actionName: name('action name', STAGE_OR_ACTION),
    status: z.enum(['Approved', 'Rejected']),
    summary: z.string().trim().min(1).max(512),
  })
  .strict();
const retryBody = z
  .object({
    pipelineExecutionId: name('pipeline execution id', EXECUTION_ID),
    retryMode: z.enum(['FAILED_ACTIONS', 'ALL_ACTIONS']).optional(),
  })
  .strict();
const startBody = z
  .object({
    clientRequestToken: z
      .string()
      .regex(/^[a-zA-Z0-9-]{1,128}$/, 'must be 1-128 of a-z A-Z 0-9 -')
      .optional(),
  })
  .strict();
const stopExecutionBody = z
  .object({
    abandon: z.boolean().optional(),
    reason: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
const stopDeploymentBody = z.object({ rollback: z.boolean() }).strict();
const continueBody = z
  .object({ waitType: z.enum(['READY_WAIT', 'TERMINATION_WAIT']) })
  .strict();

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const issues = result.error.issues
      .map(i => `${i.path.join('.') || where}: ${i.message}`)
      .join('; ');
    throw new InputError(`Invalid ${where}: ${issues}`);
  }
  return result.data;
}

// ---------------------------------------------------------------- router

/**
 * JSON without Express's ETag: hashing a 70 kB body on every poll costs more
 * than assembling it from the cache, and the page never sends If-None-Match.
 */
function sendJson(res: express.Response, body: unknown) {
  res
    .status(200)
    .type('application/json')
    .set('Cache-Control', 'no-store')
    .end(JSON.stringify(body));
}

/**
 * The HTTP API (routes in `@liftoff/plugin-aws-cicd-common`'s api.ts): each
 * request resolves the entity with the caller's credentials (no entity or
 * not visible: 404), reads its annotations (invalid: 400), checks the write
 * permission on the entity (403), audits writes, and hands over to the
 * {@link AwsCicdService}.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { logger, httpAuth, permissions, auditor, catalog, service } = options;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  interface EntityContext {
    entity: Entity;
    entityRef: string;
    credentials: BackstageCredentials;
    deadline: number;
  }

  async function entityOf(req: Request): Promise<EntityContext> {
    const deadline = Date.now() + options.requestBudgetMs;
    const {
      namespace,
      kind,
      name: entityName,
    } = parse(
      entityParams,
      {
        namespace: req.params.namespace,
        kind: req.params.kind,
        name: req.params.name,
      },
      'entity reference',
    );
    const credentials = await httpAuth.credentials(req);
    const entityRef = stringifyEntityRef({
      kind,
      namespace,
      name: entityName,
    });
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(
        `No entity ${entityRef} in the catalog, or you may not see it`,
      );
    }
    return { entity, entityRef, credentials, deadline };
  }

  function targetsOf({ entity, entityRef }: EntityContext): AwsCicdTargets {
    if (!hasAwsCicdAnnotations(entity)) {
      throw new InputError(
        `Entity ${entityRef} has none of the annotations ${AWS_CICD_ANNOTATIONS.join(
          ', ',
        )}; add at least one to show its delivery state`,
      );
    }
    return readAwsCicdTargets(entity);
  }

  function pipelineOf(ctx: EntityContext, pipeline: string): PipelineRef {
    const { pipelines } = targetsOf(ctx);
    if (pipelines.length === 0) {
      throw new InputError(
        `Entity ${ctx.entityRef} has no annotation ${ANNOTATION_CODEPIPELINE_ARN}`,
      );
    }
    const ref = pipelines.find(p => p.pipelineName === pipeline);
    if (!ref) {
      throw new NotFoundError(
        `Pipeline ${pipeline} is not in the annotation ${ANNOTATION_CODEPIPELINE_ARN} of ${ctx.entityRef}`,
      );
    }
    return ref;
  }

  function groupOf(
    ctx: EntityContext,
    application: string,
    group: string,
  ): DeploymentGroupRef {
    const { deploymentGroups } = targetsOf(ctx);
    if (deploymentGroups.length === 0) {
      throw new InputError(
        `Entity ${ctx.entityRef} has no annotation ${ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN}`,
      );
    }
    const ref = deploymentGroups.find(
      g => g.applicationName === application && g.deploymentGroupName === group,
    );
    if (!ref) {
      throw new NotFoundError(
        `Deployment group ${application}/${group} is not in the annotation ${ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN} of ${ctx.entityRef}`,
      );
    }
    return ref;
  }

  /** A project of the codebuild annotation, or one a pipeline's CodeBuild action runs. */
  async function projectOf(
    ctx: EntityContext,
    project: string,
  ): Promise<BuildProjectRef> {
    const targets = targetsOf(ctx);
    const annotated = targets.buildProjects.find(
      b => b.projectName === project,
    );
    if (annotated) return annotated;
    for (const pipeline of targets.pipelines) {
      const projects = await service.getPipelineBuildProjects(pipeline, {
        deadline: ctx.deadline,
      });
      if (projects.includes(project)) {
        return {
          arn: `arn:${pipeline.partition}:codebuild:${pipeline.region}:${pipeline.accountId}:project/${project}`,
          partition: pipeline.partition,
          region: pipeline.region,
          accountId: pipeline.accountId,
          projectName: project,
        };
      }
    }
    throw new NotFoundError(
      `CodeBuild project ${project} is neither in the annotation ${ANNOTATION_CODEBUILD_PROJECT_ARN} of ${ctx.entityRef} nor run by its pipelines`,
    );
  }

  /** The one permission check of the writes: the permission on the entity. */
  async function authorize(
    ctx: EntityContext,
    permission: ResourcePermission<'catalog-entity'>,
  ) {
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef: ctx.entityRef }],
      { credentials: ctx.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not perform ${permission.name} on ${ctx.entityRef}`,
      );
    }
  }

  function actorOf(ctx: EntityContext): string | undefined {
    const principal = ctx.credentials.principal as {
      type?: string;
      userEntityRef?: string;
    };
    return principal.type === 'user' ? principal.userEntityRef : undefined;
  }

  /**
   * A write: audited from the first byte (invalid input and denials are
   * recorded as failures), then entity, permission, the action, the new state.
   */
  async function write<T>(
    req: Request,
    res: express.Response,
    spec: {
      eventId: string;
      permission: ResourcePermission<'catalog-entity'>;
      meta: JsonObject;
      run: (ctx: EntityContext) => Promise<T>;
    },
  ) {
    const event = await auditor.createEvent({
      eventId: spec.eventId,
      severityLevel: 'medium',
      request: req,
      meta: {
        entityRef: `${req.params.kind}:${req.params.namespace}/${req.params.name}`,
        permission: spec.permission.name,
        ...spec.meta,
      },
    });
    try {
      const ctx = await entityOf(req);
      await authorize(ctx, spec.permission);
      const result = await spec.run(ctx);
      await event.success();
      sendJson(res, result);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  const base = '/v1/entity/:namespace/:kind/:name';

  router.get(`${base}/delivery`, async (req, res) => {
    const ctx = await entityOf(req);
    const targets = targetsOf(ctx);
    sendJson(
      res,
      await service.getDelivery(ctx.entityRef, targets, {
        deadline: ctx.deadline,
      }),
    );
  });

  router.get(`${base}/pipelines/:pipeline/executions`, async (req, res) => {
    const params = parse(pipelineParams, req.params, 'path');
    const query = parse(executionsQuery, req.query, 'query');
    const ctx = await entityOf(req);
    const pipeline = pipelineOf(ctx, params.pipeline);
    sendJson(
      res,
      await service.listExecutions(pipeline, query, { deadline: ctx.deadline }),
    );
  });

  router.get(
    `${base}/pipelines/:pipeline/executions/:executionId/actions`,
    async (req, res) => {
      const params = parse(executionParams, req.params, 'path');
      const ctx = await entityOf(req);
      const pipeline = pipelineOf(ctx, params.pipeline);
      sendJson(
        res,
        await service.listActionExecutions(pipeline, params.executionId, {
          deadline: ctx.deadline,
        }),
      );
    },
  );

  router.get(`${base}/builds/:project`, async (req, res) => {
    const params = parse(projectParams, req.params, 'path');
    const query = parse(buildsQuery, req.query, 'query');
    const ctx = await entityOf(req);
    const project = await projectOf(ctx, params.project);
    sendJson(
      res,
      await service.listBuilds(project, query, { deadline: ctx.deadline }),
    );
  });

  router.post(`${base}/pipelines/:pipeline/approval`, (req, res) =>
    write(req, res, {
      eventId: 'pipeline-approval',
      permission: awsCicdApprovalPermission,
      meta: {
        pipeline: req.params.pipeline,
        stageName: String(req.body?.stageName ?? ''),
        actionName: String(req.body?.actionName ?? ''),
        status: String(req.body?.status ?? ''),
      },
      run: async ctx => {
        const params = parse(pipelineParams, req.params, 'path');
        const body = parse(approvalBody, req.body, 'body');
        return service.putApprovalResult(
          pipelineOf(ctx, params.pipeline),
          body,
          {
            actor: actorOf(ctx),
          },
        );
      },
    }),
  );

  router.post(`${base}/pipelines/:pipeline/stages/:stage/retry`, (req, res) =>
    write(req, res, {
      eventId: 'pipeline-stage-retry',
      permission: awsCicdRetryStagePermission,
      meta: {
        pipeline: req.params.pipeline,
        stageName: req.params.stage,
        pipelineExecutionId: String(req.body?.pipelineExecutionId ?? ''),
      },
      run: async ctx => {
        const params = parse(stageParams, req.params, 'path');
        const body = parse(retryBody, req.body, 'body');
        return service.retryStage(
          pipelineOf(ctx, params.pipeline),
          params.stage,
          body,
          { actor: actorOf(ctx) },
        );
      },
    }),
  );

  router.post(`${base}/pipelines/:pipeline/executions`, (req, res) =>
    write(req, res, {
      eventId: 'pipeline-execution-start',
      permission: awsCicdStartExecutionPermission,
      meta: { pipeline: req.params.pipeline },
      run: async ctx => {
        const params = parse(pipelineParams, req.params, 'path');
        const body = parse(startBody, req.body, 'body');
        return service.startExecution(pipelineOf(ctx, params.pipeline), body, {
          actor: actorOf(ctx),
        });
      },
    }),
  );

  router.post(
    `${base}/pipelines/:pipeline/executions/:executionId/stop`,
    (req, res) =>
      write(req, res, {
        eventId: 'pipeline-execution-stop',
        permission: awsCicdStopExecutionPermission,
        meta: {
          pipeline: req.params.pipeline,
          pipelineExecutionId: req.params.executionId,
          abandon: req.body?.abandon === true,
        },
        run: async ctx => {
          const params = parse(executionParams, req.params, 'path');
          const body = parse(stopExecutionBody, req.body, 'body');
          return service.stopExecution(
            pipelineOf(ctx, params.pipeline),
            params.executionId,
            body,
            { actor: actorOf(ctx) },
          );
        },
      }),
  );

  const deployment = `${base}/deployment-groups/:application/:group/deployments/:deploymentId`;

  router.post(`${deployment}/stop`, (req, res) =>
    write(req, res, {
      eventId: 'deployment-stop',
      permission: awsCicdStopDeploymentPermission,
      meta: {
        deploymentGroup: `${req.params.application}/${req.params.group}`,
        deploymentId: req.params.deploymentId,
        rollback: req.body?.rollback === true,
      },
      run: async ctx => {
        const params = parse(deploymentParams, req.params, 'path');
        const body = parse(stopDeploymentBody, req.body, 'body');
        return service.stopDeployment(
          groupOf(ctx, params.application, params.group),
          params.deploymentId,
          body,
          { actor: actorOf(ctx) },
        );
      },
    }),
  );

  router.post(`${deployment}/continue`, (req, res) =>
    write(req, res, {
      eventId: 'deployment-continue',
      permission: awsCicdContinueDeploymentPermission,
      meta: {
        deploymentGroup: `${req.params.application}/${req.params.group}`,
        deploymentId: req.params.deploymentId,
        waitType: String(req.body?.waitType ?? ''),
      },
      run: async ctx => {
        const params = parse(deploymentParams, req.params, 'path');
        const body = parse(continueBody, req.body, 'body');
        return service.continueDeployment(
          groupOf(ctx, params.application, params.group),
          params.deploymentId,
          body,
          { actor: actorOf(ctx) },
        );
      },
    }),
  );

  logger.debug('aws-cicd routes ready');
  return router;
}
