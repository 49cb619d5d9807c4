{%- if not values.deployment.predefined %}
import { Duration } from 'aws-cdk-lib';
{%- endif %}
import {
  ILambdaDeploymentConfig,
  LambdaDeploymentConfig,
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
export const deploymentStrategy = {
  type: '${{ values.deployment.type }}',
  predefined: ${{ values.deployment.predefined }},
  deploymentConfigName: '${{ values.deployment.deploymentConfigName }}',
{%- if values.deployment.percentage %}
  percentage: ${{ values.deployment.percentage }},
  intervalMinutes: ${{ values.deployment.intervalMinutes }},
{%- endif %}
  /** Minutes from the first shift to all traffic on the new version. */
  totalMinutes: ${{ values.deployment.totalMinutes }},
  timeline: ${{ values.deployment.timeline | dump }},
} as const;

/** The deployment configuration in a stack. */
export class DeploymentStrategy extends Construct {
  public readonly config: ILambdaDeploymentConfig;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.config = ${{ values.deployment.cdkExpression }};
  }
}
