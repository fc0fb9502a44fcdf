import * as assert from 'node:assert/strict';
import { ExitNotification, type ServerCapabilities } from 'vscode-languageserver-protocol/node';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../../server/src/features/legend';
import { startServer, useServer, within } from './client';

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
    'semantic tokens (full)': (c) => c.semanticTokensProvider?.full === true,
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
