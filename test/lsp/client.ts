/**
 * A real LSP client over stdio for the language-server tests. It spawns the built server as a
 * separate process, speaks JSON-RPC to it, and turns the server's notifications into promises:
 * tests wait on events (diagnostics published for a version, the process exiting), never on
 * sleep, and every wait has a time limit that fails the test with a message saying what it was
 * waiting for, so a broken server cannot hang mocha.
 */

import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  MessageType,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ServerCapabilities,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = path.resolve(__dirname, '..', '..');

/** How long any single wait may take before the test fails, unless the caller says otherwise. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The command that starts the built server: the bundle behind `bin/trial-language-server.js`
 * when it is built, else the tsc output (`npx tsc -b`). `TRIAL_LSP_SERVER=out` forces the tsc
 * output, to test both builds.
 */
export function serverCommand(): { command: string; args: string[]; description: string } {
  const bin = path.join(ROOT, 'bin', 'trial-language-server.js');
  const bundle = path.join(ROOT, 'dist', 'server.js');
  if (process.env.TRIAL_LSP_SERVER !== 'out' && existsSync(bin) && existsSync(bundle)) {
    return { command: process.execPath, args: [bin, '--stdio'], description: 'bin/trial-language-server.js (dist/server.js)' };
  }
  const out = path.join(ROOT, 'server', 'out', 'server.js');
  assert.ok(existsSync(out), 'no built server: neither dist/server.js nor server/out/server.js exists; run `npx tsc -b` first');
  return { command: process.execPath, args: [out, '--stdio'], description: 'server/out/server.js' };
}

/** Resolves with the promise's value, or rejects with `what` in the message after `ms`. */
export function within<T>(promise: Promise<T>, what: string, ms = DEFAULT_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A text with its cursor, as the `fixture()` helper of the unit tests returns it. */
export interface Fixture {
  readonly text: string;
  readonly cursor?: number;
}

/** The LSP position (0-based line, UTF-16 character) of an offset in a text. */
export function positionAt(text: string, offset: number): Position {
  return TextDocument.create('untitled:x', 'trial', 0, text).positionAt(offset);
}

/** The offset of an LSP position in a text. */
export function offsetAt(text: string, position: Position): number {
  return TextDocument.create('untitled:x', 'trial', 0, text).offsetAt(position);
}

/** The cursor of a fixture as an LSP position; fails when the fixture has no `$0`. */
export function cursorOf(fixture: Fixture): Position {
  assert.ok(fixture.cursor !== undefined, 'the fixture has no $0 cursor');
  return positionAt(fixture.text, fixture.cursor);
}

/**
 * Types `edits` one by one into the open document `uri` (opened at version 1 with `text`); after
 * each, opens a fresh document with the same text and calls `check(fresh, index)` to compare the
 * server's answers for the two.
 */
export async function editsAgainstFresh(
  server: TestServer,
  uri: string,
  text: string,
  edits: readonly { range: { start: Position; end: Position }; text: string }[],
  check: (fresh: string, index: number) => Promise<void>,
): Promise<void> {
  let current = text;
  for (const [i, edit] of edits.entries()) {
    await server.change(uri, i + 2, [edit]);
    current = applyTextEdits(current, [{ range: edit.range, newText: edit.text }]);
    const fresh = freshUri('fresh');
    await server.open(current, fresh);
    await check(fresh, i);
  }
}

/** Applies LSP text edits (or incremental content changes) to a text, as an editor would. */
export function applyTextEdits(text: string, edits: readonly { range: { start: Position; end: Position }; newText: string }[]): string {
  return TextDocument.applyEdits(
    TextDocument.create('untitled:x', 'trial', 0, text),
    edits.map((edit) => ({ range: edit.range, newText: edit.newText })),
  );
}

interface Waiter {
  readonly uri: string;
  readonly version: number | undefined;
  readonly resolve: (params: PublishDiagnosticsParams) => void;
  readonly reject: (error: Error) => void;
}

/** A running server and the client side of its connection. */
export interface TestServer {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly capabilities: ServerCapabilities;
  readonly command: string;
  /** The server's stderr and its window/logMessage lines, for the report of a failed test. */
  log(): string;
  /** The window/logMessage lines of type error logged so far (a handler that failed and was guarded). */
  errors(): string[];
  /** The registrations the server asked for with client/registerCapability, in order. */
  registrations(): readonly { method: string; registerOptions?: unknown }[];
  /** Every publishDiagnostics received for a uri, in order of arrival. */
  published(uri: string): readonly PublishDiagnosticsParams[];
  /**
   * The first diagnostics published for `uri` at `version`: already received (from the `since`-th
   * publication for the uri on), or the next to arrive.
   */
  diagnostics(uri: string, version: number, ms?: number, since?: number): Promise<PublishDiagnosticsParams>;
  /** The next diagnostics published for `uri` after this call, whatever their version (a republication after a settings change). */
  nextDiagnostics(uri: string, ms?: number): Promise<PublishDiagnosticsParams>;
  /** Opens a document (version 1 unless given) and resolves with the first diagnostics for that version published after the open. */
  open(text: string, uri?: string, options?: { version?: number; timeoutMs?: number }): Promise<PublishDiagnosticsParams>;
  /** Sends incremental changes and resolves with the diagnostics published for exactly that version. */
  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[], ms?: number): Promise<PublishDiagnosticsParams>;
  /** Sends changes without waiting for their diagnostics (for edits typed faster than the server checks). */
  sendChange(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): void;
  close(uri: string): void;
  /** Sends a request; resolves with its result, rejects with the server's error. */
  request<R = unknown>(method: string, params: unknown, ms?: number): Promise<R>;
  /** Shuts the server down (shutdown, then exit) and asserts that it exits with code 0. */
  shutdown(): Promise<void>;
}

const LOG_TYPES: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'log', 5: 'debug' };

let counter = 0;

/** A fresh document uri for a test, so tests do not see each other's documents. */
export function freshUri(name = 'doc'): string {
  counter += 1;
  return `file:///lsp-test/${name}-${counter}.trial`;
}

/** What a test may start the server with: workspace folders (none by default), initialization options (none by default), file watching. */
export interface StartOptions {
  readonly workspaceFolders?: { uri: string; name: string }[];
  readonly initializationOptions?: unknown;
  /** Announce that the client watches files for the server when asked (`workspace.didChangeWatchedFiles.dynamicRegistration`). */
  readonly watchesFiles?: boolean;
}

/** Spawns the server, initializes it (with the workspace folders given, none by default) and resolves when it is ready for documents. */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const { command, args, description } = serverCommand();
  const child = spawn(command, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const logLines: string[] = [];
  const errorLines: string[] = [];
  child.on('error', (error) => logLines.push(`[spawn error] ${error.message}`));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => logLines.push(`[stderr] ${chunk.trimEnd()}`));

  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
  });
  let shuttingDown = false;

  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const history = new Map<string, PublishDiagnosticsParams[]>();
  let waiters: Waiter[] = [];

  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    const list = history.get(params.uri) ?? [];
    list.push(params);
    history.set(params.uri, list);
    const ready = waiters.filter((w) => w.uri === params.uri && (w.version === undefined || w.version === params.version));
    waiters = waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve(params);
  });
  connection.onNotification(LogMessageNotification.type, (params) => {
    logLines.push(`[log ${LOG_TYPES[params.type] ?? params.type}] ${params.message}`);
    if (params.type === MessageType.Error) errorLines.push(params.message);
  });
  const registrations: { method: string; registerOptions?: unknown }[] = [];
  connection.onRequest('client/registerCapability', (params: { registrations?: { method: string; registerOptions?: unknown }[] }) => {
    logLines.push('[server request] client/registerCapability');
    registrations.push(...(params.registrations ?? []));
    return null;
  });
  // Requests the server may send to a client (configuration is off, but be a polite client).
  for (const method of [
    'client/unregisterCapability',
    'window/workDoneProgress/create',
    'workspace/semanticTokens/refresh',
    'workspace/inlayHint/refresh',
    'workspace/configuration',
  ]) {
    connection.onRequest(method, () => {
      logLines.push(`[server request] ${method}`);
      return method === 'workspace/configuration' ? [] : null;
    });
  }
  connection.onError(([error]) => logLines.push(`[connection error] ${error.message}`));
  connection.listen();

  // A server that dies fails every pending wait at once, with its stderr, instead of a timeout.
  void exited.then(({ code, signal }) => {
    if (shuttingDown) return;
    const error = new Error(`the server exited unexpectedly (code ${code}, signal ${signal})\n${logLines.join('\n')}`);
    for (const waiter of waiters) waiter.reject(error);
    waiters = [];
  });

  function alive(): void {
    if (exitInfo && !shuttingDown)
      throw new Error(`the server is not running (exited with code ${exitInfo.code}, signal ${exitInfo.signal})\n${logLines.join('\n')}`);
  }

  function diagnostics(uri: string, version: number, ms = DEFAULT_TIMEOUT_MS, since = 0): Promise<PublishDiagnosticsParams> {
    const seen = history
      .get(uri)
      ?.slice(since)
      .find((p) => p.version === version);
    if (seen) return Promise.resolve(seen);
    alive();
    let waiter: Waiter | undefined;
    const promise = new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      waiter = { uri, version, resolve, reject };
      waiters.push(waiter);
    });
    return within(promise, `publishDiagnostics for ${uri} version ${version}`, ms).finally(() => {
      waiters = waiters.filter((w) => w !== waiter);
    });
  }

  function nextDiagnostics(uri: string, ms = DEFAULT_TIMEOUT_MS): Promise<PublishDiagnosticsParams> {
    alive();
    let waiter: Waiter | undefined;
    const promise = new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      waiter = { uri, version: undefined, resolve, reject };
      waiters.push(waiter);
    });
    return within(promise, `the next publishDiagnostics for ${uri}`, ms).finally(() => {
      waiters = waiters.filter((w) => w !== waiter);
    });
  }

  function request<R>(method: string, params: unknown, ms = DEFAULT_TIMEOUT_MS): Promise<R> {
    alive();
    return within(connection.sendRequest(method, params) as Promise<R>, `the answer to ${method}`, ms);
  }

  function sendChange(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): void {
    alive();
    void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  const initialize = connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    clientInfo: { name: 'trial-lsp-tests' },
    rootUri: null,
    workspaceFolders: options.workspaceFolders ?? null,
    initializationOptions: options.initializationOptions,
    capabilities: {
      workspace: {
        configuration: false,
        workspaceFolders: false,
        applyEdit: true,
        workspaceEdit: { documentChanges: false },
        ...(options.watchesFiles ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}),
      },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        rename: { prepareSupport: true },
        codeAction: {
          isPreferredSupport: true,
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'source', 'source.fixAll'] } },
        },
        foldingRange: { lineFoldingOnly: true },
        semanticTokens: {
          requests: { full: true, range: false },
          tokenTypes: ['keyword', 'drug', 'analyte', 'unit', 'number', 'arm', 'intervention', 'string', 'comment', 'operator', 'enumMember', 'property'],
          tokenModifiers: ['declaration', 'readonly'],
          formats: ['relative'],
          overlappingTokenSupport: false,
          multilineTokenSupport: false,
        },
        inlayHint: { dynamicRegistration: false, resolveSupport: { properties: [] } },
      },
    },
  });
  let result: InitializeResult;
  try {
    result = await within(
      Promise.race([
        initialize,
        exited.then(({ code }) => {
          throw new Error(`the server exited during initialize (code ${code})\n${logLines.join('\n')}`);
        }),
      ]),
      `the answer to initialize from ${description}`,
    );
  } catch (error) {
    child.kill();
    connection.dispose();
    throw error;
  }
  void connection.sendNotification(InitializedNotification.type, {});

  return {
    connection,
    process: child,
    capabilities: result.capabilities,
    command: description,
    log: () => logLines.join('\n'),
    errors: () => [...errorLines],
    registrations: () => registrations,
    published: (uri) => history.get(uri) ?? [],
    diagnostics,
    nextDiagnostics,
    open(text, uri = freshUri(), options = {}) {
      const version = options.version ?? 1;
      alive();
      const since = history.get(uri)?.length ?? 0;
      void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'trial', version, text } });
      return diagnostics(uri, version, options.timeoutMs, since);
    },
    change(uri, version, contentChanges, ms) {
      const since = history.get(uri)?.length ?? 0;
      sendChange(uri, version, contentChanges);
      return diagnostics(uri, version, ms, since);
    },
    sendChange,
    close(uri) {
      alive();
      void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    request,
    async shutdown() {
      alive();
      await within(connection.sendRequest(ShutdownRequest.type), 'the answer to shutdown');
      shuttingDown = true;
      await within(connection.sendNotification(ExitNotification.type), 'the exit notification to be sent');
      const { code, signal } = await within(exited, 'the server process to exit after shutdown and exit');
      connection.dispose();
      assert.equal(code, 0, `the server exited with code ${code} (signal ${signal}) after shutdown and exit\n${logLines.join('\n')}`);
    },
  };
}

/**
 * Starts one server for the enclosing `describe` and shuts it down after its tests; when a test
 * fails, prints what the server wrote to stderr and logged. Returns a getter for the server.
 */
export function useServer(options: StartOptions = {}): () => TestServer {
  let server: TestServer | undefined;
  before(async function () {
    server = await startServer(options);
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed' && server) {
      process.stderr.write(`\n--- server log (${server.command}) for the failed test "${this.currentTest.title}" ---\n${server.log() || '(empty)'}\n---\n`);
    }
  });
  after(async function () {
    if (!server) return;
    const running = server;
    server = undefined;
    if (running.process.exitCode !== null || running.process.signalCode !== null) return;
    try {
      await running.shutdown();
    } catch (error) {
      // Never leave a server behind to keep mocha alive.
      running.process.kill();
      throw error;
    }
  });
  return () => {
    assert.ok(server, 'the server did not start');
    return server;
  };
}

/** A spawned server that is not initialized: for the lifecycle and the framing of messages. */
export interface BareServer {
  readonly process: ChildProcess;
  /** A connection to it, for requests and notifications as a client sends them. */
  readonly connection: ProtocolConnection;
  /** Writes raw bytes to the server's standard input, framing and all. */
  write(bytes: string | Buffer): void;
  /** The server's stderr and its window/logMessage lines. */
  log(): string;
  /** Everything the server wrote to standard output, framing and all. */
  output(): string;
  /** Resolves with the first log line (stderr or window/logMessage) that matches, already logged or still to come. */
  logged(pattern: RegExp, ms?: number): Promise<string>;
  /** Resolves with the exit code when the process exits. */
  readonly exited: Promise<number | null>;
  /** Kills the process if it still runs, and closes the connection. */
  dispose(): void;
}

/** Spawns the built server without initializing it. */
export function spawnBareServer(): BareServer {
  const { command, args } = serverCommand();
  const child = spawn(command, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const logLines: string[] = [];
  let listeners: ((line: string) => void)[] = [];
  const addLine = (line: string) => {
    logLines.push(line);
    for (const listener of listeners) listener(line);
  };
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => addLine(`[stderr] ${chunk.trimEnd()}`));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onNotification(LogMessageNotification.type, (params) => addLine(`[log ${LOG_TYPES[params.type] ?? params.type}] ${params.message}`));
  connection.onError(([error]) => logLines.push(`[connection error] ${error.message}`));
  connection.listen();
  return {
    process: child,
    connection,
    write: (bytes) => void child.stdin.write(bytes),
    log: () => logLines.join('\n'),
    output: () => output,
    logged(pattern, ms) {
      const seen = logLines.find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      let listener: ((line: string) => void) | undefined;
      const promise = new Promise<string>((resolve) => {
        listener = (line) => {
          if (pattern.test(line)) resolve(line);
        };
        listeners.push(listener);
      });
      return within(promise, `a log line matching ${pattern}`, ms).finally(() => {
        listeners = listeners.filter((other) => other !== listener);
      });
    },
    exited,
    dispose() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      connection.dispose();
    },
  };
}
