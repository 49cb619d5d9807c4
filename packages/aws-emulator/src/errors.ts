/**
 * Errors as AWS sends them: a code (the `__type`), a message and an HTTP status.
 *
 * Handlers throw these; the protocol layer turns them into the wire shape. Anything else that escapes a handler is
 * a bug in the emulator and becomes `InternalFailure` (500), never a crash.
 */
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  /** The awsQueryError code for query-compatible services (CloudWatch), when it differs from `code`. */
  readonly queryCode?: string;

  constructor(
    code: string,
    message: string,
    options?: { status?: number; queryCode?: string },
  ) {
    super(message);
    this.name = 'AwsError';
    this.code = code;
    this.status = options?.status ?? 400;
    this.queryCode = options?.queryCode;
  }

  /** Client errors are the caller's fault ("Sender"), 5xx are the service's ("Receiver"). */
  get fault(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** The generic constraint error of CodePipeline (and of most Coral services). */
export function validationError(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

/** The body could not be read as the operation's input: bad JSON or a member of the wrong type. */
export function serializationError(message: string): AwsError {
  return new AwsError('SerializationException', message);
}

export function unknownOperation(target: string): AwsError {
  return new AwsError(
    'UnknownOperationException',
    target ? `Unknown operation ${target}` : 'Missing x-amz-target header',
  );
}

export function internalFailure(
  message = 'An internal error occurred. Try again.',
): AwsError {
  return new AwsError('InternalFailure', message, { status: 500 });
}

export function serviceUnavailable(
  message = 'The service is unavailable. Try again later.',
): AwsError {
  return new AwsError('ServiceUnavailable', message, { status: 503 });
}
