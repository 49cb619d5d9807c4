import {
  CodeDeployClient,
  DeploymentTarget,
  ListDeploymentsCommand,
} from '@aws-sdk/client-codedeploy';
import { AwsEmulator, startEmulator } from '@liftoff/aws-emulator';
import { AwsCallFailure, isThrottling } from './awsErrors';
import {
  deploymentTrafficOf,
  newVersionPercentOf,
  readDeploymentTargets,
  readDeploymentTraffic,
} from './deploymentTargets';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

describe('reading a deployment against the emulator', () => {
  let aws: AwsEmulator;
  let client: CodeDeployClient;

  beforeEach(async () => {
    aws = await startEmulator({
      clock: { mode: 'manual', start: '2026-11-26T09:00:00Z' },
      scenario: {
        name: 'deployment-targets',
        seed: 3,
        account: ACCOUNT,
        region: REGION,
        services: [
          {
            name: 'canary-api',
            platform: 'lambda',
            deployment: {
              config: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
              hooks: false,
            },
          },
          {
            name: 'ecs-web',
            platform: 'ecs',
            deployment: {
              config: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
              terminationWait: 0,
              hooks: false,
            },
          },
        ],
      },
    });
    client = new CodeDeployClient({
      endpoint: aws.url,
      region: REGION,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
  });
  afterEach(async () => {
    client.destroy();
    await aws.stop();
  });

  /** Pushes a commit and moves the clock until its deployment has shifted traffic. */
  async function deploymentOf(service: string): Promise<string> {
    aws.state.pushCommit(service, { summary: 'Add retries' });
    for (let minute = 0; minute < 30; minute++) {
      await aws.clock.advance(60);
      const { deployments = [] } = await client.send(
        new ListDeploymentsCommand({
          applicationName: service,
          deploymentGroupName: `${service}-production`,
        }),
      );
      if (deployments.length > 0) {
        const traffic = await readDeploymentTraffic(client, deployments[0]);
        if ((traffic.newVersionPercent ?? 0) > 0) return deployments[0];
      }
    }
    throw new Error(`no traffic shift for ${service} in 30 minutes`);
  }

  it('follows a Lambda canary from 10% to 100%', async () => {
    const id = await deploymentOf('canary-api');
    const canary = await readDeploymentTraffic(client, id);
    expect(canary.targets).toHaveLength(1);
    expect(canary.targets[0].deploymentTargetType).toBe('LambdaTarget');
    expect(canary.newVersionPercent).toBe(10);
    expect(canary.traffic).toMatchObject({
      platform: 'Lambda',
      targetVersionWeight: 10,
    });

    await aws.clock.advance(6 * 60);
    const done = await readDeploymentTraffic(client, id);
    expect(done.newVersionPercent).toBe(100);
  });

  it('reads the ECS task sets, with test traffic only while active', async () => {
    const id = await deploymentOf('ecs-web');
    const { traffic, newVersionPercent } = await readDeploymentTraffic(
      client,
      id,
      { testTraffic: true, active: true },
    );
    expect(newVersionPercent).toBe(10);
    expect(traffic?.platform).toBe('ECS');
    const green =
      traffic?.platform === 'ECS'
        ? traffic.taskSets.find(s => s.label === 'Green')
        : undefined;
    expect(green?.trafficWeight).toBe(10);
  });

  it('names the failed call, and keeps its classification', async () => {
    const id = await deploymentOf('canary-api');
    aws.faults.set({
      throttle: {
        'CodeDeploy.BatchGetDeploymentTargets': { ratePerSecond: 0, burst: 0 },
      },
    });
    const failure = await readDeploymentTargets(client, id).catch(e => e);
    expect(failure).toBeInstanceOf(AwsCallFailure);
    expect(failure.call).toBe('CodeDeploy.BatchGetDeploymentTargets');
    expect(isThrottling(failure)).toBe(true);
  });
});

/** A client that answers from a script, for what the emulator does not model. */
function scriptedClient(
  answer: (input: { name: string; input: Record<string, unknown> }) => unknown,
) {
  const calls: Array<{ name: string; input: Record<string, unknown> }> = [];
  const client = {
    async send(command: { constructor: { name: string }; input: object }) {
      const call = {
        name: command.constructor.name,
        input: command.input as Record<string, unknown>,
      };
      calls.push(call);
      return answer(call);
    },
  };
  return { client: client as unknown as CodeDeployClient, calls };
}

describe('readDeploymentTargets', () => {
  it('has no targets for a deployment that has not started', async () => {
    const { client } = scriptedClient(() => {
      throw Object.assign(new Error('not started'), {
        name: 'DeploymentNotStartedException',
      });
    });
    await expect(readDeploymentTargets(client, 'd-1')).resolves.toEqual([]);
  });

  it('pages through the list and asks for targets 25 at a time', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `i-${i}`);
    const { client, calls } = scriptedClient(({ name, input }) => {
      if (name === 'ListDeploymentTargetsCommand') {
        const start = Number(input.nextToken ?? 0);
        const next = start + 20;
        return {
          targetIds: ids.slice(start, next),
          nextToken: next < ids.length ? String(next) : undefined,
        };
      }
      return {
        deploymentTargets: (input.targetIds as string[]).map(targetId => ({
          deploymentTargetType: 'InstanceTarget',
          instanceTarget: { targetId },
        })),
      };
    });
    const targets = await readDeploymentTargets(client, 'd-1', {
      maxTargets: 50,
    });
    expect(targets.map(t => t.instanceTarget?.targetId)).toEqual(
      ids.slice(0, 50),
    );
    expect(
      calls
        .filter(c => c.name === 'BatchGetDeploymentTargetsCommand')
        .map(c => (c.input.targetIds as string[]).length),
    ).toEqual([25, 25]);
    // 60 targets, 20 a page: the third page brings the 50 wanted.
    expect(
      calls.filter(c => c.name === 'ListDeploymentTargetsCommand'),
    ).toHaveLength(3);
  });

  it('reads nothing more when there are no targets', async () => {
    const { client, calls } = scriptedClient(() => ({ targetIds: [] }));
    await expect(readDeploymentTargets(client, 'd-1')).resolves.toEqual([]);
    expect(calls).toHaveLength(1);
  });
});

describe('deploymentTrafficOf and newVersionPercentOf', () => {
  const lambda: DeploymentTarget = {
    deploymentTargetType: 'LambdaTarget',
    lambdaTarget: {
      targetId: 'canary-api:live',
      lambdaFunctionInfo: {
        functionName: 'canary-api',
        functionAlias: 'live',
        currentVersion: '3',
        targetVersion: '4',
        targetVersionWeight: 0.1,
      },
    },
  };
  const ecs = (withTestTraffic: boolean): DeploymentTarget => ({
    deploymentTargetType: 'ECSTarget',
    ecsTarget: {
      targetId: 'cluster:ecs-web',
      lifecycleEvents: withTestTraffic
        ? [{ lifecycleEventName: 'AllowTestTraffic', status: 'Succeeded' }]
        : [],
      taskSetsInfo: [
        { identifer: 'ts-1', taskSetLabel: 'Blue', trafficWeight: 90 },
        { identifer: 'ts-2', taskSetLabel: 'Green', trafficWeight: 10 },
      ],
    },
  });

  it('gives the Lambda alias weights in percent', () => {
    expect(deploymentTrafficOf([lambda])).toEqual({
      platform: 'Lambda',
      functionName: 'canary-api',
      alias: 'live',
      currentVersion: '3',
      targetVersion: '4',
      targetVersionWeight: 10,
    });
    expect(newVersionPercentOf([lambda])).toBe(10);
  });

  it('gives the ECS task sets, and test traffic only when it flows', () => {
    expect(
      deploymentTrafficOf([ecs(true)], { testTraffic: true, active: true }),
    ).toEqual({
      platform: 'ECS',
      service: 'cluster:ecs-web',
      taskSets: [
        { id: 'ts-1', label: 'Blue', trafficWeight: 90 },
        { id: 'ts-2', label: 'Green', trafficWeight: 10 },
      ],
      testTrafficTo: 'Green',
    });
    expect(
      deploymentTrafficOf([ecs(true)], { testTraffic: true, active: false }),
    ).not.toHaveProperty('testTrafficTo');
    expect(
      deploymentTrafficOf([ecs(false)], { testTraffic: true, active: true }),
    ).not.toHaveProperty('testTrafficTo');
    expect(newVersionPercentOf([ecs(false)])).toBe(10);
  });

  it('knows no traffic for EC2 targets', () => {
    const ec2: DeploymentTarget = {
      deploymentTargetType: 'InstanceTarget',
      instanceTarget: { targetId: 'i-1' },
    };
    expect(deploymentTrafficOf([ec2])).toBeUndefined();
    expect(newVersionPercentOf([ec2])).toBeUndefined();
    expect(newVersionPercentOf([])).toBeUndefined();
  });
});
