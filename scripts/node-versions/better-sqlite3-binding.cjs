// Preloaded (NODE_OPTIONS=--require) by scripts/test-node-versions.sh, for
// plain Node processes (jest's own resolver is redirected by jest.config.cjs
// next to this file). Nothing in node_modules is touched. Either:
// - LIFTOFF_BETTER_SQLITE3_BINDING (Node 22: node_modules' better-sqlite3 12
//   JS): loads its native addon from a build made for this Node's ABI instead
//   of node_modules' own build, which stays the one for the main Node; or
// - LIFTOFF_BETTER_SQLITE3_PACKAGE (Node 24: better-sqlite3 13, JS and addon
//   built together outside node_modules): `require('better-sqlite3')` resolves
//   to that package instead of node_modules' 12.
const Module = require('node:module');
const path = require('node:path');

const binding = process.env.LIFTOFF_BETTER_SQLITE3_BINDING;
const pkg = process.env.LIFTOFF_BETTER_SQLITE3_PACKAGE;
const nodeModulesBuild =
  /[\\/]node_modules[\\/]better-sqlite3[\\/]build[\\/]Release[\\/]better_sqlite3\.node$/;

if (binding || pkg) {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolveFilename(request, ...rest) {
    if (pkg && request === 'better-sqlite3') {
      return path.join(pkg, 'lib', 'index.js');
    }
    const resolved = resolve.call(this, request, ...rest);
    return binding && nodeModulesBuild.test(resolved) ? binding : resolved;
  };
}
