import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** The settings of the delivery service, from `awsCicd.*`. */
export interface AwsCicdConfig {
  cache: {
    /** Live state while something runs (a stage, a deployment, a build). */
    inProgressTtlMs: number;
    /** Live state while everything is idle. */
    idleTtlMs: number;
    /** Definitions: pipeline structure, deployment group and deployment configuration. */
    definitionTtlMs: number;
    /** History that no longer changes: finished executions and builds. */
    finishedTtlMs: number;
    /** Errors (not found, denied, throttled), so a failing AWS is not hammered. */
    errorTtlMs: number;
  };
  /** Milliseconds a request may take before its unfinished sections are reported as timed out. */
  requestBudgetMs: number;
  /** Concurrent calls per AWS API (e.g. CodePipeline.GetPipelineState) per backend instance. */
  maxConcurrentCallsPerApi: number;
  /** Deployments listed per deployment group. */
  recentDeployments: number;
  /** Builds listed per CodeBuild project (and page size of the builds route). */
  recentBuilds: number;
}

export const DEFAULTS: AwsCicdConfig = {
  cache: {
    inProgressTtlMs: 5_000,
    idleTtlMs: 60_000,
    definitionTtlMs: 10 * 60_000,
    finishedTtlMs: 60 * 60_000,
    errorTtlMs: 5_000,
  },
  requestBudgetMs: 8_000,
  maxConcurrentCallsPerApi: 10,
  recentDeployments: 10,
  recentBuilds: 10,
};

/** A duration key: a number of milliseconds, `{ seconds: 5 }`, or an ISO / ms string like `5s`. */
function readMs(config: Config, key: string, fallback: number): number {
  if (!config.has(key)) {
    return fallback;
  }
  const raw = config.get(key);
  if (typeof raw === 'number') {
    return raw;
  }
  return durationToMilliseconds(readDurationFromConfig(config, { key }));
}

function readCount(
  config: Config,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `Invalid config ${key}: expected a whole number from ${min} to ${max}, got ${value}`,
    );
  }
  return value;
}

/** Reads `awsCicd.*` (the keys documented in config.d.ts). */
export function readAwsCicdConfig(root: Config): AwsCicdConfig {
  const config = root.getOptionalConfig('awsCicd');
  if (!config) {
    return DEFAULTS;
  }
  const d = DEFAULTS.cache;
  return {
    cache: {
      inProgressTtlMs: readMs(config, 'cache.inProgressTtl', d.inProgressTtlMs),
      idleTtlMs: readMs(config, 'cache.idleTtl', d.idleTtlMs),
      definitionTtlMs: readMs(config, 'cache.definitionTtl', d.definitionTtlMs),
      finishedTtlMs: readMs(config, 'cache.finishedTtl', d.finishedTtlMs),
      errorTtlMs: readMs(config, 'cache.errorTtl', d.errorTtlMs),
    },
    requestBudgetMs: readMs(config, 'requestBudget', DEFAULTS.requestBudgetMs),
    maxConcurrentCallsPerApi: readCount(
      config,
      'maxConcurrentCallsPerApi',
      DEFAULTS.maxConcurrentCallsPerApi,
      1,
      1000,
    ),
    recentDeployments: readCount(
      config,
      'recentDeployments',
      DEFAULTS.recentDeployments,
      1,
      25,
    ),
    recentBuilds: readCount(
      config,
      'recentBuilds',
      DEFAULTS.recentBuilds,
      1,
      100,
    ),
  };
}
