/*
 * AWS failures as the errors a person reads: the `SectionError` of a page
 * section and the typed Backstage error of an HTTP route. The kind of failure
 * comes from `classifyAwsError`; this module only words it.
 */
import {
  ConflictError,
  CustomErrorBase,
  InputError,
  NotFoundError,
} from '@backstage/errors';
import { SectionError } from '@liftoff/plugin-aws-cicd-common';
import {
  AwsCallFailure,
  AwsErrorKind,
  classifyAwsError,
  iamActionOf,
} from './awsErrors';

/**
 * What was being read or changed when an AWS call failed, for messages a
 * person can act on: `{ what: "pipeline payments-api", call: "CodePipeline.GetPipelineState" }`.
 *
 * @public
 */
export interface AwsCallContext {
  /** e.g. `pipeline payments-api`, `deployment group payments-api/payments-api-production` */
  what: string;
  /** `Service.Operation` of the failed call, when known. */
  call?: string;
  /** Where the resource lives, e.g. `123456789012 / eu-west-1`. */
  where?: string;
}

function messageOf(error: unknown): string | undefined {
  const message =
    typeof error === 'object' && error !== null
      ? (error as { message?: unknown }).message
      : undefined;
  return typeof message === 'string' && message ? message : undefined;
}

function where(ctx: AwsCallContext) {
  return ctx.where ? ` (${ctx.where})` : '';
}

const SECTION_NAME: Record<AwsErrorKind, SectionError['name']> = {
  NotFound: 'NotFound',
  AccessDenied: 'AccessDenied',
  Throttled: 'Throttled',
  Unavailable: 'Unavailable',
  Timeout: 'Timeout',
  Misconfigured: 'Misconfigured',
  Conflict: 'Unknown',
  InvalidInput: 'Unknown',
  Unknown: 'Unknown',
};

/**
 * The one mapping from an AWS (SDK, network or deadline) error to a section
 * error a person can act on. The message names the IAM action that was
 * denied, never the principal AWS names in its own message.
 *
 * @public
 */
export function toSectionError(
  error: unknown,
  ctx: AwsCallContext,
): SectionError {
  const { kind, code } = classifyAwsError(error);
  const msg = messageOf(error);
  const detail = msg ? `: ${msg}` : '';
  const at = `the ${ctx.what}${where(ctx)}`;
  const name = SECTION_NAME[kind];
  switch (name) {
    case 'Timeout':
      return {
        name,
        message: `AWS did not answer in time for ${at}; the rest of the page is shown and the next refresh tries again.`,
      };
    case 'NotFound':
      return {
        name,
        message: `AWS has no ${ctx.what}${where(ctx)}${detail}. Check the ARN in the entity's annotation.`,
      };
    case 'AccessDenied': {
      const action = iamActionOf(ctx.call);
      return {
        name,
        message: `The backend's AWS credentials may not read ${at}${
          action ? ` (${action} denied)` : ''
        }. Grant the backend's IAM role the actions listed in the plugin README.`,
      };
    }
    case 'Throttled':
      return {
        name,
        message: `AWS throttled the requests for ${at}, even after retries; try again in a moment.`,
      };
    case 'Unavailable':
      return {
        name,
        message: `AWS is unavailable for ${at}${
          ctx.call ? ` (${ctx.call} failed${detail})` : detail
        }; try again shortly.`,
      };
    case 'Misconfigured':
      return {
        name,
        message: `No usable AWS credentials for ${at}${detail}. Configure the account under aws.accounts (or aws.mainAccount).`,
      };
    default:
      return {
        name: 'Unknown',
        message: `AWS could not answer for ${at}${
          code ? ` (${code}${detail})` : detail
        }.`,
      };
  }
}

function statusOf(section: SectionError): number {
  if (section.name === 'Timeout') return 504;
  if (section.name === 'Throttled' || section.name === 'Unavailable')
    return 503;
  return 502;
}

/**
 * An AWS failure as an HTTP error: 502 (AWS refused or failed), 503
 * (throttled, unavailable) or 504 (deadline). Its `name` is the section
 * error's name, so the frontend can treat both the same way.
 *
 * @public
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
 *
 * @public
 */
export function toHttpError(error: unknown, ctx: AwsCallContext): Error {
  const { kind, code } = classifyAwsError(error);
  if (kind === 'Conflict') {
    return new ConflictError(
      `AWS refused to change the ${ctx.what}: ${messageOf(error) ?? code}`,
    );
  }
  if (kind === 'InvalidInput') {
    return new InputError(
      `AWS rejected the request for the ${ctx.what}: ${messageOf(error) ?? code}`,
    );
  }
  const section = toSectionError(error, ctx);
  if (section.name === 'NotFound') {
    return new NotFoundError(section.message);
  }
  return new AwsUpstreamError(section, error);
}

function unwrap(error: unknown, ctx: AwsCallContext) {
  return error instanceof AwsCallFailure
    ? { error: error.error, ctx: { ...ctx, call: error.call } }
    : { error, ctx };
}

/**
 * {@link toSectionError} for errors that may carry the failed call's name.
 *
 * @public
 */
export function sectionErrorOf(
  error: unknown,
  ctx: AwsCallContext,
): SectionError {
  const u = unwrap(error, ctx);
  return toSectionError(u.error, u.ctx);
}

/**
 * {@link toHttpError} for errors that may carry the failed call's name.
 *
 * @public
 */
export function httpErrorOf(error: unknown, ctx: AwsCallContext): Error {
  const u = unwrap(error, ctx);
  return toHttpError(u.error, u.ctx);
}

/**
 * A section error (e.g. read from the cache) as the HTTP error of a route.
 *
 * @public
 */
export function sectionToHttpError(section: SectionError): Error {
  return section.name === 'NotFound'
    ? new NotFoundError(section.message)
    : new AwsUpstreamError(section);
}
