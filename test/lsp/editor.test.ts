/**
 * The editor conveniences over stdio, as any LSP client gets them: a suppression comment honoured
 * by the published diagnostics, the quick fix that writes one, code lenses over arms and cycles
 * (the "Preview" lens only for a client that lists the command), completion that asks again
 * after a keyword (the same), and each diagnostic's code linked to its heading in
 * docs/diagnostics.md.
 */

import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CodeAction, CodeLens, CompletionItem, Diagnostic } from 'vscode-languageserver-protocol/node';
import { codeAnchor, type Code } from '../../server/src/language/codes';
import { applyTextEdits, freshUri, useServer } from './client';
import { describeDiagnostics, expectedDiagnostics, sample } from './helpers';

const OUTSIDE_LABEL = 'arm a "A" other {\n  cycle 21 days x 3 {\n    gemcitabine 2000 mg/m2 days 1, 8\n  }\n}\n';

const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => String(d.code));

describe('lsp: suppression comments and the quick fix that writes one', () => {
  const server = useServer();

  it('publishes no diagnostic a `// trial-disable-next-line CODE` comment silences, and reports an unknown code in it', async () => {
    const text = 'arm a "A" other {\n  cycle 21 days x 3 {\n    // trial-disable-next-line TPL220, TPL999\n    gemcitabine 2000 mg/m2 days 1, 8\n  }\n}\n';
    const opened = await server().open(text, freshUri('suppressed'));
    assert.ok(!codes(opened.diagnostics).includes('TPL220'), describeDiagnostics(text, opened.diagnostics).join('\n'));
    assert.ok(codes(opened.diagnostics).includes('TPL014'), describeDiagnostics(text, opened.diagnostics).join('\n'));
    assert.deepEqual(describeDiagnostics(text, opened.diagnostics), expectedDiagnostics(text));
  });

  it('offers "Suppress TPL220 on this line", which inserts the comment indented like the line, and the diagnostic goes', async () => {
    const uri = freshUri('suppress-fix');
    const opened = await server().open(OUTSIDE_LABEL, uri);
    const diagnostic = opened.diagnostics.find((d) => d.code === 'TPL220');
    assert.ok(diagnostic, describeDiagnostics(OUTSIDE_LABEL, opened.diagnostics).join('\n'));
    const actions = await server().request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    const suppress = actions.find((a) => a.title === 'Suppress TPL220 on this line');
    assert.ok(suppress, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(suppress.kind, 'quickfix');
    assert.notEqual(suppress.isPreferred, true, 'never applied by fix all');
    const edits = suppress.edit?.changes?.[uri] ?? [];
    const fixed = applyTextEdits(OUTSIDE_LABEL, edits);
    assert.equal(fixed, OUTSIDE_LABEL.replace('    gemcitabine', '    // trial-disable-next-line TPL220\n    gemcitabine'));
    const after = await server().change(
      uri,
      2,
      edits.map((e) => ({ range: e.range, text: e.newText })),
    );
    assert.ok(!codes(after.diagnostics).includes('TPL220'), describeDiagnostics(fixed, after.diagnostics).join('\n'));
  });

  it('offers no suppression for a syntax error', async () => {
    const text = 'arm a "A" other {\n  oxaliplatin 85 day 1\n}\n';
    const uri = freshUri('syntax');
    const opened = await server().open(text, uri);
    const syntax = opened.diagnostics.find((d) => d.code === 'TPL010');
    assert.ok(syntax, describeDiagnostics(text, opened.diagnostics).join('\n'));
    const actions = await server().request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: syntax.range,
      context: { diagnostics: [syntax], only: ['quickfix'] },
    });
    assert.ok(!actions.some((a) => a.title === 'Suppress TPL010 on this line'), actions.map((a) => a.title).join(' | '));
  });

  it("links each diagnostic's code to its heading's anchor in docs/diagnostics.md, shipped beside the server", async () => {
    const text = 'trial nct1 { title "x" }\narm a "A" other { oxaliplatine 85 mg/m2 day 1 }\n';
    const opened = await server().open(text, freshUri('links'));
    assert.ok(opened.diagnostics.length >= 2, describeDiagnostics(text, opened.diagnostics).join('\n'));
    for (const diagnostic of opened.diagnostics) {
      const href = diagnostic.codeDescription?.href;
      assert.ok(href, `${diagnostic.code} has no link`);
      const [file, anchor] = href.split('#');
      assert.ok(existsSync(fileURLToPath(file)), href);
      assert.equal(anchor, codeAnchor(diagnostic.code as Code));
      // The heading the anchor is made from (VS Code's rendering of it is checked in test/vscode/suite/editor.test.ts).
      assert.match(readFileSync(fileURLToPath(file), 'utf8'), new RegExp(`^## ${diagnostic.code} \``, 'm'));
    }
  });
});

describe('lsp: code lenses and completion for a client with no commands', () => {
  const server = useServer();

  it('shows counts and totals over arms and cycles, and no "Preview" lens', async () => {
    const text = sample('NCT04669496.trial');
    const uri = freshUri('lenses');
    await server().open(text, uri);
    const lenses = await server().request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const shown = lenses.map((lens) => `${lens.range.start.line + 1} ${lens.command?.title} [${lens.command?.command}]`);
    const line = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    assert.deepEqual(shown, [
      `${line('arm neoadjuvant')} 5 drugs · 11 cycles · 299 administrations []`,
      `${line('cycle 21 days x 3')} 3 x 21 days = 63 days · oxaliplatin 255 mg/m2, gemcitabine 6000 mg/m2 in total []`,
      `${line('cycle 21 days x 8')} 8 x 21 days = 168 days · capecitabine 280000 mg/m2 in total []`,
      `${line('arm traditional')} 1 drug · 8 cycles · 224 administrations []`,
      `${text.split('\n').findIndex((l, i) => i + 1 > line('arm traditional') && l.includes('cycle 21 days x 8')) + 1} 8 x 21 days = 168 days · capecitabine 280000 mg/m2 in total []`,
    ]);
  });

  it('attaches no client command to a completion item', async () => {
    const uri = freshUri('no-retrigger');
    await server().open('eligibility {\n  \n}\n', uri);
    const items = await server().request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 2 } });
    assert.ok(items.some((item) => item.label === 'include'));
    assert.ok(
      items.every((item) => item.command === undefined),
      items
        .filter((item) => item.command)
        .map((item) => item.label)
        .join(', '),
    );
  });
});

describe('lsp: code lenses and completion for a client that lists its commands (the VS Code extension)', () => {
  const server = useServer({ initializationOptions: { clientCommands: ['trial.showPreview', 'editor.action.triggerSuggest'] } });

  it('adds a "Preview" lens over each arm, with the document and the arm', async () => {
    const text = sample('NCT04669496.trial');
    const uri = freshUri('preview-lens');
    await server().open(text, uri);
    const lenses = await server().request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const previews = lenses.filter((lens) => lens.command?.title === 'Preview');
    assert.equal(previews.length, 2);
    assert.deepEqual(previews[0].command?.command, 'trial.showPreview');
    assert.deepEqual(previews[0].command?.arguments, [uri, text.indexOf('arm neoadjuvant')]);
  });

  it("asks for completion again after a keyword whose next word has completions ('include '), not after others", async () => {
    const uri = freshUri('retrigger');
    await server().open('eligibility {\n  \n}\n', uri);
    const items = await server().request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 2 } });
    const include = items.find((item) => item.label === 'include');
    assert.equal(include?.textEdit?.newText, 'include ');
    assert.deepEqual(include?.command, { title: 'Suggest', command: 'editor.action.triggerSuggest' });
    const age = items.find((item) => item.label === 'age');
    assert.equal(age?.textEdit?.newText, 'age ');
    assert.equal(age?.command, undefined, 'a number follows age');
  });
});
