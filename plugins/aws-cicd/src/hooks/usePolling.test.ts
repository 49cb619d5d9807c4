import { act, renderHook } from '@testing-library/react';
import { usePolling } from './usePolling';

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Moves the fake clock and lets the loads it starts settle. */
async function advance(ms: number) {
  await act(async () => {
    jest.advanceTimersByTime(ms);
  });
}

interface Status {
  moving: boolean;
}

const FAST = 5_000;
const SLOW = 30_000;
const interval = (v: Status | undefined) => (v?.moving ? FAST : SLOW);

beforeEach(() => {
  jest.useFakeTimers();
  jest.setSystemTime(new Date('2026-11-28T10:00:00Z'));
});

afterEach(() => {
  jest.useRealTimers();
  setVisibility('visible');
});

describe('usePolling', () => {
  it('loads at once, then again after the interval the last value asks for', async () => {
    let next: Status = { moving: true };
    const load = jest.fn(async () => next);
    const { result } = renderHook(() => usePolling('k', load, interval));
    expect(result.current.loading).toBe(true);
    await advance(0);
    expect(load).toHaveBeenCalledTimes(1);
    expect(result.current).toMatchObject({
      value: { moving: true },
      loading: false,
      updatedAt: Date.parse('2026-11-28T10:00:00Z'),
    });

    // Something moves: every 5 s.
    await advance(FAST - 1);
    expect(load).toHaveBeenCalledTimes(1);
    next = { moving: false };
    await advance(1);
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.value).toEqual({ moving: false });

    // Idle now: every 30 s, not every 5 s.
    await advance(FAST);
    expect(load).toHaveBeenCalledTimes(2);
    await advance(SLOW - FAST);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('keeps the last good value when a load fails, reports the error, and tries again', async () => {
    const load = jest
      .fn<Promise<Status>, []>()
      .mockResolvedValueOnce({ moving: true })
      .mockRejectedValueOnce(new Error('Gateway timeout'))
      .mockResolvedValue({ moving: false });
    const { result } = renderHook(() => usePolling('k', load, interval));
    await advance(0);
    const firstUpdate = result.current.updatedAt;

    await advance(FAST);
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.value).toEqual({ moving: true });
    expect(result.current.error?.message).toBe('Gateway timeout');
    expect(result.current.updatedAt).toBe(firstUpdate);
    expect(result.current.loading).toBe(false);

    // The interval after a failure follows the last good value.
    await advance(FAST);
    expect(load).toHaveBeenCalledTimes(3);
    expect(result.current.value).toEqual({ moving: false });
    expect(result.current.error).toBeUndefined();
  });

  it('loads nothing while the tab is hidden, and loads at once when it shows with a load overdue', async () => {
    const load = jest.fn(async () => ({ moving: false }));
    renderHook(() => usePolling('k', load, interval));
    await advance(0);
    act(() => setVisibility('hidden'));
    await advance(10 * SLOW);
    expect(load).toHaveBeenCalledTimes(1);

    act(() => setVisibility('visible'));
    await advance(0);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('schedules nothing when a load finishes while the tab is hidden', async () => {
    let release: (v: Status) => void = () => {};
    const load = jest
      .fn<Promise<Status>, []>()
      .mockImplementation(() => new Promise(r => (release = r)));
    renderHook(() => usePolling('k', load, interval));
    act(() => setVisibility('hidden'));
    await act(async () => release({ moving: true }));
    await advance(10 * SLOW);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('waits out the rest of the interval when the tab shows before a load is due', async () => {
    const load = jest.fn(async () => ({ moving: false }));
    renderHook(() => usePolling('k', load, interval));
    await advance(0);
    await advance(10_000);
    act(() => setVisibility('hidden'));
    await advance(5_000);
    act(() => setVisibility('visible'));

    // 15 s since the last load: the next is due 15 s from now, not at once.
    await advance(14_999);
    expect(load).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('stops polling when unmounted', async () => {
    const load = jest.fn(async () => ({ moving: true }));
    const { unmount } = renderHook(() => usePolling('k', load, interval));
    await advance(0);
    unmount();
    await advance(10 * SLOW);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('refresh loads now and restarts the timer', async () => {
    const load = jest.fn(async () => ({ moving: true }));
    const { result } = renderHook(() => usePolling('k', load, interval));
    await advance(0);
    await advance(3_000);
    await act(() => result.current.refresh());
    expect(load).toHaveBeenCalledTimes(2);

    // The next load is 5 s after the refresh, not 5 s after the first load.
    await advance(FAST - 1);
    expect(load).toHaveBeenCalledTimes(2);
    await advance(1);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('refresh during a load waits for it, then loads again to see what changed', async () => {
    let release: (v: Status) => void = () => {};
    const load = jest
      .fn<Promise<Status>, []>()
      .mockImplementationOnce(() => new Promise(r => (release = r)))
      .mockResolvedValue({ moving: false });
    const { result } = renderHook(() => usePolling('k', load, interval));
    let refreshed = false;
    act(() => {
      result.current.refresh().then(() => (refreshed = true));
    });
    await advance(0);
    expect(load).toHaveBeenCalledTimes(1);
    expect(refreshed).toBe(false);

    await act(async () => release({ moving: true }));
    await advance(0);
    expect(load).toHaveBeenCalledTimes(2);
    expect(refreshed).toBe(true);
    expect(result.current.value).toEqual({ moving: false });
  });

  it("does not show the old key's value while the new key loads", async () => {
    const load = jest
      .fn<Promise<Status>, [string]>()
      .mockResolvedValueOnce({ moving: true })
      .mockImplementation(() => new Promise(() => {}));
    const { result, rerender } = renderHook(
      ({ k }) => usePolling(k, () => load(k), interval),
      { initialProps: { k: 'a' } },
    );
    await advance(0);
    expect(result.current.value).toEqual({ moving: true });
    rerender({ k: 'b' });
    await advance(0);
    expect(load).toHaveBeenLastCalledWith('b');
    expect(result.current.value).toBeUndefined();
    expect(result.current.loading).toBe(true);
  });

  it('starts over for a new key, and drops what the old key was still loading', async () => {
    let release: (v: Status) => void = () => {};
    const load = jest
      .fn<Promise<Status>, [string]>()
      .mockImplementationOnce(() => new Promise(r => (release = r)))
      .mockImplementation(async () => ({ moving: false }));
    const { result, rerender } = renderHook(
      ({ k }) => usePolling(k, () => load(k), interval),
      { initialProps: { k: 'a' } },
    );
    rerender({ k: 'b' });
    await advance(0);
    expect(load).toHaveBeenLastCalledWith('b');
    expect(result.current.value).toEqual({ moving: false });

    // The answer for the old key arrives late: it is not shown.
    await act(async () => release({ moving: true }));
    expect(result.current.value).toEqual({ moving: false });
  });
});
