import {
  CloudWatchServiceException,
  DescribeAlarmsCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CodeBuildServiceException,
  BatchGetBuildsCommand,
} from '@aws-sdk/client-codebuild';
import {
  GetDeploymentCommand,
  GetApplicationCommand,
} from '@aws-sdk/client-codedeploy';
import {
  CodePipelineClient,
  CodePipelineServiceException,
  GetPipelineCommand,
  GetPipelineStateCommand,
  ListPipelinesCommand,
  PipelineNotFoundException,
  ValidationException,
} from '@aws-sdk/client-codepipeline';
import { startTestEmulator, TestEmulator } from './__testUtils__/emulator';

const target = (t: string) => ({
  'x-amz-target': t,
  'content-type': 'application/x-amz-json-1.1',
});

describe('AWS JSON protocol', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(() => t.stop());

  it('routes by x-amz-target and answers with a request id and epoch-second timestamps', async () => {
    const res = await t.raw({
      headers: target('CodePipeline_20150709.ListPipelines'),
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    const body = res.json();
    expect(typeof body.pipelines[0].created).toBe('number');
    expect(body.pipelines[0].created).toBeGreaterThan(1.7e9);
  });

  it('exposes the request id to the SDK as $metadata.requestId', async () => {
    const out = await t.codepipeline.send(new ListPipelinesCommand({}));
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.pipelines?.[0].created).toBeInstanceOf(Date);
  });

  it.each([
    ['an unknown operation', 'CodePipeline_20150709.DeletePipelineEverything'],
    ['an unknown service', 'DynamoDB_20120810.ListTables'],
    ['no target at all', ''],
  ])('answers %s with UnknownOperationException', async (_what, header) => {
    const res = await t.raw({
      headers: header
        ? target(header)
        : { 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(res.json().__type).toBe('UnknownOperationException');
    expect(res.headers['x-amzn-errortype']).toBe('UnknownOperationException');
    expect(res.headers['x-amzn-requestid']).toBeDefined();
  });

  it('answers a GET with the AWS error shape', async () => {
    const res = await t.raw({ method: 'GET', path: '/' });
    expect(res.status).toBe(400);
    expect(res.json().__type).toBe('UnknownOperationException');
  });

  it.each([
    ['bad JSON', '{"name": '],
    ['a JSON array', '[1,2]'],
    ['a wrong member type', '{"name": 42}'],
    ['a structure where a string belongs', '{"name": {"x": 1}}'],
  ])('answers %s with SerializationException', async (_what, body) => {
    const res = await t.raw({
      headers: target('CodePipeline_20150709.GetPipeline'),
      body,
    });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      __type: 'SerializationException',
      message: expect.any(String),
    });
    expect(res.headers['x-amzn-errortype']).toBe('SerializationException');
  });

  it('answers a missing required member with the service validation error', async () => {
    const res = await t.raw({
      headers: target('CodePipeline_20150709.GetPipeline'),
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(res.json().__type).toBe('ValidationException');
    expect(res.json().message).toContain("Value null at 'name'");
  });

  it('surfaces modelled errors as the SDK exception classes', async () => {
    await expect(
      t.codepipeline.send(new GetPipelineCommand({ name: 'nope' })),
    ).rejects.toBeInstanceOf(PipelineNotFoundException);
    await expect(
      t.codepipeline.send(new GetPipelineStateCommand({ name: 'bad name!' })),
    ).rejects.toBeInstanceOf(ValidationException);
    const err = await t.codepipeline
      .send(new GetPipelineCommand({ name: 'nope' }))
      .catch(e => e);
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.$metadata.requestId).toBeDefined();
    expect(err.$fault).toBe('client');
  });

  it('uses CodeDeploy and CodeBuild specific invalid-input errors', async () => {
    await expect(
      t.codedeploy.send(
        new GetDeploymentCommand({ deploymentId: 'not-an-id' }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidDeploymentIdException',
    });
    await expect(
      t.codedeploy.send(new GetDeploymentCommand({} as never)),
    ).rejects.toMatchObject({
      name: 'DeploymentIdRequiredException',
    });
    await expect(
      t.codedeploy.send(
        new GetApplicationCommand({ applicationName: 'x'.repeat(101) }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidApplicationNameException',
    });
    const err = await t.codebuild
      .send(new BatchGetBuildsCommand({ ids: [] }))
      .catch(e => e);
    expect(err).toBeInstanceOf(CodeBuildServiceException);
    expect(err.name).toBe('InvalidInputException');
  });

  it('sends CloudWatch (JSON 1.0) errors with x-amzn-query-error, which the SDK maps to its classes', async () => {
    const res = await t.raw({
      headers: {
        'x-amz-target': 'GraniteServiceVersion20100801.SetAlarmState',
        'content-type': 'application/x-amz-json-1.0',
      },
      body: JSON.stringify({
        AlarmName: 'nope',
        StateValue: 'ALARM',
        StateReason: 'test',
      }),
    });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(res.headers['x-amzn-query-error']).toBe('ResourceNotFound;Sender');
    expect(res.json().__type).toBe('ResourceNotFound');

    const err = await t.cloudwatch
      .send(
        new SetAlarmStateCommand({
          AlarmName: 'nope',
          StateValue: 'ALARM',
          StateReason: 'test',
        }),
      )
      .catch(e => e);
    expect(err.name).toBe('ResourceNotFound');
    expect(err).toBeInstanceOf(CloudWatchServiceException);

    const missing = await t.cloudwatch
      .send(new SetAlarmStateCommand({ AlarmName: 'x' } as never))
      .catch(e => e);
    expect(missing.name).toBe('MissingRequiredParameterException');
    expect(missing.Code).toBe('MissingParameter');
  });

  it('keeps serving after a barrage of bad requests', async () => {
    const bad = [
      t.raw({
        headers: target('CodePipeline_20150709.GetPipelineState'),
        body: 'garbage',
      }),
      t.raw({
        headers: target('CodeDeploy_20141006.BatchGetDeployments'),
        body: '{"deploymentIds": "d-1"}',
      }),
      t.raw({
        headers: target('CodeBuild_20161006.BatchGetBuilds'),
        body: '{"ids": [1, 2]}',
      }),
      t.raw({
        headers: target('GraniteServiceVersion20100801.DescribeAlarms'),
        body: '{"MaxRecords": "ten"}',
      }),
      t.raw({
        headers: target('CodePipeline_20150709.PutApprovalResult'),
        body: '{"pipelineName": null}',
      }),
      t.raw({
        headers: target('CodePipeline_20150709.CreatePipeline'),
        body: '{"pipeline": {"stages": [{}]}}',
      }),
      t.raw({ headers: target('__proto__.constructor'), body: '{}' }),
      t.raw({
        headers: target('CodePipeline_20150709.constructor'),
        body: '{}',
      }),
    ];
    for (const res of await Promise.all(bad)) {
      expect(res.status).toBe(400);
      expect(res.json().__type).toEqual(expect.any(String));
      expect(res.headers['x-amzn-errortype']).toBe(res.json().__type);
    }
    const ok = await t.cloudwatch.send(new DescribeAlarmsCommand({}));
    expect(ok.MetricAlarms?.length).toBeGreaterThan(0);
    expect(t.emulator.state.simulation.clock.takeErrors()).toEqual([]);
  });

  it('takes the region from the SigV4 credential scope', async () => {
    const other = new CodePipelineClient({
      endpoint: t.emulator.url,
      region: 'us-west-2',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    try {
      const out = await other.send(new ListPipelinesCommand({}));
      expect(out.pipelines).toEqual([]);
      const err = await other
        .send(new GetPipelineCommand({ name: 'canary-api' }))
        .catch(e => e);
      expect(err).toBeInstanceOf(CodePipelineServiceException);
      expect(err.name).toBe('PipelineNotFoundException');
    } finally {
      other.destroy();
    }
  });
});
