import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { ComponentType, PropsWithChildren } from 'react';

/** The six kinds of state the page shows, one Backstage status icon each. */
export type StatusKind =
  'ok' | 'running' | 'pending' | 'error' | 'aborted' | 'warning';

export interface StatusInfo {
  kind: StatusKind;
  /** The Backstage status component (its icon is aria-hidden: always render the label too). */
  Icon: ComponentType<PropsWithChildren<{}>>;
  /** What the state is called, in words. */
  label: string;
  /** The raw AWS value. */
  raw?: string;
}

export const ICONS: Record<StatusKind, ComponentType<PropsWithChildren<{}>>> = {
  ok: StatusOK,
  running: StatusRunning,
  pending: StatusPending,
  error: StatusError,
  aborted: StatusAborted,
  warning: StatusWarning,
};

/*
 * Every status string CodePipeline, CodeBuild, CodeDeploy and CloudWatch use,
 * in one table. The services disagree on case (InProgress, IN_PROGRESS), so
 * both spellings are listed where they exist.
 */
const TABLE: Record<string, [StatusKind, string]> = {
  // done, well
  Succeeded: ['ok', 'Succeeded'],
  SUCCEEDED: ['ok', 'Succeeded'],
  OK: ['ok', 'OK'],
  // moving
  InProgress: ['running', 'In progress'],
  IN_PROGRESS: ['running', 'In progress'],
  Stopping: ['running', 'Stopping'],
  Baking: ['running', 'Baking (original kept until the bake time ends)'],
  // waiting for its turn
  Created: ['pending', 'Created'],
  Queued: ['pending', 'Queued'],
  QUEUED: ['pending', 'Queued'],
  SUBMITTED: ['pending', 'Submitted'],
  Pending: ['pending', 'Pending'],
  Ready: ['pending', 'Ready, waiting to reroute traffic'],
  // failed
  Failed: ['error', 'Failed'],
  FAILED: ['error', 'Failed'],
  FAULT: ['error', 'Fault'],
  TIMED_OUT: ['error', 'Timed out'],
  CLIENT_ERROR: ['error', 'Client error'],
  ALARM: ['error', 'In alarm'],
  // ended without finishing
  Stopped: ['aborted', 'Stopped'],
  STOPPED: ['aborted', 'Stopped'],
  Abandoned: ['aborted', 'Abandoned'],
  Cancelled: ['aborted', 'Cancelled'],
  Superseded: ['aborted', 'Superseded: a newer execution overtook this one'],
  Skipped: ['aborted', 'Skipped'],
  // state not known
  Unknown: ['warning', 'Unknown'],
  UNKNOWN: ['warning', 'State unknown'],
  INSUFFICIENT_DATA: ['warning', 'Insufficient data'],
};

/**
 * Maps any AWS status string to its Backstage status icon and a label. An
 * unknown value is never shown as success or as nothing: it reads
 * "Unknown (<raw>)". `undefined` (nothing ran yet) reads as `whenMissing`.
 */
export function statusOf(
  raw: string | undefined,
  whenMissing = 'Not run yet',
): StatusInfo {
  if (raw === undefined || raw === '') {
    return { kind: 'pending', Icon: ICONS.pending, label: whenMissing };
  }
  const known = Object.prototype.hasOwnProperty.call(TABLE, raw)
    ? TABLE[raw]
    : undefined;
  if (!known) {
    return {
      kind: 'warning',
      Icon: ICONS.warning,
      label: `Unknown (${raw})`,
      raw,
    };
  }
  const [kind, label] = known;
  return { kind, Icon: ICONS[kind], label, raw };
}

/** Whether a status means something is still moving (the page polls faster). */
export function isActive(raw: string | undefined): boolean {
  const kind = statusOf(raw).kind;
  return raw !== undefined && (kind === 'running' || raw === 'Ready');
}
