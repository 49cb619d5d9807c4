import { defaultClients, HookEvent, runHook } from './smoke-test';

/** PostTraffic: the live alias, now all on the new version, answers GET /health. */
export async function handler(event: HookEvent): Promise<void> {
  await runHook(event, process.env.TARGET_FUNCTION!, defaultClients());
}
