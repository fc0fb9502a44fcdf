import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol/node';
import { applyTextEdits, freshUri, useServer } from './client';

/**
 * A workspace edit's text edits as one didChange: content changes apply one after another, so
 * they go from the end of the document to its start, where each range is still valid.
 */
function asContentChanges(edits: readonly TextEdit[]): { range: TextEdit['range']; text: string }[] {
  return [...edits]
    .sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)
    .map((e) => ({ range: e.range, text: e.newText }));
}
import type { FixtureName } from './fixtures';
import { describeDiagnostics, expectedDiagnostics, load, textAt } from './helpers';

/** Quick fixes that insert, delete or rewrite: the fixture, the code, the fix's title, and the line it leaves (or removes). */
const FIXES: { fixture: FixtureName; code: string; title: string; result: (text: string) => string }[] = [
  {
    fixture: 'fixDeclare',
    code: 'TPL202',
    title: "Declare drug 'oxaliplatin'",
    result: (t) => t.replace('drug gemcitabine', 'drug gemcitabine\ndrug oxaliplatin'),
  },
  { fixture: 'fixUnused', code: 'TPL203', title: "Remove the declaration of 'cisplatin'", result: (t) => t.replace('drug cisplatin\n', '') },
  { fixture: 'fixRedundant', code: 'TPL244', title: 'Remove this criterion', result: (t) => t.replace('  include platelets >= 90 x10^9/L\n', '') },
  { fixture: 'fixAgeSwap', code: 'TPL245', title: 'Swap the limits', result: (t) => t.replace('70 to 18', '18 to 70') },
  { fixture: 'fixSuperscript', code: 'TPL241', title: 'Change to 10^4', result: (t) => t.replace('> 104', '> 10^4') },
];

describe('lsp: code actions', () => {
  const server = useServer();

  it('offers "Change to \'oxaliplatin\'" for oxaliplatine, and applying it removes the diagnostic', async () => {
    const { text } = load('misspeltDrug');
    const uri = freshUri('misspelt');
    const opened = await server().open(text, uri);
    const unknown = opened.diagnostics.filter((d) => d.code === 'TPL211');
    assert.equal(unknown.length, 1, describeDiagnostics(text, opened.diagnostics).join('\n'));
    const [diagnostic] = unknown;
    assert.equal(textAt(text, diagnostic.range), 'oxaliplatine');

    const actions = await server().request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.title === "Change to 'oxaliplatin'");
    assert.ok(fix, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [diagnostic], 'the action carries the diagnostic it fixes, as published');
    const edits = fix.edit?.changes?.[uri];
    assert.ok(edits && edits.length > 0, JSON.stringify(fix.edit));
    assert.deepEqual(Object.keys(fix.edit!.changes!), [uri]);

    const fixed = applyTextEdits(text, edits);
    assert.equal(fixed, text.replace('oxaliplatine', 'oxaliplatin'));
    const after = await server().change(uri, 2, asContentChanges(edits));
    assert.equal(after.version, 2);
    assert.deepEqual(
      after.diagnostics.filter((d) => d.code === 'TPL211'),
      [],
    );
    assert.deepEqual(describeDiagnostics(fixed, after.diagnostics), expectedDiagnostics(fixed));
  });

  it('offers no fix of a check for a range away from any fixable diagnostic, only the comment that suppresses one', async () => {
    const { text } = load('misspeltDrug');
    const uri = freshUri('misspelt-away');
    await server().open(text, uri);
    const actions = await server().request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
      context: { diagnostics: [], only: ['quickfix'] },
    });
    assert.deepEqual(
      actions.map((a) => a.title).filter((title) => !title.startsWith('Suppress ')),
      [],
    );
  });

  it('applies every preferred fix with source.fixAll', async () => {
    const { text } = load('manyFixes');
    const uri = freshUri('fix-all');
    const opened = await server().open(text, uri);
    const fixable = ['TPL211', 'TPL204', 'TPL210', 'TPL250'];
    const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => String(d.code));
    for (const code of fixable) assert.ok(codes(opened.diagnostics).includes(code), `the fixture must have ${code}: ${codes(opened.diagnostics).join(', ')}`);

    const actions = await server().request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1, JSON.stringify(actions));
    const [fixAll] = actions;
    // Its own sub-kind, so that editor.codeActionsOnSave can ask for it alone; asked for as source.fixAll, it still comes.
    assert.equal(fixAll.kind, 'source.fixAll.trial');
    const edits: TextEdit[] = fixAll.edit?.changes?.[uri] ?? [];
    assert.equal(edits.length, 4, JSON.stringify(edits));

    const fixed = applyTextEdits(text, edits);
    assert.equal(
      fixed,
      text
        .replace('nct00000001', 'NCT00000001')
        .replace('oxaliplatine', 'oxaliplatin')
        .replace('1000 mg day', '1000 mg/m2 day')
        .replace('platelet >=', 'platelets >='),
    );
    const after = await server().change(uri, 2, asContentChanges(edits));
    for (const code of fixable)
      assert.ok(!codes(after.diagnostics).includes(code), `${code} is still reported after fix all: ${codes(after.diagnostics).join(', ')}`);
    assert.deepEqual(describeDiagnostics(fixed, after.diagnostics), expectedDiagnostics(fixed));

    const nothingLeft = await server().request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(nothingLeft, [], 'nothing is left to fix');
  });

  it('does not offer source.fixAll when only quick fixes are asked for', async () => {
    const { text } = load('manyFixes');
    const uri = freshUri('only-quickfix');
    await server().open(text, uri);
    const actions = await server().request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } },
      context: { diagnostics: [], only: ['quickfix'] },
    });
    assert.ok(actions.length >= 4, actions.map((a) => a.title).join(' | '));
    assert.ok(
      actions.every((a) => a.kind === 'quickfix'),
      actions.map((a) => `${a.kind} ${a.title}`).join(' | '),
    );
  });

  for (const c of FIXES) {
    it(`applies "${c.title}" (${c.code}) and the diagnostic goes away`, async () => {
      const { text } = load(c.fixture);
      const uri = freshUri(c.fixture);
      const opened = await server().open(text, uri);
      const diagnostic = opened.diagnostics.find((d) => d.code === c.code);
      assert.ok(diagnostic, describeDiagnostics(text, opened.diagnostics).join('\n'));
      const actions = await server().request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic], only: ['quickfix'] },
      });
      const fix = actions.find((a) => a.title === c.title);
      assert.ok(fix, `offered: ${actions.map((a) => a.title).join(' | ')}`);
      assert.deepEqual(fix.diagnostics, [diagnostic]);
      const edits = fix.edit?.changes?.[uri] ?? [];
      const fixed = applyTextEdits(text, edits);
      assert.equal(fixed, c.result(text));
      const after = await server().change(uri, 2, asContentChanges(edits));
      assert.ok(!after.diagnostics.some((d) => d.code === c.code), describeDiagnostics(fixed, after.diagnostics).join('\n'));
      assert.deepEqual(describeDiagnostics(fixed, after.diagnostics), expectedDiagnostics(fixed));
    });
  }
});
