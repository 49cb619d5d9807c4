import { Simulation } from '../sim/simulation';
import { ScenarioEvent } from './types';

/** How often a waiting scripted approval / continue checks again (simulated seconds). */
const POLL_SECONDS = 30;

/** Keeps trying `attempt` every POLL_SECONDS until it succeeds or `within` seconds have passed. */
function retrying(
  sim: Simulation,
  within: number,
  attempt: () => boolean,
): void {
  if (attempt() || within <= 0) return;
  sim.clock.after(POLL_SECONDS, () =>
    retrying(sim, within - POLL_SECONDS, attempt),
  );
}

/** Runs one event now. Events that name missing resources are errors of the scenario and surface as such. */
export function runEvent(sim: Simulation, event: ScenarioEvent): void {
  if ('commit' in event) {
    sim.pushCommit(event.commit.pipeline, {
      revisionId: event.commit.revision,
      summary: event.commit.summary,
      author: event.commit.author,
    });
  } else if ('start' in event) {
    sim.startExecution(event.start.pipeline);
  } else if ('build' in event) {
    sim.failNextBuild(event.build.project, event.build);
  } else if ('alarm' in event) {
    sim.setAlarmState(event.alarm.name, event.alarm.state, event.alarm.reason);
  } else if ('approval' in event) {
    const a = event.approval;
    retrying(sim, a.within ?? 0, () => sim.decideApproval(a.pipeline, a));
  } else if ('continueDeployment' in event) {
    const c = event.continueDeployment;
    retrying(sim, c.within ?? 0, () =>
      sim.continueDeployment(
        c.application,
        c.waitType ?? 'READY_WAIT',
        c.group,
      ),
    );
  } else if ('stopDeployment' in event) {
    const s = event.stopDeployment;
    sim.stopDeployment(s.application, s.rollback ?? true, s.group);
  } else if ('deploymentAlarm' in event) {
    sim.planDeploymentAlarm(
      event.deploymentAlarm.application,
      event.deploymentAlarm,
    );
  } else if ('hookFailure' in event) {
    sim.failNextHook(
      event.hookFailure.application,
      event.hookFailure.event,
      event.hookFailure.group,
    );
  }
}

/**
 * Schedules the script relative to `zeroMs` (the emulator's start). Events before the current simulated time are
 * scheduled "now" in order; recurring events reschedule themselves.
 */
export function scheduleScript(
  sim: Simulation,
  events: ScenarioEvent[],
  zeroMs: number,
): void {
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.at ?? 0) - (b.e.at ?? 0) || a.i - b.i)
    .map(x => x.e);
  for (const event of sorted) {
    const schedule = (at: number) => {
      if (event.until !== undefined && at > event.until) return;
      sim.clock.at(zeroMs + at * 1000, () => {
        runEvent(sim, event);
        if (event.every) schedule(at + event.every);
      });
    };
    schedule(event.at ?? 0);
  }
}

/** Earliest `at` of a script (0 when nothing happens before the start). */
export function earliest(events: ScenarioEvent[]): number {
  return Math.min(0, ...events.map(e => e.at ?? 0));
}
