#!/usr/bin/env node
/* eslint-disable */
// Runs the TypeScript CLI through tsx, so the emulator needs no build step.
require('tsx/cjs');
const { main } = require('../src/cli.ts');

main(process.argv.slice(2)).catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.stack || error.message : String(error)}\n`,
  );
  process.exit(1);
});
