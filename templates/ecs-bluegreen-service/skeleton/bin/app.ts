#!/usr/bin/env node
import { App, Duration, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { config, stackNames } from '../lib/config';
import { PipelineStack } from '../lib/pipeline-stack';
import { ServiceStack } from '../lib/service-stack';

const app = new App();
// cdk-nag's AWS Solutions rules: an unacknowledged finding fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

const [staging, production] = (['staging', 'production'] as const).map(
  stage =>
    new ServiceStack(app, stackNames[stage], {
      stackName: stackNames[stage],
      env: config[stage],
      serviceName: config.serviceName,
      stage,
      alarms: config.alarms,
      blueGreen: config.blueGreen,
      imageRepository: config.pipeline,
      availabilityZones: config.availabilityZones?.[stage],
      description: `${config.serviceName} (${stage}): Fargate behind an ALB, released by CodeDeploy blue/green`,
    }),
);
new PipelineStack(app, stackNames.pipeline, {
  stackName: stackNames.pipeline,
  env: config.pipeline,
  serviceName: config.serviceName,
  source: config.source,
  staging: { stackName: stackNames.staging, env: config.staging, deploymentGroup: staging.service.deploymentGroup },
  production: {
    stackName: stackNames.production,
    env: config.production,
    deploymentGroup: production.service.deploymentGroup,
  },
  manualApproval: config.manualApproval,
  // The infrastructure deploy does not shift traffic (CodeDeploy does), but the first one creates the VPC.
  deployTimeout: Duration.minutes(60),
  description: `${config.serviceName}: the release pipeline`,
});
