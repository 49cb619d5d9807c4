import { defaultClients, HookEvent, runHook } from './smoke-test';

/** PreTraffic: the new version answers GET /health before it gets any traffic. */
export async function handler(event: HookEvent): Promise<void> {
  await runHook(event, process.env.TARGET_FUNCTION!, defaultClients());
}
