#!/usr/bin/env bash
# The browser suite: Debian's Chromium driven by playwright-core. Installs Chromium when it can
# (scripts/ensure-chromium.sh); outside CI, a machine that cannot gets one loud line and a skip.
set -u
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
status=$?
if [ "$status" = "3" ]; then exit 0; fi
if [ "$status" != "0" ]; then exit 1; fi
exec npx mocha --no-config --require tsx/cjs --timeout 60000 'test/browser/**/*.test.ts'
