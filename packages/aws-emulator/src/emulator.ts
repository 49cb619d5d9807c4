import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { CallLog, MemoryCallLog } from './callLog';
import { ClockOptions, EmulatorClock, SimClock } from './clock';
import { FaultConfig, FaultInjector, Faults } from './faults';
import { createAdminRoutes } from './protocol/admin';
import { createAwsRouter } from './protocol/server';
import { applyScenario, defaultScope } from './scenario/apply';
import { generateHistory } from './scenario/history';
import { loadScenario } from './scenario/load';
import { earliest, scheduleScript } from './scenario/script';
import { Scenario } from './scenario/types';
import { cloudWatchService } from './services/cloudwatch';
import { codeBuildService } from './services/codebuild';
import { codeDeployService } from './services/codedeploy';
import { codePipelineService } from './services/codepipeline';
import { stsService } from './services/sts';
import { Rng } from './rng';
import { Simulation } from './sim/simulation';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A scenario object or the path of a scenario YAML file. Default: an empty account. */
  scenario?: Scenario | string;
  /** Default `{ mode: 'manual' }`: time moves only through `clock.advance`. */
  clock?: ClockOptions;
  /** Faults active from the start (added to the scenario's own). */
  faults?: FaultConfig;
  /** Page size of the list operations that have no maxResults (AWS: 100). Lower it to test pagination. */
  pageSize?: number;
  /** Called with errors that are bugs in the emulator (answered to clients as InternalFailure). Default: console.error. */
  onInternalError?: (error: unknown) => void;
}

/** The simulation handle for tests and scripts: do by name what would otherwise happen in the world. */
export interface EmulatorState {
  /** A commit lands on the pipeline's branch and starts an execution; returns the execution id. */
  pushCommit(
    pipeline: string,
    commit?: { revisionId?: string; summary?: string; author?: string },
  ): string;
  setAlarmState(
    name: string,
    state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA',
    reason?: string,
  ): void;
  /** The next build of the project fails in `phase` (default BUILD). */
  failNextBuild(
    project: string,
    options?: {
      phase?: string;
      message?: string;
      status?: 'FAILED' | 'FAULT' | 'TIMED_OUT';
    },
  ): void;
  /** The next deployment of the application's group fails in lifecycle hook `event`. */
  failNextHook(application: string, event: string, group?: string): void;
  /** The next deployment of the application's group sets `alarm` to ALARM `after` seconds in. */
  planDeploymentAlarm(
    application: string,
    plan: {
      group?: string;
      alarm: string;
      after?: number;
      clearAfter?: number;
    },
  ): void;
  /** The token of the pending manual approval of a pipeline, if any. */
  pendingApprovalToken(pipeline: string): string | undefined;
  /** The full simulation (engines and store), for tests that need to look deeper. */
  readonly simulation: Simulation;
}

export interface AwsEmulator {
  /** e.g. http://127.0.0.1:4599 — give it to the SDK clients as `endpoint`. */
  readonly url: string;
  readonly port: number;
  readonly clock: EmulatorClock;
  readonly faults: Faults;
  readonly calls: CallLog;
  readonly state: EmulatorState;
  /** The scenario the emulator runs. */
  readonly scenario: Scenario;
  /**
   * Advances the manual clock in `step`-second steps until `done()` holds (checked in process after each step);
   * returns the simulated seconds it took. Fails after `maxSeconds`, or with the first error a step threw.
   */
  advanceUntil(
    done: () => boolean,
    options?: { step?: number; maxSeconds?: number; what?: string },
  ): Promise<number>;
  /** Stops the server and the clock. */
  stop(): Promise<void>;
}

/**
 * Starts the emulator: builds the scenario, replays its history and script up to "now", then serves the AWS
 * protocols on one port.
 */
export async function startEmulator(
  options: EmulatorOptions = {},
): Promise<AwsEmulator> {
  const scenario: Scenario =
    typeof options.scenario === 'string'
      ? loadScenario(options.scenario)
      : (options.scenario ?? {});
  const clockOptions = options.clock ?? { mode: 'manual' };
  const zero = new SimClock(clockOptions).nowMs();
  const seed = scenario.seed ?? 1;

  // The script (and a generated history) may start before "now": begin the simulation that far back and fast-forward.
  const history = scenario.history
    ? generateHistory(
        scenario.history,
        scenario.services ?? [],
        zero,
        new Rng(`${seed}:history`),
      )
    : [];
  const script = [...history, ...(scenario.events ?? [])];
  // Resources exist a little before the first thing that happens to them.
  const lead = earliest(script) - 3600;
  const clock = new SimClock({ ...clockOptions, start: zero + lead * 1000 });
  const sim = new Simulation(clock, defaultScope(scenario), seed);
  applyScenario(sim, scenario);
  scheduleScript(sim, script, zero);
  await clock.advance(-lead);
  const replayErrors = clock.takeErrors();
  if (replayErrors.length > 0) {
    clock.stop();
    throw replayErrors[0];
  }

  const faults = new FaultInjector({ ...scenario.faults, ...options.faults });
  const calls = new MemoryCallLog();
  const onInternalError =
    options.onInternalError ??
    ((e: unknown) => {
      // eslint-disable-next-line no-console
      console.error('[aws-emulator] internal error', e);
    });
  // From now on a failing step (a script event naming a missing resource, or a bug) is reported, not fatal.
  clock.onError = onInternalError;
  let url = '';
  const pageSize = options.pageSize ?? 100;
  const router = createAwsRouter({
    services: [
      codePipelineService(sim),
      codeBuildService(sim, { pageSize }),
      codeDeployService(sim, { pageSize }),
      cloudWatchService(sim),
      stsService(sim),
    ],
    faults,
    calls,
    resolveCaller: (accessKeyId, region) => {
      const caller = sim.identities.caller(accessKeyId);
      return {
        caller,
        scope: {
          account: caller.account,
          region: region ?? sim.defaultScope.region,
        },
      };
    },
    admin: createAdminRoutes({ clock, faults, calls, sim, url: () => url }),
    onInternalError,
  });

  const server: Server = createServer(router);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host =
    address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${host}:${address.port}`;

  return {
    url,
    port: address.port,
    clock,
    faults,
    calls,
    scenario,
    async advanceUntil(
      done,
      { step = 5, maxSeconds = 6 * 3600, what = 'condition' } = {},
    ) {
      let elapsed = 0;
      while (!done()) {
        if (elapsed >= maxSeconds)
          throw new Error(
            `Timed out after ${maxSeconds} simulated seconds waiting for ${what}`,
          );
        await clock.advance(step);
        elapsed += step;
      }
      const errors = clock.takeErrors();
      if (errors.length > 0) throw errors[0];
      return elapsed;
    },
    state: {
      simulation: sim,
      pushCommit: (pipeline, commit) => sim.pushCommit(pipeline, commit),
      setAlarmState: (name, state, reason) =>
        sim.setAlarmState(name, state, reason),
      failNextBuild: (project, o) => sim.failNextBuild(project, o),
      failNextHook: (application, event, group) =>
        sim.failNextHook(application, event, group),
      planDeploymentAlarm: (application, plan) =>
        sim.planDeploymentAlarm(application, plan),
      pendingApprovalToken: pipeline => sim.pendingApproval(pipeline)?.token,
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        clock.stop();
        server.close(err => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
