import {
  ConflictError,
  CustomErrorBase,
  InputError,
  NotFoundError,
} from '@backstage/errors';
import { SectionError } from '@liftoff/plugin-aws-cicd-common';

/**
 * What was being read or changed when an AWS call failed, for messages a
 * person can act on: `{ what: "pipeline payments-api", call: "CodePipeline.GetPipelineState" }`.
 */
export interface AwsCallContext {
  /** e.g. `pipeline payments-api`, `deployment group payments-api/payments-api-production` */
  what: string;
  /** `Service.Operation` of the failed call, when known. */
  call?: string;
  /** Where the resource lives, e.g. `123456789012 / eu-west-1`. */
  where?: string;
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
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ThrottledException',
  'RateExceeded',
  'SlowDown',
]);

const UNAVAILABLE = new Set([
  'InternalFailure',
  'InternalServerError',
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
  'PipelineExecutionNotStoppableException',
  'DuplicatedStopRequestException',
  'ConcurrentPipelineExecutionsLimitExceededException',
  'DeploymentAlreadyCompletedException',
  'DeploymentIsNotInReadyStateException',
  'UnsupportedActionForDeploymentTypeException',
  'DeploymentNotStartedException',
]);

const INVALID_INPUT = new Set([
  'ValidationException',
  'InvalidInputException',
  'InvalidDeploymentWaitTypeException',
  'InvalidDeploymentIdException',
  'InvalidNextTokenException',
]);

/** The deadline of a request passed before AWS answered. */
export class BudgetExceededError extends CustomErrorBase {
  name = 'BudgetExceededError' as const;
}

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
  cause?: unknown;
}

function codeOf(error: ErrorLike): string {
  return error.name && error.name !== 'Error' ? error.name : (error.code ?? '');
}

function where(ctx: AwsCallContext) {
  return ctx.where ? ` (${ctx.where})` : '';
}

/** The IAM action of an SDK call name: `CodePipeline.GetPipelineState` -> `codepipeline:GetPipelineState`. */
function iamAction(call: string | undefined): string | undefined {
  if (!call) return undefined;
  const [service, operation] = call.split('.');
  const prefix =
    {
      CodeDeploy: 'codedeploy',
      CodeBuild: 'codebuild',
      CloudWatch: 'cloudwatch',
    }[service] ?? 'codepipeline';
  return `${prefix}:${operation}`;
}

/**
 * The one mapping from an AWS (SDK, network or deadline) error to a section
 * error a person can act on. Everything that reads AWS goes through here.
 */
export function toSectionError(
  error: unknown,
  ctx: AwsCallContext,
): SectionError {
  const e = (error ?? {}) as ErrorLike;
  const code = codeOf(e);
  const status = e.$metadata?.httpStatusCode;
  const detail = e.message ? `: ${e.message}` : '';
  if (error instanceof BudgetExceededError || code === 'AbortError') {
    return {
      name: 'Timeout',
      message: `AWS did not answer in time for the ${ctx.what}${where(ctx)}; the rest of the page is shown and the next refresh tries again.`,
    };
  }
  if (NOT_FOUND.has(code)) {
    return {
      name: 'NotFound',
      message: `AWS has no ${ctx.what}${where(ctx)}${detail}. Check the ARN in the entity's annotation.`,
    };
  }
  if (ACCESS_DENIED.has(code) || status === 403) {
    const action = iamAction(ctx.call);
    return {
      name: 'AccessDenied',
      message: `The backend's AWS credentials may not read the ${ctx.what}${where(ctx)}${
        action ? ` (${action} denied)` : ''
      }. Grant the backend's IAM role the actions listed in the plugin README.`,
    };
  }
  if (THROTTLED.has(code) || e.$retryable?.throttling || status === 429) {
    return {
      name: 'Throttled',
      message: `AWS throttled the requests for the ${ctx.what}${where(ctx)}, even after retries; try again in a moment.`,
    };
  }
  if (
    UNAVAILABLE.has(code) ||
    NETWORK_CODES.has(e.code ?? '') ||
    (status !== undefined && status >= 500) ||
    e.$fault === 'server'
  ) {
    return {
      name: 'Unavailable',
      message: `AWS is unavailable for the ${ctx.what}${where(ctx)}${
        ctx.call ? ` (${ctx.call} failed${detail})` : detail
      }; try again shortly.`,
    };
  }
  if (
    code === 'CredentialsProviderError' ||
    /credential/i.test(e.message ?? '')
  ) {
    return {
      name: 'Misconfigured',
      message: `No usable AWS credentials for the ${ctx.what}${where(ctx)}${detail}. Configure the account under aws.accounts (or aws.mainAccount).`,
    };
  }
  return {
    name: 'Unknown',
    message: `AWS could not answer for the ${ctx.what}${where(ctx)}${
      code ? ` (${code}${detail})` : detail
    }.`,
  };
}

function statusOf(section: SectionError): number {
  if (section.name === 'Timeout') return 504;
  if (section.name === 'Throttled' || section.name === 'Unavailable')
    return 503;
  return 502;
}

/** A section error read from the cache, rethrown by a dependent load. */
export class CachedSectionError extends Error {
  constructor(readonly section: SectionError) {
    super(section.message);
    this.name = 'CachedSectionError';
  }
}

/**
 * An AWS failure as an HTTP error: 502 (AWS refused or failed), 503
 * (throttled, unavailable) or 504 (deadline). Its `name` is the section
 * error's name, so the frontend can treat both the same way.
 */
export class AwsUpstreamError extends CustomErrorBase {
  readonly statusCode: number;
  /** The AWS error, kept for logs (never sent: its message may name IAM principals). */
  readonly upstream: unknown;
  constructor(section: SectionError, cause?: unknown) {
    super(section.message);
    this.upstream = cause;
    this.name = section.name;
    this.statusCode = statusOf(section);
  }
}

/**
 * Maps an AWS error to the typed error an HTTP handler throws: 404 for
 * missing resources, 409 for writes AWS refuses in the current state, 400
 * for input AWS rejects, and {@link AwsUpstreamError} for the rest.
 */
export function toHttpError(error: unknown, ctx: AwsCallContext): Error {
  const e = (error ?? {}) as ErrorLike;
  const code = codeOf(e);
  if (CONFLICT.has(code)) {
    return new ConflictError(
      `AWS refused to change the ${ctx.what}: ${e.message ?? code}`,
    );
  }
  if (INVALID_INPUT.has(code)) {
    return new InputError(
      `AWS rejected the request for the ${ctx.what}: ${e.message ?? code}`,
    );
  }
  const section = toSectionError(error, ctx);
  if (section.name === 'NotFound') {
    return new NotFoundError(section.message);
  }
  return new AwsUpstreamError(section, error);
}

/** An AWS SDK call that failed, with the call's name for the messages. */
export class AwsCallFailure extends Error {
  constructor(
    readonly call: string,
    readonly error: unknown,
  ) {
    super(`${call} failed: ${(error as Error)?.message ?? String(error)}`);
    this.name = 'AwsCallFailure';
  }
}

function unwrap(error: unknown, ctx: AwsCallContext) {
  return error instanceof AwsCallFailure
    ? { error: error.error, ctx: { ...ctx, call: error.call } }
    : { error, ctx };
}

/** {@link toSectionError} for errors that may carry the failed call's name. */
export function sectionErrorOf(error: unknown, ctx: AwsCallContext) {
  const u = unwrap(error, ctx);
  return toSectionError(u.error, u.ctx);
}

/** {@link toHttpError} for errors that may carry the failed call's name. */
export function httpErrorOf(error: unknown, ctx: AwsCallContext) {
  const u = unwrap(error, ctx);
  return toHttpError(u.error, u.ctx);
}

/** A section error (e.g. read from the cache) as the HTTP error of a route. */
export function sectionToHttpError(section: SectionError): Error {
  return section.name === 'NotFound'
    ? new NotFoundError(section.message)
    : new AwsUpstreamError(section);
}
