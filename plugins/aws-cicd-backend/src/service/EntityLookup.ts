import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createHash } from 'node:crypto';

/** How long a caller's entity lookup is reused (a view and its first polls). */
export const ENTITY_LOOKUP_TTL_MS = 5_000;
/** Most cached lookups; the oldest go first. */
export const ENTITY_LOOKUP_MAX_ENTRIES = 1_000;

/** Who asks: the principal and the token that proves it. */
export interface Caller {
  credentials: BackstageCredentials;
  /**
   * The request's `Authorization` header. The token carries the user's
   * ownership claims, so two tokens of one user are two callers. Without
   * it (cookie auth) nothing is cached.
   */
  authorization?: string;
}

interface Entry {
  expiresAt: number;
  entity: Promise<Entity | undefined>;
}

function principalOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  return `${p.type ?? '?'}:${p.userEntityRef ?? p.subject ?? ''}`;
}

/**
 * The catalog's `getEntityByRef` with the caller's credentials, remembered
 * for a few seconds per caller and entity: a view's requests (and the polls
 * right after) ask the catalog once. Keeps the catalog's permission
 * semantics because an entry is only ever reused by the same caller (same
 * principal and same token): what one caller may see is never served to
 * another. Lookups that found nothing or failed are not kept; concurrent
 * lookups of one caller and entity share one catalog request.
 */
export class EntityLookup {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly catalog: Pick<CatalogService, 'getEntityByRef'>,
    private readonly options: {
      ttlMs?: number;
      maxEntries?: number;
      /** Milliseconds; a monotonic clock. */
      now?: () => number;
    } = {},
  ) {}

  /** The entity as the catalog shows it to `caller`, maybe from a few seconds ago. */
  get(ref: string, caller: Caller): Promise<Entity | undefined> {
    if (!caller.authorization) return this.fetch(ref, caller);
    const now = (this.options.now ?? performance.now.bind(performance))();
    const key = createHash('sha256')
      .update(principalOf(caller.credentials))
      .update('\0')
      .update(caller.authorization)
      .update('\0')
      .update(ref)
      .digest('base64');
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.entity;
    if (hit) this.entries.delete(key);

    const entity = this.fetch(ref, caller);
    const entry = {
      expiresAt: now + (this.options.ttlMs ?? ENTITY_LOOKUP_TTL_MS),
      entity,
    };
    this.entries.set(key, entry);
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    entity.then(found => found || forget(), forget);
    const max = this.options.maxEntries ?? ENTITY_LOOKUP_MAX_ENTRIES;
    while (this.entries.size > max) {
      // Maps iterate in insertion order: the first key is the oldest.
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return entity;
  }

  /** Entries held now (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }

  private fetch(ref: string, caller: Caller): Promise<Entity | undefined> {
    return this.catalog.getEntityByRef(ref, {
      credentials: caller.credentials,
    });
  }
}
