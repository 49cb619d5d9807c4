import {
  AwsEmulator,
  demoScenarioPath,
  startEmulator,
} from '@liftoff/aws-emulator';
import { DeliveryResponse } from '@liftoff/plugin-aws-cicd-common';
import {
  PluginBackend,
  entityPath,
  startPluginBackend,
} from '../__testUtils__/backend';

jest.setTimeout(60_000);

// An AWS call this slow is past the request budget (1.5 s below) by far more
// than a busy machine adds to a request: a view that waited for it would take
// at least this long.
const SLOW_CALL_MS = 5000;

/**
 * Faults injected by the emulator give partial results: the failing section
 * carries a clear error, the others their data.
 */
describe('faults', () => {
  let aws: AwsEmulator;
  let app: PluginBackend;

  beforeAll(async () => {
    aws = await startEmulator({
      scenario: demoScenarioPath,
      clock: { mode: 'manual' },
    });
    app = await startPluginBackend({
      aws,
      awsCicd: {
        // Long enough for one throttling backoff (up to 500 ms), short for tests.
        requestBudget: 1500,
        // Two attempts, so a retry shows in the call log; no caching, so each
        // test sees its own fault.
        client: { maxAttempts: 2 },
        cache: {
          inProgressTtl: 0,
          idleTtl: 0,
          definitionTtl: 0,
          finishedTtl: 0,
          errorTtl: 0,
        },
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await aws?.stop();
  });
  beforeEach(() => {
    aws.faults.reset();
    aws.calls.reset();
  });

  const view = async (name = 'payments-api') => {
    const res = await app.get(`${entityPath(name)}/delivery`);
    expect(res.status).toBe(200);
    return res.body as DeliveryResponse;
  };

  it('reports throttling after the SDK retried', async () => {
    aws.faults.set({
      throttle: {
        'CodeDeploy.ListDeployments': { ratePerSecond: 0, burst: 0 },
      },
    });
    const body = await view();
    expect(body.deploymentGroups[0].error).toEqual({
      name: 'Throttled',
      message: expect.stringMatching(
        /^AWS throttled the requests for the deployment group payments-api\/payments-api-production \(123456789012 \/ eu-west-1\), even after retries/,
      ),
    });
    expect(aws.calls.counts()['CodeDeploy.ListDeployments']).toBe(2);
    expect(body.pipelines[0].pipeline).toBeDefined();
    expect(body.buildProjects.every(b => b.builds)).toBe(true);
  });

  it('reports a failing service (5xx) as unavailable', async () => {
    aws.faults.set({
      errorRate: { 'CodePipeline.GetPipelineState': 1 },
      errorStatus: 503,
    });
    const body = await view();
    expect(body.pipelines[0].error).toEqual({
      name: 'Unavailable',
      message: expect.stringContaining(
        'AWS is unavailable for the pipeline payments-api (123456789012 / eu-west-1) (CodePipeline.GetPipelineState failed',
      ),
    });
    expect(aws.calls.counts()['CodePipeline.GetPipelineState']).toBe(2);
    expect(body.deploymentGroups[0].group).toBeDefined();
    // The annotated build project is independent of the pipeline.
    expect(body.buildProjects.map(b => b.projectName)).toEqual([
      'payments-api-build',
    ]);
  });

  it('gives up on a section past the request budget and answers with the rest', async () => {
    aws.faults.set({ latency: { 'CodeDeploy.ListDeployments': SLOW_CALL_MS } });
    const started = Date.now();
    const body = await view();
    // Answered before the slow call could have: it did not wait for AWS.
    expect(Date.now() - started).toBeLessThan(SLOW_CALL_MS);
    expect(body.deploymentGroups[0].error).toEqual({
      name: 'Timeout',
      message: expect.stringContaining(
        'AWS did not answer in time for the deployment group payments-api/payments-api-production',
      ),
    });
    expect(body.pipelines[0].pipeline).toBeDefined();
    expect(body.buildProjects).toHaveLength(2);
  });

  it('gives up on slow alarms alone: the deployments still show, the alarms say they timed out', async () => {
    aws.faults.set({ latency: { 'CloudWatch.DescribeAlarms': SLOW_CALL_MS } });
    const started = Date.now();
    const body = await view();
    // Answered before the slow call could have: it did not wait for AWS.
    expect(Date.now() - started).toBeLessThan(SLOW_CALL_MS);
    const section = body.deploymentGroups[0];
    expect(section.error).toBeUndefined();
    expect(section.group?.current?.status).toBe('InProgress');
    expect(section.alarms).toEqual({
      enabled: true,
      error: {
        name: 'Timeout',
        message: expect.stringContaining(
          'CloudWatch alarms of payments-api/payments-api-production',
        ),
      },
    });
  });

  it('times out the executions route with 504', async () => {
    aws.faults.set({
      latency: { 'CodePipeline.ListPipelineExecutions': 5000 },
    });
    const res = await app.get(
      `${entityPath('payments-api')}/pipelines/payments-api/executions`,
    );
    expect(res.status).toBe(504);
    expect(res.body.error.name).toBe('Timeout');
  });

  it('reports access denied per resource, naming the IAM action', async () => {
    aws.faults.set({
      accessDenied: [
        'arn:aws:codebuild:eu-west-1:123456789012:project/payments-api-*',
        'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:payments-api-latency',
      ],
    });
    const body = await view();
    for (const project of body.buildProjects) {
      expect(project.error).toEqual({
        name: 'AccessDenied',
        message: expect.stringContaining(
          '(codebuild:ListBuildsForProject denied)',
        ),
      });
    }
    const group = body.deploymentGroups[0];
    expect(group.error).toBeUndefined();
    expect(group.group?.current).toBeDefined();
    expect(group.alarms).toEqual({
      enabled: true,
      error: {
        name: 'AccessDenied',
        message: expect.stringContaining('(cloudwatch:DescribeAlarms denied)'),
      },
    });
    // Never the principal or key id AWS names in its message.
    expect(JSON.stringify(body)).not.toContain('AKIDEXAMPLE');
    const builds = await app.get(
      `${entityPath('payments-api')}/builds/payments-api-build`,
    );
    expect(builds.status).toBe(502);
    expect(builds.body.error.name).toBe('AccessDenied');
  });

  it('maps a throttled write to 503 and a refused one to 409', async () => {
    aws.faults.set({
      throttle: {
        'CodePipeline.StartPipelineExecution': { ratePerSecond: 0, burst: 0 },
      },
    });
    const start = await app.post(
      `${entityPath('payments-api')}/pipelines/payments-api/executions`,
      {},
    );
    expect(start.status).toBe(503);
    expect(start.body.error.name).toBe('Throttled');
    aws.faults.reset();
    const id = (await view()).pipelines[0].pipeline!.latestExecution!
      .pipelineExecutionId;
    const retry = await app.post(
      `${entityPath('payments-api')}/pipelines/payments-api/stages/Build/retry`,
      { pipelineExecutionId: id },
    );
    expect(retry.status).toBe(409);
    expect(retry.body.error.message).toMatch(
      /^AWS refused to change the pipeline payments-api/,
    );
  });
});
