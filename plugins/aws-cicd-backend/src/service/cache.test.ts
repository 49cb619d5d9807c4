import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  AwsEmulator,
  demoScenarioPath,
  startEmulator,
} from '@liftoff/aws-emulator';
import { JsonValue } from '@backstage/types';
import { DeliveryResponse } from '@liftoff/plugin-aws-cicd-common';
import {
  FULFILMENT,
  PluginBackend,
  entityPath,
  startPluginBackend,
} from '../__testUtils__/backend';

jest.setTimeout(60_000);

/** The memory cache, recording the TTL of every write. */
function recordingCache() {
  const ttls = new Map<string, number | undefined>();
  const factory = createServiceFactory({
    service: coreServices.cache,
    deps: {},
    factory() {
      const cache = mockServices.cache.mock();
      const inner = new Map<string, JsonValue>();
      cache.get.mockImplementation(
        async <T extends JsonValue>(key: string) =>
          inner.get(key) as T | undefined,
      );
      cache.set.mockImplementation(async (key: string, value, options) => {
        inner.set(key, value);
        ttls.set(key, options?.ttl as number | undefined);
      });
      cache.delete.mockImplementation(async (key: string) => {
        inner.delete(key);
      });
      return cache;
    },
  });
  return { factory, ttls };
}

/** The AWS calls of one cold view of a demo service. */
const ONE_COLD_VIEW = {
  'CodePipeline.GetPipeline': 1,
  'CodePipeline.GetPipelineState': 1,
  'CodePipeline.ListPipelineExecutions': 1,
  'CodeDeploy.GetDeploymentGroup': 1,
  'CodeDeploy.ListDeployments': 1,
  'CodeDeploy.BatchGetDeployments': 1,
  // No GetDeploymentConfig: the demo's groups use CodeDeployDefault.*
  // configurations, known without asking AWS.
  'CodeDeploy.ListDeploymentTargets': 1,
  'CodeDeploy.BatchGetDeploymentTargets': 1,
  'CloudWatch.DescribeAlarms': 1,
  'CodeBuild.ListBuildsForProject': 2,
  'CodeBuild.BatchGetBuilds': 2,
};

const total = (counts: Record<string, number>) =>
  Object.values(counts).reduce((a, b) => a + b, 0);

describe('cache and coalescing', () => {
  let aws: AwsEmulator;
  let app: PluginBackend;
  let ttls: Map<string, number | undefined>;

  beforeEach(async () => {
    aws = await startEmulator({
      scenario: demoScenarioPath,
      clock: { mode: 'manual' },
    });
    const cache = recordingCache();
    ttls = cache.ttls;
    app = await startPluginBackend({ aws, features: [cache.factory] });
    aws.calls.reset();
  });
  afterEach(async () => {
    await app?.stop();
    await aws?.stop();
  });

  const view = async (name: string) => {
    const res = await app.get(`${entityPath(name)}/delivery`);
    expect(res.status).toBe(200);
    return res.body as DeliveryResponse;
  };

  it('serves a second view from the cache, with countdowns on the current clock', async () => {
    const first = await view('payments-api');
    // One call per AWS API: pipeline (3), deployment group (6), two build projects (2 each).
    expect(aws.calls.counts()).toEqual(ONE_COLD_VIEW);

    await aws.clock.advance(60);
    aws.calls.reset();
    const second = await view('payments-api');
    expect(aws.calls.counts()).toEqual({});
    const before = first.deploymentGroups[0].group!.current!;
    const after = second.deploymentGroups[0].group!.current!;
    expect(after.nextShiftInSeconds).toBe(before.nextShiftInSeconds! - 60);
    expect(after.durationSeconds).toBe(before.durationSeconds! + 60);
    expect(second.generatedAt).not.toBe(first.generatedAt);
  });

  it('keeps live state briefly while something runs, longer when idle', async () => {
    await view('payments-api'); // canary in progress
    await view('search-service'); // idle
    const ttlOf = (prefix: string, arn: string) =>
      ttls.get(`v1:${prefix}:${arn}`);
    expect(
      ttlOf(
        'group',
        'arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:payments-api/payments-api-production',
      ),
    ).toBe(5_000);
    expect(
      ttlOf(
        'pipeline',
        'arn:aws:codepipeline:eu-west-1:123456789012:payments-api',
      ),
    ).toBe(5_000);
    expect(
      ttlOf(
        'group',
        'arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:search-service/search-service-production',
      ),
    ).toBe(60_000);
    expect(
      ttlOf(
        'pipeline',
        'arn:aws:codepipeline:eu-west-1:123456789012:search-service',
      ),
    ).toBe(60_000);
    // Definitions live longest.
    expect(
      ttlOf(
        'def:pipeline',
        'arn:aws:codepipeline:eu-west-1:123456789012:search-service',
      ),
    ).toBe(600_000);
  });

  it('makes 50 concurrent viewers of one entity cost one set of AWS calls', async () => {
    const views = await Promise.all(
      Array.from({ length: 50 }, () => view('orders-service')),
    );
    expect(
      new Set(
        views.map(v => v.deploymentGroups[0].group!.current!.deploymentId),
      ).size,
    ).toBe(1);
    // Exactly what one cold view costs (see the first test).
    expect(aws.calls.counts()).toEqual(ONE_COLD_VIEW);
    expect(total(aws.calls.counts())).toBe(13);
  });

  it('shares resources between entities and across routes', async () => {
    await view('payments-api');
    aws.calls.reset();
    // The builds route's first page is the delivery's build section.
    const builds = await app.get(
      `${entityPath('payments-api')}/builds/payments-api-test`,
    );
    expect(builds.status).toBe(200);
    expect(aws.calls.counts()).toEqual({});
  });

  it('forgets what a write changed, and shows the new state at once', async () => {
    const before = await view('orders-service');
    const id = before.deploymentGroups[0].group!.current!.deploymentId;
    const res = await app.post(
      `${entityPath('orders-service')}/deployment-groups/orders-service/orders-service-production/deployments/${id}/continue`,
      { waitType: 'READY_WAIT' },
    );
    expect(res.status).toBe(200);
    const after = await view('orders-service');
    expect(after.deploymentGroups[0].group!.current!.status).toBe('InProgress');
  });

  it('caches an AWS error briefly instead of asking again on every view', async () => {
    aws.faults.set({ accessDenied: ['arn:aws:codebuild:*'] });
    const denied = await view('search-service');
    expect(denied.buildProjects[0].error?.name).toBe('AccessDenied');
    const key = [...ttls.keys()].find(k => k.startsWith('v1:builds:'))!;
    expect(ttls.get(key)).toBe(5_000);
    aws.faults.reset();
    aws.calls.reset();
    // Within the error TTL the error is served without asking AWS again.
    const again = await view('search-service');
    expect(again.buildProjects[0].error?.name).toBe('AccessDenied');
    expect(
      aws.calls.counts()['CodeBuild.ListBuildsForProject'],
    ).toBeUndefined();
    // FULFILMENT reads too: reads ride on catalog visibility only.
    expect(
      (await app.get(`${entityPath('search-service')}/delivery`, FULFILMENT))
        .status,
    ).toBe(200);
  });
});
