import { InputError } from '@backstage/errors';

/**
 * The builds route's page token: CodeBuild lists up to 100 build ids per
 * call, of which a page shows a few, so our token is CodeBuild's token plus
 * an offset into that id page.
 */
export interface BuildsCursor {
  /** CodeBuild's nextToken of the id page. */
  t?: string;
  /** Offset into that id page. */
  o: number;
}

export function encodeCursor(cursor: BuildsCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** @throws InputError for a token this API did not return */
export function decodeCursor(token: string | undefined): BuildsCursor {
  if (!token) return { o: 0 };
  try {
    const c: unknown = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8'),
    );
    if (typeof c === 'object' && c !== null) {
      const { t, o } = c as { t?: unknown; o?: unknown };
      if (
        typeof o === 'number' &&
        Number.isInteger(o) &&
        o >= 0 &&
        (t === undefined || typeof t === 'string')
      ) {
        return { t, o };
      }
    }
  } catch {
    // fall through
  }
  throw new InputError('pageToken is not a token this API returned');
}
