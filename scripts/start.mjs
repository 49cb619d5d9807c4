#!/usr/bin/env node
// `npm start`: the local AWS emulator, the Backstage backend and the app, on
// embedded defaults. Prints the URL once everything answers; Ctrl-C stops all.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const emulatorPort = process.env.LIFTOFF_EMULATOR_PORT ?? '4599';
const appUrl = 'http://localhost:3000';
const checks = [
  ['AWS emulator', `http://127.0.0.1:${emulatorPort}/__emulator/health`],
  ['backend', 'http://localhost:7007/api/aws-cicd/health'],
  ['app', appUrl],
];

const children = [];
function run(name, command, args) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: 'inherit',
    detached: true, // its own process group, so stopping it stops its children
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' },
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping Liftoff.`);
      stop(code || 1);
    }
  });
  children.push(child);
}

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const force = setTimeout(() => {
    for (const child of children) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    process.exit(code);
  }, 5000);
  force.unref();
  Promise.all(
    children.map(c =>
      c.exitCode !== null || c.signalCode !== null
        ? undefined
        : new Promise(resolve => c.once('exit', resolve)),
    ),
  ).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitFor(name, url, deadline) {
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline)
      throw new Error(`${name} did not answer at ${url}`);
    await new Promise(r => setTimeout(r, 500));
  }
}

run('AWS emulator', process.execPath, [
  'packages/aws-emulator/bin/liftoff-aws-emulator.js',
  '--port',
  emulatorPort,
  // Simulated time runs at wall-clock speed, so the page's countdowns (which
  // the backend computes from its own clock) match what the emulator does.
  '--speed',
  process.env.LIFTOFF_EMULATOR_SPEED ?? '1',
]);
run('Backstage', 'npx', ['backstage-cli', 'repo', 'start']);

const deadline = Date.now() + 180_000;
try {
  for (const [name, url] of checks) await waitFor(name, url, deadline);
  console.log(`\n  Liftoff is up: ${appUrl}  (Ctrl-C stops everything)\n`);
} catch (e) {
  console.error(String(e));
  stop(1);
}
