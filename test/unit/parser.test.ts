import * as assert from 'node:assert/strict';
import { createScanner, TokenKind } from '../../server/src/syntax/scanner';
import { parse } from '../../server/src/syntax/parser';
import type * as T from '../../server/src/syntax/tree';
import { nodeAtOffset, nodePathAtOffset } from '../../server/src/syntax/tree';
import { dumpTree, fixture, matchSnapshot, sample } from './util';

/** One fixture per construct of docs/language.md; each must parse without error. */
const CONSTRUCTS: Record<string, string> = {
  'trial-fields': `trial NCT04669496 {
  org_study_id "ZSAB-neoGOLP"
  secondary_id "2020-001"
  title "Brief \\"quoted\\" title"
  official_title "Official title"
  acronym "neoGOLP"
  summary "Line one\\nline two \\u00e9"
  description "Details"
  type interventional
  phase 2/3
  status active_not_recruiting
  enrollment 178 actual
  start 2021-01-20 actual
  primary_completion 2020-01-10 estimated
  completion 2026-12-31 anticipated
  first_submitted 2020-12-01
  first_posted 2020-12-17
  last_update 2025-09-04
  last_verified 2021-07
  conditions "Intrahepatic Cholangiocarcinoma", "Biliary Tract Cancer"
  keywords "PD1 Antibody",
    "Lenvatinib"
  countries "China"
  mesh_conditions "Cholangiocarcinoma"
  mesh_interventions "Gemcitabine", "Oxaliplatin"
  design { allocation randomized  model parallel  masking double  who_masked participant, investigator  purpose treatment }
  sponsor "Shanghai Zhongshan Hospital" other
  collaborator "Shanghai Public Health Clinical Center" other_gov
  responsible_party sponsor
  investigator "Jia Fan, MD & PhD" study_chair at "Shanghai Zhongshan Hospital"
  investigator "Jian Zhou" principal_investigator
  site "Zhongshan Hospital" { city "Shanghai"; state "Shanghai"; zip "200032"; country "China"; status recruiting }
  site "Second site"
  reference background pmid 15192785 "Shaib Y. The epidemiology of cholangiocarcinoma."
  reference result "No PMID for this one."
  ipd_sharing no
  fda_regulated_drug no
  fda_regulated_device no
  results none
}`,
  'trial-phase-word': `trial NCT00000001 { phase early_1 }`,
  drug: `drug toripalimab "PD1 antibody (JS001)"
drug lenvatinib { route PO  aka "E7080", "Lenvima"  class "TKI"  note "8 mg below 60 kg" }
drug capecitabine`,
  intervention: `intervention regimen drug "Neoadjuvant treatment" {
  description "PD1 antibody combined with GEMOX"
  names "GEMOX", "GemOx"
}
intervention resection procedure "Hepatectomy"`,
  'arm-phases': `arm neoadjuvant "Neoadjuvant treatment" experimental {
  description "Three courses, then surgery"
  uses regimen, resection
  neoadjuvant {
    cycle 21 days x 3 {
      oxaliplatin 85 mg/m2 IV day 1
      gemcitabine 1 g/m2 days 1, 8
    }
    lenvatinib 8 mg daily for 9 weeks
    toripalimab 240 mg q3w x 3
  }
  surgery "resection"
  adjuvant {
    cycle 3 weeks x8 { capecitabine 1250 mg/m2 PO bid days 1-14 }
  }
}`,
  'dose-forms': `arm a "A" other {
  carboplatin AUC 5 IV day 1 "Calvert formula"
  gemcitabine dose unstated
  trastuzumab 8 mg/kg IV once
  pegaspargase 2500 IU/m2 IM x 1
  leucovorin 400mg/m2 IV days 1, 15, 29-31
  cisplatin 25 mg/m2 IV q1w for 6 cycles; radiotherapy 2 Gy daily for 5 days
  octreotide 100 mcg SC tid for 2 months
}`,
  'arm-loose-steps': `arm control "Traditional group" no_intervention {
  surgery
  cycle 21 days x 8 { capecitabine 1250 mg/m2 bid days 1-14 }
}`,
  eligibility: `eligibility {
  age 18 to 70 years
  sex all
  healthy_volunteers no
  include "Sign written informed consent"
  include ecog 0-1
  include child_pugh A
  include child_pugh A-B "compensated"
  include platelets >= 90 x10^9/L
  include neutrophils ≥ 1.5 x10^9/L
  include bilirubin <= 1.5 x ULN
  include t3 >= 1 x LLN
  include hemoglobin >= 9 g/dL
  include inr < 1.2
  include creatinine_clearance >= 60 mL/min "Cockcroft-Gault"
  include any "high recurrence risk" { tumor_diameter > 5 cm; "vascular invasion"; ca19_9 > 37 U/mL }
  include all {
    alt <= 3 x ULN
    ast <= 3 x ULN
  }
  exclude prior "PD1 antibody", lenvatinib, "chemotherapy" "in the past"
  exclude hbv_dna > 10^4 copies/mL "after antiviral therapy"
  exclude hcv_rna > 1000
  exclude systolic_bp >= 140 mmHg
  exclude pt = 14 s
}`,
  'eligibility-one-sided-age': `eligibility { age >= 18 years }`,
  outcome: `outcome primary "Objective response rate" {
  time_frame "12 months"
  description "RECIST 1.1"
}
outcome "Overall survival" { time_frame "12 months" }
outcome secondary "Safety"`,
  comments: `// a line comment
/* a block
   comment */ trial NCT00000002 { // trailing
  title "Not // a comment" /* inline */ status recruiting
}`,
};

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

  it('parses both samples without error', () => {
    for (const name of ['NCT04669496.trial', 'NCT03951597.trial']) {
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
    assert.equal(cycle.count!.value, 6);
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
});
