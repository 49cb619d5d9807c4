import { createServer, Server } from 'node:http';
import { route, ServiceInfo } from './routes';

export function createService(info: ServiceInfo): Server {
  return createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const result = route(request.method ?? 'GET', path, info);
    response.writeHead(result.statusCode, { 'content-type': 'application/json' });
    response.end(JSON.stringify(result.body));
  });
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 8080);
  const server = createService({
    serviceName: process.env.SERVICE_NAME ?? 'service',
    stage: process.env.STAGE ?? 'local',
    version: process.env.VERSION ?? 'dev',
  });
  server.listen(port, () => console.log(`listening on ${port}`));
  // ECS stops a task with SIGTERM: finish the requests in flight, then exit.
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
