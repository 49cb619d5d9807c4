import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type {
  AutoRollbackEvent,
  TrafficRoutingConfig,
} from '@aws-sdk/client-codedeploy';
import { arns, Scope } from '../arn';
import {
  ActionDeclarationRecord,
  StageDeclarationRecord,
} from '../model/records';
import {
  createAlarmRecord,
  createApplicationRecord,
  createDeploymentConfigRecord,
  createDeploymentGroupRecord,
  createPipelineRecord,
  createProjectRecord,
} from '../sim/resources';
import { Simulation } from '../sim/simulation';
import {
  AlarmSpec,
  DeploymentConfigSpec,
  DeploymentSpec,
  Scenario,
  ServiceSpec,
} from './types';

export const DEFAULT_ACCOUNT = '123456789012';
export const DEFAULT_REGION = 'eu-west-1';

export function defaultScope(scenario: Scenario): Scope {
  return {
    account: String(scenario.account ?? DEFAULT_ACCOUNT),
    region: scenario.region ?? DEFAULT_REGION,
  };
}

const LAMBDA_HOOKS = ['BeforeAllowTraffic', 'AfterAllowTraffic'];
const ECS_HOOKS = [
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AfterAllowTraffic',
];

/** A metric for an alarm named like `<service>-errors|latency|throttles|5xx`, when the scenario gives none. */
function guessMetric(
  name: string,
  service: ServiceSpec | undefined,
): Partial<MetricAlarm> {
  const lambda = service?.platform !== 'ecs';
  const fn = service?.name ?? name.replace(/-[^-]+$/, '');
  const dims = lambda
    ? [
        { Name: 'FunctionName', Value: fn },
        { Name: 'Resource', Value: `${fn}:live` },
      ]
    : [
        {
          Name: 'TargetGroup',
          Value: `targetgroup/${fn}-blue/0000000000000000`,
        },
      ];
  if (/latency|duration/.test(name)) {
    return lambda
      ? {
          Namespace: 'AWS/Lambda',
          MetricName: 'Duration',
          ExtendedStatistic: 'p99',
          Threshold: 1000,
          Dimensions: dims,
        }
      : {
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'TargetResponseTime',
          ExtendedStatistic: 'p99',
          Threshold: 1,
          Dimensions: dims,
        };
  }
  if (/throttl/.test(name)) {
    return {
      Namespace: 'AWS/Lambda',
      MetricName: 'Throttles',
      Statistic: 'Sum',
      Threshold: 10,
      Dimensions: dims,
    };
  }
  return lambda
    ? {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Statistic: 'Sum',
        Threshold: 5,
        Dimensions: dims,
      }
    : {
        Namespace: 'AWS/ApplicationELB',
        MetricName: 'HTTPCode_Target_5XX_Count',
        Statistic: 'Sum',
        Threshold: 10,
        Dimensions: dims,
      };
}

function alarmRecord(
  spec: AlarmSpec,
  service: ServiceSpec | undefined,
): Omit<MetricAlarm, 'AlarmArn'> & { AlarmName: string } {
  const guessed = guessMetric(spec.name, service);
  return {
    ...guessed,
    AlarmName: spec.name,
    AlarmDescription:
      spec.description ?? `${spec.name} (created by the Liftoff AWS emulator)`,
    ...(spec.metric ? { MetricName: spec.metric } : {}),
    ...(spec.namespace ? { Namespace: spec.namespace } : {}),
    ...(spec.statistic
      ? { Statistic: spec.statistic, ExtendedStatistic: undefined }
      : {}),
    ...(spec.extendedStatistic
      ? { ExtendedStatistic: spec.extendedStatistic, Statistic: undefined }
      : {}),
    ...(spec.threshold !== undefined ? { Threshold: spec.threshold } : {}),
    ComparisonOperator: spec.comparison ?? 'GreaterThanOrEqualToThreshold',
    Period: spec.period ?? 60,
    EvaluationPeriods: spec.evaluationPeriods ?? 1,
    ...(spec.dimensions
      ? {
          Dimensions: Object.entries(spec.dimensions).map(([Name, Value]) => ({
            Name,
            Value,
          })),
        }
      : {}),
    StateValue: spec.state ?? 'OK',
  };
}

function sourceAction(
  scope: Scope,
  s: ServiceSpec,
  rngId: string,
): ActionDeclarationRecord {
  const provider = s.source?.provider ?? 'CodeStarSourceConnection';
  const branch = s.source?.branch ?? 'main';
  const base = {
    name: 'Source',
    runOrder: 1,
    outputArtifacts: [{ name: 'SourceArtifact' }],
    inputArtifacts: [],
    namespace: 'SourceVariables',
    region: scope.region,
  };
  if (provider === 'CodeCommit') {
    return {
      ...base,
      actionTypeId: {
        category: 'Source',
        owner: 'AWS',
        provider: 'CodeCommit',
        version: '1',
      },
      configuration: {
        RepositoryName: s.source?.repository ?? s.name,
        BranchName: branch,
        PollForSourceChanges: 'false',
      },
    };
  }
  return {
    ...base,
    actionTypeId: {
      category: 'Source',
      owner: 'AWS',
      provider: 'CodeStarSourceConnection',
      version: '1',
    },
    configuration: {
      ConnectionArn: arns.connection(scope, rngId),
      FullRepositoryId: s.source?.repository ?? `acme/${s.name}`,
      BranchName: branch,
      OutputArtifactFormat: 'CODE_ZIP',
      DetectChanges: 'true',
    },
  };
}

function codeBuildAction(
  scope: Scope,
  name: string,
  category: 'Build' | 'Test',
  project: string,
  input: string,
  output?: string,
): ActionDeclarationRecord {
  return {
    name,
    actionTypeId: {
      category,
      owner: 'AWS',
      provider: 'CodeBuild',
      version: '1',
    },
    runOrder: 1,
    configuration: { ProjectName: project },
    inputArtifacts: [{ name: input }],
    outputArtifacts: output ? [{ name: output }] : [],
    namespace: `${name}Variables`,
    region: scope.region,
  };
}

/** The standard Liftoff pipeline: Source -> Build -> Test -> [Approval] -> Production. */
function serviceStages(
  scope: Scope,
  s: ServiceSpec,
  connectionId: string,
): StageDeclarationRecord[] {
  const stages: StageDeclarationRecord[] = [
    { name: 'Source', actions: [sourceAction(scope, s, connectionId)] },
    {
      name: 'Build',
      actions: [
        codeBuildAction(
          scope,
          'Build',
          'Build',
          `${s.name}-build`,
          'SourceArtifact',
          'BuildArtifact',
        ),
      ],
    },
    {
      name: 'Test',
      actions: [
        codeBuildAction(
          scope,
          'Test',
          'Test',
          `${s.name}-test`,
          'SourceArtifact',
        ),
      ],
    },
  ];
  const approval = s.pipeline?.approval;
  if (approval) {
    stages.push({
      name: typeof approval === 'string' ? approval : 'Approval',
      actions: [
        {
          name: 'ManualApproval',
          actionTypeId: {
            category: 'Approval',
            owner: 'AWS',
            provider: 'Manual',
            version: '1',
          },
          runOrder: 1,
          configuration: {
            CustomData: `Approve the release of ${s.name} to production`,
          },
          inputArtifacts: [],
          outputArtifacts: [],
          region: scope.region,
        },
      ],
    });
  }
  const group = `${s.name}-production`;
  const deploy: ActionDeclarationRecord =
    s.platform === 'lambda'
      ? {
          name: 'Deploy',
          actionTypeId: {
            category: 'Deploy',
            owner: 'AWS',
            provider: 'CloudFormation',
            version: '1',
          },
          runOrder: 1,
          configuration: {
            ActionMode: 'CREATE_UPDATE',
            StackName: `${s.name}-production`,
            TemplatePath: 'BuildArtifact::packaged.yaml',
            Capabilities: 'CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND',
            RoleArn: arns.role(scope, `${s.name}-cfn-deploy-role`),
          },
          inputArtifacts: [{ name: 'BuildArtifact' }],
          outputArtifacts: [],
          namespace: 'DeployVariables',
          region: scope.region,
        }
      : {
          name: 'Deploy',
          actionTypeId: {
            category: 'Deploy',
            owner: 'AWS',
            provider: 'CodeDeployToECS',
            version: '1',
          },
          runOrder: 1,
          configuration: {
            ApplicationName: s.name,
            DeploymentGroupName: group,
            TaskDefinitionTemplateArtifact: 'BuildArtifact',
            TaskDefinitionTemplatePath: 'taskdef.json',
            AppSpecTemplateArtifact: 'BuildArtifact',
            AppSpecTemplatePath: 'appspec.yaml',
            Image1ArtifactName: 'BuildArtifact',
            Image1ContainerName: 'IMAGE1_NAME',
          },
          inputArtifacts: [{ name: 'BuildArtifact' }],
          outputArtifacts: [],
          namespace: 'DeployVariables',
          region: scope.region,
        };
  stages.push({ name: 'Production', actions: [deploy] });
  return stages;
}

function autoRollbackEvents(
  spec: DeploymentSpec['autoRollback'],
): AutoRollbackEvent[] {
  if (spec === undefined || spec === false) return [];
  if (spec === true) return ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'];
  return spec;
}

function trafficRouting(
  t: DeploymentConfigSpec['trafficRouting'],
): TrafficRoutingConfig {
  if (t.type === 'TimeBasedCanary') {
    return {
      type: t.type,
      timeBasedCanary: {
        canaryPercentage: t.percentage,
        canaryInterval: t.intervalMinutes,
      },
    };
  }
  if (t.type === 'TimeBasedLinear') {
    return {
      type: t.type,
      timeBasedLinear: {
        linearPercentage: t.percentage,
        linearInterval: t.intervalMinutes,
      },
    };
  }
  return { type: 'AllAtOnce' };
}

function hookEvents(hooks: DeploymentSpec['hooks'], lambda: boolean): string[] {
  if (hooks === undefined || hooks === true)
    return lambda ? LAMBDA_HOOKS : ECS_HOOKS;
  if (hooks === false) return [];
  return hooks;
}

/** Creates the scenario's resources at the simulation's current time. */
export function applyScenario(sim: Simulation, scenario: Scenario): void {
  const now = sim.clock.now();
  const base = defaultScope(scenario);
  for (const a of scenario.accounts ?? [])
    for (const key of a.accessKeyIds ?? [])
      sim.accessKeys.set(key, String(a.id));
  const scopeOf = (o: { account?: string; region?: string }): Scope => ({
    account: String(o.account ?? base.account),
    region: o.region ?? base.region,
  });

  for (const c of scenario.deploymentConfigs ?? []) {
    createDeploymentConfigRecord(
      sim.partition(scopeOf(c)),
      {
        deploymentConfigName: c.name,
        computePlatform: c.computePlatform,
        trafficRoutingConfig: trafficRouting(c.trafficRouting),
      },
      sim.rng,
      now,
    );
  }

  for (const a of scenario.alarms ?? [])
    createAlarmRecord(
      sim.partition(scopeOf(a)),
      alarmRecord(a, undefined),
      now,
    );
  for (const p of scenario.projects ?? []) {
    createProjectRecord(sim.partition(scopeOf(p)), p.name, {
      description: p.description,
      seconds: p.seconds,
      now,
    });
  }

  for (const s of scenario.services ?? []) {
    const scope = scopeOf(s);
    const partition = sim.partition(scope);
    createProjectRecord(partition, `${s.name}-build`, {
      description: `Builds ${s.name}`,
      seconds: s.buildSeconds ?? [120, 240],
      now,
    });
    createProjectRecord(partition, `${s.name}-test`, {
      description: `Tests ${s.name}`,
      seconds: s.testSeconds ?? [180, 300],
      buildspec: 'buildspec-test.yml',
      now,
    });

    const d = s.deployment ?? {};
    const alarmNames: string[] = [];
    for (const a of d.alarms ?? []) {
      const spec = typeof a === 'string' ? { name: a } : a;
      alarmNames.push(spec.name);
      if (!partition.alarms.has(spec.name))
        createAlarmRecord(partition, alarmRecord(spec, s), now);
    }
    const lambda = s.platform === 'lambda';
    const app = createApplicationRecord(
      partition,
      s.name,
      lambda ? 'Lambda' : 'ECS',
      sim.rng,
      now,
    );
    const events = autoRollbackEvents(d.autoRollback);
    const hooks = hookEvents(d.hooks, lambda);
    const testPort = d.testPort === null ? undefined : (d.testPort ?? 9000);
    const version = d.initialVersion ?? 1;
    createDeploymentGroupRecord(
      partition,
      app,
      `${s.name}-production`,
      {
        info: {
          deploymentConfigName:
            d.config ??
            (lambda
              ? 'CodeDeployDefault.LambdaAllAtOnce'
              : 'CodeDeployDefault.ECSAllAtOnce'),
          serviceRoleArn: arns.role(scope, `${s.name}-codedeploy-role`),
          alarmConfiguration: {
            enabled: alarmNames.length > 0,
            ignorePollAlarmFailure: false,
            alarms: alarmNames.map(name => ({ name })),
          },
          autoRollbackConfiguration: { enabled: events.length > 0, events },
          deploymentStyle: {
            deploymentType: 'BLUE_GREEN',
            deploymentOption: 'WITH_TRAFFIC_CONTROL',
          },
          ...(lambda
            ? {}
            : {
                blueGreenDeploymentConfiguration: {
                  terminateBlueInstancesOnDeploymentSuccess: {
                    action: 'TERMINATE',
                    terminationWaitTimeInMinutes: d.terminationWait ?? 0,
                  },
                  deploymentReadyOption: d.readyWait
                    ? {
                        actionOnTimeout:
                          d.readyWait.action ?? 'STOP_DEPLOYMENT',
                        waitTimeInMinutes: d.readyWait.minutes,
                      }
                    : {
                        actionOnTimeout: 'CONTINUE_DEPLOYMENT',
                        waitTimeInMinutes: 0,
                      },
                },
                loadBalancerInfo: {
                  targetGroupPairInfoList: [
                    {
                      targetGroups: [
                        { name: `${s.name}-blue` },
                        { name: `${s.name}-green` },
                      ],
                      prodTrafficRoute: {
                        listenerArns: [arns.listener(scope, s.name, 443)],
                      },
                      ...(testPort
                        ? {
                            testTrafficRoute: {
                              listenerArns: [
                                arns.listener(scope, s.name, testPort),
                              ],
                            },
                          }
                        : {}),
                    },
                  ],
                },
                ecsServices: [{ serviceName: s.name, clusterName: 'liftoff' }],
              }),
        },
        lambda: lambda
          ? { functionName: s.name, alias: 'live', version }
          : undefined,
        ecs: lambda
          ? undefined
          : {
              clusterName: 'liftoff',
              serviceName: s.name,
              taskDefinitionFamily: s.name,
              taskDefinitionRevision: version,
              taskSetId: `ecs-svc/${sim.rng.digits(19)}`,
              desiredCount: d.desiredCount ?? 3,
              blueTargetGroup: `${s.name}-blue`,
              greenTargetGroup: `${s.name}-green`,
              prodPort: 443,
              testPort,
            },
        hooks,
        hookSeconds: d.hookSeconds ?? 30,
      },
      sim.rng,
    );

    const pipeline = createPipelineRecord(
      partition,
      {
        name: s.name,
        roleArn: arns.role(scope, `${s.name}-pipeline-role`),
        artifactStore: {
          type: 'S3',
          location: `codepipeline-${scope.region}-${scope.account}-${s.name}`,
        },
        stages: serviceStages(scope, s, sim.rng.uuid()),
        version: 1,
        executionMode: s.pipeline?.executionMode ?? 'SUPERSEDED',
        pipelineType: s.pipeline?.pipelineType ?? 'V2',
        variables: [],
        triggers:
          (s.source?.provider ?? 'CodeStarSourceConnection') ===
            'CodeStarSourceConnection' &&
          (s.pipeline?.pipelineType ?? 'V2') === 'V2'
            ? [
                {
                  providerType: 'CodeStarSourceConnection',
                  gitConfiguration: {
                    sourceActionName: 'Source',
                    push: [
                      { branches: { includes: [s.source?.branch ?? 'main'] } },
                    ],
                  },
                },
              ]
            : undefined,
      },
      now,
    );
    if (lambda)
      pipeline.deployLinks['Production/Deploy'] = {
        application: s.name,
        group: `${s.name}-production`,
      };
    // The branch already has a commit, so a StartPipelineExecution before any push has something to build.
    pipeline.head = {
      revisionId: sim.rng.hex(40),
      summary: 'Initial commit',
      author: 'Liftoff',
      created: now,
      url: `https://github.com/${s.source?.repository ?? `acme/${s.name}`}/commit/initial`,
    };
  }
}
