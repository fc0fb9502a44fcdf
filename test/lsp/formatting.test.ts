import * as assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-protocol/node';
import { applyTextEdits, freshUri, offsetAt, useServer, type TestServer } from './client';
import { FIXTURES, type FixtureName } from './fixtures';
import { load, sample, SAMPLES, service } from './helpers';

const OPTIONS = { tabSize: 2, insertSpaces: true };

/** Opens a text and formats it through the server; resolves with the edits and the formatted text. */
async function format(server: TestServer, text: string, name: string): Promise<{ edits: TextEdit[]; formatted: string }> {
  const uri = freshUri(name);
  await server.open(text, uri);
  const edits = await server.request<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri }, options: OPTIONS });
  assert.ok(Array.isArray(edits), `formatting answered ${JSON.stringify(edits)}`);
  server.close(uri);
  return { edits, formatted: applyTextEdits(text, edits) };
}

describe('lsp: formatting', () => {
  const server = useServer();

  it('makes a messy document canonical', async () => {
    const { formatted } = await format(server(), FIXTURES.messy, 'messy');
    assert.equal(formatted, FIXTURES.messyFormatted);
  });

  /** Formatting must be idempotent and keep the model, on the samples and on every fixture of the suite. */
  const TEXTS: [string, () => string][] = [
    ...SAMPLES.map((name): [string, () => string] => [`sample ${name}`, () => sample(name)]),
    ...(Object.keys(FIXTURES) as FixtureName[]).map((name): [string, () => string] => [`fixture ${name}`, () => load(name).text]),
  ];

  for (const [name, read] of TEXTS) {
    it(`formats ${name} idempotently, to the same model`, async () => {
      const text = read();
      const first = await format(server(), text, 'once');
      const second = await format(server(), first.formatted, 'twice');
      assert.deepEqual(second.edits, [], `formatting the formatted text changed it:\n${first.formatted}\n---\n${second.formatted}`);
      assert.deepEqual(service.summary(first.formatted), service.summary(text), 'the formatted text parses to another model');
    });
  }

  it('formats a range: only the lines it touches', async () => {
    const text = FIXTURES.messy;
    const uri = freshUri('range');
    await server().open(text, uri);
    const lines = text.split('\n');
    const first = lines.findIndex((line) => line.includes('cycle 21'));
    const range = { start: { line: first, character: 3 }, end: { line: first + 1, character: 2 } };
    const edits = await server().request<TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri }, range, options: OPTIONS });
    assert.ok(edits.length > 0, 'the range is messy: there is something to format');
    for (const edit of edits) {
      assert.ok(first <= edit.range.start.line && edit.range.end.line <= first + 1, `an edit outside lines ${first}-${first + 1}: ${JSON.stringify(edit)}`);
    }
    const result = applyTextEdits(text, edits).split('\n');
    assert.deepEqual(result.slice(0, first), lines.slice(0, first), 'lines before the range are untouched');
    assert.deepEqual(result.slice(first + 2), lines.slice(first + 2), 'lines after the range are untouched');
    assert.deepEqual(result.slice(first, first + 2), ['  cycle 21 days x 3 {', '    gemcitabine 1 g/m2 days 1,8 // days 1 and 8']);
  });

  it('formats a range inside a line as its whole line, and no other', async () => {
    const text = FIXTURES.messy;
    const uri = freshUri('range-inside');
    await server().open(text, uri);
    const line = text.split('\n').findIndex((l) => l.startsWith('title'));
    const edits = await server().request<TextEdit[]>('textDocument/rangeFormatting', {
      textDocument: { uri },
      range: { start: { line, character: 2 }, end: { line, character: 4 } },
      options: OPTIONS,
    });
    assert.equal(edits.length, 1, JSON.stringify(edits));
    assert.equal(edits[0].range.start.line, line);
    assert.equal(edits[0].range.end.line, line);
    assert.equal(offsetAt(text, edits[0].range.end) - offsetAt(text, edits[0].range.start), 'title    "Messy"'.length);
    assert.equal(edits[0].newText, '  title "Messy"');
  });
});
