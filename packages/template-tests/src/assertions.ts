/*
 * Checks on the synthesized CloudFormation of a generated repository (the
 * cdk.out JSON), shared by both templates.
 */
import {
  ANNOTATION_CODEBUILD_PROJECT_ARN,
  ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN,
  ANNOTATION_CODEPIPELINE_ARN,
  parseBuildProjectArns,
  parseDeploymentGroupArns,
  parsePipelineArns,
} from '@liftoff/plugin-aws-cicd-common';
import { CaseResult, CfnTemplate } from './runner';

export const resourcesOf = (template: CfnTemplate, type: string) =>
  Object.entries(template.Resources)
    .filter(([, r]) => r.Type === type)
    .map(([logicalId, r]) => ({ logicalId, ...r }));

export const one = <T>(items: T[], what: string): T => {
  if (items.length !== 1)
    throw new Error(`expected exactly one ${what}, found ${items.length}`);
  return items[0];
};

export function stacksOf(result: CaseResult) {
  const name = String(result.case.values.name);
  const get = (suffix: string) => {
    const template = result.templates[`${name}-${suffix}`];
    if (!template)
      throw new Error(
        `no stack ${name}-${suffix} in cdk.out (have ${Object.keys(result.templates).join(', ')})`,
      );
    return template;
  };
  return {
    name,
    staging: get('staging'),
    production: get('production'),
    pipeline: get('pipeline'),
  };
}

/** The deployment group's configuration is the expected predefined name or custom routing. */
export function expectDeploymentConfig(
  result: CaseResult,
  template: CfnTemplate,
  computePlatform: 'Lambda' | 'ECS',
) {
  const group = one(
    resourcesOf(template, 'AWS::CodeDeploy::DeploymentGroup'),
    'deployment group',
  );
  const expected = result.case.expected;
  if (expected.predefined) {
    expect(group.Properties.DeploymentConfigName).toBe(expected.name);
    expect(
      resourcesOf(template, 'AWS::CodeDeploy::DeploymentConfig'),
    ).toHaveLength(0);
  } else {
    const config = one(
      resourcesOf(template, 'AWS::CodeDeploy::DeploymentConfig'),
      'deployment config',
    );
    expect(group.Properties.DeploymentConfigName).toEqual({
      Ref: config.logicalId,
    });
    const routing =
      expected.type === 'TimeBasedCanary'
        ? {
            TimeBasedCanary: {
              CanaryPercentage: expected.percentage,
              CanaryInterval: expected.intervalMinutes,
            },
          }
        : {
            TimeBasedLinear: {
              LinearPercentage: expected.percentage,
              LinearInterval: expected.intervalMinutes,
            },
          };
    expect(config.Properties).toMatchObject({
      ComputePlatform: computePlatform,
      TrafficRoutingConfig: { Type: expected.type, ...routing },
    });
  }
  return group;
}

const byJson = (a: unknown, b: unknown) =>
  JSON.stringify(a).localeCompare(JSON.stringify(b));

/** Every alarm of the deployment group is an alarm of the stack, and any of them rolls back. */
export function expectAlarmRollback(
  template: CfnTemplate,
  group: { Properties?: any },
  count: number,
) {
  const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm');
  expect(alarms).toHaveLength(count);
  expect(group.Properties.AlarmConfiguration.Enabled).toBe(true);
  expect(
    group.Properties.AlarmConfiguration.Alarms.map(
      (a: { Name: unknown }) => a.Name,
    ).sort(byJson),
  ).toEqual(alarms.map(a => ({ Ref: a.logicalId })).sort(byJson));
  expect(group.Properties.AutoRollbackConfiguration).toEqual({
    Enabled: true,
    Events: expect.arrayContaining([
      'DEPLOYMENT_FAILURE',
      'DEPLOYMENT_STOP_ON_ALARM',
      'DEPLOYMENT_STOP_ON_REQUEST',
    ]),
  });
  return alarms;
}

export function stageNames(pipeline: CfnTemplate): string[] {
  const p = one(
    resourcesOf(pipeline, 'AWS::CodePipeline::Pipeline'),
    'pipeline',
  );
  return p.Properties.Stages.map((s: { Name: string }) => s.Name);
}

export function stageActions(
  pipeline: CfnTemplate,
  stage: string,
): Array<{
  Name: string;
  RunOrder: number;
  ActionTypeId: { Category: string; Provider: string };
  Configuration?: any;
  InputArtifacts?: any[];
  OutputArtifacts?: any[];
  /** Set when the action runs in another region than the pipeline. */
  Region?: string;
  /** A role of the pipeline stack (`Fn::GetAtt`), or the literal ARN of a role in another stack. */
  RoleArn?: string | { 'Fn::GetAtt': [string, string] };
}> {
  const p = one(
    resourcesOf(pipeline, 'AWS::CodePipeline::Pipeline'),
    'pipeline',
  );
  return p.Properties.Stages.find((s: { Name: string }) => s.Name === stage)
    .Actions;
}

/**
 * Actions that have no resource-level permissions in IAM, so AWS requires
 * Resource "*" for them. Nothing else may use "*".
 */
const NO_RESOURCE_LEVEL = new Set([
  'ecr:GetAuthorizationToken',
  'ecs:RegisterTaskDefinition',
]);

/** Identity-policy statements with Resource "*" (or Action "*") that are not in the short list above. */
export function wildcardStatements(
  templates: Record<string, CfnTemplate>,
): string[] {
  const found: string[] = [];
  for (const [stack, template] of Object.entries(templates)) {
    for (const [id, resource] of Object.entries(template.Resources)) {
      const documents: any[] = [];
      if (
        resource.Type === 'AWS::IAM::Policy' ||
        resource.Type === 'AWS::IAM::ManagedPolicy'
      ) {
        documents.push(resource.Properties.PolicyDocument);
      } else if (resource.Type === 'AWS::IAM::Role') {
        documents.push(
          ...(resource.Properties.Policies ?? []).map(
            (p: any) => p.PolicyDocument,
          ),
        );
      }
      for (const statement of documents.flatMap(d => d.Statement)) {
        const actions: string[] = [statement.Action].flat();
        const resources: unknown[] = [statement.Resource].flat();
        if (actions.includes('*')) found.push(`${stack}/${id}: Action "*"`);
        if (!resources.includes('*')) continue;
        // aws-cdk-lib's cross-region support (the ECS pipeline's CodeDeployToECS action in a region
        // other than the pipeline's) grants the pipeline role the replication bucket's key through an
        // alias, which IAM cannot name: the statement holds "*" beside the artifact key. Known; see
        // templates/README.md. Only this exact statement is let through, and only in the pipeline role.
        const crossRegionKeyGrant =
          id.startsWith('PipelineRoleDefaultPolicy') &&
          JSON.stringify([...actions].sort()) ===
            JSON.stringify([
              'kms:Decrypt',
              'kms:DescribeKey',
              'kms:Encrypt',
              'kms:GenerateDataKey*',
              'kms:ReEncrypt*',
            ]) &&
          resources.length === 2 &&
          Object.values(template.Resources).some(
            r => r.Type === 'AWS::CodePipeline::Pipeline',
          ) &&
          Object.keys(templates).some(
            other =>
              other !== stack &&
              JSON.stringify(templates[other]).includes(
                'CrossRegionCodePipelineReplicationBucket',
              ),
          );
        if (crossRegionKeyGrant) continue;
        // The same for a CodeDeployToECS action in another account of the pipeline's region: its role
        // there reads the pipeline's artifacts, whose key's ARN (a generated key id) IAM cannot name from
        // that account, so aws-cdk-lib grants kms:Decrypt and kms:DescribeKey on "*". Let through only in
        // such a role's policy, and only when the key's own policy, in the other account, names that role.
        const keyActions = ['kms:Decrypt', 'kms:DescribeKey'];
        const crossAccountKeyGrant =
          keyActions.every(a => actions.includes(a)) &&
          resource.Type === 'AWS::IAM::Policy' &&
          keyPolicyNamesRole(templates, stack, resource.Properties.Roles);
        const others = crossAccountKeyGrant
          ? actions.filter(a => !keyActions.includes(a))
          : actions;
        const allowed = others.every(
          a =>
            NO_RESOURCE_LEVEL.has(a) ||
            // CodePipeline's CodeDeployToECS role passes the task roles to ECS tasks only.
            (a === 'iam:PassRole' &&
              JSON.stringify(statement.Condition ?? {}).includes(
                '"iam:PassedToService":["ecs-tasks.amazonaws.com"]',
              )),
        );
        if (!allowed)
          found.push(`${stack}/${id}: ${actions.join(', ')} on "*"`);
      }
    }
  }
  return found;
}

/**
 * Whether the policy's one role is a CodePipeline action role whose literal ARN a KMS key policy of
 * another stack (the pipeline's, in another account) allows kms:Decrypt.
 */
function keyPolicyNamesRole(
  templates: Record<string, CfnTemplate>,
  stack: string,
  roles: Array<{ Ref?: string }>,
): boolean {
  const role =
    roles.length === 1
      ? templates[stack].Resources[roles[0].Ref ?? '']
      : undefined;
  const roleName = role?.Properties?.RoleName;
  if (
    role?.Type !== 'AWS::IAM::Role' ||
    typeof roleName !== 'string' ||
    !roles[0].Ref?.includes('ActionRole')
  )
    return false;
  return Object.entries(templates).some(
    ([other, template]) =>
      other !== stack &&
      Object.values(template.Resources).some(
        r =>
          r.Type === 'AWS::KMS::Key' &&
          r.Properties.KeyPolicy.Statement.some(
            (st: {
              Action: string | string[];
              Principal?: { AWS?: unknown };
            }) =>
              [st.Action].flat().includes('kms:Decrypt') &&
              typeof st.Principal?.AWS === 'string' &&
              st.Principal.AWS.endsWith(`:role/${roleName}`),
          ),
      ),
  );
}

/** cdk-nag ran, found nothing unacknowledged, and every acknowledgement has a reason. */
export function expectNagClean(result: CaseResult) {
  const reports = result.validationReport?.pluginReports ?? [];
  const nag = reports.find((r: any) => r.pluginName === 'AwsSolutions') as any;
  expect(nag).toBeDefined();
  expect(nag.conclusion).toBe('success');
  expect(
    (nag.violations ?? []).filter((v: any) => v.severity === 'error'),
  ).toEqual([]);
  for (const s of nag.suppressedViolations ?? []) {
    expect(String(s.reason).length).toBeGreaterThan(20);
  }
  // No other plugin (CloudFormation's schema check) reports an error either.
  for (const report of reports as any[]) {
    expect(
      (report.violations ?? []).filter(
        (v: any) => v.severity === 'error' || v.severity === 'fatal',
      ),
    ).toEqual([]);
  }
}

/** catalog-info.yaml carries exactly Liftoff's annotations, naming what the stacks create. */
export function expectAnnotations(result: CaseResult) {
  const { name, staging, production, pipeline } = stacksOf(result);
  const v = result.case.values as Record<string, string>;
  const annotations = result.catalogInfo.metadata.annotations;
  expect(result.catalogInfo.metadata.name).toBe(name);
  expect(result.catalogInfo.spec.owner).toBe(v.owner);

  const [pipelineRef] = parsePipelineArns(
    annotations[ANNOTATION_CODEPIPELINE_ARN],
  );
  expect(pipelineRef).toMatchObject({
    accountId: v.productionAccount,
    region: v.productionRegion,
    pipelineName: name,
  });
  expect(
    one(resourcesOf(pipeline, 'AWS::CodePipeline::Pipeline'), 'pipeline')
      .Properties.Name,
  ).toBe(pipelineRef.pipelineName);

  const groups = parseDeploymentGroupArns(
    annotations[ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN],
  );
  expect(
    groups.map(g => [
      g.accountId,
      g.region,
      g.applicationName,
      g.deploymentGroupName,
    ]),
  ).toEqual([
    [v.stagingAccount, v.stagingRegion, name, `${name}-staging`],
    [v.productionAccount, v.productionRegion, name, `${name}-production`],
  ]);
  for (const [template, group] of [
    [staging, groups[0]],
    [production, groups[1]],
  ] as const) {
    expect(
      one(
        resourcesOf(template, 'AWS::CodeDeploy::DeploymentGroup'),
        'deployment group',
      ).Properties.DeploymentGroupName,
    ).toBe(group.deploymentGroupName);
    expect(
      one(resourcesOf(template, 'AWS::CodeDeploy::Application'), 'application')
        .Properties.ApplicationName,
    ).toBe(group.applicationName);
  }

  const projects = parseBuildProjectArns(
    annotations[ANNOTATION_CODEBUILD_PROJECT_ARN],
  );
  expect(
    projects.every(
      p =>
        p.accountId === v.productionAccount && p.region === v.productionRegion,
    ),
  ).toBe(true);
  expect(projects.map(p => p.projectName).sort()).toEqual(
    resourcesOf(pipeline, 'AWS::CodeBuild::Project')
      .map(p => p.Properties.Name)
      .sort(),
  );
}
