import { Duration, Names, PhysicalName, Stack, StackProps } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as connections from 'aws-cdk-lib/aws-codestarconnections';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { Environment, SourceConfig } from './config';
import { CdkDeployProject } from './constructs/cdk-deploy-project';
import { acknowledge, nagArn, nagArnPrefix, nagRef, nagValue } from './constructs/nag';

/** One environment the pipeline deploys to. */
export interface DeployTarget {
  readonly stackName: string;
  readonly env: Environment;
  /** The blue/green deployment group of the service stack there. */
  readonly deploymentGroup: codedeploy.IEcsDeploymentGroup;
}

export interface PipelineStackProps extends StackProps {
  readonly serviceName: string;
  readonly source: SourceConfig;
  readonly staging: DeployTarget;
  readonly production: DeployTarget;
  /** A person approves each release before Production. */
  readonly manualApproval: boolean;
  /**
   * Longest a deployment of the service may take (CloudFormation waits for CodeDeploy's traffic shifting).
   * @default Duration.hours(1)
   */
  readonly deployTimeout?: Duration;
}

/**
 * The release process: Source -> Build (lint, unit tests, cdk synth, image)
 * -> Test (staging infrastructure, blue/green deployment, integration tests)
 * -> Production (optional approval, infrastructure, blue/green deployment).
 * The infrastructure step is `cdk deploy` of the service stack; the image
 * goes out through CodeDeploy (taskdef.json, appspec.yaml, imageDetail.json).
 */
export class PipelineStack extends Stack {
  public readonly pipeline: codepipeline.Pipeline;
  public readonly repository: ecr.Repository;
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
    const imageDetail = new codepipeline.Artifact('ImageDetail');

    // The images, pulled by the tasks in the staging and production accounts.
    this.repository = new ecr.Repository(this, 'Repository', {
      repositoryName: name,
      imageScanOnPush: true,
      lifecycleRules: [{ description: 'Keep the last 50 images', maxImageCount: 50 }],
    });
    for (const account of new Set([props.staging.env.account, props.production.env.account])) {
      this.repository.grantPull(new iam.AccountPrincipal(account));
    }

    this.buildProject = new codebuild.PipelineProject(this, 'BuildProject', {
      projectName: `${name}-build`,
      buildSpec: codebuild.BuildSpec.fromSourceFilename('buildspec.yml'),
      environment: {
        buildImage: codebuild.LinuxBuildImage.STANDARD_7_0,
        computeType: codebuild.ComputeType.MEDIUM,
        // docker build of the service's image
        privileged: true,
      },
      environmentVariables: { REPOSITORY_URI: { value: this.repository.repositoryUri } },
      encryptionKey: key,
      timeout: Duration.minutes(30),
    });
    this.repository.grantPullPush(this.buildProject);
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
          outputs: [buildOutput, imageDetail],
        }),
      ],
    });
    // cdk deploy of the service stack, then CodeDeploy blue/green of the new image.
    const release = (stage: 'staging' | 'production', stageName: string, firstRunOrder: number) => {
      const label = stage === 'staging' ? 'Staging' : 'Production';
      const deployArtifacts = new codepipeline.Artifact(`${label}DeployArtifacts`);
      const infrastructure = new actions.CodeBuildAction({
        actionName: `${label}Infrastructure`,
        project: this.deployProjects[stage],
        input: buildOutput,
        outputs: [deployArtifacts],
        variablesNamespace: label,
        runOrder: firstRunOrder,
      });
      const blueGreen = new actions.CodeDeployEcsDeployAction({
        actionName: `Deploy${label}`,
        deploymentGroup: props[stage].deploymentGroup,
        role: this.actionRoleInOtherRegion(props[stage].deploymentGroup, stageName, `Deploy${label}`),
        taskDefinitionTemplateFile: deployArtifacts.atPath('taskdef.json'),
        appSpecTemplateFile: deployArtifacts.atPath('appspec.yaml'),
        containerImageInputs: [{ input: imageDetail, taskDefinitionPlaceholder: 'IMAGE1_NAME' }],
        runOrder: firstRunOrder + 1,
      });
      return { infrastructure, blueGreen };
    };
    const staging = release('staging', 'Test', 1);
    this.pipeline.addStage({
      stageName: 'Test',
      actions: [
        staging.infrastructure,
        staging.blueGreen,
        new actions.CodeBuildAction({
          actionName: 'IntegrationTests',
          type: actions.CodeBuildActionType.TEST,
          project: this.integrationTestProject,
          input: sourceOutput,
          environmentVariables: { SERVICE_URL: { value: staging.infrastructure.variable('SERVICE_URL') } },
          runOrder: 3,
        }),
      ],
    });
    const production = release('production', 'Production', 2);
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
        production.infrastructure,
        production.blueGreen,
      ],
    });

    acknowledge(
      this.pipeline.artifactBucket,
      'The artifact bucket is written only by this pipeline, whose executions CloudTrail records; server access logs add nothing.',
      'S1',
    );
    // CDK creates these for the CodeDeployToECS actions in other accounts and regions: a role
    // there that CodePipeline assumes, and a replication bucket in each other region. Their
    // object-level read of the artifacts ("<bucket>/*") is the one cdk-nag names: the bucket holds
    // only this pipeline's artifacts, under keys CodePipeline generates, so no narrower ARN exists.
    const generated = 'Generated by CDK for a cross-account / cross-region CodeDeployToECS action: reads this ' +
      "pipeline's artifacts; ecs:RegisterTaskDefinition has no resource-level permissions, and the pipeline's key " +
      'in another account (same region) gets kms:Decrypt/DescribeKey on "*" because its ARN holds a generated key ' +
      "id; that key's policy names this role only.";
    for (const support of Object.values(this.pipeline.crossRegionSupport)) {
      acknowledge(support.replicationBucket, 'Artifact replication bucket of this pipeline, written by it only.', 'S1');
      // In this stack the bucket of another region is a literal ARN with its generated name.
      acknowledge(this.pipeline, generated, `IAM5[Resource::${nagValue(this.pipeline, support.replicationBucket.bucketArn)}/*]`);
    }
    for (const target of [props.staging, props.production]) {
      const targetStack = Stack.of(target.deploymentGroup);
      if (targetStack === this) continue;
      // The artifacts the action reads: the replication bucket of the target's region, else (same region,
      // another account) the pipeline's own bucket, spelled as the target's stack sees it.
      const artifacts = this.pipeline.crossRegionSupport[targetStack.region]?.replicationBucket ?? this.pipeline.artifactBucket;
      for (const role of targetStack.node.children.filter(c => c.node.id.endsWith('-ActionRole'))) {
        acknowledge(
          role,
          generated,
          ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'].map(a => `IAM5[Action::${a}]`),
          'IAM5[Resource::*]',
          `IAM5[Resource::${nagValue(role, artifacts.bucketArn)}/*]`,
        );
      }
    }
    acknowledge(this.buildProject, 'The Build project runs `docker build` for the service image, which needs privileged mode.', 'CB3');
    // CDK's grants on the pipeline's own artifact bucket and key, and each
    // CodeBuild project's own log group and report groups; Resource "*" is
    // ecr:GetAuthorizationToken only, which has no resource-level permissions.
    const projects = [this.buildProject, this.integrationTestProject, this.deployProjects.staging, this.deployProjects.production];
    acknowledge(
      this,
      'Scoped by CDK grants: object-level actions in the one artifact bucket, data keys of the one pipeline key, ' +
        "and each CodeBuild project's own log streams and report groups.",
      'IAM5[Resource::*]',
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

  /**
   * The role of a CodeDeployToECS action whose deployment group is in this account but another
   * region. aws-cdk-lib would create it in this stack, and the replication bucket's key, which it
   * puts in the deployment group's stack, would name it: each stack would reference the other and
   * the app would not synthesize. So the role goes where aws-cdk-lib puts it for another account:
   * beside the deployment group, assumable only by the pipeline's role. Undefined otherwise
   * (aws-cdk-lib's own role is right).
   */
  private actionRoleInOtherRegion(
    deploymentGroup: codedeploy.IEcsDeploymentGroup,
    stageName: string,
    actionName: string,
  ): iam.IRole | undefined {
    const target = Stack.of(deploymentGroup);
    if (target.account !== this.account || target.region === this.region) return undefined;
    return new iam.Role(target, `${Names.uniqueId(this.pipeline)}-${stageName}-${actionName}-ActionRole`, {
      roleName: PhysicalName.GENERATE_IF_NEEDED,
      assumedBy: new iam.AccountPrincipal(this.account).withConditions({
        ArnEquals: { 'aws:PrincipalArn': this.pipeline.role.roleArn },
      }),
    });
  }
}
