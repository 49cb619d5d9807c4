import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { awsCicdRoutes } from '@liftoff/plugin-aws-cicd-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { EntityLookup } from './EntityLookup';
import { EntityScope } from './EntityScope';
import { parseInput } from './parseInput';
import { sendJson } from './sendJson';
import { AwsCicdService } from './types';
import { WriteRoute, writeRoutes } from './writeRoutes';

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

function actorOf(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
  };
  return principal.type === 'user' ? principal.userEntityRef : undefined;
}

/**
 * The HTTP API (routes and request schemas in `@liftoff/plugin-aws-cicd-common`'s
 * routes.ts): each request resolves the entity with the caller's
 * credentials (no entity or not visible: 404), resolves the resource in the
 * entity's scope (bad annotation: 400; not the entity's: 404), and for
 * writes audits, checks the write permission on the entity (403), then
 * hands over to the {@link AwsCicdService}.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { logger, httpAuth, permissions, auditor, catalog, service } = options;
  const router = Router();
  const lookup = new EntityLookup(catalog);
  router.use(express.json({ limit: '16kb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  interface Resolved {
    entity: Entity;
    credentials: BackstageCredentials;
    deadline: number;
  }

  /**
   * Reads reuse the caller's lookup of the entity for a few seconds (one
   * catalog round trip per view, see {@link EntityLookup}); writes always
   * ask the catalog.
   */
  async function entityOf(
    req: Request,
    fresh: boolean = false,
  ): Promise<Resolved> {
    const deadline = Date.now() + options.requestBudgetMs;
    const { namespace, kind, name } = parseInput(
      awsCicdRoutes.delivery.params,
      {
        namespace: req.params.namespace,
        kind: req.params.kind,
        name: req.params.name,
      },
      'entity reference',
    );
    const credentials = await httpAuth.credentials(req);
    const ref = stringifyEntityRef({ kind, namespace, name });
    const entity = fresh
      ? await catalog.getEntityByRef(ref, { credentials })
      : await lookup.get(ref, {
          credentials,
          authorization: req.headers.authorization,
        });
    if (!entity) {
      throw new NotFoundError(
        `No entity ${ref} in the catalog, or you may not see it`,
      );
    }
    return { entity, credentials, deadline };
  }

  async function scopeOf(req: Request): Promise<EntityScope> {
    const { entity, deadline } = await entityOf(req);
    return new EntityScope(entity, service, deadline);
  }

  router.get(awsCicdRoutes.delivery.path, async (req, res) => {
    const scope = await scopeOf(req);
    sendJson(
      req,
      res,
      await service.getDelivery(
        scope.entityRef,
        scope.targets(),
        scope.options,
      ),
    );
  });

  router.get(awsCicdRoutes.executions.path, async (req, res) => {
    const route = awsCicdRoutes.executions;
    const params = parseInput(route.params, req.params, 'path');
    const query = parseInput(route.query, req.query, 'query');
    const scope = await scopeOf(req);
    sendJson(
      req,
      res,
      await service.listExecutions(
        scope.pipeline(params.pipeline),
        query,
        scope.options,
      ),
    );
  });

  router.get(awsCicdRoutes.actionExecutions.path, async (req, res) => {
    const params = parseInput(
      awsCicdRoutes.actionExecutions.params,
      req.params,
      'path',
    );
    const scope = await scopeOf(req);
    sendJson(
      req,
      res,
      await service.listActionExecutions(
        scope.pipeline(params.pipeline),
        params.executionId,
        scope.options,
      ),
    );
  });

  router.get(awsCicdRoutes.builds.path, async (req, res) => {
    const route = awsCicdRoutes.builds;
    const params = parseInput(route.params, req.params, 'path');
    const query = parseInput(route.query, req.query, 'query');
    const scope = await scopeOf(req);
    sendJson(
      req,
      res,
      await service.listBuilds(
        await scope.buildProject(params.project),
        query,
        scope.options,
      ),
    );
  });

  /**
   * The one write path: the entity (as any read: 404 if not visible), then
   * an audit event naming the entity, the permission on the entity (403),
   * the validated request on the resource the entity scope resolves, and
   * the changed section. Invalid input and denials are audited as failures.
   */
  async function write(route: WriteRoute, req: Request, res: express.Response) {
    const { entity, credentials, deadline } = await entityOf(req, true);
    const entityRef = stringifyEntityRef(entity);
    const body: Record<string, unknown> =
      typeof req.body === 'object' && req.body !== null ? req.body : {};
    const event = await auditor.createEvent({
      eventId: route.eventId,
      severityLevel: 'medium',
      request: req,
      meta: {
        entityRef,
        permission: route.permission.name,
        ...route.audit(req.params, body),
      },
    });
    try {
      const [decision] = await permissions.authorize(
        [{ permission: route.permission, resourceRef: entityRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `You may not perform ${route.permission.name} on ${entityRef}`,
        );
      }
      const scope = new EntityScope(entity, service, deadline);
      const result = await route.handle(
        {
          service,
          scope,
          options: { actor: actorOf(credentials), roleArn: scope.roleArn },
        },
        req.params,
        req.body,
      );
      await event.success();
      sendJson(req, res, result);
    } catch (error) {
      await event.fail({
        error: error instanceof Error ? error : new Error(String(error)),
      });
      throw error;
    }
  }

  for (const route of writeRoutes) {
    router.post(route.path, (req, res) => write(route, req, res));
  }

  logger.debug('aws-cicd routes ready');
  return router;
}
