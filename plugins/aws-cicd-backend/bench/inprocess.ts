/*
 * In-process micro-benchmark of the plugin alone: GET /delivery only, the
 * plugin in startTestBackend with a mock catalog (a Map), no sign-in tokens,
 * no permission backend, no compression, the emulator and the HTTP client in
 * the same process. It is NOT what a user waits for (that is run.ts, `npm run
 * bench`): use it to see the plugin's own share. Run: `npm run
 * bench:inprocess` in this package (or `npm run bench:backend:inprocess`).
 *
 * The CPU figure per warm view includes the client's and the emulator's
 * share: an upper bound for the plugin.
 */
import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  AwsEmulator,
  Scenario,
  demoScenarioPath,
  startEmulator,
} from '@liftoff/aws-emulator';
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import awsCicdPlugin from '../src';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
const ACCOUNT = '123456789012';

function demoEntities(): Entity[] {
  const file = resolve(demoScenarioPath, '../demo-entities.yaml');
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map(d => d.toJSON() as Entity)
    .filter(e => e.kind === 'Component');
}

function entityFor(name: string): Entity {
  const arn = (service: string, resource: string) =>
    `arn:aws:${service}:eu-west-1:${ACCOUNT}:${resource}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'aws.amazon.com/aws-codepipeline-arn': arn('codepipeline', name),
        'aws.amazon.com/aws-codedeploy-deployment-group-arn': arn(
          'codedeploy',
          `deploymentgroup:${name}/${name}-production`,
        ),
        'aws.amazon.com/aws-codebuild-project-arn': arn(
          'codebuild',
          `project/${name}-build`,
        ),
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

/** 50 Lambda services with a week of history, for "50 different entities". */
function fiftyServices(): Scenario {
  return {
    name: 'bench-50',
    seed: 50,
    account: ACCOUNT,
    region: 'eu-west-1',
    history: { days: 7, commitsPerDay: 2 },
    services: Array.from({ length: 50 }, (_, i) => ({
      name: `svc-${String(i + 1).padStart(2, '0')}`,
      platform: i % 2 ? 'ecs' : 'lambda',
      deployment: {
        config:
          i % 2
            ? 'CodeDeployDefault.ECSAllAtOnce'
            : 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
        alarms: [`svc-${i + 1}-errors`],
      },
    })),
  } as Scenario;
}

async function startBackend(
  aws: AwsEmulator,
  entities: Entity[],
  awsCicd: JsonObject = {},
) {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const catalog = {
    async getEntityByRef(ref: string) {
      return byRef.get(ref);
    },
  } as unknown as CatalogService;
  const backend = await startTestBackend({
    features: [
      awsCicdPlugin,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
      createServiceFactory({
        service: coreServices.rootConfig,
        deps: {},
        factory: async () => {
          const { ConfigReader } = await import('@backstage/config');
          return new ConfigReader({
            backend: { baseUrl: 'http://localhost', listen: { port: 0 } },
            aws: {
              accounts: [
                {
                  accountId: ACCOUNT,
                  accessKeyId: 'AKIDEXAMPLE',
                  secretAccessKey: 'secret',
                },
              ],
            },
            awsCicd: { endpoint: aws.url, ...awsCicd },
          });
        },
      }),
    ],
  });
  const port = backend.server.port();
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const view = (name: string) =>
    new Promise<{ ms: number; status: number }>((done, fail) => {
      const started = performance.now();
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: `/api/aws-cicd/v1/entity/default/component/${name}/delivery`,
          agent,
        },
        res => {
          res.resume();
          res.on('end', () =>
            done({ ms: performance.now() - started, status: res.statusCode! }),
          );
        },
      );
      req.on('error', fail);
      req.end();
    });
  return {
    view,
    async stop() {
      agent.destroy();
      await backend.stop();
    },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
  );
  return sorted[index];
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
const calls = (aws: AwsEmulator) =>
  Object.values(aws.calls.counts()).reduce((a, b) => a + b, 0);

function check(label: string, ok: boolean) {
  if (!ok) process.exitCode = 1;
  return `${label} ${ok ? 'ok' : 'MISSED'}`;
}

async function main() {
  const out: string[] = [];
  const log = (line: string) => {
    out.push(line);
    process.stdout.write(`${line}\n`);
  };
  log(
    `aws-cicd-backend IN-PROCESS micro-benchmark (plugin alone: mock catalog, no auth, no gzip; not a user's wait): GET /delivery, AWS emulator with ${LATENCY_MS} ms per AWS call, Node ${process.version}, ${
      (await import('node:os')).cpus().length
    } CPUs, load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`,
  );

  // ---------------------------------------------------------------- demo
  const aws = await startEmulator({
    scenario: demoScenarioPath,
    clock: { mode: 'manual' },
    faults: { latency: { '*': LATENCY_MS } },
  });
  const entities = demoEntities();
  const names = entities.map(e => e.metadata.name);

  // Cold: nothing cached (TTL 0), SDK clients and connections reused.
  const cold = await startBackend(aws, entities, {
    cache: {
      inProgressTtl: 0,
      idleTtl: 0,
      definitionTtl: 0,
      finishedTtl: 0,
      errorTtl: 0,
    },
  });
  await cold.view(names[0]); // first view: clients and connections set up
  aws.calls.reset();
  const coldMs: number[] = [];
  const rounds = 5;
  for (let r = 0; r < rounds; r++) {
    for (const name of names) coldMs.push((await cold.view(name)).ms);
  }
  const coldCalls = calls(aws) / coldMs.length;
  await cold.stop();
  log('');
  log(
    `Cold page view (cache empty), ${coldMs.length} views of the ${names.length} demo services:`,
  );
  log(
    `  p50 ${fmt(percentile(coldMs, 50))}  p95 ${fmt(percentile(coldMs, 95))}  (3 dependent AWS round trips = ${3 * LATENCY_MS} ms)`,
  );
  log(`  AWS calls per view: ${coldCalls.toFixed(1)}`);

  // Warm: everything cached. Live-state TTLs raised so that a slow machine
  // does not turn this phase into refreshes (that is the next phase).
  const warm = await startBackend(aws, entities, {
    cache: { inProgressTtl: 600_000, idleTtl: 600_000 },
  });
  for (const name of names) await warm.view(name);
  aws.calls.reset();
  const warmMs: number[] = [];
  const cpuBefore = process.cpuUsage();
  const warmViews = 600;
  for (let i = 0; i < warmViews; i++) {
    warmMs.push((await warm.view(names[i % names.length])).ms);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const cpuPerView = (cpu.user + cpu.system) / 1000 / warmViews;
  log('');
  log(`Warm page view (cached), ${warmViews} sequential views:`);
  log(
    `  p50 ${fmt(percentile(warmMs, 50))}  p95 ${fmt(percentile(warmMs, 95))}  AWS calls: ${calls(aws)}`,
  );
  log(
    `  CPU per view (backend + client, one process): ${cpuPerView.toFixed(2)} ms`,
  );
  await warm.stop();

  // Steady state: live state expired, definitions still cached.
  const steady = await startBackend(aws, entities, {
    cache: { inProgressTtl: 1, idleTtl: 1 },
  });
  for (const name of names) await steady.view(name);
  aws.calls.reset();
  const steadyMs: number[] = [];
  for (const name of names) steadyMs.push((await steady.view(name)).ms);
  log('');
  log(`Refresh after the live-state TTL (definitions still cached):`);
  log(
    `  p50 ${fmt(percentile(steadyMs, 50))}  AWS calls per view: ${(calls(aws) / names.length).toFixed(1)}`,
  );
  await steady.stop();

  // 50 concurrent viewers of one entity, cache empty.
  const one = await startBackend(aws, entities);
  aws.calls.reset();
  const sameMs = (
    await Promise.all(
      Array.from({ length: 50 }, () => one.view('payments-api')),
    )
  ).map(r => r.ms);
  const sameCalls = calls(aws);
  log('');
  log('50 concurrent viewers of one entity (cache empty):');
  log(
    `  AWS calls: ${sameCalls}  p50 ${fmt(percentile(sameMs, 50))}  p95 ${fmt(percentile(sameMs, 95))}`,
  );
  aws.calls.reset();
  const sameWarmMs = (
    await Promise.all(
      Array.from({ length: 50 }, () => one.view('payments-api')),
    )
  ).map(r => r.ms);
  log(
    `  again, warm: AWS calls: ${calls(aws)}  p95 ${fmt(percentile(sameWarmMs, 95))}`,
  );
  await one.stop();
  await aws.stop();

  // 50 concurrent viewers of 50 different entities, cache empty.
  const aws50 = await startEmulator({
    scenario: fiftyServices(),
    clock: { mode: 'manual' },
    faults: { latency: { '*': LATENCY_MS } },
  });
  const names50 = fiftyServices().services!.map(s => s.name);
  const many = await startBackend(aws50, names50.map(entityFor));
  await many.view(names50[0]);
  aws50.calls.reset();
  const manyResults = await Promise.all(names50.map(n => many.view(n)));
  const manyMs = manyResults.map(r => r.ms);
  log('');
  log(
    '50 concurrent viewers of 50 different entities (cache empty, 10 concurrent calls per AWS API):',
  );
  log(
    `  AWS calls: ${calls(aws50)}  p50 ${fmt(percentile(manyMs, 50))}  p95 ${fmt(percentile(manyMs, 95))}  errors: ${manyResults.filter(r => r.status !== 200).length}`,
  );
  await many.stop();
  // The same with a higher per-API bound: the trade-off of the limit.
  const wide = await startBackend(aws50, names50.map(entityFor), {
    maxConcurrentCallsPerApi: 50,
  });
  await wide.view(names50[0]);
  aws50.calls.reset();
  const wideMs = (await Promise.all(names50.map(n => wide.view(n)))).map(
    r => r.ms,
  );
  log(
    `  with 50 concurrent calls per AWS API: AWS calls: ${calls(aws50)}  p50 ${fmt(percentile(wideMs, 50))}  p95 ${fmt(percentile(wideMs, 95))}`,
  );
  await wide.stop();
  await aws50.stop();

  log('');
  log('Targets:');
  log(
    `  ${check(`cold p50 close to ${3 * LATENCY_MS} ms (< ${3 * LATENCY_MS + 100} ms):`, percentile(coldMs, 50) < 3 * LATENCY_MS + 100)}`,
  );
  log(`  ${check('warm p95 <= 10 ms:', percentile(warmMs, 95) <= 10)}`);
  log(
    `  ${check(`50 viewers of one entity = one view's calls (${coldCalls.toFixed(0)}):`, sameCalls <= Math.ceil(coldCalls))}`,
  );
  log(`  ${check('CPU per warm view <= 5 ms:', cpuPerView <= 5)}`);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
