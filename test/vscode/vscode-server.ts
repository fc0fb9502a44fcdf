/**
 * A real VS Code for tests on machines without Electron or internet: the VS Code server bundled
 * in the code-server npm package (installed into .tools/ by scripts/install-editor-tools.sh),
 * started directly so that its smoke-test driver can be enabled, and Debian's Chromium driven by
 * playwright-core. Used by the extension-host runner (run-server.ts), the UI tests (test/ui/)
 * and `npm run studio`. See docs/testing.md.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The repository root (also the extension's folder). */
export const ROOT = path.resolve(__dirname, '..', '..');
/** Where scripts/install-editor-tools.sh puts Node 24 and code-server. */
export const TOOLS = path.join(ROOT, '.tools');
const NODE24 = path.join(TOOLS, 'node24', 'bin', 'node');
const SERVER_MAIN = path.join(TOOLS, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const CHROMIUM = '/usr/bin/chromium';
/** How long the server may take to listen; it is ready in under a second on a quiet machine. */
const SERVER_START_TIMEOUT_MS = 30_000;
const SERVER_STOP_TIMEOUT_MS = 10_000;
const OUTPUT_KEPT_CHARS = 64 * 1024;

/** Fails with one line naming what to run when a tool or the built extension is missing. */
export function checkPrerequisites(): void {
  for (const [file, remedy] of [
    [NODE24, 'bash scripts/install-editor-tools.sh'],
    [SERVER_MAIN, 'bash scripts/install-editor-tools.sh'],
    [CHROMIUM, 'bash scripts/install-editor-tools.sh (or apt-get install chromium)'],
    [path.join(ROOT, 'dist', 'extension.js'), 'npm run build'],
    [path.join(ROOT, 'dist', 'server.js'), 'npm run build'],
  ]) {
    if (!existsSync(file)) throw new Error(`${path.relative(ROOT, file) || file} is missing: run \`${remedy}\` first`);
  }
}

/** A temporary folder, removed by the returned function. */
export function temporaryFolder(prefix: string): { folder: string; remove: () => void } {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** A workspace folder holding copies of the samples, so tests may edit and save them. */
export function sampleWorkspace(parent: string): string {
  const workspace = path.join(parent, 'workspace');
  mkdirSync(workspace, { recursive: true });
  for (const name of readdirSync(path.join(ROOT, 'samples'))) {
    if (name.endsWith('.trial')) cpSync(path.join(ROOT, 'samples', name), path.join(workspace, name));
  }
  return workspace;
}

/** The extension's identity, as VS Code names an installed extension's folder. */
export function extensionFolderName(): string {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  return `${manifest.publisher}.${manifest.name}-${manifest.version}`;
}

/**
 * Installs the built extension into an extensions folder the way a .vsix would: a folder
 * `<publisher>.<name>-<version>` holding exactly the files .vscodeignore allows (its `!` lines).
 */
export function installExtension(extensionsDir: string): string {
  const target = path.join(extensionsDir, extensionFolderName());
  mkdirSync(target, { recursive: true });
  const allowed = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1));
  for (const pattern of allowed) {
    // A glob copies the folder before its first wildcard; the allow-list names files today.
    const parts = pattern.split('/');
    const wildcard = parts.findIndex((part) => /[*?[]/.test(part));
    const fixed = wildcard < 0 ? parts : parts.slice(0, wildcard);
    const source = path.join(ROOT, ...fixed);
    if (fixed.length === 0 || !existsSync(source)) continue;
    cpSync(source, path.join(target, ...fixed), { recursive: statSync(source).isDirectory() });
  }
  return target;
}

/**
 * User settings for a quiet, offline workbench: no telemetry (a built-in extension's telemetry
 * otherwise fails to resolve its host and surfaces as "An unknown error occurred" in the page),
 * no update or extension-gallery checks, no start-up editor, no chat side bar, no sticky scroll.
 */
const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  // The sticky lines cover the editor's first lines, which the UI tests read from the line numbers.
  'editor.stickyScroll.enabled': false,
};

/** A running VS Code server. */
export interface VsCodeServer {
  readonly port: number;
  readonly pid: number;
  /** The workbench URL opening `folder`, with an optional payload (extension development and tests). */
  url(folder: string, payload?: [string, string][]): string;
  /** A `vscode-remote://` URI for a path on the server's machine, as payloads need. */
  remoteUri(file: string): string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** Resolves when the server process ends, however it ends. */
  readonly exited: Promise<void>;
  /** Stops the server and everything it started (its process group), by its PID. */
  stop(): Promise<void>;
}

/** Starts the bundled VS Code server on a loopback port (by default a free one), with its state in `stateDir`. */
export async function startVsCodeServer(options: { stateDir: string; extensionsDir: string; port?: number }): Promise<VsCodeServer> {
  const dirs = Object.fromEntries(
    ['home', 'config', 'data', 'cache', 'tmp', 'user-data', 'server-data'].map((name) => [name, path.join(options.stateDir, name)]),
  );
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(options.extensionsDir, { recursive: true });
  // code-server keeps the user's settings on the server, in the user data folder.
  mkdirSync(path.join(dirs['user-data'], 'User'), { recursive: true });
  writeFileSync(path.join(dirs['user-data'], 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  const args = [
    SERVER_MAIN,
    '--host',
    '127.0.0.1',
    '--port',
    String(options.port ?? 0),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--disable-telemetry',
    '--disable-workspace-trust',
    // Without it, a closed page leaves an extension host running for hours.
    '--reconnection-grace-time',
    '5',
    '--user-data-dir',
    dirs['user-data'],
    '--server-data-dir',
    dirs['server-data'],
    '--extensions-dir',
    options.extensionsDir,
  ];
  // Its own process group, so that stopping it also stops its extension hosts and language servers.
  const child = spawn(NODE24, args, {
    cwd: options.stateDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      HOME: dirs.home,
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
      XDG_CACHE_HOME: dirs.cache,
      TMPDIR: dirs.tmp,
    },
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the VS Code server did not listen within ${SERVER_START_TIMEOUT_MS / 1000} s; it printed:\n${output}`)),
      SERVER_START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      // The tail is enough for failure messages; a studio runs for hours.
      output = (output + chunk.toString()).slice(-OUTPUT_KEPT_CHARS);
      const match = /Extension host agent listening on (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${NODE24}: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the VS Code server exited (${signal ?? code}) before listening; it printed:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stopProcessGroup(child, exited);
    throw error;
  });
  // The server runs in its own process group, which a Ctrl-C in the terminal does not reach: if
  // this process ends before stop() (a signal, process.exit), the group is killed on the way out.
  const killOnExit = () => killGroupNow(child.pid!);
  process.once('exit', killOnExit);
  const exitOnSignal = (signal: NodeJS.Signals) => {
    killGroupNow(child.pid!);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', exitOnSignal);
  process.once('SIGTERM', exitOnSignal);
  const stop = async () => {
    await stopProcessGroup(child, exited);
    process.removeListener('exit', killOnExit);
    process.removeListener('SIGINT', exitOnSignal);
    process.removeListener('SIGTERM', exitOnSignal);
  };
  const remoteUri = (file: string) => `vscode-remote://127.0.0.1:${port}${file}`;
  return {
    port,
    pid: child.pid!,
    remoteUri,
    url(folder, payload) {
      // Slashes stay readable in the printed URL; everything else is encoded.
      let url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}`;
      if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return url;
    },
    output: () => output,
    exited,
    stop,
  };
}

function killGroupNow(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

async function stopProcessGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals) => killGroupNow(child.pid!, signal);
  if (child.exitCode !== null || child.signalCode !== null) {
    signalGroup('SIGKILL');
    return;
  }
  signalGroup('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), SERVER_STOP_TIMEOUT_MS)));
  if (await Promise.race([exited.then(() => false), timedOut])) signalGroup('SIGKILL');
  clearTimeout(timer);
  // Children of the group (extension hosts, language servers) that outlive the server go too.
  signalGroup('SIGKILL');
}

/** Launches Debian's Chromium headless (never a downloaded browser), with a fresh profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Resolves with `promise`, or rejects with `message` after `ms`: every wait in these suites has a limit. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${message} (after ${ms / 1000} s)`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
