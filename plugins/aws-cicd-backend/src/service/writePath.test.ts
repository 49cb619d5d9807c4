import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { createRouter } from './router';
import { AwsCicdService } from './types';

const PIPELINE = 'arn:aws:codepipeline:eu-west-1:123456789012:payments-api';
const ROLE = 'arn:aws:iam::123456789012:role/team-payments';
const EXECUTION = '3f0f6b0e-0000-4000-8000-000000000001';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'aws.amazon.com/aws-codepipeline-arn': PIPELINE,
      'aws.amazon.com/aws-role-arn': ROLE,
    },
  },
  spec: {},
};

/** The router over a service whose every method is a mock. */
async function setup(decision: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const service: jest.Mocked<AwsCicdService> = {
    getDelivery: jest.fn(),
    getPipelineBuildProjects: jest.fn(),
    getDeploymentOwner: jest.fn(),
    listExecutions: jest.fn(),
    listActionExecutions: jest.fn(),
    listBuilds: jest.fn(),
    putApprovalResult: jest.fn(),
    retryStage: jest.fn(),
    startExecution: jest.fn(),
    stopExecution: jest.fn(),
    stopDeployment: jest.fn(),
    continueDeployment: jest.fn(),
  };
  service.startExecution.mockResolvedValue({
    pipelineExecutionId: EXECUTION,
    pipeline: { name: 'payments-api', arn: PIPELINE },
  });
  const events: Array<{ meta?: JsonObject; outcome?: string; error?: string }> =
    [];
  const auditor = mockServices.auditor.mock({
    async createEvent(options) {
      const event: (typeof events)[number] = { meta: options.meta };
      events.push(event);
      return {
        async success() {
          event.outcome = 'success';
        },
        async fail({ error }) {
          event.outcome = 'fail';
          event.error = error.name;
        },
      };
    },
  });
  const permissions = mockServices.permissions.mock({
    authorize: async requests => requests.map(() => ({ result: decision })),
  });
  const router = await createRouter({
    logger: mockServices.logger.mock(),
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.user('user:default/guest'),
    }),
    permissions,
    auditor,
    catalog: catalogServiceMock({ entities: [entity] }),
    service,
    requestBudgetMs: 5000,
  });
  const app = express().use(router).use(mockErrorHandler());
  return { app, service, events, permissions };
}

const start =
  '/v1/entity/default/component/payments-api/pipelines/payments-api/executions';

describe('the write path', () => {
  it('refuses a denied write with 403 before any AWS call, audited as failed', async () => {
    const { app, service, events } = await setup(AuthorizeResult.DENY);
    const res = await request(app).post(start).send({});
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(service.startExecution).not.toHaveBeenCalled();
    expect(events).toEqual([
      {
        meta: {
          entityRef: 'component:default/payments-api',
          permission: 'aws-cicd.pipeline.start',
          pipeline: 'payments-api',
        },
        outcome: 'fail',
        error: 'NotAllowedError',
      },
    ]);
  });

  it('acts on the ARN of the annotation, as the entity role, and audits the entity ref', async () => {
    const { app, service, events, permissions } = await setup(
      AuthorizeResult.ALLOW,
    );
    // The URL names the entity in another spelling; an ARN in the body is not
    // an input the write takes.
    const res = await request(app)
      .post(start.replace('/component/', '/Component/'))
      .send({ clientRequestToken: 'abc-1' });
    expect(res.status).toBe(200);
    expect(res.body.pipelineExecutionId).toBe(EXECUTION);
    expect(service.startExecution).toHaveBeenCalledWith(
      expect.objectContaining({ arn: PIPELINE, pipelineName: 'payments-api' }),
      { clientRequestToken: 'abc-1' },
      { actor: 'user:default/guest', roleArn: ROLE },
    );
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        expect.objectContaining({
          resourceRef: 'component:default/payments-api',
        }),
      ],
      expect.anything(),
    );
    expect(events).toEqual([
      expect.objectContaining({
        meta: expect.objectContaining({
          entityRef: 'component:default/payments-api',
        }),
        outcome: 'success',
      }),
    ]);

    const smuggled = await request(app)
      .post(start)
      .send({ arn: 'arn:aws:codepipeline:eu-west-1:999999999999:other' });
    expect(smuggled.status).toBe(400);
    expect(smuggled.body.error.message).toMatch(/^Invalid body: .*arn/);
    expect(service.startExecution).toHaveBeenCalledTimes(1);
    expect(events.at(-1)).toMatchObject({
      outcome: 'fail',
      error: 'InputError',
    });
  });

  it("answers 404 for a pipeline not in the entity's annotation, audited as failed", async () => {
    const { app, service, events } = await setup(AuthorizeResult.ALLOW);
    const res = await request(app)
      .post(
        start.replace('/pipelines/payments-api/', '/pipelines/orders-service/'),
      )
      .send({});
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(
      'Pipeline orders-service is not in the annotation aws.amazon.com/aws-codepipeline-arn of component:default/payments-api',
    );
    expect(service.startExecution).not.toHaveBeenCalled();
    expect(events.at(-1)).toMatchObject({
      outcome: 'fail',
      error: 'NotFoundError',
    });
  });

  it('says which field is wrong and what it must be', async () => {
    const { app } = await setup(AuthorizeResult.ALLOW);
    const res = await request(app)
      .post(`${start}/not-an-id/stop`)
      .send({ abandon: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid path: executionId: must be a pipeline execution id (36 of 0-9 a-f -)',
    );
  });
});
