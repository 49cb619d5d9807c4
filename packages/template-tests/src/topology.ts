/*
 * Checks of where a generated service's stacks go and how its pipeline
 * reaches them, for the four account/region topologies of the wizard (see
 * TOPOLOGIES in cases.ts): the stacks' accounts and regions, the CodeBuild
 * projects that deploy them, and aws-cdk-lib's cross-account/cross-region
 * support (action roles in the target stack, replication buckets).
 */
import { one, resourcesOf, stageActions, stacksOf } from './assertions';
import { CaseResult, CfnTemplate } from './runner';

interface Env {
  account: string;
  region: string;
}

/** Staging, production and the pipeline (in production's account and region) of a case. */
export function environmentsOf(result: CaseResult) {
  const v = result.case.values as Record<string, string>;
  const staging: Env = { account: v.stagingAccount, region: v.stagingRegion };
  const production: Env = {
    account: v.productionAccount,
    region: v.productionRegion,
  };
  return { staging, production, pipeline: production };
}

/** Exactly the three stacks, each in its account and region: no support stack. */
export function expectStackEnvironments(result: CaseResult) {
  const { name } = stacksOf(result);
  const env = environmentsOf(result);
  expect(result.environments).toEqual({
    [`${name}-staging`]: env.staging,
    [`${name}-production`]: env.production,
    [`${name}-pipeline`]: env.pipeline,
  });
}

/**
 * Each stage's `cdk deploy` project (in the pipeline's account) targets the
 * stage's account and region and may assume only that environment's
 * `cdk bootstrap` roles.
 */
export function expectDeployProjectTargets(result: CaseResult) {
  const { name, pipeline } = stacksOf(result);
  const env = environmentsOf(result);
  for (const stage of ['staging', 'production'] as const) {
    const { account, region } = env[stage];
    const project = one(
      resourcesOf(pipeline, 'AWS::CodeBuild::Project').filter(
        p => p.Properties.Name === `${name}-deploy-${stage}`,
      ),
      `deploy-${stage} project`,
    );
    const variables = Object.fromEntries(
      project.Properties.Environment.EnvironmentVariables.map(
        (e: { Name: string; Value: unknown }) => [e.Name, e.Value],
      ),
    );
    expect(variables).toMatchObject({
      STACK_NAME: `${name}-${stage}`,
      TARGET_ACCOUNT: account,
      TARGET_REGION: region,
    });
    const roleId = project.Properties.ServiceRole['Fn::GetAtt'][0];
    const assumable = resourcesOf(pipeline, 'AWS::IAM::Policy')
      .filter(p =>
        p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId),
      )
      .flatMap(p => p.Properties.PolicyDocument.Statement)
      .filter((s: { Action: unknown }) => s.Action === 'sts:AssumeRole')
      .flatMap((s: { Resource: unknown }) => [s.Resource].flat());
    expect(assumable.sort()).toEqual(
      ['deploy', 'file-publishing', 'image-publishing'].map(
        role =>
          `arn:aws:iam::${account}:role/cdk-hnb659fds-${role}-role-${account}-${region}`,
      ),
    );
  }
}

/** The logical id of a role of this stack (`Fn::GetAtt [id, Arn]`), or undefined for a literal ARN. */
function localRoleId(roleArn: unknown): string | undefined {
  const getAtt = (roleArn as { 'Fn::GetAtt'?: [string, string] } | undefined)?.[
    'Fn::GetAtt'
  ];
  return getAtt?.[0];
}

const isReplicationBucket = (logicalId: string) =>
  logicalId.includes('CrossRegionCodePipelineReplicationBucket');

function actionRolesOf(template: CfnTemplate) {
  return resourcesOf(template, 'AWS::IAM::Role').filter(r =>
    r.logicalId.includes('ActionRole'),
  );
}

function replicationBucketsOf(template: CfnTemplate) {
  return resourcesOf(template, 'AWS::S3::Bucket').filter(b =>
    isReplicationBucket(b.logicalId),
  );
}

function pipelineProperties(pipeline: CfnTemplate) {
  return one(resourcesOf(pipeline, 'AWS::CodePipeline::Pipeline'), 'pipeline')
    .Properties;
}

/**
 * Every action runs in the pipeline's account and region (Lambda: the
 * deploys are CodeBuild projects there): one artifact store, no replication
 * bucket, no action role outside the pipeline stack.
 */
export function expectSingleEnvironmentPipeline(result: CaseResult) {
  const { staging, production, pipeline } = stacksOf(result);
  const properties = pipelineProperties(pipeline);
  expect(properties.ArtifactStores).toBeUndefined();
  expect(properties.ArtifactStore.Location).toEqual({
    Ref: expect.any(String),
  });
  for (const action of properties.Stages.flatMap(
    (s: { Actions: unknown[] }) => s.Actions,
  )) {
    expect(action.Region).toBeUndefined();
    if (action.RoleArn) expect(localRoleId(action.RoleArn)).toBeDefined();
  }
  for (const template of [staging, production, pipeline]) {
    expect(replicationBucketsOf(template)).toEqual([]);
  }
  expect([...actionRolesOf(staging), ...actionRolesOf(production)]).toEqual([]);
}

/**
 * ECS: the CodeDeployToECS actions. Production is in the pipeline's account
 * and region: its action role is in the pipeline stack. Staging elsewhere gets
 * its role in the staging stack, assumable by the pipeline's role only, and
 * (another region) a replication bucket there that the pipeline stores the
 * region's artifacts in.
 */
export function expectEcsDeployActions(result: CaseResult) {
  const { staging, production, pipeline } = stacksOf(result);
  const env = environmentsOf(result);
  const otherRegion = env.staging.region !== env.pipeline.region;
  const otherEnvironment =
    otherRegion || env.staging.account !== env.pipeline.account;
  const properties = pipelineProperties(pipeline);

  const deployProduction = stageActions(pipeline, 'Production').find(
    a => a.Name === 'DeployProduction',
  )!;
  expect(deployProduction.Region).toBeUndefined();
  expect(
    pipeline.Resources[localRoleId(deployProduction.RoleArn) ?? '']?.Type,
  ).toBe('AWS::IAM::Role');
  expect(actionRolesOf(production)).toEqual([]);
  expect(replicationBucketsOf(production)).toEqual([]);
  expect(replicationBucketsOf(pipeline)).toEqual([]);

  const deployStaging = stageActions(pipeline, 'Test').find(
    a => a.Name === 'DeployStaging',
  )!;
  if (!otherEnvironment) {
    expect(deployStaging.Region).toBeUndefined();
    expect(
      pipeline.Resources[localRoleId(deployStaging.RoleArn) ?? '']?.Type,
    ).toBe('AWS::IAM::Role');
    expect(actionRolesOf(staging)).toEqual([]);
  } else {
    const role = one(actionRolesOf(staging), 'action role in staging');
    expect(deployStaging.RoleArn).toBe(
      `arn:aws:iam::${env.staging.account}:role/${role.Properties.RoleName}`,
    );
    const pipelineRole =
      pipeline.Resources[localRoleId(properties.RoleArn) ?? ''];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${env.pipeline.account}:root` },
        Condition: {
          ArnEquals: {
            'aws:PrincipalArn': `arn:aws:iam::${env.pipeline.account}:role/${pipelineRole.Properties.RoleName}`,
          },
        },
      },
    ]);
  }

  if (!otherRegion) {
    expect(deployStaging.Region).toBeUndefined();
    expect(properties.ArtifactStores).toBeUndefined();
    expect(replicationBucketsOf(staging)).toEqual([]);
  } else {
    expect(deployStaging.Region).toBe(env.staging.region);
    const bucket = one(
      replicationBucketsOf(staging),
      'replication bucket in staging',
    );
    const stores = Object.fromEntries(
      properties.ArtifactStores.map(
        (s: { Region: string; ArtifactStore: { Location: unknown } }) => [
          s.Region,
          s.ArtifactStore.Location,
        ],
      ),
    );
    expect(Object.keys(stores).sort()).toEqual(
      [env.staging.region, env.pipeline.region].sort(),
    );
    expect(stores[env.staging.region]).toBe(bucket.Properties.BucketName);
  }
}
