import {
  BatchGetDeploymentTargetsCommand,
  ContinueDeploymentCommand,
  DeploymentInfo,
  DeploymentIsNotInReadyStateException,
  DeploymentTarget,
  GetDeploymentCommand,
  GetDeploymentGroupCommand,
  ListDeploymentTargetsCommand,
  ListDeploymentsCommand,
  StopDeploymentCommand,
  UnsupportedActionForDeploymentTypeException,
  DeploymentAlreadyCompletedException,
} from '@aws-sdk/client-codedeploy';
import { GetPipelineStateCommand } from '@aws-sdk/client-codepipeline';
import {
  DescribeAlarmsCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { startTestEmulator, TestEmulator } from './__testUtils__/emulator';

/** Full simulated deployments, observed only through the SDK clients. */
describe('CodeDeploy deployments', () => {
  let t: TestEmulator;
  const sim = () => t.emulator.state.simulation;

  beforeEach(async () => {
    t = await startTestEmulator();
  });
  afterEach(() => t.stop());

  const get = async (id: string): Promise<DeploymentInfo> =>
    (await t.codedeploy.send(new GetDeploymentCommand({ deploymentId: id })))
      .deploymentInfo!;
  async function deploymentOf(application: string): Promise<string> {
    t.emulator.state.pushCommit(application);
    await t.advanceUntil(() => Boolean(sim().activeDeployment(application)), {
      step: 1,
      what: `a ${application} deployment`,
    });
    const id = sim().activeDeployment(application)!.info.deploymentId;
    expect((await get(id)).status).toBe('Created');
    await expect(
      t.codedeploy.send(new ListDeploymentTargetsCommand({ deploymentId: id })),
    ).rejects.toMatchObject({
      name: 'DeploymentNotStartedException',
    });
    await t.advanceUntil(
      () => sim().activeDeployment(application)?.info.status !== 'Created',
      { step: 1 },
    );
    return id;
  }
  const targetOf = async (id: string): Promise<DeploymentTarget> => {
    const { targetIds } = await t.codedeploy.send(
      new ListDeploymentTargetsCommand({ deploymentId: id }),
    );
    const out = await t.codedeploy.send(
      new BatchGetDeploymentTargetsCommand({ deploymentId: id, targetIds }),
    );
    return out.deploymentTargets![0];
  };
  const weight = async (id: string) =>
    (await targetOf(id)).lambdaTarget?.lambdaFunctionInfo?.targetVersionWeight;
  /**
   * Advances second by second until the traffic weight changes (checked in process, for speed); returns the new
   * weight as the SDK reads it and the seconds it took.
   */
  const nextWeight = async (id: string) => {
    const current = () =>
      sim().partition().deployments.get(id)!.target.lambda?.targetVersionWeight;
    const before = current();
    const seconds = await t.advanceUntil(() => current() !== before, {
      step: 1,
      what: 'a traffic shift',
    });
    return { weight: await weight(id), seconds };
  };

  it('runs a Lambda canary from 0% to 10% to 100% on the configured interval', async () => {
    const id = await deploymentOf('canary-api');
    let info = await get(id);
    expect(info).toMatchObject({
      applicationName: 'canary-api',
      deploymentGroupName: 'canary-api-production',
      deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      creator: 'CloudFormation',
      computePlatform: 'Lambda',
      deploymentStyle: {
        deploymentType: 'BLUE_GREEN',
        deploymentOption: 'WITH_TRAFFIC_CONTROL',
      },
    });
    expect(info.revision?.revisionType).toBe('AppSpecContent');
    expect(
      JSON.parse(info.revision!.appSpecContent!.content!).Resources[0][
        'canary-api'
      ].Properties,
    ).toMatchObject({
      CurrentVersion: '4',
      TargetVersion: '5',
    });
    let target = await targetOf(id);
    expect(target.deploymentTargetType).toBe('LambdaTarget');
    expect(target.lambdaTarget).toMatchObject({
      targetId: 'canary-api:live',
      targetArn:
        'arn:aws:lambda:eu-west-1:123456789012:function:canary-api:live',
      status: 'InProgress',
      lambdaFunctionInfo: {
        functionName: 'canary-api',
        functionAlias: 'live',
        currentVersion: '4',
        targetVersion: '5',
        targetVersionWeight: 0,
      },
    });
    expect(
      target.lambdaTarget?.lifecycleEvents?.map(e => [
        e.lifecycleEventName,
        e.status,
      ]),
    ).toEqual([
      ['BeforeAllowTraffic', 'InProgress'],
      ['AllowTraffic', 'Pending'],
      ['AfterAllowTraffic', 'Pending'],
    ]);

    const canary = await nextWeight(id);
    expect(canary.weight).toBe(0.1);
    expect(canary.seconds).toBeGreaterThanOrEqual(20); // the pre-traffic hook ran first
    const full = await nextWeight(id);
    expect(full).toEqual({ weight: 1, seconds: 300 });

    await t.advanceUntil(() => !sim().activeDeployment('canary-api'), {
      step: 5,
    });
    info = await get(id);
    expect(info.status).toBe('Succeeded');
    expect(info.completeTime!.getTime()).toBeGreaterThan(
      info.startTime!.getTime() + 300_000,
    );
    expect(info.deploymentOverview).toEqual({
      Pending: 0,
      InProgress: 0,
      Succeeded: 1,
      Failed: 0,
      Skipped: 0,
      Ready: 0,
    });
    target = await targetOf(id);
    expect(
      target.lambdaTarget?.lifecycleEvents?.every(
        e => e.status === 'Succeeded' && e.startTime && e.endTime,
      ),
    ).toBe(true);
    const group = await t.codedeploy.send(
      new GetDeploymentGroupCommand({
        applicationName: 'canary-api',
        deploymentGroupName: 'canary-api-production',
      }),
    );
    expect(group.deploymentGroupInfo?.lastSuccessfulDeployment).toMatchObject({
      deploymentId: id,
      status: 'Succeeded',
    });
    // The next release builds on the version this one made live.
    const next = await deploymentOf('canary-api');
    expect(
      JSON.parse((await get(next)).revision!.appSpecContent!.content!)
        .Resources[0]['canary-api'].Properties.TargetVersion,
    ).toBe('6');
  });

  it('shifts a linear deployment 10% every minute', async () => {
    const id = await deploymentOf('linear-api');
    // No pre-traffic hook: the first 10% moves as soon as the deployment starts.
    const weights: number[] = [(await weight(id))!];
    const gaps: number[] = [];
    for (let i = 0; i < 9; i++) {
      const step = await nextWeight(id);
      weights.push(step.weight!);
      gaps.push(step.seconds);
    }
    expect(weights.map(w => Math.round(w * 100))).toEqual([
      10, 20, 30, 40, 50, 60, 70, 80, 90, 100,
    ]);
    expect(gaps).toEqual(Array(9).fill(60));
    await t.advanceUntil(() => !sim().activeDeployment('linear-api'), {
      step: 5,
    });
    const target = await targetOf(id);
    // No hooks configured: the hook events are skipped.
    expect(target.lambdaTarget?.lifecycleEvents?.map(e => e.status)).toEqual([
      'Skipped',
      'Succeeded',
      'Skipped',
    ]);
    expect((await get(id)).status).toBe('Succeeded');
  });

  it('runs an ECS blue/green with a ready wait and a termination wait', async () => {
    const id = await deploymentOf('bg-service');
    await t.advanceUntil(
      () => sim().activeDeployment('bg-service')?.info.status === 'Ready',
      { step: 5, what: 'Ready' },
    );
    let info = await get(id);
    expect(info.status).toBe('Ready');
    expect(info.deploymentOverview?.Ready).toBe(1);
    expect(info.blueGreenDeploymentConfiguration).toEqual({
      terminateBlueInstancesOnDeploymentSuccess: {
        action: 'TERMINATE',
        terminationWaitTimeInMinutes: 5,
      },
      deploymentReadyOption: {
        actionOnTimeout: 'STOP_DEPLOYMENT',
        waitTimeInMinutes: 60,
      },
    });
    let target = (await targetOf(id)).ecsTarget!;
    expect(target.targetId).toBe('liftoff:bg-service');
    expect(target.status).toBe('Ready');
    expect(
      target.taskSetsInfo?.map(s => [
        s.taskSetLabel,
        s.status,
        s.trafficWeight,
        s.runningCount,
      ]),
    ).toEqual([
      ['Blue', 'PRIMARY', 100, 3],
      ['Green', 'ACTIVE', 0, 3],
    ]);
    expect(target.taskSetsInfo?.[1].identifer).toMatch(/^ecs-svc\/\d{19}$/);
    expect(target.lifecycleEvents?.slice(0, 5).map(e => e.status)).toEqual([
      'Skipped',
      'Succeeded',
      'Skipped',
      'Succeeded',
      'Succeeded',
    ]);
    expect(info.deploymentStatusMessages?.[0]).toContain('port 9000');

    // Nothing moves while it waits.
    await t.emulator.clock.advance(600);
    expect((await get(id)).status).toBe('Ready');
    await expect(
      t.codedeploy.send(
        new ContinueDeploymentCommand({
          deploymentId: id,
          deploymentWaitType: 'TERMINATION_WAIT',
        }),
      ),
    ).rejects.toBeInstanceOf(DeploymentIsNotInReadyStateException);
    await t.codedeploy.send(
      new ContinueDeploymentCommand({
        deploymentId: id,
        deploymentWaitType: 'READY_WAIT',
      }),
    );
    expect((await get(id)).status).toBe('InProgress');

    await t.advanceUntil(
      () => Boolean(sim().activeDeployment('bg-service')?.waiting),
      { step: 5, what: 'termination wait' },
    );
    info = await get(id);
    expect(info.status).toBe('InProgress');
    expect(info.instanceTerminationWaitTimeStarted).toBe(true);
    target = (await targetOf(id)).ecsTarget!;
    expect(
      target.taskSetsInfo?.map(s => [
        s.taskSetLabel,
        s.status,
        s.trafficWeight,
      ]),
    ).toEqual([
      ['Blue', 'ACTIVE', 0],
      ['Green', 'PRIMARY', 100],
    ]);
    // The original task set is kept for 5 minutes unless told otherwise.
    await t.emulator.clock.advance(120);
    expect((await get(id)).status).toBe('InProgress');
    await t.codedeploy.send(
      new ContinueDeploymentCommand({
        deploymentId: id,
        deploymentWaitType: 'TERMINATION_WAIT',
      }),
    );
    await t.advanceUntil(() => !sim().activeDeployment('bg-service'), {
      step: 5,
    });
    info = await get(id);
    expect(info.status).toBe('Succeeded');
    target = (await targetOf(id)).ecsTarget!;
    expect(
      target.taskSetsInfo?.map(s => [
        s.taskSetLabel,
        s.status,
        s.trafficWeight,
      ]),
    ).toEqual([['Green', 'PRIMARY', 100]]);
    await expect(
      t.codedeploy.send(
        new ContinueDeploymentCommand({
          deploymentId: id,
          deploymentWaitType: 'READY_WAIT',
        }),
      ),
    ).rejects.toBeInstanceOf(DeploymentAlreadyCompletedException);
  });

  it('ends the termination wait by itself and stops a ready wait that times out', async () => {
    const id = await deploymentOf('bg-service');
    await t.advanceUntil(
      () => sim().activeDeployment('bg-service')?.info.status === 'Ready',
      { step: 5 },
    );
    const waited = await t.advanceUntil(
      () => !sim().activeDeployment('bg-service'),
      { step: 60, what: 'timeout' },
    );
    expect(waited).toBeGreaterThanOrEqual(3540);
    const info = await get(id);
    expect(info.status).toBe('Stopped');
    expect(info.errorInformation?.code).toBe('TIMEOUT');

    const again = await deploymentOf('bg-service');
    await t.advanceUntil(
      () => sim().activeDeployment('bg-service')?.info.status === 'Ready',
      { step: 5 },
    );
    t.emulator.state.simulation.continueDeployment('bg-service');
    await t.advanceUntil(
      () =>
        sim().activeDeployment('bg-service')?.waiting === 'TERMINATION_WAIT',
      { step: 5 },
    );
    const wait = await t.advanceUntil(
      () => !sim().activeDeployment('bg-service'),
      { step: 10 },
    );
    expect(wait).toBeGreaterThanOrEqual(300);
    expect((await get(again)).status).toBe('Succeeded');
  });

  it('stops on an alarm and rolls back (ALARM_ACTIVE, codeDeployRollback)', async () => {
    const id = await deploymentOf('canary-api');
    await t.advanceUntil(
      () =>
        sim().activeDeployment('canary-api')?.target.lambda
          ?.targetVersionWeight === 0.1,
      { step: 5 },
    );
    await t.cloudwatch.send(
      new SetAlarmStateCommand({
        AlarmName: 'canary-api-errors',
        StateValue: 'ALARM',
        StateReason: 'errors spiked',
      }),
    );
    const alarms = await t.cloudwatch.send(
      new DescribeAlarmsCommand({ StateValue: 'ALARM' }),
    );
    expect(alarms.MetricAlarms?.map(a => a.AlarmName)).toEqual([
      'canary-api-errors',
    ]);

    const failed = await get(id);
    expect(failed.status).toBe('Stopped');
    expect(failed.errorInformation?.code).toBe('ALARM_ACTIVE');
    expect(failed.errorInformation?.message).toContain('canary-api-errors');
    const rollbackId = failed.rollbackInfo?.rollbackDeploymentId;
    expect(rollbackId).toMatch(/^d-/);
    const rollback = await get(rollbackId!);
    expect(rollback).toMatchObject({
      creator: 'codeDeployRollback',
      rollbackInfo: { rollbackTriggeringDeploymentId: id },
    });
    await t.advanceUntil(() => !sim().activeDeployment('canary-api'), {
      step: 5,
    });
    expect((await get(rollbackId!)).status).toBe('Succeeded');
    const target = (await targetOf(rollbackId!)).lambdaTarget!;
    expect(target.lambdaFunctionInfo).toMatchObject({
      currentVersion: '5',
      targetVersion: '4',
      targetVersionWeight: 1,
    });

    // The pipeline follows: the CloudFormation deploy fails once the stack rolls back.
    await t.advanceUntil(
      () => sim().latestExecution('canary-api')!.status !== 'InProgress',
      { step: 5 },
    );
    const state = await t.codepipeline.send(
      new GetPipelineStateCommand({ name: 'canary-api' }),
    );
    const prod = state.stageStates?.find(s => s.stageName === 'Production');
    expect(prod?.latestExecution?.status).toBe('Failed');
    expect(
      prod?.actionStates?.[0].latestExecution?.errorDetails?.message,
    ).toContain('UPDATE_ROLLBACK_COMPLETE');

    const list = await t.codedeploy.send(
      new ListDeploymentsCommand({
        applicationName: 'canary-api',
        deploymentGroupName: 'canary-api-production',
        includeOnlyStatuses: ['Stopped'],
      }),
    );
    expect(list.deployments).toEqual([id]);
  });

  it('fires a planned alarm during the next deployment (scripted)', async () => {
    t.emulator.state.planDeploymentAlarm('canary-api', {
      alarm: 'canary-api-latency',
      after: 90,
      clearAfter: 300,
    });
    const id = await deploymentOf('canary-api');
    await t.advanceUntil(
      () =>
        !sim().activeDeployment('canary-api') ||
        sim().activeDeployment('canary-api')!.info.deploymentId !== id,
      { step: 5 },
    );
    const info = await get(id);
    expect(info.errorInformation?.code).toBe('ALARM_ACTIVE');
    await t.emulator.clock.advance(400);
    const alarm = await t.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: ['canary-api-latency'] }),
    );
    expect(alarm.MetricAlarms?.[0].StateValue).toBe('OK');
  });

  it('stops a deployment on request, with and without rollback', async () => {
    const id = await deploymentOf('canary-api');
    await t.advanceUntil(
      () =>
        sim().activeDeployment('canary-api')?.target.lambda
          ?.targetVersionWeight === 0.1,
      { step: 5 },
    );
    const out = await t.codedeploy.send(
      new StopDeploymentCommand({
        deploymentId: id,
        autoRollbackEnabled: true,
      }),
    );
    expect(out.status).toBe('Pending');
    const info = await get(id);
    expect(info.status).toBe('Stopped');
    expect(info.errorInformation?.code).toBe('MANUAL_STOP');
    expect(info.rollbackInfo?.rollbackDeploymentId).toBeDefined();
    await expect(
      t.codedeploy.send(new StopDeploymentCommand({ deploymentId: id })),
    ).rejects.toBeInstanceOf(DeploymentAlreadyCompletedException);
    await t.advanceUntil(() => !sim().activeDeployment('canary-api'), {
      step: 5,
    });

    const bg = await deploymentOf('bg-service');
    await t.codedeploy.send(new StopDeploymentCommand({ deploymentId: bg }));
    const stopped = await get(bg);
    expect(stopped.status).toBe('Stopped');
    expect(stopped.rollbackInfo).toBeUndefined();
  });

  it('fails on a lifecycle hook and rolls back on DEPLOYMENT_FAILURE', async () => {
    t.emulator.state.failNextHook('canary-api', 'AfterAllowTraffic');
    const id = await deploymentOf('canary-api');
    await t.advanceUntil(
      () => sim().activeDeployment('canary-api')?.info.deploymentId !== id,
      { step: 5 },
    );
    const info = await get(id);
    expect(info.status).toBe('Failed');
    expect(info.errorInformation?.code).toBe('HOOK_EXECUTION_FAILURE');
    const hook = (await targetOf(id)).lambdaTarget?.lifecycleEvents?.find(
      e => e.lifecycleEventName === 'AfterAllowTraffic',
    );
    expect(hook).toMatchObject({
      status: 'Failed',
      diagnostics: { errorCode: 'ScriptFailed' },
    });
    expect(info.rollbackInfo?.rollbackDeploymentId).toBeDefined();
  });

  it('does not accept ContinueDeployment for Lambda', async () => {
    const id = await deploymentOf('linear-api');
    await expect(
      t.codedeploy.send(new ContinueDeploymentCommand({ deploymentId: id })),
    ).rejects.toBeInstanceOf(UnsupportedActionForDeploymentTypeException);
  });
});
