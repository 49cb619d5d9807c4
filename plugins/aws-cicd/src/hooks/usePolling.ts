import { useCallback, useEffect, useRef, useState } from 'react';

export interface PollingState<T> {
  value?: T;
  /** The error of the last attempt; `value` keeps the last good data. */
  error?: Error;
  /** Local time (ms) of the last successful load. */
  updatedAt?: number;
  /** A load is running (the first one, or a refresh). */
  loading: boolean;
  /** Loads now and restarts the timer. Resolves when that load is done. */
  refresh: () => Promise<void>;
}

function pageHidden(): boolean {
  return (
    typeof document !== 'undefined' && document.visibilityState === 'hidden'
  );
}

/**
 * Loads `load()` now, then again after `intervalMs(lastValue)`: fast while
 * something moves, slow when idle. Nothing is loaded while the browser tab is
 * hidden; when it shows again, a load that is due runs at once. The last good
 * value stays on screen while a refresh runs or fails.
 */
export function usePolling<T>(
  key: string,
  load: () => Promise<T>,
  intervalMs: (value: T | undefined) => number,
): PollingState<T> {
  const [state, setState] = useState<Omit<PollingState<T>, 'refresh'>>({
    loading: true,
  });
  const loadRef = useRef(load);
  loadRef.current = load;
  const intervalRef = useRef(intervalMs);
  intervalRef.current = intervalMs;
  const controller = useRef<{ refresh(): Promise<void> }>();

  useEffect(() => {
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight: Promise<void> | undefined;
    let lastValue: T | undefined;
    let lastAttempt = 0;
    setState({ loading: true });

    const schedule = (delay: number) => {
      clearTimeout(timer);
      if (active && !pageHidden()) {
        // eslint-disable-next-line @typescript-eslint/no-use-before-define
        timer = setTimeout(run, Math.max(0, delay));
      }
    };

    const run = (): Promise<void> => {
      if (inFlight) {
        return inFlight;
      }
      clearTimeout(timer);
      lastAttempt = Date.now();
      setState(s => (s.loading ? s : { ...s, loading: true }));
      inFlight = loadRef
        .current()
        .then(
          value => {
            if (!active) return;
            lastValue = value;
            setState({ value, updatedAt: Date.now(), loading: false });
          },
          (error: Error) => {
            if (!active) return;
            setState(s => ({ ...s, error, loading: false }));
          },
        )
        .finally(() => {
          inFlight = undefined;
          schedule(intervalRef.current(lastValue));
        });
      return inFlight;
    };

    const onVisibility = () => {
      if (pageHidden()) {
        clearTimeout(timer);
        return;
      }
      if (inFlight) return;
      schedule(lastAttempt + intervalRef.current(lastValue) - Date.now());
    };

    controller.current = {
      async refresh() {
        // A refresh asked for while a load runs waits for it, then loads
        // again, so that it sees the effect of what the caller just did.
        if (inFlight) {
          await inFlight;
        }
        await run();
      },
    };
    run();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      active = false;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [key]);

  const refresh = useCallback(
    () => controller.current?.refresh() ?? Promise.resolve(),
    [],
  );

  return { ...state, refresh };
}
