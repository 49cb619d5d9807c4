import { IncomingMessage, ServerResponse } from 'node:http';
import { MemoryCallLog } from '../callLog';
import { SimClock } from '../clock';
import { checkFaultConfig, FaultInjector } from '../faults';
import { Simulation, SimulationError } from '../sim/simulation';

export interface AdminDeps {
  clock: SimClock;
  faults: FaultInjector;
  calls: MemoryCallLog;
  sim: Simulation;
  url(): string;
}

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parse(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  try {
    const v = JSON.parse(body);
    if (v && typeof v === 'object' && !Array.isArray(v))
      return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new AdminError(400, 'Body must be a JSON object');
}

function text(v: unknown, name: string, required = true): string | undefined {
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v === '')
    throw new AdminError(400, `${name} must be a non-empty string`);
  return v;
}

/**
 * `/__emulator/*`: JSON routes for the CLI, scripts and end-to-end tests (the programmatic API does the same in
 * process). Times in these answers are ISO strings; this is not an AWS protocol.
 */
export function createAdminRoutes(deps: AdminDeps) {
  const routes: Record<
    string,
    (body: Record<string, unknown>) => unknown | Promise<unknown>
  > = {
    'GET /__emulator/health': () => ({
      status: 'ok',
      url: deps.url(),
      now: deps.clock.now().toISOString(),
      clock: { mode: deps.clock.mode, speed: deps.clock.speed },
    }),
    'GET /__emulator/calls': () => ({
      counts: deps.calls.counts(),
      calls: deps.calls.log(),
    }),
    'POST /__emulator/reset-calls': () => {
      deps.calls.reset();
      return {};
    },
    'GET /__emulator/faults': () => deps.faults.get(),
    'POST /__emulator/faults': body => {
      try {
        deps.faults.set(checkFaultConfig(body));
      } catch (e) {
        throw new AdminError(400, (e as Error).message);
      }
      return deps.faults.get();
    },
    'GET /__emulator/clock': () => ({
      now: deps.clock.now().toISOString(),
      mode: deps.clock.mode,
      speed: deps.clock.speed,
    }),
    'POST /__emulator/clock/advance': async body => {
      const seconds = body.seconds;
      if (typeof seconds !== 'number' || !(seconds >= 0))
        throw new AdminError(400, 'seconds must be a number >= 0');
      await deps.clock.advance(seconds);
      return { now: deps.clock.now().toISOString() };
    },
    'POST /__emulator/commit': body => ({
      pipelineExecutionId: deps.sim.pushCommit(
        text(body.pipeline, 'pipeline')!,
        {
          revisionId: text(body.revisionId, 'revisionId', false),
          summary: text(body.summary, 'summary', false),
          author: text(body.author, 'author', false),
        },
      ),
    }),
    'POST /__emulator/alarm': body => {
      const state = body.state;
      if (
        state !== 'OK' &&
        state !== 'ALARM' &&
        state !== 'INSUFFICIENT_DATA'
      ) {
        throw new AdminError(
          400,
          'state must be OK, ALARM or INSUFFICIENT_DATA',
        );
      }
      deps.sim.setAlarmState(
        text(body.name, 'name')!,
        state,
        text(body.reason, 'reason', false),
      );
      return {};
    },
  };

  return async (
    req: IncomingMessage,
    res: ServerResponse,
    body: string,
  ): Promise<boolean> => {
    const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
    const route = routes[`${req.method} ${path}`];
    let status = 200;
    let payload: unknown;
    try {
      if (!route)
        throw new AdminError(404, `No admin route ${req.method} ${path}`);
      payload = await route(parse(body));
    } catch (e) {
      status = 500;
      if (e instanceof AdminError) status = e.status;
      else if (e instanceof SimulationError) status = 404;
      payload = { error: (e as Error).message };
    }
    const out = Buffer.from(JSON.stringify(payload ?? {}));
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': String(out.length),
    });
    res.end(out);
    return true;
  };
}
