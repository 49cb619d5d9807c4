import { CacheService, LoggerService } from '@backstage/backend-plugin-api';

/** What a loader returns: the value and how long it may be reused. */
export interface Loaded<T> {
  value: T;
  /** Milliseconds; 0 = do not store. */
  ttlMs: number;
}

interface Inflight {
  promise: Promise<unknown>;
}

/**
 * Read-through cache over the backend cache service (memory, Redis, ...,
 * shared by every replica) with in-process coalescing: concurrent reads of
 * one key share one cache lookup and, on a miss, one load.
 *
 * A load only stores its value while it is still the key's current load, so
 * a read that started before a write cannot put the old state back after
 * the write invalidated the key.
 *
 * Values must survive JSON (plain objects, arrays, strings, numbers,
 * booleans, null): they are stored as JSON strings. Storing strings means the cache stores' own (de)serialisation
 * (Keyv's JSON reviver) handles one string instead of walking every
 * member, which makes a warm read several times cheaper.
 */
export class ReadCache {
  private readonly inflight = new Map<string, Inflight>();

  constructor(
    private readonly cache: CacheService,
    private readonly logger: LoggerService,
  ) {}

  get<T>(key: string, load: () => Promise<Loaded<T>>): Promise<T> {
    const running = this.inflight.get(key);
    if (running) {
      return running.promise as Promise<T>;
    }
    return this.track(key, entry => this.readThrough(key, load, entry));
  }

  /**
   * Loads the key now, bypassing (and then replacing) what is cached; reads
   * of the key that start meanwhile share this load.
   */
  refresh<T>(key: string, load: () => Promise<Loaded<T>>): Promise<T> {
    return this.track(key, entry => this.loadAndStore(key, load, entry));
  }

  /** Forgets keys (after a write), so the next read loads them again. */
  async invalidate(keys: string[]): Promise<void> {
    for (const key of keys) {
      this.inflight.delete(key);
    }
    await Promise.all(keys.map(key => this.safe(() => this.cache.delete(key))));
  }

  private track<T>(
    key: string,
    run: (entry: Inflight) => Promise<T>,
  ): Promise<T> {
    const entry = {} as Inflight;
    const promise = run(entry).finally(() => {
      if (this.inflight.get(key) === entry) {
        this.inflight.delete(key);
      }
    });
    entry.promise = promise;
    this.inflight.set(key, entry);
    return promise;
  }

  private async readThrough<T>(
    key: string,
    load: () => Promise<Loaded<T>>,
    entry: Inflight,
  ): Promise<T> {
    const cached = await this.safe(() => this.cache.get<string>(key));
    if (typeof cached === 'string') {
      return JSON.parse(cached) as T;
    }
    return this.loadAndStore(key, load, entry);
  }

  private async loadAndStore<T>(
    key: string,
    load: () => Promise<Loaded<T>>,
    entry: Inflight,
  ): Promise<T> {
    const { value, ttlMs } = await load();
    if (ttlMs > 0 && this.inflight.get(key) === entry) {
      const json = JSON.stringify(value);
      await this.safe(() => this.cache.set(key, json, { ttl: ttlMs }));
    }
    return value;
  }

  /** The cache is an optimisation: when its store fails, read AWS instead. */
  private async safe<R>(fn: () => Promise<R>): Promise<R | undefined> {
    try {
      return await fn();
    } catch (error) {
      this.logger.warn('Cache store failed; reading AWS directly', {
        error: String(error),
      });
      return undefined;
    }
  }
}
