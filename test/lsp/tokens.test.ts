import * as assert from 'node:assert/strict';
import type { InlayHint, SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver-protocol/node';
import { editsAgainstFresh, freshUri, useServer } from './client';
import { load, sample, SAMPLES, textAt } from './helpers';

interface AbsoluteToken {
  readonly line: number;
  readonly character: number;
  readonly length: number;
  readonly type: string;
  readonly modifiers: string[];
}

/** Decodes LSP's relative encoding (deltaLine, deltaStart, length, type, modifiers) with the announced legend. */
function decode(data: readonly number[], legend: { tokenTypes: string[]; tokenModifiers: string[] }): AbsoluteToken[] {
  assert.equal(data.length % 5, 0, 'semantic token data comes in fives');
  const tokens: AbsoluteToken[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, bits] = data.slice(i, i + 5);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    assert.ok(type < legend.tokenTypes.length, `token type ${type} is outside the legend`);
    assert.ok(bits < 1 << legend.tokenModifiers.length, `modifier bits ${bits} are outside the legend`);
    const modifiers = legend.tokenModifiers.filter((_, bit) => bits & (1 << bit));
    tokens.push({ line, character, length, type: legend.tokenTypes[type], modifiers });
  }
  return tokens;
}

describe('lsp: semantic tokens and inlay hints', () => {
  const server = useServer();

  it('classifies every token of a small document', async () => {
    const { text } = load('tokens');
    const uri = freshUri('tokens');
    await server().open(text, uri);
    const result = await server().request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const legend = server().capabilities.semanticTokensProvider!.legend;
    const tokens = decode(result.data, legend);
    const pairs = tokens.map((t) => {
      const written = textAt(text, { start: { line: t.line, character: t.character }, end: { line: t.line, character: t.character + t.length } });
      return [written, [t.type, ...t.modifiers].join('.')];
    });
    assert.deepEqual(pairs, [
      ['// tokens', 'comment'],
      ['drug', 'keyword'],
      ['gemcitabine', 'drug.declaration'],
      ['arm', 'keyword'],
      ['neoadjuvant', 'arm.declaration'],
      ['"Neo"', 'string'],
      ['experimental', 'enumMember'],
      ['cycle', 'keyword'],
      ['21', 'number'],
      ['days', 'keyword'],
      ['x', 'keyword'],
      ['3', 'number'],
      ['gemcitabine', 'drug'],
      ['1', 'number'],
      ['g/m2', 'unit'],
      ['IV', 'enumMember'],
      ['days', 'keyword'],
      ['1', 'number'],
      ['8', 'number'],
      ['eligibility', 'keyword'],
      ['include', 'keyword'],
      ['platelets', 'analyte'],
      ['>=', 'operator'],
      ['100', 'number'],
      ['x10^9/L', 'unit'],
    ]);
  });

  it('classifies the keywords inside statements as keywords (x, for, AUC, dose unstated, to, at, pmid)', async () => {
    const { text } = load('tokensKeywords');
    const uri = freshUri('tokens-keywords');
    await server().open(text, uri);
    const result = await server().request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const tokens = decode(result.data, server().capabilities.semanticTokensProvider!.legend);
    const typeAt = (line: number, character: number) => tokens.find((t) => t.line === line && t.character === character)?.type ?? '(no token)';
    const unclassified: string[] = [];
    text.split('\n').forEach((line, index) => {
      for (const match of line.matchAll(/\b(x|for|AUC|dose|unstated|to|at|pmid|ULN)\b/g)) {
        const type = typeAt(index, match.index);
        if (type !== 'keyword') unclassified.push(`${index}:${match.index} '${match[0]}' is ${type} in ${JSON.stringify(line.trim())}`);
      }
    });
    assert.deepEqual(unclassified, []);
  });

  it('sends a multi-line block comment line by line, and tokens that do not overlap', async () => {
    const { text } = load('structure');
    const uri = freshUri('tokens-structure');
    await server().open(text, uri);
    const result = await server().request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const tokens = decode(result.data, server().capabilities.semanticTokensProvider!.legend);
    const comments = tokens
      .filter((t) => t.type === 'comment')
      .map((t) => textAt(text, { start: { line: t.line, character: t.character }, end: { line: t.line, character: t.character + t.length } }));
    assert.deepEqual(comments, ['/* The structure fixture:', '   every kind of block. */', '// one', '// run of line comments']);
    for (let i = 1; i < tokens.length; i++) {
      const [a, b] = [tokens[i - 1], tokens[i]];
      assert.ok(a.line < b.line || a.character + a.length <= b.character, `tokens overlap or go backwards: ${JSON.stringify(a)} ${JSON.stringify(b)}`);
    }
  });

  it('after an edit, sends only what changed (full/delta), and the result equals a full request on the new text', async () => {
    const { text } = load('tokens');
    const uri = freshUri('tokens-delta');
    await server().open(text, uri);
    const first = await server().request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.ok(first.resultId, 'a full result has an id the next delta can name');
    // Insert a comment line before the eligibility block: every token after it moves down one line.
    const line = text.split('\n').findIndex((l) => l.startsWith('eligibility'));
    await server().change(uri, 2, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '// moved\n' }]);
    const delta = await server().request<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', {
      textDocument: { uri },
      previousResultId: first.resultId,
    });
    assert.ok('edits' in delta && delta.resultId, `a delta, not a full set: ${JSON.stringify(delta).slice(0, 200)}`);
    const patched = [...first.data];
    for (const edit of [...delta.edits].sort((a, b) => b.start - a.start)) patched.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
    const sent = delta.edits.reduce((n, edit) => n + (edit.data?.length ?? 0), 0);
    assert.ok(sent < first.data.length / 2, `the delta re-sends ${sent} of ${first.data.length} integers`);
    const full = await server().request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.deepEqual(patched, full.data);
    // An unknown previous result gets the whole set.
    const unknown = await server().request<SemanticTokens | SemanticTokensDelta>('textDocument/semanticTokens/full/delta', {
      textDocument: { uri },
      previousResultId: 'no-such-result',
    });
    assert.ok('data' in unknown);
    assert.deepEqual(unknown.data, full.data);
  });

  it('after edits, sends the tokens of a fresh document: kept, moved a line, at another column, or found again', async () => {
    const text = sample(SAMPLES[0]);
    const uri = freshUri('tokens-edits');
    await server().open(text, uri);
    const full = async (at: string) => (await server().request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: at } })).data;
    let sent = await server().request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const armLine = text.split('\n').findIndex((line) => line.startsWith('arm '));
    const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });
    const edits = [
      { range: at(armLine, 0), text: '/* a comment\n   of two lines */\n' },
      { range: at(armLine + 3, 0), text: '  ' },
      { range: { start: { line: armLine, character: 0 }, end: { line: armLine + 2, character: 0 } }, text: '' },
      { range: at(armLine, 0), text: 'drug zz1; drug zz2\n' },
      { range: at(armLine, 7), text: 'x' },
    ];
    await editsAgainstFresh(server(), uri, text, edits, async (fresh, i) => {
      const expected = await full(fresh);
      // The delta against the last set, applied, gives the fresh document's set too.
      const delta = await server().request<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', {
        textDocument: { uri },
        previousResultId: sent.resultId,
      });
      assert.ok('edits' in delta, `after edit ${i + 1}: a delta`);
      const patched = [...sent.data];
      for (const change of [...delta.edits].sort((a, b) => b.start - a.start)) patched.splice(change.start, change.deleteCount, ...(change.data ?? []));
      assert.deepStrictEqual(patched, expected, `after edit ${i + 1}`);
      sent = { resultId: delta.resultId, data: patched };
    });
  });

  it('answers a range request with the tokens of those lines only', async () => {
    const { text } = load('tokens');
    const uri = freshUri('tokens-range');
    await server().open(text, uri);
    const legend = server().capabilities.semanticTokensProvider!.legend;
    const all = decode((await server().request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } })).data, legend);
    const line = text.split('\n').findIndex((l) => l.includes('eligibility'));
    const ranged = await server().request<SemanticTokens>('textDocument/semanticTokens/range', {
      textDocument: { uri },
      range: { start: { line, character: 0 }, end: { line: line + 2, character: 0 } },
    });
    const tokens = decode(ranged.data, legend);
    assert.ok(tokens.length > 0);
    assert.deepEqual(
      tokens,
      all.filter((t) => t.line >= line && t.line < line + 2),
    );
  });

  it('shows the normalised dose and the per-cycle total after a dose line in a cycle, and the course total after a course', async () => {
    const { text } = load('inlayHints');
    const uri = freshUri('inlay');
    await server().open(text, uri);
    const lines = text.split('\n');
    const hints = await server().request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } },
    });
    const shown = hints.map((h) => `${h.position.line}:${h.position.character}${typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')}`);
    const cycleLine = lines.findIndex((l) => l.includes('gemcitabine'));
    const courseLine = lines.findIndex((l) => l.includes('lenvatinib'));
    assert.deepEqual(shown, [
      `${cycleLine}:${lines[cycleLine].length} = 1000 mg/m2 · 2000 mg/m2/cycle`,
      `${courseLine}:${lines[courseLine].length} 504 mg total`,
    ]);
  });

  it('gives only the inlay hints of the requested range', async () => {
    const { text } = load('inlayHints');
    const uri = freshUri('inlay-range');
    await server().open(text, uri);
    const courseLine = text.split('\n').findIndex((l) => l.includes('lenvatinib'));
    const hints = await server().request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: courseLine, character: 0 }, end: { line: courseLine + 1, character: 0 } },
    });
    assert.deepEqual(
      hints.map((h) => h.position.line),
      [courseLine],
    );
  });
});
