import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { awsClientFactoryServiceRef } from '@liftoff/plugin-aws-cicd-node';
import request from 'supertest';
import { scaffolderModuleAwsCicd } from './module';

describe('scaffolderModuleAwsCicd', () => {
  it('registers the five actions with their schemas, using the shared client factory', async () => {
    const factory = {
      codePipeline: jest.fn(),
      codeDeploy: jest.fn(),
      codeBuild: jest.fn(),
      cloudWatch: jest.fn(),
    };
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleAwsCicd,
        mockServices.rootConfig.factory({ data: {} }),
        createServiceFactory({
          service: awsClientFactoryServiceRef,
          deps: {},
          factory: () => factory,
        }),
      ],
    });
    try {
      const response = await request(backend.server).get(
        '/api/scaffolder/v2/actions',
      );
      expect(response.status).toBe(200);
      const ours = response.body.filter((a: { id: string }) =>
        /^(liftoff|aws):/.test(a.id),
      );
      expect(ours.map((a: { id: string }) => a.id).sort()).toEqual([
        'aws:codepipeline:start',
        'aws:codepipeline:wait',
        'liftoff:catalog:annotate',
        'liftoff:deployment-strategy:resolve',
        'liftoff:git:publish-local',
      ]);
      for (const action of ours) {
        expect(action.examples.length).toBeGreaterThan(0);
        // A description on every input and output field.
        for (const schema of [action.schema.input, action.schema.output]) {
          for (const [name, field] of Object.entries<{ description?: string }>(
            schema.properties,
          )) {
            expect([action.id, name, typeof field.description]).toEqual([
              action.id,
              name,
              'string',
            ]);
          }
        }
      }
    } finally {
      await backend.stop();
    }
  });
});
