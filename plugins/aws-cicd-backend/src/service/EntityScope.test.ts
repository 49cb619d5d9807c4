import { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { EntityScope, ScopeLookups } from './EntityScope';

const PIPELINE = 'arn:aws:codepipeline:eu-west-1:123456789012:payments-api';
const GROUP =
  'arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:payments-api/payments-api-production';
const PROJECT =
  'arn:aws:codebuild:eu-west-1:123456789012:project/payments-api-build';
const ROLE = 'arn:aws:iam::123456789012:role/team-payments-readonly';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', namespace: 'default', annotations },
    spec: {},
  };
}

const all = {
  'aws.amazon.com/aws-codepipeline-arn': PIPELINE,
  'aws.amazon.com/aws-codedeploy-deployment-group-arn': GROUP,
  'aws.amazon.com/aws-codebuild-project-arn': PROJECT,
};

function lookups(overrides: Partial<ScopeLookups> = {}) {
  return {
    getPipelineBuildProjects: jest.fn(async () => ['payments-api-test']),
    getDeploymentOwner: jest.fn(async () => ({
      applicationName: 'payments-api',
      deploymentGroupName: 'payments-api-production',
    })),
    ...overrides,
  };
}

describe('EntityScope', () => {
  it('names the entity as stringifyEntityRef does and reads its role', () => {
    const scope = new EntityScope(
      entity({ ...all, 'aws.amazon.com/aws-role-arn': ` ${ROLE} ` }),
      lookups(),
      1000,
    );
    expect(scope.entityRef).toBe('component:default/payments-api');
    expect(scope.options).toEqual({ deadline: 1000, roleArn: ROLE });
    expect(new EntityScope(entity(all), lookups(), 5).options).toEqual({
      deadline: 5,
    });
  });

  it('refuses a role annotation that is not an IAM role ARN, naming it', () => {
    expect(
      () =>
        new EntityScope(
          entity({ ...all, 'aws.amazon.com/aws-role-arn': 'team-payments' }),
          lookups(),
          0,
        ),
    ).toThrow(
      /^Annotation aws\.amazon\.com\/aws-role-arn has an invalid IAM role ARN 'team-payments'/,
    );
  });

  it('resolves pipelines and groups from the annotations only', () => {
    const scope = new EntityScope(entity(all), lookups(), 0);
    expect(scope.pipeline('payments-api').arn).toBe(PIPELINE);
    expect(
      scope.deploymentGroup('payments-api', 'payments-api-production').arn,
    ).toBe(GROUP);
    expect(() => scope.pipeline('orders-service')).toThrow(NotFoundError);
    expect(() =>
      scope.deploymentGroup('orders-service', 'orders-service-production'),
    ).toThrow(NotFoundError);
    const bare = new EntityScope(entity({}), lookups(), 0);
    expect(() => bare.targets()).toThrow(InputError);
    expect(() => bare.pipeline('payments-api')).toThrow(InputError);
  });

  it('accepts a project run by a pipeline, in the pipeline account and region, asking as the role', async () => {
    const look = lookups();
    const scope = new EntityScope(
      entity({ ...all, 'aws.amazon.com/aws-role-arn': ROLE }),
      look,
      42,
    );
    expect((await scope.buildProject('payments-api-build')).arn).toBe(PROJECT);
    expect(look.getPipelineBuildProjects).not.toHaveBeenCalled();
    expect(await scope.buildProject('payments-api-test')).toEqual({
      arn: 'arn:aws:codebuild:eu-west-1:123456789012:project/payments-api-test',
      partition: 'aws',
      region: 'eu-west-1',
      accountId: '123456789012',
      projectName: 'payments-api-test',
    });
    expect(look.getPipelineBuildProjects).toHaveBeenCalledWith(
      expect.objectContaining({ arn: PIPELINE }),
      { deadline: 42, roleArn: ROLE },
    );
    await expect(scope.buildProject('orders-service-build')).rejects.toThrow(
      /neither in the annotation aws\.amazon\.com\/aws-codebuild-project-arn/,
    );
  });

  it("accepts a deployment only when AWS says it is one of the entity's group", async () => {
    const scope = new EntityScope(entity(all), lookups(), 0);
    await expect(
      scope.deployment('payments-api', 'payments-api-production', 'd-1'),
    ).resolves.toMatchObject({ arn: GROUP });
    const foreign = new EntityScope(
      entity(all),
      lookups({
        getDeploymentOwner: async () => ({
          applicationName: 'orders-service',
          deploymentGroupName: 'orders-service-production',
        }),
      }),
      0,
    );
    await expect(
      foreign.deployment('payments-api', 'payments-api-production', 'd-2'),
    ).rejects.toThrow(
      'Deployment d-2 does not belong to deployment group payments-api/payments-api-production',
    );
  });
});
