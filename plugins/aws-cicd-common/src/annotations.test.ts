import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ANNOTATION_AWS_ROLE_ARN,
  ANNOTATION_CODEBUILD_PROJECT_ARN,
  ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN,
  ANNOTATION_CODEPIPELINE_ARN,
  hasAwsCicdAnnotations,
  parseAwsRoleArn,
  parseBuildProjectArns,
  parseDeploymentGroupArns,
  parsePipelineArns,
  readAwsCicdTargets,
  readAwsRole,
} from './annotations';

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('parsePipelineArns', () => {
  it('parses one ARN', () => {
    expect(
      parsePipelineArns(
        'arn:aws:codepipeline:eu-west-1:123456789012:payments-api',
      ),
    ).toEqual([
      {
        arn: 'arn:aws:codepipeline:eu-west-1:123456789012:payments-api',
        partition: 'aws',
        region: 'eu-west-1',
        accountId: '123456789012',
        pipelineName: 'payments-api',
      },
    ]);
  });

  it('parses a comma-separated list, trimming spaces, in other partitions', () => {
    const refs = parsePipelineArns(
      ' arn:aws-cn:codepipeline:cn-north-1:123456789012:a , arn:aws-us-gov:codepipeline:us-gov-west-1:210987654321:b.c@d_e ',
    );
    expect(
      refs.map(r => [r.partition, r.region, r.accountId, r.pipelineName]),
    ).toEqual([
      ['aws-cn', 'cn-north-1', '123456789012', 'a'],
      ['aws-us-gov', 'us-gov-west-1', '210987654321', 'b.c@d_e'],
    ]);
  });

  it.each(['', ' , '])('refuses the empty value %j', value => {
    expect(() => parsePipelineArns(value)).toThrow(
      /Annotation aws\.amazon\.com\/aws-codepipeline-arn is empty\. Set it to one or more CodePipeline pipeline ARNs, comma-separated: arn:aws:codepipeline:<region>:<account-id>:<pipeline-name>/,
    );
  });

  it.each([
    ['payments-api', /it is not an ARN/],
    ['arn:aws:codepipeline:eu-west-1', /it is not an ARN/],
    [
      'arn:aws:codebuild:eu-west-1:123456789012:project/x',
      /names the service 'codebuild', but this annotation takes codepipeline ARNs/,
    ],
    [
      'arn:azure:codepipeline:eu-west-1:123456789012:p',
      /'azure' is not an AWS partition \(use one of aws, aws-cn, aws-us-gov/,
    ],
    [
      'arn:aws:codepipeline:europe:123456789012:p',
      /'europe' is not an AWS region/,
    ],
    [
      'arn:aws:codepipeline:eu-west-1:1234:p',
      /account id '1234' must be 12 digits/,
    ],
    [
      'arn:aws:codepipeline:eu-west-1:123456789012:bad name',
      /pipeline name 'bad name' is not valid/,
    ],
  ])('refuses %j with a message that says what to fix', (value, message) => {
    const error = errorOf(() => parsePipelineArns(value));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(ANNOTATION_CODEPIPELINE_ARN);
    expect(error.message).toContain(
      'Expected arn:aws:codepipeline:<region>:<account-id>:<pipeline-name>',
    );
  });
});

describe('parseDeploymentGroupArns', () => {
  it('parses application and group', () => {
    expect(
      parseDeploymentGroupArns(
        'arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:payments-api/payments-api-production',
      ),
    ).toEqual([
      expect.objectContaining({
        region: 'us-east-1',
        applicationName: 'payments-api',
        deploymentGroupName: 'payments-api-production',
      }),
    ]);
  });

  it.each([
    [
      'arn:aws:codedeploy:us-east-1:123456789012:application:payments-api',
      /resource 'application:payments-api' must be 'deploymentgroup:<application>\/<deployment-group>'/,
    ],
    [
      'arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:/group',
      /application name '' is not valid/,
    ],
    [
      'arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:app/',
      /deployment group name '' is not valid/,
    ],
    [
      'arn:aws:codepipeline:us-east-1:123456789012:deploymentgroup:app/g',
      /names the service 'codepipeline', but this annotation takes codedeploy ARNs/,
    ],
    [
      'arn:gcp:codedeploy:us-east-1:123456789012:deploymentgroup:a/b',
      /'gcp' is not an AWS partition/,
    ],
    ['not-an-arn', /it is not an ARN/],
    ['', /is empty/],
  ])('refuses %j', (value, message) => {
    const error = errorOf(() => parseDeploymentGroupArns(value));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN);
    expect(error.message).toMatch(message);
  });
});

describe('parseBuildProjectArns', () => {
  it('parses the project name', () => {
    expect(
      parseBuildProjectArns(
        'arn:aws:codebuild:eu-central-1:123456789012:project/payments-api-build',
      )[0].projectName,
    ).toBe('payments-api-build');
  });

  it.each([
    [
      'arn:aws:codebuild:eu-central-1:123456789012:build/p:1',
      /must be 'project\/<project-name>'/,
    ],
    [
      'arn:aws:codebuild:eu-central-1:123456789012:project/-x',
      /project name '-x' is not valid/,
    ],
    [
      'arn:aws:s3:eu-central-1:123456789012:project/p',
      /names the service 's3'/,
    ],
    [
      'arn:aws-mars:codebuild:eu-central-1:123456789012:project/p',
      /'aws-mars' is not an AWS partition/,
    ],
    ['arn::codebuild', /it is not an ARN/],
    ['', /is empty/],
  ])('refuses %j', (value, message) => {
    const error = errorOf(() => parseBuildProjectArns(value));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(ANNOTATION_CODEBUILD_PROJECT_ARN);
    expect(error.message).toMatch(message);
  });
});

describe('readAwsCicdTargets', () => {
  const entity = (annotations: Record<string, string>): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'svc', annotations },
  });

  it('reads every annotation and leaves missing ones empty', () => {
    const targets = readAwsCicdTargets(
      entity({
        [ANNOTATION_CODEPIPELINE_ARN]:
          'arn:aws:codepipeline:eu-west-1:123456789012:svc',
        [ANNOTATION_CODEDEPLOY_DEPLOYMENT_GROUP_ARN]:
          'arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:svc/svc-production',
      }),
    );
    expect(targets.pipelines.map(p => p.pipelineName)).toEqual(['svc']);
    expect(targets.deploymentGroups.map(g => g.deploymentGroupName)).toEqual([
      'svc-production',
    ]);
    expect(targets.buildProjects).toEqual([]);
  });

  it('names the invalid annotation', () => {
    expect(() =>
      readAwsCicdTargets(
        entity({ [ANNOTATION_CODEBUILD_PROJECT_ARN]: 'oops' }),
      ),
    ).toThrow(
      /Annotation aws\.amazon\.com\/aws-codebuild-project-arn has an invalid/,
    );
  });

  it('tells whether an entity has any Liftoff annotation', () => {
    expect(hasAwsCicdAnnotations(entity({}))).toBe(false);
    expect(
      hasAwsCicdAnnotations(
        entity({ [ANNOTATION_CODEBUILD_PROJECT_ARN]: 'x' }),
      ),
    ).toBe(true);
  });
});

describe('parseAwsRoleArn', () => {
  it('parses a role ARN, with a path, in any partition', () => {
    expect(
      parseAwsRoleArn(' arn:aws:iam::123456789012:role/liftoff-reader '),
    ).toEqual({
      arn: 'arn:aws:iam::123456789012:role/liftoff-reader',
      partition: 'aws',
      accountId: '123456789012',
      path: '/',
      roleName: 'liftoff-reader',
    });
    expect(
      parseAwsRoleArn(
        'arn:aws-cn:iam::210987654321:role/teams/payments/reader',
      ),
    ).toMatchObject({
      partition: 'aws-cn',
      accountId: '210987654321',
      path: '/teams/payments/',
      roleName: 'reader',
    });
  });

  it.each([
    ['', 'it is empty'],
    ['liftoff-reader', 'it is not an ARN'],
    ['arn:aws:iam::123456789012:role/a:b', 'it is not an ARN'],
    ['arn:aws-xx:iam::123456789012:role/r', "'aws-xx' is not an AWS partition"],
    [
      'arn:aws:sts::123456789012:assumed-role/r/s',
      "it names the service 'sts', but a role ARN is an iam ARN",
    ],
    [
      'arn:aws:iam:eu-west-1:123456789012:role/r',
      "IAM is global: remove the region 'eu-west-1'",
    ],
    ['arn:aws:iam::1234:role/r', "the account id '1234' must be 12 digits"],
    [
      'arn:aws:iam::123456789012:user/ada',
      "the resource 'user/ada' must be 'role/<role-name>'",
    ],
    ['arn:aws:iam::123456789012:role/', "the role name '' is not valid"],
    [
      'arn:aws:iam::123456789012:role/has space',
      "the role name 'has space' is not valid",
    ],
    [
      `arn:aws:iam::123456789012:role/${'r'.repeat(65)}`,
      'is not valid (1-64 of',
    ],
  ])('rejects %j: %s', (value, reason) => {
    const error = errorOf(() => parseAwsRoleArn(value));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      `Annotation ${ANNOTATION_AWS_ROLE_ARN} has an invalid IAM role ARN`,
    );
    expect(error.message).toContain(reason);
    expect(error.message).toContain(
      'Expected arn:aws:iam::<account-id>:role/<role-name>',
    );
  });

  it('names another source in its errors', () => {
    expect(
      errorOf(() =>
        parseAwsRoleArn('nope', 'Config awsCicd.defaultRoles[0].roleArn'),
      ).message,
    ).toMatch(
      /^Config awsCicd.defaultRoles\[0\].roleArn has an invalid IAM role ARN 'nope'/,
    );
  });
});

describe('readAwsRole', () => {
  const entity = (annotations: Record<string, string>): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', annotations },
  });

  it('reads the role annotation, or nothing when absent', () => {
    expect(
      readAwsRole(
        entity({
          [ANNOTATION_AWS_ROLE_ARN]: 'arn:aws:iam::123456789012:role/r',
        }),
      )?.roleName,
    ).toBe('r');
    expect(readAwsRole(entity({}))).toBeUndefined();
    expect(() =>
      readAwsRole(entity({ [ANNOTATION_AWS_ROLE_ARN]: 'r' })),
    ).toThrow(InputError);
  });

  it('does not make the CI/CD tab available on its own', () => {
    expect(
      hasAwsCicdAnnotations(
        entity({
          [ANNOTATION_AWS_ROLE_ARN]: 'arn:aws:iam::123456789012:role/r',
        }),
      ),
    ).toBe(false);
  });
});
