import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundledCode, NODE_RUNTIME } from './bundled-code';
import { acknowledge, managedPolicy, nagArn } from './nag';

/** Thresholds of the alarms that roll a deployment back. */
export interface CanaryAlarmThresholds {
  /**
   * Errors of the live alias in one minute.
   * @default 1
   */
  readonly errors?: number;
  /**
   * p99 duration of the live alias in milliseconds, two minutes in a row.
   * @default 1000
   */
  readonly p99LatencyMs?: number;
  /**
   * Throttled invocations of the live alias in one minute.
   * @default 1
   */
  readonly throttles?: number;
}

export interface CanaryFunctionProps {
  /** TypeScript file of the handler (exporting `handler`). */
  readonly entry: string;
  /** TypeScript files of the PreTraffic and PostTraffic hooks. */
  readonly hooks: { readonly preTraffic: string; readonly postTraffic: string };
  /** How CodeDeploy shifts traffic to a new version. */
  readonly deploymentConfig: codedeploy.ILambdaDeploymentConfig;
  /** CodeDeploy application and deployment group names (they appear in catalog-info.yaml). */
  readonly applicationName: string;
  readonly deploymentGroupName: string;
  /**
   * Name of the alias that serves traffic.
   * @default 'live'
   */
  readonly aliasName?: string;
  /**
   * Alarm thresholds.
   * @default - the defaults of each threshold
   */
  readonly alarms?: CanaryAlarmThresholds;
  /**
   * Environment variables of the function.
   * @default - none
   */
  readonly environment?: Record<string, string>;
  /**
   * Memory of the function, in MiB.
   * @default 256
   */
  readonly memorySize?: number;
  /**
   * Retention of the functions' logs.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * A Lambda function whose new versions reach the `live` alias through a
 * CodeDeploy canary or linear shift, checked by a PreTraffic and a
 * PostTraffic hook and rolled back when an alarm fires.
 */
export class CanaryFunction extends Construct {
  public readonly function: lambda.Function;
  public readonly alias: lambda.Alias;
  public readonly application: codedeploy.LambdaApplication;
  public readonly deploymentGroup: codedeploy.LambdaDeploymentGroup;
  public readonly alarms: cloudwatch.Alarm[];
  public readonly preTrafficHook: lambda.Function;
  public readonly postTrafficHook: lambda.Function;

  constructor(scope: Construct, id: string, props: CanaryFunctionProps) {
    super(scope, id);
    const aliasName = props.aliasName ?? 'live';
    const thresholds = { errors: 1, p99LatencyMs: 1000, throttles: 1, ...props.alarms };
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;
    const logGroup = (name: string) =>
      new logs.LogGroup(this, `${name}Logs`, {
        retention: logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      });

    this.function = new lambda.Function(this, 'Function', {
      runtime: NODE_RUNTIME,
      handler: 'index.handler',
      code: bundledCode(props.entry),
      memorySize: props.memorySize ?? 256,
      timeout: Duration.seconds(10),
      environment: props.environment,
      logGroup: logGroup('Function'),
    });
    this.alias = new lambda.Alias(this, 'Alias', {
      aliasName,
      version: this.function.currentVersion,
    });

    const alarm = (name: string, metric: cloudwatch.Metric, threshold: number, evaluationPeriods: number, description: string) =>
      new cloudwatch.Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods,
        datapointsToAlarm: evaluationPeriods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: `${description} Rolls back a deployment in progress.`,
      });
    const minute = Duration.minutes(1);
    this.alarms = [
      alarm('ErrorsAlarm', this.alias.metricErrors({ period: minute, statistic: 'Sum' }), thresholds.errors, 1,
        `${thresholds.errors} or more errors of the ${aliasName} alias in a minute.`),
      alarm('LatencyAlarm', this.alias.metricDuration({ period: minute, statistic: 'p99' }), thresholds.p99LatencyMs, 2,
        `p99 duration of the ${aliasName} alias at or above ${thresholds.p99LatencyMs} ms for 2 minutes.`),
      alarm('ThrottlesAlarm', this.alias.metricThrottles({ period: minute, statistic: 'Sum' }), thresholds.throttles, 1,
        `${thresholds.throttles} or more throttled invocations of the ${aliasName} alias in a minute.`),
    ];

    // The hooks call the function themselves and report to CodeDeploy.
    const hook = (name: string, entry: string, target: string) =>
      new lambda.Function(this, name, {
        runtime: NODE_RUNTIME,
        handler: 'index.handler',
        code: bundledCode(entry),
        timeout: Duration.minutes(1),
        environment: { TARGET_FUNCTION: target },
        logGroup: logGroup(name),
      });
    // PreTraffic: the new version, before any traffic reaches it.
    this.preTrafficHook = hook('PreTrafficHook', props.hooks.preTraffic, this.function.currentVersion.functionArn);
    this.function.currentVersion.grantInvoke(this.preTrafficHook);
    // PostTraffic: the alias, once all traffic is on the new version. The
    // alias ARN is spelled out (not `alias.grantInvoke`): the alias's update
    // policy names this hook, so a reference back to the alias would be a cycle.
    const aliasArn = `${this.function.functionArn}:${aliasName}`;
    this.postTrafficHook = hook('PostTrafficHook', props.hooks.postTraffic, aliasArn);
    this.postTrafficHook.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [aliasArn] }),
    );

    this.application = new codedeploy.LambdaApplication(this, 'Application', {
      applicationName: props.applicationName,
    });
    this.deploymentGroup = new codedeploy.LambdaDeploymentGroup(this, 'DeploymentGroup', {
      application: this.application,
      deploymentGroupName: props.deploymentGroupName,
      alias: this.alias,
      deploymentConfig: props.deploymentConfig,
      alarms: this.alarms,
      preHook: this.preTrafficHook,
      postHook: this.postTrafficHook,
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
    });

    for (const fn of [this.function, this.preTrafficHook, this.postTrafficHook]) {
      acknowledge(
        fn,
        'AWSLambdaBasicExecutionRole only lets the function write its own logs: the AWS-managed minimum for Lambda.',
        managedPolicy('service-role/AWSLambdaBasicExecutionRole'),
      );
    }
    acknowledge(
      this.deploymentGroup,
      'AWSCodeDeployRoleForLambdaLimited is the AWS-managed role policy for CodeDeploy Lambda deployments; ' +
        'the :* lets CodeDeploy invoke the version of each hook it deploys with.',
      managedPolicy('service-role/AWSCodeDeployRoleForLambdaLimited'),
      `IAM5[Resource::${nagArn(this.preTrafficHook)}:*]`,
      `IAM5[Resource::${nagArn(this.postTrafficHook)}:*]`,
    );
  }
}
