import type {
  DescribeAlarmsOutput,
  MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { AwsError } from '../errors';
import { InputDialect } from '../protocol/input';
import { paginate } from '../protocol/pagination';
import { ServiceDefinition } from '../protocol/service';
import { Simulation } from '../sim/simulation';

type Output<T> = Omit<T, '$metadata'>;

/** CloudWatch is awsQueryCompatible: each error has a query code (`x-amzn-query-error`) beside its shape name. */
const dialect: InputDialect = {
  missing: path =>
    new AwsError(
      'MissingRequiredParameterException',
      `The parameter ${path} is required.`,
      { queryCode: 'MissingParameter' },
    ),
  invalid: (path, constraint) =>
    new AwsError(
      'InvalidParameterValueException',
      `The parameter ${path} is invalid: ${constraint}`,
      {
        queryCode: 'InvalidParameterValue',
      },
    ),
};

const STATE = ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const;

/** CloudWatch alarms (AWS JSON 1.0, `GraniteServiceVersion20100801`). */
export function cloudWatchService(sim: Simulation): ServiceDefinition {
  return {
    name: 'CloudWatch',
    protocol: 'json',
    targetPrefix: 'GraniteServiceVersion20100801',
    jsonVersion: '1.0',
    signingName: 'monitoring',
    queryCompatible: true,
    dialect,
    errors: {
      accessDenied: {
        code: 'AccessDeniedException',
        queryCode: 'AccessDenied',
      },
      throttling: { code: 'ThrottlingException', queryCode: 'Throttling' },
    },
    operations: {
      DescribeAlarms(input, ctx): Output<DescribeAlarmsOutput> {
        const names = input.stringList('AlarmNames', {
          max: 100,
          item: { min: 1, max: 255 },
        });
        const prefix = input.string('AlarmNamePrefix', { min: 1, max: 255 });
        if (names && prefix) {
          throw new AwsError(
            'InvalidParameterCombinationException',
            'AlarmNames and AlarmNamePrefix cannot be used together',
            {
              queryCode: 'InvalidParameterCombination',
            },
          );
        }
        const types = input.stringList('AlarmTypes', {
          item: { oneOf: ['CompositeAlarm', 'MetricAlarm'] },
        });
        const state = input.string('StateValue', { oneOf: STATE });
        const actionPrefix = input.string('ActionPrefix', {
          min: 1,
          max: 1024,
        });
        input.string('ChildrenOfAlarmName');
        input.string('ParentsOfAlarmName');
        const max = input.number('MaxRecords', { min: 1, max: 100 }) ?? 50;
        let alarms: MetricAlarm[] = [...sim.partition(ctx).alarms.values()]
          .map(a => a.alarm)
          .sort((a, b) => a.AlarmName!.localeCompare(b.AlarmName!));
        if (names) alarms = alarms.filter(a => names.includes(a.AlarmName!));
        if (prefix)
          alarms = alarms.filter(a => a.AlarmName!.startsWith(prefix));
        if (state) alarms = alarms.filter(a => a.StateValue === state);
        if (actionPrefix)
          alarms = alarms.filter(a =>
            (a.AlarmActions ?? []).some(x => x.startsWith(actionPrefix)),
          );
        // Without AlarmTypes only metric alarms are returned; the emulator has no composite alarms.
        if (types && !types.includes('MetricAlarm')) alarms = [];
        for (const a of alarms)
          ctx.authorize('cloudwatch:DescribeAlarms', a.AlarmArn!);
        const { page, nextToken } = paginate(alarms, {
          nextToken: input.string('NextToken'),
          pageSize: max,
          scope: `DescribeAlarms/${ctx.account}/${ctx.region}/${names?.join(',') ?? ''}/${prefix ?? ''}/${state ?? ''}`,
          invalid: () =>
            new AwsError(
              'InvalidNextToken',
              'The next token specified is invalid.',
            ),
        });
        return {
          MetricAlarms: page,
          CompositeAlarms: [],
          NextToken: nextToken,
        };
      },

      SetAlarmState(input, ctx) {
        const name = input.string('AlarmName', {
          required: true,
          min: 1,
          max: 255,
        });
        const state = input.enum('StateValue', STATE, { required: true });
        const reason = input.string('StateReason', {
          required: true,
          min: 0,
          max: 1023,
        });
        const data = input.string('StateReasonData', { max: 4000 });
        if (data !== undefined) {
          try {
            JSON.parse(data);
          } catch {
            throw new AwsError(
              'InvalidFormatFault',
              'StateReasonData is not valid JSON',
              { queryCode: 'InvalidFormat' },
            );
          }
        }
        const partition = sim.partition(ctx);
        const alarm = partition.alarms.get(name);
        if (!alarm) {
          throw new AwsError(
            'ResourceNotFound',
            `Alarm ${name} does not exist`,
            { status: 404, queryCode: 'ResourceNotFound' },
          );
        }
        ctx.authorize('cloudwatch:SetAlarmState', alarm.alarm.AlarmArn!);
        sim.alarms.setState(partition, name, state, reason, data);
        return {};
      },
    },
  };
}
