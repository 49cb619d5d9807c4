import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { SectionError } from '@liftoff/plugin-aws-cicd-common';
import { AwsCicdConfig } from '../../config';
import {
  AwsCallContext,
  AwsCallFailure,
  AwsClientFactory,
  BudgetExceededError,
  sectionErrorOf,
  sectionToHttpError,
} from '@liftoff/plugin-aws-cicd-node';
import { CachedSectionError } from '../errors';
import { Limiter } from '../Limiter';
import { Loaded, ReadCache } from '../ReadCache';
import { ReadOptions } from '../types';
import { Scoped } from './keys';

/** A cached read: its value, or the error that replaced it. */
export type Outcome<T> =
  { value: T; error?: undefined } | { error: SectionError; value?: undefined };

/** The abort signal of one AWS call, as the SDK's `send` takes it. */
export interface SendOptions {
  abortSignal: AbortSignal;
}

/** @internal */
export interface PlumbingOptions {
  logger: LoggerService;
  cache: CacheService;
  clients: AwsClientFactory;
  config: AwsCicdConfig;
  now: () => Date;
}

/**
 * What every reader and the write path share: the AWS clients (always made
 * as the resource's role), one bounded `call` per AWS API, the read-through
 * cache with its TTL policy, cached definitions, request deadlines and the
 * mapping of failures to section errors.
 */
export class Plumbing {
  readonly logger: LoggerService;
  readonly config: AwsCicdConfig;
  readonly cache: ReadCache;
  /** AWS's "now", for durations and countdowns. */
  readonly now: () => Date;
  private readonly factory: AwsClientFactory;
  private readonly limiter: Limiter;
  /** Keys read in this process per resource ARN, whatever the role. */
  private readonly keysByArn = new Map<string, Set<string>>();

  constructor(options: PlumbingOptions) {
    this.logger = options.logger;
    this.config = options.config;
    this.now = options.now;
    this.factory = options.clients;
    this.cache = new ReadCache(options.cache, options.logger);
    this.limiter = new Limiter(options.config.maxConcurrentCallsPerApi);
  }

  // ---------------------------------------------------------- AWS calls

  /** The clients of a resource, made as its role (the entity's), if any. */
  readonly clients = {
    codePipeline: (ref: Scoped): Promise<CodePipelineClient> =>
      this.factory.codePipeline(ref, { roleArn: ref.roleArn }),
    codeDeploy: (ref: Scoped): Promise<CodeDeployClient> =>
      this.factory.codeDeploy(ref, { roleArn: ref.roleArn }),
    codeBuild: (ref: Scoped): Promise<CodeBuildClient> =>
      this.factory.codeBuild(ref, { roleArn: ref.roleArn }),
    cloudWatch: (ref: Scoped): Promise<CloudWatchClient> =>
      this.factory.cloudWatch(ref, { roleArn: ref.roleArn }),
  };

  /**
   * One AWS call, bounded per API (`call`, e.g. `CodePipeline.GetPipeline`)
   * and aborted with `signal`. `send` is the SDK client's own typed send:
   * `o => client.send(new GetPipelineCommand({ name }), o)`.
   */
  async call<O>(
    call: string,
    signal: AbortSignal,
    send: (options: SendOptions) => Promise<O>,
  ): Promise<O> {
    try {
      return await this.limiter.run(call, () => {
        if (signal.aborted) {
          throw new BudgetExceededError(`${call} not sent: out of time`);
        }
        return send({ abortSignal: signal });
      });
    } catch (e) {
      if (e instanceof AwsCallFailure) throw e;
      throw new AwsCallFailure(call, e);
    }
  }

  /** The abort signal of a load: the request budget from now. */
  budget(): AbortSignal {
    return AbortSignal.timeout(this.config.requestBudgetMs);
  }

  /** Notes that `key` holds state of the resource `arn` (to forget it after a write). */
  remember(arn: string, key: string): string {
    const keys = this.keysByArn.get(arn) ?? new Set<string>();
    keys.add(key);
    this.keysByArn.set(arn, keys);
    return key;
  }

  /**
   * After a write: forgets what this process cached of the resource, under
   * every role (so an entity reading it as another role sees the change
   * too, on its next read, with its own permissions).
   */
  async forget(arn: string): Promise<void> {
    await this.cache.invalidate([...(this.keysByArn.get(arn) ?? [])]);
  }

  // ---------------------------------------------------------- TTL policy

  deadlineOf(options?: ReadOptions): number {
    return options?.deadline ?? Date.now() + this.config.requestBudgetMs;
  }

  /** Short while something runs, else `idle` (default: the idle TTL). */
  liveTtl(running: boolean, idle?: number): number {
    if (running) return this.config.cache.inProgressTtlMs;
    return idle ?? this.config.cache.idleTtlMs;
  }

  errorTtl(error: SectionError): number {
    // A deadline is the request's, not AWS's answer: never kept.
    return error.name === 'Timeout' ? 0 : this.config.cache.errorTtlMs;
  }

  // ---------------------------------------------------------- cached reads

  /**
   * A declaration (pipeline, deployment group, deployment configuration):
   * cached for the definition TTL, its error too (for the error TTL), and
   * thrown as the section's error to the load that needs it.
   */
  async definition<T>(
    key: string,
    ctx: AwsCallContext,
    load: () => Promise<T>,
  ): Promise<T> {
    const outcome = await this.cache.get(key, () =>
      this.outcomeOf<T>(ctx, async () => ({
        value: await load(),
        ttlMs: this.config.cache.definitionTtlMs,
      })),
    );
    if (outcome.error) throw new CachedSectionError(outcome.error);
    return outcome.value;
  }

  /**
   * A route's read of one resource: the cached load, waited for until the
   * request's deadline. A section error becomes the route's HTTP error.
   */
  async readForRoute<T>(
    key: string,
    ctx: AwsCallContext,
    options: ReadOptions | undefined,
    load: (signal: AbortSignal) => Promise<Loaded<T>>,
  ): Promise<T> {
    const outcome = await this.withDeadline<Outcome<T>>(
      this.cache.get(key, () => this.outcomeOf(ctx, load)),
      this.deadlineOf(options),
      ctx,
      error => ({ error }),
    );
    if (outcome.error) throw sectionToHttpError(outcome.error);
    return outcome.value;
  }

  /**
   * Runs a load that may fail into an outcome that is cached either way:
   * values for their TTL, errors for the error TTL.
   */
  async outcomeOf<T>(
    ctx: AwsCallContext,
    load: (signal: AbortSignal) => Promise<Loaded<T>>,
  ): Promise<Loaded<Outcome<T>>> {
    try {
      const loaded = await load(this.budget());
      return { value: { value: loaded.value }, ttlMs: loaded.ttlMs };
    } catch (e) {
      if (isInvalidPageToken(e)) {
        // The caller's fault, not AWS's: 400, and nothing cached.
        throw new InputError('pageToken is not a token this API returned');
      }
      const error = errorOf(e, ctx);
      this.logFailure(error, ctx.what, e);
      return { value: { error }, ttlMs: this.errorTtl(error) };
    }
  }

  /**
   * Waits for a shared load until the request's deadline. Past it the
   * caller gets `onTimeout`'s answer, while the load goes on and fills the
   * cache for the next request.
   */
  async withDeadline<T>(
    promise: Promise<T>,
    deadline: number,
    ctx: AwsCallContext,
    onTimeout: (error: SectionError) => T,
  ): Promise<T> {
    const timeout = () =>
      onTimeout(sectionErrorOf(new BudgetExceededError('deadline'), ctx));
    const ms = deadline - Date.now();
    if (ms <= 0) {
      promise.catch(() => undefined);
      return timeout();
    }
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<T>(resolve => {
      timer = setTimeout(() => resolve(timeout()), ms);
    });
    try {
      return await Promise.race([promise, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  logFailure(error: SectionError, resource: string, cause: unknown): void {
    if (cause instanceof CachedSectionError) return; // logged when it happened
    const e = cause instanceof AwsCallFailure ? cause : undefined;
    this.logger.warn('AWS read failed', {
      resource,
      reason: error.name,
      call: e?.call,
      awsError: e ? String(errorName(e.error)) : String(cause),
    });
  }
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

/** The AWS error name of a failed call, if it failed with one. */
export function awsErrorName(e: unknown): string | undefined {
  return e instanceof AwsCallFailure ? errorName(e.error) : undefined;
}

function isInvalidPageToken(e: unknown): boolean {
  const name = awsErrorName(e);
  return (
    name === 'InvalidNextTokenException' ||
    ((name === 'InvalidInputException' || name === 'ValidationException') &&
      e instanceof AwsCallFailure &&
      e.error instanceof Error &&
      /token/i.test(e.error.message))
  );
}

/** The section error of a failed load (a cached one as it was). */
export function errorOf(e: unknown, ctx: AwsCallContext): SectionError {
  return e instanceof CachedSectionError ? e.section : sectionErrorOf(e, ctx);
}
