import { Duration } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { Environment } from '../config';

export interface CdkDeployProjectProps {
  readonly projectName: string;
  /** The stack this project deploys, from the synthesized cdk.out of the Build stage. */
  readonly stackName: string;
  readonly target: Environment;
  /** Key of the pipeline's artifacts. */
  readonly encryptionKey: kms.IKey;
  /**
   * Longest a deployment may take, traffic shifting included.
   * @default Duration.hours(1)
   */
  readonly timeout?: Duration;
  /**
   * The qualifier of the target's `cdk bootstrap`.
   * @default 'hnb659fds'
   */
  readonly bootstrapQualifier?: string;
}

/**
 * A CodeBuild project that runs `cdk deploy` for one stack of the
 * synthesized app, in the target account through the roles of its
 * `cdk bootstrap --trust <pipeline account>`.
 */
export class CdkDeployProject extends Construct {
  public readonly project: codebuild.PipelineProject;

  constructor(scope: Construct, id: string, props: CdkDeployProjectProps) {
    super(scope, id);
    const qualifier = props.bootstrapQualifier ?? 'hnb659fds';
    const { account, region } = props.target;
    this.project = new codebuild.PipelineProject(this, 'Project', {
      projectName: props.projectName,
      buildSpec: codebuild.BuildSpec.fromSourceFilename('buildspec-deploy.yml'),
      environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, computeType: codebuild.ComputeType.SMALL },
      environmentVariables: {
        STACK_NAME: { value: props.stackName },
        TARGET_ACCOUNT: { value: account },
        TARGET_REGION: { value: region },
      },
      encryptionKey: props.encryptionKey,
      timeout: props.timeout ?? Duration.hours(1),
    });
    // Exactly the bootstrap roles `cdk deploy` assumes: deploy and asset publishing.
    const partition = RegionInfo.get(region).partition ?? 'aws';
    this.project.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['sts:AssumeRole'],
        resources: ['deploy', 'file-publishing', 'image-publishing'].map(
          role => `arn:${partition}:iam::${account}:role/cdk-${qualifier}-${role}-role-${account}-${region}`,
        ),
      }),
    );
  }
}
