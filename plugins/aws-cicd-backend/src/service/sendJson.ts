import { createHash } from 'node:crypto';
import express from 'express';

/**
 * The validator of a JSON answer: a hash of its serialized body, without the
 * top-level `generatedAt` (when the backend assembled it, which differs on
 * every answer while the state does not). Durations and countdowns are in
 * the body, so an answer whose clock-derived figures moved gets a new one.
 */
export function etagOf(serialized: string, generatedAt?: string): string {
  const stable =
    generatedAt === undefined
      ? serialized
      : serialized.replace(`"generatedAt":${JSON.stringify(generatedAt)}`, '');
  return `W/"${createHash('sha1').update(stable).digest('base64url')}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map(t => t.trim())
    .some(t => t === '*' || t === etag || `W/${t}` === etag);
}

/**
 * Sends `body` as JSON; a GET's answer with an ETag, `Cache-Control: private, no-cache`
 * (a browser may keep it but must ask again each time; no shared cache may
 * keep it), and answers 304 without a body when the caller's
 * `If-None-Match` names the same content: an unchanged poll costs a hash,
 * not the serialization's gzip and transfer. The ETag is of the content
 * only, so a 304 never tells a caller more than the 200 would.
 */
export function sendJson(
  req: express.Request,
  res: express.Response,
  body: unknown,
): void {
  const serialized = JSON.stringify(body);
  if (req.method !== 'GET') {
    // A write's answer: nothing to revalidate.
    res
      .status(200)
      .type('application/json')
      .set('Cache-Control', 'no-store')
      .end(serialized);
    return;
  }
  const generatedAt =
    typeof body === 'object' &&
    body !== null &&
    'generatedAt' in body &&
    typeof body.generatedAt === 'string'
      ? body.generatedAt
      : undefined;
  const etag = etagOf(serialized, generatedAt);
  res.set('Cache-Control', 'private, no-cache').set('ETag', etag);
  if (matches(req.headers['if-none-match'], etag)) {
    res.status(304).end();
    return;
  }
  res.status(200).type('application/json').end(serialized);
}
