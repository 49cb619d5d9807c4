/**
 * Simulated time. Everything in the emulator reads time from here and waits through `schedule`, so the same
 * simulation runs in real time (times a speed factor) for the demo and step by step under a manual clock in tests.
 */

/** A scheduled step; cancel it to drop it. */
export interface Timer {
  readonly at: number;
  cancel(): void;
}

export type ClockOptions =
  | { mode: 'manual'; start?: Date | string | number }
  | { mode: 'real'; speed?: number; start?: Date | string | number };

/** The public face of the clock. */
export interface EmulatorClock {
  /** The simulated now. */
  now(): Date;
  /** Moves simulated time forward, running every step due in between in time order. */
  advance(seconds: number): Promise<void>;
}

interface Task {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A binary min-heap of tasks ordered by (at, seq): ties run in the order they were scheduled. */
class TaskQueue {
  private readonly heap: Task[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): Task | undefined {
    return this.heap[0];
  }

  push(task: Task): void {
    const h = this.heap;
    h.push(task);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!TaskQueue.before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  pop(): Task | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && TaskQueue.before(h[l], h[m])) m = l;
        if (r < h.length && TaskQueue.before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }

  private static before(a: Task, b: Task): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

function toMs(
  start: Date | string | number | undefined,
  fallback: number,
): number {
  if (start === undefined) return fallback;
  let ms: number;
  if (start instanceof Date) ms = start.getTime();
  else if (typeof start === 'number') ms = start;
  else ms = Date.parse(start);
  if (!Number.isFinite(ms))
    throw new Error(`Invalid clock start: ${String(start)}`);
  return ms;
}

/**
 * The simulation clock. In `manual` mode time only moves through `advance`; in `real` mode it follows the wall
 * clock times `speed`, and a single timer runs due steps. While a step runs, `now()` is that step's scheduled time,
 * so the timestamps a step writes do not depend on timer jitter.
 */
export class SimClock implements EmulatorClock {
  readonly mode: 'manual' | 'real';
  readonly speed: number;
  private readonly queue = new TaskQueue();
  private seq = 0;
  /** Simulated ms at `anchorWall` (real mode) or the current time (manual mode). */
  private anchorSim: number;
  private anchorWall: number;
  private frozen: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private advancing: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly errors: unknown[] = [];
  /** Also told about errors thrown by steps (the emulator logs them once it serves). */
  onError?: (error: unknown) => void;

  constructor(options: ClockOptions = { mode: 'manual' }) {
    this.mode = options.mode;
    this.speed = options.mode === 'real' ? (options.speed ?? 1) : 1;
    if (!(this.speed > 0))
      throw new Error(`Clock speed must be positive, got ${this.speed}`);
    // Whole seconds: AWS timestamps from a fresh start look tidy and tests can compare them exactly.
    this.anchorSim = toMs(options.start, Math.floor(Date.now() / 1000) * 1000);
    this.anchorWall = Date.now();
  }

  nowMs(): number {
    if (this.frozen !== undefined) return this.frozen;
    if (this.mode === 'manual') return this.anchorSim;
    return this.anchorSim + (Date.now() - this.anchorWall) * this.speed;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Runs `fn` after `seconds` of simulated time. */
  after(seconds: number, fn: () => void): Timer {
    return this.at(this.nowMs() + Math.max(0, seconds) * 1000, fn);
  }

  /** Runs `fn` at the simulated epoch ms `at` (or at the next step if that is already past). */
  at(at: number, fn: () => void): Timer {
    const task: Task = {
      at: Math.max(at, this.nowMs()),
      seq: this.seq++,
      fn,
      cancelled: false,
    };
    this.queue.push(task);
    this.arm();
    return {
      at: task.at,
      cancel: () => {
        task.cancelled = true;
      },
    };
  }

  advance(seconds: number): Promise<void> {
    if (!(seconds >= 0))
      return Promise.reject(
        new Error(`Cannot advance the clock by ${seconds} seconds`),
      );
    // Concurrent callers (two admin requests) advance one after the other.
    const run = this.advancing.then(async () => {
      const target = this.nowMs() + seconds * 1000;
      await this.runUntil(target, true);
      this.setNow(target);
      this.arm();
    });
    this.advancing = run.catch(() => undefined);
    return run;
  }

  /** Errors thrown by steps (a step never stops the clock); tests can assert this stays empty. */
  takeErrors(): unknown[] {
    return this.errors.splice(0);
  }

  /** Number of pending steps. */
  get pending(): number {
    return this.queue.size;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setNow(ms: number): void {
    this.anchorSim = ms;
    this.anchorWall = Date.now();
  }

  private async runUntil(target: number, yieldToIo: boolean): Promise<void> {
    if (this.running) throw new Error('The clock is already running steps');
    this.running = true;
    try {
      let count = 0;
      for (;;) {
        const next = this.queue.peek();
        if (!next || next.at > target) break;
        this.queue.pop();
        if (next.cancelled) continue;
        this.frozen = next.at;
        try {
          next.fn();
        } catch (e) {
          this.errors.push(e);
          this.onError?.(e);
        } finally {
          this.frozen = undefined;
        }
        // Time never goes back: a step that ran ahead of the wall clock (during advance) becomes the new now.
        if (next.at > this.nowMs()) this.setNow(next.at);
        count += 1;
        // Long fast-forwards (history generation) must not starve the HTTP server.
        if (yieldToIo && count % 2000 === 0)
          await new Promise(resolve => setImmediate(resolve));
      }
    } finally {
      this.running = false;
    }
  }

  private arm(): void {
    if (this.mode !== 'real' || this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.queue.peek();
    if (!next) return;
    const delay = Math.max(0, (next.at - this.nowMs()) / this.speed);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.runUntil(this.nowMs(), false)
          .then(() => this.arm())
          .catch(e => this.errors.push(e));
      },
      Math.min(delay, 2 ** 31 - 1),
    );
    this.timer.unref();
  }
}
