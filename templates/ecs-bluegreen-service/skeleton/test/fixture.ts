import { App, AppProps } from 'aws-cdk-lib';
import { config, stackNames } from '../lib/config';
import { PipelineStack } from '../lib/pipeline-stack';
import { ServiceStack } from '../lib/service-stack';

/** The app as bin/app.ts builds it, without the CloudFormation schema check (`cdk synth` runs that). */
export function buildApp(props: AppProps = {}) {
  const app = new App({ builtinCloudFormationValidation: false, ...props });
  const [staging, production] = (['staging', 'production'] as const).map(
    stage =>
      new ServiceStack(app, stackNames[stage], {
        env: config[stage],
        serviceName: config.serviceName,
        stage,
        alarms: config.alarms,
        blueGreen: config.blueGreen,
        imageRepository: config.pipeline,
      }),
  );
  const pipeline = new PipelineStack(app, stackNames.pipeline, {
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
  });
  return { app, staging, production, pipeline };
}
