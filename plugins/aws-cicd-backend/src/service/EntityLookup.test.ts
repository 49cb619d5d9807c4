import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityLookup } from './EntityLookup';

const ENTITY: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};
const REF = 'component:default/payments-api';
const ALICE = mockCredentials.user('user:default/alice');
const BOB = mockCredentials.user('user:default/bob');

function setup(options: { maxEntries?: number } = {}) {
  let now = 0;
  const getEntityByRef = jest.fn(
    async (_ref: unknown, _opts?: unknown): Promise<Entity | undefined> =>
      ENTITY,
  );
  const lookup = new EntityLookup(
    { getEntityByRef },
    { ttlMs: 5_000, now: () => now, ...options },
  );
  return {
    lookup,
    getEntityByRef,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('EntityLookup', () => {
  it("reuses a caller's lookup within the TTL, asks again after it", async () => {
    const { lookup, getEntityByRef, advance } = setup();
    const alice = { credentials: ALICE, authorization: 'Bearer a' };
    await expect(lookup.get(REF, alice)).resolves.toBe(ENTITY);
    advance(4_999);
    await expect(lookup.get(REF, alice)).resolves.toBe(ENTITY);
    expect(getEntityByRef).toHaveBeenCalledTimes(1);
    expect(getEntityByRef).toHaveBeenCalledWith(REF, { credentials: ALICE });
    advance(1);
    await lookup.get(REF, alice);
    expect(getEntityByRef).toHaveBeenCalledTimes(2);
  });

  it('never serves one caller what another caller looked up', async () => {
    const { lookup, getEntityByRef } = setup();
    await lookup.get(REF, { credentials: ALICE, authorization: 'Bearer a' });
    // Another user, and the same user with another token (other claims).
    await lookup.get(REF, { credentials: BOB, authorization: 'Bearer b' });
    await lookup.get(REF, { credentials: ALICE, authorization: 'Bearer a2' });
    // Same token presented for another principal: not the same caller.
    await lookup.get(REF, { credentials: BOB, authorization: 'Bearer a' });
    expect(getEntityByRef.mock.calls.map(c => c[1])).toEqual([
      { credentials: ALICE },
      { credentials: BOB },
      { credentials: ALICE },
      { credentials: BOB },
    ]);
  });

  it('keeps entities apart', async () => {
    const { lookup, getEntityByRef } = setup();
    const alice = { credentials: ALICE, authorization: 'Bearer a' };
    await lookup.get(REF, alice);
    await lookup.get('component:default/other', alice);
    expect(getEntityByRef.mock.calls.map(c => c[0])).toEqual([
      REF,
      'component:default/other',
    ]);
  });

  it('shares one catalog request between concurrent lookups of a caller', async () => {
    const { lookup, getEntityByRef } = setup();
    const alice = { credentials: ALICE, authorization: 'Bearer a' };
    const all = await Promise.all([
      lookup.get(REF, alice),
      lookup.get(REF, alice),
      lookup.get(REF, alice),
    ]);
    expect(all).toEqual([ENTITY, ENTITY, ENTITY]);
    expect(getEntityByRef).toHaveBeenCalledTimes(1);
  });

  it('does not keep "not found" or failures', async () => {
    const { lookup, getEntityByRef } = setup();
    const alice = { credentials: ALICE, authorization: 'Bearer a' };
    getEntityByRef.mockResolvedValueOnce(undefined);
    await expect(lookup.get(REF, alice)).resolves.toBeUndefined();
    getEntityByRef.mockRejectedValueOnce(new Error('catalog down'));
    await expect(lookup.get(REF, alice)).rejects.toThrow('catalog down');
    await expect(lookup.get(REF, alice)).resolves.toBe(ENTITY);
    expect(getEntityByRef).toHaveBeenCalledTimes(3);
    expect(lookup.size).toBe(1);
  });

  it('caches nothing for a caller without an Authorization header', async () => {
    const { lookup, getEntityByRef } = setup();
    await lookup.get(REF, { credentials: ALICE });
    await lookup.get(REF, { credentials: ALICE });
    expect(getEntityByRef).toHaveBeenCalledTimes(2);
    expect(lookup.size).toBe(0);
  });

  it('holds at most maxEntries, dropping the oldest', async () => {
    const { lookup, getEntityByRef } = setup({ maxEntries: 2 });
    const caller = (n: number) => ({
      credentials: ALICE,
      authorization: `Bearer ${n}`,
    });
    await lookup.get(REF, caller(1));
    await lookup.get(REF, caller(2));
    await lookup.get(REF, caller(3));
    expect(lookup.size).toBe(2);
    await lookup.get(REF, caller(3));
    await lookup.get(REF, caller(2));
    expect(getEntityByRef).toHaveBeenCalledTimes(3);
    await lookup.get(REF, caller(1));
    expect(getEntityByRef).toHaveBeenCalledTimes(4);
  });
});
