import {
  AwsEmulator,
  demoScenarioPath,
  startEmulator,
} from '@liftoff/aws-emulator';
import {
  FULFILMENT,
  GUEST,
  PluginBackend,
  entityPath,
  startPluginBackend,
} from '../__testUtils__/backend';

jest.setTimeout(60_000);

const PAYMENTS = 'component:default/payments-api';

describe('catalog lookups per view', () => {
  let aws: AwsEmulator;
  let app: PluginBackend;
  beforeAll(async () => {
    aws = await startEmulator({
      scenario: demoScenarioPath,
      clock: { mode: 'manual' },
    });
    app = await startPluginBackend({ aws, awsCicd: {} });
  });
  afterAll(async () => {
    await app?.stop();
    await aws?.stop();
  });
  beforeEach(() => app.catalog.getEntityByRef.mockClear());

  const lookupsOf = (ref: string) =>
    app.catalog.getEntityByRef.mock.calls.filter(c => c[0] === ref).length;

  it("a caller's reads of one entity ask the catalog once", async () => {
    const path = entityPath('payments-api');
    expect((await app.get(`${path}/delivery`)).status).toBe(200);
    expect(
      (await app.get(`${path}/pipelines/payments-api/executions`)).status,
    ).toBe(200);
    expect((await app.get(`${path}/delivery`)).status).toBe(200);
    expect(lookupsOf(PAYMENTS)).toBe(1);
  });

  it('another caller gets its own lookup, with its own credentials', async () => {
    const path = entityPath('payments-api');
    await app.get(`${path}/delivery`, GUEST);
    await app.get(`${path}/delivery`, FULFILMENT);
    const callers = app.catalog.getEntityByRef.mock.calls
      .filter(c => c[0] === PAYMENTS)
      .map(c => JSON.stringify(c[1]));
    // GUEST's lookup may still be cached from the test before.
    expect(callers.some(c => c.includes(FULFILMENT))).toBe(true);
    expect(callers.filter(c => c.includes(FULFILMENT))).toHaveLength(1);
  });

  it('a write always asks the catalog', async () => {
    const path = entityPath('payments-api');
    await app.get(`${path}/delivery`);
    const before = lookupsOf(PAYMENTS);
    // Invalid body: refused after the entity lookup, with no AWS write.
    const res = await app.post(`${path}/pipelines/payments-api/executions`, {
      unknown: true,
    });
    expect(res.status).toBe(400);
    expect(lookupsOf(PAYMENTS)).toBe(before + 1);
  });
});
