/**
 * The one printer: the protocol printed, parsed and lowered again is the same protocol (without
 * source offsets), on the samples, every diagnostic fixture and the property-test documents; and
 * no text, however hostile, can add a statement.
 */

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText } from '../../server/src/analysis/analysis';
import { printProtocol } from '../../server/src/model/print';
import { withoutSpans } from '../../server/src/summary/summary';
import { commentLines, printItems, quote, str, word } from '../../server/src/syntax/print';
import { mutatedSample, randomDocument, SAMPLES } from './documents';
import { CASES } from './fixtures';

function checkRoundTrip(text: string): void {
  const protocol = analyzeText(text).protocol;
  const printed = printProtocol(protocol);
  const again = analyzeText(printed);
  assert.deepStrictEqual(withoutSpans(again.protocol), withoutSpans(protocol), `printed:\n${printed}`);
  assert.equal(printProtocol(again.protocol), printed, 'printing is stable');
}

const HOSTILE = ['"', '\\', '\n', '\r\n', '\r', '\u2028', '*/', '/*', '//', '}', '{', ';', 'arm x "X" other {}', '\n}\ntrial NCT99999999 {', '\u0000', '\t'];

describe('printer', function () {
  this.timeout(300_000);

  for (const [i, sample] of SAMPLES.entries()) {
    it(`prints sample ${i + 1} back to the same protocol`, function () {
      checkRoundTrip(sample);
    });
  }

  it('prints every diagnostic fixture back to the same protocol', function () {
    for (const { bad, good } of Object.values(CASES)) {
      checkRoundTrip(good);
      checkRoundTrip(bad.replace(/^\s*\^+ \w+$/gm, ''));
    }
  });

  it('prints random and mutated documents back to the same protocol', function () {
    fc.assert(fc.property(fc.oneof(randomDocument, mutatedSample), checkRoundTrip), { numRuns: 2000, seed: 42 });
  });

  it('keeps hostile text inside its string or comment', function () {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...HOSTILE, 'a', ' '), { maxLength: 12 }).map((parts) => parts.join('')),
        (text) => {
          const printed = printItems([
            { comment: text },
            { tokens: [word('trial'), word('NCT00000001')], block: [{ tokens: [word('title'), str(text)], comments: [text] }] },
          ]);
          const analysis = analyzeText(printed);
          assert.equal(analysis.protocol.trial?.title, text.replace(/\r\n?/g, '\n'), printed);
          assert.equal(analysis.protocol.arms.length, 0, 'no arm was added');
          assert.deepEqual(
            analysis.parse.tree.items.map((item) => item.kind),
            ['Trial'],
            printed,
          );
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('quotes with the escapes the scanner reads, and breaks comments at every line end', function () {
    assert.equal(quote('a "b" \\ c\nd\te\u0001'), '"a \\"b\\" \\\\ c\\nd\\te\\u0001"');
    assert.deepEqual(commentLines('one\ntwo\r\nthree\u2028four', '  '), ['  // one', '  // two', '  // three', '  // four']);
    assert.deepEqual(word('not a word'), { kind: 'string', text: 'not a word' }, 'a word that is not an identifier becomes a string');
  });
});
