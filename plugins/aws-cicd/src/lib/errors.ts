import { ResponseError } from '@backstage/errors';

/** The server's own message for a failed request, else the error's. */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.body?.error?.message || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
