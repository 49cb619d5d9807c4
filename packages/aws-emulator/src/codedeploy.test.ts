import {
  ApplicationAlreadyExistsException,
  ApplicationDoesNotExistException,
  ApplicationNameRequiredException,
  BatchGetDeploymentTargetsCommand,
  BatchGetDeploymentsCommand,
  BatchLimitExceededException,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  DeploymentConfigDoesNotExistException,
  DeploymentDoesNotExistException,
  DeploymentGroupAlreadyExistsException,
  DeploymentGroupDoesNotExistException,
  DeploymentGroupNameRequiredException,
  DeploymentLimitExceededException,
  DeploymentTargetDoesNotExistException,
  DeploymentTargetIdRequiredException,
  GetApplicationCommand,
  GetDeploymentCommand,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  InvalidDeploymentStatusException,
  InvalidNextTokenException,
  InvalidTimeRangeException,
  ListDeploymentGroupsCommand,
  ListDeploymentTargetsCommand,
  ListDeploymentsCommand,
  RevisionRequiredException,
  RoleRequiredException,
  paginateListDeployments,
  InvalidDeploymentWaitTypeException,
  ContinueDeploymentCommand,
  DeploymentStatus,
} from '@aws-sdk/client-codedeploy';
import { predefinedDeploymentConfigs } from './model/deploymentConfigs';
import { startTestEmulator, TestEmulator } from './__testUtils__/emulator';

describe('CodeDeploy API', () => {
  let t: TestEmulator;
  const sim = () => t.emulator.state.simulation;

  beforeAll(async () => {
    t = await startTestEmulator({ pageSize: 3 });
    // Eight finished releases of canary-api and one in progress.
    for (let i = 0; i < 8; i++) {
      t.emulator.state.pushCommit('canary-api');
      await t.advanceUntil(
        () => sim().latestExecution('canary-api')!.status !== 'InProgress',
        { step: 30 },
      );
    }
    t.emulator.state.pushCommit('canary-api');
    await t.advanceUntil(
      () => sim().activeDeployment('canary-api')?.info.status === 'InProgress',
      { step: 5 },
    );
  });
  afterAll(() => t.stop());

  it('gets applications and their deployment groups', async () => {
    const app = await t.codedeploy.send(
      new GetApplicationCommand({ applicationName: 'bg-service' }),
    );
    expect(app.application).toMatchObject({
      applicationName: 'bg-service',
      computePlatform: 'ECS',
      linkedToGitHub: false,
    });
    expect(app.application?.createTime).toBeInstanceOf(Date);
    await expect(
      t.codedeploy.send(new GetApplicationCommand({ applicationName: 'nope' })),
    ).rejects.toBeInstanceOf(ApplicationDoesNotExistException);
    await expect(
      t.codedeploy.send(new GetApplicationCommand({} as never)),
    ).rejects.toBeInstanceOf(ApplicationNameRequiredException);

    const groups = await t.codedeploy.send(
      new ListDeploymentGroupsCommand({ applicationName: 'bg-service' }),
    );
    expect(groups).toMatchObject({
      applicationName: 'bg-service',
      deploymentGroups: ['bg-service-production'],
    });

    const group = await t.codedeploy.send(
      new GetDeploymentGroupCommand({
        applicationName: 'bg-service',
        deploymentGroupName: 'bg-service-production',
      }),
    );
    expect(group.deploymentGroupInfo).toMatchObject({
      applicationName: 'bg-service',
      deploymentGroupName: 'bg-service-production',
      deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
      computePlatform: 'ECS',
      ecsServices: [{ serviceName: 'bg-service', clusterName: 'liftoff' }],
      alarmConfiguration: {
        enabled: true,
        alarms: [{ name: 'bg-service-5xx' }],
      },
      autoRollbackConfiguration: {
        enabled: true,
        events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'],
      },
      deploymentStyle: {
        deploymentType: 'BLUE_GREEN',
        deploymentOption: 'WITH_TRAFFIC_CONTROL',
      },
    });
    expect(
      group.deploymentGroupInfo?.loadBalancerInfo?.targetGroupPairInfoList?.[0]
        .testTrafficRoute?.listenerArns?.[0],
    ).toMatch(/\/9000$/);
    await expect(
      t.codedeploy.send(
        new GetDeploymentGroupCommand({
          applicationName: 'bg-service',
          deploymentGroupName: 'nope',
        }),
      ),
    ).rejects.toBeInstanceOf(DeploymentGroupDoesNotExistException);
    await expect(
      t.codedeploy.send(
        new GetDeploymentGroupCommand({
          applicationName: 'bg-service',
        } as never),
      ),
    ).rejects.toBeInstanceOf(DeploymentGroupNameRequiredException);
  });

  it('lists deployments newest first, filtered and paginated', async () => {
    const ids: string[] = [];
    for await (const page of paginateListDeployments(
      { client: t.codedeploy },
      {
        applicationName: 'canary-api',
        deploymentGroupName: 'canary-api-production',
      },
    )) {
      expect(page.deployments!.length).toBeLessThanOrEqual(3);
      ids.push(...page.deployments!);
    }
    expect(ids).toHaveLength(9);
    const infos = (
      await t.codedeploy.send(
        new BatchGetDeploymentsCommand({ deploymentIds: ids }),
      )
    ).deploymentsInfo!;
    const times = infos.map(d => d.createTime!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(infos[0].status).toBe('InProgress');

    const succeeded = await t.codedeploy.send(
      new ListDeploymentsCommand({
        applicationName: 'canary-api',
        deploymentGroupName: 'canary-api-production',
        includeOnlyStatuses: ['Succeeded'],
      }),
    );
    expect(succeeded.deployments).toHaveLength(3);
    expect(succeeded.nextToken).toBeDefined();
    const recent = await t.codedeploy.send(
      new ListDeploymentsCommand({
        createTimeRange: {
          start: infos[1].createTime,
          end: infos[0].createTime,
        },
      }),
    );
    expect(recent.deployments).toEqual([ids[0], ids[1]]);

    await expect(
      t.codedeploy.send(
        new ListDeploymentsCommand({ applicationName: 'canary-api' }),
      ),
    ).rejects.toBeInstanceOf(DeploymentGroupNameRequiredException);
    await expect(
      t.codedeploy.send(
        new ListDeploymentsCommand({
          includeOnlyStatuses: ['Sleeping' as DeploymentStatus],
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidDeploymentStatusException);
    await expect(
      t.codedeploy.send(
        new ListDeploymentsCommand({
          createTimeRange: { start: new Date(2e12), end: new Date(1e12) },
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidTimeRangeException);
    await expect(
      t.codedeploy.send(new ListDeploymentsCommand({ nextToken: 'x' })),
    ).rejects.toBeInstanceOf(InvalidNextTokenException);
  });

  it('gets deployments one by one and in batches of at most 25', async () => {
    const [id] = (await t.codedeploy.send(new ListDeploymentsCommand({})))
      .deployments!;
    const one = await t.codedeploy.send(
      new GetDeploymentCommand({ deploymentId: id }),
    );
    expect(one.deploymentInfo?.deploymentId).toBe(id);
    await expect(
      t.codedeploy.send(
        new GetDeploymentCommand({ deploymentId: 'd-AAAAAAAAA' }),
      ),
    ).rejects.toBeInstanceOf(DeploymentDoesNotExistException);
    const batch = await t.codedeploy.send(
      new BatchGetDeploymentsCommand({ deploymentIds: [id, 'd-AAAAAAAAA'] }),
    );
    expect(batch.deploymentsInfo?.map(d => d.deploymentId)).toEqual([id]);
    await expect(
      t.codedeploy.send(
        new BatchGetDeploymentsCommand({
          deploymentIds: Array.from({ length: 26 }, () => id),
        }),
      ),
    ).rejects.toBeInstanceOf(BatchLimitExceededException);
  });

  it('describes every predefined deployment configuration and custom ones', async () => {
    for (const name of predefinedDeploymentConfigs.keys()) {
      const out = await t.codedeploy.send(
        new GetDeploymentConfigCommand({ deploymentConfigName: name }),
      );
      expect(out.deploymentConfigInfo?.deploymentConfigName).toBe(name);
    }
    const canary = await t.codedeploy.send(
      new GetDeploymentConfigCommand({
        deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      }),
    );
    expect(canary.deploymentConfigInfo).toMatchObject({
      computePlatform: 'Lambda',
      trafficRoutingConfig: {
        type: 'TimeBasedCanary',
        timeBasedCanary: { canaryPercentage: 10, canaryInterval: 5 },
      },
    });
    const linear = await t.codedeploy.send(
      new GetDeploymentConfigCommand({
        deploymentConfigName:
          'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
      }),
    );
    expect(linear.deploymentConfigInfo?.trafficRoutingConfig).toEqual({
      type: 'TimeBasedLinear',
      timeBasedLinear: { linearPercentage: 10, linearInterval: 1 },
    });
    const custom = await t.codedeploy.send(
      new GetDeploymentConfigCommand({
        deploymentConfigName: 'Custom.Canary25Percent2Minutes',
      }),
    );
    expect(custom.deploymentConfigInfo).toMatchObject({
      trafficRoutingConfig: {
        type: 'TimeBasedCanary',
        timeBasedCanary: { canaryPercentage: 25, canaryInterval: 2 },
      },
    });
    expect(custom.deploymentConfigInfo?.createTime).toBeInstanceOf(Date);
    await expect(
      t.codedeploy.send(
        new GetDeploymentConfigCommand({
          deploymentConfigName: 'CodeDeployDefault.Nope',
        }),
      ),
    ).rejects.toBeInstanceOf(DeploymentConfigDoesNotExistException);
  });

  it('lists and gets deployment targets', async () => {
    const id = sim().activeDeployment('canary-api')!.info.deploymentId;
    const list = await t.codedeploy.send(
      new ListDeploymentTargetsCommand({ deploymentId: id }),
    );
    expect(list.targetIds).toEqual(['canary-api:live']);
    const filtered = await t.codedeploy.send(
      new ListDeploymentTargetsCommand({
        deploymentId: id,
        targetFilters: { TargetStatus: ['Succeeded'] },
      }),
    );
    expect(filtered.targetIds).toEqual([]);
    await expect(
      t.codedeploy.send(
        new BatchGetDeploymentTargetsCommand({
          deploymentId: id,
          targetIds: ['nope'],
        }),
      ),
    ).rejects.toBeInstanceOf(DeploymentTargetDoesNotExistException);
    await expect(
      t.codedeploy.send(
        new BatchGetDeploymentTargetsCommand({
          deploymentId: id,
          targetIds: [],
        }),
      ),
    ).rejects.toBeInstanceOf(DeploymentTargetIdRequiredException);
    await expect(
      t.codedeploy.send(
        new ContinueDeploymentCommand({
          deploymentId: id,
          deploymentWaitType: 'SOON' as never,
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidDeploymentWaitTypeException);
  });

  it('creates applications, deployment groups and deployments', async () => {
    const app = await t.codedeploy.send(
      new CreateApplicationCommand({
        applicationName: 'new-fn',
        computePlatform: 'Lambda',
      }),
    );
    expect(app.applicationId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(
      t.codedeploy.send(
        new CreateApplicationCommand({
          applicationName: 'new-fn',
          computePlatform: 'Lambda',
        }),
      ),
    ).rejects.toBeInstanceOf(ApplicationAlreadyExistsException);
    await expect(
      t.codedeploy.send(
        new CreateDeploymentGroupCommand({
          applicationName: 'new-fn',
          deploymentGroupName: 'prod',
        } as never),
      ),
    ).rejects.toBeInstanceOf(RoleRequiredException);
    const group = await t.codedeploy.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'new-fn',
        deploymentGroupName: 'prod',
        serviceRoleArn: 'arn:aws:iam::123456789012:role/codedeploy',
        deploymentConfigName: 'Custom.Canary25Percent2Minutes',
        autoRollbackConfiguration: {
          enabled: true,
          events: ['DEPLOYMENT_FAILURE'],
        },
      }),
    );
    expect(group.deploymentGroupId).toBeDefined();
    await expect(
      t.codedeploy.send(
        new CreateDeploymentGroupCommand({
          applicationName: 'new-fn',
          deploymentGroupName: 'prod',
          serviceRoleArn: 'arn:aws:iam::123456789012:role/codedeploy',
        }),
      ),
    ).rejects.toBeInstanceOf(DeploymentGroupAlreadyExistsException);
    await expect(
      t.codedeploy.send(
        new CreateDeploymentCommand({
          applicationName: 'new-fn',
          deploymentGroupName: 'prod',
        }),
      ),
    ).rejects.toBeInstanceOf(RevisionRequiredException);

    const appspec = JSON.stringify({
      version: 0.0,
      Resources: [
        {
          fn: {
            Type: 'AWS::Lambda::Function',
            Properties: {
              Name: 'new-fn',
              Alias: 'live',
              CurrentVersion: '1',
              TargetVersion: '2',
            },
          },
        },
      ],
    });
    const { deploymentId } = await t.codedeploy.send(
      new CreateDeploymentCommand({
        applicationName: 'new-fn',
        deploymentGroupName: 'prod',
        revision: {
          revisionType: 'AppSpecContent',
          appSpecContent: { content: appspec },
        },
        description: 'manual release',
      }),
    );
    await expect(
      t.codedeploy.send(
        new CreateDeploymentCommand({
          applicationName: 'new-fn',
          deploymentGroupName: 'prod',
          revision: {
            revisionType: 'AppSpecContent',
            appSpecContent: { content: appspec },
          },
        }),
      ),
    ).rejects.toBeInstanceOf(DeploymentLimitExceededException);
    await t.advanceUntil(
      () =>
        sim().partition().deployments.get(deploymentId!)!.info.status ===
        'Succeeded',
      { step: 10 },
    );
    const info = (
      await t.codedeploy.send(new GetDeploymentCommand({ deploymentId }))
    ).deploymentInfo!;
    expect(info).toMatchObject({
      creator: 'user',
      description: 'manual release',
      deploymentConfigName: 'Custom.Canary25Percent2Minutes',
    });
    // 25% for two minutes, then the rest.
    expect(
      info.completeTime!.getTime() - info.startTime!.getTime(),
    ).toBeGreaterThanOrEqual(120_000);
    const target = await t.codedeploy.send(
      new BatchGetDeploymentTargetsCommand({
        deploymentId,
        targetIds: ['new-fn:live'],
      }),
    );
    expect(
      target.deploymentTargets?.[0].lambdaTarget?.lambdaFunctionInfo,
    ).toMatchObject({
      currentVersion: '1',
      targetVersion: '2',
      targetVersionWeight: 1,
    });

    await t.codedeploy.send(
      new CreateApplicationCommand({
        applicationName: 'new-svc',
        computePlatform: 'ECS',
      }),
    );
    await expect(
      t.codedeploy.send(
        new CreateDeploymentGroupCommand({
          applicationName: 'new-svc',
          deploymentGroupName: 'prod',
          serviceRoleArn: 'arn:aws:iam::123456789012:role/codedeploy',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidECSServiceException' });
    await t.codedeploy.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'new-svc',
        deploymentGroupName: 'prod',
        serviceRoleArn: 'arn:aws:iam::123456789012:role/codedeploy',
        deploymentStyle: {
          deploymentType: 'BLUE_GREEN',
          deploymentOption: 'WITH_TRAFFIC_CONTROL',
        },
        ecsServices: [{ clusterName: 'c', serviceName: 'new-svc' }],
        loadBalancerInfo: {
          targetGroupPairInfoList: [
            {
              targetGroups: [{ name: 'tg-a' }, { name: 'tg-b' }],
              prodTrafficRoute: {
                listenerArns: [
                  'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/x/1/443',
                ],
              },
            },
          ],
        },
        blueGreenDeploymentConfiguration: {
          terminateBlueInstancesOnDeploymentSuccess: {
            action: 'TERMINATE',
            terminationWaitTimeInMinutes: 0,
          },
          deploymentReadyOption: {
            actionOnTimeout: 'CONTINUE_DEPLOYMENT',
            waitTimeInMinutes: 0,
          },
        },
      }),
    );
    const ecs = await t.codedeploy.send(
      new CreateDeploymentCommand({
        applicationName: 'new-svc',
        deploymentGroupName: 'prod',
        revision: {
          revisionType: 'AppSpecContent',
          appSpecContent: { content: '{"version":0.0,"Resources":[]}' },
        },
      }),
    );
    await t.advanceUntil(
      () =>
        sim().partition().deployments.get(ecs.deploymentId!)!.info.status ===
        'Succeeded',
      { step: 10 },
    );
  });
});
