import { awsConsoleBase, awsConsoleUrls } from './console';

const at = { partition: 'aws', region: 'eu-west-1', accountId: '123456789012' };

describe('awsConsoleBase', () => {
  it.each([
    ['aws', 'eu-west-1', 'https://eu-west-1.console.aws.amazon.com'],
    ['aws-cn', 'cn-north-1', 'https://cn-north-1.console.amazonaws.cn'],
    [
      'aws-us-gov',
      'us-gov-west-1',
      'https://us-gov-west-1.console.amazonaws-us-gov.com',
    ],
    ['aws-new', 'xx-1', 'https://xx-1.console.aws.amazon.com'],
  ])('knows the %s console in %s', (partition, region, base) => {
    expect(awsConsoleBase({ partition, region })).toBe(base);
  });
});

describe('awsConsoleUrls', () => {
  it('links CodePipeline pages', () => {
    expect(awsConsoleUrls.pipeline(at, 'payments-api')).toBe(
      'https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/payments-api/view?region=eu-west-1',
    );
    expect(awsConsoleUrls.execution(at, 'payments-api', 'e-1')).toBe(
      'https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/payments-api/executions/e-1/timeline?region=eu-west-1',
    );
  });

  it('links CodeDeploy pages', () => {
    expect(
      awsConsoleUrls.deploymentGroup(at, 'payments-api', 'production'),
    ).toBe(
      'https://eu-west-1.console.aws.amazon.com/codesuite/codedeploy/applications/payments-api/deployment-groups/production?region=eu-west-1',
    );
    expect(
      awsConsoleUrls.deployment(
        { partition: 'aws-cn', region: 'cn-north-1' },
        'd-ABC',
      ),
    ).toBe(
      'https://cn-north-1.console.amazonaws.cn/codesuite/codedeploy/deployments/d-ABC?region=cn-north-1',
    );
  });

  it('links CodeBuild pages with the account id', () => {
    expect(awsConsoleUrls.project(at, 'payments-api-build')).toBe(
      'https://eu-west-1.console.aws.amazon.com/codesuite/codebuild/123456789012/projects/payments-api-build?region=eu-west-1',
    );
    expect(
      awsConsoleUrls.build(at, 'payments-api-build', 'payments-api-build:42'),
    ).toBe(
      'https://eu-west-1.console.aws.amazon.com/codesuite/codebuild/123456789012/projects/payments-api-build/build/payments-api-build%3A42/?region=eu-west-1',
    );
  });

  it('encodes names that are not URL-safe', () => {
    expect(awsConsoleUrls.pipeline(at, 'a b/c')).toContain(
      '/pipelines/a%20b%2Fc/view',
    );
  });
});
