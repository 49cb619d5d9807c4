import {
  BatchGetDeploymentsCommand,
  ListDeploymentsCommand,
} from '@aws-sdk/client-codedeploy';
import {
  BatchGetBuildsCommand,
  ListBuildsForProjectCommand,
} from '@aws-sdk/client-codebuild';
import {
  GetPipelineStateCommand,
  ListPipelineExecutionsCommand,
  ListPipelinesCommand,
  StageState,
} from '@aws-sdk/client-codepipeline';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { startEmulator } from './emulator';
import { demoScenarioPath } from './index';
import { parseScenario, ScenarioError } from './scenario/load';
import { startTestEmulator, TestEmulator } from './__testUtils__/emulator';

describe('scenario loading', () => {
  it.each([
    ['services: 3', 'scenario.services must be a list'],
    ['services: [{ name: a }]', 'scenario.services[0].platform is required'],
    [
      'services: [{ name: a, platform: vm }]',
      'scenario.services[0].platform must be one of lambda, ecs',
    ],
    ['account: 12345', 'scenario.account must be a 12-digit account id'],
    [
      'events: [{ at: 1, explode: {} }]',
      'scenario.events[0] must have exactly one of',
    ],
    [
      'events: [{ commit: {} }]',
      'scenario.events[0].commit.pipeline is required',
    ],
    [
      'events: [{ alarm: { name: x, state: RED } }]',
      'scenario.events[0].alarm.state must be one of OK, ALARM, INSUFFICIENT_DATA',
    ],
    ['surprise: true', 'scenario.surprise is not a known key'],
    ['faults: { errorRate: { "*": 7 } }', 'scenario.faults is invalid'],
    [
      'services: [{ name: a, platform: lambda }, { name: a, platform: ecs }]',
      'duplicates a',
    ],
    ['services: [', 'not valid YAML'],
  ])('rejects %s', (yaml, message) => {
    expect(() => parseScenario(yaml)).toThrow(ScenarioError);
    expect(() => parseScenario(yaml)).toThrow(message);
  });

  it('fails startup on a script that names a missing resource', async () => {
    await expect(
      startEmulator({
        scenario: parseScenario(
          'events: [{ at: -10, commit: { pipeline: ghost } }]',
        ),
      }),
    ).rejects.toThrow('Pipeline ghost does not exist');
  });
});

describe('the demo scenario', () => {
  let t: TestEmulator;

  // Loading the demo's 30 days of history takes a few seconds on an idle
  // machine, more than jest's 5 s for a hook on a busy one.
  beforeAll(async () => {
    t = await startTestEmulator({
      scenario: demoScenarioPath,
      clock: { mode: 'manual' },
    });
  }, 60_000);
  afterAll(() => t?.stop());

  const state = async (pipeline: string) => {
    const out = await t.codepipeline.send(
      new GetPipelineStateCommand({ name: pipeline }),
    );
    return Object.fromEntries(out.stageStates!.map(s => [s.stageName, s]));
  };
  const deployments = async (application: string) => {
    const ids = (
      await t.codedeploy.send(
        new ListDeploymentsCommand({
          applicationName: application,
          deploymentGroupName: `${application}-production`,
        }),
      )
    ).deployments!;
    return (
      await t.codedeploy.send(
        new BatchGetDeploymentsCommand({ deploymentIds: ids.slice(0, 25) }),
      )
    ).deploymentsInfo!;
  };

  it('has six services in account 123456789012 / eu-west-1', async () => {
    const out = await t.codepipeline.send(new ListPipelinesCommand({}));
    expect(out.pipelines?.map(p => p.name)).toEqual([
      'checkout-web',
      'inventory-service',
      'notifications-service',
      'orders-service',
      'payments-api',
      'search-service',
    ]);
  });

  it('payments-api: a Lambda canary mid-shift at 10%', async () => {
    const [d] = await deployments('payments-api');
    expect(d).toMatchObject({
      status: 'InProgress',
      deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
    });
    const target = t.emulator.state.simulation
      .partition()
      .deployments.get(d.deploymentId!)!.target;
    expect(target.lambda?.targetVersionWeight).toBe(0.1);
    // The rest of the traffic follows within the 5-minute canary interval.
    const took = await t.advanceUntil(
      () => target.lambda?.targetVersionWeight === 1,
      { step: 5, maxSeconds: 300 },
    );
    expect(took).toBeGreaterThan(0);
  });

  it('orders-service: ECS blue/green waiting for ContinueDeployment with test traffic on 9000', async () => {
    const [d] = await deployments('orders-service');
    expect(d.status).toBe('Ready');
    expect(d.blueGreenDeploymentConfiguration?.deploymentReadyOption).toEqual({
      actionOnTimeout: 'STOP_DEPLOYMENT',
      waitTimeInMinutes: 60,
    });
    expect(
      d.blueGreenDeploymentConfiguration
        ?.terminateBlueInstancesOnDeploymentSuccess
        ?.terminationWaitTimeInMinutes,
    ).toBe(5);
    expect(d.deploymentStatusMessages?.[0]).toContain('9000');
    expect(
      (await state('orders-service')).Production.latestExecution?.status,
    ).toBe('InProgress');
  });

  it('checkout-web: waiting for a manual approval', async () => {
    const s = await state('checkout-web');
    expect(s.Approval.latestExecution?.status).toBe('InProgress');
    expect(s.Approval.actionStates?.[0].latestExecution?.token).toBeDefined();
    expect(s.Test.latestExecution?.status).toBe('Succeeded');
  });

  it('inventory-service: latest execution failed in Build', async () => {
    const s = await state('inventory-service');
    expect(s.Build.latestExecution?.status).toBe('Failed');
    const buildId =
      s.Build.actionStates?.[0].latestExecution?.externalExecutionId;
    const build = (
      await t.codebuild.send(new BatchGetBuildsCommand({ ids: [buildId!] }))
    ).builds![0];
    expect(build.buildStatus).toBe('FAILED');
    expect(
      build.phases?.find(p => p.phaseType === 'BUILD')?.contexts?.[0].message,
    ).toContain('npm run build');
  });

  it('notifications-service: stopped by an alarm and rolled back', async () => {
    const [rollback, failed] = await deployments('notifications-service');
    expect(failed).toMatchObject({
      status: 'Stopped',
      errorInformation: { code: 'ALARM_ACTIVE' },
    });
    expect(failed.errorInformation?.message).toContain(
      'notifications-service-errors',
    );
    expect(rollback).toMatchObject({
      status: 'Succeeded',
      creator: 'codeDeployRollback',
      rollbackInfo: { rollbackTriggeringDeploymentId: failed.deploymentId },
    });
    expect(
      (await state('notifications-service')).Production.latestExecution?.status,
    ).toBe('Failed');
    const alarm = await t.cloudwatch.send(
      new DescribeAlarmsCommand({
        AlarmNames: ['notifications-service-errors'],
      }),
    );
    expect(alarm.MetricAlarms?.[0].StateValue).toBe('OK');
  });

  it('search-service: healthy and idle', async () => {
    const s = await state('search-service');
    expect(
      Object.values(s).map(x => (x as StageState).latestExecution?.status),
    ).toEqual(['Succeeded', 'Succeeded', 'Succeeded', 'Succeeded']);
  });

  it('has 30 days of history for DORA-style views', async () => {
    const out = await t.codepipeline.send(
      new ListPipelineExecutionsCommand({ pipelineName: 'search-service' }),
    );
    const starts = out.pipelineExecutionSummaries!.map(e =>
      e.startTime!.getTime(),
    );
    const days = (Math.max(...starts) - Math.min(...starts)) / 86_400_000;
    expect(days).toBeGreaterThan(25);
    const statuses = out.pipelineExecutionSummaries!.map(e => e.status);
    expect(statuses.filter(s => s === 'Succeeded').length).toBeGreaterThan(20);
    const all = (await t.codedeploy.send(new ListDeploymentsCommand({})))
      .deployments!;
    expect(all.length).toBeGreaterThan(50);
    const builds = await t.codebuild.send(
      new ListBuildsForProjectCommand({ projectName: 'payments-api-build' }),
    );
    expect(builds.ids!.length).toBeGreaterThan(20);
  });

  it('keeps moving: the script lands new commits while it runs', async () => {
    const before =
      t.emulator.state.simulation.pipeline('search-service').value.executions
        .length;
    await t.emulator.clock.advance(400);
    expect(
      t.emulator.state.simulation.pipeline('search-service').value.executions
        .length,
    ).toBe(before + 1);
  });

  it('ships catalog entities for every service, with the Liftoff annotations', () => {
    const docs = readFileSync(
      resolve(__dirname, '../scenarios/demo-entities.yaml'),
      'utf8',
    )
      .split(/^---$/m)
      .map(d => parse(d))
      .filter(Boolean);
    const components = docs.filter(d => d.kind === 'Component');
    expect(components.map(c => c.metadata.name).sort()).toEqual([
      'checkout-web',
      'inventory-service',
      'notifications-service',
      'orders-service',
      'payments-api',
      'search-service',
    ]);
    for (const c of components) {
      const n = c.metadata.name;
      expect(c.metadata.annotations).toEqual({
        'aws.amazon.com/aws-codepipeline-arn': `arn:aws:codepipeline:eu-west-1:123456789012:${n}`,
        'aws.amazon.com/aws-codedeploy-deployment-group-arn': `arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:${n}/${n}-production`,
        'aws.amazon.com/aws-codebuild-project-arn': `arn:aws:codebuild:eu-west-1:123456789012:project/${n}-build`,
      });
      expect(c.spec).toMatchObject({
        type: 'service',
        lifecycle: 'production',
        system: 'liftoff-demo',
      });
    }
    expect(docs.find(d => d.kind === 'System')?.metadata.name).toBe(
      'liftoff-demo',
    );
  });
});
