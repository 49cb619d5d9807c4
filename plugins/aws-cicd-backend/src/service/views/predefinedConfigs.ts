import {
  DeploymentConfigInfo,
  TrafficRoutingConfig,
} from '@aws-sdk/client-codedeploy';
import {
  PREDEFINED,
  PredefinedDeploymentConfig,
} from '@liftoff/plugin-aws-cicd-common';

function routingOf(config: PredefinedDeploymentConfig): TrafficRoutingConfig {
  if (config.type === 'TimeBasedCanary') {
    return {
      type: 'TimeBasedCanary',
      timeBasedCanary: {
        canaryPercentage: config.percentage,
        canaryInterval: config.intervalMinutes,
      },
    };
  }
  if (config.type === 'TimeBasedLinear') {
    return {
      type: 'TimeBasedLinear',
      timeBasedLinear: {
        linearPercentage: config.percentage,
        linearInterval: config.intervalMinutes,
      },
    };
  }
  return { type: 'AllAtOnce' };
}

/**
 * CodeDeploy's predefined Lambda and ECS configurations
 * (`CodeDeployDefault.*`) as `GetDeploymentConfig` describes them. They are
 * the same in every account and region and never change, so the traffic
 * plan of a group using one needs no AWS call.
 */
const BY_NAME: ReadonlyMap<string, DeploymentConfigInfo> = new Map(
  PREDEFINED.flatMap(config =>
    Object.entries(config.names).map(([platform, name]) => {
      const computePlatform = platform === 'lambda' ? 'Lambda' : 'ECS';
      const info: DeploymentConfigInfo = {
        deploymentConfigName: name,
        computePlatform,
        trafficRoutingConfig: routingOf(config),
      };
      return [name, info] as const;
    }),
  ),
);

/** The predefined configuration of that name, if it is one. */
export function predefinedDeploymentConfig(
  name: string,
): DeploymentConfigInfo | undefined {
  return BY_NAME.get(name);
}
