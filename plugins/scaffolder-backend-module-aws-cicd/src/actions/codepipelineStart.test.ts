import {
  CodePipelineClient,
  GetPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { AwsEmulator } from '@liftoff/aws-emulator';
import {
  clientFactoryFor,
  pipelineArn,
  REGION,
  runAction,
  startTestEmulator,
} from '../__testUtils__';
import { createCodePipelineStartAction } from './codepipelineStart';

describe('aws:codepipeline:start', () => {
  let aws: AwsEmulator;
  let codepipeline: CodePipelineClient;

  beforeAll(async () => {
    aws = await startTestEmulator();
    codepipeline = new CodePipelineClient({
      endpoint: aws.url,
      region: REGION,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    codepipeline.destroy();
    await aws.stop();
  });
  beforeEach(() => {
    aws.faults.reset();
    aws.calls.reset();
  });

  it('starts an execution over HTTP and outputs its id and links', async () => {
    const action = createCodePipelineStartAction({
      clientFactory: clientFactoryFor(aws),
    });
    const run = await runAction(action, {
      pipelineArn: pipelineArn('canary-api'),
      reason: 'First release',
    });
    expect(run.error).toBeUndefined();
    const { executionId } = run.outputs;
    const { pipelineExecution } = await codepipeline.send(
      new GetPipelineExecutionCommand({
        pipelineName: 'canary-api',
        pipelineExecutionId: executionId,
      }),
    );
    expect(pipelineExecution?.trigger?.triggerType).toBe(
      'StartPipelineExecution',
    );
    expect(run.outputs).toEqual({
      executionId,
      pipelineName: 'canary-api',
      region: 'eu-west-1',
      executionUrl: `https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/canary-api/executions/${executionId}/timeline?region=eu-west-1`,
      pipelineUrl:
        'https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/canary-api/view?region=eu-west-1',
    });
    expect(run.logger.messages('info')).toContain(
      `Started execution ${executionId} of canary-api: First release`,
    );
  });

  it('starts one execution per task step, even when its checkpoint is lost', async () => {
    const action = createCodePipelineStartAction({
      clientFactory: clientFactoryFor(aws),
    });
    const input = { pipelineArn: pipelineArn('payments-api') };
    const first = await runAction(action, input);
    // A retry with the checkpoint: no call at all.
    aws.calls.reset();
    const retried = await runAction(action, input, {
      checkpoints: first.checkpoints,
    });
    expect(retried.outputs.executionId).toBe(first.outputs.executionId);
    expect(
      aws.calls.counts()['CodePipeline.StartPipelineExecution'],
    ).toBeUndefined();
    // Without it: the same client request token, so AWS answers the same execution.
    const again = await runAction(action, input);
    expect(again.outputs.executionId).toBe(first.outputs.executionId);
    expect(aws.calls.counts()['CodePipeline.StartPipelineExecution']).toBe(1);
  });

  it('passes pipeline variables (CodePipeline refuses undeclared ones)', async () => {
    const action = createCodePipelineStartAction({
      clientFactory: clientFactoryFor(aws),
    });
    const run = await runAction(action, {
      pipelineArn: pipelineArn('orders-service'),
      variables: { Environment: 'staging' },
    });
    // The emulator's pipelines declare no variables, and it answers as CodePipeline does.
    expect(run.error?.name).toBe('ValidationException');
    expect(run.error?.message).toMatch(/Environment/);
  });

  it('retries a throttled start (SDK standard retries) and starts once', async () => {
    const action = createCodePipelineStartAction({
      clientFactory: clientFactoryFor(aws, { maxAttempts: 3 }),
    });
    // The action's first attempt is throttled; its retry is not.
    aws.faults.set({
      throttleNext: { 'CodePipeline.StartPipelineExecution': 1 },
    });
    const run = await runAction(action, {
      pipelineArn: pipelineArn('canary-api'),
    });
    expect(run.error).toBeUndefined();
    const starts = aws.calls
      .log()
      .filter(c => c.operation === 'StartPipelineExecution')
      .map(c => c.errorCode ?? 'ok');
    expect(starts).toEqual(['ThrottlingException', 'ok']);
  });

  it('fails with AWS error for a pipeline that does not exist', async () => {
    const action = createCodePipelineStartAction({
      clientFactory: clientFactoryFor(aws),
    });
    const run = await runAction(action, { pipelineArn: pipelineArn('nope') });
    expect(run.error?.name).toBe('PipelineNotFoundException');
  });

  it('refuses an ARN that is not a pipeline ARN, naming what is expected', async () => {
    const action = createCodePipelineStartAction({
      clientFactory: clientFactoryFor(aws),
    });
    const run = await runAction(action, {
      pipelineArn: 'arn:aws:codebuild:eu-west-1:123456789012:project/x',
    });
    expect(run.error?.name).toBe('InputError');
    expect(run.error?.message).toMatch(
      /names the service 'codebuild'.*Expected arn:aws:codepipeline:<region>:<account-id>:<pipeline-name>/,
    );
    const two = await runAction(action, {
      pipelineArn: `${pipelineArn('a')},${pipelineArn('b')}`,
    });
    expect(two.error?.message).toMatch(
      /takes one CodePipeline pipeline ARN, got 2/,
    );
  });

  it('calls nothing in a dry run', async () => {
    const action = createCodePipelineStartAction({
      clientFactory: clientFactoryFor(aws),
    });
    const run = await runAction(
      action,
      { pipelineArn: pipelineArn('canary-api') },
      { isDryRun: true },
    );
    expect(run.error).toBeUndefined();
    expect(run.outputs.executionId).toBe('dry-run-execution');
    expect(aws.calls.log()).toEqual([]);
    expect(run.logger.messages()).toEqual([
      'Dry run: would start an execution of canary-api in eu-west-1 (account 123456789012)',
    ]);
  });
});
