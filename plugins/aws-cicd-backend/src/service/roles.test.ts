import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AwsEmulator, startEmulator } from '@liftoff/aws-emulator';
import request from 'supertest';
import { awsCicdPlugin } from '../plugin';

/*
 * The per-entity role (#12), end to end: two entities in ONE account, each
 * annotated with its own role, read through the public HTTP API; the
 * emulator's call log shows every AWS call of each entity made as its role.
 */

const ACCOUNT = '123456789012';
const PAYMENTS_ROLE = `arn:aws:iam::${ACCOUNT}:role/team-payments-reader`;
const ORDERS_ROLE = `arn:aws:iam::${ACCOUNT}:role/team-orders-reader`;
const DEFAULT_ROLE = `arn:aws:iam::${ACCOUNT}:role/liftoff-default`;
const ACCOUNT_USER = `arn:aws:iam::${ACCOUNT}:user/AKIDEXAMPLE`;

function component(name: string, roleArn: string | undefined): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'aws.amazon.com/aws-codepipeline-arn': `arn:aws:codepipeline:eu-west-1:${ACCOUNT}:${name}`,
        'aws.amazon.com/aws-codedeploy-deployment-group-arn': `arn:aws:codedeploy:eu-west-1:${ACCOUNT}:deploymentgroup:${name}/${name}-production`,
        ...(roleArn ? { 'aws.amazon.com/aws-role-arn': roleArn } : {}),
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

describe('per-entity AWS role', () => {
  let aws: AwsEmulator;

  beforeAll(async () => {
    aws = await startEmulator({
      clock: { mode: 'manual', start: '2026-11-26T09:00:00Z' },
      scenario: {
        name: 'roles',
        account: ACCOUNT,
        region: 'eu-west-1',
        services: [
          { name: 'payments-api', platform: 'lambda' },
          { name: 'orders-api', platform: 'lambda' },
          { name: 'search-api', platform: 'lambda' },
        ],
      },
    });
  });
  afterAll(() => aws.stop());

  async function startBackend(awsCicd: object = {}) {
    const backend = await startTestBackend({
      features: [
        awsCicdPlugin,
        mockServices.rootConfig.factory({
          data: {
            aws: {
              accounts: [
                {
                  accountId: ACCOUNT,
                  accessKeyId: 'AKIDEXAMPLE',
                  secretAccessKey: 'secret',
                },
              ],
            },
            awsCicd: {
              endpoint: aws.url,
              client: { maxAttempts: 1 },
              ...awsCicd,
            },
          },
        }),
        catalogServiceMock.factory({
          entities: [
            component('payments-api', PAYMENTS_ROLE),
            component('orders-api', ORDERS_ROLE),
            component('search-api', undefined),
            component('bad-role', 'team-payments-reader'),
          ],
        }),
      ],
    });
    const api = request(backend.server);
    const get = (name: string) =>
      api
        .get(`/api/aws-cicd/v1/entity/default/component/${name}/delivery`)
        .set('Authorization', mockCredentials.user.header());
    return {
      backend,
      get,
      /** The AWS calls one entity's delivery read made, as `Service.Operation role-or-caller`. */
      async readAs(name: string) {
        aws.calls.reset();
        const res = await get(name);
        expect(res.status).toBe(200);
        return aws.calls.log().map(c => ({
          call: `${c.service}.${c.operation}`,
          as: c.role ?? c.caller,
          status: c.status,
        }));
      },
    };
  }

  it('reads two entities of one account, each as its own role', async () => {
    const { backend, readAs } = await startBackend();
    try {
      for (const [name, role] of [
        ['payments-api', PAYMENTS_ROLE],
        ['orders-api', ORDERS_ROLE],
      ]) {
        const calls = await readAs(name);
        // The role is assumed with the account's credentials...
        expect(calls.filter(c => c.call === 'STS.AssumeRole')).toEqual([
          { call: 'STS.AssumeRole', as: ACCOUNT_USER, status: 200 },
        ]);
        // ...and every read of the entity is made as that role.
        const reads = calls.filter(c => !c.call.startsWith('STS.'));
        expect(reads.map(c => c.call)).toEqual(
          expect.arrayContaining([
            'CodePipeline.GetPipelineState',
            'CodeDeploy.GetDeploymentGroup',
          ]),
        );
        expect(reads.filter(c => c.as !== role)).toEqual([]);
        expect(reads.filter(c => c.status !== 200)).toEqual([]);
      }
    } finally {
      await backend.stop();
    }
  });

  it("uses the account's default role for an entity without the annotation, the annotation otherwise", async () => {
    const { backend, readAs } = await startBackend({
      defaultRoles: [{ accountId: ACCOUNT, roleArn: DEFAULT_ROLE }],
    });
    try {
      const search = (await readAs('search-api')).filter(
        c => !c.call.startsWith('STS.'),
      );
      expect(search.length).toBeGreaterThan(0);
      expect(search.filter(c => c.as !== DEFAULT_ROLE)).toEqual([]);
      const payments = (await readAs('payments-api')).filter(
        c => !c.call.startsWith('STS.'),
      );
      expect(payments.filter(c => c.as !== PAYMENTS_ROLE)).toEqual([]);
    } finally {
      await backend.stop();
    }
  });

  it('answers 400 naming the annotation when the role is not a role ARN, before any AWS call', async () => {
    const { backend, get } = await startBackend();
    try {
      aws.calls.reset();
      const res = await get('bad-role');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('aws.amazon.com/aws-role-arn');
      expect(aws.calls.log()).toEqual([]);
    } finally {
      await backend.stop();
    }
  });
});
