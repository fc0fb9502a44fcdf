/**
 * The scripts that install Debian packages wait for a package lock another process holds instead
 * of failing on it (scripts/apt-wait.sh, used by ensure-chromium.sh and install-editor-tools.sh).
 * The machine's own apt locks are never touched: the tests give the helper a stand-in for apt-get
 * that fails as apt-get does ("Could not get lock …") while the test holds a lock of its own, in
 * a temporary folder. Every wait is on an event: a line the helper prints, a process exiting.
 */

import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from './util';

/** Resolves when `child` prints a line on `stream` that matches, or rejects after `ms`. */
function printed(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp, ms = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${ms} ms; got ${JSON.stringify(text)}`)), ms);
    child[stream]!.setEncoding('utf8');
    child[stream]!.on('data', (chunk: string) => {
      text += chunk;
      if (pattern.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
  });
}

function exited(child: ChildProcess, ms = 30_000): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the process did not exit within ${ms} ms`)), ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('robustness: apt-get waits for a package lock held by another process', function () {
  this.timeout(60_000);
  let dir = '';
  let holder: ChildProcess | undefined;
  let released = false;

  beforeEach(function () {
    for (const tool of ['flock', 'mkfifo']) {
      if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) throw new Error(`${tool} is missing (util-linux, coreutils)`);
    }
    dir = mkdtempSync(path.join(tmpdir(), 'trial-apt-wait-'));
    // The stand-in: records its arguments; fails with apt's words while the test's lock is held.
    writeFileSync(
      path.join(dir, 'apt-get'),
      [
        '#!/usr/bin/env bash',
        `echo "$*" >>"${dir}/calls"`,
        `if [ -e "${dir}/unknown-package" ]; then echo "E: Unable to locate package nosuchpackage"; exit 100; fi`,
        `if ! flock -n "${dir}/lock" true; then echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 1 (apt-get)"; echo "E: Unable to lock directory /var/lib/apt/lists/"; exit 100; fi`,
        'echo "Reading package lists... Done"',
      ].join('\n'),
    );
    chmodSync(path.join(dir, 'apt-get'), 0o755);
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'release')]).status, 0);
  });

  afterEach(async () => {
    // Released, not killed: killing flock would leave its `cat` holding the lock and the pipe that keeps mocha alive.
    if (holder && !released) writeFileSync(path.join(dir, 'release'), 'go\n');
    if (holder) await exited(holder);
    holder = undefined;
    released = false;
    rmSync(dir, { recursive: true, force: true });
  });

  /** Holds the test's lock until `release()`; resolves once it is held. */
  async function holdLock(): Promise<() => void> {
    holder = spawn('flock', [path.join(dir, 'lock'), 'sh', '-c', `echo held; cat "${path.join(dir, 'release')}" >/dev/null`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await printed(holder, 'stdout', /held/);
    return () => {
      released = true;
      writeFileSync(path.join(dir, 'release'), 'go\n');
    };
  }

  function aptGetWaiting(env: Record<string, string>, ...args: string[]): ChildProcess {
    return spawn('bash', ['-c', 'source scripts/apt-wait.sh && apt_get_waiting "$0" "$@"', path.join(dir, 'apt.log'), ...args], {
      cwd: ROOT,
      env: { ...process.env, APT_GET: path.join(dir, 'apt-get'), APT_LOCK_POLL_SECONDS: '0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  const calls = () => readFileSync(path.join(dir, 'calls'), 'utf8').trim().split('\n');

  it('waits while the lock is held, says so once, and runs when it is released', async () => {
    const release = await holdLock();
    const child = aptGetWaiting({ APT_LOCK_TIMEOUT: '60' }, 'update', '-qq');
    const waitingLine = printed(child, 'stderr', /the package lock is free/);
    await printed(child, 'stderr', /another process holds the package lock; waiting for it \(up to 60 s\) before apt-get update -qq/);
    assert.equal(child.exitCode, null, 'still waiting while the lock is held');
    release();
    assert.equal(await exited(child), 0);
    const stderr = await waitingLine;
    assert.equal(stderr.match(/waiting for it/g)?.length, 1, stderr);
    assert.ok(calls().length >= 2, 'tried again after the lock was released');
    assert.match(calls()[0], /^-o DPkg::Lock::Timeout=\d+ update -qq$/, 'apt itself waits for the dpkg lock');
    assert.match(readFileSync(path.join(dir, 'apt.log'), 'utf8'), /Reading package lists\.\.\. Done/);
  });

  it('gives up with one line and apt-get’s status when the lock stays held past the timeout', async () => {
    await holdLock();
    const child = aptGetWaiting({ APT_LOCK_TIMEOUT: '1' }, 'install', '-y', 'chromium');
    const stderr = printed(child, 'stderr', /giving up/);
    assert.equal(await exited(child), 100);
    assert.match(await stderr, /another process still holds the package lock after 1 s; giving up on apt-get install -y chromium/);
  });

  it('returns any other failure at once, without waiting', async () => {
    writeFileSync(path.join(dir, 'unknown-package'), '');
    const child = aptGetWaiting({ APT_LOCK_TIMEOUT: '60' }, 'install', '-y', 'nosuchpackage');
    assert.equal(await exited(child), 100);
    assert.equal(calls().length, 1);
    assert.match(readFileSync(path.join(dir, 'apt.log'), 'utf8'), /Unable to locate package/);
  });
});
