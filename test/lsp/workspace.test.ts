/**
 * Workspace symbols from the `.trial` files of the workspace folders that are not open: a
 * workspace that holds hostile entries under a `.trial` name (a FIFO, links to nowhere and in a
 * loop, a folder, a sparse file of 100 MB) is answered at once with the files that can be read;
 * the files are read once and kept, and file events (`workspace/didChangeWatchedFiles`, for a
 * watcher the server registers) say when to read one again.
 */

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync, closeSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SymbolInformation, WorkspaceSymbol } from 'vscode-languageserver-protocol/node';
import { startServer, type TestServer } from './client';

type Found = (SymbolInformation | WorkspaceSymbol)[];

/** `name file` for each symbol, sorted: what a test compares. */
function names(symbols: Found, folder: string): string[] {
  return symbols.map((s) => `${s.name} ${path.relative(folder, new URL(s.location.uri).pathname)}`).sort();
}

const arm = (id: string) => `arm ${id} "${id}" other {}\n`;

describe('lsp: workspace symbols from files that are not open', function () {
  let folder = '';
  let server: TestServer | undefined;

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'trial-workspace-'));
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && server) process.stderr.write(`\n--- server log ---\n${server.log()}\n---\n`);
    const running = server;
    server = undefined;
    try {
      if (running && running.process.exitCode === null) await running.shutdown();
    } finally {
      running?.process.kill();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  function start(options: { watchesFiles?: boolean } = {}): Promise<TestServer> {
    return startServer({ workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'workspace' }], ...options });
  }

  it('answers at once with the readable files, past a FIFO, links to nowhere and in a loop, a folder and a 100 MB file named .trial', async () => {
    writeFileSync(path.join(folder, 'good.trial'), arm('good_arm'));
    mkdirSync(path.join(folder, 'folder.trial'));
    writeFileSync(path.join(folder, 'folder.trial', 'inner.trial'), arm('inner_arm'));
    const fifo = spawnSync('mkfifo', [path.join(folder, 'fifo.trial')]);
    assert.equal(fifo.status, 0, `mkfifo failed: ${fifo.stderr}`);
    symlinkSync(path.join(folder, 'nowhere'), path.join(folder, 'dangling.trial'));
    symlinkSync(path.join(folder, 'loop.trial'), path.join(folder, 'loop.trial'));
    symlinkSync(path.join(folder, 'good.trial'), path.join(folder, 'link.trial'));
    const big = path.join(folder, 'big.trial');
    closeSync(openSync(big, 'w'));
    truncateSync(big, 100 * 1024 * 1024);
    writeFileSync(path.join(folder, 'zz-last.trial'), arm('last_arm'));

    server = await start();
    const symbols = await server.request<Found>('workspace/symbol', { query: '_arm' });
    assert.deepEqual(
      names(symbols, folder),
      ['good_arm good.trial', 'good_arm link.trial', 'inner_arm folder.trial/inner.trial', 'last_arm zz-last.trial'].sort(),
    );
    const log = server.log();
    assert.match(log, /fifo\.trial is a FIFO, not a file; left out/);
    assert.match(log, /dangling\.trial cannot be read \(ENOENT\); left out/);
    assert.match(log, /loop\.trial cannot be read \(ELOOP\); left out/);
    assert.match(log, /big\.trial is 104857600 bytes, over the 5000000-byte limit/);
  });

  it('registers a watcher for **/*.trial, reads each file once, and reads it again on a file event', async () => {
    const file = path.join(folder, 'protocol.trial');
    writeFileSync(file, arm('alpha'));
    server = await start({ watchesFiles: true });
    assert.deepEqual(names(await server.request<Found>('workspace/symbol', { query: '' }), folder), ['alpha protocol.trial']);
    // The server asks for the watcher once initialized; the client has answered it before it reads the answer above.
    const registration = server.registrations().find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(registration?.registerOptions, { watchers: [{ globPattern: '**/*.trial' }] });

    // Without an event the kept symbols answer: the file is not read on every request.
    writeFileSync(file, arm('beta_longer_name'));
    assert.deepEqual(names(await server.request<Found>('workspace/symbol', { query: '' }), folder), ['alpha protocol.trial']);

    const uri = pathToFileURL(file).href;
    void server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 /* Changed */ }] });
    assert.deepEqual(names(await server.request<Found>('workspace/symbol', { query: '' }), folder), ['beta_longer_name protocol.trial']);

    const created = path.join(folder, 'new.trial');
    writeFileSync(created, arm('gamma'));
    void server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(created).href, type: 1 /* Created */ }] });
    assert.deepEqual(names(await server.request<Found>('workspace/symbol', { query: '' }), folder), ['beta_longer_name protocol.trial', 'gamma new.trial']);

    unlinkSync(file);
    void server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 /* Deleted */ }] });
    assert.deepEqual(names(await server.request<Found>('workspace/symbol', { query: '' }), folder), ['gamma new.trial']);
  });

  it('without file events, reads a file again when its size or time changed, and forgets a deleted one', async () => {
    const file = path.join(folder, 'protocol.trial');
    writeFileSync(file, arm('alpha'));
    server = await start();
    assert.equal(server.registrations().length, 0, 'no watcher for a client that cannot register one');
    assert.deepEqual(names(await server.request<Found>('workspace/symbol', { query: '' }), folder), ['alpha protocol.trial']);
    writeFileSync(file, arm('beta_longer_name'));
    assert.deepEqual(names(await server.request<Found>('workspace/symbol', { query: '' }), folder), ['beta_longer_name protocol.trial']);
    unlinkSync(file);
    assert.deepEqual(names(await server.request<Found>('workspace/symbol', { query: '' }), folder), []);
  });

  it('answers with the open text of a file that is open, not with the file on disk', async () => {
    const file = path.join(folder, 'protocol.trial');
    writeFileSync(file, arm('on_disk'));
    server = await start();
    await server.open(arm('in_the_editor'), pathToFileURL(file).href);
    assert.deepEqual(names(await server.request<Found>('workspace/symbol', { query: '' }), folder), ['in_the_editor protocol.trial']);
  });
});
