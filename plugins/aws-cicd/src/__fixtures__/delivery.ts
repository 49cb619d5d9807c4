/*
 * Realistic responses of the aws-cicd backend for the demo services of the
 * emulator's scenario (packages/aws-emulator/scenarios/demo.yaml), in the
 * shapes of @liftoff/plugin-aws-cicd-common's api.ts.
 */
import { Entity } from '@backstage/catalog-model';
import {
  AlarmView,
  BuildProjectSection,
  BuildView,
  DeliveryResponse,
  DeploymentGroupSection,
  DeploymentView,
  ExecutionSummary,
  PipelineActionView,
  PipelineSection,
  PipelineStageView,
  TrafficRouting,
} from '@liftoff/plugin-aws-cicd-common';

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const CONSOLE = `https://${REGION}.console.aws.amazon.com`;

export function demoEntity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'aws.amazon.com/aws-codepipeline-arn': `arn:aws:codepipeline:${REGION}:${ACCOUNT}:${name}`,
        'aws.amazon.com/aws-codedeploy-deployment-group-arn': `arn:aws:codedeploy:${REGION}:${ACCOUNT}:deploymentgroup:${name}/${name}-production`,
        'aws.amazon.com/aws-codebuild-project-arn': `arn:aws:codebuild:${REGION}:${ACCOUNT}:project/${name}-build`,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  };
}

const noActions = {
  stop: false,
  stopAndRollback: false,
  continueReadyWait: false,
  continueTerminationWait: false,
};

function revision(service: string, id: string, summary: string) {
  return {
    actionName: 'Source',
    revisionId: id,
    summary,
    url: `https://github.com/acme/${service}/commit/${id}`,
  };
}

function action(
  partial: Partial<PipelineActionView> & Pick<PipelineActionView, 'name'>,
): PipelineActionView {
  return {
    category: 'Build',
    owner: 'AWS',
    provider: 'CodeBuild',
    runOrder: 1,
    ...partial,
  };
}

function stage(
  name: string,
  status: PipelineStageView['status'],
  executionId: string | undefined,
  actions: PipelineActionView[],
  extra: Partial<PipelineStageView> = {},
): PipelineStageView {
  return {
    name,
    status,
    pipelineExecutionId: executionId,
    inboundTransition: { enabled: true },
    actions,
    retryable: false,
    ...extra,
  };
}

function execution(
  id: string,
  status: ExecutionSummary['status'],
  rev: ReturnType<typeof revision>,
  extra: Partial<ExecutionSummary> = {},
): ExecutionSummary {
  return {
    pipelineExecutionId: id,
    status,
    startTime: '2026-11-26T10:52:00.000Z',
    lastUpdateTime: '2026-11-26T11:00:00.000Z',
    durationSeconds: 480,
    trigger: {
      triggerType: 'CloudWatchEvent',
      triggerDetail: `arn:aws:events:${REGION}:${ACCOUNT}:rule/${rev.url}`,
    },
    sourceRevisions: [rev],
    executionType: 'STANDARD',
    ...extra,
  };
}

function pipelineSection(
  name: string,
  stages: PipelineStageView[],
  latest: ExecutionSummary | undefined,
  inProgress: boolean,
): PipelineSection {
  const arn = `arn:aws:codepipeline:${REGION}:${ACCOUNT}:${name}`;
  return {
    name,
    arn,
    pipeline: {
      arn,
      region: REGION,
      accountId: ACCOUNT,
      consoleUrl: `${CONSOLE}/codesuite/codepipeline/pipelines/${name}/view`,
      name,
      version: 3,
      executionMode: 'SUPERSEDED',
      pipelineType: 'V2',
      stages,
      latestExecution: latest,
      inProgress,
    },
  };
}

function lambdaRouting(
  name: string,
  type: TrafficRouting['type'],
  steps: TrafficRouting['steps'],
  description: string,
): TrafficRouting {
  return {
    deploymentConfigName: name,
    type,
    percentage: steps[0].percentage,
    intervalMinutes: steps[1]?.atMinute,
    steps,
    description,
  };
}

function alarm(name: string, state: string, reason?: string): AlarmView {
  return {
    name,
    state,
    reason,
    updatedAt: '2026-11-26T10:40:00.000Z',
    metricName: name.endsWith('latency') ? 'Duration' : 'Errors',
    namespace: 'AWS/Lambda',
    threshold: 5,
    comparisonOperator: 'GreaterThanThreshold',
  };
}

function deployment(
  id: string,
  status: DeploymentView['status'],
  extra: Partial<DeploymentView> = {},
): DeploymentView {
  return {
    deploymentId: id,
    status,
    creator: 'user',
    description: 'Deployed by CodePipeline',
    createTime: '2026-11-26T10:58:00.000Z',
    startTime: '2026-11-26T10:58:01.000Z',
    durationSeconds: 130,
    isRollback: false,
    statusMessages: [],
    targets: [],
    possibleActions: noActions,
    consoleUrl: `${CONSOLE}/codesuite/codedeploy/deployments/${id}`,
    ...extra,
  };
}

function groupSection(
  service: string,
  platform: 'Lambda' | 'ECS',
  routing: TrafficRouting,
  deployments: { current?: DeploymentView; recent: DeploymentView[] },
  alarms: AlarmView[],
  extra: Partial<NonNullable<DeploymentGroupSection['group']>> = {},
): DeploymentGroupSection {
  const group = `${service}-production`;
  const arn = `arn:aws:codedeploy:${REGION}:${ACCOUNT}:deploymentgroup:${service}/${group}`;
  return {
    applicationName: service,
    deploymentGroupName: group,
    arn,
    group: {
      arn,
      region: REGION,
      accountId: ACCOUNT,
      consoleUrl: `${CONSOLE}/codesuite/codedeploy/applications/${service}/deployment-groups/${group}`,
      applicationName: service,
      deploymentGroupName: group,
      computePlatform: platform,
      trafficRouting: routing,
      autoRollback: {
        enabled: true,
        events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'],
      },
      ...deployments,
      ...extra,
    },
    alarms: { enabled: true, items: alarms },
  };
}

function phases(
  failedAt?: { phase: string; message: string },
  running?: string,
): BuildView['phases'] {
  const order = [
    ['SUBMITTED', 1],
    ['QUEUED', 2],
    ['PROVISIONING', 18],
    ['DOWNLOAD_SOURCE', 4],
    ['INSTALL', 31],
    ['PRE_BUILD', 6],
    ['BUILD', 74],
    ['POST_BUILD', 3],
    ['UPLOAD_ARTIFACTS', 5],
    ['FINALIZING', 2],
  ] as const;
  const out: BuildView['phases'] = [];
  for (const [phaseType, seconds] of order) {
    if (running === phaseType) {
      out.push({ phaseType, durationSeconds: 40, contexts: [] });
      return out;
    }
    const failed = failedAt?.phase === phaseType;
    out.push({
      phaseType,
      phaseStatus: failed ? 'FAILED' : 'SUCCEEDED',
      durationSeconds: seconds,
      contexts: failed
        ? [{ statusCode: 'COMMAND_EXECUTION_ERROR', message: failedAt.message }]
        : [],
    });
    if (failed) {
      // CodeBuild goes on to FINALIZING after a failed phase.
      out.push({
        phaseType: 'FINALIZING',
        phaseStatus: 'SUCCEEDED',
        durationSeconds: 2,
        contexts: [],
      });
      break;
    }
  }
  out.push({ phaseType: 'COMPLETED', contexts: [] });
  return out;
}

function build(
  service: string,
  number: number,
  status: string,
  rev: string,
  extra: Partial<BuildView> = {},
): BuildView {
  const id = `${service}-build:0f3c9a${number}e-1b2c-4d5e-8f90-a1b2c3d4e5f6`;
  return {
    id,
    arn: `arn:aws:codebuild:${REGION}:${ACCOUNT}:build/${id}`,
    buildNumber: number,
    projectName: `${service}-build`,
    status,
    startTime: '2026-11-26T10:53:00.000Z',
    endTime: '2026-11-26T10:55:30.000Z',
    durationSeconds: 150,
    sourceVersion: rev,
    resolvedSourceVersion: rev,
    initiator: `codepipeline/${service}`,
    phases: phases(),
    logsUrl: `${CONSOLE}/cloudwatch/home#logsV2:log-groups/log-group/$252Faws$252Fcodebuild$252F${service}-build`,
    consoleUrl: `${CONSOLE}/codesuite/codebuild/${ACCOUNT}/projects/${service}-build/build/${id}`,
    ...extra,
  };
}

function buildSection(
  service: string,
  builds: BuildView[],
  nextPageToken?: string,
): BuildProjectSection {
  return {
    projectName: `${service}-build`,
    region: REGION,
    accountId: ACCOUNT,
    source: 'annotation',
    builds,
    nextPageToken,
  };
}

function response(
  service: string,
  parts: Pick<
    DeliveryResponse,
    'pipelines' | 'deploymentGroups' | 'buildProjects' | 'inProgress'
  >,
): DeliveryResponse {
  return {
    entityRef: `component:default/${service}`,
    generatedAt: '2026-11-26T11:00:00.000Z',
    ...parts,
  };
}

function sourceStage(executionId: string, rev: ReturnType<typeof revision>) {
  return stage('Source', 'Succeeded', executionId, [
    action({
      name: 'Source',
      category: 'Source',
      owner: 'AWS',
      provider: 'CodeStarSourceConnection',
      status: 'Succeeded',
      durationSeconds: 3,
      revision: rev,
      externalExecutionUrl: rev.url,
    }),
  ]);
}

function buildStages(
  service: string,
  executionId: string,
  buildNumber: number,
) {
  return [
    stage('Build', 'Succeeded', executionId, [
      action({
        name: 'Build',
        status: 'Succeeded',
        durationSeconds: 158,
        buildId: build(service, buildNumber, 'SUCCEEDED', '').id,
        externalExecutionUrl: `${CONSOLE}/codesuite/codebuild/projects/${service}-build`,
      }),
    ]),
    stage('Test', 'Succeeded', executionId, [
      action({
        name: 'UnitTests',
        status: 'Succeeded',
        durationSeconds: 205,
      }),
      action({
        name: 'ContractTests',
        status: 'Succeeded',
        durationSeconds: 212,
      }),
      action({
        name: 'SmokeTests',
        runOrder: 2,
        status: 'Succeeded',
        durationSeconds: 41,
      }),
    ]),
  ];
}

// ------------------------------------------------------------ payments-api
// Lambda canary 10% for 5 minutes, caught mid-shift.

export const PAYMENTS_EXECUTION = '7d1c2f3e-5a6b-4c8d-9e0f-1a2b3c4d5e6f';
const paymentsRev = revision(
  'payments-api',
  'e1c9a7f5d3b2e0c8a6f4d2b9e7c5a3f1d8b6e4c2',
  'Retry card authorisation on 502 from the acquirer',
);
function paymentsCurrentDeployment(): DeploymentView {
  return deployment('d-PAY0042CA', 'InProgress', {
    description: 'Deploy payments-api version 42',
    durationSeconds: 95,
    targets: [
      {
        targetId: 'payments-api:live',
        type: 'LambdaTarget',
        status: 'InProgress',
        lifecycleEvents: [
          {
            name: 'BeforeAllowTraffic',
            status: 'Succeeded',
            durationSeconds: 4,
          },
          { name: 'AllowTraffic', status: 'InProgress', durationSeconds: 90 },
          { name: 'AfterAllowTraffic', status: 'Pending' },
        ],
      },
    ],
    traffic: {
      platform: 'Lambda',
      functionName: 'payments-api',
      alias: 'live',
      currentVersion: '41',
      targetVersion: '42',
      targetVersionWeight: 10,
    },
    currentStep: 0,
    nextShiftInSeconds: 205,
    possibleActions: { ...noActions, stop: true, stopAndRollback: true },
  });
}

export function paymentsApi(): DeliveryResponse {
  const current = paymentsCurrentDeployment();
  return response('payments-api', {
    inProgress: true,
    pipelines: [
      pipelineSection(
        'payments-api',
        [
          sourceStage(PAYMENTS_EXECUTION, paymentsRev),
          ...buildStages('payments-api', PAYMENTS_EXECUTION, 128),
          stage('Production', 'InProgress', PAYMENTS_EXECUTION, [
            action({
              name: 'Deploy',
              category: 'Deploy',
              provider: 'CodeDeploy',
              status: 'InProgress',
              durationSeconds: 95,
              deploymentId: 'd-PAY0042CA',
              externalExecutionUrl: `${CONSOLE}/codesuite/codedeploy/deployments/d-PAY0042CA`,
            }),
          ]),
        ],
        execution(PAYMENTS_EXECUTION, 'InProgress', paymentsRev),
        true,
      ),
    ],
    deploymentGroups: [
      groupSection(
        'payments-api',
        'Lambda',
        lambdaRouting(
          'CodeDeployDefault.LambdaCanary10Percent5Minutes',
          'TimeBasedCanary',
          [
            { atMinute: 0, percentage: 10 },
            { atMinute: 5, percentage: 100 },
          ],
          '10% now, 100% after 5 min',
        ),
        {
          current,
          recent: [
            current,
            deployment('d-PAY0041CA', 'Succeeded', {
              description: 'Deploy payments-api version 41',
              createTime: '2026-11-25T16:10:00.000Z',
              durationSeconds: 372,
            }),
          ],
        },
        [
          alarm('payments-api-errors', 'OK'),
          alarm('payments-api-latency', 'OK'),
          alarm('payments-api-throttles', 'INSUFFICIENT_DATA'),
        ],
      ),
    ],
    buildProjects: [
      buildSection(
        'payments-api',
        [build('payments-api', 128, 'SUCCEEDED', paymentsRev.revisionId)],
        'page-2',
      ),
    ],
  });
}

/** payments-api a moment later: the canary shifted to 100%. */
export function paymentsApiShifted(): DeliveryResponse {
  const value = paymentsApi();
  const group = value.deploymentGroups[0].group!;
  const current: DeploymentView = {
    ...group.current!,
    currentStep: 1,
    nextShiftInSeconds: undefined,
    traffic: {
      platform: 'Lambda',
      functionName: 'payments-api',
      alias: 'live',
      currentVersion: '41',
      targetVersion: '42',
      targetVersionWeight: 100,
    },
  };
  group.current = current;
  group.recent = [current, ...group.recent.slice(1)];
  return value;
}

// ----------------------------------------------------- notifications-service
// Lambda linear 10% every minute. Mid-shift in one fixture; in the other the
// deployment was stopped by an alarm and rolled back.

const notificationsRev = revision(
  'notifications-service',
  '9b1e4f2a7c3d8e6f0a5b2c9d1e7f3a4b6c8d0e2f',
  'Switch SMS provider to the new API',
);
const linearRouting = lambdaRouting(
  'CodeDeployDefault.LambdaLinear10PercentEvery1Minute',
  'TimeBasedLinear',
  Array.from({ length: 10 }, (_, i) => ({
    atMinute: i,
    percentage: (i + 1) * 10,
  })),
  '10% more every minute, 100% after 9 min',
);

export function notificationsLinear(): DeliveryResponse {
  const current = deployment('d-NOT0034LN', 'InProgress', {
    traffic: {
      platform: 'Lambda',
      functionName: 'notifications-service',
      alias: 'live',
      currentVersion: '33',
      targetVersion: '34',
      targetVersionWeight: 30,
    },
    currentStep: 2,
    nextShiftInSeconds: 42,
    possibleActions: { ...noActions, stop: true, stopAndRollback: true },
  });
  return response('notifications-service', {
    inProgress: true,
    pipelines: [],
    deploymentGroups: [
      groupSection(
        'notifications-service',
        'Lambda',
        linearRouting,
        { current, recent: [current] },
        [
          alarm('notifications-service-errors', 'OK'),
          alarm('notifications-service-latency', 'OK'),
        ],
      ),
    ],
    buildProjects: [],
  });
}

export const ALARM_MESSAGE =
  'One or more alarms have been activated according to the Amazon CloudWatch metrics you selected, and the affected deployments have been stopped. Activated alarms: <notifications-service-errors>';

export function notificationsRolledBack(): DeliveryResponse {
  const failed = deployment('d-NOT0034LN', 'Stopped', {
    description: 'Deploy notifications-service version 34',
    createTime: '2026-11-26T10:10:00.000Z',
    durationSeconds: 212,
    errorInformation: { code: 'ALARM_ACTIVE', message: ALARM_MESSAGE },
    rollbackInfo: {
      rollbackDeploymentId: 'd-NOT0035RB',
      rollbackMessage:
        'Deployment d-NOT0034LN was stopped and rolled back by d-NOT0035RB.',
    },
    traffic: {
      platform: 'Lambda',
      currentVersion: '33',
      targetVersion: '34',
      targetVersionWeight: 0,
    },
  });
  const rollback = deployment('d-NOT0035RB', 'Succeeded', {
    creator: 'codeDeployRollback',
    description: 'Rollback of d-NOT0034LN',
    createTime: '2026-11-26T10:13:40.000Z',
    durationSeconds: 21,
    isRollback: true,
    rollbackInfo: {
      rollbackTriggeringDeploymentId: 'd-NOT0034LN',
      rollbackMessage: 'Rolled back deployment d-NOT0034LN.',
    },
  });
  const executionId = '3b5d7f9a-1c2e-4f6a-8b0c-2d4e6f8a0b1c';
  return response('notifications-service', {
    inProgress: false,
    pipelines: [
      pipelineSection(
        'notifications-service',
        [
          sourceStage(executionId, notificationsRev),
          ...buildStages('notifications-service', executionId, 77),
          stage(
            'Production',
            'Failed',
            executionId,
            [
              action({
                name: 'Deploy',
                category: 'Deploy',
                provider: 'CodeDeploy',
                status: 'Failed',
                durationSeconds: 212,
                deploymentId: 'd-NOT0034LN',
                errorDetails: {
                  code: 'JobFailed',
                  message:
                    'Deployment d-NOT0034LN failed: alarm notifications-service-errors',
                },
              }),
            ],
            { retryable: true },
          ),
        ],
        execution(executionId, 'Failed', notificationsRev),
        false,
      ),
    ],
    deploymentGroups: [
      groupSection(
        'notifications-service',
        'Lambda',
        linearRouting,
        { current: undefined, recent: [rollback, failed] },
        [
          alarm(
            'notifications-service-errors',
            'ALARM',
            'Threshold Crossed: 1 datapoint [14.0] was greater than the threshold (5.0).',
          ),
          alarm('notifications-service-latency', 'OK'),
        ],
      ),
    ],
    buildProjects: [],
  });
}

/** The same rollback while it runs: all traffic goes back at once. */
export function notificationsRollingBack(): DeliveryResponse {
  const res = notificationsRolledBack();
  const section = res.deploymentGroups[0];
  const [rollback, failed] = section.group!.recent;
  const running = {
    ...rollback,
    status: 'InProgress' as const,
    durationSeconds: 4,
    currentStep: 0,
    traffic: {
      platform: 'Lambda' as const,
      currentVersion: '34',
      targetVersion: '33',
      targetVersionWeight: 100,
    },
  };
  section.group!.current = running;
  section.group!.recent = [running, failed];
  res.inProgress = true;
  return res;
}

// ----------------------------------------------------------- orders-service
// ECS blue/green: green is up with test traffic, waiting in the ready wait.

export function ordersService(): DeliveryResponse {
  const current = deployment('d-ORD0018BG', 'Ready', {
    description: 'Deploy orders-service task definition 18',
    durationSeconds: 410,
    targets: [
      {
        targetId: 'orders-cluster:orders-service',
        type: 'ECSTarget',
        status: 'Ready',
        lifecycleEvents: [
          { name: 'BeforeInstall', status: 'Succeeded', durationSeconds: 2 },
          { name: 'Install', status: 'Succeeded', durationSeconds: 96 },
          { name: 'AfterInstall', status: 'Succeeded', durationSeconds: 3 },
          {
            name: 'BeforeAllowTestTraffic',
            status: 'Succeeded',
            durationSeconds: 2,
          },
          { name: 'AllowTestTraffic', status: 'Succeeded', durationSeconds: 5 },
          {
            name: 'AfterAllowTestTraffic',
            status: 'Succeeded',
            durationSeconds: 31,
          },
          { name: 'BeforeAllowTraffic', status: 'Pending' },
          { name: 'AllowTraffic', status: 'Pending' },
          { name: 'AfterAllowTraffic', status: 'Pending' },
        ],
      },
    ],
    traffic: {
      platform: 'ECS',
      service: 'orders-service',
      taskSets: [
        {
          id: 'ecs-svc/1111111111111111111',
          label: 'Blue',
          status: 'PRIMARY',
          desiredCount: 3,
          runningCount: 3,
          pendingCount: 0,
          trafficWeight: 100,
          targetGroup: 'orders-service-blue',
        },
        {
          id: 'ecs-svc/2222222222222222222',
          label: 'Green',
          status: 'ACTIVE',
          desiredCount: 3,
          runningCount: 3,
          pendingCount: 0,
          trafficWeight: 0,
          targetGroup: 'orders-service-green',
        },
      ],
      testTrafficTo: 'Green',
    },
    readyWaitRemainingSeconds: 3125,
    possibleActions: {
      stop: true,
      stopAndRollback: true,
      continueReadyWait: true,
      continueTerminationWait: false,
    },
  });
  return response('orders-service', {
    inProgress: true,
    pipelines: [],
    deploymentGroups: [
      groupSection(
        'orders-service',
        'ECS',
        {
          deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
          type: 'AllAtOnce',
          steps: [{ atMinute: 0, percentage: 100 }],
          description: 'All traffic at once',
        },
        { current, recent: [current] },
        [alarm('orders-service-5xx', 'OK')],
        {
          blueGreen: {
            readyWait: {
              actionOnTimeout: 'STOP_DEPLOYMENT',
              waitTimeInMinutes: 60,
            },
            termination: {
              action: 'TERMINATE',
              terminationWaitTimeInMinutes: 5,
            },
          },
        },
      ),
    ],
    buildProjects: [],
  });
}

/** orders-service just after the reroute: all traffic on green, its hooks still running. */
export function ordersServiceRerouted(): DeliveryResponse {
  const res = ordersService();
  const group = res.deploymentGroups[0].group!;
  const d = group.current!;
  d.status = 'InProgress';
  d.readyWaitRemainingSeconds = undefined;
  d.possibleActions = { ...d.possibleActions, continueReadyWait: false };
  const events = d.targets[0].lifecycleEvents;
  events.find(e => e.name === 'BeforeAllowTraffic')!.status = 'Succeeded';
  events.find(e => e.name === 'AllowTraffic')!.status = 'InProgress';
  if (d.traffic?.platform === 'ECS') {
    const [blue, green] = d.traffic.taskSets;
    blue.trafficWeight = 0;
    blue.status = 'ACTIVE';
    green.trafficWeight = 100;
    green.status = 'PRIMARY';
  }
  return res;
}

// ------------------------------------------------------------- checkout-web
// Source, Build and Test passed; the Approval stage waits for a person.

export const CHECKOUT_EXECUTION = '5e7a9c1b-3d5f-4a7c-9e1b-3d5f7a9c1b3d';
const checkoutRev = revision(
  'checkout-web',
  '7c4e1a9f3b6d2e8a0c5f7b1d9e3a6c2f8b4d0e7a',
  'New payment method picker',
);

export function checkoutWeb(): DeliveryResponse {
  return response('checkout-web', {
    inProgress: true,
    pipelines: [
      pipelineSection(
        'checkout-web',
        [
          sourceStage(CHECKOUT_EXECUTION, checkoutRev),
          ...buildStages('checkout-web', CHECKOUT_EXECUTION, 311),
          stage('Approval', 'InProgress', CHECKOUT_EXECUTION, [
            action({
              name: 'ApproveRelease',
              category: 'Approval',
              owner: 'AWS',
              provider: 'Manual',
              status: 'InProgress',
              durationSeconds: 1080,
              approval: {
                waiting: true,
                expiresAt: '2026-12-03T10:42:00.000Z',
                customData: 'Check the checkout flow on staging first.',
                externalEntityLink: 'https://staging.checkout.example.com',
              },
            }),
          ]),
          stage(
            'Production',
            undefined,
            undefined,
            [
              action({
                name: 'Deploy',
                category: 'Deploy',
                provider: 'CodeDeployToECS',
              }),
            ],
            {
              inboundTransition: {
                enabled: false,
                disabledReason: 'Change freeze until Monday',
                lastChangedBy: 'jane.doe',
                lastChangedAt: '2026-11-26T08:00:00.000Z',
              },
            },
          ),
        ],
        execution(CHECKOUT_EXECUTION, 'InProgress', checkoutRev, {
          durationSeconds: 1500,
        }),
        true,
      ),
    ],
    deploymentGroups: [],
    buildProjects: [],
  });
}

// -------------------------------------------------------- inventory-service
// The latest execution failed in Build.

export const INVENTORY_EXECUTION = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
export const BUILD_FAILURE =
  'Error while executing command: npm run build. Reason: exit status 2';
const inventoryRev = {
  actionName: 'Source',
  revisionId: '3f7a2c9e1b5d8f4a6c0e2b7d9f1a3c5e7b9d2f4a',
  summary: 'Reserve stock in a single transaction',
  url: `${CONSOLE}/codesuite/codecommit/repositories/inventory-service/commit/3f7a2c9e1b5d8f4a6c0e2b7d9f1a3c5e7b9d2f4a`,
};

export function inventoryService(): DeliveryResponse {
  const failedBuild = build(
    'inventory-service',
    64,
    'FAILED',
    inventoryRev.revisionId,
    {
      durationSeconds: 139,
      phases: phases({ phase: 'BUILD', message: BUILD_FAILURE }),
    },
  );
  return response('inventory-service', {
    inProgress: false,
    pipelines: [
      pipelineSection(
        'inventory-service',
        [
          stage('Source', 'Succeeded', INVENTORY_EXECUTION, [
            action({
              name: 'Source',
              category: 'Source',
              provider: 'CodeCommit',
              status: 'Succeeded',
              revision: inventoryRev,
            }),
          ]),
          stage(
            'Build',
            'Failed',
            INVENTORY_EXECUTION,
            [
              action({
                name: 'Build',
                status: 'Failed',
                durationSeconds: 139,
                buildId: failedBuild.id,
                errorDetails: {
                  code: 'JobFailed',
                  message: `Build terminated with state: FAILED. Phase: BUILD, Code: COMMAND_EXECUTION_ERROR, Message: ${BUILD_FAILURE}`,
                },
                externalExecutionUrl: failedBuild.consoleUrl,
              }),
            ],
            { retryable: true },
          ),
          stage('Test', 'Succeeded', 'c0ffee00-1111-4222-8333-444455556666', [
            action({
              name: 'UnitTests',
              status: 'Succeeded',
              durationSeconds: 190,
            }),
          ]),
          stage(
            'Production',
            'Succeeded',
            'c0ffee00-1111-4222-8333-444455556666',
            [
              action({
                name: 'Deploy',
                category: 'Deploy',
                provider: 'CodeDeploy',
                status: 'Succeeded',
                durationSeconds: 640,
              }),
            ],
          ),
        ],
        execution(
          INVENTORY_EXECUTION,
          'Failed',
          inventoryRev as ReturnType<typeof revision>,
          {
            durationSeconds: 160,
          },
        ),
        false,
      ),
    ],
    deploymentGroups: [],
    buildProjects: [buildSection('inventory-service', [failedBuild])],
  });
}

// ----------------------------------------------------------- search-service
// Healthy and idle.

export function searchService(): DeliveryResponse {
  const executionId = '1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b';
  const rev = revision(
    'search-service',
    '5d2c8a1f9e4b7c3a6d0e2f1b8a9c7d6e5f4a3b2c',
    'Cache facet counts for 60 seconds',
  );
  const last = deployment('d-SRC0058AO', 'Succeeded', { durationSeconds: 48 });
  return response('search-service', {
    inProgress: false,
    pipelines: [
      pipelineSection(
        'search-service',
        [
          sourceStage(executionId, rev),
          ...buildStages('search-service', executionId, 402),
          stage('Production', 'Succeeded', executionId, [
            action({
              name: 'Deploy',
              category: 'Deploy',
              provider: 'CodeDeploy',
              status: 'Succeeded',
              durationSeconds: 52,
              deploymentId: 'd-SRC0058AO',
            }),
          ]),
        ],
        execution(executionId, 'Succeeded', rev, { durationSeconds: 431 }),
        false,
      ),
    ],
    deploymentGroups: [
      groupSection(
        'search-service',
        'Lambda',
        lambdaRouting(
          'CodeDeployDefault.LambdaAllAtOnce',
          'AllAtOnce',
          [{ atMinute: 0, percentage: 100 }],
          'All traffic at once',
        ),
        { current: undefined, recent: [last] },
        [alarm('search-service-errors', 'OK')],
      ),
    ],
    buildProjects: [
      buildSection('search-service', [
        build('search-service', 402, 'SUCCEEDED', rev.revisionId),
      ]),
    ],
  });
}

/** History pages of a pipeline. */
export function executionsPage(
  service: string,
  from: number,
  count: number,
  nextPageToken?: string,
) {
  return {
    executions: Array.from({ length: count }, (_, i) => {
      const n = from + i;
      const id = `${String(n).padStart(8, '0')}-aaaa-4bbb-8ccc-dddddddddddd`;
      return execution(
        id,
        n % 5 === 3 ? 'Failed' : 'Succeeded',
        revision(
          service,
          `${String(n).padStart(7, '0')}${'a'.repeat(33)}`,
          `Change number ${n}`,
        ),
        {
          executionType: n === 4 ? 'ROLLBACK' : 'STANDARD',
          trigger: {
            triggerType: n === 4 ? 'AutomatedRollback' : 'CloudWatchEvent',
          },
        },
      );
    }),
    nextPageToken,
  };
}
