import {
  BackstageCredentials,
  PermissionsService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { AwsEmulator, demoScenarioPath } from '@liftoff/aws-emulator';
import { awsClientFactoryServiceRef } from '@liftoff/plugin-aws-cicd-node';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { awsCicdPlugin } from '../plugin';
import { awsCicdServiceRef } from '../service/awsCicdServiceRef';
import { DefaultAwsCicdService } from '../service/DefaultAwsCicdService';

/** The catalog entities of the emulator's demo scenario, plus test-only ones. */
export function demoEntities(): Entity[] {
  const file = resolve(demoScenarioPath, '../demo-entities.yaml');
  return parseAllDocuments(readFileSync(file, 'utf8')).map(
    d => d.toJSON() as Entity,
  );
}

export const GUEST = 'user:default/guest'; // member of team-payments
export const OUTSIDER = 'user:default/outsider'; // may see no entity
export const FULFILMENT = 'user:default/fulfilment-dev'; // member of team-fulfilment

const MEMBERSHIP: Record<string, string> = {
  [GUEST]: 'group:default/team-payments',
  [FULFILMENT]: 'group:default/team-fulfilment',
};

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:team-payments',
    },
  };
}

/** Entities with broken, missing or foreign annotations. */
export function testEntities(): Entity[] {
  return [
    component('no-annotations', {}),
    component('bad-pipeline-arn', {
      'aws.amazon.com/aws-codepipeline-arn': 'arn:aws:s3:::not-a-pipeline',
    }),
    component('ghost', {
      'aws.amazon.com/aws-codepipeline-arn':
        'arn:aws:codepipeline:eu-west-1:123456789012:ghost-pipeline',
      'aws.amazon.com/aws-codedeploy-deployment-group-arn':
        'arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:ghost/ghost-production',
      'aws.amazon.com/aws-codebuild-project-arn':
        'arn:aws:codebuild:eu-west-1:123456789012:project/ghost-build',
    }),
  ];
}

function userOf(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
  };
  return principal.type === 'user' ? principal.userEntityRef : undefined;
}

function ownerGroup(entity: Entity | undefined): string | undefined {
  const owner = (entity?.spec as { owner?: string } | undefined)?.owner;
  if (!owner) return undefined;
  return owner.startsWith('group:')
    ? `group:default/${owner.slice('group:'.length)}`
    : `group:default/${owner}`;
}

export interface TestBackendOptions {
  aws: AwsEmulator;
  /** Extra `awsCicd.*` config. */
  awsCicd?: JsonObject;
  /** Extra root config (e.g. `backend.cache`). */
  config?: JsonObject;
  /** Replaces the in-memory cache (e.g. the Redis cache service factory). */
  features?: Parameters<typeof startTestBackend>[0]['features'];
}

/**
 * The plugin in a test backend: AWS is the emulator (real SDK clients over
 * HTTP, credentials from `aws.accounts`), the catalog holds the demo
 * entities, and the permission policy mirrors the demo's: writes for
 * members of the owning group.
 */
export async function startPluginBackend(options: TestBackendOptions) {
  const entities = [...demoEntities(), ...testEntities()];
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const catalog = catalogServiceMock.mock({
    async getEntityByRef(ref, opts) {
      const credentials =
        opts && 'credentials' in opts ? opts.credentials : undefined;
      if (credentials && userOf(credentials) === OUTSIDER) return undefined;
      return byRef.get(typeof ref === 'string' ? ref : stringifyEntityRef(ref));
    },
  });
  const authorize = jest.fn<
    ReturnType<PermissionsService['authorize']>,
    Parameters<PermissionsService['authorize']>
  >(async (requests, opts) =>
    requests.map(r => {
      const user = userOf(opts.credentials);
      const resourceRef = (r as { resourceRef?: string }).resourceRef;
      const owner = ownerGroup(
        resourceRef ? byRef.get(resourceRef) : undefined,
      );
      return {
        result:
          user && owner && MEMBERSHIP[user] === owner
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      } as const;
    }),
  );
  const permissions = mockServices.permissions.mock({
    authorize,
  });
  const events: Array<{
    eventId: string;
    meta?: JsonObject;
    outcome?: 'success' | 'fail';
    error?: string;
  }> = [];
  const auditor = mockServices.auditor.mock({
    async createEvent(opts) {
      const record: (typeof events)[number] = {
        eventId: opts.eventId,
        meta: opts.meta,
      };
      events.push(record);
      return {
        async success() {
          record.outcome = 'success';
        },
        async fail({ error }) {
          record.outcome = 'fail';
          record.error = error.name;
        },
      };
    },
  });

  const backend = await startTestBackend({
    features: [
      awsCicdPlugin,
      mockServices.rootConfig.factory({
        data: {
          aws: {
            accounts: [
              {
                accountId: '123456789012',
                accessKeyId: 'AKIDEXAMPLE',
                secretAccessKey: 'secret',
              },
            ],
          },
          awsCicd: {
            endpoint: options.aws.url,
            client: { maxAttempts: 1 },
            ...options.awsCicd,
          },
          ...options.config,
        },
      }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
      permissions.factory,
      auditor.factory,
      // The service as adopters would replace it, here on the emulator's clock.
      createServiceFactory({
        service: awsCicdServiceRef,
        deps: {
          logger: coreServices.logger,
          cache: coreServices.cache,
          config: coreServices.rootConfig,
          clients: awsClientFactoryServiceRef,
        },
        factory: ({ logger, cache, config, clients }) =>
          DefaultAwsCicdService.fromConfig(config, {
            logger,
            cache,
            clients,
            now: () => options.aws.clock.now(),
          }),
      }),
      ...(options.features ?? []),
    ],
  });

  const api = request(backend.server);
  /** `null`: a request without a user (unauthenticated). */
  const as = (user: string | null) =>
    user === null
      ? mockCredentials.none.header()
      : mockCredentials.user.header(user);
  return {
    backend,
    catalog,
    authorize,
    events,
    get(path: string, user: string | null = GUEST) {
      return api.get(`/api/aws-cicd${path}`).set('Authorization', as(user));
    },
    post(path: string, body: object, user: string | null = GUEST) {
      return api
        .post(`/api/aws-cicd${path}`)
        .set('Authorization', as(user))
        .send(body);
    },
    stop: () => backend.stop(),
  };
}

export type PluginBackend = Awaited<ReturnType<typeof startPluginBackend>>;

export const entityPath = (name: string) =>
  `/v1/entity/default/component/${name}`;
