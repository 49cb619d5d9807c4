import { PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { runHook } from '../src/hooks/after-allow-test-traffic';

const event = { DeploymentId: 'd-123', LifecycleEventHookExecutionId: 'hook-1' };

function codedeploy() {
  const reports: PutLifecycleEventHookExecutionStatusCommand[] = [];
  return {
    reports,
    client: {
      send: async (command: PutLifecycleEventHookExecutionStatusCommand) => {
        reports.push(command);
        return {};
      },
    } as never,
  };
}

beforeEach(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));

test('reports Succeeded when the test listener answers ok', async () => {
  const cd = codedeploy();
  const urls: string[] = [];
  const status = await runHook(event, 'http://alb:9000/', cd.client, async url => {
    urls.push(url);
    return { status: 200, json: async () => ({ status: 'ok' }) };
  });
  expect(status).toBe('Succeeded');
  expect(urls).toEqual(['http://alb:9000/health']);
  expect(cd.reports[0].input).toEqual({ deploymentId: 'd-123', lifecycleEventHookExecutionId: 'hook-1', status: 'Succeeded' });
});

test('reports Failed on a 503, so CodeDeploy rolls back', async () => {
  const cd = codedeploy();
  const status = await runHook(event, 'http://alb:9000/', cd.client, async () => ({ status: 503, json: async () => ({}) }));
  expect(status).toBe('Failed');
  expect(cd.reports[0].input.status).toBe('Failed');
});

test('reports Failed when the listener cannot be reached', async () => {
  const cd = codedeploy();
  const status = await runHook(event, 'http://alb:9000/', cd.client, async () => {
    throw new Error('ECONNREFUSED');
  });
  expect(status).toBe('Failed');
});
