/**
 * The host: edits in, immutable analyses out. Whatever the host reuses between versions, its
 * analysis of a version must equal a from-scratch analysis of the same text — checked after
 * every edit of random edit sequences on the property-test documents and the samples.
 */

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText } from '../../server/src/analysis/analysis';
import { applyEdits, createProtocolHost, type DocumentEdit } from '../../server/src/host';
import { insertion, mutatedSample, randomDocument, SAMPLES } from './documents';

const SEED = 20261128;

/** An edit at a drawn position: a deletion, an insertion of language tokens, or a replacement. */
const edit: fc.Arbitrary<{ at: number; length: number; text: string }> = fc.record({
  at: fc.integer({ min: 0, max: 1_000_000 }),
  length: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })),
  text: fc.oneof(fc.constant(''), insertion),
});

/** Places a drawn edit inside the current text, as an editor would send it. */
function placed(text: string, drawn: { at: number; length: number; text: string }): DocumentEdit {
  const offset = text.length === 0 ? 0 : drawn.at % (text.length + 1);
  return { offset, length: Math.min(drawn.length, text.length - offset), newText: drawn.text };
}

function checkEdits(initial: string, drawn: readonly { at: number; length: number; text: string }[]): void {
  const host = createProtocolHost();
  host.open('file:///doc.trial', initial, 1);
  let text = initial;
  drawn.forEach((each, i) => {
    const change = placed(text, each);
    text = applyEdits(text, [change]);
    const snapshot = host.applyChange('file:///doc.trial', [change], i + 2);
    assert.equal(snapshot.text, text, 'the host applies the edit as an editor does');
    assert.equal(snapshot.version, i + 2);
    assert.deepStrictEqual(snapshot.analysis(), analyzeText(text), `after edit ${i + 1} (${JSON.stringify(change)})`);
  });
}

describe('host', function () {
  this.timeout(300_000);

  it('applies edits in order, each to the text the previous one left, and clamps stale ranges', function () {
    assert.equal(
      applyEdits('abcdef', [
        { offset: 1, length: 2, newText: 'X' },
        { offset: 0, length: 1, newText: 'Y' },
      ]),
      'YXdef',
    );
    assert.equal(applyEdits('abc', [{ offset: 10, length: 5, newText: '!' }]), 'abc!');
    const host = createProtocolHost();
    host.open('u', 'trial NCT00000001 {}', 1);
    const snapshot = host.applyChange('u', [{ offset: 6, length: 11, newText: 'NCT12345678' }], 2);
    assert.equal(snapshot.analysis().protocol.trial?.nctId, 'NCT12345678');
    assert.equal(host.snapshot('u'), snapshot, 'the latest version is kept');
  });

  it('hands out one analysis per version, and a new one for the next', function () {
    const host = createProtocolHost();
    const first = host.open('u', SAMPLES[0], 1);
    assert.equal(first.analysis(), first.analysis(), 'computed once per version');
    const second = host.applyChange('u', [{ offset: 0, length: 0, newText: ' ' }], 2);
    assert.notEqual(second.analysis(), first.analysis());
    assert.equal(first.analysis().text, SAMPLES[0], 'an earlier version keeps its own analysis');
  });

  it('applies rules when publishing: a rule change re-publishes without re-analysing', function () {
    const host = createProtocolHost();
    const snapshot = host.open('u', 'trial NCT00000001 { titel "x" }', 1);
    const analysis = snapshot.analysis();
    const severityOf = (code: string) => host.diagnostics(analysis).find((d) => d.code === code)?.severity;
    assert.equal(severityOf('TPL011'), 'error');
    assert.deepEqual(host.setRules({ TPL011: 'warning', 'no.such-rule': 'off' }), ['no.such-rule']);
    assert.equal(snapshot.analysis(), analysis, 'the analysis is the same object');
    assert.equal(severityOf('TPL011'), 'warning');
    host.setRules({ 'syntax.unknown-statement': 'off' });
    assert.equal(severityOf('TPL011'), undefined);
  });

  for (const [i, sample] of SAMPLES.entries()) {
    it(`equals a from-scratch analysis after random edits of sample ${i + 1}`, function () {
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (drawn) => checkEdits(sample, drawn)),
        { numRuns: 60, seed: SEED + i },
      );
    });
  }

  it('equals a from-scratch analysis after random edits of random and mutated documents', function () {
    fc.assert(fc.property(fc.oneof(randomDocument, mutatedSample), fc.array(edit, { minLength: 1, maxLength: 6 }), checkEdits), {
      numRuns: 300,
      seed: SEED + 10,
    });
  });
});
