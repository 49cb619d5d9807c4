import { execFile } from 'node:child_process';
import { GetPipelineStateCommand } from '@aws-sdk/client-codepipeline';
import { startTestEmulator, TestEmulator } from './__testUtils__/emulator';

/**
 * A second, independent client: the AWS CLI on the image (botocore) must read the emulator's wire format the
 * way the SDK v3 does.
 */
function aws(
  t: TestEmulator,
  args: string[],
  credentials: Record<string, string> = {
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
  },
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(
      'aws',
      ['--endpoint-url', t.emulator.url, '--output', 'json', ...args],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ...credentials,
          AWS_DEFAULT_REGION: 'eu-west-1',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_PAGER: '',
          AWS_MAX_ATTEMPTS: '1',
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) code = typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function json(
  t: TestEmulator,
  args: string[],
  credentials?: Record<string, string>,
): Promise<any> {
  const out = await aws(t, args, credentials);
  if (out.code !== 0)
    throw new Error(
      `aws ${args.join(' ')} failed (${out.code}): ${out.stderr}`,
    );
  return JSON.parse(out.stdout);
}

describe('the AWS CLI against the emulator', () => {
  let t: TestEmulator;
  let deploymentId: string;

  beforeAll(async () => {
    t = await startTestEmulator();
    const sim = t.emulator.state.simulation;
    t.emulator.state.pushCommit('canary-api', {
      revisionId: 'abc123',
      summary: 'Fix typo',
    });
    await t.advanceUntil(
      () =>
        sim.activeDeployment('canary-api')?.target.lambda
          ?.targetVersionWeight === 0.1,
      { step: 5 },
    );
    deploymentId = sim.activeDeployment('canary-api')!.info.deploymentId;
  });
  afterAll(() => t.stop());

  it('codepipeline get-pipeline-state agrees with the SDK', async () => {
    const cli = await json(t, [
      'codepipeline',
      'get-pipeline-state',
      '--name',
      'canary-api',
    ]);
    const sdk = await t.codepipeline.send(
      new GetPipelineStateCommand({ name: 'canary-api' }),
    );
    expect(cli.pipelineName).toBe('canary-api');
    expect(
      cli.stageStates.map((s: any) => [s.stageName, s.latestExecution?.status]),
    ).toEqual(
      sdk.stageStates!.map(s => [s.stageName, s.latestExecution?.status]),
    );
    expect(cli.stageStates[0].actionStates[0].currentRevision.revisionId).toBe(
      'abc123',
    );
    expect(cli.stageStates[3].latestExecution.status).toBe('InProgress');
    // The CLI prints wire timestamps; they are the same instants the SDK parsed.
    expect(new Date(cli.created * 1000).getTime()).toBe(sdk.created!.getTime());
  }, 30_000);

  it('deploy get-deployment and the target API read the canary', async () => {
    const out = await json(t, [
      'deploy',
      'get-deployment',
      '--deployment-id',
      deploymentId,
    ]);
    expect(out.deploymentInfo).toMatchObject({
      deploymentId,
      applicationName: 'canary-api',
      status: 'InProgress',
      deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      creator: 'CloudFormation',
      deploymentOverview: { InProgress: 1 },
    });
    const targets = await json(t, [
      'deploy',
      'batch-get-deployment-targets',
      '--deployment-id',
      deploymentId,
      '--target-ids',
      'canary-api:live',
    ]);
    expect(
      targets.deploymentTargets[0].lambdaTarget.lambdaFunctionInfo
        .targetVersionWeight,
    ).toBe(0.1);
  }, 30_000);

  it('cloudwatch describe-alarms (JSON 1.0) parses', async () => {
    const out = await json(t, [
      'cloudwatch',
      'describe-alarms',
      '--alarm-names',
      'canary-api-errors',
      'canary-api-latency',
    ]);
    expect(
      out.MetricAlarms.map((a: any) => [a.AlarmName, a.StateValue]),
    ).toEqual([
      ['canary-api-errors', 'OK'],
      ['canary-api-latency', 'OK'],
    ]);
  }, 30_000);

  it('reports AWS errors by code, and the CLI writes through SetAlarmState', async () => {
    const missing = await aws(t, [
      'codepipeline',
      'get-pipeline',
      '--name',
      'nope',
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('PipelineNotFoundException');
    const noAlarm = await aws(t, [
      'cloudwatch',
      'set-alarm-state',
      '--alarm-name',
      'nope',
      '--state-value',
      'ALARM',
      '--state-reason',
      'x',
    ]);
    expect(noAlarm.stderr).toContain('ResourceNotFound');
    const set = await aws(t, [
      'cloudwatch',
      'set-alarm-state',
      '--alarm-name',
      'canary-api-errors',
      '--state-value',
      'ALARM',
      '--state-reason',
      'cli',
    ]);
    expect(set.code).toBe(0);
    const deployment = await json(t, [
      'deploy',
      'get-deployment',
      '--deployment-id',
      deploymentId,
    ]);
    expect(deployment.deploymentInfo.status).toBe('Stopped');
    expect(deployment.deploymentInfo.errorInformation.code).toBe(
      'ALARM_ACTIVE',
    );
  }, 60_000);
});

describe('the AWS CLI against the emulator: STS (query protocol, XML)', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(() => t.stop());

  it('sts get-caller-identity names the static key, and the role after sts assume-role', async () => {
    expect(await json(t, ['sts', 'get-caller-identity'])).toMatchObject({
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/AKIDEXAMPLE',
    });
    const assumed = await json(t, [
      'sts',
      'assume-role',
      '--role-arn',
      'arn:aws:iam::123456789012:role/payments-reader',
      '--role-session-name',
      'cli',
      '--tags',
      'Key=team,Value=payments',
    ]);
    expect(assumed.AssumedRoleUser.Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/payments-reader/cli',
    );
    expect(assumed.PackedPolicySize).toBe(2);
    const { AccessKeyId, SecretAccessKey, SessionToken } = assumed.Credentials;
    expect(
      await json(t, ['sts', 'get-caller-identity'], {
        AWS_ACCESS_KEY_ID: AccessKeyId,
        AWS_SECRET_ACCESS_KEY: SecretAccessKey,
        AWS_SESSION_TOKEN: SessionToken,
      }),
    ).toMatchObject({
      Arn: 'arn:aws:sts::123456789012:assumed-role/payments-reader/cli',
    });
  }, 60_000);

  it('reports a validation error by its code', async () => {
    const out = await aws(t, [
      'sts',
      'assume-role',
      '--role-arn',
      'arn:aws:iam::123456789012:role/payments-reader',
      '--role-session-name',
      'no spaces allowed',
    ]);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain(
      'An error occurred (ValidationError) when calling the AssumeRole operation',
    );
  }, 60_000);
});
