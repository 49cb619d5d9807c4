/*
 * What the Liftoff wizard asked when this repository was created. The stacks,
 * the pipeline and the tests read these values; catalog-info.yaml carries the
 * ARNs they produce. Change a value here (and there) to change the service.
 */

/** An AWS account and region to deploy to. */
export interface Environment {
  readonly account: string;
  readonly region: string;
}

/** Thresholds of the alarms that roll a deployment back. */
export interface AlarmThresholds {
  /** HTTP 5xx responses of the service (targets and load balancer) in one minute. */
  readonly http5xx: number;
  /** Unhealthy tasks in a target group, two minutes in a row. */
  readonly unhealthyHosts: number;
}

/** CodeDeploy blue/green waits. */
export interface BlueGreenWaits {
  /** Minutes the new (green) tasks wait, reachable on the test listener, before traffic shifts; 0 = none. */
  readonly approvalWaitMinutes: number;
  /** Minutes the old (blue) tasks keep running after the shift, for a fast rollback. */
  readonly terminationWaitMinutes: number;
}

export interface SourceConfig {
  /** `owner/repository` on the Git provider the pipeline's connection reads. */
  readonly repository: string;
  readonly branch: string;
  /** Provider of the CodeConnections connection the pipeline creates. */
  readonly providerType: 'GitHub' | 'GitLab' | 'Bitbucket' | 'GitHubEnterpriseServer';
  /** An existing CodeConnections connection; when empty the pipeline stack creates one. */
  readonly connectionArn?: string;
}

export interface ServiceConfig {
  readonly serviceName: string;
  readonly description: string;
  readonly staging: Environment;
  readonly production: Environment;
  /** The pipeline runs in the production account and region. */
  readonly pipeline: Environment;
  readonly source: SourceConfig;
  /** Whether a person approves each release before it reaches production. */
  readonly manualApproval: boolean;
  readonly alarms: AlarmThresholds;
  readonly blueGreen: BlueGreenWaits;
  /**
   * Availability zones of each VPC, when `<region>a` and `<region>b` do not exist in
   * an account (check with `aws ec2 describe-availability-zones`).
   */
  readonly availabilityZones?: { readonly staging?: string[]; readonly production?: string[] };
}

export const config: ServiceConfig = {
  serviceName: '${{ values.name }}',
  description: ${{ values.description | dump }},
  staging: { account: '${{ values.stagingAccount }}', region: '${{ values.stagingRegion }}' },
  production: { account: '${{ values.productionAccount }}', region: '${{ values.productionRegion }}' },
  pipeline: { account: '${{ values.productionAccount }}', region: '${{ values.productionRegion }}' },
  source: {
    repository: '${{ values.sourceRepository }}',
    branch: 'main',
    providerType: '${{ values.sourceProvider }}',
{%- if values.sourceConnectionArn %}
    connectionArn: '${{ values.sourceConnectionArn }}',
{%- endif %}
  },
  manualApproval: ${{ values.manualApproval }},
  alarms: {
    http5xx: ${{ values.alarm5xx }},
    unhealthyHosts: ${{ values.alarmUnhealthyHosts }},
  },
  blueGreen: {
    approvalWaitMinutes: ${{ values.approvalWaitMinutes }},
    terminationWaitMinutes: ${{ values.terminationWaitMinutes }},
  },
};

/** Stack names, also used by the pipeline and in catalog-info.yaml. */
export const stackNames = {
  staging: `${config.serviceName}-staging`,
  production: `${config.serviceName}-production`,
  pipeline: `${config.serviceName}-pipeline`,
};
