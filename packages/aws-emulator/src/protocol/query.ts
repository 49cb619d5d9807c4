/*
 * The AWS query protocol (STS today; CloudFormation, IAM, SQS-classic and friends speak it too): a request is a
 * form-encoded POST (`Action=AssumeRole&Version=2011-06-15&RoleArn=...`), lists and maps are spelled out in dotted
 * member names (`Tags.member.1.Key`, `Attributes.entry.1.key`), answers are XML. Nothing here knows a service: the
 * form becomes the same nested structure a JSON body would, read by the same `Input`, and an operation's output
 * becomes `<XResponse><XResult>...</XResult><ResponseMetadata>...` by its member names.
 */
import { AwsError } from '../errors';
import { WireResponse } from './wire';

type FormNode = { [key: string]: FormNode | string };

/**
 * Decodes a query-protocol form into nested members: `A.member.N...` lists become arrays (ordered by N),
 * `A.entry.N.key` / `A.entry.N.value` maps become objects, scalars stay strings.
 */
export function parseQueryForm(body: string): Record<string, unknown> {
  const root: FormNode = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const segments = key.split('.');
    let node = root;
    segments.forEach((segment, i) => {
      if (i === segments.length - 1) {
        // `Tags=` (an empty list) beside `Tags.member.1...`: the members win.
        if (typeof node[segment] !== 'object') node[segment] = value;
        return;
      }
      const next = node[segment];
      if (typeof next === 'object') {
        node = next;
      } else {
        const created: FormNode = {};
        node[segment] = created;
        node = created;
      }
    });
  }
  return normalize(root) as Record<string, unknown>;
}

function byIndex(node: FormNode): FormNode[string][] {
  return Object.keys(node)
    .filter(k => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map(k => node[k]);
}

function normalize(node: FormNode | string): unknown {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  if (
    keys.length === 1 &&
    keys[0] === 'member' &&
    typeof node.member === 'object'
  )
    return byIndex(node.member).map(normalize);
  if (
    keys.length === 1 &&
    keys[0] === 'entry' &&
    typeof node.entry === 'object'
  ) {
    const map: Record<string, unknown> = {};
    for (const entry of byIndex(node.entry)) {
      if (typeof entry === 'object' && typeof entry.key === 'string')
        map[entry.key] = normalize(entry.value ?? '');
    }
    return map;
  }
  return Object.fromEntries(keys.map(k => [k, normalize(node[k])]));
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** ISO 8601 in whole seconds, as the query services write timestamps (`2026-11-26T10:00:00Z`). */
function xmlTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One value as XML content: structures by member name, lists as `<member>` items, timestamps in ISO 8601. */
export function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return xmlTimestamp(value);
  if (Array.isArray(value))
    return value.map(item => `<member>${toXml(item)}</member>`).join('');
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('');
  return escapeXml(String(value));
}

const XML_HEADERS = { 'content-type': 'text/xml' };

/** `<{Operation}Response><{Operation}Result>...</...Result><ResponseMetadata><RequestId>` */
export function xmlResponse(
  operation: string,
  xmlNamespace: string,
  requestId: string,
  output: object,
): WireResponse {
  return {
    status: 200,
    headers: { ...XML_HEADERS, 'x-amzn-requestid': requestId },
    body:
      `<${operation}Response xmlns="${escapeXml(xmlNamespace)}">` +
      `<${operation}Result>${toXml(output)}</${operation}Result>` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
      `</${operation}Response>`,
  };
}

/** `<ErrorResponse><Error><Type>Sender|Receiver</Type><Code>..</Code><Message>..</Message></Error><RequestId>` */
export function xmlErrorResponse(
  xmlNamespace: string | undefined,
  requestId: string,
  error: AwsError,
): WireResponse {
  const ns = xmlNamespace ? ` xmlns="${escapeXml(xmlNamespace)}"` : '';
  return {
    status: error.status,
    headers: { ...XML_HEADERS, 'x-amzn-requestid': requestId },
    body:
      `<ErrorResponse${ns}><Error><Type>${error.fault}</Type>` +
      `<Code>${escapeXml(error.queryCode ?? error.code)}</Code>` +
      `<Message>${escapeXml(error.message)}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

/** Whether a request is on the query protocol (a form body and no `x-amz-target`). */
export function isQueryRequest(headers: {
  'content-type'?: string;
  'x-amz-target'?: string | string[];
}): boolean {
  return (
    !headers['x-amz-target'] &&
    String(headers['content-type'] ?? '').includes(
      'application/x-www-form-urlencoded',
    )
  );
}

export function missingAction(): AwsError {
  return new AwsError('MissingAction', 'Missing Action');
}

export function invalidAction(action: string, version: string): AwsError {
  return new AwsError(
    'InvalidAction',
    `Could not find operation ${action} for version ${version || 'NO_VERSION_SPECIFIED'}`,
  );
}
