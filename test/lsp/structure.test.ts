import * as assert from 'node:assert/strict';
import type { DocumentSymbol, FoldingRange, Position, Range, SelectionRange, SymbolInformation, WorkspaceSymbol } from 'vscode-languageserver-protocol/node';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cursorOf, editsAgainstFresh, freshUri, ROOT, startServer, useServer } from './client';
import { load, sample, SAMPLES, textAt } from './helpers';

const notAfter = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const contains = (outer: Range, inner: Range) => notAfter(outer.start, inner.start) && notAfter(inner.end, outer.end);

/** `name [kind] «selected text»`, indented by depth. */
function outline(text: string, symbols: readonly DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name} [${s.kind}] «${textAt(text, s.selectionRange)}»`,
    ...outline(text, s.children ?? [], depth + 1),
  ]);
}

/** Every symbol's selection lies in its range and every child in its parent (VS Code rejects an outline that breaks this). */
function checkNesting(symbols: readonly DocumentSymbol[], parent?: DocumentSymbol): string[] {
  return symbols.flatMap((s) => [
    ...(contains(s.range, s.selectionRange) ? [] : [`${s.name}: selectionRange outside range`]),
    ...(parent && !contains(parent.range, s.range) ? [`${s.name}: outside its parent ${parent.name}`] : []),
    ...checkNesting(s.children ?? [], s),
  ]);
}

describe('lsp: document symbols, folding, selection ranges, workspace symbols', () => {
  const server = useServer();

  it('outlines trial, drugs, arms with phases, cycles and doses, and eligibility', async () => {
    const { text } = load('structure');
    const uri = freshUri('outline');
    await server().open(text, uri);
    const symbols = await server().request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    // Kinds: Module 2, Function 12, Class 5, Namespace 3, Event 24, Method 6, Struct 23, Array 18, Boolean 17.
    assert.deepEqual(outline(text, symbols), [
      'NCT00000001 [2] «NCT00000001»',
      'gemcitabine [12] «gemcitabine»',
      'neoadjuvant [5] «neoadjuvant»',
      '  neoadjuvant [3] «neoadjuvant»',
      '    cycle 21 days x 3 [24] «cycle»',
      '      gemcitabine [6] «gemcitabine»',
      '  surgery [24] «surgery»',
      'eligibility [23] «eligibility»',
      '  include any "risk" [18] «any»',
      '    tumor_diameter > 5 cm [17] «tumor_diameter > 5 cm»',
    ]);
    assert.deepEqual(checkNesting(symbols), []);
    const arm = symbols[2];
    assert.equal(textAt(text, arm.range).split('\n')[0], 'arm neoadjuvant "Neoadjuvant" experimental {');
    assert.equal(arm.detail, 'Neoadjuvant');
    assert.equal(arm.children?.[0].children?.[0].children?.[0].detail, '1 g/m2');
  });

  for (const name of SAMPLES) {
    it(`outlines ${name} with every selection inside its symbol and every child inside its parent`, async () => {
      const text = sample(name);
      const uri = freshUri(name);
      await server().open(text, uri);
      const symbols = await server().request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(symbols.length >= 5, outline(text, symbols).join('\n'));
      assert.deepEqual(checkNesting(symbols), []);
    });
  }

  it('after edits, sends the symbols of a fresh document: kept, moved a line or a column, or found again', async () => {
    const text = sample(SAMPLES[0]);
    const uri = freshUri('symbols-edits');
    await server().open(text, uri);
    const symbolsOf = (at: string) => server().request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: at } });
    await symbolsOf(uri);
    const armLine = text.split('\n').findIndex((line) => line.startsWith('arm '));
    const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });
    const edits = [
      // A line above the arms: every item after it moves one line down.
      { range: at(armLine, 0), text: '// a new line\n' },
      // Text typed inside the first arm: that arm's symbols are found again.
      { range: at(armLine + 2, 0), text: '  ' },
      // A comment before the first arm on its own line: the arm starts at another column.
      { range: at(armLine + 1, 0), text: '/* c */ ' },
      // The new line taken out again: the items move back up.
      { range: { start: { line: armLine, character: 0 }, end: { line: armLine + 1, character: 0 } }, text: '' },
      // Two items on one line, then a character typed in the first: the second is kept and starts at another column.
      { range: at(armLine, 0), text: 'drug zz1; drug zz2\n' },
      { range: at(armLine, 7), text: 'x' },
    ];
    await editsAgainstFresh(server(), uri, text, edits, async (fresh, i) => {
      assert.deepStrictEqual(await symbolsOf(uri), await symbolsOf(fresh), `after edit ${i + 1}`);
    });
  });

  it('names every symbol with more than white space (LSP), also where the source string is empty', async () => {
    const { text } = load('emptyNames');
    const uri = freshUri('empty-names');
    await server().open(text, uri);
    const symbols = await server().request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const flat = (list: readonly DocumentSymbol[]): DocumentSymbol[] => list.flatMap((s) => [s, ...flat(s.children ?? [])]);
    assert.equal(flat(symbols).length, 3, outline(text, symbols).join('\n'));
    const blankDocumentSymbols = flat(symbols).filter((s) => s.name.trim() === '');
    const workspace = await server().request<(SymbolInformation | WorkspaceSymbol)[]>('workspace/symbol', { query: '' });
    const blankWorkspaceSymbols = workspace.filter((s) => s.location.uri === uri && s.name.trim() === '');
    assert.deepEqual(
      [...blankDocumentSymbols, ...blankWorkspaceSymbols].map((s) => `${JSON.stringify(s.name)} [${s.kind}]`),
      [],
    );
  });

  it('folds blocks (keeping the closing brace visible), block comments and runs of line comments', async () => {
    const { text } = load('structure');
    const uri = freshUri('folding');
    await server().open(text, uri);
    const ranges = await server().request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const lines = text.split('\n');
    const shown = ranges
      .map((r) => `${r.startLine}-${r.endLine}${r.kind ? ` ${r.kind}` : ''} ${lines[r.startLine].trim()}`)
      .sort((a, b) => parseInt(a) - parseInt(b));
    assert.deepEqual(shown, [
      '0-1 comment /* The structure fixture:',
      '2-3 trial NCT00000001 {',
      '6-12 arm neoadjuvant "Neoadjuvant" experimental {',
      '7-10 neoadjuvant {',
      '8-9 cycle 21 days x 3 {',
      '14-15 comment // one',
      '16-19 eligibility {',
      '17-18 include any "risk" {',
    ]);
  });

  it('folds a document with CR-only and with CRLF line ends on the same lines as with LF', async () => {
    const { text } = load('structure');
    const folded = async (variant: string) => {
      const uri = freshUri('folding-line-ends');
      await server().open(variant, uri);
      const ranges = await server().request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
      return ranges.map((r) => `${r.startLine}-${r.endLine} ${r.kind ?? 'block'}`).sort();
    };
    const expected = await folded(text);
    assert.equal(expected.length, 8);
    assert.deepEqual(await folded(text.replace(/\n/g, '\r\n')), expected, 'CRLF');
    assert.deepEqual(await folded(text.replace(/\n/g, '\r')), expected, 'CR only');
  });

  it('expands the selection from a token outwards, innermost first', async () => {
    const fixture = load('selection');
    const uri = freshUri('selection');
    await server().open(fixture.text, uri);
    const [selection] = await server().request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions: [cursorOf(fixture)] });
    const chain: string[] = [];
    for (let s: SelectionRange | undefined = selection; s; s = s.parent) {
      if (s.parent) assert.ok(contains(s.parent.range, s.range), `a parent range does not contain its child: ${JSON.stringify(s)}`);
      chain.push(textAt(fixture.text, s.range).replace(/\s+/g, ' '));
    }
    assert.deepEqual(chain, [
      '1',
      '1 g/m2',
      'gemcitabine 1 g/m2 days 1, 8',
      '{ gemcitabine 1 g/m2 days 1, 8 }',
      'cycle 21 days x 3 { gemcitabine 1 g/m2 days 1, 8 }',
      '{ cycle 21 days x 3 { gemcitabine 1 g/m2 days 1, 8 } }',
      'arm a "A" experimental { cycle 21 days x 3 { gemcitabine 1 g/m2 days 1, 8 } }',
    ]);
  });

  it('answers one selection chain per position, in order', async () => {
    const fixture = load('selection');
    const uri = freshUri('selections');
    await server().open(fixture.text, uri);
    const positions = [
      { line: 0, character: 1 },
      { line: 2, character: 6 },
    ];
    const chains = await server().request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions });
    assert.equal(chains.length, 2);
    assert.equal(textAt(fixture.text, chains[0].range), 'arm');
    assert.equal(textAt(fixture.text, chains[1].range), 'gemcitabine');
  });

  it('finds workspace symbols of the open documents by a part of their name', async () => {
    const { text } = load('structure');
    const uri = freshUri('workspace-symbols');
    await server().open(text, uri);
    const symbols = await server().request<(SymbolInformation | WorkspaceSymbol)[]>('workspace/symbol', { query: 'NEOADJ' });
    const mine = symbols.filter((s) => s.location.uri === uri);
    assert.deepEqual(
      mine.map((s) => `${s.name} [${s.kind}] ${'range' in s.location ? textAt(text, s.location.range) : '?'}`),
      ['neoadjuvant [5] neoadjuvant', 'neoadjuvant [3] neoadjuvant'],
    );
    assert.deepEqual(
      mine.map((s) => 'range' in s.location && s.location.range.start.line),
      [6, 7],
    );
  });

  it('finds workspace symbols in the .trial files of the workspace folders that are not open', async () => {
    const samples = path.join(ROOT, 'samples');
    const own = await startServer({ workspaceFolders: [{ uri: pathToFileURL(samples).href, name: 'samples' }] });
    try {
      const symbols = await own.request<(SymbolInformation | WorkspaceSymbol)[]>('workspace/symbol', { query: 'nct0' });
      assert.deepEqual(
        symbols.map((s) => `${s.name} ${s.location.uri}`).sort(),
        // Every sample is named by its NCT number, and each file holds one trial block.
        readdirSync(samples)
          .filter((name) => name.endsWith('.trial'))
          .map((name) => name.replace(/\.trial$/, ''))
          .sort()
          .map((id) => `${id} ${pathToFileURL(path.join(samples, `${id}.trial`)).href}`),
      );
    } finally {
      await own.shutdown();
    }
  });
});
