import { AwsEmulator } from '@liftoff/aws-emulator';
import {
  clientFactoryFor,
  runExample,
  startTestEmulator,
} from '../__testUtils__';
import { createCodePipelineStartAction } from './codepipelineStart';
import { examples } from './codepipelineStart.examples';

describe('aws:codepipeline:start examples', () => {
  let aws: AwsEmulator;
  beforeAll(async () => {
    aws = await startTestEmulator();
  });
  afterAll(() => aws.stop());

  it('starts the first release', async () => {
    const action = createCodePipelineStartAction({
      clientFactory: clientFactoryFor(aws),
    });
    const [run] = await runExample(examples[0].example, [action]);
    expect(run.error).toBeUndefined();
    expect(run.outputs.pipelineName).toBe('payments-api');
    expect(run.outputs.executionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends the variables (CodePipeline refuses ones the pipeline does not declare)', async () => {
    const action = createCodePipelineStartAction({
      clientFactory: clientFactoryFor(aws),
    });
    // Another task than the first test's: the same task step would reuse its client request token.
    const [run] = await runExample(examples[1].example, [action], {
      task: { id: 'task-2' },
    });
    expect(run.error?.name).toBe('ValidationException');
    expect(run.error?.message).toMatch(/Environment/);
    const [dry] = await runExample(examples[1].example, [action], {
      isDryRun: true,
    });
    expect(dry.error).toBeUndefined();
  });
});
