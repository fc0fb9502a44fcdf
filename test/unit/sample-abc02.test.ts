/**
 * samples/NCT00262769.trial: ABC-02 (Valle et al., N Engl J Med 2010;362:1273-81), cisplatin plus
 * gemcitabine against gemcitabine alone in advanced biliary tract cancer. The totals below are
 * worked out by hand from the published schedules, never read back from the engine.
 */

import * as assert from 'node:assert/strict';
import type { TrialSummary } from '../../server/src/summary/summary';
import { checkedSummary, doses, thresholdOf } from './sample-check';

const NAME = 'NCT00262769.trial';

/**
 * The diagnostics the sample keeps, in order: code, severity, a piece of the message.
 * - TPL254: the sample leaves out the start, primary completion and completion dates and the
 *   responsible party, which the registry requires: the record's fields were not seen (only the
 *   beginning of its public mirrors was at hand), and the sample does not invent them.
 * - TPL255 x 4: the outcomes are the record's stated objectives (overall survival; progression-free
 *   survival, toxicity, quality of life), which give no time frame.
 */
const EXPECTED = [
  'TPL254 warning start, primary_completion, completion, responsible_party',
  "TPL255 warning The outcome 'Overall survival' has no time frame",
  "TPL255 warning The outcome 'Progression-free survival' has no time frame",
  "TPL255 warning The outcome 'Toxicity' has no time frame",
  "TPL255 warning The outcome 'Quality of life' has no time frame",
];

function findDose(summary: TrialSummary, armId: string, drug: string) {
  const found = doses(summary, armId).filter((d) => d.dose.drug === drug);
  assert.equal(found.length, 1, `${drug} in ${armId}`);
  return found[0];
}

/** Rounds away the engine's floating-point tail (16.6666666667). */
function near(actual: number | undefined, expected: number): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-6, `${actual} is not ${expected}`);
}

const summaryOf = (name: string): TrialSummary => checkedSummary(name, EXPECTED);

describe('sample NCT00262769 (ABC-02: cisplatin plus gemcitabine vs gemcitabine, biliary tract cancer)', () => {
  const summary = summaryOf(NAME);
  const trial = summary.trial!;

  it('identification, phase, status, enrollment and design', () => {
    assert.equal(trial.nctId, 'NCT00262769');
    assert.equal(trial.orgStudyId, 'CDR0000455013');
    assert.deepEqual(
      trial.secondaryIds.map((s) => [s.id, s.type]),
      [
        ['CRUK-ABC-02', undefined],
        ['EU-205103', undefined],
        ['ISRCTN82956140', 'registry'],
        ['EUDRACT-2004-004882-14', 'eudract'],
        ['CTA-21266/0005/001', undefined],
      ],
    );
    assert.equal(trial.acronym, 'ABC-02');
    assert.match(trial.title!, /^Gemcitabine With or Without Cisplatin in Treating Patients With Unresectable/);
    assert.match(trial.officialTitle!, /A Multicentre, Randomized Phase III Study$/);
    assert.equal(trial.type, 'interventional');
    assert.equal(trial.phase, '3');
    assert.equal(trial.status, 'completed');
    // 410 randomized in the publication: 204 + 206.
    assert.deepEqual(trial.enrollment, { count: 204 + 206 });
    assert.equal(trial.start, undefined, 'the record’s dates were not seen and are not invented');
    assert.deepEqual(trial.design, { allocation: 'randomized', model: 'parallel', masking: 'none', purpose: 'treatment' });
    assert.deepEqual(trial.sponsor, { name: 'University College, London', class: 'other' });
    assert.deepEqual(trial.collaborators, [{ name: 'Eli Lilly and Company', class: 'industry' }]);
    assert.deepEqual(trial.conditions, ['Extrahepatic Bile Duct Cancer', 'Gallbladder Cancer']);
    assert.equal(trial.keywords.length, 8);
    assert.deepEqual(trial.meshInterventions, ['Cisplatin', 'Gemcitabine']);
    assert.deepEqual(trial.countries, ['United Kingdom']);
    assert.deepEqual(
      trial.references.map((r) => [r.type, r.pmid]),
      [['result', 20375404]],
    );
    assert.match(trial.references[0].citation, /N Engl J Med\. 2010;362\(14\):1273-81/);
  });

  it('two arms: the combination (experimental) and gemcitabine alone (active comparator)', () => {
    assert.deepEqual(
      summary.arms.map((a) => [a.id, a.type, a.drugs]),
      [
        ['cisplatin_gemcitabine', 'experimental', ['cisplatin', 'gemcitabine']],
        ['gemcitabine_alone', 'active_comparator', ['gemcitabine']],
      ],
    );
    assert.deepEqual(
      summary.drugs.map((d) => [d.id, d.route]),
      [
        ['cisplatin', 'IV'],
        ['gemcitabine', 'IV'],
      ],
    );
  });

  it('cisplatin 25 mg/m2 then gemcitabine 1000 mg/m2 IV, days 1 and 8 of 21-day cycles, up to 8 cycles', () => {
    const cis = findDose(summary, 'cisplatin_gemcitabine', 'cisplatin');
    const gem = findDose(summary, 'cisplatin_gemcitabine', 'gemcitabine');
    assert.equal(gem.cycle, cis.cycle, 'one cycle block holds both');
    assert.equal(cis.cycle?.lengthDays, 21);
    assert.deepEqual(cis.cycle?.cycles, { kind: 'upTo', max: 8 });
    assert.deepEqual(cis.cycle?.upTo, { value: 8, unit: 'cycles' });
    assert.equal(cis.cycle?.count, undefined, 'a cap, not an exact count');
    assert.deepEqual(cis.dose.amount, { form: 'quantity', value: 25, unit: 'mg/m2', ucum: 'mg/m2', normalized: { value: 25, unit: 'mg/m2', basis: 'bsa' } });
    assert.deepEqual(gem.dose.amount, {
      form: 'quantity',
      value: 1000,
      unit: 'mg/m2',
      ucum: 'mg/m2',
      normalized: { value: 1000, unit: 'mg/m2', basis: 'bsa' },
    });
    assert.deepEqual([cis.dose.route, gem.dose.route], ['IV', 'IV']);
    assert.deepEqual(
      [cis.dose.days, gem.dose.days],
      [
        [1, 8],
        [1, 8],
      ],
    );
    assert.deepEqual(cis.dose.notes, ['before gemcitabine']);
    // 8 cycles of 21 days = 24 weeks, the publication's "up to 24 weeks".
    assert.equal((8 * 21) / 7, 24);
  });

  it('the combination arm totals, worked out by hand for the capped course ("up to")', () => {
    const cis = findDose(summary, 'cisplatin_gemcitabine', 'cisplatin').dose.implied;
    const gem = findDose(summary, 'cisplatin_gemcitabine', 'gemcitabine').dose.implied;

    const perCycle = 2; // days 1 and 8
    const maxCycles = 8; // up to 8 cycles
    for (const implied of [cis, gem]) {
      assert.equal(implied.administrationsPerCycle, perCycle);
      assert.deepEqual(implied.cycles, { kind: 'upTo', max: maxCycles });
      // Up to 2 x 8 = 16 administrations; never an exact total for a cap.
      assert.deepEqual(implied.administrations, { kind: 'upTo', max: perCycle * maxCycles });
      assert.equal(implied.totalAdministrations, undefined);
      assert.equal(implied.cumulative, undefined, 'no exact cumulative dose for a capped course');
    }

    // Cisplatin: 25 mg/m2 x 2 = 50 mg/m2 a cycle; up to 50 x 8 = 400 mg/m2 over the capped course.
    assert.deepEqual(cis.perCycle, { value: 25 * 2, unit: 'mg/m2' });
    assert.deepEqual(cis.cumulativeTotal, { kind: 'upTo', value: 25 * 2 * 8, unit: 'mg/m2' });
    // Dose intensity: 50 mg/m2 every 21 days = 50 / 3 mg/m2 a week.
    assert.equal(cis.perWeek?.unit, 'mg/m2');
    near(cis.perWeek?.value, 50 / 3);
    // Reference patient (BSA 1.73 m2): 25 x 1.73 = 43.25 mg a dose; up to 43.25 x 16 = 692 mg.
    near(cis.reference?.perAdministration?.value, 25 * 1.73);
    assert.equal(cis.reference?.cumulative?.kind, 'upTo');
    near(cis.reference?.cumulative?.value, 25 * 1.73 * 16);

    // Gemcitabine: 1000 x 2 = 2000 mg/m2 a cycle; up to 2000 x 8 = 16000 mg/m2.
    assert.deepEqual(gem.perCycle, { value: 1000 * 2, unit: 'mg/m2' });
    assert.deepEqual(gem.cumulativeTotal, { kind: 'upTo', value: 1000 * 2 * 8, unit: 'mg/m2' });
    // 2000 mg/m2 every 21 days = 2000 / 3 mg/m2 a week.
    near(gem.perWeek?.value, 2000 / 3);
  });

  it('gemcitabine alone: 1000 mg/m2 IV days 1, 8 and 15 of 28-day cycles, up to 6 cycles, and its totals by hand', () => {
    const gem = findDose(summary, 'gemcitabine_alone', 'gemcitabine');
    assert.equal(gem.cycle?.lengthDays, 28);
    assert.deepEqual(gem.cycle?.cycles, { kind: 'upTo', max: 6 });
    assert.deepEqual(gem.dose.amount.form === 'quantity' && gem.dose.amount.normalized, { value: 1000, unit: 'mg/m2', basis: 'bsa' });
    assert.equal(gem.dose.route, 'IV');
    assert.deepEqual(gem.dose.days, [1, 8, 15]);
    // 6 cycles of 28 days = 24 weeks, the same cap as the combination arm.
    assert.equal((6 * 28) / 7, 24);

    const implied = gem.dose.implied;
    assert.equal(implied.administrationsPerCycle, 3); // days 1, 8, 15
    // Up to 3 x 6 = 18 administrations.
    assert.deepEqual(implied.administrations, { kind: 'upTo', max: 3 * 6 });
    assert.equal(implied.totalAdministrations, undefined);
    // 1000 x 3 = 3000 mg/m2 a cycle; up to 3000 x 6 = 18000 mg/m2.
    assert.deepEqual(implied.perCycle, { value: 1000 * 3, unit: 'mg/m2' });
    assert.deepEqual(implied.cumulativeTotal, { kind: 'upTo', value: 1000 * 3 * 6, unit: 'mg/m2' });
    // 3000 mg/m2 every 28 days = 3000 / 4 = 750 mg/m2 a week.
    near(implied.perWeek?.value, 3000 / 4);
  });

  it('eligibility: age 16 and over, ECOG 0-2, blood counts per mm3, liver limits with their liver-metastasis alternatives', () => {
    const e = summary.eligibility!;
    assert.deepEqual([e.minimumAge, e.maximumAge, e.sex, e.healthyVolunteers], [{ value: 16, unit: 'years' }, undefined, 'all', 'no']);
    assert.ok(e.inclusion.some((c) => c.kind === 'score' && c.analyte === 'ecog' && c.from === 0 && c.to === 2));

    const [anc] = thresholdOf(e.inclusion, 'neutrophils');
    assert.deepEqual([anc.comparator, anc.value, anc.unit, anc.normalized], ['>=', 1500, '/mm3', { value: 1.5, unit: '10*9/L' }]);
    const [platelets] = thresholdOf(e.inclusion, 'platelets');
    assert.deepEqual([platelets.comparator, platelets.value, platelets.normalized], ['>=', 100000, { value: 100, unit: '10*9/L' }]);
    const [wbc] = thresholdOf(e.inclusion, 'wbc');
    assert.deepEqual([wbc.value, wbc.normalized], [3000, { value: 3, unit: '10*9/L' }]);
    const [hb] = thresholdOf(e.inclusion, 'hemoglobin');
    assert.deepEqual([hb.comparator, hb.value, hb.unit, hb.normalized, hb.note], ['>=', 10, 'g/dL', { value: 100, unit: 'g/L' }, 'transfusion allowed']);

    for (const analyte of ['ast', 'alt', 'alp']) {
      const [limit] = thresholdOf(e.inclusion, analyte);
      assert.deepEqual([limit.comparator, limit.value, limit.multipleOf], ['<=', 3, 'ULN'], analyte);
      assert.deepEqual(
        limit.alternatives?.map((a) => [a.comparator, a.value, a.multipleOf, a.condition]),
        [['<=', 5, 'ULN', { kind: 'text', text: 'liver metastases are present' }]],
        analyte,
      );
    }
    const [bilirubin] = thresholdOf(e.inclusion, 'bilirubin');
    assert.deepEqual([bilirubin.comparator, bilirubin.value, bilirubin.multipleOf, bilirubin.alternatives], ['<=', 1.5, 'ULN', undefined]);
  });

  it('eligibility: renal limits (creatinine and urea < 1.5 x ULN, the GFR of 45 mL/min as creatinine clearance) and the 5-year window', () => {
    const e = summary.eligibility!;
    for (const analyte of ['creatinine', 'urea']) {
      const [limit] = thresholdOf(e.inclusion, analyte);
      assert.deepEqual([limit.comparator, limit.value, limit.multipleOf], ['<', 1.5, 'ULN'], analyte);
    }
    const [gfr] = thresholdOf(e.inclusion, 'creatinine_clearance');
    assert.deepEqual([gfr.comparator, gfr.value, gfr.unit, gfr.normalized], ['>=', 45, 'mL/min', { value: 45, unit: 'mL/min' }]);
    assert.ok(e.inclusion.some((c) => c.kind === 'text' && c.text.startsWith('If GFR < 60 mL/min, isotope EDTA confirmation')));

    const malignancy = e.exclusion.find((c) => c.kind === 'text' && c.text.startsWith('Other malignancy'));
    assert.ok(malignancy && malignancy.kind === 'text');
    assert.deepEqual(malignancy.window, { relation: 'within', value: 5, unit: 'years', direction: 'before', anchor: { kind: 'moment', moment: 'enrollment' } });
    assert.ok(e.exclusion.some((c) => c.kind === 'text' && c.text === 'Brain metastases'));
    assert.deepEqual([e.inclusion.length, e.exclusion.length], [20, 7]);
  });

  it('outcomes: overall survival primary; progression-free survival, toxicity and quality of life secondary', () => {
    assert.deepEqual(
      summary.outcomes.map((o) => [o.kind, o.measure, o.timeFrame]),
      [
        ['primary', 'Overall survival', undefined],
        ['secondary', 'Progression-free survival', undefined],
        ['secondary', 'Toxicity', undefined],
        ['secondary', 'Quality of life', undefined],
      ],
    );
  });
});
