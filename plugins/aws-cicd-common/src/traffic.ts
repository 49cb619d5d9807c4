/*
 * The traffic plan of a CodeDeploy deployment configuration: which share of
 * traffic is on the new version from which minute, for all-at-once, canary
 * and linear shifting. One implementation for the scaffolder (the wizard's
 * strategy), the backend (the deployment group's plan) and the frontend.
 */
import { InputError } from '@backstage/errors';
import { TrafficRouting, TrafficStep } from './api';

/**
 * How CodeDeploy shifts traffic, as its API names it.
 *
 * @public
 */
export type TrafficRoutingType = TrafficRouting['type'];

/**
 * The steps of a traffic plan, ending at 100%: canary is `percentage` at
 * minute 0 and 100% after `intervalMinutes`; linear adds `percentage` every
 * `intervalMinutes` from minute 0; all-at-once is 100% at minute 0.
 *
 * @throws InputError when a canary or linear percentage is not above 0, or
 * its interval is negative (the plan would never reach 100%).
 * @public
 */
export function trafficStepsOf(
  type: TrafficRoutingType,
  percentage: number = 100,
  intervalMinutes: number = 0,
): TrafficStep[] {
  if (type === 'AllAtOnce') return [{ atMinute: 0, percentage: 100 }];
  if (!Number.isFinite(percentage) || percentage <= 0) {
    throw new InputError(
      `A ${type} traffic step must be above 0%, got ${percentage}`,
    );
  }
  if (!Number.isFinite(intervalMinutes) || intervalMinutes < 0) {
    throw new InputError(
      `A ${type} interval must be 0 minutes or more, got ${intervalMinutes}`,
    );
  }
  if (percentage >= 100) return [{ atMinute: 0, percentage: 100 }];
  if (type === 'TimeBasedCanary') {
    return [
      { atMinute: 0, percentage },
      { atMinute: intervalMinutes, percentage: 100 },
    ];
  }
  const steps: TrafficStep[] = [];
  const count = Math.ceil(100 / percentage);
  for (let i = 0; i < count; i++) {
    steps.push({
      atMinute: i * intervalMinutes,
      percentage: Math.min(100, percentage * (i + 1)),
    });
  }
  return steps;
}

/**
 * Minutes from the first step to 100% on the new version.
 *
 * @public
 */
export function trafficPlanMinutes(steps: TrafficStep[]): number {
  return steps.length === 0 ? 0 : steps[steps.length - 1].atMinute;
}

/**
 * "5 min", "1 h", "1 h 30 min".
 *
 * @public
 */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/**
 * A traffic plan in words: "10% now, 100% after 5 min"; a long linear plan
 * as its first step, its rhythm and its end: "10% now, then +10% every
 * 1 min, 100% after 9 min".
 *
 * @public
 */
export function trafficTimelineOf(steps: TrafficStep[]): string {
  const part = (s: TrafficStep) =>
    s.atMinute === 0
      ? `${s.percentage}% now`
      : `${s.percentage}% after ${formatMinutes(s.atMinute)}`;
  if (steps.length <= 5) return steps.map(part).join(', ');
  const [first, second] = steps;
  const last = steps[steps.length - 1];
  return `${part(first)}, then +${second.percentage - first.percentage}% every ${formatMinutes(
    second.atMinute,
  )}, ${part(last)}`;
}

/**
 * Where a plan stands `minute` minutes after its first step: the index of the
 * step in force (the last one whose minute has come; 0 before any) and the
 * next step, if any. What a live view shows as "step 1 of 2, 100% in 3 min".
 *
 * @public
 */
export function trafficStepAt(
  steps: TrafficStep[],
  minute: number,
): { index: number; next?: TrafficStep } {
  let index = 0;
  steps.forEach((s, i) => {
    if (s.atMinute <= minute) index = i;
  });
  const next = steps[index + 1];
  return next ? { index, next } : { index };
}
