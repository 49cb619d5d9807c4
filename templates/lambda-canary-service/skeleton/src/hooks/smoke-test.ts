import {
  CodeDeployClient,
  LifecycleEventStatus,
  PutLifecycleEventHookExecutionStatusCommand,
} from '@aws-sdk/client-codedeploy';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

/** What CodeDeploy sends a Lambda lifecycle hook. */
export interface HookEvent {
  DeploymentId: string;
  LifecycleEventHookExecutionId: string;
}

export interface SmokeTestClients {
  lambda: Pick<LambdaClient, 'send'>;
  codedeploy: Pick<CodeDeployClient, 'send'>;
}

/**
 * Calls GET /health on `target` (a version or alias ARN) the way API Gateway
 * would, and returns why it failed, or undefined when it passed.
 */
export async function checkHealth(lambda: SmokeTestClients['lambda'], target: string): Promise<string | undefined> {
  const event = { httpMethod: 'GET', path: '/health', headers: {}, queryStringParameters: null, body: null };
  const result = await lambda.send(
    new InvokeCommand({ FunctionName: target, Payload: new TextEncoder().encode(JSON.stringify(event)) }),
  );
  if (result.FunctionError) {
    return `${target} failed: ${result.FunctionError}`;
  }
  const payload = JSON.parse(new TextDecoder().decode(result.Payload ?? new Uint8Array()) || '{}');
  if (payload.statusCode !== 200) {
    return `GET /health on ${target} answered ${payload.statusCode}, expected 200`;
  }
  const body = JSON.parse(payload.body ?? '{}');
  if (body.status !== 'ok') {
    return `GET /health on ${target} reported status ${JSON.stringify(body.status)}`;
  }
  return undefined;
}

/**
 * Runs the smoke test and reports the result to CodeDeploy: Succeeded lets
 * the deployment go on, Failed rolls it back.
 */
export async function runHook(event: HookEvent, target: string, clients: SmokeTestClients): Promise<LifecycleEventStatus> {
  let failure: string | undefined;
  try {
    failure = await checkHealth(clients.lambda, target);
  } catch (error) {
    failure = `could not call ${target}: ${String(error)}`;
  }
  const status = failure ? LifecycleEventStatus.FAILED : LifecycleEventStatus.SUCCEEDED;
  console.log(JSON.stringify({ deploymentId: event.DeploymentId, target, status, failure }));
  await clients.codedeploy.send(
    new PutLifecycleEventHookExecutionStatusCommand({
      deploymentId: event.DeploymentId,
      lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
      status,
    }),
  );
  return status;
}

export function defaultClients(): SmokeTestClients {
  return { lambda: new LambdaClient({}), codedeploy: new CodeDeployClient({}) };
}
