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

  it('revalidates GETs with the last ETag and reuses the answer on 304', async () => {
    const answers = [
      { status: 200, etag: 'W/"v1"', body: { entityRef: 'first' } },
      { status: 304, etag: 'W/"v1"' },
      { status: 200, etag: 'W/"v2"', body: { entityRef: 'changed' } },
    ];
    const fetch = jest.fn(async (_url: string, _init?: RequestInit) => {
      const a = answers.shift()!;
      return new Response(a.body ? JSON.stringify(a.body) : null, {
        status: a.status,
        headers: { ETag: a.etag, 'Content-Type': 'application/json' },
      });
    });
    const client = new AwsCicdClient({
      discoveryApi: {
        getBaseUrl: async id => `http://localhost:7007/api/${id}`,
      },
      fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
    });
    const ref = 'component:default/payments-api';
    const first = await client.getDelivery(ref);
    expect(first).toEqual({ entityRef: 'first' });
    await expect(client.getDelivery(ref)).resolves.toBe(first);
    await expect(client.getDelivery(ref)).resolves.toEqual({
      entityRef: 'changed',
    });
    const sent = fetch.mock.calls.map(
      c => new Headers(c[1]?.headers).get('If-None-Match') ?? undefined,
    );
    expect(sent).toEqual([undefined, 'W/"v1"', 'W/"v1"']);
  });

  it('keeps validators per URL', async () => {
    const fetch = jest.fn(
      async (_url: string, _init?: RequestInit) =>
        new Response('{"executions":[]}', {
          status: 200,
          headers: { ETag: 'W/"e"', 'Content-Type': 'application/json' },
        }),
    );
    const client = new AwsCicdClient({
      discoveryApi: {
        getBaseUrl: async id => `http://localhost:7007/api/${id}`,
      },
      fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
    });
    await client.getExecutions('component:default/x', 'x');
    await client.getExecutions('component:default/x', 'x', 'page-2');
    await client.getExecutions('component:default/x', 'x');
    expect(fetch.mock.calls.map(c => c[1])).toEqual([
      undefined,
      undefined,
      { headers: { 'If-None-Match': 'W/"e"' } },
    ]);
  });
});
