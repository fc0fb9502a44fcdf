#!/usr/bin/env bash
# `npm run studio`: installs the editor tools when needed (scripts/install-editor-tools.sh), bundles
# the extension, and starts VS Code in the browser with the extension and samples/ open
# (test/vscode/studio.ts). Prints the URL; Ctrl-C stops it.
set -u
cd "$(dirname "$0")/.."
bash scripts/install-editor-tools.sh
status=$?
if [ "$status" = "3" ]; then
  echo "studio: needs the editor tools; install what the line above says, then rerun" >&2
  exit 1
fi
if [ "$status" != "0" ]; then exit 1; fi
npm run --silent bundle >/dev/null || exit 1
exec node_modules/.bin/tsx test/vscode/studio.ts "$@"
