import type {
  ActionDeclaration,
  ActionExecutionStatus,
  ArtifactRevision,
  ErrorDetails,
  ExecutionMode,
  ExecutionTrigger,
  PipelineDeclaration,
  PipelineExecutionStatus,
  SourceRevision,
  StageDeclaration,
  StageExecutionStatus,
} from '@aws-sdk/client-codepipeline';
import type { Build, Project } from '@aws-sdk/client-codebuild';
import type {
  ApplicationInfo,
  DeploymentGroupInfo,
  DeploymentInfo,
  ECSTaskSet,
  LambdaFunctionInfo,
  LifecycleEvent,
  TargetStatus,
} from '@aws-sdk/client-codedeploy';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { Scope } from '../arn';
import { Timer } from '../clock';

/**
 * The emulator's state. Records hold what the AWS APIs return (timestamps as Date) plus the bookkeeping the
 * simulation needs; handlers map them to outputs.
 */

/** A commit as the source action sees it. */
export interface Commit {
  revisionId: string;
  summary: string;
  created: Date;
  author?: string;
  url?: string;
}

export interface PipelineRecord {
  scope: Scope;
  arn: string;
  declaration: PipelineDeclarationRecord;
  created: Date;
  updated: Date;
  /** Oldest first. */
  executions: ExecutionRecord[];
  /** The branch head the next execution picks up. */
  head?: Commit;
  /** Deployment groups followed by actions that do not name one themselves (CloudFormation): `Stage/Action` -> group. */
  deployLinks: Record<string, { application: string; group: string }>;
  /** Which execution holds each stage, and who waits to enter it. */
  occupant: Map<string, string>;
  inbound: Map<string, string[]>;
}

export type PipelineDeclarationRecord = Omit<
  PipelineDeclaration,
  'name' | 'stages'
> & {
  name: string;
  stages: StageDeclarationRecord[];
};
export type StageDeclarationRecord = Omit<
  StageDeclaration,
  'name' | 'actions'
> & {
  name: string;
  actions: ActionDeclarationRecord[];
};
export type ActionDeclarationRecord = Omit<ActionDeclaration, 'name'> & {
  name: string;
};

export interface ActionRun {
  actionExecutionId: string;
  pipelineExecutionId: string;
  pipelineVersion: number;
  stageName: string;
  actionName: string;
  declaration: ActionDeclarationRecord;
  status: ActionExecutionStatus;
  startTime: Date;
  lastUpdateTime: Date;
  summary?: string;
  externalExecutionId?: string;
  externalExecutionUrl?: string;
  errorDetails?: ErrorDetails;
  /** Manual approvals: the token PutApprovalResult must echo. */
  token?: string;
  percentComplete?: number;
  updatedBy?: string;
  outputVariables?: Record<string, string>;
  logStreamARN?: string;
  /** Stops whatever the action is waiting on (timers of a source poll, an approval timeout). */
  cancel?: () => void;
}

export interface StageRun {
  name: string;
  status: StageExecutionStatus;
  /** Latest run of each action of the stage in this execution. */
  actions: Map<string, ActionRun>;
  /** The runOrder group being worked on. */
  runOrder: number;
  manualRetries: number;
}

export interface ExecutionRecord {
  id: string;
  pipelineName: string;
  pipelineVersion: number;
  status: PipelineExecutionStatus;
  statusSummary?: string;
  startTime: Date;
  lastUpdateTime: Date;
  trigger: ExecutionTrigger;
  executionMode: ExecutionMode;
  executionType: 'STANDARD' | 'ROLLBACK';
  sourceRevisions: SourceRevision[];
  artifactRevisions: ArtifactRevision[];
  commit?: Commit;
  /** Index of the stage the execution is in (or waits to enter). */
  stageIndex: number;
  /** Waiting at the transition into `stageIndex`. */
  waiting: boolean;
  stages: Map<string, StageRun>;
  /** Every action run, oldest first (ListActionExecutions). */
  actionRuns: ActionRun[];
  stopTrigger?: { reason?: string };
  stopping?: { abandon: boolean };
  variables: { name: string; resolvedValue: string }[];
}

export interface ProjectRecord {
  project: Project & { name: string };
  /** Build ids, oldest first. */
  builds: string[];
  nextBuildNumber: number;
  /** Seconds a build takes (uniform between min and max). */
  duration: { min: number; max: number };
  /** One-shot failures armed by the script: the next builds fail in this phase. */
  failNext: BuildFailure[];
}

export interface BuildFailure {
  phase: string;
  message: string;
  status: 'FAILED' | 'FAULT' | 'TIMED_OUT';
}

export interface BuildRecord {
  build: Build & { id: string; projectName: string };
  timers: Timer[];
}

export interface ApplicationRecord {
  info: ApplicationInfo & { applicationName: string };
  groups: Map<string, DeploymentGroupRecord>;
}

/** Where traffic goes today: the live Lambda version, or the ECS task set in service. */
export interface LambdaLive {
  functionName: string;
  alias: string;
  version: number;
}

export interface EcsLive {
  clusterName: string;
  serviceName: string;
  taskDefinitionFamily: string;
  taskDefinitionRevision: number;
  taskSetId: string;
  desiredCount: number;
  blueTargetGroup: string;
  greenTargetGroup: string;
  prodPort: number;
  testPort?: number;
}

export interface DeploymentGroupRecord {
  info: DeploymentGroupInfo & {
    applicationName: string;
    deploymentGroupName: string;
  };
  lambda?: LambdaLive;
  ecs?: EcsLive;
  /** Lifecycle hooks configured (Lambda pre/post traffic hooks, ECS hook functions), by event name. */
  hooks: Set<string>;
  /** Seconds a hook takes. */
  hookSeconds: number;
  /** Scripted: alarms that fire during the next deployments of the group. */
  alarmPlans: AlarmPlan[];
  /** Scripted: hooks that fail in the next deployment. */
  hookFailures: string[];
}

export interface AlarmPlan {
  alarm: string;
  /** Seconds after the deployment starts. */
  after: number;
  /** Seconds after firing when the alarm returns to OK (never, when absent). */
  clearAfter?: number;
}

export interface DeploymentTargetRecord {
  targetId: string;
  targetArn: string;
  status: TargetStatus;
  lastUpdatedAt: Date;
  lifecycleEvents: LifecycleEvent[];
  lambda?: LambdaFunctionInfo;
  taskSets?: ECSTaskSet[];
}

export type DeploymentWait = 'READY_WAIT' | 'TERMINATION_WAIT';

export interface DeploymentRecord {
  scope: Scope;
  info: DeploymentInfo & {
    deploymentId: string;
    applicationName: string;
    deploymentGroupName: string;
    createTime: Date;
  };
  target: DeploymentTargetRecord;
  /** What the deployment is waiting for, if anything. */
  waiting?: DeploymentWait;
  timers: Timer[];
  /** Called once when the deployment reaches Succeeded, Failed or Stopped. */
  settled: ((d: DeploymentRecord) => void)[];
  /** Source of the artifact (pipeline execution) for descriptions. */
  isRollback: boolean;
}

export interface AlarmRecord {
  alarm: MetricAlarm & {
    AlarmName: string;
    StateValue: NonNullable<MetricAlarm['StateValue']>;
  };
}
