import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { config, stackNames } from '../lib/config';
import { deploymentStrategy } from '../lib/deployment-config';
import { ServiceStack } from '../lib/service-stack';

// The CloudFormation schema check runs in `cdk synth`; these tests check what the stack means.
const app = new App({ builtinCloudFormationValidation: false });
const stack = new ServiceStack(app, 'Test', {
  stackName: stackNames.staging,
  env: config.staging,
  serviceName: config.serviceName,
  stage: 'staging',
  alarms: config.alarms,
});
const template = Template.fromStack(stack);

test('the live alias is released by CodeDeploy with the chosen configuration', () => {
  template.hasResource('AWS::Lambda::Alias', {
    Properties: { Name: 'live' },
    UpdatePolicy: {
      CodeDeployLambdaAliasUpdate: {
        ApplicationName: Match.anyValue(),
        DeploymentGroupName: Match.anyValue(),
        BeforeAllowTrafficHook: Match.anyValue(),
        AfterAllowTrafficHook: Match.anyValue(),
      },
    },
  });
  if (deploymentStrategy.predefined) {
    template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      DeploymentConfigName: deploymentStrategy.deploymentConfigName,
    });
  } else {
    const routing =
      deploymentStrategy.type === 'TimeBasedCanary'
        ? { CanaryPercentage: deploymentStrategy.percentage, CanaryInterval: deploymentStrategy.intervalMinutes }
        : { LinearPercentage: deploymentStrategy.percentage, LinearInterval: deploymentStrategy.intervalMinutes };
    template.hasResourceProperties('AWS::CodeDeploy::DeploymentConfig', {
      ComputePlatform: 'Lambda',
      TrafficRoutingConfig: { Type: deploymentStrategy.type, [deploymentStrategy.type]: routing },
    });
  }
});

test('the deployment group is named for catalog-info.yaml and rolls back on alarms', () => {
  template.hasResourceProperties('AWS::CodeDeploy::Application', {
    ApplicationName: config.serviceName,
    ComputePlatform: 'Lambda',
  });
  template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
    DeploymentGroupName: `${config.serviceName}-staging`,
    AlarmConfiguration: { Enabled: true, Alarms: Match.arrayWith([Match.objectLike({ Name: Match.anyValue() })]) },
    AutoRollbackConfiguration: {
      Enabled: true,
      Events: Match.arrayWith(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']),
    },
  });
  const group = Object.values(template.findResources('AWS::CodeDeploy::DeploymentGroup'))[0];
  expect(group.Properties.AlarmConfiguration.Alarms).toHaveLength(3);
});

test('alarms watch errors, p99 latency and throttles of the live alias', () => {
  template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    MetricName: 'Errors',
    Threshold: config.alarms.errors,
  });
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    MetricName: 'Duration',
    ExtendedStatistic: 'p99',
    Threshold: config.alarms.p99LatencyMs,
  });
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    MetricName: 'Throttles',
    Threshold: config.alarms.throttles,
  });
});

test('the hooks may report their result to the deployment group', () => {
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({ Action: 'codedeploy:PutLifecycleEventHookExecutionStatus', Effect: 'Allow' }),
      ]),
    },
  });
});

test('API Gateway sends requests to the live alias', () => {
  template.hasResourceProperties('AWS::ApiGateway::Method', {
    HttpMethod: 'ANY',
    Integration: { Type: 'AWS_PROXY' },
  });
  template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'staging' });
});
