import {
  CodeDeployClient,
  LifecycleEventStatus,
  PutLifecycleEventHookExecutionStatusCommand,
} from '@aws-sdk/client-codedeploy';

/** What CodeDeploy sends a lifecycle hook of an ECS deployment. */
export interface HookEvent {
  DeploymentId: string;
  LifecycleEventHookExecutionId: string;
}

type Fetch = (url: string, init?: { signal?: AbortSignal }) => Promise<{ status: number; json(): Promise<unknown> }>;

/**
 * GET /health on the test listener, where only the new (green) tasks answer
 * before production traffic moves. Returns why it failed, or undefined.
 */
export async function checkTestListener(testUrl: string, fetchFn: Fetch = fetch): Promise<string | undefined> {
  const url = new URL('health', testUrl).toString();
  try {
    const response = await fetchFn(url, { signal: AbortSignal.timeout(10_000) });
    if (response.status !== 200) return `GET ${url} answered ${response.status}, expected 200`;
    const body = (await response.json()) as { status?: unknown };
    if (body.status !== 'ok') return `GET ${url} reported status ${JSON.stringify(body.status)}`;
    return undefined;
  } catch (error) {
    return `GET ${url} failed: ${String(error)}`;
  }
}

export async function runHook(
  event: HookEvent,
  testUrl: string,
  codedeploy: Pick<CodeDeployClient, 'send'>,
  fetchFn?: Fetch,
): Promise<LifecycleEventStatus> {
  const failure = await checkTestListener(testUrl, fetchFn);
  const status = failure ? LifecycleEventStatus.FAILED : LifecycleEventStatus.SUCCEEDED;
  console.log(JSON.stringify({ deploymentId: event.DeploymentId, testUrl, status, failure }));
  await codedeploy.send(
    new PutLifecycleEventHookExecutionStatusCommand({
      deploymentId: event.DeploymentId,
      lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
      status,
    }),
  );
  return status;
}

/** AfterAllowTestTraffic: named in appspec.yaml; a Failed report rolls the deployment back. */
export async function handler(event: HookEvent): Promise<void> {
  await runHook(event, process.env.TEST_URL!, new CodeDeployClient({}));
}
