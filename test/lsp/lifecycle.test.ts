import * as assert from 'node:assert/strict';
import { ExitNotification, ResponseError, type ServerCapabilities } from 'vscode-languageserver-protocol/node';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../../server/src/features/legend';
import { spawnBareServer, startServer, useServer, within, type BareServer } from './client';

describe('lsp: initialize and shutdown', () => {
  const server = useServer();

  /** Each capability the brief requires, as a check on the initialize result. */
  const CAPABILITIES: Record<string, (c: ServerCapabilities) => unknown> = {
    'incremental sync with open/close': (c) =>
      typeof c.textDocumentSync === 'object' && c.textDocumentSync.openClose === true && c.textDocumentSync.change === 2 /* Incremental */,
    hover: (c) => c.hoverProvider === true,
    completion: (c) => typeof c.completionProvider === 'object' && c.completionProvider.triggerCharacters?.includes(' '),
    definition: (c) => c.definitionProvider === true,
    references: (c) => c.referencesProvider === true,
    'document highlight': (c) => c.documentHighlightProvider === true,
    'document symbols': (c) => c.documentSymbolProvider === true,
    'workspace symbols': (c) => c.workspaceSymbolProvider === true,
    'rename with prepare': (c) => typeof c.renameProvider === 'object' && c.renameProvider.prepareProvider === true,
    formatting: (c) => c.documentFormattingProvider === true,
    'range formatting': (c) => c.documentRangeFormattingProvider === true,
    'code actions: quickfix and source.fixAll.trial': (c) =>
      typeof c.codeActionProvider === 'object' &&
      c.codeActionProvider.codeActionKinds?.includes('quickfix') &&
      c.codeActionProvider.codeActionKinds.includes('source.fixAll.trial'),
    'code lenses': (c) => typeof c.codeLensProvider === 'object',
    folding: (c) => c.foldingRangeProvider === true,
    'selection ranges': (c) => c.selectionRangeProvider === true,
    'semantic tokens (full, delta and range)': (c) => {
      const full = c.semanticTokensProvider?.full;
      return typeof full === 'object' && full.delta === true && c.semanticTokensProvider?.range === true;
    },
    'inlay hints': (c) => c.inlayHintProvider === true,
  };

  for (const [name, check] of Object.entries(CAPABILITIES)) {
    it(`announces ${name}`, () => {
      assert.ok(check(server().capabilities), `capabilities: ${JSON.stringify(server().capabilities, null, 1)}`);
    });
  }

  it('announces the semantic token legend of server/src/features/legend.ts, in order', () => {
    assert.deepEqual(server().capabilities.semanticTokensProvider?.legend, { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] });
  });

  it('exits with code 0 after shutdown and exit', async () => {
    const own = await startServer();
    await own.shutdown(); // asserts the exit code
    assert.equal(own.process.exitCode, 0);
  });

  it('exits with code 1 on exit without shutdown (LSP: exit before shutdown is an error)', async () => {
    const own = await startServer();
    const exited = new Promise<number | null>((resolve) => own.process.on('exit', (code) => resolve(code)));
    await within(own.connection.sendNotification(ExitNotification.type), 'the exit notification to be sent');
    assert.equal(await within(exited, 'the server to exit on exit'), 1);
    own.connection.dispose();
  });
});

describe('lsp: requests before initialize, a second initialize, requests after shutdown', () => {
  let bare: BareServer | undefined;
  afterEach(function () {
    if (this.currentTest?.state === 'failed' && bare) process.stderr.write(`\n--- server log ---\n${bare.log()}\n---\n`);
    bare?.dispose();
    bare = undefined;
  });

  const INITIALIZE = { processId: process.pid, rootUri: null, capabilities: {} };
  const HOVER = { textDocument: { uri: 'file:///lifecycle.trial' }, position: { line: 0, character: 2 } };

  /** The error code a request is answered with; fails when it is answered with a result. */
  async function errorCode(server: BareServer, method: string, params?: unknown): Promise<number> {
    try {
      const result = await within(server.connection.sendRequest(method, params), `the answer to ${method}`);
      assert.fail(`${method} was answered with ${JSON.stringify(result)}, not an error`);
    } catch (error) {
      assert.ok(error instanceof ResponseError, `${method}: ${String(error)}`);
      return error.code;
    }
  }

  it('answers every request before initialize with ServerNotInitialized (-32002), drops notifications, then initializes', async () => {
    bare = spawnBareServer();
    assert.equal(await errorCode(bare, 'textDocument/hover', HOVER), -32002);
    assert.equal(await errorCode(bare, 'workspace/symbol', { query: '' }), -32002);
    assert.equal(await errorCode(bare, 'trial/noSuchMethod', {}), -32002, 'an unknown method too');
    assert.equal(await errorCode(bare, 'shutdown'), -32002);
    // A notification before initialize is dropped: the document it opens is not open afterwards.
    void bare.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: HOVER.textDocument.uri, languageId: 'trial', version: 1, text: 'arm a "A" other { surgery }' },
    });
    const result = await within(bare.connection.sendRequest('initialize', INITIALIZE), 'the answer to initialize');
    assert.ok((result as { capabilities?: unknown }).capabilities);
    void bare.connection.sendNotification('initialized', {});
    assert.equal(await within(bare.connection.sendRequest('textDocument/hover', HOVER), 'a hover after initialize'), null);
  });

  it('refuses a second initialize with InvalidRequest (-32600) and goes on answering', async () => {
    bare = spawnBareServer();
    await within(bare.connection.sendRequest('initialize', INITIALIZE), 'the answer to initialize');
    void bare.connection.sendNotification('initialized', {});
    assert.equal(await errorCode(bare, 'initialize', INITIALIZE), -32600);
    assert.deepEqual(await within(bare.connection.sendRequest('workspace/symbol', { query: 'x' }), 'workspace symbols'), []);
  });

  it('answers every request after shutdown with InvalidRequest (-32600), then exits with 0 on exit', async () => {
    bare = spawnBareServer();
    await within(bare.connection.sendRequest('initialize', INITIALIZE), 'the answer to initialize');
    void bare.connection.sendNotification('initialized', {});
    assert.equal(await within(bare.connection.sendRequest('shutdown'), 'the answer to shutdown'), null);
    assert.equal(await errorCode(bare, 'textDocument/hover', HOVER), -32600);
    assert.equal(await errorCode(bare, 'trial/noSuchMethod', {}), -32600);
    assert.equal(await errorCode(bare, 'shutdown'), -32600);
    void bare.connection.sendNotification(ExitNotification.type);
    assert.equal(await within(bare.exited, 'the server to exit'), 0);
  });

  it('exits with 1 on exit before initialize', async () => {
    bare = spawnBareServer();
    void bare.connection.sendNotification(ExitNotification.type);
    assert.equal(await within(bare.exited, 'the server to exit'), 1);
  });
});
