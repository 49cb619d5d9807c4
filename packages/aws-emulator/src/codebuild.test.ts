import {
  BatchGetBuildsCommand,
  BatchGetProjectsCommand,
  ListBuildsForProjectCommand,
  ResourceNotFoundException,
  InvalidInputException,
  paginateListBuildsForProject,
} from '@aws-sdk/client-codebuild';
import { startTestEmulator, TestEmulator } from './__testUtils__/emulator';

describe('CodeBuild', () => {
  let t: TestEmulator;
  const sim = () => t.emulator.state.simulation;
  const buildsOf = (project: string) =>
    sim().partition().projects.get(project)!.builds;

  beforeAll(async () => {
    t = await startTestEmulator({ pageSize: 2 });
  });
  afterAll(() => t.stop());

  it('progresses a build phase by phase', async () => {
    t.emulator.state.pushCommit('linear-api', { revisionId: 'c0ffee' });
    await t.advanceUntil(() => buildsOf('linear-api-build').length === 1, {
      step: 1,
    });
    const [id] = buildsOf('linear-api-build');
    const read = async () =>
      (await t.codebuild.send(new BatchGetBuildsCommand({ ids: [id] })))
        .builds![0];
    let build = await read();
    expect(build).toMatchObject({
      id,
      arn: `arn:aws:codebuild:eu-west-1:123456789012:build/${id}`,
      buildNumber: 1,
      buildStatus: 'IN_PROGRESS',
      buildComplete: false,
      projectName: 'linear-api-build',
      initiator: 'codepipeline/linear-api',
      resolvedSourceVersion: 'c0ffee',
      logs: { groupName: '/aws/codebuild/linear-api-build' },
    });
    const seen = new Set<string>([build.currentPhase!]);
    while (!build.buildComplete) {
      await t.emulator.clock.advance(5);
      build = await read();
      seen.add(build.currentPhase!);
    }
    expect([...seen]).toEqual(
      expect.arrayContaining([
        'SUBMITTED',
        'PROVISIONING',
        'INSTALL',
        'BUILD',
        'COMPLETED',
      ]),
    );
    expect(build.buildStatus).toBe('SUCCEEDED');
    expect(build.phases?.map(p => p.phaseType)).toEqual([
      'SUBMITTED',
      'QUEUED',
      'PROVISIONING',
      'DOWNLOAD_SOURCE',
      'INSTALL',
      'PRE_BUILD',
      'BUILD',
      'POST_BUILD',
      'UPLOAD_ARTIFACTS',
      'FINALIZING',
      'COMPLETED',
    ]);
    expect(
      build.phases
        ?.slice(0, -1)
        .every(
          p =>
            p.phaseStatus === 'SUCCEEDED' &&
            p.endTime &&
            p.durationInSeconds !== undefined,
        ),
    ).toBe(true);
    const seconds =
      (build.endTime!.getTime() - build.startTime!.getTime()) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(120);
    expect(seconds).toBeLessThanOrEqual(240);
  });

  it('fails a build in the scripted phase with a contexts message', async () => {
    t.emulator.state.failNextBuild('canary-api-test', {
      phase: 'BUILD',
      message: 'Error while executing command: npm test. Reason: exit status 1',
    });
    t.emulator.state.pushCommit('canary-api');
    await t.advanceUntil(
      () => sim().latestExecution('canary-api')!.status === 'Failed',
      { step: 10 },
    );
    const [id] = buildsOf('canary-api-test');
    const build = (
      await t.codebuild.send(new BatchGetBuildsCommand({ ids: [id] }))
    ).builds![0];
    expect(build.buildStatus).toBe('FAILED');
    const failed = build.phases?.find(p => p.phaseType === 'BUILD');
    expect(failed).toMatchObject({
      phaseStatus: 'FAILED',
      contexts: [
        {
          statusCode: 'COMMAND_EXECUTION_ERROR',
          message:
            'Error while executing command: npm test. Reason: exit status 1',
        },
      ],
    });
    // After a failed BUILD, CodeBuild still runs POST_BUILD and finalizes.
    expect(build.phases?.map(p => p.phaseType).slice(-3)).toEqual([
      'POST_BUILD',
      'FINALIZING',
      'COMPLETED',
    ]);
  });

  it('lists builds of a project, newest first by default, with pagination', async () => {
    for (let i = 0; i < 3; i++) {
      t.emulator.state.pushCommit('queued-api');
    }
    await t.advanceUntil(
      () =>
        sim()
          .pipeline('queued-api')
          .value.executions.every(e => e.status !== 'InProgress'),
      { step: 30 },
    );
    const ids: string[] = [];
    for await (const page of paginateListBuildsForProject(
      { client: t.codebuild },
      { projectName: 'queued-api-build' },
    )) {
      expect(page.ids!.length).toBeLessThanOrEqual(2);
      ids.push(...page.ids!);
    }
    expect(ids).toEqual([...buildsOf('queued-api-build')].reverse());
    const asc = await t.codebuild.send(
      new ListBuildsForProjectCommand({
        projectName: 'queued-api-build',
        sortOrder: 'ASCENDING',
      }),
    );
    expect(asc.ids).toEqual(buildsOf('queued-api-build').slice(0, 2));
    await expect(
      t.codebuild.send(
        new ListBuildsForProjectCommand({ projectName: 'nope' }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      t.codebuild.send(
        new ListBuildsForProjectCommand({
          projectName: 'queued-api-build',
          nextToken: 'garbage',
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidInputException);
  });

  it('reports missing builds and gets projects by name or ARN', async () => {
    const out = await t.codebuild.send(
      new BatchGetBuildsCommand({ ids: ['nope:123'] }),
    );
    expect(out).toMatchObject({ builds: [], buildsNotFound: ['nope:123'] });
    const projects = await t.codebuild.send(
      new BatchGetProjectsCommand({
        names: [
          'canary-api-build',
          'arn:aws:codebuild:eu-west-1:123456789012:project/canary-api-test',
          'nope',
        ],
      }),
    );
    expect(projects.projects?.map(p => p.name)).toEqual([
      'canary-api-build',
      'canary-api-test',
    ]);
    expect(projects.projectsNotFound).toEqual(['nope']);
    expect(projects.projects?.[0]).toMatchObject({
      arn: 'arn:aws:codebuild:eu-west-1:123456789012:project/canary-api-build',
      source: { type: 'CODEPIPELINE' },
      environment: {
        type: 'LINUX_CONTAINER',
        computeType: 'BUILD_GENERAL1_SMALL',
      },
    });
    expect(projects.projects?.[0].created).toBeInstanceOf(Date);
    await expect(
      t.codebuild.send(new BatchGetProjectsCommand({ names: [] })),
    ).rejects.toBeInstanceOf(InvalidInputException);
    await expect(
      t.codebuild.send(
        new BatchGetBuildsCommand({
          ids: Array.from({ length: 101 }, (_, i) => `x:${i}`),
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidInputException);
  });
});
