import { Match, Template } from 'aws-cdk-lib/assertions';
import { config } from '../lib/config';
import { deploymentStrategy } from '../lib/deployment-config';
import { buildApp } from './fixture';

const { staging } = buildApp();
const template = Template.fromStack(staging);

test('the ECS service is deployed by CodeDeploy', () => {
  template.hasResourceProperties('AWS::ECS::Service', {
    DeploymentController: { Type: 'CODE_DEPLOY' },
    LaunchType: 'FARGATE',
  });
});

test('the deployment group is blue/green with the chosen configuration', () => {
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
      ComputePlatform: 'ECS',
      TrafficRoutingConfig: { Type: deploymentStrategy.type, [deploymentStrategy.type]: routing },
    });
  }
  template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
    DeploymentGroupName: `${config.serviceName}-staging`,
    DeploymentStyle: { DeploymentOption: 'WITH_TRAFFIC_CONTROL', DeploymentType: 'BLUE_GREEN' },
    BlueGreenDeploymentConfiguration: {
      DeploymentReadyOption: config.blueGreen.approvalWaitMinutes
        ? { ActionOnTimeout: 'STOP_DEPLOYMENT', WaitTimeInMinutes: config.blueGreen.approvalWaitMinutes }
        : { ActionOnTimeout: 'CONTINUE_DEPLOYMENT', WaitTimeInMinutes: 0 },
      TerminateBlueInstancesOnDeploymentSuccess: {
        Action: 'TERMINATE',
        TerminationWaitTimeInMinutes: config.blueGreen.terminationWaitMinutes,
      },
    },
    ECSServices: [Match.objectLike({})],
    LoadBalancerInfo: {
      TargetGroupPairInfoList: [
        Match.objectLike({
          ProdTrafficRoute: { ListenerArns: [Match.anyValue()] },
          TestTrafficRoute: { ListenerArns: [Match.anyValue()] },
          TargetGroups: [Match.anyValue(), Match.anyValue()],
        }),
      ],
    },
  });
});

test('alarms on 5xx and unhealthy hosts roll the deployment back', () => {
  template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
  template.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: config.alarms.http5xx, Metrics: Match.anyValue() });
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    MetricName: 'UnHealthyHostCount',
    Threshold: config.alarms.unhealthyHosts,
  });
  template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
    AlarmConfiguration: { Enabled: true, Alarms: Match.arrayWith([Match.objectLike({ Name: Match.anyValue() })]) },
    AutoRollbackConfiguration: { Enabled: true, Events: Match.arrayWith(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']) },
  });
});

test('a production listener and a test listener on 9000', () => {
  template.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 2);
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 80, Protocol: 'HTTP' });
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 9000, Protocol: 'HTTP' });
});

test('the AfterAllowTestTraffic hook is named in appspec.yaml and may report to CodeDeploy', () => {
  const outputs = template.findOutputs('AppSpecTemplate');
  expect(JSON.stringify(outputs)).toContain('AfterAllowTestTraffic');
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({ Action: 'codedeploy:PutLifecycleEventHookExecutionStatus', Effect: 'Allow' }),
      ]),
    },
  });
});
