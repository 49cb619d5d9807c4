import {
  DescribeAlarmsCommand,
  InvalidFormatFault,
  InvalidNextToken,
  ResourceNotFound,
  SetAlarmStateCommand,
  paginateDescribeAlarms,
} from '@aws-sdk/client-cloudwatch';
import { startTestEmulator, TestEmulator } from './__testUtils__/emulator';

describe('CloudWatch alarms', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(() => t.stop());

  it('describes alarms with their metric and state', async () => {
    const out = await t.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: ['canary-api-errors'] }),
    );
    expect(out.CompositeAlarms).toEqual([]);
    expect(out.MetricAlarms).toHaveLength(1);
    expect(out.MetricAlarms?.[0]).toMatchObject({
      AlarmName: 'canary-api-errors',
      AlarmArn:
        'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:canary-api-errors',
      StateValue: 'OK',
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Dimensions: expect.arrayContaining([
        { Name: 'FunctionName', Value: 'canary-api' },
      ]),
    });
    expect(out.MetricAlarms?.[0].StateUpdatedTimestamp).toBeInstanceOf(Date);
    const latency = await t.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNamePrefix: 'canary-api-l' }),
    );
    expect(
      latency.MetricAlarms?.map(a => [
        a.AlarmName,
        a.MetricName,
        a.ExtendedStatistic,
      ]),
    ).toEqual([['canary-api-latency', 'Duration', 'p99']]);
  });

  it('paginates with MaxRecords and NextToken', async () => {
    const names: string[] = [];
    for await (const page of paginateDescribeAlarms(
      { client: t.cloudwatch, pageSize: 1 },
      {},
    )) {
      expect(page.MetricAlarms!.length).toBeLessThanOrEqual(1);
      names.push(...page.MetricAlarms!.map(a => a.AlarmName!));
    }
    expect(names).toEqual([
      'bg-service-5xx',
      'canary-api-errors',
      'canary-api-latency',
    ]);
    await expect(
      t.cloudwatch.send(new DescribeAlarmsCommand({ NextToken: 'nope' })),
    ).rejects.toBeInstanceOf(InvalidNextToken);
  });

  it('sets alarm state and filters by it', async () => {
    await t.cloudwatch.send(
      new SetAlarmStateCommand({
        AlarmName: 'bg-service-5xx',
        StateValue: 'ALARM',
        StateReason: 'test',
        StateReasonData: '{"x":1}',
      }),
    );
    const firing = await t.cloudwatch.send(
      new DescribeAlarmsCommand({ StateValue: 'ALARM' }),
    );
    expect(
      firing.MetricAlarms?.map(a => [
        a.AlarmName,
        a.StateReason,
        a.StateReasonData,
      ]),
    ).toEqual([['bg-service-5xx', 'test', '{"x":1}']]);
    t.emulator.state.setAlarmState('bg-service-5xx', 'OK');
    expect(
      (
        await t.cloudwatch.send(
          new DescribeAlarmsCommand({ StateValue: 'ALARM' }),
        )
      ).MetricAlarms,
    ).toEqual([]);
  });

  it('answers errors with the query-compatible codes', async () => {
    await expect(
      t.cloudwatch.send(
        new SetAlarmStateCommand({
          AlarmName: 'nope',
          StateValue: 'ALARM',
          StateReason: 'x',
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFound);
    const bad = await t.cloudwatch
      .send(
        new SetAlarmStateCommand({
          AlarmName: 'bg-service-5xx',
          StateValue: 'ALARM',
          StateReason: 'x',
          StateReasonData: '{',
        }),
      )
      .catch(e => e);
    expect(bad).toBeInstanceOf(InvalidFormatFault);
    expect(bad.Code).toBe('InvalidFormat');
    const invalid = await t.cloudwatch
      .send(new DescribeAlarmsCommand({ StateValue: 'RED' as never }))
      .catch(e => e);
    expect(invalid.name).toBe('InvalidParameterValueException');
    const combo = await t.cloudwatch
      .send(
        new DescribeAlarmsCommand({ AlarmNames: ['a'], AlarmNamePrefix: 'a' }),
      )
      .catch(e => e);
    expect(combo.name).toBe('InvalidParameterCombinationException');
    expect(combo.$metadata.httpStatusCode).toBe(400);
  });
});
