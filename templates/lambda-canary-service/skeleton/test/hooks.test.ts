import { PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { runHook } from '../src/hooks/smoke-test';

const event = { DeploymentId: 'd-123', LifecycleEventHookExecutionId: 'hook-1' };

function clients(payload: unknown, functionError?: string) {
  const lambdaCalls: InvokeCommand[] = [];
  const reports: PutLifecycleEventHookExecutionStatusCommand[] = [];
  return {
    lambdaCalls,
    reports,
    clients: {
      lambda: {
        send: async (command: InvokeCommand) => {
          lambdaCalls.push(command);
          return { FunctionError: functionError, Payload: new TextEncoder().encode(JSON.stringify(payload)) };
        },
      },
      codedeploy: {
        send: async (command: PutLifecycleEventHookExecutionStatusCommand) => {
          reports.push(command);
          return {};
        },
      },
    } as never,
  };
}

beforeEach(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));

test('reports Succeeded when GET /health answers ok', async () => {
  const c = clients({ statusCode: 200, body: JSON.stringify({ status: 'ok' }) });
  await expect(runHook(event, 'arn:fn:2', c.clients)).resolves.toBe('Succeeded');
  expect(c.lambdaCalls[0].input.FunctionName).toBe('arn:fn:2');
  expect(c.reports[0].input).toEqual({
    deploymentId: 'd-123',
    lifecycleEventHookExecutionId: 'hook-1',
    status: 'Succeeded',
  });
});

test('reports Failed on a 500, so CodeDeploy rolls back', async () => {
  const c = clients({ statusCode: 500, body: '{}' });
  await expect(runHook(event, 'arn:fn:2', c.clients)).resolves.toBe('Failed');
  expect(c.reports[0].input.status).toBe('Failed');
});

test('reports Failed when the function throws', async () => {
  const c = clients({ errorMessage: 'boom' }, 'Unhandled');
  await expect(runHook(event, 'arn:fn:2', c.clients)).resolves.toBe('Failed');
});
