import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../server/src/features/legend';
import { applyEdits } from '../../server/src/features/format';
import { createProtocolService } from '../../server/src/service';
import { allFixtureSources } from './fixtures';
import { fixture, sample } from './util';
import { SAMPLE_FILES } from './documents';

const service = createProtocolService();
const SAMPLES = SAMPLE_FILES.map((file) => sample(file.replace(/^samples\//, '')));

/** Completion labels at `$0`, in the order an editor would sort them. */
function completionLabels(source: string): string[] {
  const { text, cursor } = fixture(source);
  const { items } = service.complete(service.analyze(text), cursor!);
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((item) => item.label);
}

function checkCompletion(source: string, expected: { includes?: string[]; excludes?: string[]; first?: string[]; empty?: boolean }): void {
  const labels = completionLabels(source);
  if (expected.empty) assert.deepEqual(labels, []);
  for (const label of expected.includes ?? []) assert.ok(labels.includes(label), `'${label}' missing from ${JSON.stringify(labels.slice(0, 30))}`);
  for (const label of expected.excludes ?? []) assert.ok(!labels.includes(label), `'${label}' should not be offered`);
  if (expected.first) assert.deepEqual(labels.slice(0, expected.first.length), expected.first);
}

function checkHover(source: string, expected: { contains?: string[]; none?: boolean }): void {
  const { text, cursor } = fixture(source);
  const result = service.hover(service.analyze(text), cursor!, DEFAULT_SETTINGS);
  if (expected.none) {
    assert.equal(result, undefined);
    return;
  }
  assert.ok(result, 'no hover');
  for (const part of expected.contains ?? []) assert.ok(result.markdown.includes(part), `hover lacks '${part}':\n${result.markdown}`);
}

describe('completion', () => {
  it('offers top-level keywords and snippets at the top', () => checkCompletion('$0', { includes: ['trial', 'arm', 'eligibility', 'drug', 'outcome'] }));

  it('offers the fields of the block it is in', () => {
    checkCompletion('trial NCT00000001 {\n  $0\n}', { includes: ['title', 'phase', 'status', 'design'], excludes: ['include', 'cycle'] });
    checkCompletion('trial NCT00000001 {\n  design { $0 }\n}', { includes: ['allocation', 'model', 'masking', 'purpose'], excludes: ['title'] });
  });

  it('offers enum values after a field', () => {
    checkCompletion('trial NCT00000001 {\n  status $0\n}', { includes: ['recruiting', 'active_not_recruiting'], excludes: ['randomized'] });
    checkCompletion('trial NCT00000001 {\n  design { allocation $0 }\n}', { includes: ['randomized', 'non_randomized', 'na'] });
    checkCompletion('arm a "A" $0', { includes: ['experimental', 'no_intervention'] });
  });

  it('offers declared drugs before known ones in an arm, with the arm keywords', () => {
    const labels = completionLabels('drug toripalimab "JS001"\narm a "A" experimental {\n  $0\n}');
    assert.equal(labels[0], 'toripalimab');
    for (const label of ['gemcitabine', 'cycle', 'surgery', 'neoadjuvant']) assert.ok(labels.includes(label), label);
  });

  it("offers the units of the drug's dose basis after its dose number", () => {
    checkCompletion('arm a "A" other {\n  gemcitabine 1000 $0\n}', { first: ['mg/m2'], excludes: ['mg/kg'] });
    checkCompletion('arm a "A" other {\n  lenvatinib 8 $0\n}', { first: ['mg'], excludes: ['mg/m2'] });
  });

  it('offers routes, frequencies and schedule words after a dose amount, the label route first', () => {
    checkCompletion('arm a "A" other {\n  capecitabine 1250 mg/m2 $0\n}', { first: ['PO'], includes: ['bid', 'q3w', 'days', 'for', 'x'] });
  });

  it('offers analytes after include, comparators after an analyte, and its units after a value', () => {
    checkCompletion('eligibility {\n  include $0\n}', { includes: ['platelets', 'bilirubin', 'any', 'all', 'prior'] });
    checkCompletion('eligibility {\n  include platelets $0\n}', { first: ['>='] });
    checkCompletion('eligibility {\n  include platelets >= 100 $0\n}', { includes: ['x10^9/L'], excludes: ['x ULN'] });
    checkCompletion('eligibility {\n  include bilirubin <= 1.5 $0\n}', { includes: ['x ULN', 'umol/L', 'mg/dL'] });
    checkCompletion('eligibility {\n  include child_pugh $0\n}', { includes: ['A', 'B', 'C'] });
  });

  it('offers nothing inside a string or a comment', () => {
    checkCompletion('trial NCT00000001 {\n  title "Gem$0"\n}', { empty: true });
    checkCompletion('// a comment $0\n', { empty: true });
  });

  it('reads the context of half-written code', () => {
    checkCompletion('arm a "A" other {\n  cycle 21 days x 3 {\n    oxaliplatin 85 $0', { first: ['mg/m2'] });
  });
});

describe('hover', () => {
  it('shows what a dose line implies, normalised, per cycle, over the course and for the reference patient', () =>
    checkHover('arm a "A" other {\n  cycle 21 days x 3 {\n    gem$0citabine 1 g/m2 days 1, 8\n  }\n}', {
      contains: [
        '1 g/m2 = **1000 mg/m2**',
        'per cycle: 2 administrations, 2000 mg/m2',
        'whole course: 6 administrations, 6000 mg/m2',
        'BSA 1.73 m2',
        '1730 mg per administration',
        'Labelled doses',
        'FDA label',
      ],
    }));

  it("shows an analyte's conversion and units", () =>
    checkHover('eligibility {\n  include hemo$0globin >= 9 g/dL\n}', { contains: ['9 g/dL = 90 g/L', 'Hemoglobin', 'Plausible'] }));

  it('documents keywords and enum values', () => {
    checkHover('arm a "A" other {\n  cy$0cle 21 days x 3 { oxaliplatin 85 mg/m2 day 1 }\n}', { contains: ['treatment cycle'] });
    checkHover('trial NCT00000001 { status active_not$0_recruiting }', { contains: ['no longer recruiting'] });
  });

  it('says nothing on whitespace', () => checkHover('trial NCT00000001 {\n $0\n}', { none: true }));
});

describe('navigation and rename', () => {
  const source =
    'drug lenvatinib "Lenvatinib"\narm a "A" other {\n  lenva$0tinib 8 mg daily "lenvatinib note"\n}\n// lenvatinib in a comment\neligibility { exclude prior lenvatinib }';

  it('finds the declaration and every use, never text in strings or comments', () => {
    const { text, cursor } = fixture(source);
    const analysis = service.analyze(text);
    const definition = service.definition(analysis, cursor!)!;
    assert.equal(definition.offset, text.indexOf('lenvatinib'));
    const refs = service.references(analysis, cursor!, { includeDeclaration: true });
    assert.deepEqual(
      refs.map((r) => r.offset),
      [text.indexOf('lenvatinib'), text.indexOf('lenvatinib 8'), text.lastIndexOf('lenvatinib')],
    );
  });

  it('renames every occurrence and refuses a name that is not an identifier', () => {
    const { text, cursor } = fixture(source);
    const analysis = service.analyze(text);
    const result = service.rename(analysis, cursor!, 'e7080');
    assert.ok('edits' in result);
    const renamed = applyEdits(text, result.edits);
    assert.equal(renamed, text.replace('drug lenvatinib', 'drug e7080').replace('  lenvatinib 8', '  e7080 8').replace('prior lenvatinib', 'prior e7080'));
    assert.ok(renamed.includes('"lenvatinib note"') && renamed.includes('// lenvatinib in a comment'));
    assert.ok('error' in service.rename(analysis, cursor!, '2bad'));
    assert.equal(service.prepareRename(analysis, text.indexOf('daily')), undefined);
  });
});

describe('formatting', () => {
  it('lays out a messy document canonically', () => {
    const messy = 'arm a "A" other {\n      cycle 21 days   x 3 {\n oxaliplatin 85 mg/m2 day 1\n}\n\n\n\n  surgery   }\n';
    const edits = service.formatDocument(service.analyze(messy));
    assert.equal(applyEdits(messy, edits), 'arm a "A" other {\n  cycle 21 days x 3 {\n    oxaliplatin 85 mg/m2 day 1\n  }\n\n  surgery }\n');
  });

  it('is idempotent and never changes the model, on both samples and every test fixture', () => {
    const texts = [...SAMPLES, ...allFixtureSources().map((source) => fixture(source).text)];
    assert.ok(texts.length > 60);
    for (const text of texts) {
      const once = applyEdits(text, service.formatDocument(service.analyze(text)));
      assert.deepEqual(service.formatDocument(service.analyze(once)), [], `not idempotent:\n${text}`);
      assert.deepEqual(service.summary(once), service.summary(text), `the model changed:\n${text}`);
      assert.deepEqual(
        service.analyze(once).diagnostics.map((d) => d.code),
        service.analyze(text).diagnostics.map((d) => d.code),
        `the diagnostics changed:\n${text}`,
      );
    }
  });

  it('formats only the lines a range touches', () => {
    const text = 'arm a "A" other {\n      surgery\n      surgery\n}\n';
    const edits = service.formatRange(service.analyze(text), { offset: text.indexOf('surgery'), length: 1 });
    assert.equal(applyEdits(text, edits), 'arm a "A" other {\n  surgery\n      surgery\n}\n');
  });
});

describe('code actions', () => {
  it('offers the quick fix of a diagnostic in range, and fixing it clears the diagnostic', () => {
    const text = 'arm a "A" other { oxaliplatine 85 mg/m2 day 1 }';
    const analysis = service.analyze(text);
    const actions = service.quickFixes(analysis, { offset: text.indexOf('oxaliplatine'), length: 0 });
    const fix = actions.find((a) => a.title === "Change to 'oxaliplatin'");
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.diagnostic?.code, 'TPL211');
    const fixed = applyEdits(text, fix.edits);
    assert.ok(!service.analyze(fixed).diagnostics.some((d) => d.code === 'TPL211'));
  });

  it('fixes all preferred fixes at once', () => {
    const text = 'eligibility {\n  exclude hbv_dna > 104 copies/mL\n  include neutrophils >= 1.5*109/L\n  age 70 to 18 years\n}';
    const all = service.fixAll(service.analyze(text))!;
    const fixed = applyEdits(text, all.edits);
    assert.equal(fixed, 'eligibility {\n  exclude hbv_dna > 10^4 copies/mL\n  include neutrophils >= 1.5 x10^9/L\n  age 18 to 70 years\n}');
  });
});

describe('structure, tokens and hints', () => {
  it('outlines trial, drugs, arms with phases, cycles and doses, and eligibility', () => {
    const outline = service.outline(service.analyze(SAMPLES[0]));
    assert.deepEqual(outline.map((s) => `${s.kind}:${s.name}`).slice(0, 2), ['trial:NCT04669496', 'drug:oxaliplatin']);
    const arm = outline.find((s) => s.kind === 'arm' && s.name === 'neoadjuvant')!;
    assert.deepEqual(
      arm.children.map((c) => `${c.kind}:${c.name}`),
      ['phase:neoadjuvant', 'surgery:surgery', 'phase:adjuvant'],
    );
    assert.deepEqual(
      arm.children[0].children.map((c) => c.name),
      ['cycle 21 days x 3', 'lenvatinib', 'toripalimab'],
    );
  });

  it('classifies the tokens that matter', () => {
    const text = 'arm neo "N" experimental {\n  gemcitabine 1 g/m2 days 1, 8\n}\neligibility { include platelets >= 90 x10^9/L }';
    const tokens = service
      .semanticTokens(service.analyze(text))
      .map((t) => `${text.slice(t.offset, t.offset + t.length)}:${t.type}${t.modifiers.length ? `+${t.modifiers.join('+')}` : ''}`);
    for (const expected of [
      'neo:arm+declaration',
      'experimental:enumMember',
      'gemcitabine:drug',
      '1:number',
      'g/m2:unit',
      'days:keyword',
      'platelets:analyte',
      '>=:operator',
      'x10^9/L:unit',
    ]) {
      assert.ok(tokens.includes(expected), `${expected} not in ${tokens.join(' ')}`);
    }
  });

  it('hints the normalised dose and the total per cycle', () => {
    const text = 'arm a "A" other {\n  cycle 21 days x 3 { gemcitabine 1 g/m2 days 1, 8 }\n}';
    const hints = service.inlayHints(service.analyze(text), { offset: 0, length: text.length });
    assert.deepEqual(
      hints.map((h) => h.label),
      [' = 1000 mg/m2 · 2000 mg/m2/cycle'],
    );
  });

  it('folds multi-line blocks and comments, and selects outward from a word', () => {
    const text = '/* one\n   two */\narm a "A" other {\n  surgery\n}';
    const analysis = service.analyze(text);
    const folds = service.foldingRanges(analysis);
    assert.equal(folds.length, 2);
    const [chain] = service.selectionRanges(analysis, [text.indexOf('surgery') + 2]);
    assert.deepEqual(
      chain.map((s) => text.slice(s.offset, s.offset + s.length)),
      ['surgery', 'surgery', '{\n  surgery\n}', 'arm a "A" other {\n  surgery\n}', text].filter((s, i, all) => i === 0 || s !== all[i - 1]),
    );
  });
});
