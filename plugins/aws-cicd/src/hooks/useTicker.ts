import { useEffect, useState } from 'react';

/** The local time in ms, updated every second while `active`. */
export function useTicker(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) {
      return undefined;
    }
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

/**
 * Seconds left of a server-computed countdown: `seconds` as of `syncedAt`
 * (local ms when the response arrived), counted down locally and re-synced
 * whenever a new response brings a new value. The viewer's clock only
 * measures the time since the response, never the deadline itself.
 */
export function useCountdown(
  seconds: number | undefined,
  syncedAt: number | undefined,
): number | undefined {
  const now = useTicker(seconds !== undefined && seconds > 0);
  if (seconds === undefined) {
    return undefined;
  }
  const since = syncedAt ? Math.max(0, Math.floor((now - syncedAt) / 1000)) : 0;
  return Math.max(0, seconds - since);
}

/** A running duration: server `seconds` as of `syncedAt`, counting up while `running`. */
export function useElapsed(
  seconds: number | undefined,
  syncedAt: number | undefined,
  running: boolean,
): number | undefined {
  const now = useTicker(running && seconds !== undefined);
  if (seconds === undefined) {
    return undefined;
  }
  if (!running || !syncedAt) {
    return seconds;
  }
  return seconds + Math.max(0, Math.floor((now - syncedAt) / 1000));
}
