import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Scope } from '../arn';
import { MemoryCallLog } from '../callLog';
import {
  AwsError,
  internalFailure,
  serializationError,
  unknownOperation,
} from '../errors';
import { FaultInjector } from '../faults';
import { Input } from './input';
import { RequestContext, ServiceDefinition } from './service';
import {
  errorResponse,
  jsonResponse,
  parseAuthorization,
  WireResponse,
} from './wire';

const MAX_BODY = 10 * 1024 * 1024;

export interface AwsRouterOptions {
  services: ServiceDefinition[];
  faults: FaultInjector;
  calls: MemoryCallLog;
  /** Account and region of a call, from its access key id and the region of its credential scope. */
  resolveScope(
    accessKeyId: string | undefined,
    region: string | undefined,
  ): Scope;
  /** Handles `/__emulator/*`; returns false when the path is not an admin route. */
  admin(
    req: IncomingMessage,
    res: ServerResponse,
    body: string,
  ): Promise<boolean>;
  /** Bugs (non-AWS errors escaping a handler) are reported here and answered with InternalFailure. */
  onInternalError(error: unknown): void;
}

export class BodyTooLargeError extends Error {}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new BodyTooLargeError('Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: WireResponse): void {
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, {
    ...response.headers,
    'content-length': String(body.length),
  });
  res.end(body);
}

function jsonVersionOf(req: IncomingMessage): '1.0' | '1.1' {
  return String(req.headers['content-type'] ?? '').includes('1.0')
    ? '1.0'
    : '1.1';
}

const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/**
 * The HTTP entry point: `POST /` with `x-amz-target` for AWS traffic, `/__emulator/*` for the admin routes.
 * Every AWS answer carries `x-amzn-requestid`; every failure has the AWS error shape; nothing a client sends can
 * take the server down.
 */
export function createAwsRouter(
  options: AwsRouterOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const byPrefix = new Map(options.services.map(s => [s.targetPrefix, s]));

  async function handleAws(
    req: IncomingMessage,
    body: string,
    started: number,
  ): Promise<WireResponse> {
    const requestId = randomUUID();
    const target = String(req.headers['x-amz-target'] ?? '');
    const [prefix, operation = ''] = target.split('.', 2);
    const service = byPrefix.get(prefix);
    const auth = parseAuthorization(req.headers.authorization);
    const scope = options.resolveScope(auth.accessKeyId, auth.region);
    const jsonVersion = service?.jsonVersion ?? jsonVersionOf(req);
    const handler =
      service &&
      Object.prototype.hasOwnProperty.call(service.operations, operation)
        ? service.operations[operation]
        : undefined;

    let status = 200;
    let errorCode: string | undefined;
    let response: WireResponse;
    try {
      if (req.method !== 'POST') throw unknownOperation(target);
      if (!service || !handler) throw unknownOperation(target);
      const latency = options.faults.latencyFor(service.name, operation);
      if (latency > 0) await sleep(latency);
      options.faults.beforeCall(
        service.name,
        operation,
        service.errors.throttling,
      );
      const ctx: RequestContext = {
        ...scope,
        service: service.name,
        operation,
        requestId,
        accessKeyId: auth.accessKeyId,
        authorize(action: string, arn: string) {
          if (options.faults.isDenied(arn)) {
            const who = `arn:aws:iam::${scope.account}:user/${auth.accessKeyId ?? 'anonymous'}`;
            throw new AwsError(
              service.errors.accessDenied.code,
              `User: ${who} is not authorized to perform: ${action} on resource: ${arn} because no identity-based policy allows the ${action} action`,
              { queryCode: service.errors.accessDenied.queryCode },
            );
          }
        },
      };
      const input = Input.parse(body, service.dialect);
      const output = handler(input, ctx);
      response = jsonResponse(jsonVersion, requestId, output ?? {});
    } catch (e) {
      let error: AwsError;
      if (e instanceof AwsError) {
        error = e;
      } else {
        options.onInternalError(e);
        error = internalFailure();
      }
      status = error.status;
      errorCode = error.code;
      response = errorResponse(
        jsonVersion,
        requestId,
        error,
        service?.queryCompatible ?? false,
      );
    }
    options.calls.record({
      service: service?.name ?? (prefix || 'Unknown'),
      operation: operation || target,
      time: new Date(),
      status,
      errorCode,
      requestId,
      region: scope.region,
      durationMs: Date.now() - started,
    });
    return response;
  }

  return (req, res) => {
    const started = Date.now();
    readBody(req)
      .then(async body => {
        const path = (req.url ?? '/').split('?')[0];
        if (path.startsWith('/__emulator/') || path === '/__emulator') {
          if (await options.admin(req, res, body)) return;
        }
        send(res, await handleAws(req, body, started));
      })
      .catch(e => {
        const error =
          e instanceof BodyTooLargeError
            ? serializationError(e.message)
            : internalFailure();
        if (!(e instanceof BodyTooLargeError)) options.onInternalError(e);
        if (!res.headersSent)
          send(
            res,
            errorResponse(jsonVersionOf(req), randomUUID(), error, false),
          );
        else res.destroy();
      });
  };
}
