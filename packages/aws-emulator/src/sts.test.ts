import {
  GetPipelineStateCommand,
  CodePipelineClient,
} from '@aws-sdk/client-codepipeline';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import {
  startTestEmulator,
  TEST_CREDENTIALS,
  TestEmulator,
} from './__testUtils__/emulator';
import { testScenario } from './__testUtils__/scenario';

const ROLE = 'arn:aws:iam::123456789012:role/teams/payments-reader';
const OTHER_ACCOUNT_ROLE = 'arn:aws:iam::210987654321:role/orders-reader';

describe('STS (AWS query protocol)', () => {
  let t: TestEmulator;
  const clients: { destroy(): void }[] = [];
  const sts = (credentials = TEST_CREDENTIALS) => {
    const client = new STSClient({
      endpoint: t.emulator.url,
      region: 'eu-west-1',
      credentials,
      maxAttempts: 1,
    });
    clients.push(client);
    return client;
  };
  const assume = async (RoleArn: string, RoleSessionName = 'liftoff') => {
    const { Credentials } = await sts().send(
      new AssumeRoleCommand({ RoleArn, RoleSessionName }),
    );
    return {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    };
  };
  const error = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (e: STSServiceException) => ({
        name: e.name,
        message: e.message,
        status: e.$metadata.httpStatusCode,
        fault: e.$fault,
      }),
    );

  beforeAll(async () => {
    t = await startTestEmulator({
      scenario: {
        ...testScenario(),
        accounts: [{ id: '210987654321', accessKeyIds: ['AKIDTEAM'] }],
      },
    });
  });
  afterEach(() => t.emulator.faults.reset());
  afterAll(async () => {
    clients.forEach(c => c.destroy());
    await t.stop();
  });

  it('names a static key as a user of its account (GetCallerIdentity)', async () => {
    expect(await sts().send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/AKIDEXAMPLE',
      UserId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
    });
    expect(
      await sts({ accessKeyId: 'AKIDTEAM', secretAccessKey: 's' }).send(
        new GetCallerIdentityCommand({}),
      ),
    ).toMatchObject({
      Account: '210987654321',
      Arn: 'arn:aws:iam::210987654321:user/AKIDTEAM',
    });
  });

  it('assumes a role: temporary credentials for an hour, and the assumed-role user', async () => {
    const before = Date.now();
    const out = await sts().send(
      new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'liftoff' }),
    );
    const after = Date.now();
    expect(out.AssumedRoleUser).toEqual({
      Arn: 'arn:aws:sts::123456789012:assumed-role/payments-reader/liftoff',
      AssumedRoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}:liftoff$/),
    });
    expect(out.Credentials).toMatchObject({
      AccessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
      SecretAccessKey: expect.any(String),
      SessionToken: expect.any(String),
    });
    // Whole seconds on the wire.
    const expires = out.Credentials!.Expiration!.getTime();
    expect(expires).toBeGreaterThan(before + 3600_000 - 1000);
    expect(expires).toBeLessThanOrEqual(after + 3600_000);
  });

  it('knows the role behind temporary credentials, and logs every call made with them as the role', async () => {
    const credentials = await assume(ROLE, 'page-view');
    t.emulator.calls.reset();
    expect(
      await sts(credentials).send(new GetCallerIdentityCommand({})),
    ).toMatchObject({
      Account: '123456789012',
      Arn: 'arn:aws:sts::123456789012:assumed-role/payments-reader/page-view',
    });
    const codepipeline = new CodePipelineClient({
      endpoint: t.emulator.url,
      region: 'eu-west-1',
      credentials,
      maxAttempts: 1,
    });
    clients.push(codepipeline);
    await codepipeline.send(
      new GetPipelineStateCommand({ name: 'canary-api' }),
    );
    await t.codepipeline.send(
      new GetPipelineStateCommand({ name: 'canary-api' }),
    );

    expect(
      t.emulator.calls.log().map(c => [c.operation, c.role, c.caller]),
    ).toEqual([
      [
        'GetCallerIdentity',
        ROLE,
        'arn:aws:sts::123456789012:assumed-role/payments-reader/page-view',
      ],
      [
        'GetPipelineState',
        ROLE,
        'arn:aws:sts::123456789012:assumed-role/payments-reader/page-view',
      ],
      [
        'GetPipelineState',
        undefined,
        'arn:aws:iam::123456789012:user/AKIDEXAMPLE',
      ],
    ]);
  });

  it("acts in the role's account, which may differ from the caller's", async () => {
    const credentials = await assume(OTHER_ACCOUNT_ROLE);
    const codepipeline = new CodePipelineClient({
      endpoint: t.emulator.url,
      region: 'eu-west-1',
      credentials,
      maxAttempts: 1,
    });
    clients.push(codepipeline);
    // canary-api lives in 123456789012, not in the role's account.
    await expect(
      codepipeline.send(new GetPipelineStateCommand({ name: 'canary-api' })),
    ).rejects.toThrow(
      "Account does not have a pipeline with name 'canary-api'",
    );
    expect(t.emulator.calls.log().at(-1)).toMatchObject({
      errorCode: 'PipelineNotFoundException',
      role: OTHER_ACCOUNT_ROLE,
    });
  });

  it('reads nested form members (Tags.member.N.Key) and validates them', async () => {
    const out = await sts().send(
      new AssumeRoleCommand({
        RoleArn: ROLE,
        RoleSessionName: 'tagged',
        Tags: [
          { Key: 'team', Value: 'payments' },
          { Key: 'cost-center', Value: '42' },
        ],
      }),
    );
    expect(out.PackedPolicySize).toBe(3);
    expect(
      await error(
        sts().send(
          new AssumeRoleCommand({
            RoleArn: ROLE,
            RoleSessionName: 'tagged',
            Tags: [
              { Key: 'team', Value: 'payments' },
              { Key: 'bad key!', Value: 'x' },
            ],
          }),
        ),
      ),
    ).toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining("at 'tags.2.key'"),
    });
  });

  it.each([
    [
      { RoleArn: ROLE, RoleSessionName: undefined },
      "Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null",
    ],
    [
      { RoleArn: ROLE, RoleSessionName: 'has space' },
      "at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern",
    ],
    [
      { RoleArn: 'arn:aws:iam::1:r/x', RoleSessionName: 'liftoff' },
      "at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
    ],
    [
      {
        RoleArn: 'arn:aws:iam::123456789012:user/someone',
        RoleSessionName: 'liftoff',
      },
      'is invalid: a role ARN is arn:<partition>:iam::<12-digit account>:role/<path/><name>',
    ],
    [
      { RoleArn: ROLE, RoleSessionName: 'liftoff', DurationSeconds: 600 },
      "at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    ],
    [
      { RoleArn: ROLE, RoleSessionName: 'liftoff', DurationSeconds: 7200 },
      'exceeds the MaxSessionDuration set for this role',
    ],
  ])('rejects %j with ValidationError', async (input, message) => {
    expect(
      await error(
        sts().send(
          new AssumeRoleCommand(
            input as { RoleArn: string; RoleSessionName: string },
          ),
        ),
      ),
    ).toEqual({
      name: 'ValidationError',
      message: expect.stringContaining(message),
      status: 400,
      fault: 'client',
    });
  });

  it('denies AssumeRole by fault injection with AccessDenied naming the caller', async () => {
    t.emulator.faults.set({ accessDenied: ['arn:aws:iam::*:role/forbidden'] });
    expect(
      await error(
        sts().send(
          new AssumeRoleCommand({
            RoleArn: 'arn:aws:iam::123456789012:role/forbidden',
            RoleSessionName: 'liftoff',
          }),
        ),
      ),
    ).toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining(
        'User: arn:aws:iam::123456789012:user/AKIDEXAMPLE is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/forbidden',
      ),
    });
  });

  it('answers unknown and missing actions with the XML error shape', async () => {
    const post = (body: string) =>
      t.raw({
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/eu-west-1/sts/aws4_request, SignedHeaders=host, Signature=0',
        },
        body,
      });
    const unknown = await post('Action=GetFederationToken2&Version=2011-06-15');
    expect(unknown.status).toBe(400);
    expect(unknown.headers['content-type']).toBe('text/xml');
    expect(unknown.body).toBe(
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>' +
        '<Code>InvalidAction</Code><Message>Could not find operation GetFederationToken2 for version 2011-06-15</Message>' +
        `</Error><RequestId>${unknown.headers['x-amzn-requestid']}</RequestId></ErrorResponse>`,
    );
    const missing = await post('Version=2011-06-15');
    expect(missing.body).toContain('<Code>MissingAction</Code>');
    const ok = await post('Action=GetCallerIdentity&Version=2011-06-15');
    expect(ok.body).toBe(
      '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
        `<UserId>${/<UserId>(\w+)</.exec(ok.body)?.[1]}</UserId><Account>123456789012</Account>` +
        '<Arn>arn:aws:iam::123456789012:user/AKIDEXAMPLE</Arn></GetCallerIdentityResult>' +
        `<ResponseMetadata><RequestId>${ok.headers['x-amzn-requestid']}</RequestId></ResponseMetadata>` +
        '</GetCallerIdentityResponse>',
    );
  });
});
