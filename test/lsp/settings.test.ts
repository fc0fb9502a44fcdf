import * as assert from 'node:assert/strict';
import { DidChangeConfigurationNotification, type Hover, type InlayHint, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { cursorOf, freshUri, useServer } from './client';
import { load } from './helpers';

/**
 * The client announces workspace.configuration false, so the server takes its settings from
 * didChangeConfiguration notifications (`{ trial: {...} }`) and rechecks the open documents.
 */
describe('lsp: settings pushed by didChangeConfiguration', () => {
  const server = useServer();

  function configure(trial: unknown): void {
    void server().connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { trial } });
  }

  afterEach(() => configure({}));

  it('overrides severities by code and by name, and republishes the open documents', async () => {
    const { text } = load('unknownUnit');
    const uri = freshUri('rules');
    const opened = await server().open(text, uri);
    assert.equal(opened.diagnostics.find((d) => d.code === 'TPL104')?.severity, 1);
    assert.ok(opened.diagnostics.some((d) => d.code === 'TPL254'));

    const republished = server().nextDiagnostics(uri);
    configure({ rules: { TPL104: 'warning', 'registry.required-field': 'off' } });
    const after = await republished;
    assert.equal(after.version, 1, 'the same version, checked again');
    assert.equal(after.diagnostics.find((d) => d.code === 'TPL104')?.severity, 2);
    assert.ok(!after.diagnostics.some((d) => d.code === 'TPL254'), 'a rule set to off is not reported');

    const reset = server().nextDiagnostics(uri);
    configure({});
    assert.equal((await reset).diagnostics.find((d) => d.code === 'TPL104')?.severity, 1);
  });

  it('uses the reference patient of the settings in the dose hover', async () => {
    const fixture = load('hoverDoseDrug');
    const uri = freshUri('bsa');
    await server().open(fixture.text, uri);
    configure({ referencePatient: { bsa: 2 } });
    const hover = await server().request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: cursorOf(fixture) });
    const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.ok(value.includes('- reference patient (BSA 2 m2): 2000 mg per administration, 4000 mg per cycle, 12000 mg in total'), value);
  });

  it('ignores a reference patient that is not a positive number', async () => {
    const fixture = load('hoverDoseDrug');
    const uri = freshUri('bsa-invalid');
    await server().open(fixture.text, uri);
    configure({ referencePatient: { bsa: -1 } });
    const hover = await server().request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: cursorOf(fixture) });
    assert.match((hover?.contents as MarkupContent).value, /reference patient \(BSA 1\.73 m2\)/);
  });

  it('turns inlay hints off', async () => {
    const { text } = load('inlayHints');
    const uri = freshUri('hints-off');
    await server().open(text, uri);
    const range = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
    const on = await server().request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range });
    assert.equal(on.length, 2);
    configure({ inlayHints: { enabled: false } });
    const off = await server().request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range });
    assert.deepEqual(off, []);
  });
});
