/*
 * The rules of a deployment strategy, defined once for the scaffolder action
 * and the wizard: CodeDeploy's predefined configurations by a plain-language
 * id per platform (ECS has fewer than Lambda), custom canary / linear
 * routing within CodeDeploy's limits (1-99 %, 1-2880 minutes), and the
 * traffic plan a person can read. Pure and browser-safe.
 */
import { InputError } from '@backstage/errors';
import { TrafficStep } from './api';
import {
  TrafficRoutingType,
  trafficPlanMinutes,
  trafficStepsOf,
  trafficTimelineOf,
} from './traffic';

/** @public */
export type ComputePlatform = 'lambda' | 'ecs';

/** @public */
export interface ResolvedDeploymentStrategy {
  platform: ComputePlatform;
  type: TrafficRoutingType;
  /** Whether CodeDeploy predefines this configuration (no custom config to create). */
  predefined: boolean;
  /** `CodeDeployDefault.*` for predefined ones, a suggested name for custom ones. */
  deploymentConfigName: string;
  /** aws-cdk-lib expression giving the configuration, for generated CDK code. */
  cdkExpression: string;
  /** Percentage of the first (canary) or each (linear) shift; absent for all-at-once. */
  percentage?: number;
  /** Minutes between shifts; absent for all-at-once. */
  intervalMinutes?: number;
  /** Every step of the plan, in order (the action's `shifts` output). */
  shifts: TrafficStep[];
  totalMinutes: number;
  /** e.g. "10% now, 100% after 5 min". */
  timeline: string;
}

/*
 * Limits of a custom configuration. CodeDeploy's API model (and CloudFormation's
 * AWS::CodeDeploy::DeploymentConfig) types both values as integers: the
 * interval is whole minutes (aws-cdk-lib calls Duration.toMinutes(), which
 * throws for fractions) and the percentage a whole number. 0% would never shift
 * and 100% is all-at-once, hence 1-99. The interval cap is the CodeDeploy
 * console's 2 days (2880 minutes).
 */
/** @public */
export const PERCENTAGE_RANGE = { min: 1, max: 99 } as const;
/** @public */
export const INTERVAL_MINUTES_RANGE = { min: 1, max: 2880 } as const;

/**
 * A configuration CodeDeploy predefines.
 *
 * @public
 */
export interface PredefinedDeploymentConfig {
  /** Plain-language id, e.g. `canary-10-percent-5-minutes`. */
  id: string;
  type: TrafficRoutingType;
  percentage?: number;
  intervalMinutes?: number;
  /** The CodeDeployDefault name per platform where CodeDeploy has one. */
  names: Partial<Record<ComputePlatform, string>>;
  /** The aws-cdk-lib constant name per platform. */
  cdk: Partial<Record<ComputePlatform, string>>;
}

const canary = (
  m: number,
  lambda: boolean,
  ecs: boolean,
): PredefinedDeploymentConfig => ({
  id: `canary-10-percent-${m}-minutes`,
  type: 'TimeBasedCanary',
  percentage: 10,
  intervalMinutes: m,
  names: {
    ...(lambda && {
      lambda: `CodeDeployDefault.LambdaCanary10Percent${m}Minutes`,
    }),
    ...(ecs && { ecs: `CodeDeployDefault.ECSCanary10Percent${m}Minutes` }),
  },
  cdk: {
    ...(lambda && { lambda: `CANARY_10PERCENT_${m}MINUTES` }),
    ...(ecs && { ecs: `CANARY_10PERCENT_${m}MINUTES` }),
  },
});

const linear = (
  m: number,
  lambda: boolean,
  ecs: boolean,
): PredefinedDeploymentConfig => ({
  id: `linear-10-percent-every-${m}-minute${m === 1 ? '' : 's'}`,
  type: 'TimeBasedLinear',
  percentage: 10,
  intervalMinutes: m,
  // AWS spells these inconsistently: LambdaLinear10PercentEvery1Minute but
  // ECSLinear10PercentEvery1Minutes, and the CDK constants follow.
  names: {
    ...(lambda && {
      lambda: `CodeDeployDefault.LambdaLinear10PercentEvery${m}Minute${m === 1 ? '' : 's'}`,
    }),
    ...(ecs && { ecs: `CodeDeployDefault.ECSLinear10PercentEvery${m}Minutes` }),
  },
  cdk: {
    ...(lambda && {
      lambda: `LINEAR_10PERCENT_EVERY_${m}MINUTE${m === 1 ? '' : 'S'}`,
    }),
    ...(ecs && { ecs: `LINEAR_10PERCENT_EVERY_${m}MINUTES` }),
  },
});

/**
 * Every predefined CodeDeploy configuration for Lambda and ECS.
 *
 * @public
 */
export const PREDEFINED: readonly PredefinedDeploymentConfig[] = [
  {
    id: 'all-at-once',
    type: 'AllAtOnce',
    names: {
      lambda: 'CodeDeployDefault.LambdaAllAtOnce',
      ecs: 'CodeDeployDefault.ECSAllAtOnce',
    },
    cdk: { lambda: 'ALL_AT_ONCE', ecs: 'ALL_AT_ONCE' },
  },
  canary(5, true, true),
  canary(10, true, false),
  canary(15, true, true),
  canary(30, true, false),
  linear(1, true, true),
  linear(2, true, false),
  linear(3, true, true),
  linear(10, true, false),
];

const CDK_CLASS: Record<ComputePlatform, string> = {
  lambda: 'LambdaDeploymentConfig',
  ecs: 'EcsDeploymentConfig',
};
const PLATFORM_LABEL: Record<ComputePlatform, string> = {
  lambda: 'Lambda',
  ecs: 'ECS',
};

/**
 * The plain-language ids CodeDeploy predefines for a platform.
 *
 * @public
 */
export function predefinedIds(platform: ComputePlatform): string[] {
  return PREDEFINED.filter(p => p.names[platform]).map(p => p.id);
}

function checkInteger(
  name: string,
  value: number | undefined,
  range: { min: number; max: number },
  unit: string,
): number {
  if (
    value === undefined ||
    !Number.isInteger(value) ||
    value < range.min ||
    value > range.max
  ) {
    const got = value === undefined ? 'nothing' : String(value);
    throw new InputError(
      `${name} must be a whole number of ${unit} from ${range.min} to ${range.max} (CodeDeploy's limit), got ${got}`,
    );
  }
  return value;
}

function fromPredefined(
  p: PredefinedDeploymentConfig,
  platform: ComputePlatform,
): ResolvedDeploymentStrategy {
  const shifts = trafficStepsOf(p.type, p.percentage, p.intervalMinutes);
  return {
    platform,
    type: p.type,
    predefined: true,
    deploymentConfigName: p.names[platform]!,
    cdkExpression: `${CDK_CLASS[platform]}.${p.cdk[platform]}`,
    ...(p.percentage !== undefined && { percentage: p.percentage }),
    ...(p.intervalMinutes !== undefined && {
      intervalMinutes: p.intervalMinutes,
    }),
    shifts,
    totalMinutes: trafficPlanMinutes(shifts),
    timeline: trafficTimelineOf(shifts),
  };
}

/**
 * What the wizard asks.
 *
 * @public
 */
export interface DeploymentStrategyChoice {
  platform: ComputePlatform;
  /**
   * A plain-language id (`canary-10-percent-5-minutes`), a CodeDeploy name
   * (`CodeDeployDefault.LambdaCanary10Percent5Minutes`), or `canary` /
   * `linear` with `percentage` and `intervalMinutes`.
   */
  strategy: string;
  percentage?: number;
  intervalMinutes?: number;
}

/**
 * Resolves the wizard's choice. A custom choice that matches a predefined
 * configuration resolves to the predefined one, so no custom configuration is
 * created for it.
 * @throws InputError naming the allowed values
 * @public
 */
export function resolveDeploymentStrategy(
  choice: DeploymentStrategyChoice,
): ResolvedDeploymentStrategy {
  const { platform } = choice;
  const strategy = choice.strategy.trim();
  const allowed = () =>
    `Use one of ${predefinedIds(platform).join(', ')}, or canary / linear with a percentage (${PERCENTAGE_RANGE.min}-${PERCENTAGE_RANGE.max}) and an interval in minutes (${INTERVAL_MINUTES_RANGE.min}-${INTERVAL_MINUTES_RANGE.max}).`;

  if (strategy === 'canary' || strategy === 'linear') {
    const percentage = checkInteger(
      'percentage',
      choice.percentage,
      PERCENTAGE_RANGE,
      'percent',
    );
    const intervalMinutes = checkInteger(
      'intervalMinutes',
      choice.intervalMinutes,
      INTERVAL_MINUTES_RANGE,
      'minutes',
    );
    const type: TrafficRoutingType =
      strategy === 'canary' ? 'TimeBasedCanary' : 'TimeBasedLinear';
    const same = PREDEFINED.find(
      p =>
        p.names[platform] &&
        p.type === type &&
        p.percentage === percentage &&
        p.intervalMinutes === intervalMinutes,
    );
    if (same) return fromPredefined(same, platform);
    const shifts = trafficStepsOf(type, percentage, intervalMinutes);
    const name =
      type === 'TimeBasedCanary'
        ? `Canary${percentage}Percent${intervalMinutes}Minutes`
        : `Linear${percentage}PercentEvery${intervalMinutes}Minutes`;
    const routing =
      type === 'TimeBasedCanary' ? 'timeBasedCanary' : 'timeBasedLinear';
    return {
      platform,
      type,
      predefined: false,
      deploymentConfigName: `Liftoff.${PLATFORM_LABEL[platform]}${name}`,
      cdkExpression: `new ${CDK_CLASS[platform]}(this, 'DeploymentConfig', { trafficRouting: TrafficRouting.${routing}({ interval: Duration.minutes(${intervalMinutes}), percentage: ${percentage} }) })`,
      percentage,
      intervalMinutes,
      shifts,
      totalMinutes: trafficPlanMinutes(shifts),
      timeline: trafficTimelineOf(shifts),
    };
  }

  if (choice.percentage !== undefined || choice.intervalMinutes !== undefined) {
    throw new InputError(
      `percentage and intervalMinutes only apply to the custom strategies canary and linear, not to '${strategy}'. ${allowed()}`,
    );
  }
  const predefined = PREDEFINED.find(
    p =>
      p.id === strategy ||
      Object.values(p.names).some(
        n => n === strategy || n === `CodeDeployDefault.${strategy}`,
      ),
  );
  if (!predefined) {
    throw new InputError(
      `Unknown deployment strategy '${strategy}'. ${allowed()}`,
    );
  }
  if (!predefined.names[platform]) {
    throw new InputError(
      `CodeDeploy has no predefined '${strategy}' configuration for ${PLATFORM_LABEL[platform]}. ${allowed()}`,
    );
  }
  // A CodeDeploy name of the other platform (LambdaCanary... for ECS) is a mistake, not a synonym.
  const otherName = Object.entries(predefined.names).find(
    ([p, n]) =>
      p !== platform &&
      (n === strategy || n === `CodeDeployDefault.${strategy}`),
  );
  if (otherName) {
    throw new InputError(
      `'${strategy}' is a ${PLATFORM_LABEL[otherName[0] as ComputePlatform]} configuration; for ${PLATFORM_LABEL[platform]} use ${predefined.names[platform]} (or '${predefined.id}').`,
    );
  }
  return fromPredefined(predefined, platform);
}
