import { PREDEFINED, resolveDeploymentStrategy } from './deploymentStrategies';

describe('resolveDeploymentStrategy', () => {
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
  it('refuses a percentage given with a predefined config (the function)', () => {
    expect(() =>
      resolveDeploymentStrategy({
        platform: 'lambda',
        strategy: 'all-at-once',
        percentage: 10,
      }),
    ).toThrow(/only apply to the custom strategies canary and linear/);
  });
});
