import { AwsError, internalFailure, serviceUnavailable } from './errors';
import { Rng } from './rng';

/** Milliseconds: fixed, uniform between min and max, or normal (clamped at 0). */
export type LatencySpec =
  number | { min: number; max: number } | { mean: number; stddev: number };

export interface ThrottleSpec {
  /** Tokens added per second (wall clock). */
  ratePerSecond: number;
  /** Bucket size: calls allowed in a burst. */
  burst: number;
}

/**
 * Fault injection. Keys of the per-operation maps are `Service.Operation` (`CodePipeline.GetPipelineState`),
 * a bare operation name (`GetPipelineState`), or `*` for every call; the most specific key wins.
 */
export interface FaultConfig {
  /** Added latency per call: one spec for all calls, or a map by operation. */
  latency?: LatencySpec | Record<string, LatencySpec>;
  /** Token bucket per operation key; an empty bucket answers `ThrottlingException` (HTTP 400, as AWS does). */
  throttle?: Record<string, ThrottleSpec>;
  /**
   * The next N calls per operation key answer `ThrottlingException`, then calls go through: a throttle that does not
   * depend on how fast the caller is, for tests of retries.
   */
  throttleNext?: Record<string, number>;
  /** Probability (0..1) of a server error per operation key. */
  errorRate?: Record<string, number>;
  /** Status of injected server errors: 500 `InternalFailure` (default) or 503 `ServiceUnavailable`. */
  errorStatus?: 500 | 503;
  /** ARNs (exact, or `*` wildcards) on which every call is denied with `AccessDeniedException`. */
  accessDenied?: string[];
  /** Seed for the latency and error-rate draws; set it for deterministic tests. */
  seed?: number;
}

/** The public face of fault injection. */
export interface Faults {
  /** Replaces the whole fault configuration. */
  set(config: FaultConfig): void;
  /** No faults. */
  reset(): void;
  /** The current configuration. */
  get(): FaultConfig;
}

function isLatencySpec(v: unknown): v is LatencySpec {
  if (typeof v === 'number') return true;
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return (
    (typeof o.min === 'number' && typeof o.max === 'number') ||
    (typeof o.mean === 'number' && typeof o.stddev === 'number')
  );
}

function lookup<T>(
  map: Record<string, T> | undefined,
  service: string,
  operation: string,
): { key: string; value: T } | undefined {
  if (!map) return undefined;
  for (const key of [`${service}.${operation}`, operation, '*']) {
    if (Object.prototype.hasOwnProperty.call(map, key))
      return { key, value: map[key] };
  }
  return undefined;
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** Checks a fault configuration read from JSON or YAML; throws a message naming the bad key. */
export function checkFaultConfig(value: unknown): FaultConfig {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new Error('faults must be an object');
  const c = value as Record<string, unknown>;
  const known = [
    'latency',
    'throttle',
    'throttleNext',
    'errorRate',
    'errorStatus',
    'accessDenied',
    'seed',
  ];
  for (const key of Object.keys(c))
    if (!known.includes(key))
      throw new Error(`faults.${key} is not a known fault`);
  if (c.latency !== undefined && !isLatencySpec(c.latency)) {
    if (typeof c.latency !== 'object' || c.latency === null)
      throw new Error('faults.latency is invalid');
    for (const [k, v] of Object.entries(c.latency)) {
      if (!isLatencySpec(v))
        throw new Error(
          `faults.latency.${k} must be ms, {min,max} or {mean,stddev}`,
        );
    }
  }
  if (c.throttle !== undefined) {
    if (typeof c.throttle !== 'object' || c.throttle === null)
      throw new Error('faults.throttle must be a map');
    for (const [k, v] of Object.entries(c.throttle)) {
      const t = v as Record<string, unknown>;
      if (
        typeof t?.ratePerSecond !== 'number' ||
        typeof t?.burst !== 'number' ||
        t.ratePerSecond < 0 ||
        t.burst < 0
      ) {
        throw new Error(
          `faults.throttle.${k} must be {ratePerSecond, burst} with non-negative numbers`,
        );
      }
    }
  }
  if (c.throttleNext !== undefined) {
    if (typeof c.throttleNext !== 'object' || c.throttleNext === null)
      throw new Error('faults.throttleNext must be a map');
    for (const [k, v] of Object.entries(c.throttleNext)) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
        throw new Error(
          `faults.throttleNext.${k} must be a non-negative whole number of calls`,
        );
    }
  }
  if (c.errorRate !== undefined) {
    if (typeof c.errorRate !== 'object' || c.errorRate === null)
      throw new Error('faults.errorRate must be a map');
    for (const [k, v] of Object.entries(c.errorRate)) {
      if (typeof v !== 'number' || v < 0 || v > 1)
        throw new Error(`faults.errorRate.${k} must be a probability`);
    }
  }
  if (
    c.errorStatus !== undefined &&
    c.errorStatus !== 500 &&
    c.errorStatus !== 503
  ) {
    throw new Error('faults.errorStatus must be 500 or 503');
  }
  if (
    c.accessDenied !== undefined &&
    (!Array.isArray(c.accessDenied) ||
      c.accessDenied.some(a => typeof a !== 'string'))
  ) {
    throw new Error('faults.accessDenied must be a list of ARNs or patterns');
  }
  if (c.seed !== undefined && typeof c.seed !== 'number')
    throw new Error('faults.seed must be a number');
  return c as FaultConfig;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/** Applies a FaultConfig to calls. `now` is wall-clock ms (throttling is about real request rates). */
export class FaultInjector implements Faults {
  private config: FaultConfig = {};
  private rng = new Rng(1);
  private buckets = new Map<string, Bucket>();
  private throttledLeft = new Map<string, number>();
  private denied: RegExp[] = [];

  constructor(
    config?: FaultConfig,
    private readonly wallNow: () => number = () => Date.now(),
  ) {
    if (config) this.set(config);
  }

  set(config: FaultConfig): void {
    this.config = checkFaultConfig(config);
    this.rng = new Rng(config.seed ?? 1);
    this.buckets = new Map();
    this.throttledLeft = new Map(Object.entries(config.throttleNext ?? {}));
    this.denied = (config.accessDenied ?? []).map(wildcard);
  }

  reset(): void {
    this.set({});
  }

  get(): FaultConfig {
    return this.config;
  }

  /** Milliseconds to delay this call by. */
  latencyFor(service: string, operation: string): number {
    const l = this.config.latency;
    if (l === undefined) return 0;
    const spec = isLatencySpec(l) ? l : lookup(l, service, operation)?.value;
    if (spec === undefined) return 0;
    if (typeof spec === 'number') return spec;
    if ('min' in spec) return this.rng.between(spec.min, spec.max);
    return Math.max(0, this.rng.normal(spec.mean, spec.stddev));
  }

  /** Throws the error this call should get before it reaches its handler, if any. */
  beforeCall(
    service: string,
    operation: string,
    throttlingCode: { code: string; queryCode?: string },
  ): void {
    const next = lookup(this.config.throttleNext, service, operation);
    const left = next ? (this.throttledLeft.get(next.key) ?? 0) : 0;
    if (next && left > 0) {
      this.throttledLeft.set(next.key, left - 1);
      throw new AwsError(throttlingCode.code, 'Rate exceeded', {
        queryCode: throttlingCode.queryCode,
      });
    }
    const throttle = lookup(this.config.throttle, service, operation);
    if (throttle) {
      // One bucket per operation, also when the limit comes from '*' (AWS limits each API separately).
      const key = `${service}.${operation}`;
      const now = this.wallNow();
      const spec = throttle.value;
      const bucket = this.buckets.get(key) ?? {
        tokens: spec.burst,
        updated: now,
      };
      bucket.tokens = Math.min(
        spec.burst,
        bucket.tokens + ((now - bucket.updated) / 1000) * spec.ratePerSecond,
      );
      bucket.updated = now;
      this.buckets.set(key, bucket);
      if (bucket.tokens < 1) {
        throw new AwsError(throttlingCode.code, 'Rate exceeded', {
          queryCode: throttlingCode.queryCode,
        });
      }
      bucket.tokens -= 1;
    }
    const rate = lookup(this.config.errorRate, service, operation);
    if (rate && this.rng.chance(rate.value)) {
      throw this.config.errorStatus === 503
        ? serviceUnavailable()
        : internalFailure();
    }
  }

  /** True when calls on this ARN are denied. */
  isDenied(arn: string): boolean {
    return this.denied.some(re => re.test(arn));
  }
}
