import { Scenario } from '../scenario/types';

/**
 * A small world for tests: one service per deployment style, no history and no script, so each test drives what
 * happens itself.
 */
export function testScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    name: 'test',
    seed: 7,
    account: '123456789012',
    region: 'eu-west-1',
    services: [
      {
        name: 'canary-api',
        platform: 'lambda',
        deployment: {
          config: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
          alarms: ['canary-api-errors', 'canary-api-latency'],
          autoRollback: true,
          initialVersion: 4,
        },
      },
      {
        name: 'linear-api',
        platform: 'lambda',
        source: { provider: 'CodeCommit' },
        deployment: {
          config: 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute',
          hooks: false,
        },
      },
      {
        name: 'bg-service',
        platform: 'ecs',
        deployment: {
          config: 'CodeDeployDefault.ECSAllAtOnce',
          readyWait: { minutes: 60, action: 'STOP_DEPLOYMENT' },
          terminationWait: 5,
          alarms: ['bg-service-5xx'],
          autoRollback: true,
        },
      },
      {
        name: 'approval-web',
        platform: 'ecs',
        pipeline: { approval: true },
        deployment: { config: 'CodeDeployDefault.ECSCanary10Percent5Minutes' },
      },
      {
        name: 'queued-api',
        platform: 'lambda',
        pipeline: { executionMode: 'QUEUED' },
        deployment: { config: 'CodeDeployDefault.LambdaAllAtOnce' },
      },
    ],
    deploymentConfigs: [
      {
        name: 'Custom.Canary25Percent2Minutes',
        computePlatform: 'Lambda',
        trafficRouting: {
          type: 'TimeBasedCanary',
          percentage: 25,
          intervalMinutes: 2,
        },
      },
    ],
    ...overrides,
  };
}
