import { AwsError } from '../errors';

/**
 * JSON as the AWS JSON protocols write it: timestamps as epoch seconds (fractions allowed), no `undefined` members.
 */
export function toWireJson(value: unknown): string {
  return JSON.stringify(
    value,
    function replacer(this: Record<string, unknown>, key: string, v: unknown) {
      const raw = this[key];
      if (raw instanceof Date) return raw.getTime() / 1000;
      return v;
    },
  );
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function jsonResponse(
  jsonVersion: '1.0' | '1.1',
  requestId: string,
  output: unknown,
): WireResponse {
  return {
    status: 200,
    headers: {
      'content-type': `application/x-amz-json-${jsonVersion}`,
      'x-amzn-requestid': requestId,
    },
    body: toWireJson(output ?? {}),
  };
}

/** The error shape of the AWS JSON protocols; query-compatible services also get `x-amzn-query-error`. */
export function errorResponse(
  jsonVersion: '1.0' | '1.1',
  requestId: string,
  error: AwsError,
  queryCompatible: boolean,
): WireResponse {
  const headers: Record<string, string> = {
    'content-type': `application/x-amz-json-${jsonVersion}`,
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': error.code,
  };
  if (queryCompatible)
    headers['x-amzn-query-error'] =
      `${error.queryCode ?? error.code};${error.fault}`;
  return {
    status: error.status,
    headers,
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}

/** The parts of a SigV4 Authorization header the emulator uses (the signature itself is never checked). */
export function parseAuthorization(header: string | undefined): {
  accessKeyId?: string;
  region?: string;
  service?: string;
} {
  const match = header?.match(
    /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/,
  );
  if (!match) return {};
  return { accessKeyId: match[1], region: match[2], service: match[3] };
}
