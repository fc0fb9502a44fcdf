import * as assert from 'node:assert/strict';
import { freshUri, startServer, useServer, within } from './client';

/** The test client itself: a wait that cannot end fails with what it waited for, and a dead server fails waits at once. */
describe('lsp: the test client', () => {
  const server = useServer();

  it('fails a wait that does not end with a message naming what it waited for', async () => {
    await assert.rejects(
      within(new Promise(() => undefined), 'something that never happens', 50),
      /timed out after 0\.05 s waiting for something that never happens/,
    );
  });

  it('fails a wait for diagnostics of a version never sent, naming the uri and the version', async () => {
    const uri = freshUri('never');
    await assert.rejects(server().diagnostics(uri, 99, 200), new RegExp(`timed out after 0\\.2 s waiting for publishDiagnostics for ${uri} version 99`));
  });

  it('fails pending waits at once when the server dies, and refuses new requests', async () => {
    const own = await startServer();
    const pending = own.diagnostics(freshUri('dying'), 1, 5_000);
    own.process.kill();
    await assert.rejects(pending, /the server exited unexpectedly/);
    await assert.rejects(async () => own.request('textDocument/hover', {}), /the server is not running/);
    own.connection.dispose();
  });
});
