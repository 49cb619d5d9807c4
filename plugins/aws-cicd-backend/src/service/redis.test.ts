import { cacheServiceFactory } from '@backstage/backend-defaults/cache';
import KeyvRedis from '@keyv/redis';
import {
  AwsEmulator,
  demoScenarioPath,
  startEmulator,
} from '@liftoff/aws-emulator';
import { DeliveryResponse } from '@liftoff/plugin-aws-cicd-common';
import { ChildProcess, spawn } from 'node:child_process';
import { createServer, createConnection } from 'node:net';
import {
  PluginBackend,
  entityPath,
  startPluginBackend,
} from '../__testUtils__/backend';

jest.setTimeout(60_000);

/*
 * Stopping a backend does not close its cache's Redis connection
 * (backend-defaults 0.19 with @keyv/redis 4.6), and the Redis client has no
 * 'error' listener: stopping redis-server would then crash the test process
 * with an unhandled SocketClosedUnexpectedlyError. So the test keeps hold of
 * the stores it creates and closes them itself.
 */
const stores: KeyvRedis<unknown>[] = [];
const prototype = KeyvRedis.prototype as unknown as {
  initClient(this: KeyvRedis<unknown>): unknown;
};
const initClient = prototype.initClient;
prototype.initClient = function track(this: KeyvRedis<unknown>) {
  stores.push(this);
  return initClient.call(this);
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** Resolves once redis-server accepts connections (it prints "Ready to accept"). */
function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', chunk => {
      out += chunk;
      if (out.includes('Ready to accept connections')) resolve(child);
    });
    child.once('exit', code =>
      reject(new Error(`redis-server exited (${code}): ${out}`)),
    );
    child.once('error', error =>
      reject(
        new Error(
          `Cannot start redis-server (${error.message}); install it: apt-get install -y redis-server`,
        ),
      ),
    );
  });
}

function flushAll(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(port, '127.0.0.1', () =>
      socket.write('FLUSHALL\r\n'),
    );
    socket.once('data', () => {
      socket.end();
      resolve();
    });
    socket.once('error', reject);
  });
}

// Debian's redis-server, as production would run Redis (CI installs it in .ci/run).
describe('replicas sharing a Redis cache', () => {
  let redis: ChildProcess;
  let port: number;
  let aws: AwsEmulator;
  let replicas: PluginBackend[];

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    aws = await startEmulator({
      scenario: demoScenarioPath,
      clock: { mode: 'manual' },
    });
    const config = {
      backend: {
        cache: { store: 'redis', connection: `redis://127.0.0.1:${port}` },
      },
    };
    replicas = await Promise.all(
      [1, 2].map(() =>
        startPluginBackend({ aws, config, features: [cacheServiceFactory] }),
      ),
    );
  });
  afterAll(async () => {
    await Promise.all((replicas ?? []).map(r => r.stop()));
    await Promise.all(stores.map(store => store.disconnect()));
    await aws?.stop();
    if (redis && redis.exitCode === null) {
      const exited = new Promise(resolve => redis.once('exit', resolve));
      redis.kill('SIGTERM');
      await exited;
    }
  });
  beforeEach(async () => {
    await flushAll(port);
    aws.calls.reset();
  });

  it('reads AWS once for both replicas', async () => {
    const [a, b] = replicas;
    const first = await a.get(`${entityPath('checkout-web')}/delivery`);
    expect(first.status).toBe(200);
    const cold = aws.calls.counts();
    expect(cold['CodePipeline.GetPipelineState']).toBe(1);

    aws.calls.reset();
    const second = await b.get(`${entityPath('checkout-web')}/delivery`);
    expect(second.status).toBe(200);
    expect(aws.calls.counts()).toEqual({});
    expect(second.body.pipelines).toEqual(first.body.pipelines);
    expect(second.body.deploymentGroups).toEqual(first.body.deploymentGroups);
  });

  it('shows a write made through one replica on the other at once', async () => {
    const [a, b] = replicas;
    const path = `${entityPath('checkout-web')}/delivery`;
    await b.get(path); // cached: the approval waits
    const res = await a.post(
      `${entityPath('checkout-web')}/pipelines/checkout-web/approval`,
      {
        stageName: 'Approval',
        actionName: 'ManualApproval',
        status: 'Rejected',
        summary: 'Not today',
      },
    );
    expect(res.status).toBe(200);
    const after = await b.get(path);
    const approval = (
      after.body as DeliveryResponse
    ).pipelines[0].pipeline!.stages.find(s => s.name === 'Approval')!;
    expect(approval.actions[0].status).toBe('Failed');
    expect(approval.actions[0].approval!.waiting).toBe(false);
  });
});
