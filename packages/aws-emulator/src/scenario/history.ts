import { Rng } from '../rng';
import { HistorySpec, ScenarioEvent, ServiceSpec } from './types';

const DAY = 24 * 3600;

const BUILD_FAILURES = [
  'Error while executing command: npm run build. Reason: exit status 2',
  'Error while executing command: npm ci. Reason: exit status 1',
  'Error while executing command: npx tsc --noEmit. Reason: exit status 2',
];
const TEST_FAILURES = [
  'Error while executing command: npm test. Reason: exit status 1',
  'Error while executing command: npm run test:integration. Reason: exit status 1',
];

/**
 * A script for the past `days`: commits on working days during office hours, some failing in Build or Test,
 * some deployments stopped by an alarm and rolled back, approvals and blue/green continues a while after each
 * commit. Times are seconds relative to the start (negative), in the simulation's wall-clock frame.
 */
export function generateHistory(
  spec: HistorySpec,
  services: ServiceSpec[],
  startMs: number,
  rng: Rng,
): ScenarioEvent[] {
  const events: ScenarioEvent[] = [];
  const perDay = spec.commitsPerDay ?? 3;
  const rates = {
    build: 0.08,
    test: 0.06,
    alarm: 0.05,
    reject: 0.05,
    ...spec.failureRates,
  };
  const quiet = (spec.quietHours ?? 3) * 3600;
  const startOfToday = Math.floor(startMs / 1000 / DAY) * DAY;

  for (const s of services) {
    const alarms = (s.deployment?.alarms ?? []).map(a =>
      typeof a === 'string' ? a : a.name,
    );
    const readyWait =
      s.platform === 'ecs' &&
      s.deployment?.readyWait?.action !== 'CONTINUE_DEPLOYMENT' &&
      s.deployment?.readyWait;
    for (let day = spec.days; day >= 0; day--) {
      const dayStart = startOfToday - day * DAY;
      const weekday = new Date(dayStart * 1000).getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      let count = rng.int(Math.max(0, perDay - 2), perDay + 2);
      if (weekend) count = rng.chance(0.15) ? 1 : 0;
      const times = Array.from(
        { length: count },
        () => dayStart + rng.between(8.5, 17.5) * 3600,
      ).sort((a, b) => a - b);
      let last = -Infinity;
      for (const t of times) {
        // Keep releases apart (a release takes ~15-30 min) so history reads like real work, not a pile-up.
        if (t - last < 2400) continue;
        const at = Math.round(t - startMs / 1000);
        if (at > -quiet) continue;
        last = t;
        if (rng.chance(rates.build)) {
          events.push({
            at: at - 1,
            build: {
              project: `${s.name}-build`,
              fail: true,
              phase: 'BUILD',
              message: rng.pick(BUILD_FAILURES),
            },
          });
        } else if (rng.chance(rates.test)) {
          events.push({
            at: at - 1,
            build: {
              project: `${s.name}-test`,
              fail: true,
              phase: 'BUILD',
              message: rng.pick(TEST_FAILURES),
            },
          });
        } else if (alarms.length > 0 && rng.chance(rates.alarm)) {
          events.push({
            at: at - 1,
            deploymentAlarm: {
              application: s.name,
              alarm: rng.pick(alarms),
              after: Math.round(rng.between(45, 200)),
              clearAfter: 900,
            },
          });
        }
        events.push({ at, commit: { pipeline: s.name } });
        if (s.pipeline?.approval) {
          events.push({
            at: at + Math.round(rng.between(900, 2400)),
            approval: {
              pipeline: s.name,
              result: rng.chance(rates.reject) ? 'Rejected' : 'Approved',
              within: 1800,
            },
          });
        }
        if (readyWait) {
          events.push({
            at: at + Math.round(rng.between(1200, 1800)),
            continueDeployment: {
              application: s.name,
              waitType: 'READY_WAIT',
              within: 1800,
            },
          });
        }
      }
    }
  }
  return events;
}
