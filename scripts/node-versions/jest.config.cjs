// Passed by scripts/test-node-versions.sh as `backstage-cli package test
// --config`: the Backstage CLI's own jest config for the package in the working
// directory, plus, when LIFTOFF_BETTER_SQLITE3_PACKAGE names a better-sqlite3
// outside node_modules (the one built for Node 24), a moduleNameMapper entry
// that makes `require('better-sqlite3')` (knex's driver load) resolve there.
// jest resolves modules itself, without Node's Module._resolveFilename, so the
// --require preload's redirect does not reach code under jest; this does.
// Without the variable the config is the CLI's, unchanged.
const path = require('node:path');

const betterSqlite3 = process.env.LIFTOFF_BETTER_SQLITE3_PACKAGE;

module.exports = (async () => {
  const config = await require('@backstage/cli/config/jest');
  if (!betterSqlite3) {
    return config;
  }
  return {
    ...config,
    moduleNameMapper: {
      ...config.moduleNameMapper,
      '^better-sqlite3$': path.join(betterSqlite3, 'lib', 'index.js'),
    },
  };
})();
