import * as path from 'node:path';
import { CfnOutput, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AlarmThresholds } from './config';
import { CanaryFunction } from './constructs/canary-function';
import { acknowledge } from './constructs/nag';
import { DeploymentStrategy } from './deployment-config';

export interface ServiceStackProps extends StackProps {
  readonly serviceName: string;
  /** `staging` or `production`: the deployment group is `<serviceName>-<stage>`. */
  readonly stage: string;
  readonly alarms: AlarmThresholds;
}

/** The service in one account: API Gateway in front of the `live` alias, deployed by CodeDeploy. */
export class ServiceStack extends Stack {
  public readonly service: CanaryFunction;
  public readonly api: apigateway.RestApi;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const src = path.join(__dirname, '..', 'src');

    this.service = new CanaryFunction(this, 'Service', {
      entry: path.join(src, 'api', 'handler.ts'),
      hooks: {
        preTraffic: path.join(src, 'hooks', 'pre-traffic.ts'),
        postTraffic: path.join(src, 'hooks', 'post-traffic.ts'),
      },
      deploymentConfig: new DeploymentStrategy(this, 'DeploymentStrategy').config,
      applicationName: props.serviceName,
      deploymentGroupName: `${props.serviceName}-${props.stage}`,
      alarms: props.alarms,
      environment: { SERVICE_NAME: props.serviceName, STAGE: props.stage },
    });

    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api = new apigateway.RestApi(this, 'Api', {
      restApiName: `${props.serviceName}-${props.stage}`,
      description: `${props.serviceName} (${props.stage})`,
      // The account-wide CloudWatch role is the platform team's (see APIG6 below).
      cloudWatchRole: false,
      deployOptions: {
        stageName: props.stage,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
        tracingEnabled: true,
      },
    });
    const validator = this.api.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const integration = new apigateway.LambdaIntegration(this.service.alias);
    this.api.root.addMethod('ANY', integration, { requestValidator: validator });
    this.api.root.addProxy({ defaultIntegration: integration, defaultMethodOptions: { requestValidator: validator } });

    acknowledge(
      this.api,
      'A public HTTP API: add an authorizer (IAM, Cognito or a Lambda authorizer) when the service gets private routes.',
      'APIG4',
      'COG4',
    );
    acknowledge(this.api, 'WAF web ACLs are attached per account by the platform team (AWS Firewall Manager), not per service.', 'APIG3');
    acknowledge(
      this.api,
      'Execution logging needs the account-wide API Gateway CloudWatch role, which the platform team manages; access logs are on.',
      'APIG6',
    );

    new CfnOutput(this, 'ServiceUrl', { value: this.api.url, description: 'Base URL of the service (the live alias)' });
    new CfnOutput(this, 'DeploymentGroupName', { value: this.service.deploymentGroup.deploymentGroupName });
  }
}
