/*
 * The one classification of AWS errors (SDK v3, network, deadline) shared by
 * the backend plugin and the scaffolder actions. It reads the shapes the SDK
 * gives every error: `name`, `$metadata.httpStatusCode`, `$fault` and
 * `$retryable`, and the `code` Node puts on socket errors. The throttling and
 * transient lists follow the SDK's own retry classification
 * (`@smithy/core` `service-error-classification`), so "throttled" here means
 * what the SDK's retry strategy already treated as throttling.
 */
import { CustomErrorBase } from '@backstage/errors';

/**
 * What kind of failure an AWS call ended with.
 *
 * - `NotFound`: the resource does not exist (or not in that account/region).
 * - `AccessDenied`: the credentials may not make the call (or are rejected).
 * - `Throttled`: AWS asked to slow down.
 * - `Unavailable`: AWS or the network failed (5xx, connection, SDK timeout).
 * - `Timeout`: our own deadline passed or the call was aborted.
 * - `Misconfigured`: no usable credentials at all.
 * - `Conflict`: a write AWS refuses in the resource's current state.
 * - `InvalidInput`: AWS rejected the request's parameters.
 * - `Unknown`: anything else.
 *
 * @public
 */
export type AwsErrorKind =
  | 'NotFound'
  | 'AccessDenied'
  | 'Throttled'
  | 'Unavailable'
  | 'Timeout'
  | 'Misconfigured'
  | 'Conflict'
  | 'InvalidInput'
  | 'Unknown';

/** @public */
export interface AwsErrorClassification {
  kind: AwsErrorKind;
  /** The AWS error code (`name`) or Node socket code, '' when there is none. */
  code: string;
  /** The HTTP status AWS answered with, when there was an answer. */
  httpStatusCode?: number;
}

const NOT_FOUND = new Set([
  'PipelineNotFoundException',
  'PipelineExecutionNotFoundException',
  'StageNotFoundException',
  'ActionNotFoundException',
  'ApplicationDoesNotExistException',
  'DeploymentGroupDoesNotExistException',
  'DeploymentDoesNotExistException',
  'DeploymentConfigDoesNotExistException',
  'DeploymentTargetDoesNotExistException',
  'ResourceNotFoundException',
  'ResourceNotFound',
]);
/** Other services' spellings: `ClusterNotFoundException`, `NoSuchEntity`, ... */
const NOT_FOUND_PATTERN = /(NotFound|DoesNotExist)(Exception)?$|^NoSuch/;

const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'ExpiredTokenException',
  'ExpiredToken',
]);

const THROTTLED = new Set([
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RateExceeded',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
]);

const UNAVAILABLE = new Set([
  'InternalFailure',
  'InternalServerError',
  'InternalServerException',
  'InternalServiceError',
  'InternalError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

/** Write errors that mean "not possible in the current state". */
const CONFLICT = new Set([
  'InvalidApprovalTokenException',
  'ApprovalAlreadyCompletedException',
  'StageNotRetryableException',
  'NotLatestPipelineExecutionException',
  'ConflictException',
  'ConcurrentModificationException',
  'PipelineExecutionNotStoppableException',
  'DuplicatedStopRequestException',
  'ConcurrentPipelineExecutionsLimitExceededException',
  'DeploymentAlreadyCompletedException',
  'DeploymentAlreadyStartedException',
  'DeploymentIsNotInReadyStateException',
  'DeploymentLimitExceededException',
  'UnsupportedActionForDeploymentTypeException',
  'DeploymentNotStartedException',
]);

const INVALID_INPUT = new Set([
  'ValidationException',
  'InvalidInputException',
  'InvalidParameterException',
  'InvalidParameterValueException',
  'InvalidDeploymentWaitTypeException',
  'InvalidDeploymentIdException',
  'InvalidNextTokenException',
]);

/**
 * The deadline of a request passed before AWS answered.
 *
 * @public
 */
export class BudgetExceededError extends CustomErrorBase {
  name = 'BudgetExceededError' as const;
}

/**
 * An AWS SDK call that failed, with the call's name (`CodeDeploy.GetDeployment`)
 * for the messages. Classified as the error it wraps.
 *
 * @public
 */
export class AwsCallFailure extends Error {
  constructor(
    readonly call: string,
    readonly error: unknown,
  ) {
    super(
      `${call} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    this.name = 'AwsCallFailure';
  }
}

/** The fields of an AWS SDK v3 error (or a Node socket error) read here. */
interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

function asErrorLike(error: unknown): ErrorLike {
  return typeof error === 'object' && error !== null
    ? (error as ErrorLike)
    : {};
}

function codeOf(e: ErrorLike): string {
  return e.name && e.name !== 'Error' ? e.name : (e.code ?? '');
}

function kindOf(error: unknown, e: ErrorLike, code: string): AwsErrorKind {
  const status = e.$metadata?.httpStatusCode;
  if (
    error instanceof BudgetExceededError ||
    code === 'BudgetExceededError' ||
    code === 'AbortError'
  ) {
    return 'Timeout';
  }
  if (CONFLICT.has(code)) return 'Conflict';
  if (INVALID_INPUT.has(code)) return 'InvalidInput';
  if (NOT_FOUND.has(code) || NOT_FOUND_PATTERN.test(code)) return 'NotFound';
  if (ACCESS_DENIED.has(code) || status === 403) return 'AccessDenied';
  if (THROTTLED.has(code) || e.$retryable?.throttling || status === 429) {
    return 'Throttled';
  }
  if (
    UNAVAILABLE.has(code) ||
    NETWORK_CODES.has(e.code ?? '') ||
    (status !== undefined && status >= 500) ||
    e.$fault === 'server' ||
    e.$retryable !== undefined
  ) {
    return 'Unavailable';
  }
  if (
    code === 'CredentialsProviderError' ||
    /credential/i.test(e.message ?? '')
  ) {
    return 'Misconfigured';
  }
  return 'Unknown';
}

/**
 * Classifies any error an AWS call can end with.
 *
 * @public
 */
export function classifyAwsError(error: unknown): AwsErrorClassification {
  if (error instanceof AwsCallFailure) return classifyAwsError(error.error);
  const e = asErrorLike(error);
  const code = codeOf(e);
  const httpStatusCode = e.$metadata?.httpStatusCode;
  return {
    kind: kindOf(error, e, code),
    code,
    ...(httpStatusCode !== undefined ? { httpStatusCode } : {}),
  };
}

/**
 * AWS asked to slow down (after the SDK's own retries): wait longer.
 *
 * @public
 */
export function isThrottling(error: unknown): boolean {
  return classifyAwsError(error).kind === 'Throttled';
}

/**
 * AWS or the network failed in a way the same call may not fail again
 * (5xx, connection refused/reset, SDK timeout): worth another try.
 *
 * @public
 */
export function isTransient(error: unknown): boolean {
  return classifyAwsError(error).kind === 'Unavailable';
}

/**
 * `ThrottlingException: Rate exceeded` from an SDK error, without its stack
 * (of the wrapped error, for an {@link AwsCallFailure}).
 *
 * @public
 */
export function describeAwsError(error: unknown): string {
  if (error instanceof AwsCallFailure) return describeAwsError(error.error);
  if (error instanceof Error) {
    return error.name && error.name !== 'Error'
      ? `${error.name}: ${error.message}`
      : error.message;
  }
  return String(error);
}

const IAM_PREFIX: Record<string, string> = {
  CodePipeline: 'codepipeline',
  CodeDeploy: 'codedeploy',
  CodeBuild: 'codebuild',
  CloudWatch: 'cloudwatch',
  Lambda: 'lambda',
  ECS: 'ecs',
  STS: 'sts',
};

/**
 * The IAM action of an SDK call name:
 * `CodePipeline.GetPipelineState` -> `codepipeline:GetPipelineState`.
 *
 * @public
 */
export function iamActionOf(call: string | undefined): string | undefined {
  if (!call) return undefined;
  const [service, operation] = call.split('.');
  if (!operation) return undefined;
  return `${IAM_PREFIX[service] ?? service.toLowerCase()}:${operation}`;
}
