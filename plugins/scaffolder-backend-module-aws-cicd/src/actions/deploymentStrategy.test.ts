import { runAction } from '../__testUtils__';
import { createDeploymentStrategyResolveAction } from './deploymentStrategy';
import { PREDEFINED, resolveDeploymentStrategy } from './strategies';

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

  it('knows every predefined Lambda and ECS config, with their odd spellings', () => {
    const names = PREDEFINED.flatMap(p =>
      (['lambda', 'ecs'] as const)
        .filter(platform => p.names[platform])
        .map(platform =>
          resolveDeploymentStrategy({ platform, strategy: p.id }),
        ),
    ).map(r => `${r.deploymentConfigName} ${r.cdkExpression}`);
    expect(names).toEqual([
      'CodeDeployDefault.LambdaAllAtOnce LambdaDeploymentConfig.ALL_AT_ONCE',
      'CodeDeployDefault.ECSAllAtOnce EcsDeploymentConfig.ALL_AT_ONCE',
      'CodeDeployDefault.LambdaCanary10Percent5Minutes LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES',
      'CodeDeployDefault.ECSCanary10Percent5Minutes EcsDeploymentConfig.CANARY_10PERCENT_5MINUTES',
      'CodeDeployDefault.LambdaCanary10Percent10Minutes LambdaDeploymentConfig.CANARY_10PERCENT_10MINUTES',
      'CodeDeployDefault.LambdaCanary10Percent15Minutes LambdaDeploymentConfig.CANARY_10PERCENT_15MINUTES',
      'CodeDeployDefault.ECSCanary10Percent15Minutes EcsDeploymentConfig.CANARY_10PERCENT_15MINUTES',
      'CodeDeployDefault.LambdaCanary10Percent30Minutes LambdaDeploymentConfig.CANARY_10PERCENT_30MINUTES',
      'CodeDeployDefault.LambdaLinear10PercentEvery1Minute LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTE',
      'CodeDeployDefault.ECSLinear10PercentEvery1Minutes EcsDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTES',
      'CodeDeployDefault.LambdaLinear10PercentEvery2Minutes LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_2MINUTES',
      'CodeDeployDefault.LambdaLinear10PercentEvery3Minutes LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_3MINUTES',
      'CodeDeployDefault.ECSLinear10PercentEvery3Minutes EcsDeploymentConfig.LINEAR_10PERCENT_EVERY_3MINUTES',
      'CodeDeployDefault.LambdaLinear10PercentEvery10Minutes LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_10MINUTES',
    ]);
  });

  it('accepts CodeDeploy names with or without the CodeDeployDefault. prefix', () => {
    expect(
      resolveDeploymentStrategy({
        platform: 'ecs',
        strategy: 'ECSLinear10PercentEvery3Minutes',
      }).timeline,
    ).toBe('10% now, then +10% every 3 min, 100% after 27 min');
    expect(
      resolveDeploymentStrategy({
        platform: 'lambda',
        strategy: 'CodeDeployDefault.LambdaAllAtOnce',
      }),
    ).toMatchObject({
      type: 'AllAtOnce',
      timeline: '100% now',
      totalMinutes: 0,
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

  it('lists every step of a short custom linear shift, the last one capped at 100%', () => {
    const r = resolveDeploymentStrategy({
      platform: 'lambda',
      strategy: 'linear',
      percentage: 30,
      intervalMinutes: 2,
    });
    expect(r.shifts.map(s => s.percentage)).toEqual([30, 60, 90, 100]);
    expect(r.timeline).toBe(
      '30% now, 60% after 2 min, 90% after 4 min, 100% after 6 min',
    );
  });

  it('uses the predefined config when custom values match one', () => {
    expect(
      resolveDeploymentStrategy({
        platform: 'lambda',
        strategy: 'linear',
        percentage: 10,
        intervalMinutes: 1,
      }),
    ).toMatchObject({
      predefined: true,
      deploymentConfigName:
        'CodeDeployDefault.LambdaLinear10PercentEvery1Minute',
    });
    // ECS has no 10-minute canary, so the same values are custom there.
    expect(
      resolveDeploymentStrategy({
        platform: 'ecs',
        strategy: 'canary',
        percentage: 10,
        intervalMinutes: 10,
      }).predefined,
    ).toBe(false);
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

  it('refuses a config the platform does not have', () => {
    expect(() =>
      resolveDeploymentStrategy({
        platform: 'ecs',
        strategy: 'canary-10-percent-30-minutes',
      }),
    ).toThrow(
      /CodeDeploy has no predefined 'canary-10-percent-30-minutes' configuration for ECS/,
    );
    expect(() =>
      resolveDeploymentStrategy({
        platform: 'ecs',
        strategy: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      }),
    ).toThrow(
      "'CodeDeployDefault.LambdaCanary10Percent5Minutes' is a Lambda configuration; for ECS use CodeDeployDefault.ECSCanary10Percent5Minutes (or 'canary-10-percent-5-minutes').",
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

  it('refuses a percentage given with a predefined config (the function)', () => {
    expect(() =>
      resolveDeploymentStrategy({
        platform: 'lambda',
        strategy: 'all-at-once',
        percentage: 10,
      }),
    ).toThrow(/only apply to the custom strategies canary and linear/);
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
