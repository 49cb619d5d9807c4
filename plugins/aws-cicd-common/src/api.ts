/*
 * The HTTP API of the aws-cicd backend plugin: JSON shapes shared by the
 * backend (which produces them) and the frontend (which renders them).
 *
 * The routes (method, path, request schemas) are declared in routes.ts;
 * the request and response types are here.
 *
 * Times are ISO 8601 strings; durations and countdowns are whole seconds
 * computed by the backend (the viewer's clock is never trusted).
 */

/**
 * Why a section could not be read. `name` is stable for code; `message` says
 * what failed and what to do, in words for a person.
 * @public
 */
export interface SectionError {
  name:
    | 'NotFound'
    | 'AccessDenied'
    | 'Throttled'
    | 'Unavailable'
    | 'Timeout'
    | 'Misconfigured'
    | 'Unknown';
  message: string;
}

/** An AWS resource as the page links to it. @public */
export interface AwsResourceInfo {
  arn: string;
  region: string;
  accountId: string;
  /** Deep link into the AWS console. */
  consoleUrl: string;
}

// ---------------------------------------------------------------- pipelines

/** @public */
export type PipelineExecutionStatus =
  | 'Cancelled'
  | 'InProgress'
  | 'Stopped'
  | 'Stopping'
  | 'Succeeded'
  | 'Superseded'
  | 'Failed';

/** @public */
export type StageExecutionStatus =
  | 'Cancelled'
  | 'InProgress'
  | 'Failed'
  | 'Stopped'
  | 'Stopping'
  | 'Succeeded'
  | 'Skipped';

/** @public */
export type ActionExecutionStatus =
  'InProgress' | 'Abandoned' | 'Succeeded' | 'Failed';

/** A source revision flowing through the pipeline. @public */
export interface RevisionInfo {
  actionName?: string;
  revisionId: string;
  summary?: string;
  url?: string;
  created?: string;
}

/** @public */
export interface ErrorDetails {
  code?: string;
  message?: string;
}

/** One action in a stage, definition merged with its latest state. @public */
export interface PipelineActionView {
  name: string;
  /** Source | Build | Test | Deploy | Approval | Invoke | Compute */
  category: string;
  owner: string;
  /** e.g. CodeBuild, CodeDeployToECS, CloudFormation, Manual, CodeStarSourceConnection */
  provider: string;
  runOrder: number;
  status?: ActionExecutionStatus;
  summary?: string;
  lastStatusChange?: string;
  /** Seconds since the action started (running) or its duration (done), when known. */
  durationSeconds?: number;
  percentComplete?: number;
  errorDetails?: ErrorDetails;
  externalExecutionId?: string;
  externalExecutionUrl?: string;
  /** The CodeBuild build id, for CodeBuild actions. */
  buildId?: string;
  /** The CodeDeploy deployment id, for CodeDeploy actions. */
  deploymentId?: string;
  /** The revision this action holds (source actions). */
  revision?: RevisionInfo;
  /** Set on a Manual approval action that waits for a decision. The token stays on the server. */
  approval?: {
    waiting: boolean;
    /** When the approval expires (7 days after it started). */
    expiresAt?: string;
    /** The approval's own message (CustomData), when configured. */
    customData?: string;
    externalEntityLink?: string;
  };
  /** Link to the action's configuration in the console or its target. */
  entityUrl?: string;
}

/** @public */
export interface PipelineStageView {
  name: string;
  status?: StageExecutionStatus;
  /** The pipeline execution the stage's state belongs to. */
  pipelineExecutionId?: string;
  inboundTransition: {
    enabled: boolean;
    disabledReason?: string;
    lastChangedBy?: string;
    lastChangedAt?: string;
  };
  actions: PipelineActionView[];
  /** Whether RetryStageExecution is possible now (failed stage of the latest execution). */
  retryable: boolean;
}

/** One row of the execution history. @public */
export interface ExecutionSummary {
  pipelineExecutionId: string;
  status: PipelineExecutionStatus;
  statusSummary?: string;
  startTime?: string;
  lastUpdateTime?: string;
  /** lastUpdateTime - startTime, or now - startTime while running. */
  durationSeconds?: number;
  trigger?: { triggerType?: string; triggerDetail?: string };
  sourceRevisions: RevisionInfo[];
  /** STANDARD or ROLLBACK. */
  executionType?: string;
  executionMode?: string;
  stopReason?: string;
}

/** @public */
export interface PipelineView extends AwsResourceInfo {
  name: string;
  version?: number;
  executionMode?: string;
  pipelineType?: string;
  stages: PipelineStageView[];
  latestExecution?: ExecutionSummary;
  /** Whether anything runs now (the page refreshes faster). */
  inProgress: boolean;
}

/** @public */
export interface PipelineSection {
  /** The pipeline's name, from the annotation. */
  name: string;
  arn: string;
  pipeline?: PipelineView;
  /**
   * The first page of the execution history (newest first), read with the
   * pipeline's state so the page needs no request of its own for it; older
   * pages come from the executions route with its `nextPageToken`. Absent
   * when the pipeline could not be read.
   */
  history?: ExecutionsPage;
  error?: SectionError;
}

/** @public */
export interface ExecutionsPage {
  executions: ExecutionSummary[];
  /** Pass as pageToken for the next (older) page. */
  nextPageToken?: string;
}

/** @public */
export interface ActionExecutionView {
  actionExecutionId: string;
  stageName: string;
  actionName: string;
  status?: ActionExecutionStatus;
  startTime?: string;
  lastUpdateTime?: string;
  durationSeconds?: number;
  category?: string;
  provider?: string;
  summary?: string;
  externalExecutionId?: string;
  externalExecutionUrl?: string;
  errorDetails?: ErrorDetails;
}

/** @public */
export interface ActionExecutionsResponse {
  pipelineExecutionId: string;
  actionExecutions: ActionExecutionView[];
}

// ---------------------------------------------------------------- builds

/** @public */
export type BuildStatus =
  'SUCCEEDED' | 'FAILED' | 'FAULT' | 'TIMED_OUT' | 'IN_PROGRESS' | 'STOPPED';

/** @public */
export interface BuildPhaseView {
  /** SUBMITTED, QUEUED, PROVISIONING, DOWNLOAD_SOURCE, INSTALL, PRE_BUILD, BUILD, POST_BUILD, UPLOAD_ARTIFACTS, FINALIZING, COMPLETED */
  phaseType: string;
  phaseStatus?: string;
  startTime?: string;
  endTime?: string;
  durationSeconds?: number;
  /** Messages of a failed phase. */
  contexts: { statusCode?: string; message?: string }[];
}

/** @public */
export interface BuildView {
  id: string;
  arn?: string;
  buildNumber?: number;
  projectName: string;
  status: BuildStatus | string;
  currentPhase?: string;
  startTime?: string;
  endTime?: string;
  durationSeconds?: number;
  sourceVersion?: string;
  resolvedSourceVersion?: string;
  /** e.g. codepipeline/payments-api */
  initiator?: string;
  phases: BuildPhaseView[];
  logsUrl?: string;
  consoleUrl: string;
}

/** The builds of one CodeBuild project. @public */
export interface BuildProjectSection {
  projectName: string;
  region: string;
  accountId: string;
  /** Where the project comes from: the codebuild annotation or a CodeBuild action of a pipeline. */
  source: 'annotation' | 'pipeline';
  /** Newest first. */
  builds?: BuildView[];
  nextPageToken?: string;
  error?: SectionError;
}

/** @public */
export interface BuildsPage {
  builds: BuildView[];
  nextPageToken?: string;
}

// ---------------------------------------------------------------- deployments

/** @public */
export type DeploymentStatus =
  | 'Created'
  | 'Queued'
  | 'InProgress'
  | 'Baking'
  | 'Succeeded'
  | 'Failed'
  | 'Stopped'
  | 'Ready';

/** A point of a traffic shifting plan: `percentage` of traffic on the new version from `atMinute`. @public */
export interface TrafficStep {
  atMinute: number;
  percentage: number;
}

/** A deployment configuration resolved to its traffic routing. @public */
export interface TrafficRouting {
  deploymentConfigName: string;
  type: 'TimeBasedCanary' | 'TimeBasedLinear' | 'AllAtOnce';
  /** Canary or linear step size. */
  percentage?: number;
  intervalMinutes?: number;
  /** The whole plan, ending at 100%. */
  steps: TrafficStep[];
  /** e.g. "10% now, 100% after 5 min" */
  description: string;
}

/** @public */
export interface LifecycleEventView {
  name: string;
  /** Pending | InProgress | Succeeded | Failed | Skipped | Unknown */
  status?: string;
  startTime?: string;
  endTime?: string;
  durationSeconds?: number;
  diagnostics?: { errorCode?: string; message?: string; logTail?: string };
}

/** @public */
export interface DeploymentTargetView {
  targetId: string;
  /** LambdaTarget | ECSTarget | InstanceTarget | CloudFormationTarget */
  type: string;
  status?: string;
  lastUpdatedAt?: string;
  lifecycleEvents: LifecycleEventView[];
}

/** Lambda: the alias's weight between the current and the target version. @public */
export interface LambdaTrafficView {
  platform: 'Lambda';
  functionName?: string;
  alias?: string;
  currentVersion?: string;
  targetVersion?: string;
  /** Percentage (0-100) of traffic on targetVersion. */
  targetVersionWeight: number;
}

/** @public */
export interface EcsTaskSetView {
  id: string;
  /** Blue (original) or Green (replacement). */
  label?: string;
  status?: string;
  desiredCount?: number;
  runningCount?: number;
  pendingCount?: number;
  /** Percentage (0-100) of production traffic. */
  trafficWeight: number;
  targetGroup?: string;
}

/** ECS blue/green: the task sets and where production and test traffic go. @public */
export interface EcsTrafficView {
  platform: 'ECS';
  service?: string;
  taskSets: EcsTaskSetView[];
  /** The task set label that receives test traffic (test listener), if any. */
  testTrafficTo?: string;
}

/** @public */
export interface DeploymentView {
  deploymentId: string;
  status: DeploymentStatus | string;
  creator?: string;
  description?: string;
  deploymentConfigName?: string;
  createTime?: string;
  startTime?: string;
  completeTime?: string;
  durationSeconds?: number;
  errorInformation?: { code?: string; message?: string };
  /** Both directions: set on the failed deployment and on its rollback. */
  rollbackInfo?: {
    rollbackDeploymentId?: string;
    rollbackTriggeringDeploymentId?: string;
    rollbackMessage?: string;
  };
  /** True for a deployment CodeDeploy created to roll back (creator codeDeployRollback). */
  isRollback: boolean;
  overview?: {
    Pending?: number;
    InProgress?: number;
    Succeeded?: number;
    Failed?: number;
    Skipped?: number;
    Ready?: number;
  };
  statusMessages: string[];
  targets: DeploymentTargetView[];
  traffic?: LambdaTrafficView | EcsTrafficView;
  /** The step of the traffic plan reached now (index into TrafficRouting.steps). */
  currentStep?: number;
  /** Seconds until the next traffic shift, for a running canary/linear deployment. */
  nextShiftInSeconds?: number;
  /** Blue/green waits: seconds left, when the deployment is in that wait. */
  readyWaitRemainingSeconds?: number;
  terminationWaitRemainingSeconds?: number;
  /** What can be done now (the page offers these, subject to permissions). */
  possibleActions: {
    stop: boolean;
    stopAndRollback: boolean;
    continueReadyWait: boolean;
    continueTerminationWait: boolean;
  };
  consoleUrl: string;
}

/** @public */
export interface AlarmView {
  name: string;
  /** OK | ALARM | INSUFFICIENT_DATA, or UNKNOWN when CloudWatch does not know it. */
  state: string;
  reason?: string;
  updatedAt?: string;
  metricName?: string;
  namespace?: string;
  threshold?: number;
  comparisonOperator?: string;
}

/** @public */
export interface DeploymentGroupView extends AwsResourceInfo {
  applicationName: string;
  deploymentGroupName: string;
  /** Lambda | ECS | Server */
  computePlatform?: string;
  trafficRouting?: TrafficRouting;
  blueGreen?: {
    readyWait?: { actionOnTimeout?: string; waitTimeInMinutes?: number };
    termination?: { action?: string; terminationWaitTimeInMinutes?: number };
  };
  autoRollback: { enabled: boolean; events: string[] };
  /** The deployment in progress (or waiting), if any. */
  current?: DeploymentView;
  /** Recent deployments, newest first (includes current). */
  recent: DeploymentView[];
}

/** @public */
export interface DeploymentGroupSection {
  applicationName: string;
  deploymentGroupName: string;
  arn: string;
  group?: DeploymentGroupView;
  error?: SectionError;
  /** The group's CloudWatch alarms with their live state; a section of its own. */
  alarms?: { enabled: boolean; items?: AlarmView[]; error?: SectionError };
}

// ---------------------------------------------------------------- the page

/** Everything the entity page shows, in one response. @public */
export interface DeliveryResponse {
  entityRef: string;
  /** When the backend assembled this (ISO). */
  generatedAt: string;
  pipelines: PipelineSection[];
  deploymentGroups: DeploymentGroupSection[];
  buildProjects: BuildProjectSection[];
  /** Whether anything is in progress: the page polls faster. */
  inProgress: boolean;
}

// ---------------------------------------------------------------- writes

/** @public */
export interface ApprovalRequest {
  stageName: string;
  actionName: string;
  status: 'Approved' | 'Rejected';
  /** The reviewer's comment (1-512 characters). */
  summary: string;
}

/** @public */
export interface RetryStageRequest {
  pipelineExecutionId: string;
  /** Default FAILED_ACTIONS. */
  retryMode?: 'FAILED_ACTIONS' | 'ALL_ACTIONS';
}

/** @public */
export interface StartExecutionRequest {
  /** Idempotency token; the same token does not start twice. */
  clientRequestToken?: string;
}

/** @public */
export interface StartExecutionResponse {
  pipelineExecutionId: string;
  pipeline: PipelineSection;
}

/** @public */
export interface StopExecutionRequest {
  /** Stop now and abandon in-progress actions, instead of letting them finish. */
  abandon?: boolean;
  reason?: string;
}

/** @public */
export interface StopDeploymentRequest {
  /** Roll back to the previous version after stopping. */
  rollback: boolean;
}

/** @public */
export interface ContinueDeploymentRequest {
  /** READY_WAIT: reroute production traffic now. TERMINATION_WAIT: terminate the original task set now. */
  waitType: 'READY_WAIT' | 'TERMINATION_WAIT';
}
