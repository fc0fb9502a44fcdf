import * as assert from 'node:assert/strict';
import { createScanner, isUnitText, TokenKind } from '../../server/src/syntax/scanner';
import { createProtocolService } from '../../server/src/service';
import { parse } from '../../server/src/syntax/parser';
import type * as T from '../../server/src/syntax/tree';
import { nodeAtOffset, nodePathAtOffset } from '../../server/src/syntax/tree';
import { CONSTRUCTS } from './fixtures';
import { dumpTree, fixture, matchSnapshot, sample } from './util';
import { SAMPLE_FILES } from './documents';

describe('parser: every construct', () => {
  for (const [name, source] of Object.entries(CONSTRUCTS)) {
    it(`parses ${name} without error, tree as in its snapshot`, () => {
      const result = parse(source);
      assert.deepEqual(
        result.errors.map((e) => `${e.code} ${e.message}`),
        [],
      );
      matchSnapshot(`parser/${name}.tree`, dumpTree(result.tree, source));
    });
  }

  it('parses every sample without error', () => {
    for (const name of SAMPLE_FILES.map((file) => file.replace(/^samples\//, ''))) {
      const text = sample(name);
      assert.deepEqual(parse(text).errors, [], name);
    }
  });
});

function first<K extends T.Node['kind']>(root: T.Node, kind: K, text: string): Extract<T.Node, { kind: K }> {
  for (let offset = 0; offset <= text.length; offset++) {
    const found = nodePathAtOffset(root, offset).find((node) => node.kind === kind);
    if (found) return found as Extract<T.Node, { kind: K }>;
  }
  throw new Error(`no ${kind} node`);
}

describe('parser: the details that matter', () => {
  it('reads a unit right after its number, and powers of ten as numbers', () => {
    const text = 'eligibility {\n  include platelets >= 90 x10^9/L\n  exclude hbv_dna > 10^4 copies/mL\n}';
    const tree = parse(text).tree;
    const thresholds = (tree.items[0] as T.EligibilityNode).body!.items.map((item) => (item as T.CriterionStatement).criterion as T.ThresholdCriterion);
    assert.equal(thresholds[0].value!.value, 90);
    assert.equal(thresholds[0].unit!.text, 'x10^9/L');
    assert.equal(thresholds[1].value!.value, 10000);
    assert.equal(thresholds[1].value!.text, '10^4');
    assert.equal(thresholds[1].unit!.text, 'copies/mL');
  });

  it('never takes the next line as a unit', () => {
    const text = 'eligibility {\n  exclude hcv_rna > 1000\n  exclude pt > 14 s\n}';
    const result = parse(text);
    assert.deepEqual(result.errors, []);
    const items = (result.tree.items[0] as T.EligibilityNode).body!.items as T.CriterionStatement[];
    assert.equal((items[0].criterion as T.ThresholdCriterion).unit, undefined);
    assert.equal((items[1].criterion as T.ThresholdCriterion).unit!.text, 's');
  });

  it('never takes a schedule word as a unit', () => {
    const text = 'arm a "A" other {\n  lenvatinib 8 daily\n}';
    const result = parse(text);
    assert.deepEqual(
      result.errors.map((e) => [e.code, text.slice(e.offset, e.offset + e.length)]),
      [['TPL010', 'daily']],
    );
  });

  it('reads day lists with ranges, and the cycle header', () => {
    const text = 'arm a "A" other {\n  cycle 28 days x 6 {\n    leucovorin 400 mg/m2 days 1, 15, 29-31\n  }\n}';
    const tree = parse(text).tree;
    const cycle = first(tree, 'Cycle', text);
    assert.equal(cycle.cycleLength!.value, 28);
    assert.equal(cycle.cycleLengthUnit!.text, 'days');
    assert.deepEqual(
      cycle.clauses.map((clause) => clause.kind === 'Count' && clause.value?.value),
      [6],
    );
    const days = first(tree, 'Days', text);
    assert.deepEqual(
      days.items.map((r) => [r.from.value, r.to?.value]),
      [
        [1, undefined],
        [15, undefined],
        [29, 31],
      ],
    );
  });

  it('gives every node a range inside its parent, and finds nodes by offset', () => {
    const { text, cursor } = fixture('arm a "A" other {\n  gemcitabine 1 g$0/m2 days 1, 8\n}');
    const tree = parse(text).tree;
    assert.equal(nodeAtOffset(tree, cursor!).kind, 'Unit');
    const path = nodePathAtOffset(tree, cursor!).map((node) => node.kind);
    assert.deepEqual(path, ['Document', 'Arm', 'Block', 'Dose', 'Amount', 'Unit']);
  });
});

describe('scanner', () => {
  function tokens(text: string): string[] {
    const scanner = createScanner(text);
    const out: string[] = [];
    while (scanner.scan() !== TokenKind.EOF) out.push(`${scanner.token()}:${scanner.tokenText()}`);
    return out;
  }

  it('reads dates before numbers, and keeps ranges apart', () => {
    assert.deepEqual(tokens('2021-01-20 2021-07 1-14 2021'), [
      `${TokenKind.Date}:2021-01-20`,
      `${TokenKind.Date}:2021-07`,
      `${TokenKind.Number}:1`,
      `${TokenKind.Dash}:-`,
      `${TokenKind.Number}:14`,
      `${TokenKind.Number}:2021`,
    ]);
  });

  it('reads comparators in ASCII and Unicode', () => {
    const scanner = createScanner('>= ≥ <= ≤ > < =');
    const values: string[] = [];
    while (scanner.scan() !== TokenKind.EOF) values.push(scanner.tokenValue());
    assert.deepEqual(values, ['>=', '>=', '<=', '<=', '>', '<', '=']);
  });

  it('decodes string escapes and flags bad ones', () => {
    const scanner = createScanner('"a\\"b\\\\c\\n\\u00e9" "bad \\q"');
    scanner.scan();
    assert.equal(scanner.tokenValue(), 'a"b\\c\né');
    scanner.scan();
    assert.notEqual(scanner.tokenError(), 0);
    assert.equal(scanner.tokenErrorOffset(), 23);
  });

  it('records comments and line breaks', () => {
    const scanner = createScanner('a // one\n/* two */ b');
    scanner.scan();
    assert.equal(scanner.precededByLineBreak(), false);
    scanner.scan();
    assert.equal(scanner.tokenText(), 'b');
    assert.equal(scanner.precededByLineBreak(), true);
    assert.deepEqual(
      scanner.comments().map((c) => c.block),
      [false, true],
    );
  });

  it('rescans a unit up to a separator, balancing braces', () => {
    const scanner = createScanner('{copies}/mL, next');
    scanner.scan();
    scanner.rescanAsUnit();
    assert.equal(scanner.token(), TokenKind.Unit);
    assert.equal(scanner.tokenText(), '{copies}/mL');
  });

  it("takes UCUM's balanced parentheses into a unit (g/(24.h)), and stops before an unclosed one", () => {
    const unitOf = (text: string) => {
      const scanner = createScanner(text);
      scanner.scan();
      scanner.rescanAsUnit();
      return scanner.tokenText();
    };
    assert.equal(unitOf('g/(24.h) "note"'), 'g/(24.h)');
    assert.equal(unitOf('mg/((24.h).m2), next'), 'mg/((24.h).m2)');
    assert.equal(unitOf('mg/(24.h "note"'), 'mg/');
    assert.equal(unitOf('mg/(24.h; next)'), 'mg/');
    assert.ok(isUnitText('g/(24.h)') && !isUnitText('g/(24.h') && !isUnitText('g/24.h)'));
    const analysis = createProtocolService().analyze('eligibility {\n  exclude urine_protein > 1 g/(24.h)\n}\n');
    assert.deepEqual(
      analysis.diagnostics.filter((d) => d.code === 'TPL001' || d.code === 'TPL104').map((d) => d.message),
      [],
    );
    const criterion = analysis.protocol.eligibility?.exclusion[0];
    assert.ok(criterion?.kind === 'threshold');
    assert.deepEqual([criterion.unit, criterion.normalized], ['g/(24.h)', { value: 1, unit: 'g/(24.h)' }]);
  });
});
