/*
 * The annotation contract between the templates (which write these), the
 * catalog page and the backend (which read them). The CodePipeline name is
 * the one the awslabs plugins use, so an entity works with both.
 */
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * CodePipeline pipeline ARNs, comma-separated.
 * @public
 */
export const ANNOTATION_CODEPIPELINE_ARN =
  'aws.amazon.com/aws-codepipeline-arn';
/**
 * CodeDeploy deployment group ARNs, comma-separated.
 * @public
 */
export const ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN =
  'aws.amazon.com/aws-codedeploy-deployment-group-arn';
/**
 * CodeBuild project ARNs, comma-separated.
 * @public
 */
export const ANNOTATION_CODEBUILD_PROJECT_ARN =
  'aws.amazon.com/aws-codebuild-project-arn';
/**
 * An IAM role ARN (`arn:aws:iam::<account>:role/<name>`) that Liftoff
 * assumes for this entity's AWS reads and writes, on top of the account's
 * credentials from `aws.*`. Optional; one role per entity.
 * @public
 */
export const ANNOTATION_AWS_ROLE_ARN = 'aws.amazon.com/aws-role-arn';

/**
 * The resource annotations (the ones that make the CI/CD tab available), in
 * the order the catalog page shows them. {@link ANNOTATION_AWS_ROLE_ARN} is
 * not one of them: it says how to read the resources, not which.
 * @public
 */
export const AWS_CICD_ANNOTATIONS = [
  ANNOTATION_CODEPIPELINE_ARN,
  ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN,
  ANNOTATION_CODEBUILD_PROJECT_ARN,
] as const;

/** @public */
export type AwsCicdAnnotation = (typeof AWS_CICD_ANNOTATIONS)[number];

/**
 * The parts every AWS resource reference shares.
 * @public
 */
export interface AwsResourceRef {
  /** The ARN exactly as written in the annotation (trimmed). */
  arn: string;
  partition: string;
  region: string;
  accountId: string;
}

/** @public */
export interface PipelineRef extends AwsResourceRef {
  pipelineName: string;
}

/** @public */
export interface DeploymentGroupRef extends AwsResourceRef {
  applicationName: string;
  deploymentGroupName: string;
}

/** @public */
export interface BuildProjectRef extends AwsResourceRef {
  projectName: string;
}

/**
 * What an entity's Liftoff annotations point at.
 * @public
 */
export interface AwsCicdTargets {
  pipelines: PipelineRef[];
  deploymentGroups: DeploymentGroupRef[];
  buildProjects: BuildProjectRef[];
}

const PARTITIONS = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
];
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
const ACCOUNT_ID = /^\d{12}$/;
// Names as the services accept them (CodePipeline: PipelineName, CodeDeploy:
// ApplicationName / DeploymentGroupName, CodeBuild: ProjectName).
const PIPELINE_NAME = /^[A-Za-z0-9.@\-_]{1,100}$/;
const CODEDEPLOY_NAME = /^[^/\s]{1,100}$/;
const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9\-_]{1,254}$/;

interface ArnKind<T> {
  annotation: AwsCicdAnnotation;
  service: string;
  what: string;
  example: string;
  resource(resource: string): T | string;
}

const PIPELINE: ArnKind<{ pipelineName: string }> = {
  annotation: ANNOTATION_CODEPIPELINE_ARN,
  service: 'codepipeline',
  what: 'CodePipeline pipeline',
  example: 'arn:aws:codepipeline:<region>:<account-id>:<pipeline-name>',
  resource: r =>
    PIPELINE_NAME.test(r)
      ? { pipelineName: r }
      : `the pipeline name '${r}' is not valid (1-100 of A-Z a-z 0-9 . @ - _)`,
};

const DEPLOYMENT_GROUP: ArnKind<{
  applicationName: string;
  deploymentGroupName: string;
}> = {
  annotation: ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN,
  service: 'codedeploy',
  what: 'CodeDeploy deployment group',
  example:
    'arn:aws:codedeploy:<region>:<account-id>:deploymentgroup:<application>/<deployment-group>',
  resource: r => {
    const match = /^deploymentgroup:([^/]*)\/(.*)$/.exec(r);
    if (!match) {
      return `the resource '${r}' must be 'deploymentgroup:<application>/<deployment-group>'`;
    }
    const [, applicationName, deploymentGroupName] = match;
    if (!CODEDEPLOY_NAME.test(applicationName)) {
      return `the application name '${applicationName}' is not valid (1-100 characters, no '/' or spaces)`;
    }
    if (!CODEDEPLOY_NAME.test(deploymentGroupName)) {
      return `the deployment group name '${deploymentGroupName}' is not valid (1-100 characters, no '/' or spaces)`;
    }
    return { applicationName, deploymentGroupName };
  },
};

const BUILD_PROJECT: ArnKind<{ projectName: string }> = {
  annotation: ANNOTATION_CODEBUILD_PROJECT_ARN,
  service: 'codebuild',
  what: 'CodeBuild project',
  example: 'arn:aws:codebuild:<region>:<account-id>:project/<project-name>',
  resource: r => {
    const match = /^project\/(.*)$/.exec(r);
    if (!match) {
      return `the resource '${r}' must be 'project/<project-name>'`;
    }
    return PROJECT_NAME.test(match[1])
      ? { projectName: match[1] }
      : `the project name '${match[1]}' is not valid (2-255 of A-Z a-z 0-9 - _, starting with a letter or digit)`;
  },
};

function parseOne<T>(kind: ArnKind<T>, arn: string): AwsResourceRef & T {
  const fail = (reason: string): never => {
    throw new InputError(
      `Annotation ${kind.annotation} has an invalid ${kind.what} ARN '${arn}': ${reason}. Expected ${kind.example}`,
    );
  };
  // arn:partition:service:region:account-id:resource (the resource may hold ':')
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') {
    return fail(
      'it is not an ARN (arn:<partition>:<service>:<region>:<account-id>:<resource>)',
    );
  }
  const [, partition, service, region, accountId] = parts;
  const resource = parts.slice(5).join(':');
  if (!PARTITIONS.includes(partition)) {
    return fail(
      `'${partition}' is not an AWS partition (use one of ${PARTITIONS.join(', ')})`,
    );
  }
  if (service !== kind.service) {
    return fail(
      `it names the service '${service}', but this annotation takes ${kind.service} ARNs`,
    );
  }
  if (!REGION.test(region)) {
    return fail(`'${region}' is not an AWS region (for example eu-west-1)`);
  }
  if (!ACCOUNT_ID.test(accountId)) {
    return fail(`the account id '${accountId}' must be 12 digits`);
  }
  const parsed = kind.resource(resource);
  if (typeof parsed === 'string') {
    return fail(parsed);
  }
  return { arn, partition, region, accountId, ...parsed };
}

function parseList<T>(
  kind: ArnKind<T>,
  value: string,
): Array<AwsResourceRef & T> {
  const arns = value
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  if (arns.length === 0) {
    throw new InputError(
      `Annotation ${kind.annotation} is empty. Set it to one or more ${kind.what} ARNs, comma-separated: ${kind.example}`,
    );
  }
  return arns.map(arn => parseOne(kind, arn));
}

/**
 * Parses the value of {@link ANNOTATION_CODEPIPELINE_ARN}.
 * @throws InputError naming the annotation and what to fix
 * @public
 */
export function parsePipelineArns(value: string): PipelineRef[] {
  return parseList(PIPELINE, value);
}

/**
 * Parses the value of {@link ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN}.
 * @throws InputError naming the annotation and what to fix
 * @public
 */
export function parseDeploymentGroupArns(value: string): DeploymentGroupRef[] {
  return parseList(DEPLOYMENT_GROUP, value);
}

/**
 * Parses the value of {@link ANNOTATION_CODEBUILD_PROJECT_ARN}.
 * @throws InputError naming the annotation and what to fix
 * @public
 */
export function parseBuildProjectArns(value: string): BuildProjectRef[] {
  return parseList(BUILD_PROJECT, value);
}

/**
 * An IAM role, parsed from {@link ANNOTATION_AWS_ROLE_ARN} or config.
 * @public
 */
export interface AwsRoleRef {
  /** The ARN exactly as written (trimmed). */
  arn: string;
  partition: string;
  /** The role's account; it may differ from the resources' (a cross-account role). */
  accountId: string;
  /** `/` or `/<path>/`. */
  path: string;
  roleName: string;
}

// IAM: RoleName [\w+=,.@-]{1,64}; Path '/' or '/.../' of printable ASCII, up to 512.
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_PATH = /^\/([\x21-\x7e]*\/)?$/;
const ROLE_EXAMPLE = 'arn:aws:iam::<account-id>:role/<role-name>';

/**
 * Parses an IAM role ARN (`arn:<partition>:iam::<account-id>:role/<path/><name>`), the value of
 * {@link ANNOTATION_AWS_ROLE_ARN}. `source` names where the value came from in the error (default: the
 * annotation).
 * @throws InputError naming the source and what to fix
 * @public
 */
export function parseAwsRoleArn(
  value: string,
  source = `Annotation ${ANNOTATION_AWS_ROLE_ARN}`,
): AwsRoleRef {
  const arn = value.trim();
  const fail = (reason: string): never => {
    throw new InputError(
      `${source} has an invalid IAM role ARN '${arn}': ${reason}. Expected ${ROLE_EXAMPLE}`,
    );
  };
  if (arn === '') {
    return fail('it is empty');
  }
  const parts = arn.split(':');
  if (parts.length !== 6 || parts[0] !== 'arn') {
    return fail(
      'it is not an ARN (arn:<partition>:iam::<account-id>:role/<role-name>)',
    );
  }
  const [, partition, service, region, accountId, resource] = parts;
  if (!PARTITIONS.includes(partition)) {
    return fail(
      `'${partition}' is not an AWS partition (use one of ${PARTITIONS.join(', ')})`,
    );
  }
  if (service !== 'iam') {
    return fail(
      `it names the service '${service}', but a role ARN is an iam ARN`,
    );
  }
  if (region !== '') {
    return fail(`IAM is global: remove the region '${region}'`);
  }
  if (!ACCOUNT_ID.test(accountId)) {
    return fail(`the account id '${accountId}' must be 12 digits`);
  }
  if (!resource.startsWith('role/')) {
    return fail(`the resource '${resource}' must be 'role/<role-name>'`);
  }
  const slash = resource.lastIndexOf('/');
  const path = resource.slice('role'.length, slash + 1);
  const roleName = resource.slice(slash + 1);
  if (!ROLE_PATH.test(path) || path.length > 512) {
    return fail(
      `the role path '${path}' is not valid (printable ASCII between slashes, up to 512)`,
    );
  }
  if (!ROLE_NAME.test(roleName)) {
    return fail(
      `the role name '${roleName}' is not valid (1-64 of A-Z a-z 0-9 + = , . @ - _)`,
    );
  }
  return { arn, partition, accountId, path, roleName };
}

/**
 * The role an entity asks Liftoff to act as ({@link ANNOTATION_AWS_ROLE_ARN}), if any.
 * @throws InputError when the annotation is present but not a role ARN
 * @public
 */
export function readAwsRole(entity: Entity): AwsRoleRef | undefined {
  const value = entity.metadata.annotations?.[ANNOTATION_AWS_ROLE_ARN];
  return value === undefined ? undefined : parseAwsRoleArn(value);
}

/**
 * Whether the entity carries at least one Liftoff annotation.
 * @public
 */
export function hasAwsCicdAnnotations(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return AWS_CICD_ANNOTATIONS.some(a => a in annotations);
}

/**
 * Reads and validates every Liftoff annotation of an entity. Missing
 * annotations give empty lists; a present but invalid one throws.
 * @throws InputError naming the invalid annotation
 * @public
 */
export function readAwsCicdTargets(entity: Entity): AwsCicdTargets {
  const annotations = entity.metadata.annotations ?? {};
  const read = <T>(annotation: string, parse: (v: string) => T[]): T[] =>
    annotation in annotations ? parse(annotations[annotation]) : [];
  return {
    pipelines: read(ANNOTATION_CODEPIPELINE_ARN, parsePipelineArns),
    deploymentGroups: read(
      ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN,
      parseDeploymentGroupArns,
    ),
    buildProjects: read(
      ANNOTATION_CODEBUILD_PROJECT_ARN,
      parseBuildProjectArns,
    ),
  };
}
