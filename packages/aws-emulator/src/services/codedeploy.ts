import type {
  AutoRollbackEvent,
  BatchGetDeploymentTargetsOutput,
  BatchGetDeploymentsOutput,
  DeploymentTarget,
  GetApplicationOutput,
  GetDeploymentConfigOutput,
  GetDeploymentGroupOutput,
  GetDeploymentOutput,
  ListDeploymentGroupsOutput,
  ListDeploymentTargetsOutput,
  ListDeploymentsOutput,
  RevisionLocation,
} from '@aws-sdk/client-codedeploy';
import { arns } from '../arn';
import { AwsError } from '../errors';
import {
  ApplicationRecord,
  DeploymentGroupRecord,
  DeploymentRecord,
} from '../model/records';
import { Partition } from '../model/store';
import { coralDialect, Input } from '../protocol/input';
import { invalidNextToken, paginate } from '../protocol/pagination';
import { RequestContext, ServiceDefinition } from '../protocol/service';
import {
  createApplicationRecord,
  createDeploymentGroupRecord,
} from '../sim/resources';
import { Simulation } from '../sim/simulation';

type Output<T> = Omit<T, '$metadata'>;

const DEPLOYMENT_ID = /^d-[A-Z0-9]{9}$/;
const DEFAULT_CONFIG = {
  Lambda: 'CodeDeployDefault.LambdaAllAtOnce',
  ECS: 'CodeDeployDefault.ECSAllAtOnce',
  Server: 'CodeDeployDefault.OneAtATime',
} as const;
const BUNDLE_TYPES = ['tar', 'tgz', 'zip', 'YAML', 'JSON'] as const;
const ROLLBACK_EVENTS = [
  'DEPLOYMENT_FAILURE',
  'DEPLOYMENT_STOP_ON_ALARM',
  'DEPLOYMENT_STOP_ON_REQUEST',
];
const STATUSES = [
  'Created',
  'Queued',
  'InProgress',
  'Baking',
  'Succeeded',
  'Failed',
  'Stopped',
  'Ready',
];

/** CodeDeploy (AWS JSON 1.1, `CodeDeploy_20141006`). Errors are CodeDeploy's own per-member exceptions. */
export function codeDeployService(
  sim: Simulation,
  options: { pageSize: number },
): ServiceDefinition {
  const partitionOf = (ctx: RequestContext): Partition => sim.partition(ctx);

  function applicationName(input: Input, required = true): string {
    const name = input.string('applicationName', {
      required: required ? 'ApplicationNameRequiredException' : undefined,
      invalid: 'InvalidApplicationNameException',
      min: 1,
      max: 100,
    });
    return name!;
  }

  function application(
    input: Input,
    ctx: RequestContext,
    action: string,
  ): ApplicationRecord {
    const name = applicationName(input);
    const app = partitionOf(ctx).applications.get(name);
    if (!app)
      throw new AwsError(
        'ApplicationDoesNotExistException',
        `No application found for name: ${name}`,
      );
    ctx.authorize(`codedeploy:${action}`, arns.application(ctx, name));
    return app;
  }

  function group(
    app: ApplicationRecord,
    input: Input,
    ctx: RequestContext,
    action: string,
  ): DeploymentGroupRecord {
    const name = input.string('deploymentGroupName', {
      required: 'DeploymentGroupNameRequiredException',
      invalid: 'InvalidDeploymentGroupNameException',
      min: 1,
      max: 100,
    });
    const g = app.groups.get(name);
    if (!g) {
      throw new AwsError(
        'DeploymentGroupDoesNotExistException',
        `No Deployment Group found for name: ${name} in application ${app.info.applicationName}`,
      );
    }
    ctx.authorize(
      `codedeploy:${action}`,
      arns.deploymentGroup(ctx, app.info.applicationName, name),
    );
    return g;
  }

  function deploymentId(input: Input, member = 'deploymentId'): string {
    return input.string(member, {
      required: 'DeploymentIdRequiredException',
      pattern: DEPLOYMENT_ID,
      invalid: 'InvalidDeploymentIdException',
    });
  }

  function deployment(
    input: Input,
    ctx: RequestContext,
    action: string,
  ): DeploymentRecord {
    const id = deploymentId(input);
    const d = partitionOf(ctx).deployments.get(id);
    if (!d)
      throw new AwsError(
        'DeploymentDoesNotExistException',
        `The deployment ${id} could not be found.`,
      );
    ctx.authorize(
      `codedeploy:${action}`,
      arns.deploymentGroup(
        ctx,
        d.info.applicationName,
        d.info.deploymentGroupName,
      ),
    );
    return d;
  }

  function target(d: DeploymentRecord): DeploymentTarget {
    const t = d.target;
    const common = {
      deploymentId: d.info.deploymentId,
      targetId: t.targetId,
      targetArn: t.targetArn,
      status: t.status,
      lastUpdatedAt: t.lastUpdatedAt,
      lifecycleEvents: t.lifecycleEvents,
    };
    if (t.lambda)
      return {
        deploymentTargetType: 'LambdaTarget',
        lambdaTarget: { ...common, lambdaFunctionInfo: t.lambda },
      };
    return {
      deploymentTargetType: 'ECSTarget',
      ecsTarget: { ...common, taskSetsInfo: t.taskSets },
    };
  }

  function readRevision(input: Input): RevisionLocation | undefined {
    const r = input.object('revision');
    if (!r) return undefined;
    const type = r.string('revisionType', {
      oneOf: ['S3', 'GitHub', 'String', 'AppSpecContent'],
      invalid: 'InvalidRevisionException',
    });
    const spec = r.object('appSpecContent');
    const str = r.object('string');
    const s3 = r.object('s3Location');
    if (type === 'AppSpecContent' && !spec?.string('content')) {
      throw new AwsError(
        'InvalidRevisionException',
        'The AppSpecContent revision must have content',
      );
    }
    return {
      revisionType: type as RevisionLocation['revisionType'],
      appSpecContent: spec
        ? { content: spec.string('content'), sha256: spec.string('sha256') }
        : undefined,
      string: str
        ? { content: str.string('content'), sha256: str.string('sha256') }
        : undefined,
      s3Location: s3
        ? {
            bucket: s3.string('bucket'),
            key: s3.string('key'),
            bundleType: s3.enum('bundleType', BUNDLE_TYPES),
          }
        : undefined,
    };
  }

  function readAutoRollback(
    input: Input,
  ): { enabled: boolean; events: AutoRollbackEvent[] } | undefined {
    const a = input.object('autoRollbackConfiguration');
    if (!a) return undefined;
    const events = (a.stringList('events', {
      item: {
        oneOf: ROLLBACK_EVENTS,
        invalid: 'InvalidAutoRollbackConfigException',
      },
    }) ?? []) as AutoRollbackEvent[];
    const enabled = a.boolean('enabled') ?? false;
    if (enabled && events.length === 0) {
      throw new AwsError(
        'InvalidAutoRollbackConfigException',
        'Auto rollback is enabled but no events are specified',
      );
    }
    return { enabled, events };
  }

  function readAlarms(input: Input, member: string) {
    const a = input.object(member);
    if (!a) return undefined;
    const alarms = (
      a.objectList('alarms', {
        max: 10,
        tooMany: 'AlarmsLimitExceededException',
      }) ?? []
    ).map(x => ({
      name: x.string('name', {
        required: true,
        invalid: 'InvalidAlarmConfigException',
      }),
    }));
    const enabled = a.boolean('enabled') ?? false;
    if (enabled && alarms.length === 0)
      throw new AwsError(
        'InvalidAlarmConfigException',
        'Alarms are enabled but none is given',
      );
    return {
      enabled,
      ignorePollAlarmFailure: a.boolean('ignorePollAlarmFailure') ?? false,
      alarms,
    };
  }

  function checkConfig(partition: Partition, name: string | undefined): void {
    if (name !== undefined && !sim.deployments.config(partition, name)) {
      throw new AwsError(
        'DeploymentConfigDoesNotExistException',
        `No deployment configuration found for name: ${name}`,
      );
    }
  }

  return {
    name: 'CodeDeploy',
    protocol: 'json',
    targetPrefix: 'CodeDeploy_20141006',
    jsonVersion: '1.1',
    signingName: 'codedeploy',
    queryCompatible: false,
    dialect: coralDialect('ValidationException'),
    errors: {
      accessDenied: { code: 'AccessDeniedException' },
      throttling: { code: 'ThrottlingException' },
    },
    operations: {
      GetApplication(input, ctx): Output<GetApplicationOutput> {
        return { application: application(input, ctx, 'GetApplication').info };
      },

      ListDeploymentGroups(input, ctx): Output<ListDeploymentGroupsOutput> {
        const app = application(input, ctx, 'ListDeploymentGroups');
        const names = [...app.groups.keys()].sort();
        const { page, nextToken } = paginate(names, {
          nextToken: input.string('nextToken'),
          pageSize: options.pageSize,
          scope: `ListDeploymentGroups/${ctx.account}/${ctx.region}/${app.info.applicationName}`,
          invalid: invalidNextToken(),
        });
        return {
          applicationName: app.info.applicationName,
          deploymentGroups: page,
          nextToken,
        };
      },

      GetDeploymentGroup(input, ctx): Output<GetDeploymentGroupOutput> {
        const app = application(input, ctx, 'GetDeploymentGroup');
        return {
          deploymentGroupInfo: group(app, input, ctx, 'GetDeploymentGroup')
            .info,
        };
      },

      ListDeployments(input, ctx): Output<ListDeploymentsOutput> {
        const partition = partitionOf(ctx);
        const appName = input.string('applicationName', {
          invalid: 'InvalidApplicationNameException',
          min: 1,
          max: 100,
        });
        const groupName = input.string('deploymentGroupName', {
          invalid: 'InvalidDeploymentGroupNameException',
          min: 1,
          max: 100,
        });
        if (groupName && !appName)
          throw new AwsError(
            'ApplicationNameRequiredException',
            'An application name must be specified with a deployment group name',
          );
        if (appName && !groupName)
          throw new AwsError(
            'DeploymentGroupNameRequiredException',
            'A deployment group name must be specified with an application name',
          );
        if (appName) {
          const app = application(input, ctx, 'ListDeployments');
          group(app, input, ctx, 'ListDeployments');
        }
        const statuses = input.stringList('includeOnlyStatuses', {
          item: {
            oneOf: STATUSES,
            invalid: 'InvalidDeploymentStatusException',
          },
        });
        const range = input.object('createTimeRange');
        const start = range?.timestamp('start');
        const end = range?.timestamp('end');
        if (start && end && start > end)
          throw new AwsError(
            'InvalidTimeRangeException',
            'The start time must be before the end time',
          );
        const externalId = input.string('externalId');
        const ids = [...partition.deployments.values()]
          .filter(
            d =>
              !appName ||
              (d.info.applicationName === appName &&
                d.info.deploymentGroupName === groupName),
          )
          .filter(d => !statuses || statuses.includes(d.info.status!))
          .filter(d => !start || d.info.createTime >= start)
          .filter(d => !end || d.info.createTime <= end)
          .filter(d => !externalId || d.info.externalId === externalId)
          .reverse()
          .map(d => d.info.deploymentId);
        const { page, nextToken } = paginate(ids, {
          nextToken: input.string('nextToken'),
          pageSize: options.pageSize,
          scope: `ListDeployments/${ctx.account}/${ctx.region}/${appName ?? ''}/${groupName ?? ''}`,
          invalid: invalidNextToken(),
        });
        return { deployments: page, nextToken };
      },

      GetDeployment(input, ctx): Output<GetDeploymentOutput> {
        return { deploymentInfo: deployment(input, ctx, 'GetDeployment').info };
      },

      BatchGetDeployments(input, ctx): Output<BatchGetDeploymentsOutput> {
        const ids = input.stringList('deploymentIds', {
          required: 'DeploymentIdRequiredException',
          max: 25,
          tooMany: 'BatchLimitExceededException',
          item: {
            pattern: DEPLOYMENT_ID,
            invalid: 'InvalidDeploymentIdException',
          },
        })!;
        const partition = partitionOf(ctx);
        const found = ids
          .map(id => partition.deployments.get(id))
          .filter((d): d is DeploymentRecord => Boolean(d));
        for (const d of found)
          ctx.authorize(
            'codedeploy:BatchGetDeployments',
            arns.deploymentGroup(
              ctx,
              d.info.applicationName,
              d.info.deploymentGroupName,
            ),
          );
        return { deploymentsInfo: found.map(d => d.info) };
      },

      GetDeploymentConfig(input, ctx): Output<GetDeploymentConfigOutput> {
        const name = input.string('deploymentConfigName', {
          required: 'DeploymentConfigNameRequiredException',
          invalid: 'InvalidDeploymentConfigNameException',
          min: 1,
          max: 100,
        });
        const config = sim.deployments.config(partitionOf(ctx), name);
        if (!config)
          throw new AwsError(
            'DeploymentConfigDoesNotExistException',
            `No deployment configuration found for name: ${name}`,
          );
        return { deploymentConfigInfo: config };
      },

      ListDeploymentTargets(input, ctx): Output<ListDeploymentTargetsOutput> {
        const d = deployment(input, ctx, 'ListDeploymentTargets');
        const filters = input.object('targetFilters');
        const statuses = filters?.stringList('TargetStatus', {
          item: {
            oneOf: [
              'Pending',
              'InProgress',
              'Succeeded',
              'Failed',
              'Skipped',
              'Unknown',
              'Ready',
            ],
            invalid: 'InvalidTargetFilterNameException',
          },
        });
        filters?.stringList('ServerInstanceLabel');
        if (d.info.status === 'Created')
          throw new AwsError(
            'DeploymentNotStartedException',
            `The deployment ${d.info.deploymentId} has not started`,
          );
        const ids = [d.target]
          .filter(t => !statuses || statuses.includes(t.status))
          .map(t => t.targetId);
        const { page, nextToken } = paginate(ids, {
          nextToken: input.string('nextToken'),
          pageSize: options.pageSize,
          scope: `ListDeploymentTargets/${d.info.deploymentId}`,
          invalid: invalidNextToken(),
        });
        return { targetIds: page, nextToken };
      },

      BatchGetDeploymentTargets(
        input,
        ctx,
      ): Output<BatchGetDeploymentTargetsOutput> {
        const d = deployment(input, ctx, 'BatchGetDeploymentTargets');
        const ids = input.stringList('targetIds', {
          required: 'DeploymentTargetIdRequiredException',
          min: 1,
          max: 25,
          tooMany: 'DeploymentTargetListSizeExceededException',
        })!;
        if (ids.length === 0)
          throw new AwsError(
            'DeploymentTargetIdRequiredException',
            'At least one target id is required',
          );
        if (d.info.status === 'Created')
          throw new AwsError(
            'DeploymentNotStartedException',
            `The deployment ${d.info.deploymentId} has not started`,
          );
        for (const id of ids) {
          if (id !== d.target.targetId) {
            throw new AwsError(
              'DeploymentTargetDoesNotExistException',
              `The target ${id} does not exist in deployment ${d.info.deploymentId}`,
            );
          }
        }
        return { deploymentTargets: ids.map(() => target(d)) };
      },

      StopDeployment(input, ctx) {
        const d = deployment(input, ctx, 'StopDeployment');
        const rollback = input.boolean('autoRollbackEnabled') ?? false;
        if (
          !['Created', 'Queued', 'InProgress', 'Baking', 'Ready'].includes(
            d.info.status!,
          )
        ) {
          throw new AwsError(
            'DeploymentAlreadyCompletedException',
            `The deployment ${d.info.deploymentId} has already completed`,
          );
        }
        sim.deployments.stop(partitionOf(ctx), d, rollback);
        return {
          status: 'Pending',
          statusMessage: 'Stopping Active Deployment',
        };
      },

      ContinueDeployment(input, ctx) {
        const d = deployment(input, ctx, 'ContinueDeployment');
        const waitType =
          input.enum('deploymentWaitType', ['READY_WAIT', 'TERMINATION_WAIT'], {
            invalid: 'InvalidDeploymentWaitTypeException',
          }) ?? 'READY_WAIT';
        sim.deployments.continue(d, waitType);
        return {};
      },

      CreateDeployment(input, ctx) {
        const app = application(input, ctx, 'CreateDeployment');
        const g = group(app, input, ctx, 'CreateDeployment');
        if (!g.lambda && !g.ecs) {
          // Not an AWS error: the emulator simulates Lambda and ECS deployments only (documented in the README).
          throw new AwsError(
            'InvalidComputePlatformException',
            'The emulator simulates Lambda and ECS deployments only',
          );
        }
        const revision = readRevision(input);
        if (!revision && app.info.computePlatform !== 'Server') {
          throw new AwsError(
            'RevisionRequiredException',
            'A revision must be specified for Lambda and ECS deployments',
          );
        }
        const configName = input.string('deploymentConfigName', {
          invalid: 'InvalidDeploymentConfigNameException',
          min: 1,
          max: 100,
        });
        const partition = partitionOf(ctx);
        checkConfig(partition, configName);
        const description = input.string('description');
        if (description && description.length > 8192)
          throw new AwsError(
            'DescriptionTooLongException',
            'The description is too long',
          );
        const autoRollback = readAutoRollback(input);
        const overrideAlarms = readAlarms(input, 'overrideAlarmConfiguration');
        const d = sim.deployments.create(partition, g, {
          creator: 'user',
          description,
          revision: revision ?? sim.deployments.nextRevision(partition, g),
          deploymentConfigName: configName,
          autoRollback,
        });
        if (overrideAlarms) d.info.overrideAlarmConfiguration = overrideAlarms;
        return { deploymentId: d.info.deploymentId };
      },

      CreateApplication(input, ctx) {
        const name = applicationName(input);
        const platform = input.enum(
          'computePlatform',
          ['Server', 'Lambda', 'ECS'],
          {
            invalid: 'InvalidComputePlatformException',
          },
        );
        const partition = partitionOf(ctx);
        ctx.authorize(
          'codedeploy:CreateApplication',
          arns.application(ctx, name),
        );
        if (partition.applications.has(name)) {
          throw new AwsError(
            'ApplicationAlreadyExistsException',
            `The application ${name} already exists`,
          );
        }
        input.objectList('tags');
        const app = createApplicationRecord(
          partition,
          name,
          platform ?? 'Server',
          sim.rng,
          sim.clock.now(),
        );
        return { applicationId: app.info.applicationId };
      },

      CreateDeploymentGroup(input, ctx) {
        const app = application(input, ctx, 'CreateDeploymentGroup');
        const name = input.string('deploymentGroupName', {
          required: 'DeploymentGroupNameRequiredException',
          invalid: 'InvalidDeploymentGroupNameException',
          min: 1,
          max: 100,
        });
        const role = input.string('serviceRoleArn', {
          required: 'RoleRequiredException',
          invalid: 'InvalidRoleException',
          pattern: /^arn:aws[\w-]*:iam::\d{12}:role\/.+/,
        });
        if (app.groups.has(name)) {
          throw new AwsError(
            'DeploymentGroupAlreadyExistsException',
            `A deployment group named ${name} already exists for application ${app.info.applicationName}`,
          );
        }
        const partition = partitionOf(ctx);
        const platform = app.info.computePlatform ?? 'Server';
        const configName = input.string('deploymentConfigName', {
          invalid: 'InvalidDeploymentConfigNameException',
          min: 1,
          max: 100,
        });
        checkConfig(partition, configName);
        const style = input.object('deploymentStyle');
        const deploymentType = style?.enum(
          'deploymentType',
          ['IN_PLACE', 'BLUE_GREEN'],
          {
            invalid: 'InvalidDeploymentStyleException',
          },
        );
        const deploymentOption = style?.enum(
          'deploymentOption',
          ['WITH_TRAFFIC_CONTROL', 'WITHOUT_TRAFFIC_CONTROL'],
          {
            invalid: 'InvalidDeploymentStyleException',
          },
        );
        const bg = input.object('blueGreenDeploymentConfiguration');
        const terminate = bg?.object(
          'terminateBlueInstancesOnDeploymentSuccess',
        );
        const ready = bg?.object('deploymentReadyOption');
        const ecsServices = (input.objectList('ecsServices') ?? []).map(s => ({
          serviceName: s.string('serviceName', {
            required: 'InvalidECSServiceException',
          }),
          clusterName: s.string('clusterName', {
            required: 'InvalidECSServiceException',
          }),
        }));
        const pairs =
          input
            .object('loadBalancerInfo')
            ?.objectList('targetGroupPairInfoList') ?? [];
        const pair = pairs[0];
        const targetGroups = (pair?.objectList('targetGroups') ?? []).map(t =>
          t.string('name', { required: 'InvalidTargetGroupPairException' }),
        );
        const prodListeners =
          pair?.object('prodTrafficRoute')?.stringList('listenerArns') ?? [];
        const testListeners =
          pair?.object('testTrafficRoute')?.stringList('listenerArns') ?? [];
        if (platform === 'ECS') {
          if (ecsServices.length !== 1)
            throw new AwsError(
              'InvalidECSServiceException',
              'An ECS deployment group needs exactly one ECS service',
            );
          if (targetGroups.length !== 2 || prodListeners.length === 0) {
            throw new AwsError(
              'InvalidTargetGroupPairException',
              'An ECS deployment group needs two target groups and a production listener',
            );
          }
        }
        const autoRollback = readAutoRollback(input);
        const alarms = readAlarms(input, 'alarmConfiguration');
        const portOf = (arn: string | undefined) =>
          Number(arn?.split('/').pop()) || undefined;
        const g = createDeploymentGroupRecord(
          partition,
          app,
          name,
          {
            info: {
              deploymentConfigName: configName ?? DEFAULT_CONFIG[platform],
              serviceRoleArn: role,
              alarmConfiguration: alarms ?? {
                enabled: false,
                ignorePollAlarmFailure: false,
                alarms: [],
              },
              autoRollbackConfiguration: autoRollback ?? {
                enabled: false,
                events: [],
              },
              deploymentStyle:
                platform === 'Server'
                  ? {
                      deploymentType: deploymentType ?? 'IN_PLACE',
                      deploymentOption:
                        deploymentOption ?? 'WITHOUT_TRAFFIC_CONTROL',
                    }
                  : {
                      deploymentType: 'BLUE_GREEN',
                      deploymentOption: 'WITH_TRAFFIC_CONTROL',
                    },
              blueGreenDeploymentConfiguration:
                platform === 'ECS'
                  ? {
                      terminateBlueInstancesOnDeploymentSuccess: {
                        action:
                          terminate?.enum(
                            'action',
                            ['TERMINATE', 'KEEP_ALIVE'],
                            {
                              invalid:
                                'InvalidBlueGreenDeploymentConfigurationException',
                            },
                          ) ?? 'TERMINATE',
                        terminationWaitTimeInMinutes:
                          terminate?.number('terminationWaitTimeInMinutes', {
                            min: 0,
                            max: 2880,
                          }) ?? 0,
                      },
                      deploymentReadyOption: {
                        actionOnTimeout:
                          ready?.enum(
                            'actionOnTimeout',
                            ['CONTINUE_DEPLOYMENT', 'STOP_DEPLOYMENT'],
                            {
                              invalid:
                                'InvalidBlueGreenDeploymentConfigurationException',
                            },
                          ) ?? 'CONTINUE_DEPLOYMENT',
                        waitTimeInMinutes:
                          ready?.number('waitTimeInMinutes', {
                            min: 0,
                            max: 2880,
                          }) ?? 0,
                      },
                    }
                  : undefined,
              loadBalancerInfo:
                pairs.length > 0
                  ? {
                      targetGroupPairInfoList: [
                        {
                          targetGroups: targetGroups.map(n => ({ name: n })),
                          prodTrafficRoute: { listenerArns: prodListeners },
                          ...(testListeners.length > 0
                            ? {
                                testTrafficRoute: {
                                  listenerArns: testListeners,
                                },
                              }
                            : {}),
                        },
                      ],
                    }
                  : undefined,
              ecsServices: platform === 'ECS' ? ecsServices : [],
            },
            lambda:
              platform === 'Lambda'
                ? {
                    functionName: app.info.applicationName,
                    alias: 'live',
                    version: 1,
                  }
                : undefined,
            ecs:
              platform === 'ECS'
                ? {
                    clusterName: ecsServices[0].clusterName,
                    serviceName: ecsServices[0].serviceName,
                    taskDefinitionFamily: ecsServices[0].serviceName,
                    taskDefinitionRevision: 1,
                    taskSetId: `ecs-svc/${sim.rng.digits(19)}`,
                    desiredCount: 2,
                    blueTargetGroup: targetGroups[0],
                    greenTargetGroup: targetGroups[1],
                    prodPort: portOf(prodListeners[0]) ?? 443,
                    testPort: portOf(testListeners[0]),
                  }
                : undefined,
            hooks: [],
          },
          sim.rng,
        );
        return { deploymentGroupId: g.info.deploymentGroupId };
      },
    },
  };
}
