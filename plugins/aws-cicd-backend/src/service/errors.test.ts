import { InputError, NotFoundError } from '@backstage/errors';
import {
  AwsCallFailure,
  AwsUpstreamError,
  BudgetExceededError,
  httpErrorOf,
  sectionErrorOf,
} from '@liftoff/plugin-aws-cicd-node';

/** An error as the AWS SDK v3 throws it. */
function sdkError(
  name: string,
  status: number,
  extra: Record<string, unknown> = {},
) {
  return Object.assign(new Error(`${name} from AWS`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    ...extra,
  });
}

const ctx = {
  what: 'pipeline payments-api',
  where: '123456789012 / eu-west-1',
};
const call = (e: unknown, name = 'CodePipeline.GetPipelineState') =>
  new AwsCallFailure(name, e);

describe('the AWS error mapping', () => {
  it.each([
    ['PipelineNotFoundException', 400, 'NotFound'],
    ['DeploymentGroupDoesNotExistException', 400, 'NotFound'],
    ['ResourceNotFoundException', 400, 'NotFound'],
    ['ResourceNotFound', 404, 'NotFound'],
    ['AccessDeniedException', 400, 'AccessDenied'],
    ['AccessDenied', 403, 'AccessDenied'],
    ['UnrecognizedClientException', 400, 'AccessDenied'],
    ['ExpiredTokenException', 400, 'AccessDenied'],
    ['ThrottlingException', 400, 'Throttled'],
    ['Throttling', 400, 'Throttled'],
    ['TooManyRequestsException', 429, 'Throttled'],
    ['InternalFailure', 500, 'Unavailable'],
    ['ServiceUnavailable', 503, 'Unavailable'],
    ['TimeoutError', 0, 'Unavailable'],
    ['AbortError', 0, 'Timeout'],
    ['CredentialsProviderError', 0, 'Misconfigured'],
    ['SomethingNew', 400, 'Unknown'],
  ])('maps %s (%i) to %s', (name, status, expected) => {
    expect(sectionErrorOf(call(sdkError(name, status)), ctx).name).toBe(
      expected,
    );
  });

  it('maps network failures and deadlines', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
    });
    expect(sectionErrorOf(call(refused), ctx).name).toBe('Unavailable');
    expect(sectionErrorOf(new BudgetExceededError('deadline'), ctx)).toEqual({
      name: 'Timeout',
      message:
        'AWS did not answer in time for the pipeline payments-api (123456789012 / eu-west-1); the rest of the page is shown and the next refresh tries again.',
    });
  });

  it('says what to do, naming the IAM action, never the principal', () => {
    const denied = sdkError('AccessDeniedException', 400, {
      message:
        'User: arn:aws:iam::123456789012:user/AKIDEXAMPLE is not authorized to perform: codepipeline:GetPipelineState',
    });
    const error = sectionErrorOf(call(denied), ctx);
    expect(error.message).toBe(
      "The backend's AWS credentials may not read the pipeline payments-api (123456789012 / eu-west-1) (codepipeline:GetPipelineState denied). Grant the backend's IAM role the actions listed in the plugin README.",
    );
    expect(
      sectionErrorOf(call(denied, 'CloudWatch.DescribeAlarms'), ctx).message,
    ).toContain('(cloudwatch:DescribeAlarms denied)');
    expect(
      sectionErrorOf(call(sdkError('PipelineNotFoundException', 400)), ctx)
        .message,
    ).toMatch(
      /^AWS has no pipeline payments-api \(123456789012 \/ eu-west-1\).*Check the ARN in the entity's annotation\.$/,
    );
  });

  it('gives routes typed HTTP errors', () => {
    const notFound = httpErrorOf(
      call(sdkError('PipelineNotFoundException', 400)),
      ctx,
    );
    expect(notFound).toBeInstanceOf(NotFoundError);
    const conflict = httpErrorOf(
      call(sdkError('StageNotRetryableException', 400)),
      ctx,
    );
    expect(conflict.name).toBe('ConflictError');
    expect(
      httpErrorOf(call(sdkError('ValidationException', 400)), ctx),
    ).toBeInstanceOf(InputError);
    const statuses = [
      ['ThrottlingException', 400, 503],
      ['InternalFailure', 500, 503],
      ['AccessDeniedException', 400, 502],
      ['SomethingNew', 400, 502],
      ['AbortError', 0, 504],
    ] as const;
    for (const [name, status, http] of statuses) {
      const e = httpErrorOf(call(sdkError(name, status)), ctx);
      expect(e).toBeInstanceOf(AwsUpstreamError);
      expect((e as AwsUpstreamError).statusCode).toBe(http);
    }
    // AWS's access-denied message names the IAM principal: not passed on.
    expect(
      httpErrorOf(call(sdkError('AccessDeniedException', 400)), ctx).message,
    ).not.toContain('from AWS');
  });
});
