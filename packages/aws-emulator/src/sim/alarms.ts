import type { StateValue } from '@aws-sdk/client-cloudwatch';
import { AlarmRecord } from '../model/records';
import { Partition } from '../model/store';
import { SimCore } from './core';

export type AlarmListener = (
  partition: Partition,
  alarm: AlarmRecord,
  previous: StateValue,
) => void;

/** CloudWatch alarm state, with listeners (CodeDeploy watches the alarms of its deployment groups). */
export class AlarmEngine {
  private readonly listeners: AlarmListener[] = [];

  constructor(private readonly core: SimCore) {}

  onChange(listener: AlarmListener): void {
    this.listeners.push(listener);
  }

  /** Sets an alarm's state; returns undefined when the alarm does not exist. */
  setState(
    partition: Partition,
    name: string,
    state: StateValue,
    reason: string,
    reasonData?: string,
  ): AlarmRecord | undefined {
    const record = partition.alarms.get(name);
    if (!record) return undefined;
    const previous = record.alarm.StateValue;
    const now = this.core.clock.now();
    record.alarm.StateValue = state;
    record.alarm.StateReason = reason;
    record.alarm.StateReasonData = reasonData;
    record.alarm.StateUpdatedTimestamp = now;
    if (previous !== state) {
      record.alarm.StateTransitionedTimestamp = now;
      for (const listener of this.listeners)
        listener(partition, record, previous);
    }
    return record;
  }

  /** Names among `names` whose alarm is in ALARM. */
  firing(partition: Partition, names: string[]): string[] {
    return names.filter(
      n => partition.alarms.get(n)?.alarm.StateValue === 'ALARM',
    );
  }
}
