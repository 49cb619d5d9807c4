import { AwsError } from '../errors';

/**
 * Offset pagination with opaque tokens. A token is bound to the listing it came from (`scope`), so a token from
 * another operation or a made-up one is rejected the way AWS rejects it.
 */
export function paginate<T>(
  items: readonly T[],
  options: {
    nextToken?: string;
    pageSize: number;
    scope: string;
    invalid: () => AwsError;
  },
): { page: T[]; nextToken?: string } {
  let offset = 0;
  if (options.nextToken !== undefined) {
    offset = decode(options.nextToken, options.scope) ?? -1;
    if (offset < 0 || offset > items.length) throw options.invalid();
  }
  const end = offset + options.pageSize;
  return {
    page: items.slice(offset, end),
    nextToken: end < items.length ? encode(end, options.scope) : undefined,
  };
}

function encode(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: scope }), 'utf8').toString(
    'base64url',
  );
}

function decode(token: string, scope: string): number | undefined {
  try {
    const parsed = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8'),
    ) as { o?: unknown; s?: unknown };
    if (
      typeof parsed.o !== 'number' ||
      !Number.isInteger(parsed.o) ||
      parsed.s !== scope
    )
      return undefined;
    return parsed.o;
  } catch {
    return undefined;
  }
}

export function invalidNextToken(
  code = 'InvalidNextTokenException',
): () => AwsError {
  return () => new AwsError(code, 'The next token was invalid');
}
