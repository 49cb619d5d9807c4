import {
  ApprovalAlreadyCompletedException,
  CreatePipelineCommand,
  GetPipelineCommand,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  InvalidApprovalTokenException,
  InvalidStructureException,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
  ListPipelinesCommand,
  NotLatestPipelineExecutionException,
  PipelineExecutionNotFoundException,
  PipelineExecutionNotStoppableException,
  PipelineNameInUseException,
  PipelineVersionNotFoundException,
  PutApprovalResultCommand,
  RetryStageExecutionCommand,
  StageNotFoundException,
  StageNotRetryableException,
  StartPipelineExecutionCommand,
  StopPipelineExecutionCommand,
  DuplicatedStopRequestException,
  paginateListPipelineExecutions,
  paginateListPipelines,
  InvalidNextTokenException,
  ActionNotFoundException,
  CodePipelineClient,
} from '@aws-sdk/client-codepipeline';
import { startTestEmulator, TestEmulator } from './__testUtils__/emulator';
import { testScenario } from './__testUtils__/scenario';

describe('CodePipeline', () => {
  let t: TestEmulator;
  const sim = () => t.emulator.state.simulation;
  const latest = (name: string) => sim().latestExecution(name)!;
  const settled = (name: string) => () =>
    !['InProgress', 'Stopping'].includes(latest(name).status);

  beforeEach(async () => {
    t = await startTestEmulator();
  });
  afterEach(() => t.stop());

  it('lists pipelines with pagination', async () => {
    const first = await t.codepipeline.send(
      new ListPipelinesCommand({ maxResults: 2 }),
    );
    expect(first.pipelines?.map(p => p.name)).toEqual([
      'approval-web',
      'bg-service',
    ]);
    expect(first.nextToken).toBeDefined();
    const names: string[] = [];
    for await (const page of paginateListPipelines(
      { client: t.codepipeline, pageSize: 2 },
      {},
    )) {
      names.push(...(page.pipelines ?? []).map(p => p.name!));
    }
    expect(names).toEqual([
      'approval-web',
      'bg-service',
      'canary-api',
      'linear-api',
      'queued-api',
    ]);
    await expect(
      t.codepipeline.send(new ListPipelinesCommand({ nextToken: 'bogus' })),
    ).rejects.toBeInstanceOf(InvalidNextTokenException);
  });

  it('describes a pipeline: stages, actions, ARN and metadata', async () => {
    const out = await t.codepipeline.send(
      new GetPipelineCommand({ name: 'canary-api' }),
    );
    expect(out.metadata?.pipelineArn).toBe(
      'arn:aws:codepipeline:eu-west-1:123456789012:canary-api',
    );
    expect(out.metadata?.created).toBeInstanceOf(Date);
    expect(out.pipeline?.stages?.map(s => s.name)).toEqual([
      'Source',
      'Build',
      'Test',
      'Production',
    ]);
    expect(out.pipeline?.stages?.[0].actions?.[0].actionTypeId).toEqual({
      category: 'Source',
      owner: 'AWS',
      provider: 'CodeStarSourceConnection',
      version: '1',
    });
    expect(out.pipeline?.stages?.[3].actions?.[0].actionTypeId?.provider).toBe(
      'CloudFormation',
    );
    expect(out.pipeline?.executionMode).toBe('SUPERSEDED');
    const ecs = await t.codepipeline.send(
      new GetPipelineCommand({ name: 'approval-web' }),
    );
    expect(ecs.pipeline?.stages?.map(s => s.name)).toEqual([
      'Source',
      'Build',
      'Test',
      'Approval',
      'Production',
    ]);
    expect(ecs.pipeline?.stages?.[4].actions?.[0].configuration).toMatchObject({
      ApplicationName: 'approval-web',
      DeploymentGroupName: 'approval-web-production',
    });
    await expect(
      t.codepipeline.send(
        new GetPipelineCommand({ name: 'canary-api', version: 9 }),
      ),
    ).rejects.toBeInstanceOf(PipelineVersionNotFoundException);
  });

  it('runs an execution stage by stage and reports it in every read API', async () => {
    const { pipelineExecutionId } = await t.codepipeline.send(
      new StartPipelineExecutionCommand({ name: 'canary-api' }),
    );
    let state = await t.codepipeline.send(
      new GetPipelineStateCommand({ name: 'canary-api' }),
    );
    expect(state.stageStates?.[0].latestExecution).toEqual({
      pipelineExecutionId,
      status: 'InProgress',
      type: 'STANDARD',
    });
    expect(state.stageStates?.[1].latestExecution).toBeUndefined();

    await t.advanceUntil(
      () => latest('canary-api').stages.get('Build')?.status === 'InProgress',
      { what: 'Build' },
    );
    state = await t.codepipeline.send(
      new GetPipelineStateCommand({ name: 'canary-api' }),
    );
    const source = state.stageStates?.[0].actionStates?.[0];
    expect(source?.latestExecution?.status).toBe('Succeeded');
    expect(source?.currentRevision?.revisionId).toMatch(/^[0-9a-f]{40}$/);
    const build = state.stageStates?.[1].actionStates?.[0].latestExecution;
    expect(build?.status).toBe('InProgress');
    expect(build?.externalExecutionId).toMatch(/^canary-api-build:/);

    await t.advanceUntil(settled('canary-api'), {
      step: 15,
      what: 'the execution',
    });
    const exec = await t.codepipeline.send(
      new GetPipelineExecutionCommand({
        pipelineName: 'canary-api',
        pipelineExecutionId,
      }),
    );
    expect(exec.pipelineExecution).toMatchObject({
      pipelineName: 'canary-api',
      status: 'Succeeded',
      trigger: { triggerType: 'StartPipelineExecution' },
      executionMode: 'SUPERSEDED',
      executionType: 'STANDARD',
    });
    expect(exec.pipelineExecution?.artifactRevisions?.[0].name).toBe(
      'SourceArtifact',
    );

    state = await t.codepipeline.send(
      new GetPipelineStateCommand({ name: 'canary-api' }),
    );
    expect(state.stageStates?.map(s => s.latestExecution?.status)).toEqual([
      'Succeeded',
      'Succeeded',
      'Succeeded',
      'Succeeded',
    ]);
    expect(
      state.stageStates?.[3].actionStates?.[0].latestExecution?.summary,
    ).toContain('canary-api-production');

    const actions = await t.codepipeline.send(
      new ListActionExecutionsCommand({
        pipelineName: 'canary-api',
        filter: { pipelineExecutionId },
      }),
    );
    expect(actions.actionExecutionDetails?.map(a => a.stageName)).toEqual([
      'Production',
      'Test',
      'Build',
      'Source',
    ]);
    const deploy = actions.actionExecutionDetails?.[0];
    expect(deploy?.output?.outputVariables?.DeploymentId).toMatch(
      /^d-[A-Z0-9]{9}$/,
    );
    expect(deploy?.input?.actionTypeId?.provider).toBe('CloudFormation');
    expect(deploy?.startTime).toBeInstanceOf(Date);

    const summaries = await t.codepipeline.send(
      new ListPipelineExecutionsCommand({ pipelineName: 'canary-api' }),
    );
    expect(summaries.pipelineExecutionSummaries?.[0]).toMatchObject({
      pipelineExecutionId,
      status: 'Succeeded',
    });
    expect(
      summaries.pipelineExecutionSummaries?.[0].lastUpdateTime!.getTime(),
    ).toBeGreaterThan(
      summaries.pipelineExecutionSummaries![0].startTime!.getTime() +
        5 * 60_000,
    );
  });

  it('starts executions from commits and honours clientRequestToken', async () => {
    const id = t.emulator.state.pushCommit('linear-api', {
      revisionId: 'abc123',
      summary: 'Fix typo',
    });
    const summaries = await t.codepipeline.send(
      new ListPipelineExecutionsCommand({ pipelineName: 'linear-api' }),
    );
    expect(summaries.pipelineExecutionSummaries?.[0]).toMatchObject({
      pipelineExecutionId: id,
      sourceRevisions: [
        {
          actionName: 'Source',
          revisionId: 'abc123',
          revisionSummary: 'Fix typo',
        },
      ],
      trigger: { triggerType: 'CloudWatchEvent' },
    });
    const a = await t.codepipeline.send(
      new StartPipelineExecutionCommand({
        name: 'canary-api',
        clientRequestToken: 'tok-1',
      }),
    );
    const b = await t.codepipeline.send(
      new StartPipelineExecutionCommand({
        name: 'canary-api',
        clientRequestToken: 'tok-1',
      }),
    );
    expect(b.pipelineExecutionId).toBe(a.pipelineExecutionId);
    const c = await t.codepipeline.send(
      new StartPipelineExecutionCommand({
        name: 'canary-api',
        sourceRevisions: [
          {
            actionName: 'Source',
            revisionType: 'COMMIT_ID',
            revisionValue: 'feedbeef',
          },
        ],
      }),
    );
    expect(c.pipelineExecutionId).not.toBe(a.pipelineExecutionId);
  });

  it('supersedes an execution waiting at a transition (SUPERSEDED mode)', async () => {
    const first = t.emulator.state.pushCommit('canary-api', { summary: 'one' });
    await t.advanceUntil(
      () => latest('canary-api').stages.get('Build')?.status === 'InProgress',
      { what: 'Build' },
    );
    const second = t.emulator.state.pushCommit('canary-api', {
      summary: 'two',
    });
    await t.advanceUntil(
      () => sim().pipeline('canary-api').value.executions[1].waiting,
      { what: 'second waiting' },
    );
    let state = await t.codepipeline.send(
      new GetPipelineStateCommand({ name: 'canary-api' }),
    );
    expect(state.stageStates?.[1].inboundExecution).toEqual({
      pipelineExecutionId: second,
      status: 'InProgress',
      type: 'STANDARD',
    });
    const third = t.emulator.state.pushCommit('canary-api', {
      summary: 'three',
    });
    await t.advanceUntil(
      () => sim().pipeline('canary-api').value.executions[2].waiting,
      { what: 'third waiting' },
    );
    const get = (id: string) =>
      t.codepipeline.send(
        new GetPipelineExecutionCommand({
          pipelineName: 'canary-api',
          pipelineExecutionId: id,
        }),
      );
    expect((await get(second)).pipelineExecution?.status).toBe('Superseded');
    expect((await get(first)).pipelineExecution?.status).toBe('InProgress');
    state = await t.codepipeline.send(
      new GetPipelineStateCommand({ name: 'canary-api' }),
    );
    expect(state.stageStates?.[1].inboundExecution?.pipelineExecutionId).toBe(
      third,
    );
    await t.advanceUntil(() => latest('canary-api').status === 'Succeeded', {
      step: 30,
      what: 'third to finish',
    });
    expect((await get(first)).pipelineExecution?.status).toBe('Succeeded');
  });

  it('queues executions in order (QUEUED mode)', async () => {
    const ids = [1, 2, 3].map(i =>
      t.emulator.state.pushCommit('queued-api', { summary: `change ${i}` }),
    );
    await t.advanceUntil(() => latest('queued-api').status === 'Succeeded', {
      step: 30,
      what: 'the queue to drain',
    });
    const out = await t.codepipeline.send(
      new ListPipelineExecutionsCommand({ pipelineName: 'queued-api' }),
    );
    expect(
      out.pipelineExecutionSummaries?.map(s => [
        s.pipelineExecutionId,
        s.status,
        s.executionMode,
      ]),
    ).toEqual([...ids].reverse().map(id => [id, 'Succeeded', 'QUEUED']));
  });

  it('paginates executions and filters those that succeeded in a stage', async () => {
    t.emulator.state.failNextBuild('queued-api-build');
    for (let i = 0; i < 5; i++)
      t.emulator.state.pushCommit('queued-api', { summary: `change ${i}` });
    await t.advanceUntil(
      () =>
        sim()
          .pipeline('queued-api')
          .value.executions.every(e => e.status !== 'InProgress'),
      {
        step: 30,
        what: 'the queue to drain',
      },
    );
    const all: string[] = [];
    for await (const page of paginateListPipelineExecutions(
      { client: t.codepipeline, pageSize: 2 },
      { pipelineName: 'queued-api' },
    )) {
      expect(page.pipelineExecutionSummaries!.length).toBeLessThanOrEqual(2);
      all.push(...page.pipelineExecutionSummaries!.map(s => s.status!));
    }
    expect(all).toEqual([
      'Succeeded',
      'Succeeded',
      'Succeeded',
      'Succeeded',
      'Failed',
    ]);
    const prod = await t.codepipeline.send(
      new ListPipelineExecutionsCommand({
        pipelineName: 'queued-api',
        filter: { succeededInStage: { stageName: 'Production' } },
      }),
    );
    expect(prod.pipelineExecutionSummaries).toHaveLength(4);
    const actions = await t.codepipeline.send(
      new ListActionExecutionsCommand({
        pipelineName: 'queued-api',
        maxResults: 3,
      }),
    );
    expect(actions.actionExecutionDetails).toHaveLength(3);
    expect(actions.nextToken).toBeDefined();
    const next = await t.codepipeline.send(
      new ListActionExecutionsCommand({
        pipelineName: 'queued-api',
        maxResults: 3,
        nextToken: actions.nextToken,
      }),
    );
    expect(next.actionExecutionDetails?.[0].actionExecutionId).not.toBe(
      actions.actionExecutionDetails?.[0].actionExecutionId,
    );
  });

  it('fails an execution in Build and retries the failed stage', async () => {
    t.emulator.state.failNextBuild('linear-api-build', {
      phase: 'BUILD',
      message:
        'Error while executing command: npm run build. Reason: exit status 2',
    });
    const id = t.emulator.state.pushCommit('linear-api');
    await t.advanceUntil(settled('linear-api'), {
      step: 10,
      what: 'the failure',
    });
    const exec = await t.codepipeline.send(
      new GetPipelineExecutionCommand({
        pipelineName: 'linear-api',
        pipelineExecutionId: id,
      }),
    );
    expect(exec.pipelineExecution?.status).toBe('Failed');
    expect(exec.pipelineExecution?.statusSummary).toContain('exit status 2');
    let state = await t.codepipeline.send(
      new GetPipelineStateCommand({ name: 'linear-api' }),
    );
    const failed = state.stageStates?.[1].actionStates?.[0].latestExecution;
    expect(failed?.status).toBe('Failed');
    expect(failed?.errorDetails).toEqual({
      code: 'JobFailed',
      message: expect.stringContaining(
        'Build terminated with state: FAILED. Phase: BUILD',
      ),
    });

    await expect(
      t.codepipeline.send(
        new RetryStageExecutionCommand({
          pipelineName: 'linear-api',
          stageName: 'Test',
          pipelineExecutionId: id,
          retryMode: 'FAILED_ACTIONS',
        }),
      ),
    ).rejects.toBeInstanceOf(StageNotRetryableException);
    await expect(
      t.codepipeline.send(
        new RetryStageExecutionCommand({
          pipelineName: 'linear-api',
          stageName: 'Nope',
          pipelineExecutionId: id,
          retryMode: 'FAILED_ACTIONS',
        }),
      ),
    ).rejects.toBeInstanceOf(StageNotFoundException);

    const retried = await t.codepipeline.send(
      new RetryStageExecutionCommand({
        pipelineName: 'linear-api',
        stageName: 'Build',
        pipelineExecutionId: id,
        retryMode: 'FAILED_ACTIONS',
      }),
    );
    expect(retried.pipelineExecutionId).toBe(id);
    state = await t.codepipeline.send(
      new GetPipelineStateCommand({ name: 'linear-api' }),
    );
    expect(state.stageStates?.[1].latestExecution?.status).toBe('InProgress');
    expect(state.stageStates?.[1].retryStageMetadata).toEqual({
      autoStageRetryAttempt: 0,
      manualStageRetryAttempt: 1,
      latestRetryTrigger: 'ManualStageRetry',
    });
    await t.advanceUntil(settled('linear-api'), {
      step: 15,
      what: 'the retried execution',
    });
    expect(latest('linear-api').status).toBe('Succeeded');
    const actions = await t.codepipeline.send(
      new ListActionExecutionsCommand({
        pipelineName: 'linear-api',
        filter: { pipelineExecutionId: id },
      }),
    );
    expect(
      actions.actionExecutionDetails
        ?.filter(a => a.actionName === 'Build')
        .map(a => a.status),
    ).toEqual(['Succeeded', 'Failed']);
  });

  it('refuses to retry a stage a newer execution has run', async () => {
    t.emulator.state.failNextBuild('linear-api-build');
    const old = t.emulator.state.pushCommit('linear-api');
    await t.advanceUntil(settled('linear-api'), { step: 10 });
    t.emulator.state.pushCommit('linear-api');
    await t.advanceUntil(() => latest('linear-api').stages.has('Build'), {
      step: 5,
    });
    await expect(
      t.codepipeline.send(
        new RetryStageExecutionCommand({
          pipelineName: 'linear-api',
          stageName: 'Build',
          pipelineExecutionId: old,
          retryMode: 'ALL_ACTIONS',
        }),
      ),
    ).rejects.toBeInstanceOf(NotLatestPipelineExecutionException);
  });

  it('stops an execution, abandoning or letting the running action finish', async () => {
    const a = t.emulator.state.pushCommit('linear-api');
    await t.advanceUntil(
      () => latest('linear-api').stages.get('Build')?.status === 'InProgress',
    );
    await t.codepipeline.send(
      new StopPipelineExecutionCommand({
        pipelineName: 'linear-api',
        pipelineExecutionId: a,
        abandon: true,
        reason: 'bad commit',
      }),
    );
    const summaries = await t.codepipeline.send(
      new ListPipelineExecutionsCommand({ pipelineName: 'linear-api' }),
    );
    expect(summaries.pipelineExecutionSummaries?.[0]).toMatchObject({
      status: 'Stopped',
      stopTrigger: { reason: 'bad commit' },
    });
    const state = await t.codepipeline.send(
      new GetPipelineStateCommand({ name: 'linear-api' }),
    );
    expect(state.stageStates?.[1].latestExecution?.status).toBe('Stopped');
    expect(
      state.stageStates?.[1].actionStates?.[0].latestExecution?.status,
    ).toBe('Abandoned');
    await expect(
      t.codepipeline.send(
        new StopPipelineExecutionCommand({
          pipelineName: 'linear-api',
          pipelineExecutionId: a,
        }),
      ),
    ).rejects.toBeInstanceOf(PipelineExecutionNotStoppableException);

    const b = t.emulator.state.pushCommit('linear-api');
    await t.advanceUntil(
      () => latest('linear-api').stages.get('Test')?.status === 'InProgress',
      { step: 10 },
    );
    await t.codepipeline.send(
      new StopPipelineExecutionCommand({
        pipelineName: 'linear-api',
        pipelineExecutionId: b,
      }),
    );
    const get = () =>
      t.codepipeline.send(
        new GetPipelineExecutionCommand({
          pipelineName: 'linear-api',
          pipelineExecutionId: b,
        }),
      );
    expect((await get()).pipelineExecution?.status).toBe('Stopping');
    await expect(
      t.codepipeline.send(
        new StopPipelineExecutionCommand({
          pipelineName: 'linear-api',
          pipelineExecutionId: b,
        }),
      ),
    ).rejects.toBeInstanceOf(DuplicatedStopRequestException);
    await t.advanceUntil(settled('linear-api'), { step: 10 });
    expect((await get()).pipelineExecution?.status).toBe('Stopped');
    expect(latest('linear-api').stages.get('Test')?.status).toBe('Stopped');
    expect(latest('linear-api').stages.has('Production')).toBe(false);
    await expect(
      t.codepipeline.send(
        new GetPipelineExecutionCommand({
          pipelineName: 'linear-api',
          pipelineExecutionId: '00000000-0000-4000-8000-000000000000',
        }),
      ),
    ).rejects.toBeInstanceOf(PipelineExecutionNotFoundException);
  });

  describe('manual approval', () => {
    const waitForApproval = async () => {
      t.emulator.state.pushCommit('approval-web');
      await t.advanceUntil(
        () => Boolean(t.emulator.state.pendingApprovalToken('approval-web')),
        { step: 10, what: 'approval' },
      );
      const state = await t.codepipeline.send(
        new GetPipelineStateCommand({ name: 'approval-web' }),
      );
      const approval = state.stageStates?.find(s => s.stageName === 'Approval')
        ?.actionStates?.[0].latestExecution;
      expect(approval?.status).toBe('InProgress');
      return approval!.token!;
    };
    const put = (
      token: string,
      status: 'Approved' | 'Rejected',
      actionName = 'ManualApproval',
    ) =>
      t.codepipeline.send(
        new PutApprovalResultCommand({
          pipelineName: 'approval-web',
          stageName: 'Approval',
          actionName,
          token,
          result: { status, summary: `${status} in test` },
        }),
      );

    it('checks the token, then approves and deploys', async () => {
      const token = await waitForApproval();
      await expect(
        put('00000000-0000-4000-8000-000000000000', 'Approved'),
      ).rejects.toBeInstanceOf(InvalidApprovalTokenException);
      await expect(put(token, 'Approved', 'Nope')).rejects.toBeInstanceOf(
        ActionNotFoundException,
      );
      const out = await put(token, 'Approved');
      expect(out.approvedAt).toBeInstanceOf(Date);
      await expect(put(token, 'Approved')).rejects.toBeInstanceOf(
        ApprovalAlreadyCompletedException,
      );
      const state = await t.codepipeline.send(
        new GetPipelineStateCommand({ name: 'approval-web' }),
      );
      const approval = state.stageStates?.find(s => s.stageName === 'Approval');
      expect(approval?.actionStates?.[0].latestExecution).toMatchObject({
        status: 'Succeeded',
        summary: 'Approved in test',
      });
      expect(
        approval?.actionStates?.[0].latestExecution?.token,
      ).toBeUndefined();
      expect(state.stageStates?.[4].latestExecution?.status).toBe('InProgress');
      await t.advanceUntil(settled('approval-web'), {
        step: 15,
        what: 'the deployment',
      });
      expect(latest('approval-web').status).toBe('Succeeded');
    });

    it('rejects and fails the execution', async () => {
      const token = await waitForApproval();
      await put(token, 'Rejected');
      expect(latest('approval-web').status).toBe('Failed');
      const state = await t.codepipeline.send(
        new GetPipelineStateCommand({ name: 'approval-web' }),
      );
      const approval = state.stageStates?.find(s => s.stageName === 'Approval');
      expect(approval?.latestExecution?.status).toBe('Failed');
      expect(approval?.actionStates?.[0].latestExecution).toMatchObject({
        status: 'Failed',
        summary: 'Rejected in test',
      });
      expect(state.stageStates?.[4].latestExecution).toBeUndefined();
    });
  });

  it('creates pipelines and rejects bad declarations', async () => {
    const pipeline = {
      name: 'created-pipeline',
      roleArn: 'arn:aws:iam::123456789012:role/pipeline',
      artifactStore: { type: 'S3' as const, location: 'bucket' },
      stages: [
        {
          name: 'Source',
          actions: [
            {
              name: 'Source',
              actionTypeId: {
                category: 'Source' as const,
                owner: 'AWS' as const,
                provider: 'CodeCommit',
                version: '1',
              },
              configuration: { RepositoryName: 'repo', BranchName: 'main' },
              outputArtifacts: [{ name: 'Src' }],
            },
          ],
        },
        {
          name: 'Invoke',
          actions: [
            {
              name: 'Hello',
              actionTypeId: {
                category: 'Invoke' as const,
                owner: 'AWS' as const,
                provider: 'Lambda',
                version: '1',
              },
              inputArtifacts: [{ name: 'Src' }],
            },
          ],
        },
      ],
    };
    const out = await t.codepipeline.send(
      new CreatePipelineCommand({ pipeline }),
    );
    expect(out.pipeline?.name).toBe('created-pipeline');
    expect(out.pipeline?.version).toBe(1);
    const summaries = await t.codepipeline.send(
      new ListPipelineExecutionsCommand({ pipelineName: 'created-pipeline' }),
    );
    expect(summaries.pipelineExecutionSummaries?.[0].trigger?.triggerType).toBe(
      'CreatePipeline',
    );
    await t.advanceUntil(settled('created-pipeline'), { step: 5 });
    expect(latest('created-pipeline').status).toBe('Succeeded');

    await expect(
      t.codepipeline.send(new CreatePipelineCommand({ pipeline })),
    ).rejects.toBeInstanceOf(PipelineNameInUseException);
    await expect(
      t.codepipeline.send(
        new CreatePipelineCommand({
          pipeline: {
            ...pipeline,
            name: 'one-stage',
            stages: [pipeline.stages[0]],
          },
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidStructureException);
    await expect(
      t.codepipeline.send(
        new CreatePipelineCommand({
          pipeline: { ...pipeline, name: 'no-role', roleArn: undefined },
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      t.codepipeline.send(
        new CreatePipelineCommand({
          pipeline: {
            ...pipeline,
            name: 'source-late',
            stages: [pipeline.stages[1], pipeline.stages[0]],
          },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidActionDeclarationException' });
  });
});

describe('CodePipeline with other scenarios', () => {
  it('runs executions side by side in PARALLEL mode', async () => {
    const t = await startTestEmulator({
      scenario: testScenario({
        services: [
          {
            name: 'par',
            platform: 'lambda',
            pipeline: { executionMode: 'PARALLEL' },
          },
        ],
      }),
    });
    try {
      const a = t.emulator.state.pushCommit('par');
      const b = t.emulator.state.pushCommit('par');
      await t.emulator.clock.advance(30);
      const state = await t.codepipeline.send(
        new GetPipelineStateCommand({ name: 'par' }),
      );
      expect(state.stageStates?.[1].latestExecution?.pipelineExecutionId).toBe(
        b,
      );
      const runs = t.emulator.state.simulation.pipeline('par').value.executions;
      expect(runs.map(e => [e.id, e.stages.get('Build')?.status])).toEqual([
        [a, 'InProgress'],
        [b, 'InProgress'],
      ]);
    } finally {
      await t.stop();
    }
  });

  it('serves each account its own resources, chosen by access key id', async () => {
    const t = await startTestEmulator({
      scenario: testScenario({
        accounts: [{ id: '210987654321', accessKeyIds: ['AKIAOTHER'] }],
        services: [
          { name: 'main-svc', platform: 'lambda' },
          { name: 'other-svc', platform: 'lambda', account: '210987654321' },
        ],
      }),
    });
    const other = new CodePipelineClient({
      endpoint: t.emulator.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIAOTHER', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    try {
      expect(
        (
          await t.codepipeline.send(new ListPipelinesCommand({}))
        ).pipelines?.map(p => p.name),
      ).toEqual(['main-svc']);
      expect(
        (await other.send(new ListPipelinesCommand({}))).pipelines?.map(
          p => p.name,
        ),
      ).toEqual(['other-svc']);
      const got = await other.send(
        new GetPipelineCommand({ name: 'other-svc' }),
      );
      expect(got.metadata?.pipelineArn).toBe(
        'arn:aws:codepipeline:eu-west-1:210987654321:other-svc',
      );
    } finally {
      other.destroy();
      await t.stop();
    }
  });

  it('is isolated per emulator instance', async () => {
    const t = await startTestEmulator({
      scenario: testScenario({
        services: [{ name: 'solo', platform: 'lambda' }],
      }),
    });
    try {
      const out = await t.codepipeline.send(new ListPipelinesCommand({}));
      expect(out.pipelines?.map(p => p.name)).toEqual(['solo']);
    } finally {
      await t.stop();
    }
  });
});
