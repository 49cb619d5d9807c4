/** The service's routes, free of HTTP plumbing so they are easy to test. */
export interface Response {
  statusCode: number;
  body: unknown;
}

export interface ServiceInfo {
  serviceName: string;
  stage: string;
  /** The image tag (commit) serving the request. */
  version: string;
}

export function route(method: string, path: string, info: ServiceInfo): Response {
  if (method === 'GET' && (path === '/health' || path === '/health/')) {
    return { statusCode: 200, body: { status: 'ok', version: info.version } };
  }
  if (method === 'GET' && path === '/') {
    return {
      statusCode: 200,
      body: { service: info.serviceName, stage: info.stage, version: info.version, message: 'Hello from Liftoff' },
    };
  }
  return { statusCode: 404, body: { message: `No route for ${method} ${path}` } };
}
