{%- if not values.deployment.predefined %}
import { Duration } from 'aws-cdk-lib';
{%- endif %}
import {
  IEcsDeploymentConfig,
  EcsDeploymentConfig,
{%- if not values.deployment.predefined %}
  TrafficRouting,
{%- endif %}
} from 'aws-cdk-lib/aws-codedeploy';
import { Construct } from 'constructs';

/**
 * How CodeDeploy shifts traffic to a new version, as chosen in the wizard:
 * ${{ values.deployment.timeline }}.
{%- if values.deployment.predefined %}
 * A configuration CodeDeploy predefines: ${{ values.deployment.deploymentConfigName }}.
{%- else %}
 * A custom ${{ values.deployment.type }} configuration (created in each account).
{%- endif %}
 */
/** The chosen strategy as data, for the tests and the pipeline's timeouts. */
export interface DeploymentStrategySummary {
  readonly type: 'AllAtOnce' | 'TimeBasedCanary' | 'TimeBasedLinear';
  readonly predefined: boolean;
  readonly deploymentConfigName: string;
  readonly percentage?: number;
  readonly intervalMinutes?: number;
  /** Minutes from the first shift to all traffic on the new version. */
  readonly totalMinutes: number;
  readonly timeline: string;
}

export const deploymentStrategy: DeploymentStrategySummary = {
  type: '${{ values.deployment.type }}',
  predefined: ${{ values.deployment.predefined }},
  deploymentConfigName: '${{ values.deployment.deploymentConfigName }}',
{%- if values.deployment.percentage %}
  percentage: ${{ values.deployment.percentage }},
  intervalMinutes: ${{ values.deployment.intervalMinutes }},
{%- endif %}
  totalMinutes: ${{ values.deployment.totalMinutes }},
  timeline: ${{ values.deployment.timeline | dump }},
};

/** The deployment configuration in a stack. */
export class DeploymentStrategy extends Construct {
  public readonly config: IEcsDeploymentConfig;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.config = ${{ values.deployment.cdkExpression }};
  }
}
