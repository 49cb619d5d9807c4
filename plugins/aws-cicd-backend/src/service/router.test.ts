import {
  AwsEmulator,
  demoScenarioPath,
  startEmulator,
} from '@liftoff/aws-emulator';
import {
  ActionExecutionsResponse,
  DeliveryResponse,
  DeploymentGroupSection,
  ExecutionsPage,
  PipelineSection,
} from '@liftoff/plugin-aws-cicd-common';
import {
  FULFILMENT,
  GUEST,
  OUTSIDER,
  PluginBackend,
  entityPath,
  startPluginBackend,
} from '../__testUtils__/backend';

jest.setTimeout(60_000);

async function setup() {
  const aws = await startEmulator({
    scenario: demoScenarioPath,
    clock: { mode: 'manual' },
  });
  // Every view reads AWS again: these tests are about content, not caching.
  const app = await startPluginBackend({
    aws,
    awsCicd: {
      cache: {
        inProgressTtl: 0,
        idleTtl: 0,
        definitionTtl: 0,
        finishedTtl: 0,
        errorTtl: 0,
      },
    },
  });
  return { aws, app };
}

async function delivery(
  app: PluginBackend,
  name: string,
  user = GUEST,
): Promise<DeliveryResponse> {
  const res = await app.get(`${entityPath(name)}/delivery`, user);
  expect(res.status).toBe(200);
  return res.body;
}

describe('reads', () => {
  let aws: AwsEmulator;
  let app: PluginBackend;
  beforeAll(async () => ({ aws, app } = await setup()));
  afterAll(async () => {
    await app?.stop();
    await aws?.stop();
  });

  it('serves the health check without credentials', async () => {
    const res = await app.get('/health', null);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('returns the whole delivery state of a Lambda canary mid-shift', async () => {
    const body = await delivery(app, 'payments-api');
    expect(body.entityRef).toBe('component:default/payments-api');
    expect(body.generatedAt).toBe(aws.clock.now().toISOString());
    expect(body.inProgress).toBe(true);

    const [pipeline] = body.pipelines;
    expect(pipeline.error).toBeUndefined();
    const view = pipeline.pipeline!;
    expect(view.consoleUrl).toBe(
      'https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/payments-api/view?region=eu-west-1',
    );
    expect(view.stages.map(s => [s.name, s.status])).toEqual([
      ['Source', 'Succeeded'],
      ['Build', 'Succeeded'],
      ['Test', 'Succeeded'],
      ['Production', 'InProgress'],
    ]);
    const build = view.stages[1].actions[0];
    expect(build).toMatchObject({
      name: 'Build',
      category: 'Build',
      provider: 'CodeBuild',
      runOrder: 1,
      status: 'Succeeded',
    });
    expect(build.buildId).toMatch(/^payments-api-build:/);
    expect(view.stages[0].actions[0].revision).toMatchObject({
      revisionId: 'e1c9a7f5d3b2e0c8a6f4d2b9e7c5a3f1d8b6e4c2',
      summary: 'Retry card authorisation on 502 from the acquirer',
    });
    expect(view.stages[3].inboundTransition.enabled).toBe(true);
    const deploy = view.stages[3].actions[0];
    expect(deploy.durationSeconds).toBe(
      Math.round(
        (aws.clock.now().getTime() -
          new Date(deploy.lastStatusChange!).getTime()) /
          1000,
      ),
    );
    expect(view.latestExecution).toMatchObject({
      status: 'InProgress',
      trigger: { triggerType: 'WebhookV2' },
      sourceRevisions: [
        expect.objectContaining({
          revisionId: 'e1c9a7f5d3b2e0c8a6f4d2b9e7c5a3f1d8b6e4c2',
        }),
      ],
    });
    expect(view.latestExecution!.durationSeconds).toBeGreaterThan(0);
    // No approval token member anywhere in the response.
    expect(JSON.stringify(body)).not.toMatch(/"token"/i);

    const [group] = body.deploymentGroups;
    expect(group.error).toBeUndefined();
    const g = group.group!;
    expect(g.trafficRouting).toEqual({
      deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      type: 'TimeBasedCanary',
      percentage: 10,
      intervalMinutes: 5,
      steps: [
        { atMinute: 0, percentage: 10 },
        { atMinute: 5, percentage: 100 },
      ],
      description: '10% now, 100% after 5 minutes',
    });
    expect(g.autoRollback).toEqual({
      enabled: true,
      events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'],
    });
    const current = g.current!;
    expect(current).toMatchObject({
      status: 'InProgress',
      creator: 'CloudFormation',
      isRollback: false,
      currentStep: 0,
      traffic: {
        platform: 'Lambda',
        functionName: 'payments-api',
        alias: 'live',
        targetVersionWeight: 10,
      },
      possibleActions: {
        stop: true,
        stopAndRollback: true,
        continueReadyWait: false,
        continueTerminationWait: false,
      },
    });
    // The shift to 100% comes 5 minutes after traffic started moving.
    const allow = current.targets[0].lifecycleEvents.find(
      e => e.name === 'AllowTraffic',
    )!;
    const shiftAt = new Date(allow.startTime!).getTime() + 5 * 60_000;
    expect(current.nextShiftInSeconds).toBe(
      Math.ceil((shiftAt - aws.clock.now().getTime()) / 1000),
    );
    expect(g.recent[0].deploymentId).toBe(current.deploymentId);
    expect(g.recent).toHaveLength(10);
    expect(group.alarms).toMatchObject({
      enabled: true,
      items: [
        { name: 'payments-api-errors', state: 'OK', metricName: 'Errors' },
        { name: 'payments-api-latency', state: 'OK' },
        { name: 'payments-api-throttles', state: 'OK' },
      ],
    });

    expect(
      body.buildProjects.map(b => [b.projectName, b.source, b.builds?.length]),
    ).toEqual([
      ['payments-api-build', 'annotation', 10],
      ['payments-api-test', 'pipeline', 10],
    ]);
    const latestBuild = body.buildProjects[0].builds![0];
    expect(latestBuild).toMatchObject({
      projectName: 'payments-api-build',
      status: 'SUCCEEDED',
      initiator: 'codepipeline/payments-api',
      resolvedSourceVersion: 'e1c9a7f5d3b2e0c8a6f4d2b9e7c5a3f1d8b6e4c2',
    });
    expect(latestBuild.logsUrl).toMatch(
      /^https:\/\/console\.aws\.amazon\.com\/cloudwatch/,
    );
    expect(latestBuild.phases.find(p => p.phaseType === 'BUILD')).toEqual(
      expect.objectContaining({
        phaseStatus: 'SUCCEEDED',
        durationSeconds: expect.any(Number),
      }),
    );
  });

  it('shows an ECS blue/green deployment in its ready wait', async () => {
    const body = await delivery(app, 'orders-service');
    const g = body.deploymentGroups[0].group!;
    expect(g.trafficRouting?.type).toBe('AllAtOnce');
    expect(g.blueGreen).toEqual({
      readyWait: { actionOnTimeout: 'STOP_DEPLOYMENT', waitTimeInMinutes: 60 },
      termination: { action: 'TERMINATE', terminationWaitTimeInMinutes: 5 },
    });
    const current = g.current!;
    expect(current.status).toBe('Ready');
    expect(current.possibleActions.continueReadyWait).toBe(true);
    expect(current.traffic).toMatchObject({
      platform: 'ECS',
      service: 'liftoff:orders-service',
      testTrafficTo: 'Green',
      taskSets: [
        { label: 'Blue', trafficWeight: 100, runningCount: 3 },
        { label: 'Green', trafficWeight: 0, runningCount: 3 },
      ],
    });
    const testDone = current.targets[0].lifecycleEvents.find(
      e => e.name === 'AfterAllowTestTraffic',
    )!;
    const timeout = new Date(testDone.endTime!).getTime() + 60 * 60_000;
    expect(current.readyWaitRemainingSeconds).toBe(
      Math.ceil((timeout - aws.clock.now().getTime()) / 1000),
    );
  });

  it('shows a waiting approval without its token', async () => {
    const body = await delivery(app, 'checkout-web');
    const approval = body.pipelines[0].pipeline!.stages.find(
      s => s.name === 'Approval',
    )!;
    expect(approval.actions[0]).toMatchObject({
      name: 'ManualApproval',
      category: 'Approval',
      provider: 'Manual',
      status: 'InProgress',
      approval: {
        waiting: true,
        customData: 'Approve the release of checkout-web to production',
      },
    });
    const started = new Date(approval.actions[0].lastStatusChange!).getTime();
    expect(approval.actions[0].approval!.expiresAt).toBe(
      new Date(started + 7 * 24 * 3600_000).toISOString(),
    );
    expect(JSON.stringify(body)).not.toContain(
      aws.state.pendingApprovalToken('checkout-web')!,
    );
  });

  it('shows a failed build and a retryable stage', async () => {
    const body = await delivery(app, 'inventory-service', FULFILMENT);
    const stage = body.pipelines[0].pipeline!.stages.find(
      s => s.name === 'Build',
    )!;
    expect(stage).toMatchObject({ status: 'Failed', retryable: true });
    expect(stage.actions[0].errorDetails?.message).toMatch(/npm run build/);
    const build = body.buildProjects[0].builds![0];
    expect(build.status).toBe('FAILED');
    const failed = build.phases.find(p => p.phaseStatus === 'FAILED')!;
    expect(failed.phaseType).toBe('BUILD');
    expect(failed.contexts[0].message).toMatch(/npm run build/);
  });

  it('links a rollback in both directions', async () => {
    const body = await delivery(app, 'notifications-service');
    const [rollback, stopped] = body.deploymentGroups[0].group!.recent;
    expect(rollback).toMatchObject({
      status: 'Succeeded',
      creator: 'codeDeployRollback',
      isRollback: true,
      rollbackInfo: { rollbackTriggeringDeploymentId: stopped.deploymentId },
    });
    expect(stopped).toMatchObject({
      status: 'Stopped',
      isRollback: false,
      errorInformation: { code: 'ALARM_ACTIVE' },
      rollbackInfo: { rollbackDeploymentId: rollback.deploymentId },
      possibleActions: { stop: false, stopAndRollback: false },
    });
    expect(stopped.durationSeconds).toBe(
      Math.round(
        (new Date(stopped.completeTime!).getTime() -
          new Date(stopped.startTime!).getTime()) /
          1000,
      ),
    );
    expect(body.deploymentGroups[0].group!.trafficRouting?.steps).toHaveLength(
      10,
    );
  });

  it('pages executions newest first, with action executions per execution', async () => {
    const base = `${entityPath('payments-api')}/pipelines/payments-api/executions`;
    const first = await app.get(`${base}?pageSize=5`);
    expect(first.status).toBe(200);
    const page1 = first.body as ExecutionsPage;
    expect(page1.executions).toHaveLength(5);
    expect(page1.nextPageToken).toBeDefined();
    const second = await app.get(
      `${base}?pageSize=5&pageToken=${encodeURIComponent(page1.nextPageToken!)}`,
    );
    const page2 = second.body as ExecutionsPage;
    expect(page2.executions).toHaveLength(5);
    const all = [...page1.executions, ...page2.executions];
    expect(new Set(all.map(e => e.pipelineExecutionId)).size).toBe(10);
    const starts = all.map(e => new Date(e.startTime!).getTime());
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
    const done = all.find(e => e.status === 'Succeeded')!;
    expect(done.durationSeconds).toBe(
      Math.round(
        (new Date(done.lastUpdateTime!).getTime() -
          new Date(done.startTime!).getTime()) /
          1000,
      ),
    );
    expect(done.sourceRevisions[0]).toEqual(
      expect.objectContaining({
        revisionId: expect.any(String),
        summary: expect.any(String),
        url: expect.stringMatching(
          /^https:\/\/github\.com\/acme\/payments-api\/commit\//,
        ),
      }),
    );

    const actions = await app.get(
      `${base}/${done.pipelineExecutionId}/actions`,
    );
    expect(actions.status).toBe(200);
    expect(actions.body.pipelineExecutionId).toBe(done.pipelineExecutionId);
    expect(
      (actions.body as ActionExecutionsResponse).actionExecutions
        .map(a => a.stageName)
        .sort(),
    ).toEqual(['Build', 'Production', 'Source', 'Test']);
    expect(actions.body.actionExecutions[0]).toEqual(
      expect.objectContaining({
        status: 'Succeeded',
        category: expect.any(String),
        provider: expect.any(String),
        durationSeconds: expect.any(Number),
      }),
    );

    expect((await app.get(`${base}?pageSize=0`)).status).toBe(400);
    expect((await app.get(`${base}?pageToken=forged`)).status).toBe(400);
    expect(
      (await app.get(`${base}/00000000-0000-4000-8000-000000000000/actions`))
        .status,
    ).toBe(404);
    expect((await app.get(`${base}/not-an-id/actions`)).status).toBe(400);
  });

  it('pages builds of annotated and pipeline projects, and no others', async () => {
    const base = `${entityPath('payments-api')}/builds`;
    const first = await app.get(`${base}/payments-api-build`);
    expect(first.status).toBe(200);
    expect(first.body.builds).toHaveLength(10);
    const second = await app.get(
      `${base}/payments-api-build?pageToken=${first.body.nextPageToken}`,
    );
    expect(second.body.builds).toHaveLength(10);
    expect(second.body.builds[0].buildNumber).toBe(
      first.body.builds[9].buildNumber - 1,
    );
    expect(second.body.builds[0].consoleUrl).toBe(
      `https://eu-west-1.console.aws.amazon.com/codesuite/codebuild/123456789012/projects/payments-api-build/build/${encodeURIComponent(
        second.body.builds[0].id,
      )}/?region=eu-west-1`,
    );
    expect((await app.get(`${base}/payments-api-test`)).status).toBe(200);
    const foreign = await app.get(`${base}/orders-service-build`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toMatch(
      /aws\.amazon\.com\/aws-codebuild-project-arn/,
    );
    expect(
      (await app.get(`${base}/payments-api-build?pageToken=garbage`)).status,
    ).toBe(400);
  });

  it('answers 401 without credentials and 404 for entities the caller cannot see', async () => {
    const path = `${entityPath('payments-api')}/delivery`;
    expect((await app.get(path, null)).status).toBe(401);
    const hidden = await app.get(path, OUTSIDER);
    expect(hidden.status).toBe(404);
    expect((await app.get(`${entityPath('nope')}/delivery`)).status).toBe(404);
    // Reads need no write permission.
    expect((await app.get(path, FULFILMENT)).status).toBe(200);
  });

  it('answers 400 naming the missing or malformed annotation', async () => {
    const none = await app.get(`${entityPath('no-annotations')}/delivery`);
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain(
      'aws.amazon.com/aws-codepipeline-arn',
    );
    const bad = await app.get(`${entityPath('bad-pipeline-arn')}/delivery`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.name).toBe('InputError');
    expect(bad.body.error.message).toContain(
      'aws.amazon.com/aws-codepipeline-arn',
    );
    const other = await app.get(
      `${entityPath('payments-api')}/pipelines/orders-service/executions`,
    );
    expect(other.status).toBe(404);
    const noGroups = await app.post(
      `${entityPath('bad-pipeline-arn')}/deployment-groups/a/b/deployments/d-ABCDEFGHI/stop`,
      { rollback: false },
    );
    expect(noGroups.status).toBe(400);
  });

  it('reports resources AWS does not have, section by section', async () => {
    const body = await delivery(app, 'ghost');
    expect(body.pipelines[0].error).toEqual({
      name: 'NotFound',
      message: expect.stringContaining('pipeline ghost-pipeline'),
    });
    expect(body.deploymentGroups[0].error?.name).toBe('NotFound');
    expect(body.deploymentGroups[0].error?.message).toContain(
      'deployment group ghost/ghost-production',
    );
    expect(body.buildProjects[0].error?.name).toBe('NotFound');
    const executions = await app.get(
      `${entityPath('ghost')}/pipelines/ghost-pipeline/executions`,
    );
    expect(executions.status).toBe(404);
  });
});

describe('writes', () => {
  let aws: AwsEmulator;
  let app: PluginBackend;
  beforeAll(async () => ({ aws, app } = await setup()));
  afterAll(async () => {
    await app?.stop();
    await aws?.stop();
  });
  beforeEach(() => {
    app.events.length = 0;
  });

  it('approves a manual approval, fetching the token itself', async () => {
    const path = `${entityPath('checkout-web')}/pipelines/checkout-web/approval`;
    const body = {
      stageName: 'Approval',
      actionName: 'ManualApproval',
      status: 'Approved',
      summary: 'Looks good',
    };
    // Denied for someone outside the owning group, and audited.
    const denied = await app.post(path, body, FULFILMENT);
    expect(denied.status).toBe(403);
    expect(app.events).toEqual([
      expect.objectContaining({
        eventId: 'pipeline-approval',
        outcome: 'fail',
        error: 'NotAllowedError',
      }),
    ]);
    expect(aws.calls.log().some(c => c.operation === 'PutApprovalResult')).toBe(
      false,
    );

    const invalid = await app.post(path, { ...body, status: 'Maybe' });
    expect(invalid.status).toBe(400);
    expect((await app.post(path, { ...body, summary: '' })).status).toBe(400);

    const res = await app.post(path, body);
    expect(res.status).toBe(200);
    const section = res.body as PipelineSection;
    const approval = section.pipeline!.stages.find(s => s.name === 'Approval')!;
    expect(approval.actions[0].status).toBe('Succeeded');
    expect(approval.actions[0].approval?.waiting).toBe(false);
    expect(app.events.at(-1)).toEqual({
      eventId: 'pipeline-approval',
      meta: expect.objectContaining({
        entityRef: 'component:default/checkout-web',
        permission: 'aws-cicd.pipeline.approval',
        pipeline: 'checkout-web',
        stageName: 'Approval',
        actionName: 'ManualApproval',
        status: 'Approved',
      }),
      outcome: 'success',
    });

    // Nothing waits any more.
    const again = await app.post(path, body);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/No approval is waiting/);
  });

  it('retries a failed stage', async () => {
    const before = await delivery(app, 'inventory-service', FULFILMENT);
    const stage = before.pipelines[0].pipeline!.stages.find(
      s => s.name === 'Build',
    )!;
    const path = `${entityPath('inventory-service')}/pipelines/inventory-service/stages/Build/retry`;
    const body = { pipelineExecutionId: stage.pipelineExecutionId };
    expect((await app.post(path, body, GUEST)).status).toBe(403);
    expect((await app.post(path, {}, FULFILMENT)).status).toBe(400);
    const res = await app.post(path, body, FULFILMENT);
    expect(res.status).toBe(200);
    const after = (res.body as PipelineSection).pipeline!.stages.find(
      s => s.name === 'Build',
    )!;
    expect(after.status).toBe('InProgress');
    expect(after.retryable).toBe(false);
    // Not failed any more: AWS refuses, and so do we (409).
    expect((await app.post(path, body, FULFILMENT)).status).toBe(409);
    expect(app.events.map(e => [e.eventId, e.outcome])).toEqual([
      ['pipeline-stage-retry', 'fail'],
      ['pipeline-stage-retry', 'fail'],
      ['pipeline-stage-retry', 'success'],
      ['pipeline-stage-retry', 'fail'],
    ]);
  });

  it('starts an execution, once per idempotency token', async () => {
    const path = `${entityPath('search-service')}/pipelines/search-service/executions`;
    expect((await app.post(path, {}, GUEST)).status).toBe(403);
    const res = await app.post(
      path,
      { clientRequestToken: 'run-1' },
      FULFILMENT,
    );
    expect(res.status).toBe(200);
    expect(res.body.pipelineExecutionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.pipeline.pipeline.latestExecution).toMatchObject({
      pipelineExecutionId: res.body.pipelineExecutionId,
      status: 'InProgress',
      trigger: { triggerType: 'StartPipelineExecution' },
    });
    const again = await app.post(
      path,
      { clientRequestToken: 'run-1' },
      FULFILMENT,
    );
    expect(again.body.pipelineExecutionId).toBe(res.body.pipelineExecutionId);
    expect(
      (await app.post(path, { clientRequestToken: 'no spaces' }, FULFILMENT))
        .status,
    ).toBe(400);
    expect(app.events.filter(e => e.outcome === 'success')).toHaveLength(2);
  });

  it('stops an execution, abandoning it', async () => {
    const before = await delivery(app, 'search-service', FULFILMENT);
    const id =
      before.pipelines[0].pipeline!.latestExecution!.pipelineExecutionId;
    const path = `${entityPath('search-service')}/pipelines/search-service/executions/${id}/stop`;
    expect((await app.post(path, { abandon: true }, GUEST)).status).toBe(403);
    const res = await app.post(
      path,
      { abandon: true, reason: 'Wrong branch' },
      FULFILMENT,
    );
    expect(res.status).toBe(200);
    expect(
      (res.body as PipelineSection).pipeline!.latestExecution,
    ).toMatchObject({
      pipelineExecutionId: id,
      status: 'Stopped',
      stopReason: 'Wrong branch',
    });
    expect(app.events.at(-1)).toMatchObject({
      eventId: 'pipeline-execution-stop',
      meta: { pipelineExecutionId: id, abandon: true },
      outcome: 'success',
    });
    // Already stopped.
    expect((await app.post(path, {}, FULFILMENT)).status).toBe(409);
  });

  it('continues a blue/green deployment waiting in its ready wait', async () => {
    const before = await delivery(app, 'orders-service');
    const id = before.deploymentGroups[0].group!.current!.deploymentId;
    const path = `${entityPath('orders-service')}/deployment-groups/orders-service/orders-service-production/deployments/${id}/continue`;
    expect(
      (await app.post(path, { waitType: 'READY_WAIT' }, FULFILMENT)).status,
    ).toBe(403);
    expect((await app.post(path, { waitType: 'SOON' })).status).toBe(400);
    const res = await app.post(path, { waitType: 'READY_WAIT' });
    expect(res.status).toBe(200);
    const current = (res.body as DeploymentGroupSection).group!.current!;
    expect(current.deploymentId).toBe(id);
    expect(current.status).toBe('InProgress');
    expect(current.possibleActions.continueReadyWait).toBe(false);
    expect(app.events.at(-1)).toMatchObject({
      eventId: 'deployment-continue',
      meta: { deploymentId: id, waitType: 'READY_WAIT' },
      outcome: 'success',
    });
    expect((await app.post(path, { waitType: 'READY_WAIT' })).status).toBe(409);
  });

  it('stops a deployment with rollback, only in its own group', async () => {
    const before = await delivery(app, 'payments-api');
    const id = before.deploymentGroups[0].group!.current!.deploymentId;
    const group = `${entityPath('payments-api')}/deployment-groups/payments-api/payments-api-production`;
    const other = await delivery(app, 'orders-service');
    const foreign = other.deploymentGroups[0].group!.recent[0].deploymentId;
    const wrong = await app.post(`${group}/deployments/${foreign}/stop`, {
      rollback: true,
    });
    expect(wrong.status).toBe(404);
    expect(
      (
        await app.post(
          `${group}/deployments/${id}/stop`,
          { rollback: true },
          FULFILMENT,
        )
      ).status,
    ).toBe(403);
    expect(
      (await app.post(`${group}/deployments/${id}/stop`, { rollback: 'yes' }))
        .status,
    ).toBe(400);
    expect(
      (
        await app.post(
          `${entityPath('payments-api')}/deployment-groups/orders-service/orders-service-production/deployments/${id}/stop`,
          { rollback: true },
        )
      ).status,
    ).toBe(404);

    const res = await app.post(`${group}/deployments/${id}/stop`, {
      rollback: true,
    });
    expect(res.status).toBe(200);
    const g = (res.body as DeploymentGroupSection).group!;
    const stopped = g.recent.find(d => d.deploymentId === id)!;
    expect(stopped.status).toBe('Stopped');
    expect(stopped.errorInformation?.code).toBe('MANUAL_STOP');
    const rollbackId = stopped.rollbackInfo?.rollbackDeploymentId;
    expect(rollbackId).toBeDefined();
    expect(g.recent[0]).toMatchObject({
      deploymentId: rollbackId,
      isRollback: true,
      rollbackInfo: { rollbackTriggeringDeploymentId: id },
    });
    expect(app.events.at(-1)).toMatchObject({
      eventId: 'deployment-stop',
      meta: { deploymentId: id, rollback: true },
      outcome: 'success',
    });
  });
});
