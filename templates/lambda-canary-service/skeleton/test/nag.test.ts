import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { config, stackNames } from '../lib/config';
import { PipelineStack } from '../lib/pipeline-stack';
import { ServiceStack } from '../lib/service-stack';

test('cdk-nag (AWS Solutions) finds nothing unacknowledged', () => {
  const app = new App({ builtinCloudFormationValidation: false });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  new ServiceStack(app, stackNames.staging, {
    env: config.staging,
    serviceName: config.serviceName,
    stage: 'staging',
    alarms: config.alarms,
  });
  new PipelineStack(app, stackNames.pipeline, {
    env: config.pipeline,
    serviceName: config.serviceName,
    source: config.source,
    staging: { stackName: stackNames.staging, env: config.staging },
    production: { stackName: stackNames.production, env: config.production },
    manualApproval: config.manualApproval,
  });
  // A finding makes synth throw ValidationFailed, with the report in the message.
  expect(() => app.synth()).not.toThrow();
});
