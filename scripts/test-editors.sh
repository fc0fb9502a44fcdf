#!/usr/bin/env bash
# The suites in real editors (docs/testing.md):
#   1. the extension-host suite in the VS Code server (test/vscode/run-server.ts),
#   2. the UI tests of the workbench in Chromium (test/ui/),
#   3. the language server in Neovim's LSP client (test/neovim/).
# Installs what they need first (scripts/install-editor-tools.sh; a second run reuses .tools/).
# In CI (CI=true) nothing is skipped. Elsewhere, a machine that cannot install the tools gets one
# loud line and the suites are skipped (exit 0). Every suite runs; the exit is 1 if any failed.
set -u
cd "$(dirname "$0")/.."

bash scripts/install-editor-tools.sh
status=$?
if [ "$status" = "3" ]; then exit 0; fi
if [ "$status" != "0" ]; then exit 1; fi

# The bundles the editors load, current with the sources (esbuild, under a second).
npm run --silent bundle >/dev/null || exit 1

failed=()
run_suite() {
  local name=$1
  shift
  local start=$SECONDS
  echo "==== $name" >&2
  if "$@"; then
    echo "==== $name: passed in $((SECONDS - start)) s" >&2
  else
    echo "==== $name: FAILED in $((SECONDS - start)) s" >&2
    failed+=("$name")
  fi
}

run_suite "extension host (VS Code server)" node_modules/.bin/tsx test/vscode/run-server.ts
run_suite "workbench UI (VS Code server + Chromium)" node_modules/.bin/mocha --no-config --require tsx/cjs --timeout 120000 'test/ui/**/*.test.ts'
run_suite "Neovim LSP client" node_modules/.bin/mocha --no-config --require tsx/cjs --timeout 60000 'test/neovim/**/*.test.ts'

if [ "${#failed[@]}" -gt 0 ]; then
  echo "editor tests failed: ${failed[*]}" >&2
  exit 1
fi
