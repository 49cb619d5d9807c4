import { route } from '../src/api/routes';

const info = { serviceName: 'svc', stage: 'test', version: '7' };

test('GET /health answers ok with the version', () => {
  expect(route('GET', '/health', info)).toEqual({ statusCode: 200, body: { status: 'ok', version: '7' } });
});

test('GET / says hello', () => {
  expect(route('GET', '/', info)).toMatchObject({ statusCode: 200, body: { service: 'svc', stage: 'test' } });
});

test('anything else is a 404', () => {
  expect(route('POST', '/health', info).statusCode).toBe(404);
  expect(route('GET', '/nope', info).statusCode).toBe(404);
});
