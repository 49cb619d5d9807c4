import { runAction } from '../__testUtils__';
import { createDeploymentStrategyResolveAction } from './deploymentStrategy';

describe('liftoff:deployment-strategy:resolve', () => {
  const action = createDeploymentStrategyResolveAction();

  it('resolves a plain-language id to the predefined config and a timeline', async () => {
    const run = await runAction(action, {
      platform: 'lambda',
      strategy: 'canary-10-percent-5-minutes',
    });
    expect(run.error).toBeUndefined();
    expect(run.outputs).toEqual({
      type: 'TimeBasedCanary',
      predefined: true,
      deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      cdkExpression: 'LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES',
      percentage: 10,
      intervalMinutes: 5,
      shifts: [
        { atMinute: 0, percentage: 10 },
        { atMinute: 5, percentage: 100 },
      ],
      totalMinutes: 5,
      timeline: '10% now, 100% after 5 min',
    });
  });

  it('resolves a custom canary to traffic routing for the CDK code', async () => {
    const run = await runAction(action, {
      platform: 'ecs',
      strategy: 'canary',
      percentage: 25,
      intervalMinutes: 90,
    });
    expect(run.outputs).toMatchObject({
      type: 'TimeBasedCanary',
      predefined: false,
      deploymentConfigName: 'Liftoff.ECSCanary25Percent90Minutes',
      cdkExpression:
        "new EcsDeploymentConfig(this, 'DeploymentConfig', { trafficRouting: TrafficRouting.timeBasedCanary({ interval: Duration.minutes(90), percentage: 25 }) })",
      timeline: '25% now, 100% after 1 h 30 min',
      totalMinutes: 90,
    });
  });

  it.each([
    [
      { percentage: 0, intervalMinutes: 5 },
      /percentage must be a whole number of percent from 1 to 99 .*got 0/,
    ],
    [{ percentage: 100, intervalMinutes: 5 }, /from 1 to 99 .*got 100/],
    [{ percentage: 12.5, intervalMinutes: 5 }, /whole number .*got 12.5/],
    [
      { percentage: 10, intervalMinutes: 0.5 },
      /intervalMinutes must be a whole number of minutes from 1 to 2880 .*got 0.5/,
    ],
    [{ percentage: 10, intervalMinutes: 2881 }, /from 1 to 2880 .*got 2881/],
    [{ percentage: 10 }, /intervalMinutes .* got nothing/],
  ])(
    'refuses an impossible custom canary %j with the allowed range',
    async (values, message) => {
      const run = await runAction(action, {
        platform: 'lambda',
        strategy: 'canary',
        ...values,
      });
      expect(run.error?.name).toBe('InputError');
      expect(run.error?.message).toMatch(message);
    },
  );

  it('refuses an unknown name, listing what the platform allows', async () => {
    const run = await runAction(action, {
      platform: 'ecs',
      strategy: 'blue-green',
    });
    expect(run.error?.message).toBe(
      "Unknown deployment strategy 'blue-green'. Use one of all-at-once, canary-10-percent-5-minutes, canary-10-percent-15-minutes, linear-10-percent-every-1-minute, linear-10-percent-every-3-minutes, or canary / linear with a percentage (1-99) and an interval in minutes (1-2880).",
    );
  });

  it('ignores, with a warning, custom values left over beside a predefined config', async () => {
    const run = await runAction(action, {
      platform: 'lambda',
      strategy: 'all-at-once',
      percentage: 10,
      intervalMinutes: 5,
    });
    expect(run.error).toBeUndefined();
    expect(run.outputs.deploymentConfigName).toBe(
      'CodeDeployDefault.LambdaAllAtOnce',
    );
    expect(run.logger.messages('warn')).toEqual([
      "Ignoring percentage / intervalMinutes: 'all-at-once' is a predefined configuration",
    ]);
  });

  it('refuses an unknown platform through its schema', async () => {
    const run = await runAction(action, {
      platform: 'ec2',
      strategy: 'all-at-once',
    });
    expect(run.error?.message).toMatch(
      /platform is not one of enum values: lambda,ecs/,
    );
  });

  it('behaves the same in a dry run', async () => {
    const input = {
      platform: 'lambda',
      strategy: 'linear-10-percent-every-2-minutes',
    };
    const dry = await runAction(action, input, { isDryRun: true });
    const real = await runAction(action, input);
    expect(dry.outputs).toEqual(real.outputs);
  });
});
