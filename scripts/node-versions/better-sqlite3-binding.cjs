// Preloaded (NODE_OPTIONS=--require) by scripts/test-node-versions.sh: loads
// better-sqlite3's native addon from a build made for this Node's ABI
// (LIFTOFF_BETTER_SQLITE3_BINDING) instead of node_modules' own build, which
// stays the one for the main Node. Nothing in node_modules is touched.
const Module = require('node:module');

const binding = process.env.LIFTOFF_BETTER_SQLITE3_BINDING;
const nodeModulesBuild =
  /[\\/]node_modules[\\/]better-sqlite3[\\/]build[\\/]Release[\\/]better_sqlite3\.node$/;

if (binding) {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolveFilename(request, ...rest) {
    const resolved = resolve.call(this, request, ...rest);
    return nodeModulesBuild.test(resolved) ? binding : resolved;
  };
}
