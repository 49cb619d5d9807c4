import { FaultConfig } from '../faults';

/**
 * A scenario: the AWS resources the emulator starts with and a script of what happens to them.
 * Documented in the README ("Scenario format"); `loadScenario` checks a parsed file against these types.
 */
export interface Scenario {
  name?: string;
  /** Seed for every random draw (durations, ids, history): the same seed gives the same run. */
  seed?: number;
  /** Default account of resources and of calls whose access key is not mapped. Default 123456789012. */
  account?: string;
  /** Default region of resources and of unsigned calls. Default eu-west-1. */
  region?: string;
  /** More accounts, each selected by the access key ids that sign the calls. */
  accounts?: { id: string; accessKeyIds?: string[] }[];
  /** Generate a plausible history for the past `days` (executions, builds, deployments, rollbacks). */
  history?: HistorySpec;
  services?: ServiceSpec[];
  /** Extra CodeBuild projects (services get `<name>-build` and `<name>-test` by themselves). */
  projects?: ProjectSpec[];
  /** Extra CloudWatch alarms (alarms named by deployment groups are created by themselves). */
  alarms?: AlarmSpec[];
  /** Custom CodeDeploy deployment configurations. */
  deploymentConfigs?: DeploymentConfigSpec[];
  /** The script. */
  events?: ScenarioEvent[];
  /** Faults active from the start. */
  faults?: FaultConfig;
}

export interface HistorySpec {
  days: number;
  /** Average commits per working day and service. Default 3. */
  commitsPerDay?: number;
  /** Probabilities per release. */
  failureRates?: {
    build?: number;
    test?: number;
    alarm?: number;
    reject?: number;
  };
  /** No generated activity in the last N hours before the start (so the scripted present is not disturbed). Default 3. */
  quietHours?: number;
}

export type Platform = 'lambda' | 'ecs';

export interface ServiceSpec {
  /** Pipeline name = CodeDeploy application name; group `<name>-production`; projects `<name>-build`, `<name>-test`. */
  name: string;
  platform: Platform;
  account?: string;
  region?: string;
  source?: {
    provider?: 'CodeStarSourceConnection' | 'CodeCommit';
    /** owner/repo for connections, repository name for CodeCommit. Default `acme/<name>`. */
    repository?: string;
    branch?: string;
  };
  pipeline?: {
    executionMode?: 'SUPERSEDED' | 'QUEUED' | 'PARALLEL';
    pipelineType?: 'V1' | 'V2';
    /** A Manual approval before Production: true for a stage named `Approval`, or the stage name. */
    approval?: boolean | string;
  };
  /** Build and test durations in seconds [min, max]. Defaults [120, 240] and [180, 300]. */
  buildSeconds?: [number, number];
  testSeconds?: [number, number];
  deployment?: DeploymentSpec;
}

export interface DeploymentSpec {
  /** Deployment configuration name. Defaults: CodeDeployDefault.LambdaAllAtOnce / ECSAllAtOnce. */
  config?: string;
  alarms?: (string | AlarmSpec)[];
  /** true = DEPLOYMENT_FAILURE + DEPLOYMENT_STOP_ON_ALARM; or the exact list of events. */
  autoRollback?:
    | boolean
    | (
        | 'DEPLOYMENT_FAILURE'
        | 'DEPLOYMENT_STOP_ON_ALARM'
        | 'DEPLOYMENT_STOP_ON_REQUEST'
      )[];
  /** Lifecycle hooks with a hook function: true = the platform's usual ones, or event names. */
  hooks?: boolean | string[];
  /** Seconds a hook runs. Default 30. */
  hookSeconds?: number;
  /** ECS: wait for ContinueDeployment before rerouting production traffic. */
  readyWait?: {
    minutes: number;
    action?: 'STOP_DEPLOYMENT' | 'CONTINUE_DEPLOYMENT';
  };
  /** ECS: minutes the original task set is kept after the traffic shift. Default 0. */
  terminationWait?: number;
  /** ECS: test listener port (test traffic). Default 9000; null for none. */
  testPort?: number | null;
  /** ECS: desired task count. Default 3. */
  desiredCount?: number;
  /** Lambda version / task definition revision live at the start. Default 1. */
  initialVersion?: number;
}

export interface ProjectSpec {
  name: string;
  account?: string;
  region?: string;
  description?: string;
  seconds?: [number, number];
}

export interface AlarmSpec {
  name: string;
  account?: string;
  region?: string;
  description?: string;
  metric?: string;
  namespace?: string;
  statistic?: 'SampleCount' | 'Average' | 'Sum' | 'Minimum' | 'Maximum';
  extendedStatistic?: string;
  threshold?: number;
  comparison?:
    | 'GreaterThanOrEqualToThreshold'
    | 'GreaterThanThreshold'
    | 'LessThanThreshold'
    | 'LessThanOrEqualToThreshold';
  period?: number;
  evaluationPeriods?: number;
  dimensions?: Record<string, string>;
  state?: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
}

export interface DeploymentConfigSpec {
  name: string;
  account?: string;
  region?: string;
  computePlatform: 'Lambda' | 'ECS';
  trafficRouting:
    | { type: 'AllAtOnce' }
    | { type: 'TimeBasedCanary'; percentage: number; intervalMinutes: number }
    | { type: 'TimeBasedLinear'; percentage: number; intervalMinutes: number };
}

/** When an event happens: `at` seconds after the start (negative = before it; replayed at startup). */
export interface EventTiming {
  at?: number;
  /** Repeat every N seconds after `at`. */
  every?: number;
  /** Last time (seconds after start) a repeating event may run. */
  until?: number;
}

export type ScenarioEvent = EventTiming &
  (
    | {
        commit: {
          pipeline: string;
          revision?: string;
          summary?: string;
          author?: string;
        };
      }
    | { start: { pipeline: string } }
    | {
        build: {
          project: string;
          fail: true;
          phase?: string;
          message?: string;
          status?: 'FAILED' | 'FAULT' | 'TIMED_OUT';
        };
      }
    | {
        alarm: {
          name: string;
          state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
          reason?: string;
        };
      }
    | {
        approval: {
          pipeline: string;
          stage?: string;
          action?: string;
          result?: 'Approved' | 'Rejected';
          summary?: string;
          /** Wait up to N seconds for an approval to become pending. Default 0. */
          within?: number;
        };
      }
    | {
        continueDeployment: {
          application: string;
          group?: string;
          waitType?: 'READY_WAIT' | 'TERMINATION_WAIT';
          within?: number;
        };
      }
    | {
        stopDeployment: {
          application: string;
          group?: string;
          rollback?: boolean;
        };
      }
    | {
        deploymentAlarm: {
          application: string;
          group?: string;
          alarm: string;
          after?: number;
          clearAfter?: number;
        };
      }
    | { hookFailure: { application: string; group?: string; event: string } }
  );
