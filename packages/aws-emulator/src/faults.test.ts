import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { BatchGetProjectsCommand } from '@aws-sdk/client-codebuild';
import { GetDeploymentGroupCommand } from '@aws-sdk/client-codedeploy';
import {
  GetPipelineCommand,
  GetPipelineStateCommand,
  ListPipelinesCommand,
} from '@aws-sdk/client-codepipeline';
import { FaultInjector } from './faults';
import { startTestEmulator, TestEmulator } from './__testUtils__/emulator';

describe('fault injection and the call log', () => {
  let t: TestEmulator;
  beforeEach(async () => {
    t = await startTestEmulator();
  });
  afterEach(() => t.stop());

  it('throttles with a token bucket per operation, as AWS does (400 ThrottlingException)', async () => {
    t.emulator.faults.set({
      throttle: {
        'CodePipeline.GetPipelineState': { ratePerSecond: 0.001, burst: 3 },
      },
    });
    const results = [];
    for (let i = 0; i < 5; i++) {
      results.push(
        await t.codepipeline
          .send(new GetPipelineStateCommand({ name: 'canary-api' }))
          .then(
            () => 'ok',
            e => e,
          ),
      );
    }
    expect(results.slice(0, 3)).toEqual(['ok', 'ok', 'ok']);
    expect(results[3].name).toBe('ThrottlingException');
    expect(results[3].$metadata.httpStatusCode).toBe(400);
    expect(results[3].message).toBe('Rate exceeded');
    // Other operations have their own (here: no) bucket.
    await expect(
      t.codepipeline.send(new GetPipelineCommand({ name: 'canary-api' })),
    ).resolves.toBeDefined();
    const cw = new FaultInjector({
      throttle: { '*': { ratePerSecond: 0, burst: 0 } },
    });
    expect(() =>
      cw.beforeCall('CloudWatch', 'DescribeAlarms', {
        code: 'ThrottlingException',
        queryCode: 'Throttling',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'ThrottlingException',
        queryCode: 'Throttling',
      }),
    );
  });

  it('throttles the next N calls of an operation, whatever their pace (throttleNext)', async () => {
    t.emulator.faults.set({
      throttleNext: { 'CodePipeline.GetPipelineState': 2 },
    });
    const results = [];
    for (let i = 0; i < 3; i++) {
      results.push(
        await t.codepipeline
          .send(new GetPipelineStateCommand({ name: 'canary-api' }))
          .then(
            () => 'ok',
            e => e.name,
          ),
      );
    }
    expect(results).toEqual([
      'ThrottlingException',
      'ThrottlingException',
      'ok',
    ]);
    await expect(
      t.codepipeline.send(new GetPipelineCommand({ name: 'canary-api' })),
    ).resolves.toBeDefined();
    expect(() => new FaultInjector().set({ throttleNext: { x: 1.5 } })).toThrow(
      'faults.throttleNext.x',
    );
  });

  it('refills the bucket over (wall-clock) time', () => {
    let now = 0;
    const f = new FaultInjector(
      { throttle: { GetPipeline: { ratePerSecond: 2, burst: 1 } } },
      () => now,
    );
    const call = () =>
      f.beforeCall('CodePipeline', 'GetPipeline', {
        code: 'ThrottlingException',
      });
    call();
    expect(call).toThrow('Rate exceeded');
    now += 500;
    expect(call).not.toThrow();
  });

  it('injects 5xx errors at a seeded rate', async () => {
    t.emulator.faults.set({ errorRate: { '*': 0.5 }, seed: 42 });
    const outcomes: string[] = [];
    for (let i = 0; i < 40; i++) {
      outcomes.push(
        await t.codepipeline.send(new ListPipelinesCommand({})).then(
          () => 'ok',
          e => `${e.$metadata.httpStatusCode} ${e.name}`,
        ),
      );
    }
    const failures = outcomes.filter(o => o !== 'ok');
    expect(new Set(failures)).toEqual(new Set(['500 InternalFailure']));
    expect(failures.length).toBeGreaterThan(10);
    expect(failures.length).toBeLessThan(30);
    // Same seed, same sequence.
    t.emulator.faults.set({ errorRate: { '*': 0.5 }, seed: 42 });
    const again: string[] = [];
    for (let i = 0; i < 40; i++) {
      again.push(
        await t.codepipeline.send(new ListPipelinesCommand({})).then(
          () => 'ok',
          e => `${e.$metadata.httpStatusCode} ${e.name}`,
        ),
      );
    }
    expect(again).toEqual(outcomes);
    t.emulator.faults.set({
      errorRate: { ListPipelines: 1 },
      errorStatus: 503,
    });
    const err = await t.codepipeline
      .send(new ListPipelinesCommand({}))
      .catch(e => e);
    expect(err.name).toBe('ServiceUnavailable');
    expect(err.$metadata.httpStatusCode).toBe(503);
    expect(err.$fault).toBe('server');
  });

  it('denies access to chosen ARNs', async () => {
    t.emulator.faults.set({
      accessDenied: [
        'arn:aws:codepipeline:eu-west-1:123456789012:canary-*',
        'arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:bg-service/*',
        'arn:aws:codebuild:*:*:project/linear-api-build',
        'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:bg-service-5xx',
      ],
    });
    const denied = await t.codepipeline
      .send(new GetPipelineStateCommand({ name: 'canary-api' }))
      .catch(e => e);
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toContain(
      'codepipeline:GetPipelineState on resource: arn:aws:codepipeline:eu-west-1:123456789012:canary-api',
    );
    await expect(
      t.codepipeline.send(new GetPipelineStateCommand({ name: 'linear-api' })),
    ).resolves.toBeDefined();
    await expect(
      t.codedeploy.send(
        new GetDeploymentGroupCommand({
          applicationName: 'bg-service',
          deploymentGroupName: 'bg-service-production',
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(
      t.codebuild.send(
        new BatchGetProjectsCommand({ names: ['linear-api-build'] }),
      ),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    const cw = await t.cloudwatch
      .send(new DescribeAlarmsCommand({}))
      .catch(e => e);
    // CloudWatch is query-compatible: SDKs name the error by its query code, as they do against AWS.
    expect(cw.name).toBe('AccessDenied');
    expect(cw.Code).toBe('AccessDenied');
    t.emulator.faults.reset();
    await expect(
      t.codepipeline.send(new GetPipelineStateCommand({ name: 'canary-api' })),
    ).resolves.toBeDefined();
  });

  it('adds latency per call (fixed, or a distribution)', async () => {
    t.emulator.faults.set({ latency: { 'CodePipeline.ListPipelines': 80 } });
    const started = Date.now();
    await t.codepipeline.send(new ListPipelinesCommand({}));
    // A lower bound only: a busy machine makes a call slower, never faster.
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    // Other operations get none (read from the injector, not the wall clock).
    const byOperation = new FaultInjector({
      latency: { 'CodePipeline.ListPipelines': 80 },
    });
    expect(byOperation.latencyFor('CodePipeline', 'ListPipelines')).toBe(80);
    expect(byOperation.latencyFor('CodePipeline', 'GetPipeline')).toBe(0);
    const f = new FaultInjector({ latency: { min: 10, max: 20 }, seed: 1 });
    const draws = Array.from({ length: 50 }, () =>
      f.latencyFor('CodeDeploy', 'GetDeployment'),
    );
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...draws)).toBeLessThanOrEqual(20);
    const normal = new FaultInjector({
      latency: { mean: 50, stddev: 10 },
      seed: 1,
    });
    const mean =
      Array.from({ length: 500 }, () => normal.latencyFor('X', 'Y')).reduce(
        (a, b) => a + b,
        0,
      ) / 500;
    expect(mean).toBeGreaterThan(45);
    expect(mean).toBeLessThan(55);
  });

  it('rejects invalid fault configurations', () => {
    expect(() => t.emulator.faults.set({ errorRate: { '*': 2 } })).toThrow(
      'probability',
    );
    expect(() =>
      t.emulator.faults.set({
        throttle: { x: { ratePerSecond: -1, burst: 1 } },
      }),
    ).toThrow('throttle');
    expect(() => t.emulator.faults.set({ nonsense: 1 } as never)).toThrow(
      'not a known fault',
    );
  });

  it('logs every call with counts per operation', async () => {
    t.emulator.calls.reset();
    t.emulator.faults.set({ errorRate: { 'CodePipeline.GetPipeline': 1 } });
    await t.codepipeline.send(new ListPipelinesCommand({}));
    await t.codepipeline.send(new ListPipelinesCommand({}));
    await t.codepipeline
      .send(new GetPipelineCommand({ name: 'canary-api' }))
      .catch(() => undefined);
    await t.cloudwatch.send(new DescribeAlarmsCommand({}));
    await t.raw({
      headers: { 'x-amz-target': 'CodePipeline_20150709.Nope' },
      body: '{}',
    });
    expect(t.emulator.calls.counts()).toEqual({
      'CloudWatch.DescribeAlarms': 1,
      'CodePipeline.GetPipeline': 1,
      'CodePipeline.ListPipelines': 2,
      'CodePipeline.Nope': 1,
    });
    const log = t.emulator.calls.log();
    expect(log[2]).toMatchObject({
      service: 'CodePipeline',
      operation: 'GetPipeline',
      status: 500,
      errorCode: 'InternalFailure',
      region: 'eu-west-1',
    });
    expect(log[0].time).toBeInstanceOf(Date);
    expect(log[0].status).toBe(200);
    expect(log[0].errorCode).toBeUndefined();
    t.emulator.calls.reset();
    expect(t.emulator.calls.log()).toEqual([]);
  });
});

describe('admin routes', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(() => t.stop());

  it('serves health, clock, calls, faults, commits and alarms as JSON', async () => {
    const health = await t.raw({ method: 'GET', path: '/__emulator/health' });
    expect(health.json()).toMatchObject({
      status: 'ok',
      url: t.emulator.url,
      clock: { mode: 'manual', speed: 1 },
    });

    const before = t.emulator.clock.now().getTime();
    const advanced = await t.raw({
      path: '/__emulator/clock/advance',
      body: '{"seconds": 90}',
    });
    expect(new Date(advanced.json().now).getTime()).toBe(before + 90_000);
    expect(
      (
        await t.raw({
          path: '/__emulator/clock/advance',
          body: '{"seconds": -1}',
        })
      ).status,
    ).toBe(400);

    await t.codepipeline.send(new ListPipelinesCommand({}));
    const calls = await t.raw({ method: 'GET', path: '/__emulator/calls' });
    expect(calls.json().counts['CodePipeline.ListPipelines']).toBe(1);
    expect(calls.json().calls[0].time).toMatch(/^\d{4}-/);
    await t.raw({ path: '/__emulator/reset-calls' });
    expect(
      (await t.raw({ method: 'GET', path: '/__emulator/calls' })).json().counts,
    ).toEqual({});

    const faults = await t.raw({
      path: '/__emulator/faults',
      body: '{"errorRate": {"ListPipelines": 1}}',
    });
    expect(faults.json()).toEqual({ errorRate: { ListPipelines: 1 } });
    await expect(
      t.codepipeline.send(new ListPipelinesCommand({})),
    ).rejects.toMatchObject({ name: 'InternalFailure' });
    expect(
      (await t.raw({ path: '/__emulator/faults', body: '{"errorRate": 3}' }))
        .status,
    ).toBe(400);
    await t.raw({ path: '/__emulator/faults', body: '{}' });
    await expect(
      t.codepipeline.send(new ListPipelinesCommand({})),
    ).resolves.toBeDefined();

    const commit = await t.raw({
      path: '/__emulator/commit',
      body: '{"pipeline": "canary-api", "summary": "from admin"}',
    });
    expect(commit.json().pipelineExecutionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      (
        await t.raw({
          path: '/__emulator/commit',
          body: '{"pipeline": "nope"}',
        })
      ).status,
    ).toBe(404);
    await t.raw({
      path: '/__emulator/alarm',
      body: '{"name": "canary-api-errors", "state": "ALARM"}',
    });
    const alarm = await t.cloudwatch.send(
      new DescribeAlarmsCommand({ StateValue: 'ALARM' }),
    );
    expect(alarm.MetricAlarms?.map(a => a.AlarmName)).toEqual([
      'canary-api-errors',
    ]);

    expect(
      (await t.raw({ method: 'GET', path: '/__emulator/nope' })).status,
    ).toBe(404);
    expect(
      (await t.raw({ path: '/__emulator/commit', body: 'not json' })).status,
    ).toBe(400);
  });
});
