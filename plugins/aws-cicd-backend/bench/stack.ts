/*
 * The processes under test: the AWS emulator and the demo's backend, each a
 * process of its own on a free loopback port, plus what /proc says about them.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';

export const REPO = resolve(__dirname, '../../..');
const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ

/** A port that was free a moment ago (loopback). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Polls `probe` every 250 ms until it answers true; throws after `ms`. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  ms: number,
): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(`${what}: not ready in ${ms} ms`);
    await new Promise(r => setTimeout(r, 250));
  }
}

/** CPU time (user + system, ms) and memory of a process, from /proc. */
export function procStats(pid: number): {
  cpuMs: number;
  rssMiB: number;
  peakRssMiB: number;
} {
  // Fields after the command name, which is in parentheses and may hold spaces.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return {
    cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND,
    rssMiB: kb('VmRSS') / 1024,
    peakRssMiB: kb('VmHWM') / 1024,
  };
}

export interface Child {
  process: ChildProcess;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

function start(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Child {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>(done => child.once('exit', () => done()));
  return {
    process: child,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** The emulator's CLI on a free port, manual clock (the state does not move during the run). */
export async function startEmulator(
  scenario: string,
): Promise<Child & { url: string }> {
  const port = await freePort();
  const child = start(
    process.execPath,
    [
      join(REPO, 'packages/aws-emulator/bin/liftoff-aws-emulator.js'),
      '--port',
      String(port),
      '--scenario',
      scenario,
      '--manual',
    ],
    { cwd: REPO, env: process.env },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(
    'AWS emulator',
    async () => (await fetch(`${url}/__emulator/health`)).ok,
    120_000,
  ).catch(e => {
    throw new Error(`${e.message}\n${child.output()}`);
  });
  return { ...child, url };
}

/**
 * The demo backend (packages/backend: the same features as `npm start`) on a
 * free port, its SQLite files in `dir`, catalog = the repo's locations plus
 * `entities`. NODE_ENV=production, so the guest provider is allowed
 * explicitly. `preload` modules run in the backend before it starts.
 */
export async function startBackend(options: {
  dir: string;
  awsUrl: string;
  entities: string;
  preload?: string[];
  env?: NodeJS.ProcessEnv;
}): Promise<Child & { url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = join(options.dir, 'app-config.bench.yaml');
  writeFileSync(
    config,
    stringify({
      backend: {
        baseUrl: url,
        listen: { port, host: '127.0.0.1' },
        database: {
          client: 'better-sqlite3',
          connection: { directory: join(options.dir, 'sqlite') },
        },
      },
      awsCicd: { endpoint: options.awsUrl },
      auth: {
        providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
      },
      catalog: {
        // Ingestion happens at once for new entities; a long interval keeps
        // re-processing out of the per-view CPU figures.
        processingInterval: { minutes: 30 },
        locations: [
          { type: 'file', target: join(REPO, 'catalog-info.yaml') },
          { type: 'file', target: options.entities },
        ],
      },
    }),
  );
  const args = ['--import', 'tsx'];
  for (const p of options.preload ?? []) args.push('--import', p);
  args.push(
    'src/index.ts',
    '--config',
    join(REPO, 'app-config.yaml'),
    '--config',
    config,
  );
  const child = start(process.execPath, args, {
    cwd: join(REPO, 'packages/backend'),
    env: { ...process.env, NODE_ENV: 'production', ...options.env },
  });
  await waitUntil(
    'backend',
    async () => (await fetch(`${url}/api/aws-cicd/health`)).ok,
    180_000,
  ).catch(e => {
    throw new Error(`${e.message}\n${child.output()}`);
  });
  return { ...child, url };
}
