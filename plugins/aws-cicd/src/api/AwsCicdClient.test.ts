import { ResponseError } from '@backstage/errors';
import { AwsCicdClient } from './AwsCicdClient';

function setup(response: { status: number; body: unknown }) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(response.body), {
        status: response.status,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const client = new AwsCicdClient({
    discoveryApi: {
      getBaseUrl: async id => `http://localhost:7007/api/${id}`,
    },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch };
}

const base = 'http://localhost:7007/api/aws-cicd/v1/entity/default/component';

describe('AwsCicdClient', () => {
  it('reads the delivery of an entity under the versioned entity path', async () => {
    const { client, fetch } = setup({
      status: 200,
      body: { entityRef: 'component:default/payments-api' },
    });
    await expect(
      client.getDelivery('component:default/payments-api'),
    ).resolves.toEqual({ entityRef: 'component:default/payments-api' });
    expect(fetch).toHaveBeenCalledWith(
      `${base}/payments-api/delivery`,
      undefined,
    );
  });

  it('URL-encodes every path part and the page token', async () => {
    const { client, fetch } = setup({ status: 200, body: { executions: [] } });
    await client.getExecutions(
      'component:team a/svc#1',
      'pipe/line',
      'token=a&b',
    );
    expect(fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/aws-cicd/v1/entity/team%20a/component/svc%231/pipelines/pipe%2Fline/executions?pageToken=token%3Da%26b',
    );
  });

  it('posts writes as JSON to their routes', async () => {
    const { client, fetch } = setup({ status: 200, body: {} });
    await client.stopDeployment(
      'component:default/payments-api',
      {
        applicationName: 'payments-api',
        deploymentGroupName: 'payments-api-production',
      },
      'd-ABC123',
      { rollback: true },
    );
    expect(fetch).toHaveBeenCalledWith(
      `${base}/payments-api/deployment-groups/payments-api/payments-api-production/deployments/d-ABC123/stop`,
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({ rollback: true }),
      }),
    );
    await client.continueDeployment(
      'component:default/orders-service',
      {
        applicationName: 'orders-service',
        deploymentGroupName: 'orders-service-production',
      },
      'd-XYZ',
      { waitType: 'READY_WAIT' },
    );
    expect(fetch.mock.calls[1][0]).toBe(
      `${base}/orders-service/deployment-groups/orders-service/orders-service-production/deployments/d-XYZ/continue`,
    );
    await client.retryStage('component:default/x', 'x', 'Build', {
      pipelineExecutionId: 'e-1',
    });
    expect(fetch.mock.calls[2][0]).toBe(
      `${base}/x/pipelines/x/stages/Build/retry`,
    );
  });

  it('builds each URL from the route declared in -common, without an empty query', async () => {
    const { client, fetch } = setup({ status: 200, body: {} });
    await client.getBuilds('component:default/x', 'x-build');
    await client.getActionExecutions(
      'component:default/x',
      'x',
      '3f0f6b0e-0000-4000-8000-000000000001',
    );
    await client.stopExecution(
      'component:default/x',
      'x',
      '3f0f6b0e-0000-4000-8000-000000000001',
      { abandon: true },
    );
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      `${base}/x/builds/x-build`,
      `${base}/x/pipelines/x/executions/3f0f6b0e-0000-4000-8000-000000000001/actions`,
      `${base}/x/pipelines/x/executions/3f0f6b0e-0000-4000-8000-000000000001/stop`,
    ]);
  });

  it('turns an error response into a ResponseError with the server message', async () => {
    const { client } = setup({
      status: 403,
      body: {
        error: { name: 'NotAllowedError', message: 'You may not approve' },
        response: { statusCode: 403 },
      },
    });
    const error = await client
      .approve('component:default/checkout-web', 'checkout-web', {
        stageName: 'Approval',
        actionName: 'Approve',
        status: 'Approved',
        summary: 'ok',
      })
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(403);
    expect(error.cause.message).toBe('You may not approve');
  });
});
