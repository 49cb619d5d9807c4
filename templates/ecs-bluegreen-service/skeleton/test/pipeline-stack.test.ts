import { Match, Template } from 'aws-cdk-lib/assertions';
import { config } from '../lib/config';
import { buildApp } from './fixture';

const { pipeline: stack } = buildApp();
const template = Template.fromStack(stack);
const pipeline = () => Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0].Properties;

test('the stages run Source, Build, Test, Production', () => {
  expect(pipeline().Name).toBe(config.serviceName);
  expect(pipeline().Stages.map((s: { Name: string }) => s.Name)).toEqual(['Source', 'Build', 'Test', 'Production']);
});

type Action = { Name: string; RunOrder: number; ActionTypeId: { Provider: string }; Configuration: Record<string, string> };
const stage = (name: string): Action[] => pipeline().Stages.find((s: { Name: string }) => s.Name === name).Actions;

test('Test deploys the staging stack, then the image blue/green, then runs the integration tests', () => {
  expect(stage('Test').map(a => [a.Name, a.ActionTypeId.Provider, a.RunOrder])).toEqual([
    ['StagingInfrastructure', 'CodeBuild', 1],
    ['DeployStaging', 'CodeDeployToECS', 2],
    ['IntegrationTests', 'CodeBuild', 3],
  ]);
});

test('Production waits for an approval when asked to', () => {
  const names = stage('Production').map(a => a.Name);
  const rest = ['ProductionInfrastructure', 'DeployProduction'];
  expect(names).toEqual(config.manualApproval ? ['Approve', ...rest] : rest);
});

test('CodeDeployToECS gets taskdef.json, appspec.yaml and imageDetail.json', () => {
  const deploy = stage('Test').find(a => a.Name === 'DeployStaging')!;
  expect(deploy.Configuration).toMatchObject({
    TaskDefinitionTemplateArtifact: 'StagingDeployArtifacts',
    TaskDefinitionTemplatePath: 'taskdef.json',
    AppSpecTemplateArtifact: 'StagingDeployArtifacts',
    AppSpecTemplatePath: 'appspec.yaml',
    Image1ArtifactName: 'ImageDetail',
    Image1ContainerName: 'IMAGE1_NAME',
    ApplicationName: config.serviceName,
    DeploymentGroupName: `${config.serviceName}-staging`,
  });
});

test('the Build project builds the image and may push it to the repository', () => {
  template.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: config.serviceName });
  template.hasResourceProperties('AWS::CodeBuild::Project', {
    Name: `${config.serviceName}-build`,
    Environment: Match.objectLike({ PrivilegedMode: true }),
  });
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
