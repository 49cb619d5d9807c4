import {
  AwsEmulator,
  demoScenarioPath,
  startEmulator,
} from '@liftoff/aws-emulator';
import { DeliveryResponse } from '@liftoff/plugin-aws-cicd-common';
import {
  GUEST,
  PluginBackend,
  entityPath,
  startPluginBackend,
} from '../__testUtils__/backend';

jest.setTimeout(60_000);

describe('unchanged answers are not sent again (ETag, 304)', () => {
  let aws: AwsEmulator;
  let app: PluginBackend;
  beforeEach(async () => {
    aws = await startEmulator({
      scenario: demoScenarioPath,
      clock: { mode: 'manual' },
    });
    app = await startPluginBackend({ aws });
  });
  afterEach(async () => {
    await app?.stop();
    await aws?.stop();
  });

  const delivery = `${entityPath('payments-api')}/delivery`;

  it('answers 304 without a body while /delivery has not changed, 200 once it has', async () => {
    const first = await app.get(delivery);
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/".+"$/);

    const same = await app.get(delivery).set('If-None-Match', etag);
    expect(same.status).toBe(304);
    expect(same.text ?? '').toBe('');
    expect(same.headers.etag).toBe(etag);

    // The canary moves on (a second later: its durations and countdown).
    await aws.clock.advance(1);
    const moved = await app.get(delivery).set('If-None-Match', etag);
    expect(moved.status).toBe(200);
    expect(moved.headers.etag).not.toBe(etag);
    const body = moved.body as DeliveryResponse;
    expect(body.deploymentGroups[0].group!.current!.durationSeconds).toBe(
      (first.body as DeliveryResponse).deploymentGroups[0].group!.current!
        .durationSeconds! + 1,
    );
  });

  it('revalidates the history page too, and a stale validator gets the body', async () => {
    const path = `${entityPath('payments-api')}/pipelines/payments-api/executions`;
    const first = await app.get(path);
    expect(first.status).toBe(200);
    const same = await app.get(path).set('If-None-Match', first.headers.etag);
    expect(same.status).toBe(304);
    const other = await app.get(path).set('If-None-Match', 'W/"other"');
    expect(other.status).toBe(200);
    expect(other.body).toEqual(first.body);
  });

  it('answers a write without a validator', async () => {
    const res = await app.post(
      `${entityPath('payments-api')}/pipelines/payments-api/executions`,
      {},
      GUEST,
    );
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.etag).toBeUndefined();
  });
});
