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
import {
  invalidAction,
  isQueryRequest,
  missingAction,
  parseQueryForm,
  xmlErrorResponse,
  xmlResponse,
} from './query';
import {
  Caller,
  JsonServiceDefinition,
  OperationHandler,
  QueryServiceDefinition,
  RequestContext,
  ServiceDefinition,
} from './service';
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
  /**
   * Who makes a call and where: the caller (a user, or the role its temporary credentials act as) and the account
   * and region of the call, from its access key id and the region of its credential scope.
   */
  resolveCaller(
    accessKeyId: string | undefined,
    region: string | undefined,
  ): { scope: Scope; caller: Caller };
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

/** One request bound to its protocol: which service and operation, how to read the input and write the answer. */
interface Binding {
  service?: ServiceDefinition;
  operation: string;
  /** What the call log names an unknown service / operation by. */
  label: { service: string; operation: string };
  /** Thrown before the handler runs (unknown operation, bad envelope). */
  unknown?: AwsError;
  handler?: OperationHandler;
  input(): Input;
  ok(requestId: string, output: object): WireResponse;
  fail(requestId: string, error: AwsError): WireResponse;
}

function own(
  service: ServiceDefinition | undefined,
  operation: string,
): OperationHandler | undefined {
  return service &&
    Object.prototype.hasOwnProperty.call(service.operations, operation)
    ? service.operations[operation]
    : undefined;
}

function jsonBinding(
  req: IncomingMessage,
  body: string,
  byPrefix: Map<string, JsonServiceDefinition>,
): Binding {
  const target = String(req.headers['x-amz-target'] ?? '');
  const [prefix, operation = ''] = target.split('.', 2);
  const service = byPrefix.get(prefix);
  const jsonVersion = service?.jsonVersion ?? jsonVersionOf(req);
  const handler = own(service, operation);
  return {
    service,
    operation,
    label: {
      service: service?.name ?? (prefix || 'Unknown'),
      operation: operation || target,
    },
    unknown:
      req.method !== 'POST' || !handler ? unknownOperation(target) : undefined,
    handler,
    input: () => Input.parse(body, service!.dialect),
    ok: (requestId, output) => jsonResponse(jsonVersion, requestId, output),
    fail: (requestId, error) =>
      errorResponse(
        jsonVersion,
        requestId,
        error,
        service?.queryCompatible ?? false,
      ),
  };
}

function queryBinding(
  body: string,
  signingName: string | undefined,
  services: QueryServiceDefinition[],
): Binding {
  const form = parseQueryForm(body);
  const action = typeof form.Action === 'string' ? form.Action : '';
  const version = typeof form.Version === 'string' ? form.Version : '';
  // The SigV4 credential scope names the service; an unsigned request is matched by its API version.
  const service =
    services.find(s => s.signingName === signingName) ??
    services.find(s => s.version === version);
  const handler = own(service, action);
  let unknown: AwsError | undefined;
  if (!action) unknown = missingAction();
  else if (!handler || version !== service?.version)
    unknown = invalidAction(action, version);
  const { Action: _action, Version: _version, ...members } = form;
  return {
    service,
    operation: action,
    label: {
      service: service?.name ?? (signingName || 'Unknown'),
      operation: action || 'MissingAction',
    },
    unknown,
    handler,
    input: () => Input.fromForm(members, service!.dialect),
    ok: (requestId, output) =>
      xmlResponse(action, service!.xmlNamespace, requestId, output),
    fail: (requestId, error) =>
      xmlErrorResponse(service?.xmlNamespace, requestId, error),
  };
}

/**
 * The HTTP entry point: `POST /` for AWS traffic (JSON protocols by `x-amz-target`, the query protocol by a form
 * body), `/__emulator/*` for the admin routes. Every AWS answer carries `x-amzn-requestid`; every failure has the
 * AWS error shape of its protocol; nothing a client sends can take the server down.
 */
export function createAwsRouter(
  options: AwsRouterOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const byPrefix = new Map<string, JsonServiceDefinition>();
  const queryServices: QueryServiceDefinition[] = [];
  for (const s of options.services) {
    if (s.protocol === 'json') byPrefix.set(s.targetPrefix, s);
    else queryServices.push(s);
  }

  async function handleAws(
    req: IncomingMessage,
    body: string,
    started: number,
  ): Promise<WireResponse> {
    const requestId = randomUUID();
    const auth = parseAuthorization(req.headers.authorization);
    const { scope, caller } = options.resolveCaller(
      auth.accessKeyId,
      auth.region,
    );
    const binding =
      req.method === 'POST' && isQueryRequest(req.headers)
        ? queryBinding(body, auth.service, queryServices)
        : jsonBinding(req, body, byPrefix);
    const { service, operation } = binding;

    let status = 200;
    let errorCode: string | undefined;
    let response: WireResponse;
    try {
      if (binding.unknown || !service || !binding.handler)
        throw binding.unknown ?? unknownOperation(operation);
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
        caller,
        authorize(action: string, arn: string) {
          if (options.faults.isDenied(arn)) {
            throw new AwsError(
              service.errors.accessDenied.code,
              `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${arn} because no identity-based policy allows the ${action} action`,
              { queryCode: service.errors.accessDenied.queryCode },
            );
          }
        },
      };
      const output = binding.handler(binding.input(), ctx);
      response = binding.ok(requestId, output ?? {});
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
      response = binding.fail(requestId, error);
    }
    options.calls.record({
      ...binding.label,
      time: new Date(),
      status,
      errorCode,
      requestId,
      region: scope.region,
      durationMs: Date.now() - started,
      caller: caller.arn,
      role: caller.role?.arn,
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
