import {
  AwsEmulator,
  demoScenarioPath,
  startEmulator,
} from '@liftoff/aws-emulator';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';

// A test package that is never built: its source location is the repo's.
// eslint-disable-next-line no-restricted-syntax
export const repoRoot = resolve(__dirname, '../../..');
const cli = join(repoRoot, 'node_modules/.bin/backstage-cli');

/** The demo stack on loopback ports: emulator (manual clock), backend serving the built app. */
export interface Stack {
  url: string;
  emulator: AwsEmulator;
  /** A token for direct API calls, as the guest user would have. */
  guestToken(): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => res(port));
    });
  });
}

/** Builds packages/app once per run (the app the backend serves). */
export function buildApp() {
  execFileSync(cli, ['package', 'build'], {
    cwd: join(repoRoot, 'packages/app'),
    stdio: 'pipe',
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' },
  });
  if (!existsSync(join(repoRoot, 'packages/app/dist/index.html'))) {
    throw new Error('packages/app did not build');
  }
}

async function waitFor(
  url: string,
  deadlineMs: number,
  child: ChildProcess,
  log: () => string,
) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`backend exited with ${child.exitCode}:\n${log()}`);
    }
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`backend did not answer ${url}:\n${log()}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

export async function startStack(): Promise<Stack> {
  const emulator = await startEmulator({
    scenario: demoScenarioPath,
    clock: { mode: 'manual' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'liftoff-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const configFile = join(dir, 'app-config.e2e.yaml');
  writeFileSync(
    configFile,
    stringify({
      app: { baseUrl: url },
      backend: {
        baseUrl: url,
        listen: { port, host: '127.0.0.1' },
        cors: { origin: url },
        database: {
          client: 'better-sqlite3',
          connection: { directory: join(dir, 'sqlite') },
        },
      },
      awsCicd: {
        endpoint: emulator.url,
        localGit: { directory: join(dir, 'git') },
      },
      catalog: {
        locations: [
          { type: 'file', target: join(repoRoot, 'catalog-info.yaml') },
          { type: 'file', target: join(dir, 'git/*/catalog-info.yaml') },
        ],
      },
    }),
  );
  let output = '';
  const backend = spawn(
    cli,
    [
      'package',
      'start',
      '--config',
      join(repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: join(repoRoot, 'packages/backend'),
      env: { ...process.env, NODE_ENV: 'development', FORCE_COLOR: '0' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20000);
  };
  backend.stdout!.on('data', keep);
  backend.stderr!.on('data', keep);

  const stop = async () => {
    if (backend.exitCode === null) {
      const exited = new Promise(r => backend.once('exit', r));
      try {
        process.kill(-backend.pid!, 'SIGTERM');
      } catch {
        // gone
      }
      await exited;
    }
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitFor(`${url}/api/aws-cicd/health`, 120_000, backend, () => output);
    const guestToken = async () => {
      const res = await fetch(`${url}/api/auth/guest/refresh`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      const body = (await res.json()) as {
        backstageIdentity: { token: string };
      };
      return body.backstageIdentity.token;
    };
    // Ready when the catalog has ingested the demo services.
    const deadline = Date.now() + 90_000;
    const token = await guestToken();
    for (;;) {
      const res = await fetch(
        `${url}/api/catalog/entities/by-name/component/default/payments-api`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      if (res.ok) break;
      if (Date.now() > deadline)
        throw new Error(`catalog did not ingest the demo:\n${output}`);
      await new Promise(r => setTimeout(r, 250));
    }
    return { url, emulator, guestToken, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
