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
  /** Errors of the live alias in one minute. */
  readonly errors: number;
  /** p99 duration of the live alias, in milliseconds, for two minutes in a row. */
  readonly p99LatencyMs: number;
  /** Throttled invocations of the live alias in one minute. */
  readonly throttles: number;
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
    errors: ${{ values.alarmErrors }},
    p99LatencyMs: ${{ values.alarmP99LatencyMs }},
    throttles: ${{ values.alarmThrottles }},
  },
};

/** Stack names, also used by the pipeline and in catalog-info.yaml. */
export const stackNames = {
  staging: `${config.serviceName}-staging`,
  production: `${config.serviceName}-production`,
  pipeline: `${config.serviceName}-pipeline`,
};
