import { SimClock, Timer } from './clock';

describe('SimClock', () => {
  it('runs due steps in time order while advancing, with now() at each step', async () => {
    const clock = new SimClock({
      mode: 'manual',
      start: '2026-01-01T00:00:00Z',
    });
    const seen: string[] = [];
    clock.after(30, () => seen.push(`b@${clock.now().toISOString()}`));
    clock.after(10, () => {
      seen.push(`a@${clock.now().toISOString()}`);
      clock.after(5, () => seen.push(`a2@${clock.now().toISOString()}`));
    });
    clock.after(10, () => seen.push('a-tie'));
    const late = clock.after(100, () => seen.push('late'));
    await clock.advance(30);
    expect(seen).toEqual([
      'a@2026-01-01T00:00:10.000Z',
      'a-tie',
      'a2@2026-01-01T00:00:15.000Z',
      'b@2026-01-01T00:00:30.000Z',
    ]);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:30.000Z');
    late.cancel();
    await clock.advance(100);
    expect(seen).not.toContain('late');
    expect(clock.pending).toBe(0);
  });

  it('keeps running after a failing step and reports the error', async () => {
    const clock = new SimClock({ mode: 'manual' });
    const reported: unknown[] = [];
    clock.onError = e => reported.push(e);
    let ran = false;
    clock.after(1, () => {
      throw new Error('boom');
    });
    clock.after(2, () => {
      ran = true;
    });
    await clock.advance(5);
    expect(ran).toBe(true);
    expect(reported).toHaveLength(1);
    expect(clock.takeErrors()).toHaveLength(1);
    expect(clock.takeErrors()).toHaveLength(0);
  });

  it('serialises concurrent advances', async () => {
    const clock = new SimClock({ mode: 'manual', start: 0 });
    await Promise.all([clock.advance(10), clock.advance(20)]);
    expect(clock.nowMs()).toBe(30_000);
    await expect(clock.advance(-1)).rejects.toThrow();
  });

  it('follows the wall clock times the speed in real mode', async () => {
    const clock = new SimClock({ mode: 'real', speed: 1000, start: 0 });
    let timer: Timer | undefined;
    const fired = new Promise<number>(resolve => {
      timer = clock.after(20, () => resolve(clock.nowMs()));
    });
    // 20 simulated seconds at 1000x: ~20 ms of wall time, counted from when
    // the step was scheduled (each wall ms before that is 1 simulated s).
    expect(timer!.at).toBeGreaterThanOrEqual(20_000);
    // The step sees its own scheduled time, whatever the timer's jitter.
    await expect(fired).resolves.toBe(timer!.at);
    expect(clock.nowMs()).toBeGreaterThanOrEqual(20_000);
    await clock.advance(3600);
    expect(clock.nowMs()).toBeGreaterThanOrEqual(3_620_000);
    clock.stop();
  });
});
