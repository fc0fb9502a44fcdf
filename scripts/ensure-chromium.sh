#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests (playwright-core drives it;
# no browser is ever downloaded). Exit 0 when /usr/bin/chromium is ready. Where it cannot be
# installed (no root, no apt): in CI that is a failure (exit 1); elsewhere exit 3 with one loud
# line saying what to install, and the caller skips the browser suite.
set -u
source "$(dirname "$0")/apt-wait.sh"
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "browser tests: installing Debian's chromium (apt-get)..." >&2
  : >/tmp/trial-apt-chromium.log
  # Waits for a package lock another process holds, instead of failing on it.
  if apt_get_waiting /tmp/trial-apt-chromium.log update -qq &&
    DEBIAN_FRONTEND=noninteractive apt_get_waiting /tmp/trial-apt-chromium.log install -y -qq chromium; then
    exit 0
  fi
  echo "browser tests: apt-get install chromium failed; see /tmp/trial-apt-chromium.log" >&2
fi
if [ "${CI:-}" = "true" ]; then
  echo "browser tests: Chromium is missing and could not be installed (needs root and Debian's apt: apt-get install chromium)" >&2
  exit 1
fi
echo "######## browser tests SKIPPED: install Debian's chromium (sudo apt-get install chromium) to run them ########" >&2
exit 3
