import { AwsEmulator } from '@liftoff/aws-emulator';
import {
  clientFactoryFor,
  emulatorClock,
  runExample,
  startTestEmulator,
} from '../__testUtils__';
import { createCodePipelineStartAction } from './codepipelineStart';
import { createCodePipelineWaitAction } from './codepipelineWait';
import { examples } from './codepipelineWait.examples';

describe('aws:codepipeline:wait examples', () => {
  let aws: AwsEmulator;
  beforeAll(async () => {
    aws = await startTestEmulator();
  });
  afterAll(() => aws.stop());
  const actions = () => [
    createCodePipelineStartAction({ clientFactory: clientFactoryFor(aws) }),
    createCodePipelineWaitAction({
      clientFactory: clientFactoryFor(aws),
      clock: emulatorClock(aws),
    }),
  ];

  it('starts a release and follows it to the end', async () => {
    const [start, wait] = await runExample(examples[0].example, actions());
    expect(start.error).toBeUndefined();
    expect(wait.error).toBeUndefined();
    expect(wait.outputs.status).toBe('Succeeded');
    expect(wait.logger.messages()).toContainEqual(
      expect.stringMatching(
        /^Deployment d-\w{9}: 100% of traffic on the new version$/,
      ),
    );
  });

  it('waits for a known execution (an unknown id fails with AWS’s error)', async () => {
    const [run] = await runExample(examples[1].example, actions());
    expect(run.error?.name).toBe('PipelineExecutionNotFoundException');
    const [dry] = await runExample(examples[1].example, actions(), {
      isDryRun: true,
    });
    expect(dry.outputs.status).toBe('DryRun');
  });
});
