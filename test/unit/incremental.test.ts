/**
 * Incremental analysis (analysis/analysis.ts, syntax/parser.ts `reparse`): an analysis made from
 * the previous version's must equal a from-scratch analysis of the text, after every edit of
 * random edit sequences on the samples, the benchmark's generated protocols and mutated
 * documents; and it must really reuse what the edit did not reach.
 */

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { generateProtocol } from '../../bench/generate';
import { analyzeText, changeBetween, isUsable, type Analysis } from '../../server/src/analysis/analysis';
import { lower } from '../../server/src/model/lower';
import { parse } from '../../server/src/syntax/parser';
import { createProtocolHost } from '../../server/src/host';
import { semanticTokens } from '../../server/src/features/tokens';
import { foldingRanges } from '../../server/src/features/structure';
import { applyMutation, insertion, mutation, SAMPLES } from './documents';

const SEED = 20261207;

/** What an analysis says, without the WeakMap state behind it. */
function plain(analysis: Analysis) {
  return { text: analysis.text, parse: analysis.parse, protocol: analysis.protocol, findings: analysis.findings, suppressions: analysis.suppressions };
}

/** Analyses each text from the previous one's analysis, comparing each with a from-scratch analysis. */
function checkSequence(texts: readonly string[]): void {
  let previous = analyzeText(texts[0]);
  texts.slice(1).forEach((text, i) => {
    const next = analyzeText(text, previous);
    assert.ok(!isUsable(previous) || previous === next, 'the previous analysis is used up');
    const full = analyzeText(text);
    assert.deepStrictEqual(plain(next), plain(full), `after edit ${i + 1}`);
    // Features that keep per-item results answer as for a from-scratch analysis.
    assert.deepStrictEqual(semanticTokens(next), semanticTokens(full), `semantic tokens after edit ${i + 1}`);
    assert.deepStrictEqual(foldingRanges(next), foldingRanges(full), `folding ranges after edit ${i + 1}`);
    previous = next;
  });
}

/** A typing edit: a few characters inserted or deleted at a drawn place. */
const keystroke = fc.record({
  at: fc.integer({ min: 0, max: 1_000_000 }),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 })),
  text: fc.oneof(fc.constant(''), insertion, fc.constantFrom('}', '{', '\n', '"', '/*', '*/', '//', ';', 'arm b "B" {\n', 'x 4', '\n}\n')),
});

function typed(text: string, edits: readonly { at: number; remove: number; text: string }[]): string[] {
  const texts = [text];
  for (const edit of edits) {
    const offset = Math.floor((edit.at / 1_000_001) * (text.length + 1));
    text = text.slice(0, offset) + edit.text + text.slice(Math.min(text.length, offset + edit.remove));
    texts.push(text);
  }
  return texts;
}

describe('incremental analysis', function () {
  this.timeout(300_000);

  it('finds the one change between two texts', function () {
    assert.equal(changeBetween('abc', 'abc'), undefined);
    assert.deepEqual(changeBetween('abcdef', 'abXdef'), { start: 2, oldEnd: 3, newEnd: 3 });
    assert.deepEqual(changeBetween('abc', 'abcd'), { start: 3, oldEnd: 3, newEnd: 4 });
    assert.deepEqual(changeBetween('aaaa', 'aaa'), { start: 3, oldEnd: 4, newEnd: 3 });
    assert.deepEqual(changeBetween('', 'xy'), { start: 0, oldEnd: 0, newEnd: 2 });
    const long = 'x'.repeat(5000);
    assert.deepEqual(changeBetween(long + 'a' + long, long + 'bc' + long), { start: 5000, oldEnd: 5001, newEnd: 5002 });
    assert.deepEqual(changeBetween(long, long.slice(1000)), { start: 4000, oldEnd: 5000, newEnd: 4000 });
    // Against a character-by-character scan, on texts that share long runs.
    const text = fc.array(fc.constantFrom('a', 'b', 'x'.repeat(300), '\n'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, text, (head, middle, tail) => {
        const before = head + middle + tail;
        const after = head + tail;
        let start = 0;
        while (start < after.length && before[start] === after[start]) start++;
        let common = 0;
        while (common < after.length - start && before[before.length - 1 - common] === after[after.length - 1 - common]) common++;
        const expected = before === after ? undefined : { start, oldEnd: before.length - common, newEnd: after.length - common };
        assert.deepEqual(changeBetween(before, after), expected);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('re-parses and re-lowers only the item an edit touches, and moves the ones after it', function () {
    // Two criteria with findings (TPL240, TPL204), to see them kept.
    const text = generateProtocol(600).replace('eligibility {', 'eligibility {\n  include hemoglobin >= 90 g/dL\n  include plateletz >= 100 x10^9/L');
    const before = analyzeText(text);
    const items = before.parse.tree.items;
    const arms = before.protocol.arms;
    const middle = Math.floor(arms.length / 2);
    // A digit typed into the middle arm's first dose amount.
    const at = text.indexOf(' mg', arms[middle].span.offset);
    const after = analyzeText(text.slice(0, at) + '0' + text.slice(at), before);
    assert.equal(after.parse.tree.items.length, items.length);
    const touched = after.parse.tree.items.findIndex((item, i) => item !== items[i]);
    assert.equal(after.parse.tree.items[touched].offset, arms[middle].span.offset, 'the first item not kept is the edited arm');
    assert.equal(after.parse.tree.items.filter((item, i) => item !== items[i]).length, 1, 'every other item keeps its syntax tree');
    assert.deepStrictEqual(
      after.protocol.arms.map((arm, i) => arm === arms[i]),
      arms.map((_, i) => i !== middle),
      'every other arm keeps its model',
    );
    assert.equal(after.protocol.eligibility, before.protocol.eligibility, 'the eligibility after the edit is moved, not lowered again');
    assert.equal(after.protocol.eligibility!.span.offset, text.indexOf('eligibility {') + 1);
    // The eligibility's own findings are kept too (moved), not found again.
    const inEligibility = (analysis: Analysis) => {
      const { offset, length } = analysis.protocol.eligibility!.span;
      return analysis.findings.filter((finding) => finding.offset >= offset && finding.offset < offset + length);
    };
    assert.ok(inEligibility(before).length >= 2, 'the eligibility has findings to keep');
    assert.deepStrictEqual(
      inEligibility(after).map((finding) => inEligibility(before).includes(finding)),
      inEligibility(after).map(() => true),
      "the eligibility's findings are the same objects",
    );
    assert.deepStrictEqual(plain(after), plain(analyzeText(after.text)));
  });

  it('inside the eligibility block, re-parses only the statements an edit reaches and keeps the others', function () {
    const text = generateProtocol(600);
    const before = analyzeText(text);
    const statementsOf = (analysis: Analysis) => {
      const eligibility = analysis.parse.tree.items.find((item) => item.kind === 'Eligibility');
      return eligibility?.kind === 'Eligibility' ? eligibility.body!.items : [];
    };
    const old = statementsOf(before);
    // A digit typed into the number of the platelet criterion (neither its first nor its last token: a statement's
    // parse reads the token after it, and the next statement's the token before it).
    const middle = old.findIndex((statement) => text.startsWith('include platelets >= 100', statement.offset));
    assert.ok(middle > 0 && middle < old.length - 50);
    const at = text.indexOf('100', old[middle].offset) + 1;
    const after = analyzeText(text.slice(0, at) + '0' + text.slice(at), before);
    const now = statementsOf(after);
    assert.equal(now.length, old.length);
    assert.deepStrictEqual(
      now.map((statement, i) => statement === old[i]),
      old.map((_, i) => i !== middle),
      'every other statement keeps its syntax',
    );
    assert.equal(now[middle + 1].offset, old[middle + 1].offset, 'the statements after it are moved');
    assert.deepStrictEqual(plain(after), plain(analyzeText(after.text)));
  });

  it('equals a from-scratch analysis while typing inside the eligibility block', function () {
    const text = generateProtocol(400, 5);
    const start = text.indexOf('eligibility {') + 'eligibility {'.length;
    const end = text.indexOf('\n}', start);
    const inside = fc.record({ at: fc.integer({ min: start, max: end }), remove: fc.integer({ min: 0, max: 12 }), text: keystroke.map((edit) => edit.text) });
    fc.assert(
      fc.property(fc.array(inside, { minLength: 1, maxLength: 15 }), (edits) => {
        const texts = [text];
        for (const edit of edits) {
          const current = texts[texts.length - 1];
          const at = Math.min(edit.at, current.length);
          texts.push(current.slice(0, at) + edit.text + current.slice(Math.min(current.length, at + edit.remove)));
        }
        checkSequence(texts);
      }),
      { numRuns: 25, seed: SEED + 30 },
    );
  });

  it("keeps the arms' findings through an edit of the trial block, unless it changes what the trial is about", function () {
    const text = generateProtocol(600);
    // What the arms' checks found (TPL225: a dose intensity above the label), as opposed to the document-wide checks.
    const armFindings = (analysis: Analysis) => analysis.findings.filter((finding) => finding.code === 'TPL225');
    const before = analyzeText(text);
    assert.ok(armFindings(before).length >= 2, 'the generated arms have findings of their own');
    const at = text.indexOf('Generated text.');
    const summaryEdited = analyzeText(text.slice(0, at) + 'More ' + text.slice(at), before);
    assert.ok(
      armFindings(summaryEdited).every((finding) => armFindings(before).includes(finding)),
      'an edit of the summary keeps them',
    );
    assert.deepStrictEqual(plain(summaryEdited), plain(analyzeText(summaryEdited.text)));
    const title = summaryEdited.text.indexOf('A generated trial');
    const titleEdited = analyzeText(summaryEdited.text.slice(0, title) + 'Lung: ' + summaryEdited.text.slice(title), summaryEdited);
    assert.ok(
      armFindings(titleEdited).every((finding) => !armFindings(summaryEdited).includes(finding)),
      'an edit of the title finds them again',
    );
    assert.deepStrictEqual(plain(titleEdited), plain(analyzeText(titleEdited.text)));
  });

  it('uses an analysis up: the host makes a fresh one for an older version asked again', function () {
    const host = createProtocolHost();
    const first = host.open('u', SAMPLES[0], 1);
    const firstAnalysis = first.analysis();
    const second = host.applyChange('u', [{ offset: SAMPLES[0].length, length: 0, newText: '\n// more\n' }], 2);
    second.analysis();
    assert.equal(isUsable(firstAnalysis), false);
    const again = first.analysis();
    assert.notEqual(again, firstAnalysis);
    assert.deepStrictEqual(plain(again), plain(analyzeText(SAMPLES[0])));
  });

  it("keeps an item's syntax, model and findings apart (a shared object would be moved twice)", function () {
    for (const text of [...SAMPLES, generateProtocol(600)]) {
      for (const item of lower(parse(text).tree).items) {
        const seen = new Set<object>();
        const walk = (value: unknown): void => {
          if (typeof value !== 'object' || value === null) return;
          assert.ok(!seen.has(value), `an object reachable twice in ${item.item.kind} at ${item.item.offset}`);
          seen.add(value);
          for (const field of Object.values(value)) walk(field);
        };
        walk(item.item);
        walk(item.value);
        walk(item.findings);
      }
      const analysis = analyzeText(text);
      const seen = new Set<object>();
      for (const finding of analysis.findings) {
        for (const part of [finding, ...(finding.related ?? []), ...(finding.fixes ?? []).flatMap((fix) => fix.edits)]) {
          assert.ok(!seen.has(part), `a finding's part shared: ${finding.code}`);
          seen.add(part);
        }
      }
    }
  });

  for (const [i, sample] of SAMPLES.entries()) {
    it(`equals a from-scratch analysis while typing in sample ${i + 1}`, function () {
      fc.assert(
        fc.property(fc.array(keystroke, { minLength: 1, maxLength: 25 }), (edits) => checkSequence(typed(sample, edits))),
        { numRuns: 25, seed: SEED + i },
      );
    });
  }

  it('equals a from-scratch analysis while typing in a generated protocol', function () {
    const text = generateProtocol(400, 3);
    fc.assert(
      fc.property(fc.array(keystroke, { minLength: 1, maxLength: 20 }), (edits) => checkSequence(typed(text, edits))),
      { numRuns: 20, seed: SEED + 20 },
    );
  });

  it('equals a from-scratch analysis through deletions, duplications, swaps and truncations', function () {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SAMPLES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 10 }), (index, mutations) => {
        const texts = [SAMPLES[index]];
        for (const each of mutations) texts.push(applyMutation(texts[texts.length - 1], each));
        checkSequence(texts);
      }),
      { numRuns: 150, seed: SEED + 30 },
    );
  });
});
