import { AwsEmulator } from '@liftoff/aws-emulator';
import {
  clientFactoryFor,
  deploymentGroupArn,
  emulatorClock,
  pipelineArn,
  runAction,
  startTestEmulator,
} from '../__testUtils__';
import { createCodePipelineWaitAction } from './codepipelineWait';

describe('aws:codepipeline:wait', () => {
  let aws: AwsEmulator;

  beforeEach(async () => {
    aws = await startTestEmulator();
  });
  afterEach(async () => {
    await aws.stop();
  });

  const waitAction = (onSleep?: (ms: number) => void) =>
    createCodePipelineWaitAction({
      clientFactory: clientFactoryFor(aws),
      clock: emulatorClock(aws, onSleep),
    });

  it('follows a Lambda release to the end: stages, actions and the canary traffic', async () => {
    const executionId = aws.state.pushCommit('canary-api', {
      summary: 'Add retries',
    });
    const run = await runAction(waitAction(), {
      pipelineArn: pipelineArn('canary-api'),
      executionId,
      deploymentGroupArn: deploymentGroupArn('canary-api'),
      pollSeconds: 15,
    });
    expect(run.error).toBeUndefined();
    expect(run.outputs.status).toBe('Succeeded');
    const log = run.logger.messages();
    const indexOf = (pattern: RegExp) => log.findIndex(l => pattern.test(l));
    // In the order it happened.
    const order = [
      /^Stage Source: InProgress$/,
      /^Action Source \/ Source: Succeeded/,
      /^Stage Build: InProgress$/,
      /^Action Build \/ Build: Succeeded/,
      /^Stage Production: InProgress$/,
      /^Deployment d-\w{9} \(CodeDeployDefault.LambdaCanary10Percent5Minutes\): InProgress$/,
      /^Deployment d-\w{9}: 10% of traffic on the new version$/,
      /^Deployment d-\w{9}: 100% of traffic on the new version$/,
      /^Deployment d-\w{9} \(CodeDeployDefault.LambdaCanary10Percent5Minutes\): Succeeded$/,
      /^Stage Production: Succeeded$/,
      new RegExp(`^Pipeline canary-api execution ${executionId} succeeded$`),
    ].map(indexOf);
    expect(order.every(i => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Each change once, not once per poll.
    expect(log.filter(l => /^Stage Build: InProgress$/.test(l))).toHaveLength(
      1,
    );
  });

  it('follows an ECS deployment from the pipeline action, without a deployment group', async () => {
    const executionId = aws.state.pushCommit('ecs-web');
    const run = await runAction(waitAction(), {
      pipelineArn: pipelineArn('ecs-web'),
      executionId,
      pollSeconds: 20,
    });
    expect(run.error).toBeUndefined();
    const log = run.logger.messages();
    expect(log).toContainEqual(
      expect.stringMatching(
        /^Deployment d-\w{9}: 10% of traffic on the new version$/,
      ),
    );
    expect(log).toContainEqual(
      expect.stringMatching(
        /^Deployment d-\w{9}: 100% of traffic on the new version$/,
      ),
    );
  });

  it("fails with the failing build's error", async () => {
    aws.state.failNextBuild('canary-api-build', {
      phase: 'BUILD',
      message: 'npm run build exited 2',
    });
    const executionId = aws.state.pushCommit('canary-api');
    const run = await runAction(waitAction(), {
      pipelineArn: pipelineArn('canary-api'),
      executionId,
    });
    expect(run.error?.message).toMatch(
      new RegExp(
        `^Pipeline canary-api execution ${executionId} failed in stage Build, action Build: .*npm run build exited 2`,
      ),
    );
    expect(run.logger.messages('error')).toContainEqual(
      expect.stringMatching(
        /^Action Build \/ Build: Failed \(.*npm run build exited 2/,
      ),
    );
    expect(run.logger.messages()).not.toContainEqual(
      expect.stringMatching(/^Stage Production/),
    );
  });

  it('fails when an alarm stops the canary and CodeDeploy rolls it back', async () => {
    aws.state.planDeploymentAlarm('canary-api', {
      alarm: 'canary-api-errors',
      after: 60,
    });
    const executionId = aws.state.pushCommit('canary-api');
    const run = await runAction(waitAction(), {
      pipelineArn: pipelineArn('canary-api'),
      executionId,
      deploymentGroupArn: deploymentGroupArn('canary-api'),
    });
    expect(run.error?.message).toMatch(
      new RegExp(
        `^Pipeline canary-api execution ${executionId} failed in stage Production, action \\w+: .*ALARM|alarm`,
      ),
    );
    const log = run.logger.messages();
    expect(log).toContainEqual(
      expect.stringMatching(
        /^Deployment d-\w{9}: 10% of traffic on the new version$/,
      ),
    );
    expect(run.logger.messages('error')).toContainEqual(
      expect.stringMatching(
        /^Deployment d-\w{9} \(CodeDeployDefault.LambdaCanary10Percent5Minutes\): Stopped: ALARM_ACTIVE/,
      ),
    );
    expect(run.logger.messages('warn')).toContainEqual(
      expect.stringMatching(/^Deployment d-\w{9} is rolled back by d-\w{9}/),
    );
    expect(log).toContainEqual(
      expect.stringMatching(
        /^Rollback deployment d-\w{9} \(CodeDeployDefault.LambdaCanary10Percent5Minutes\): Succeeded$/,
      ),
    );
    // The rollback's traffic is the old version's: never reported as the new one's.
    expect(log).not.toContainEqual(expect.stringMatching(/100% of traffic/));
  });

  it('times out with a link to the still-running execution', async () => {
    const executionId = aws.state.pushCommit('canary-api');
    const start = aws.clock.now().getTime();
    const run = await runAction(waitAction(), {
      pipelineArn: pipelineArn('canary-api'),
      executionId,
      timeoutMinutes: 2,
      pollSeconds: 30,
    });
    expect(run.error?.message).toBe(
      `Timed out after 2 min waiting for pipeline canary-api execution ${executionId}; it is still running: https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/canary-api/executions/${executionId}/timeline?region=eu-west-1`,
    );
    // It stopped at the deadline, not a poll later.
    expect(aws.clock.now().getTime() - start).toBeLessThanOrEqual(120_000);
  });

  it('backs off while AWS throttles, and carries on', async () => {
    const executionId = aws.state.pushCommit('canary-api');
    aws.faults.set({
      throttle: {
        'CodePipeline.GetPipelineExecution': { ratePerSecond: 0.001, burst: 2 },
      },
    });
    const sleeps: number[] = [];
    const run = await runAction(
      waitAction(ms => {
        sleeps.push(ms);
        // AWS stops throttling after two throttled polls.
        if (sleeps.length === 4) aws.faults.reset();
      }),
      { pipelineArn: pipelineArn('canary-api'), executionId, pollSeconds: 10 },
    );
    expect(run.error).toBeUndefined();
    expect(run.outputs.status).toBe('Succeeded');
    expect(run.logger.messages('warn').slice(0, 2)).toEqual([
      'AWS is throttling (ThrottlingException: Rate exceeded); next poll in 20 s',
      'AWS is throttling (ThrottlingException: Rate exceeded); next poll in 40 s',
    ]);
    expect(sleeps.slice(0, 5)).toEqual([
      10_000, 10_000, 20_000, 40_000, 10_000,
    ]);
  });

  it('does not poll in a dry run', async () => {
    aws.calls.reset();
    const run = await runAction(
      waitAction(),
      {
        pipelineArn: pipelineArn('canary-api'),
        executionId: 'dry-run-execution',
      },
      { isDryRun: true },
    );
    expect(run.error).toBeUndefined();
    expect(run.outputs.status).toBe('DryRun');
    expect(aws.calls.log()).toEqual([]);
  });

  it('refuses an out-of-range timeout through its schema', async () => {
    const run = await runAction(waitAction(), {
      pipelineArn: pipelineArn('canary-api'),
      executionId: 'x',
      timeoutMinutes: 0,
    });
    expect(run.error?.message).toMatch(
      /timeoutMinutes must be greater than or equal to 1/,
    );
  });
});
