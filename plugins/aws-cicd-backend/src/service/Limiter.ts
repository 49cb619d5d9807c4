/**
 * Bounds the number of concurrent calls per key (here: per AWS API, e.g.
 * `CodePipeline.GetPipelineState`), queueing the rest in order.
 */
export class Limiter {
  private readonly running = new Map<string, number>();
  private readonly queues = new Map<string, Array<() => void>>();

  constructor(private readonly maxConcurrent: number) {
    if (!(maxConcurrent >= 1)) {
      throw new Error(`Concurrency must be at least 1, got ${maxConcurrent}`);
    }
  }

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await fn();
    } finally {
      this.release(key);
    }
  }

  /** Calls waiting for a slot, per key (for tests and diagnostics). */
  waiting(key: string): number {
    return this.queues.get(key)?.length ?? 0;
  }

  private acquire(key: string): Promise<void> {
    const running = this.running.get(key) ?? 0;
    if (running < this.maxConcurrent) {
      this.running.set(key, running + 1);
      return Promise.resolve();
    }
    return new Promise(resolve => {
      const queue = this.queues.get(key) ?? [];
      queue.push(resolve);
      this.queues.set(key, queue);
    });
  }

  private release(key: string) {
    const queue = this.queues.get(key);
    const next = queue?.shift();
    if (next) {
      // The slot passes straight to the next waiter.
      if (queue!.length === 0) this.queues.delete(key);
      next();
      return;
    }
    const running = (this.running.get(key) ?? 1) - 1;
    if (running <= 0) this.running.delete(key);
    else this.running.set(key, running);
  }
}
