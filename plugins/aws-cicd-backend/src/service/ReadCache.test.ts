import { mockServices } from '@backstage/backend-test-utils';
import { JsonValue } from '@backstage/types';
import { Limiter } from './Limiter';
import { ReadCache } from './ReadCache';

describe('ReadCache', () => {
  it('shares one load between concurrent reads and serves the next from the cache', async () => {
    const cache = new ReadCache(
      mockServices.cache.mock({
        get: jest.fn(async () => undefined),
        set: jest.fn(async () => undefined),
      }),
      mockServices.logger.mock(),
    );
    let release!: () => void;
    const load = jest.fn(
      () =>
        new Promise<{ value: number; ttlMs: number }>(resolve => {
          release = () => resolve({ value: 42, ttlMs: 1000 });
        }),
    );
    const reads = [
      cache.get('k', load),
      cache.get('k', load),
      cache.get('k', load),
    ];
    await new Promise(setImmediate);
    release();
    expect(await Promise.all(reads)).toEqual([42, 42, 42]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not store a load that a write made stale', async () => {
    const store = new Map<string, JsonValue>();
    const service = mockServices.cache.mock({
      get: async <T extends JsonValue>(k: string) =>
        store.get(k) as T | undefined,
      set: jest.fn(async (k: string, v: JsonValue) => {
        store.set(k, v);
      }),
      delete: jest.fn(async (k: string) => {
        store.delete(k);
      }),
    });
    const cache = new ReadCache(service, mockServices.logger.mock());
    let release!: () => void;
    const stale = cache.get(
      'k',
      () =>
        new Promise<{ value: string; ttlMs: number }>(resolve => {
          release = () => resolve({ value: 'old', ttlMs: 1000 });
        }),
    );
    await new Promise(setImmediate);
    await cache.invalidate(['k']);
    expect(
      await cache.refresh('k', async () => ({ value: 'new', ttlMs: 1000 })),
    ).toBe('new');
    release();
    expect(await stale).toBe('old');
    expect(JSON.parse(String(store.get('k')))).toBe('new');
  });

  it('reads AWS when the cache store fails', async () => {
    const cache = new ReadCache(
      mockServices.cache.mock({
        get: jest.fn(async () => {
          throw new Error('redis down');
        }),
        set: jest.fn(async () => {
          throw new Error('redis down');
        }),
      }),
      mockServices.logger.mock(),
    );
    expect(await cache.get('k', async () => ({ value: 1, ttlMs: 1000 }))).toBe(
      1,
    );
  });
});

describe('Limiter', () => {
  it('runs at most N calls per key at once, the rest in order', async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const gates: Array<() => void> = [];
    const task = (i: number) =>
      limiter.run('CodePipeline.GetPipelineState', async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>(resolve => gates.push(resolve));
        running--;
        order.push(i);
      });
    const all = Promise.all([0, 1, 2, 3, 4].map(task));
    // Another API is not held up by this one.
    await limiter.run('CodeDeploy.ListDeployments', async () => undefined);
    while (order.length < 5) {
      await new Promise(setImmediate);
      gates.shift()?.();
    }
    await all;
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });
});
