import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ANNOTATION_CODEBUILD_PROJECT_ARN,
  ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN,
  ANNOTATION_CODEPIPELINE_ARN,
  AWS_CICD_ANNOTATIONS,
  AwsCicdTargets,
  BuildProjectRef,
  DeploymentGroupRef,
  PipelineRef,
  buildProjectRef,
  hasAwsCicdAnnotations,
  readAwsCicdTargets,
  readAwsRole,
} from '@liftoff/plugin-aws-cicd-common';
import { AwsCicdService, ReadOptions } from './types';

/** What the scope asks AWS (through the service) to decide. */
export type ScopeLookups = Pick<
  AwsCicdService,
  'getPipelineBuildProjects' | 'getDeploymentOwner'
>;

/**
 * The one answer to "does this resource belong to this entity": every AWS
 * resource a route touches is resolved here, from the entity's annotations
 * (never from an ARN in the request), and every AWS call for the entity is
 * made as the entity's role (`aws.amazon.com/aws-role-arn`), if it has one.
 *
 * - pipelines and deployment groups: named in the entity's annotations;
 * - CodeBuild projects: annotated, or run by a CodeBuild action of one of
 *   the entity's pipelines (same account and region as the pipeline);
 * - deployments: a deployment of one of the entity's groups, as AWS says.
 */
export class EntityScope {
  /** `kind:namespace/name` of the entity, as `stringifyEntityRef` makes it. */
  readonly entityRef: string;
  /** The role the entity's AWS calls are made as. */
  readonly roleArn?: string;

  constructor(
    readonly entity: Entity,
    private readonly lookups: ScopeLookups,
    private readonly deadline: number,
  ) {
    this.entityRef = stringifyEntityRef(entity);
    this.roleArn = readAwsRole(entity)?.arn;
  }

  /** Options of every service call for this entity. */
  get options(): Required<Pick<ReadOptions, 'deadline'>> & ReadOptions {
    return this.roleArn
      ? { deadline: this.deadline, roleArn: this.roleArn }
      : { deadline: this.deadline };
  }

  /** @throws InputError when the entity has no Liftoff annotation or a bad one */
  targets(): AwsCicdTargets {
    if (!hasAwsCicdAnnotations(this.entity)) {
      throw new InputError(
        `Entity ${this.entityRef} has none of the annotations ${AWS_CICD_ANNOTATIONS.join(
          ', ',
        )}; add at least one to show its delivery state`,
      );
    }
    return readAwsCicdTargets(this.entity);
  }

  pipeline(name: string): PipelineRef {
    const { pipelines } = this.targets();
    if (pipelines.length === 0) {
      throw new InputError(
        `Entity ${this.entityRef} has no annotation ${ANNOTATION_CODEPIPELINE_ARN}`,
      );
    }
    const ref = pipelines.find(p => p.pipelineName === name);
    if (!ref) {
      throw new NotFoundError(
        `Pipeline ${name} is not in the annotation ${ANNOTATION_CODEPIPELINE_ARN} of ${this.entityRef}`,
      );
    }
    return ref;
  }

  deploymentGroup(application: string, group: string): DeploymentGroupRef {
    const { deploymentGroups } = this.targets();
    if (deploymentGroups.length === 0) {
      throw new InputError(
        `Entity ${this.entityRef} has no annotation ${ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN}`,
      );
    }
    const ref = deploymentGroups.find(
      g => g.applicationName === application && g.deploymentGroupName === group,
    );
    if (!ref) {
      throw new NotFoundError(
        `Deployment group ${application}/${group} is not in the annotation ${ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN} of ${this.entityRef}`,
      );
    }
    return ref;
  }

  /** The entity's group, when `deploymentId` is one of its deployments. */
  async deployment(
    application: string,
    group: string,
    deploymentId: string,
  ): Promise<DeploymentGroupRef> {
    const ref = this.deploymentGroup(application, group);
    const owner = await this.lookups.getDeploymentOwner(
      ref,
      deploymentId,
      this.options,
    );
    if (
      owner.applicationName !== ref.applicationName ||
      owner.deploymentGroupName !== ref.deploymentGroupName
    ) {
      throw new NotFoundError(
        `Deployment ${deploymentId} does not belong to deployment group ${ref.applicationName}/${ref.deploymentGroupName}`,
      );
    }
    return ref;
  }

  /** A project of the codebuild annotation, or one a pipeline's CodeBuild action runs. */
  async buildProject(name: string): Promise<BuildProjectRef> {
    const targets = this.targets();
    const annotated = targets.buildProjects.find(b => b.projectName === name);
    if (annotated) return annotated;
    for (const pipeline of targets.pipelines) {
      const projects = await this.lookups.getPipelineBuildProjects(
        pipeline,
        this.options,
      );
      if (projects.includes(name)) {
        return buildProjectRef(pipeline, name);
      }
    }
    throw new NotFoundError(
      `CodeBuild project ${name} is neither in the annotation ${ANNOTATION_CODEBUILD_PROJECT_ARN} of ${this.entityRef} nor run by its pipelines`,
    );
  }
}
