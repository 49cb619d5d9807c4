import {
  GetPipelineStateCommand,
  ListPipelinesCommand,
} from '@aws-sdk/client-codepipeline';
import { ListDeploymentGroupsCommand } from '@aws-sdk/client-codedeploy';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { AwsEmulator, startEmulator } from '@liftoff/aws-emulator';
import { parsePipelineArns } from '@liftoff/plugin-aws-cicd-common';
import {
  DefaultAwsClientFactory,
  LIFTOFF_ROLE_SESSION_NAME,
  readAwsClientFactoryOptions,
} from './AwsClientFactory';

const A = '111111111111';
const B = '222222222222';
const PAYMENTS = parsePipelineArns(
  `arn:aws:codepipeline:eu-west-1:${A}:payments-api`,
)[0];
const ORDERS = parsePipelineArns(
  `arn:aws:codepipeline:us-east-1:${B}:orders-api`,
)[0];
const READER = `arn:aws:iam::${A}:role/payments-reader`;
const WRITER = `arn:aws:iam::${A}:role/payments-deployer`;

describe('DefaultAwsClientFactory against the emulator', () => {
  let aws: AwsEmulator;

  beforeAll(async () => {
    aws = await startEmulator({
      clock: { mode: 'manual', start: '2026-11-26T09:00:00Z' },
      scenario: {
        name: 'client-factory',
        account: A,
        region: 'eu-west-1',
        accounts: [
          { id: A, accessKeyIds: ['AKIDA'] },
          { id: B, accessKeyIds: ['AKIDB'] },
        ],
        services: [
          { name: 'payments-api', platform: 'lambda' },
          {
            name: 'orders-api',
            platform: 'lambda',
            account: B,
            region: 'us-east-1',
          },
        ],
      },
    });
  });
  beforeEach(() => aws.calls.reset());
  afterEach(() => aws.faults.reset());
  afterAll(() => aws.stop());

  const factory = (awsCicd: object = {}) =>
    DefaultAwsClientFactory.fromConfig(
      new ConfigReader({
        aws: {
          accounts: [
            { accountId: A, accessKeyId: 'AKIDA', secretAccessKey: 'a' },
            { accountId: B, accessKeyId: 'AKIDB', secretAccessKey: 'b' },
          ],
        },
        awsCicd: {
          endpoint: aws.url,
          client: { maxAttempts: 1 },
          ...awsCicd,
        },
      }),
    );
  const callers = () =>
    aws.calls
      .log()
      .map(
        c => `${c.service}.${c.operation} ${c.region} ${c.role ?? c.caller}`,
      );

  it("takes the region from the ARN and the credentials of the ARN's account", async () => {
    const f = factory();
    const payments = await f.codePipeline(PAYMENTS);
    const orders = await f.codePipeline(ORDERS);
    await payments.send(new GetPipelineStateCommand({ name: 'payments-api' }));
    await orders.send(new GetPipelineStateCommand({ name: 'orders-api' }));
    expect(callers()).toEqual([
      `CodePipeline.GetPipelineState eu-west-1 arn:aws:iam::${A}:user/AKIDA`,
      `CodePipeline.GetPipelineState us-east-1 arn:aws:iam::${B}:user/AKIDB`,
    ]);
    // One client per service, account and region, reused.
    expect(await f.codePipeline(PAYMENTS)).toBe(payments);
  });

  it('assumes a role once, with the account credentials, and shares it across services', async () => {
    const f = factory();
    const pipeline = await f.codePipeline(PAYMENTS, { roleArn: READER });
    const deploy = await f.codeDeploy(PAYMENTS, { roleArn: READER });
    await pipeline.send(new GetPipelineStateCommand({ name: 'payments-api' }));
    await pipeline.send(new ListPipelinesCommand({}));
    await deploy.send(
      new ListDeploymentGroupsCommand({ applicationName: 'payments-api' }),
    );
    expect(await f.codePipeline(PAYMENTS, { roleArn: READER })).toBe(pipeline);
    expect(callers()).toEqual([
      `STS.AssumeRole eu-west-1 arn:aws:iam::${A}:user/AKIDA`,
      `CodePipeline.GetPipelineState eu-west-1 ${READER}`,
      `CodePipeline.ListPipelines eu-west-1 ${READER}`,
      `CodeDeploy.ListDeploymentGroups eu-west-1 ${READER}`,
    ]);
    expect(aws.calls.log()[1].caller).toBe(
      `arn:aws:sts::${A}:assumed-role/payments-reader/${LIFTOFF_ROLE_SESSION_NAME}`,
    );
  });

  it('keeps one client per role, and one for no role', async () => {
    const f = factory();
    const reader = await f.codePipeline(PAYMENTS, { roleArn: READER });
    const writer = await f.codePipeline(PAYMENTS, { roleArn: WRITER });
    const plain = await f.codePipeline(PAYMENTS);
    expect(new Set([reader, writer, plain]).size).toBe(3);
    for (const client of [reader, writer, plain]) {
      await client.send(new ListPipelinesCommand({}));
    }
    expect(
      aws.calls
        .log()
        .filter(c => c.operation === 'ListPipelines')
        .map(c => c.role ?? c.caller),
    ).toEqual([READER, WRITER, `arn:aws:iam::${A}:user/AKIDA`]);
    expect(aws.calls.counts()['STS.AssumeRole']).toBe(2);
  });

  it("uses the account's default role from config, unless the call names one", async () => {
    const f = factory({ defaultRoles: [{ accountId: A, roleArn: READER }] });
    await (await f.codePipeline(PAYMENTS)).send(new ListPipelinesCommand({}));
    await (
      await f.codePipeline(PAYMENTS, { roleArn: WRITER })
    ).send(new ListPipelinesCommand({}));
    // Account B has no default role: its own credentials.
    await (await f.codePipeline(ORDERS)).send(new ListPipelinesCommand({}));
    expect(
      aws.calls
        .log()
        .filter(c => c.operation === 'ListPipelines')
        .map(c => c.role ?? c.caller),
    ).toEqual([READER, WRITER, `arn:aws:iam::${B}:user/AKIDB`]);
  });

  it('assumes a role of another account (cross-account), and acts in that account', async () => {
    const f = factory();
    const crossAccount = `arn:aws:iam::${B}:role/payments-from-a`;
    const client = await f.codePipeline(PAYMENTS, { roleArn: crossAccount });
    await expect(
      client.send(new GetPipelineStateCommand({ name: 'payments-api' })),
    ).rejects.toThrow(/does not have a pipeline/);
    expect(callers()).toEqual([
      `STS.AssumeRole eu-west-1 arn:aws:iam::${A}:user/AKIDA`,
      `CodePipeline.GetPipelineState eu-west-1 ${crossAccount}`,
    ]);
  });

  it('does not keep a failed role assumption: the next call assumes the role again', async () => {
    const f = factory();
    aws.faults.set({ accessDenied: [READER] });
    await expect(
      f.codePipeline(PAYMENTS, { roleArn: READER }),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    aws.faults.reset();
    const client = await f.codePipeline(PAYMENTS, { roleArn: READER });
    await client.send(new ListPipelinesCommand({}));
    expect(callers()).toEqual([
      `STS.AssumeRole eu-west-1 arn:aws:iam::${A}:user/AKIDA`,
      `STS.AssumeRole eu-west-1 arn:aws:iam::${A}:user/AKIDA`,
      `CodePipeline.ListPipelines eu-west-1 ${READER}`,
    ]);
  });

  it('does not keep a failed credential lookup: the next call looks again', async () => {
    let lookups = 0;
    const credentialsManager: AwsCredentialsManager = {
      async getCredentialProvider() {
        lookups += 1;
        if (lookups === 1) {
          throw new Error('There is no AWS integration that matches');
        }
        return {
          sdkCredentialProvider: async () => ({
            accessKeyId: 'AKIDA',
            secretAccessKey: 'a',
          }),
        };
      },
    };
    const f = new DefaultAwsClientFactory(credentialsManager, {
      endpoints: { codepipeline: aws.url },
      maxAttempts: 1,
    });
    await expect(f.codePipeline(PAYMENTS)).rejects.toThrow(
      'no AWS integration',
    );
    const client = await f.codePipeline(PAYMENTS);
    await client.send(new ListPipelinesCommand({}));
    expect(lookups).toBe(2);
    expect(await f.codePipeline(PAYMENTS)).toBe(client);
    expect(lookups).toBe(2);
  });

  it('rejects a role that is not a role ARN, or of another partition, before any call', async () => {
    const f = factory();
    await expect(
      f.codePipeline(PAYMENTS, { roleArn: 'payments-reader' }),
    ).rejects.toThrow(
      new InputError(
        "Annotation aws.amazon.com/aws-role-arn has an invalid IAM role ARN 'payments-reader': it is not an ARN (arn:<partition>:iam::<account-id>:role/<role-name>). Expected arn:aws:iam::<account-id>:role/<role-name>",
      ),
    );
    await expect(
      f.codePipeline(PAYMENTS, {
        roleArn: `arn:aws-cn:iam::${A}:role/payments-reader`,
      }),
    ).rejects.toThrow(/a role can only be assumed within its partition/);
    expect(aws.calls.log()).toEqual([]);
  });

  describe('with only a main account (integration-aws-node asks STS who it is)', () => {
    const saved = process.env.AWS_ENDPOINT_URL_STS;
    beforeAll(() => {
      // integration-aws-node's own STS client has no endpoint option; the SDK reads this one.
      process.env.AWS_ENDPOINT_URL_STS = aws.url;
    });
    afterAll(() => {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_STS;
      else process.env.AWS_ENDPOINT_URL_STS = saved;
    });

    it('reads the account from GetCallerIdentity, and refuses another account', async () => {
      const f = DefaultAwsClientFactory.fromConfig(
        new ConfigReader({
          aws: { mainAccount: { accessKeyId: 'AKIDA', secretAccessKey: 'a' } },
          awsCicd: { endpoint: aws.url, client: { maxAttempts: 1 } },
        }),
      );
      const client = await f.codePipeline(PAYMENTS);
      await client.send(new ListPipelinesCommand({}));
      await expect(f.codePipeline(ORDERS)).rejects.toThrow(
        `There is no AWS integration that matches ${B}`,
      );
      expect(callers()).toEqual([
        `STS.GetCallerIdentity us-east-1 arn:aws:iam::${A}:user/AKIDA`,
        `CodePipeline.ListPipelines eu-west-1 arn:aws:iam::${A}:user/AKIDA`,
      ]);
    });
  });
});

describe('readAwsClientFactoryOptions', () => {
  it('takes per-service endpoints over the common one, STS included', () => {
    expect(
      readAwsClientFactoryOptions(
        new ConfigReader({
          awsCicd: {
            endpoint: 'http://localhost:4599',
            endpoints: {
              codebuild: 'http://codebuild:1',
              sts: 'http://sts:2',
            },
          },
        }),
      ).endpoints,
    ).toEqual({
      codepipeline: 'http://localhost:4599',
      codedeploy: 'http://localhost:4599',
      codebuild: 'http://codebuild:1',
      cloudwatch: 'http://localhost:4599',
      sts: 'http://sts:2',
    });
  });

  it('reads the default role per account, and names the bad entry', () => {
    const read = (defaultRoles: object[]) =>
      readAwsClientFactoryOptions(
        new ConfigReader({ awsCicd: { defaultRoles } }),
      ).defaultRoles;
    expect(read([{ accountId: A, roleArn: READER }])).toEqual({ [A]: READER });
    expect(() => read([{ accountId: A, roleArn: 'reader' }])).toThrow(
      "Config awsCicd.defaultRoles[0].roleArn has an invalid IAM role ARN 'reader'",
    );
    expect(() => read([{ accountId: '12', roleArn: READER }])).toThrow(
      "Config awsCicd.defaultRoles[0].accountId '12' must be a 12-digit AWS account id",
    );
    expect(() =>
      read([
        { accountId: A, roleArn: READER },
        { accountId: A, roleArn: WRITER },
      ]),
    ).toThrow(`Config awsCicd.defaultRoles[1] repeats the account ${A}`);
  });
});
