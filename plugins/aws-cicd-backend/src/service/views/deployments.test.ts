import { DeploymentView } from '@liftoff/plugin-aws-cicd-common';
import { deploymentWithClock, toTrafficRouting } from './deployments';

describe('traffic routing', () => {
  it('resolves canary, linear and all-at-once configurations to plans', () => {
    expect(
      toTrafficRouting({
        deploymentConfigName: 'Custom.Canary25Percent2Minutes',
        trafficRoutingConfig: {
          type: 'TimeBasedCanary',
          timeBasedCanary: { canaryPercentage: 25, canaryInterval: 2 },
        },
      }),
    ).toMatchObject({
      steps: [
        { atMinute: 0, percentage: 25 },
        { atMinute: 2, percentage: 100 },
      ],
      description: '25% now, 100% after 2 minutes',
    });
    const linear = toTrafficRouting({
      deploymentConfigName: 'CodeDeployDefault.ECSLinear10PercentEvery3Minutes',
      trafficRoutingConfig: {
        type: 'TimeBasedLinear',
        timeBasedLinear: { linearPercentage: 10, linearInterval: 3 },
      },
    });
    expect(linear.steps).toHaveLength(10);
    expect(linear.steps[9]).toEqual({ atMinute: 27, percentage: 100 });
    expect(linear.description).toBe(
      '10% more every 3 minutes, 100% after 27 minutes',
    );
    expect(
      toTrafficRouting({
        deploymentConfigName: 'CodeDeployDefault.LambdaAllAtOnce',
        trafficRoutingConfig: { type: 'AllAtOnce' },
      }),
    ).toMatchObject({
      type: 'AllAtOnce',
      steps: [{ atMinute: 0, percentage: 100 }],
    });
  });
});

describe('countdowns', () => {
  const routing = toTrafficRouting({
    deploymentConfigName: 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute',
    trafficRoutingConfig: {
      type: 'TimeBasedLinear',
      timeBasedLinear: { linearPercentage: 10, linearInterval: 1 },
    },
  });
  const shifting: DeploymentView = {
    deploymentId: 'd-TEST',
    status: 'InProgress',
    deploymentConfigName: routing.deploymentConfigName,
    startTime: '2026-11-26T10:00:00.000Z',
    isRollback: false,
    statusMessages: [],
    targets: [
      {
        targetId: 'fn:live',
        type: 'LambdaTarget',
        lifecycleEvents: [
          { name: 'BeforeAllowTraffic', status: 'Succeeded' },
          {
            name: 'AllowTraffic',
            status: 'InProgress',
            startTime: '2026-11-26T10:00:30.000Z',
          },
        ],
      },
    ],
    possibleActions: {
      stop: true,
      stopAndRollback: true,
      continueReadyWait: false,
      continueTerminationWait: false,
    },
    consoleUrl: 'https://example.com',
  };

  it('computes the step reached and the next shift from AWS times', () => {
    const at = (iso: string) =>
      deploymentWithClock(shifting, { trafficRouting: routing }, new Date(iso));
    expect(at('2026-11-26T10:00:31.000Z')).toMatchObject({
      currentStep: 0,
      nextShiftInSeconds: 59,
      durationSeconds: 31,
    });
    expect(at('2026-11-26T10:03:40.000Z')).toMatchObject({
      currentStep: 3,
      nextShiftInSeconds: 50,
    });
    // At the last step there is no next shift.
    expect(at('2026-11-26T10:09:45.000Z').nextShiftInSeconds).toBeUndefined();
  });

  it('gives a rollback no step or next shift: it moves traffic back at once, not by the plan', () => {
    const rollback = deploymentWithClock(
      { ...shifting, isRollback: true },
      { trafficRouting: routing },
      new Date('2026-11-26T10:00:31.000Z'),
    );
    expect(rollback.durationSeconds).toBe(31);
    expect(rollback.currentStep).toBeUndefined();
    expect(rollback.nextShiftInSeconds).toBeUndefined();
  });

  it('counts down blue/green waits, and nothing once finished', () => {
    const ready: DeploymentView = {
      ...shifting,
      status: 'Ready',
      targets: [
        {
          targetId: 'cluster:svc',
          type: 'ECSTarget',
          lifecycleEvents: [
            {
              name: 'AfterAllowTestTraffic',
              status: 'Succeeded',
              endTime: '2026-11-26T10:05:00.000Z',
            },
            { name: 'AllowTraffic', status: 'Pending' },
          ],
        },
      ],
    };
    const group = {
      blueGreen: {
        readyWait: {
          actionOnTimeout: 'STOP_DEPLOYMENT',
          waitTimeInMinutes: 60,
        },
      },
    };
    expect(
      deploymentWithClock(ready, group, new Date('2026-11-26T10:35:00.000Z'))
        .readyWaitRemainingSeconds,
    ).toBe(1800);
    const done = deploymentWithClock(
      {
        ...ready,
        status: 'Succeeded',
        completeTime: '2026-11-26T11:00:00.000Z',
      },
      group,
      new Date('2026-11-26T12:00:00.000Z'),
    );
    expect(done.readyWaitRemainingSeconds).toBeUndefined();
    expect(done.durationSeconds).toBe(3600);
  });
});
