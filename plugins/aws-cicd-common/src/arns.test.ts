import {
  buildProjectArn,
  buildProjectRef,
  deploymentGroupArn,
  deploymentGroupRef,
  pipelineArn,
  pipelineRef,
} from './arns';
import {
  parseBuildProjectArns,
  parseDeploymentGroupArns,
  parsePipelineArns,
} from './annotations';

const eu = { partition: 'aws', region: 'eu-west-1', accountId: '123456789012' };
const cn = {
  partition: 'aws-cn',
  region: 'cn-north-1',
  accountId: '210987654321',
};

describe('ARN builders', () => {
  it('build the ARN formats AWS documents', () => {
    expect(pipelineArn(eu, 'payments-api')).toBe(
      'arn:aws:codepipeline:eu-west-1:123456789012:payments-api',
    );
    expect(deploymentGroupArn(eu, 'payments-api', 'payments-api-prod')).toBe(
      'arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:payments-api/payments-api-prod',
    );
    expect(buildProjectArn(cn, 'payments-api-build')).toBe(
      'arn:aws-cn:codebuild:cn-north-1:210987654321:project/payments-api-build',
    );
  });

  it('make the references the parsers make from those ARNs', () => {
    for (const where of [eu, cn]) {
      const pipeline = pipelineRef(where, 'orders.v2@main');
      expect(parsePipelineArns(pipeline.arn)).toEqual([pipeline]);
      const group = deploymentGroupRef(where, 'orders', 'orders-production');
      expect(parseDeploymentGroupArns(group.arn)).toEqual([group]);
      const project = buildProjectRef(where, 'orders_build-1');
      expect(parseBuildProjectArns(project.arn)).toEqual([project]);
    }
  });

  it('keep the location of the resource they derive from', () => {
    const [pipeline] = parsePipelineArns(
      'arn:aws-us-gov:codepipeline:us-gov-west-1:111122223333:svc',
    );
    expect(buildProjectRef(pipeline, 'svc-build')).toEqual({
      arn: 'arn:aws-us-gov:codebuild:us-gov-west-1:111122223333:project/svc-build',
      partition: 'aws-us-gov',
      region: 'us-gov-west-1',
      accountId: '111122223333',
      projectName: 'svc-build',
    });
  });
});
