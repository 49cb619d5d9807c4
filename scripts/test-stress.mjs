#!/usr/bin/env node
// `npm run test:stress`: runs the tests several times in a row while another
// process keeps every core busy, to show they depend on neither the machine's
// load nor the wall clock. Prints pass/fail and the wall time of each run;
// exits non-zero if any run failed.
//
//   npm run test:stress                        every jest suite (npm run test:all), 3 runs
//   npm run test:stress -- --runs 2 -- <cmd>   any other command, e.g.
//   npm run test:stress -- -- npx backstage-cli package test --cwd ...
//
// The default is the jest suites part of `npm test`: lint and tsc do not wait
// for anything, so load cannot make them flaky.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const dash = argv.indexOf('--');
  const own = dash === -1 ? argv : argv.slice(0, dash);
  const command =
    dash === -1 ? ['npm', 'run', 'test:all'] : argv.slice(dash + 1);
  const options = { runs: 3, burners: availableParallelism(), command };
  for (let i = 0; i < own.length; i += 2) {
    const [flag, value] = [own[i], Number(own[i + 1])];
    if (!['--runs', '--burners'].includes(flag) || !(value >= 1)) {
      throw new Error(
        `usage: test-stress.mjs [--runs N] [--burners N] [-- command...] (got ${own.join(' ')})`,
      );
    }
    options[flag.slice(2)] = value;
  }
  if (command.length === 0) throw new Error('no command after --');
  return options;
}

// The burner: its own process with one spinning worker thread per core. It
// stops by itself after `maxSeconds` or when this script goes away (its stdin
// closes), so it can never outlive the stress run.
const BURNER = `
const { Worker } = require('node:worker_threads');
const [threads, maxSeconds] = process.argv.slice(1).map(Number);
const spin = 'const end = Date.now() + ' + maxSeconds * 1000 + '; let x = 0;' +
  'while (Date.now() < end) { for (let i = 0; i < 1e6; i++) x += Math.sqrt(i); }';
for (let i = 0; i < threads; i++) new Worker(spin, { eval: true });
process.stdin.on('end', () => process.exit(0)).resume();
setTimeout(() => process.exit(0), maxSeconds * 1000).unref();
`;

function startBurner(threads, maxSeconds) {
  const burner = spawn(
    process.execPath,
    ['-e', BURNER, String(threads), String(maxSeconds)],
    { stdio: ['pipe', 'inherit', 'inherit'] },
  );
  return {
    pid: burner.pid,
    stop: () =>
      new Promise(resolve => {
        if (burner.exitCode !== null || burner.signalCode !== null) {
          resolve();
          return;
        }
        burner.once('exit', () => resolve());
        burner.kill('SIGTERM');
      }),
  };
}

let current; // the run in progress, stopped with its process group on Ctrl-C
let interrupted = false;

function run(command) {
  return new Promise(resolve => {
    const child = spawn(command[0], command.slice(1), {
      cwd: root,
      stdio: 'inherit',
      detached: true, // its own process group: jest workers stop with it
      env: { ...process.env, CI: 'true' },
    });
    current = child;
    child.on('exit', (code, signal) => {
      current = undefined;
      resolve(code === 0 && !signal);
    });
    child.on('error', error => {
      console.error(`Could not start ${command[0]}: ${error.message}`);
      resolve(false);
    });
  });
}

const options = parseArgs(process.argv.slice(2));
// Long enough for three full runs (~20 min each on 2 cores), but bounded.
const burner = startBurner(options.burners, 4 * 3600);
const stopBurner = async () => {
  await burner.stop();
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = true;
    if (current?.pid) {
      try {
        process.kill(-current.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    stopBurner().then(() => process.exit(130));
  });
}

console.log(
  `test:stress: ${options.runs} runs of \`${options.command.join(' ')}\` ` +
    `with ${options.burners} spinning threads in process ${burner.pid}`,
);
const results = [];
const started = Date.now();
for (let i = 1; i <= options.runs && !interrupted; i++) {
  const runStarted = Date.now();
  const passed = await run(options.command);
  const seconds = Math.round((Date.now() - runStarted) / 1000);
  results.push({ passed, seconds });
  console.log(
    `test:stress: run ${i}/${options.runs} ${passed ? 'passed' : 'FAILED'} in ${seconds} s`,
  );
}
await stopBurner();

const passedRuns = results.filter(r => r.passed).length;
console.log('\ntest:stress summary (every core busy):');
results.forEach((r, i) =>
  console.log(
    `  run ${i + 1}: ${r.passed ? 'passed' : 'FAILED'}, ${r.seconds} s`,
  ),
);
console.log(
  `  ${passedRuns}/${options.runs} passed, ` +
    `${Math.round((Date.now() - started) / 1000)} s in all`,
);
process.exit(passedRuns === options.runs ? 0 : 1);
