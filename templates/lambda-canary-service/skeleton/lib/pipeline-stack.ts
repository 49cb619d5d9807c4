import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as connections from 'aws-cdk-lib/aws-codestarconnections';
import { Construct } from 'constructs';
import { Environment, SourceConfig } from './config';
import { CdkDeployProject } from './constructs/cdk-deploy-project';
import { acknowledge, nagArn, nagArnPrefix, nagRef } from './constructs/nag';

export interface PipelineStackProps extends StackProps {
  readonly serviceName: string;
  readonly source: SourceConfig;
  readonly staging: { readonly stackName: string; readonly env: Environment };
  readonly production: { readonly stackName: string; readonly env: Environment };
  /** A person approves each release before Production. */
  readonly manualApproval: boolean;
  /**
   * Longest a deployment of the service may take (CloudFormation waits for CodeDeploy's traffic shifting).
   * @default Duration.hours(1)
   */
  readonly deployTimeout?: Duration;
}

/**
 * The release process: Source -> Build (lint, unit tests, cdk synth) ->
 * Test (deploy to staging, integration tests) -> Production (optional
 * approval, deploy). Each deploy is a CloudFormation update of the service
 * stack, which CodeDeploy turns into a canary or linear traffic shift.
 */
export class PipelineStack extends Stack {
  public readonly pipeline: codepipeline.Pipeline;
  public readonly buildProject: codebuild.PipelineProject;
  public readonly integrationTestProject: codebuild.PipelineProject;
  public readonly deployProjects: { readonly staging: codebuild.PipelineProject; readonly production: codebuild.PipelineProject };

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const name = props.serviceName;

    this.pipeline = new codepipeline.Pipeline(this, 'Pipeline', {
      pipelineName: name,
      pipelineType: codepipeline.PipelineType.V2,
      crossAccountKeys: true,
      enableKeyRotation: true,
      restartExecutionOnUpdate: false,
    });
    const key = this.pipeline.artifactBucket.encryptionKey!;

    const connectionArn =
      props.source.connectionArn ??
      new connections.CfnConnection(this, 'Connection', {
        // Created PENDING: an administrator completes the handshake once in the console.
        connectionName: name.slice(0, 32),
        providerType: props.source.providerType,
      }).attrConnectionArn;
    const [owner, repo] = props.source.repository.split('/');
    const sourceOutput = new codepipeline.Artifact('Source');
    const buildOutput = new codepipeline.Artifact('BuildOutput');

    this.buildProject = new codebuild.PipelineProject(this, 'BuildProject', {
      projectName: `${name}-build`,
      buildSpec: codebuild.BuildSpec.fromSourceFilename('buildspec.yml'),
      environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, computeType: codebuild.ComputeType.MEDIUM },
      encryptionKey: key,
      timeout: Duration.minutes(30),
    });
    this.integrationTestProject = new codebuild.PipelineProject(this, 'IntegrationTestProject', {
      projectName: `${name}-integration-tests`,
      buildSpec: codebuild.BuildSpec.fromSourceFilename('buildspec-integration.yml'),
      environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, computeType: codebuild.ComputeType.SMALL },
      encryptionKey: key,
      timeout: Duration.minutes(30),
    });
    const deploy = (stage: 'staging' | 'production') =>
      new CdkDeployProject(this, `Deploy${stage === 'staging' ? 'Staging' : 'Production'}`, {
        projectName: `${name}-deploy-${stage}`,
        stackName: props[stage].stackName,
        target: props[stage].env,
        encryptionKey: key,
        timeout: props.deployTimeout,
      }).project;
    this.deployProjects = { staging: deploy('staging'), production: deploy('production') };

    this.pipeline.addStage({
      stageName: 'Source',
      actions: [
        new actions.CodeStarConnectionsSourceAction({
          actionName: 'Source',
          connectionArn,
          owner,
          repo,
          branch: props.source.branch,
          output: sourceOutput,
        }),
      ],
    });
    this.pipeline.addStage({
      stageName: 'Build',
      actions: [
        new actions.CodeBuildAction({
          actionName: 'Build',
          project: this.buildProject,
          input: sourceOutput,
          outputs: [buildOutput],
        }),
      ],
    });
    const deployStaging = new actions.CodeBuildAction({
      actionName: 'DeployStaging',
      project: this.deployProjects.staging,
      input: buildOutput,
      variablesNamespace: 'Staging',
      runOrder: 1,
    });
    this.pipeline.addStage({
      stageName: 'Test',
      actions: [
        deployStaging,
        new actions.CodeBuildAction({
          actionName: 'IntegrationTests',
          type: actions.CodeBuildActionType.TEST,
          project: this.integrationTestProject,
          input: sourceOutput,
          environmentVariables: { SERVICE_URL: { value: deployStaging.variable('SERVICE_URL') } },
          runOrder: 2,
        }),
      ],
    });
    this.pipeline.addStage({
      stageName: 'Production',
      actions: [
        ...(props.manualApproval
          ? [
              new actions.ManualApprovalAction({
                actionName: 'Approve',
                additionalInformation: `Release ${name} to production: staging passed its integration tests.`,
                runOrder: 1,
              }),
            ]
          : []),
        new actions.CodeBuildAction({
          actionName: 'DeployProduction',
          project: this.deployProjects.production,
          input: buildOutput,
          variablesNamespace: 'Production',
          runOrder: 2,
        }),
      ],
    });

    acknowledge(
      this.pipeline.artifactBucket,
      'The artifact bucket is written only by this pipeline, whose executions CloudTrail records; server access logs add nothing.',
      'S1',
    );
    // CDK's grants on the pipeline's own artifact bucket and key, and each
    // CodeBuild project's own log group and report groups.
    const projects = [this.buildProject, this.integrationTestProject, this.deployProjects.staging, this.deployProjects.production];
    acknowledge(
      this,
      'Scoped by CDK grants: object-level actions in the one artifact bucket, data keys of the one pipeline key, ' +
        "and each CodeBuild project's own log streams and report groups.",
      ...['kms:GenerateDataKey*', 'kms:ReEncrypt*', 's3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'].map(
        action => `IAM5[Action::${action}]`,
      ),
      `IAM5[Resource::${nagArn(this.pipeline.artifactBucket)}/*]`,
      ...projects.flatMap(project => [
        `IAM5[Resource::${nagArnPrefix(this, 'codebuild')}:report-group/${nagRef(project)}-*]`,
        `IAM5[Resource::${nagArnPrefix(this, 'logs')}:log-group:/aws/codebuild/${nagRef(project)}:*]`,
      ]),
    );
  }
}
