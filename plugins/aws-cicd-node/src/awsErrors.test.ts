import {
  AwsCallFailure,
  BudgetExceededError,
  classifyAwsError,
  describeAwsError,
  iamActionOf,
  isThrottling,
  isTransient,
} from './awsErrors';

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

/** An error as Node's HTTP stack throws it, before AWS answered. */
function socketError(code: string) {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:4566`), { code });
}

describe('classifyAwsError', () => {
  it.each([
    // not found, in the spellings of each service
    ['PipelineNotFoundException', 400, 'NotFound'],
    ['DeploymentGroupDoesNotExistException', 400, 'NotFound'],
    ['DeploymentTargetDoesNotExistException', 400, 'NotFound'],
    ['ResourceNotFoundException', 404, 'NotFound'],
    ['ClusterNotFoundException', 400, 'NotFound'],
    ['NoSuchEntity', 404, 'NotFound'],
    // denied or rejected credentials
    ['AccessDeniedException', 400, 'AccessDenied'],
    ['UnrecognizedClientException', 400, 'AccessDenied'],
    ['ExpiredToken', 403, 'AccessDenied'],
    ['SomethingForbidden', 403, 'AccessDenied'],
    // throttling: both former copies' lists, and the SDK's own
    ['ThrottlingException', 400, 'Throttled'],
    ['Throttling', 400, 'Throttled'],
    ['TooManyRequestsException', 429, 'Throttled'],
    ['RequestLimitExceeded', 400, 'Throttled'],
    ['SlowDown', 503, 'Throttled'],
    ['RateExceeded', 400, 'Throttled'],
    ['LimitExceededException', 400, 'Throttled'],
    ['SomethingNew', 429, 'Throttled'],
    // AWS failed
    ['InternalFailure', 500, 'Unavailable'],
    ['ServiceUnavailable', 503, 'Unavailable'],
    ['SomethingNew', 502, 'Unavailable'],
    ['TimeoutError', 0, 'Unavailable'],
    ['RequestTimeoutException', 408, 'Unavailable'],
    // our own deadline
    ['AbortError', 0, 'Timeout'],
    // writes refused in the current state, and rejected input
    ['StageNotRetryableException', 400, 'Conflict'],
    ['DeploymentAlreadyCompletedException', 400, 'Conflict'],
    ['ConcurrentPipelineExecutionsLimitExceededException', 400, 'Conflict'],
    ['ValidationException', 400, 'InvalidInput'],
    ['InvalidDeploymentIdException', 400, 'InvalidInput'],
    // no credentials at all
    ['CredentialsProviderError', 0, 'Misconfigured'],
    ['SomethingNew', 400, 'Unknown'],
  ])('classifies %s (%i) as %s', (name, status, kind) => {
    expect(classifyAwsError(sdkError(name, status)).kind).toBe(kind);
  });

  it('reads the SDK traits when the name is unknown', () => {
    expect(
      classifyAwsError(
        sdkError('NewThrottle', 400, { $retryable: { throttling: true } }),
      ).kind,
    ).toBe('Throttled');
    expect(
      classifyAwsError(sdkError('NewRetryable', 400, { $retryable: {} })).kind,
    ).toBe('Unavailable');
    expect(
      classifyAwsError(
        sdkError('NewFault', 400, { $fault: 'server', $metadata: {} }),
      ).kind,
    ).toBe('Unavailable');
  });

  it('classifies socket errors, deadlines and missing credentials', () => {
    for (const code of [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EAI_AGAIN',
    ]) {
      expect(classifyAwsError(socketError(code))).toEqual({
        kind: 'Unavailable',
        code,
      });
    }
    expect(classifyAwsError(new BudgetExceededError('deadline')).kind).toBe(
      'Timeout',
    );
    expect(
      classifyAwsError(
        new Error('Could not load credentials from any providers'),
      ).kind,
    ).toBe('Misconfigured');
  });

  it('reports the code and status it classified by', () => {
    expect(classifyAwsError(sdkError('ThrottlingException', 400))).toEqual({
      kind: 'Throttled',
      code: 'ThrottlingException',
      httpStatusCode: 400,
    });
  });

  it('sees through a failure that names its call', () => {
    const failure = new AwsCallFailure(
      'CodeDeploy.ListDeploymentTargets',
      sdkError('SlowDown', 503),
    );
    expect(classifyAwsError(failure).kind).toBe('Throttled');
    expect(isThrottling(failure)).toBe(true);
    expect(describeAwsError(failure)).toBe('SlowDown: SlowDown from AWS');
    expect(failure.message).toBe(
      'CodeDeploy.ListDeploymentTargets failed: SlowDown from AWS',
    );
  });

  it('classifies what is not an error object as Unknown', () => {
    expect(classifyAwsError(undefined)).toEqual({ kind: 'Unknown', code: '' });
    expect(classifyAwsError('boom')).toEqual({ kind: 'Unknown', code: '' });
  });
});

describe('isThrottling and isTransient', () => {
  it('tell the poller whether to back off or simply try again', () => {
    expect(isThrottling(sdkError('SlowDown', 503))).toBe(true);
    expect(isThrottling(sdkError('LimitExceededException', 400))).toBe(true);
    expect(isTransient(sdkError('SlowDown', 503))).toBe(false);
    expect(isTransient(sdkError('InternalFailure', 500))).toBe(true);
    expect(isTransient(socketError('ECONNRESET'))).toBe(true);
    expect(isTransient(sdkError('AccessDeniedException', 400))).toBe(false);
    expect(isThrottling(sdkError('AccessDeniedException', 400))).toBe(false);
    expect(isTransient(sdkError('AbortError', 0))).toBe(false);
  });
});

describe('describeAwsError', () => {
  it('gives name and message without the stack', () => {
    expect(describeAwsError(sdkError('ThrottlingException', 400))).toBe(
      'ThrottlingException: ThrottlingException from AWS',
    );
    expect(describeAwsError(new Error('plain'))).toBe('plain');
    expect(describeAwsError('text')).toBe('text');
  });
});

describe('iamActionOf', () => {
  it('names the IAM action of an SDK call', () => {
    expect(iamActionOf('CodePipeline.GetPipelineState')).toBe(
      'codepipeline:GetPipelineState',
    );
    expect(iamActionOf('CodeDeploy.ListDeploymentTargets')).toBe(
      'codedeploy:ListDeploymentTargets',
    );
    expect(iamActionOf('CloudWatch.DescribeAlarms')).toBe(
      'cloudwatch:DescribeAlarms',
    );
    expect(iamActionOf(undefined)).toBeUndefined();
    expect(iamActionOf('nodot')).toBeUndefined();
  });
});
