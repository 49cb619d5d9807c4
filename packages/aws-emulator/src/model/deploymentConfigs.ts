import type { DeploymentConfigInfo } from '@aws-sdk/client-codedeploy';

/**
 * The predefined CodeDeploy configurations. Their ids are fixed here so every emulator answers the same; AWS does not
 * return a createTime for the predefined ones.
 */
type Platform = 'Server' | 'Lambda' | 'ECS';

function canary(
  platform: Platform,
  name: string,
  percentage: number,
  interval: number,
): DeploymentConfigInfo {
  return {
    deploymentConfigName: `CodeDeployDefault.${name}`,
    computePlatform: platform,
    trafficRoutingConfig: {
      type: 'TimeBasedCanary',
      timeBasedCanary: {
        canaryPercentage: percentage,
        canaryInterval: interval,
      },
    },
  };
}

function linear(
  platform: Platform,
  name: string,
  percentage: number,
  interval: number,
): DeploymentConfigInfo {
  return {
    deploymentConfigName: `CodeDeployDefault.${name}`,
    computePlatform: platform,
    trafficRoutingConfig: {
      type: 'TimeBasedLinear',
      timeBasedLinear: {
        linearPercentage: percentage,
        linearInterval: interval,
      },
    },
  };
}

function allAtOnce(platform: Platform, name: string): DeploymentConfigInfo {
  return {
    deploymentConfigName: `CodeDeployDefault.${name}`,
    computePlatform: platform,
    trafficRoutingConfig: { type: 'AllAtOnce' },
  };
}

function server(
  name: string,
  type: 'HOST_COUNT' | 'FLEET_PERCENT',
  value: number,
): DeploymentConfigInfo {
  return {
    deploymentConfigName: `CodeDeployDefault.${name}`,
    computePlatform: 'Server',
    minimumHealthyHosts: { type, value },
  };
}

const predefined: DeploymentConfigInfo[] = [
  server('OneAtATime', 'HOST_COUNT', 0),
  server('HalfAtATime', 'FLEET_PERCENT', 50),
  server('AllAtOnce', 'HOST_COUNT', 0),
  allAtOnce('Lambda', 'LambdaAllAtOnce'),
  canary('Lambda', 'LambdaCanary10Percent5Minutes', 10, 5),
  canary('Lambda', 'LambdaCanary10Percent10Minutes', 10, 10),
  canary('Lambda', 'LambdaCanary10Percent15Minutes', 10, 15),
  canary('Lambda', 'LambdaCanary10Percent30Minutes', 10, 30),
  linear('Lambda', 'LambdaLinear10PercentEvery1Minute', 10, 1),
  linear('Lambda', 'LambdaLinear10PercentEvery2Minutes', 10, 2),
  linear('Lambda', 'LambdaLinear10PercentEvery3Minutes', 10, 3),
  linear('Lambda', 'LambdaLinear10PercentEvery10Minutes', 10, 10),
  allAtOnce('ECS', 'ECSAllAtOnce'),
  linear('ECS', 'ECSLinear10PercentEvery1Minutes', 10, 1),
  linear('ECS', 'ECSLinear10PercentEvery3Minutes', 10, 3),
  canary('ECS', 'ECSCanary10Percent5Minutes', 10, 5),
  canary('ECS', 'ECSCanary10Percent15Minutes', 10, 15),
];

/** A stable UUID-shaped id per predefined name. */
function idFor(index: number): string {
  const hex = (index + 1).toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

export const predefinedDeploymentConfigs: ReadonlyMap<
  string,
  DeploymentConfigInfo
> = new Map(
  predefined.map((c, i) => [
    c.deploymentConfigName!,
    { deploymentConfigId: idFor(i), ...c },
  ]),
);
