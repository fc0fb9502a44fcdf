import * as assert from 'node:assert/strict';
import { ResponseError, type DocumentHighlight, type Location, type Range, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { applyTextEdits, freshUri, useServer } from './client';
import { FIXTURES } from './fixtures';
import { load, rangeOfText, service, textAt } from './helpers';

/** `L:C text` for a range, so that a failure shows where and what. */
function show(text: string, range: Range): string {
  return `${range.start.line}:${range.start.character} ${textAt(text, range)}`;
}

describe('lsp: definition, references, highlights and rename', () => {
  const server = useServer();
  const { text } = load('navigation');
  const uri = freshUri('navigation');

  // Every place gemcitabine is named as an identifier: declaration, two dose lines, one prior therapy.
  const declaration = rangeOfText(text, 'gemcitabine', 1);
  const doseInCycle = rangeOfText(text, 'gemcitabine 1 g/m2');
  const doseInArmB = rangeOfText(text, 'gemcitabine 1000');
  const prior = rangeOfText(text, 'gemcitabine, "PD1');
  const drugUses = [doseInCycle, doseInArmB, prior].map((r) => ({
    start: r.start,
    end: { line: r.start.line, character: r.start.character + 'gemcitabine'.length },
  }));
  const gemox = rangeOfText(text, 'gemox');
  const gemoxUses = [rangeOfText(text, 'gemox', 1), rangeOfText(text, 'gemox', 2)];

  before(async () => {
    await server().open(text, uri);
  });

  const at = (range: Range, delta = 2) => ({ line: range.start.line, character: range.start.character + delta });

  it('goes from a dose line to the drug declaration', async () => {
    const location = await server().request<Location | null>('textDocument/definition', { textDocument: { uri }, position: at(doseInArmB) });
    assert.ok(location);
    assert.equal(location.uri, uri);
    assert.equal(show(text, location.range), show(text, declaration));
  });

  it('goes from a prior-therapy mention to the drug declaration', async () => {
    const location = await server().request<Location | null>('textDocument/definition', { textDocument: { uri }, position: at(prior) });
    assert.ok(location);
    assert.equal(show(text, location.range), show(text, declaration));
  });

  it('goes from `uses` to the intervention declaration', async () => {
    const location = await server().request<Location | null>('textDocument/definition', { textDocument: { uri }, position: at(gemoxUses[1]) });
    assert.ok(location);
    assert.equal(show(text, location.range), show(text, gemox));
  });

  it('has no definition for a name inside a string or comment', async () => {
    for (const range of [rangeOfText(text, 'gemcitabine'), rangeOfText(text, 'gemcitabine alone')]) {
      const location = await server().request<Location | null>('textDocument/definition', { textDocument: { uri }, position: at(range) });
      assert.equal(location, null, `definition at ${show(text, range)}`);
    }
  });

  it('finds every reference of a drug: declaration, each dose line and the prior-therapy mention', async () => {
    const withDeclaration = await server().request<Location[]>('textDocument/references', {
      textDocument: { uri },
      position: at(doseInCycle),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      withDeclaration.map((l) => show(text, l.range)),
      [declaration, ...drugUses].map((r) => show(text, r)),
    );
    assert.ok(withDeclaration.every((l) => l.uri === uri));
    const withoutDeclaration = await server().request<Location[]>('textDocument/references', {
      textDocument: { uri },
      position: at(declaration),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(
      withoutDeclaration.map((l) => show(text, l.range)),
      drugUses.map((r) => show(text, r)),
    );
  });

  it('finds every reference of an intervention', async () => {
    const references = await server().request<Location[]>('textDocument/references', {
      textDocument: { uri },
      position: at(gemox),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      references.map((l) => show(text, l.range)),
      [gemox, ...gemoxUses].map((r) => show(text, r)),
    );
  });

  it('highlights the declaration as write and the uses as read', async () => {
    const highlights = await server().request<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: { uri }, position: at(prior) });
    assert.deepEqual(
      highlights.map((h) => `${show(text, h.range)} ${h.kind}`),
      [`${show(text, declaration)} 3`, ...drugUses.map((r) => `${show(text, r)} 2`)],
    );
  });

  it('prepares a rename on a drug with its range and name', async () => {
    const prepared = await server().request<{ range: Range; placeholder: string } | null>('textDocument/prepareRename', {
      textDocument: { uri },
      position: at(doseInArmB),
    });
    assert.ok(prepared);
    assert.equal(prepared.placeholder, 'gemcitabine');
    assert.equal(show(text, prepared.range), show(text, drugUses[1]));
  });

  it('refuses to prepare a rename on a non-symbol (keyword, string, comment, number)', async () => {
    for (const [needle, delta] of [
      ['cycle', 1],
      ['"GEMOX"', 2],
      ['gemcitabine: dosed', 2],
      ['1000', 1],
    ] as const) {
      const prepared = await server().request('textDocument/prepareRename', { textDocument: { uri }, position: at(rangeOfText(text, needle), delta) });
      assert.equal(prepared, null, `prepareRename on ${needle}`);
    }
  });

  it('renames a drug at every occurrence and nowhere in strings or comments', async () => {
    const edit = await server().request<WorkspaceEdit | null>('textDocument/rename', { textDocument: { uri }, position: at(prior), newName: 'gem_renamed' });
    assert.ok(edit?.changes, JSON.stringify(edit));
    assert.deepEqual(Object.keys(edit.changes), [uri]);
    const edits = edit.changes[uri];
    assert.equal(edits.length, 4);
    for (const e of edits) assert.equal(textAt(text, e.range), 'gemcitabine');
    assert.equal(applyTextEdits(text, edits), FIXTURES.navigationRenamed);
  });

  it('renames an intervention at its declaration and every `uses`', async () => {
    const edit = await server().request<WorkspaceEdit | null>('textDocument/rename', { textDocument: { uri }, position: at(gemoxUses[0]), newName: 'regimen' });
    const edits = edit?.changes?.[uri] ?? [];
    assert.deepEqual(edits.map((e) => show(text, e.range)).sort(), [gemox, ...gemoxUses].map((r) => show(text, r)).sort());
    assert.ok(edits.every((e) => e.newText === 'regimen'));
  });

  for (const [newName, why] of [
    ['1gem', 'starts with a digit'],
    ['gem citabine', 'has a space'],
    ['gem-citabine', 'has a hyphen'],
    ['', 'is empty'],
    ['lenvatinib"', 'has a quote'],
  ] as const) {
    it(`answers a rename to a name that ${why} with an error`, async () => {
      await assert.rejects(server().request('textDocument/rename', { textDocument: { uri }, position: at(doseInCycle), newName }), (error: unknown) => {
        assert.ok(error instanceof ResponseError, `expected a ResponseError, got ${String(error)}`);
        assert.match(error.message, /not an identifier/);
        return true;
      });
    });
  }

  it('answers a rename onto another declared name of the same kind with an error', async () => {
    const clash = load('renameClash').text;
    const clashUri = freshUri('clash');
    await server().open(clash, clashUri);
    await assert.rejects(
      server().request('textDocument/rename', { textDocument: { uri: clashUri }, position: { line: 0, character: 6 }, newName: 'oxaliplatin' }),
      (error: unknown) => error instanceof ResponseError && /already exists/.test(error.message),
    );
  });

  it('answers a rename onto a drug that is used but not declared with an error (the two drugs would merge)', async () => {
    const { text: merge } = load('renameMerge');
    const mergeUri = freshUri('merge');
    await server().open(merge, mergeUri);
    let answer: string;
    try {
      const edit = await server().request<WorkspaceEdit | null>('textDocument/rename', {
        textDocument: { uri: mergeUri },
        position: { line: 0, character: 6 },
        newName: 'oxaliplatin',
      });
      answer = `accepted: ${JSON.stringify(applyTextEdits(merge, edit?.changes?.[mergeUri] ?? []))}`;
    } catch (error) {
      assert.ok(error instanceof ResponseError, String(error));
      answer = 'refused';
    }
    assert.equal(answer, 'refused');
  });

  // Keywords are contextual, but a word that starts a statement where the drug is used cannot name
  // it: `surgery 1000 mg/m2 day 1` is a surgery step. Such a rename must be refused, or keep the model.
  it('refuses a rename to a word that would start another statement where the drug is used, or keeps the model', async () => {
    const { text: small } = load('small');
    const smallUri = freshUri('rename-keyword');
    await server().open(small, smallUri);
    const broken: string[] = [];
    for (const newName of ['surgery', 'cycle', 'uses', 'description', 'drug', 'arm', 'eligibility']) {
      let edit: WorkspaceEdit | null;
      try {
        edit = await server().request<WorkspaceEdit | null>('textDocument/rename', {
          textDocument: { uri: smallUri },
          position: { line: 1, character: 4 },
          newName,
        });
      } catch (error) {
        assert.ok(error instanceof ResponseError, String(error));
        continue; // refused: fine
      }
      const renamed = applyTextEdits(small, edit?.changes?.[smallUri] ?? []);
      const expected = JSON.stringify(service.summary(small)).replaceAll('"gemcitabine"', JSON.stringify(newName));
      if (JSON.stringify(service.summary(renamed)) !== expected) {
        const errors = service.analyze(renamed).diagnostics.filter((d) => d.severity === 'error');
        broken.push(
          `'${newName}': accepted, and the result means something else (${errors.map((d) => d.code).join(', ')}): ${JSON.stringify(renamed.split('\n')[1])}`,
        );
      }
    }
    assert.deepEqual(broken, []);
  });
});
