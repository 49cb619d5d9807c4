#!/usr/bin/env node
// The machine packages the tests need, checked first by `npm test`. On a
// Debian machine where we are root, missing ones are installed with apt-get;
// otherwise this stops at once, naming each missing package and the command
// that installs it.
//
//   node scripts/test-prerequisites.mjs           check, install what is missing
//   node scripts/test-prerequisites.mjs --check   check only, never install
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/** Debian package, what uses it, and how to tell it is there. */
const PACKAGES = [
  {
    name: 'postgresql-15',
    why: 'PostgreSQL 15 server binaries (packages/backend database test)',
    present: () => executable('/usr/lib/postgresql/15/bin/initdb'),
  },
  {
    name: 'redis-server',
    why: "Redis (the aws-cicd backend's shared-cache test)",
    present: () => runs('redis-server', ['--version']),
  },
  {
    name: 'chromium',
    why: 'Chromium at /usr/bin/chromium (browser tests of the demo)',
    present: () => executable('/usr/bin/chromium'),
  },
  {
    name: 'awscli',
    why: 'the AWS CLI `aws` (second wire-format client for the emulator)',
    present: () => runs('aws', ['--version']),
  },
];

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function runs(command, args) {
  const r = spawnSync(command, args, { stdio: 'ignore', timeout: 60_000 });
  return r.status === 0;
}

function missingPackages() {
  return PACKAGES.filter(p => !p.present());
}

function canInstall() {
  return process.getuid?.() === 0 && runs('apt-get', ['--version']);
}

function installCommand(names) {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  return (
    `${sudo}apt-get update && ${sudo}apt-get install -y ` +
    `--no-install-recommends ${names.join(' ')}`
  );
}

function fail(missing, why) {
  console.error(`The tests need Debian packages that are missing (${why}):`);
  for (const p of missing) console.error(`  ${p.name}: ${p.why}`);
  console.error(
    `Install them with:\n  ${installCommand(missing.map(p => p.name))}`,
  );
  process.exit(1);
}

let missing = missingPackages();
if (missing.length === 0) {
  console.log(
    `Test prerequisites present: ${PACKAGES.map(p => p.name).join(', ')}`,
  );
  process.exit(0);
}
if (process.argv.includes('--check')) fail(missing, 'check only');
if (!canInstall()) fail(missing, 'installing needs root and apt-get');

const names = missing.map(p => p.name);
console.log(`Installing Debian packages: ${names.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', ...names],
    { stdio: 'inherit', env },
  );
} catch {
  fail(missing, 'apt-get failed');
}
missing = missingPackages();
if (missing.length > 0) fail(missing, 'still missing after apt-get install');
console.log(`Installed: ${names.join(', ')}`);
