#!/usr/bin/env node
import { App, Duration, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { config, stackNames } from '../lib/config';
import { deploymentStrategy } from '../lib/deployment-config';
import { PipelineStack } from '../lib/pipeline-stack';
import { ServiceStack } from '../lib/service-stack';

const app = new App();
// cdk-nag's AWS Solutions rules: an unacknowledged finding fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

for (const stage of ['staging', 'production'] as const) {
  new ServiceStack(app, stackNames[stage], {
    stackName: stackNames[stage],
    env: config[stage],
    serviceName: config.serviceName,
    stage,
    alarms: config.alarms,
    description: `${config.serviceName} (${stage}): Lambda behind API Gateway, released by CodeDeploy`,
  });
}
new PipelineStack(app, stackNames.pipeline, {
  stackName: stackNames.pipeline,
  env: config.pipeline,
  serviceName: config.serviceName,
  source: config.source,
  staging: { stackName: stackNames.staging, env: config.staging },
  production: { stackName: stackNames.production, env: config.production },
  manualApproval: config.manualApproval,
  // CloudFormation waits for the traffic shift; leave room for the build and the hooks.
  deployTimeout: Duration.minutes(30 + deploymentStrategy.totalMinutes),
  description: `${config.serviceName}: the release pipeline`,
});
