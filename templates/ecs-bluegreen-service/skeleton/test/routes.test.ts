import { AddressInfo } from 'node:net';
import { route } from '../src/routes';
import { createService } from '../src/server';

const info = { serviceName: 'svc', stage: 'test', version: 'abc123' };

test('GET /health answers ok with the version', () => {
  expect(route('GET', '/health', info)).toEqual({ statusCode: 200, body: { status: 'ok', version: 'abc123' } });
});

test('anything else is a 404', () => {
  expect(route('DELETE', '/', info).statusCode).toBe(404);
});

test('the HTTP server serves the routes', async () => {
  const server = createService(info).listen(0);
  await new Promise(resolve => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', version: 'abc123' });
  } finally {
    server.close();
  }
});
