import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type {
  DeploymentConfigInfo,
  DeploymentGroupInfo,
} from '@aws-sdk/client-codedeploy';
import { arns } from '../arn';
import {
  AlarmRecord,
  ApplicationRecord,
  DeploymentGroupRecord,
  EcsLive,
  LambdaLive,
  PipelineRecord,
  PipelineDeclarationRecord,
  ProjectRecord,
} from '../model/records';
import { Partition } from '../model/store';
import { Rng } from '../rng';

/** Creating resources: shared by the scenario loader and the Create* operations. */

export function createPipelineRecord(
  partition: Partition,
  declaration: PipelineDeclarationRecord,
  now: Date,
): PipelineRecord {
  const record: PipelineRecord = {
    scope: partition.scope,
    arn: arns.pipeline(partition.scope, declaration.name),
    declaration: {
      ...declaration,
      version: declaration.version ?? 1,
      executionMode: declaration.executionMode ?? 'SUPERSEDED',
      pipelineType: declaration.pipelineType ?? 'V1',
    },
    created: now,
    updated: now,
    executions: [],
    deployLinks: {},
    occupant: new Map(),
    inbound: new Map(),
  };
  partition.pipelines.set(declaration.name, record);
  return record;
}

export function createProjectRecord(
  partition: Partition,
  name: string,
  options: {
    description?: string;
    seconds?: [number, number];
    buildspec?: string;
    now: Date;
  },
): ProjectRecord {
  const scope = partition.scope;
  const record: ProjectRecord = {
    project: {
      name,
      arn: arns.project(scope, name),
      description: options.description,
      source: {
        type: 'CODEPIPELINE',
        buildspec: options.buildspec ?? 'buildspec.yml',
        insecureSsl: false,
      },
      secondarySources: [],
      secondarySourceVersions: [],
      artifacts: {
        type: 'CODEPIPELINE',
        name,
        packaging: 'NONE',
        encryptionDisabled: false,
      },
      secondaryArtifacts: [],
      cache: { type: 'NO_CACHE' },
      environment: {
        type: 'LINUX_CONTAINER',
        image: 'aws/codebuild/standard:7.0',
        computeType: 'BUILD_GENERAL1_SMALL',
        environmentVariables: [],
        privilegedMode: false,
        imagePullCredentialsType: 'CODEBUILD',
      },
      serviceRole: arns.role(scope, `${name}-codebuild-role`),
      timeoutInMinutes: 60,
      queuedTimeoutInMinutes: 480,
      encryptionKey: `arn:aws:kms:${scope.region}:${scope.account}:alias/aws/s3`,
      tags: [],
      created: options.now,
      lastModified: options.now,
      badge: { badgeEnabled: false },
      logsConfig: {
        cloudWatchLogs: { status: 'ENABLED' },
        s3Logs: { status: 'DISABLED', encryptionDisabled: false },
      },
      projectVisibility: 'PRIVATE',
    },
    builds: [],
    nextBuildNumber: 1,
    duration: {
      min: options.seconds?.[0] ?? 120,
      max: options.seconds?.[1] ?? 240,
    },
    failNext: [],
  };
  partition.projects.set(name, record);
  return record;
}

export function createApplicationRecord(
  partition: Partition,
  name: string,
  computePlatform: 'Server' | 'Lambda' | 'ECS',
  rng: Rng,
  now: Date,
): ApplicationRecord {
  const record: ApplicationRecord = {
    info: {
      applicationId: rng.uuid(),
      applicationName: name,
      createTime: now,
      linkedToGitHub: false,
      computePlatform,
    },
    groups: new Map(),
  };
  partition.applications.set(name, record);
  return record;
}

export interface GroupOptions {
  info: Omit<
    DeploymentGroupInfo,
    'applicationName' | 'deploymentGroupName' | 'deploymentGroupId'
  >;
  lambda?: LambdaLive;
  ecs?: EcsLive;
  hooks?: string[];
  hookSeconds?: number;
}

/** The revision live in a group before any deployment (so the first deployment has something to roll back to). */
function initialRevision(
  partition: Partition,
  lambda?: LambdaLive,
  ecs?: EcsLive,
): DeploymentGroupInfo['targetRevision'] {
  let resource: object;
  if (lambda) {
    resource = {
      [lambda.functionName]: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Name: lambda.functionName,
          Alias: lambda.alias,
          TargetVersion: String(lambda.version),
        },
      },
    };
  } else if (ecs) {
    resource = {
      TargetService: {
        Type: 'AWS::ECS::Service',
        Properties: {
          TaskDefinition: arns.taskDefinition(
            partition.scope,
            ecs.taskDefinitionFamily,
            ecs.taskDefinitionRevision,
          ),
        },
      },
    };
  } else {
    return undefined;
  }
  const content = { version: 0.0, Resources: [resource] };
  return {
    revisionType: 'AppSpecContent',
    appSpecContent: { content: JSON.stringify(content) },
  };
}

export function createDeploymentGroupRecord(
  partition: Partition,
  app: ApplicationRecord,
  name: string,
  options: GroupOptions,
  rng: Rng,
): DeploymentGroupRecord {
  const record: DeploymentGroupRecord = {
    info: {
      applicationName: app.info.applicationName,
      deploymentGroupId: rng.uuid(),
      deploymentGroupName: name,
      ec2TagFilters: [],
      onPremisesInstanceTagFilters: [],
      autoScalingGroups: [],
      triggerConfigurations: [],
      outdatedInstancesStrategy: 'UPDATE',
      computePlatform: app.info.computePlatform,
      targetRevision: initialRevision(partition, options.lambda, options.ecs),
      terminationHookEnabled: false,
      ...options.info,
    },
    lambda: options.lambda,
    ecs: options.ecs,
    hooks: new Set(options.hooks ?? []),
    hookSeconds: options.hookSeconds ?? 30,
    alarmPlans: [],
    hookFailures: [],
  };
  app.groups.set(name, record);
  return record;
}

export function createAlarmRecord(
  partition: Partition,
  alarm: Omit<MetricAlarm, 'AlarmArn'> & { AlarmName: string },
  now: Date,
): AlarmRecord {
  const record: AlarmRecord = {
    alarm: {
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: [],
      InsufficientDataActions: [],
      StateValue: 'OK',
      StateReason:
        'Threshold Crossed: no datapoints were greater than the threshold',
      StateUpdatedTimestamp: now,
      StateTransitionedTimestamp: now,
      AlarmConfigurationUpdatedTimestamp: now,
      Dimensions: [],
      Period: 60,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      TreatMissingData: 'notBreaching',
      ...alarm,
      AlarmArn: arns.alarm(partition.scope, alarm.AlarmName),
    } as AlarmRecord['alarm'],
  };
  partition.alarms.set(alarm.AlarmName, record);
  return record;
}

export function createDeploymentConfigRecord(
  partition: Partition,
  info: DeploymentConfigInfo,
  rng: Rng,
  now: Date,
): void {
  partition.deploymentConfigs.set(info.deploymentConfigName!, {
    deploymentConfigId: rng.uuid(),
    createTime: now,
    ...info,
  });
}
