import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { config, stackNames } from '../lib/config';
import { PipelineStack } from '../lib/pipeline-stack';

const app = new App({ builtinCloudFormationValidation: false });
const stack = new PipelineStack(app, 'Test', {
  env: config.pipeline,
  serviceName: config.serviceName,
  source: config.source,
  staging: { stackName: stackNames.staging, env: config.staging },
  production: { stackName: stackNames.production, env: config.production },
  manualApproval: config.manualApproval,
});
const template = Template.fromStack(stack);
const pipeline = () => Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0].Properties;

test('the stages run Source, Build, Test, Production', () => {
  expect(pipeline().Name).toBe(config.serviceName);
  expect(pipeline().Stages.map((s: { Name: string }) => s.Name)).toEqual(['Source', 'Build', 'Test', 'Production']);
});

test('Test deploys to staging, then runs the integration tests', () => {
  const test = pipeline().Stages.find((s: { Name: string }) => s.Name === 'Test');
  expect(test.Actions.map((a: { Name: string; RunOrder: number }) => [a.Name, a.RunOrder])).toEqual([
    ['DeployStaging', 1],
    ['IntegrationTests', 2],
  ]);
});

test('Production waits for an approval when asked to', () => {
  const production = pipeline().Stages.find((s: { Name: string }) => s.Name === 'Production');
  const names = production.Actions.map((a: { Name: string }) => a.Name);
  expect(names).toEqual(config.manualApproval ? ['Approve', 'DeployProduction'] : ['DeployProduction']);
});

test('the CodeBuild projects are named for catalog-info.yaml', () => {
  for (const suffix of ['build', 'integration-tests', 'deploy-staging', 'deploy-production']) {
    template.hasResourceProperties('AWS::CodeBuild::Project', { Name: `${config.serviceName}-${suffix}` });
  }
});

test('deploy projects assume only the bootstrap roles of their target account', () => {
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Action: 'sts:AssumeRole',
          Resource: Match.arrayWith([
            `arn:aws:iam::${config.staging.account}:role/cdk-hnb659fds-deploy-role-${config.staging.account}-${config.staging.region}`,
          ]),
        }),
      ]),
    },
  });
});
