import * as assert from 'node:assert/strict';
import { renderMarkdown } from '../../server/src/summary/markdown';
import type { TrialSummary } from '../../server/src/summary/summary';
import { checkedSummary, doses, flatten } from './sample-check';

const NAME = 'NCT02578680.trial';

/**
 * The diagnostics the sample keeps, in the order the checker reports them. Each is true of the
 * sample as written; the comment says why.
 */
const EXPECTED: string[] = [
  // The copies of the registry record at hand cut off before the official title and the dates, so
  // the sample leaves them out (each marked unconfirmed) and the registry check lists them.
  'TPL254 warning official_title, start, primary_completion, completion',
  // The record's exclusion criteria could not be read, so the eligibility written never mentions
  // autoimmune disease: true of the sample, which a PD-1 trial would normally state.
  'TPL264 information pembrolizumab',
  // The record's only organ-function criterion is "Has adequate organ function": no creatinine
  // clearance limit is set, and pemetrexed's label stops at 45 mL/min.
  'TPL260 warning pemetrexed',
  // Likewise no creatinine or platelet limit for cisplatin, whose label requires both.
  'TPL262 warning cisplatin',
  // The outcome time frames are not in the sources read, so none is written.
  "TPL255 warning 'Overall survival' has no time frame",
  "TPL255 warning 'Progression-free survival' has no time frame",
  "TPL255 warning 'Objective response rate' has no time frame",
  "TPL255 warning 'Safety' has no time frame",
];

function findDose(summary: TrialSummary, armId: string, drug: string) {
  const found = doses(summary, armId).filter((d) => d.dose.drug === drug);
  assert.equal(found.length, 1, `${drug} in ${armId}`);
  return found[0];
}

/** A number the engine computed by division, compared with the hand-worked one. */
function near(actual: number | undefined, expected: number, what: string): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-6, `${what}: ${actual} is not ${expected}`);
}

const summaryOf = (name: string): TrialSummary => checkedSummary(name, EXPECTED);

describe('sample NCT02578680 (KEYNOTE-189)', () => {
  const summary = summaryOf(NAME);
  const trial = summary.trial!;

  it('identification, status, enrollment and design', () => {
    assert.equal(trial.nctId, 'NCT02578680');
    assert.equal(trial.acronym, 'KEYNOTE-189');
    assert.match(trial.title!, /^Study of Pemetrexed\+Platinum Chemotherapy With or Without Pembrolizumab \(MK-3475\)/);
    assert.equal(trial.officialTitle, undefined);
    assert.equal(trial.type, 'interventional');
    assert.equal(trial.phase, '3');
    assert.equal(trial.status, 'completed');
    assert.deepEqual(trial.enrollment, { count: 616, qualifier: 'actual' });
    assert.deepEqual(trial.lastUpdate, { date: '2023-07-20' });
    assert.deepEqual([trial.start, trial.primaryCompletion, trial.completion], [undefined, undefined, undefined]);
    assert.deepEqual(trial.conditions, ['Non-Small-Cell Lung Carcinoma']);
    assert.deepEqual(trial.design, {
      allocation: 'randomized',
      model: 'parallel',
      masking: 'quadruple',
      whoMasked: ['participant', 'care_provider', 'investigator', 'outcomes_assessor'],
      purpose: 'treatment',
    });
    assert.deepEqual(trial.sponsor, { name: 'Merck Sharp & Dohme LLC', class: 'industry' });
    assert.deepEqual(trial.collaborators, []);
    assert.deepEqual(trial.responsibleParty, { role: 'sponsor' });
    assert.match(trial.summary!, /discontinue saline placebo/);
  });

  it('the four publications, by PMID', () => {
    assert.deepEqual(
      trial.references.map((r) => [r.type, r.pmid]),
      [
        ['result', 29658856],
        ['result', 32150489],
        ['result', 33894335],
        ['result', 36809080],
      ],
    );
    assert.match(trial.references[0].citation, /N Engl J Med\. 2018 May 31;378\(22\):2078-2092/);
  });

  it('two arms, experimental and placebo comparator, with their interventions', () => {
    assert.deepEqual(
      summary.arms.map((a) => [a.id, a.type]),
      [
        ['pembrolizumab_combination', 'experimental'],
        ['placebo_combination', 'placebo_comparator'],
      ],
    );
    assert.ok(summary.arms[0].interventions.includes('pembrolizumab_200'));
    assert.ok(!summary.arms[1].interventions.includes('pembrolizumab_200'));
    assert.ok(summary.arms[1].interventions.includes('saline_placebo'));
    assert.deepEqual(
      summary.interventions.map((i) => i.type),
      ['biological', 'drug', 'drug', 'drug', 'dietary_supplement', 'dietary_supplement', 'drug', 'drug'],
    );
    assert.deepEqual(summary.arms[0].drugs, ['pembrolizumab', 'pemetrexed', 'cisplatin', 'carboplatin']);
  });

  it('one 21-day cycle block, open until progression or toxicity, in each arm', () => {
    for (const armId of ['pembrolizumab_combination', 'placebo_combination']) {
      const pem = findDose(summary, armId, 'pemetrexed');
      assert.equal(pem.phase, 'treatment');
      assert.equal(pem.cycle?.lengthDays, 21);
      assert.deepEqual(pem.cycle?.cycles, { kind: 'open' });
      assert.deepEqual(pem.cycle?.until, ['progression', 'toxicity']);
      assert.ok(
        doses(summary, armId)
          .filter((d) => d.cycle)
          .every((d) => d.dose.route === 'IV' && d.dose.days?.length === 1 && d.dose.days[0] === 1),
        `${armId}: every drug IV on day 1`,
      );
    }
  });

  it('pembrolizumab 200 mg flat, day 1, up to 35 cycles', () => {
    const { dose, cycle } = findDose(summary, 'pembrolizumab_combination', 'pembrolizumab');
    assert.deepEqual(dose.amount, { form: 'quantity', value: 200, unit: 'mg', ucum: 'mg', normalized: { value: 200, unit: 'mg', basis: 'flat' } });
    assert.deepEqual(dose.upTo, { unit: 'cycles', value: 35 });
    assert.equal(cycle?.lengthDays, 21);
    const expectedPerCycle = 1; // day 1 only of each 21-day cycle
    assert.equal(dose.implied.administrationsPerCycle, expectedPerCycle);
    const expectedCap = 35 * expectedPerCycle; // one a cycle, at most 35 cycles (or fewer at progression)
    assert.deepEqual(dose.implied.administrations, { kind: 'upTo', max: expectedCap });
    assert.equal(dose.implied.totalAdministrations, undefined);
    assert.deepEqual(dose.implied.perCycle, { value: 200, unit: 'mg' });
    near(dose.implied.perWeek?.value, 200 / (21 / 7), 'pembrolizumab per week'); // 200 mg every 3 weeks
    const expectedCumulative = 35 * 200; // up to 35 doses of 200 mg
    assert.deepEqual(dose.implied.cumulativeTotal, { kind: 'upTo', value: expectedCumulative, unit: 'mg' });
    assert.equal(dose.implied.cumulative, undefined, 'no exact total: the course may stop earlier');
  });

  it('pemetrexed 500 mg/m2 every cycle, open-ended: per cycle and per week, no total', () => {
    const { dose } = findDose(summary, 'pembrolizumab_combination', 'pemetrexed');
    assert.deepEqual(dose.amount, { form: 'quantity', value: 500, unit: 'mg/m2', ucum: 'mg/m2', normalized: { value: 500, unit: 'mg/m2', basis: 'bsa' } });
    assert.equal(dose.cycles, undefined, 'given in every cycle, maintenance included');
    assert.equal(dose.implied.administrationsPerCycle, 1); // day 1 only
    assert.deepEqual(dose.implied.administrations, { kind: 'open' });
    assert.deepEqual(dose.implied.until, ['progression', 'toxicity']);
    assert.deepEqual([dose.implied.cumulative, dose.implied.cumulativeTotal], [undefined, undefined]);
    assert.deepEqual(dose.implied.perCycle, { value: 500, unit: 'mg/m2' });
    near(dose.implied.perWeek?.value, 500 / 3, 'pemetrexed per week'); // 500 mg/m2 every 3 weeks
    near(dose.implied.reference?.perAdministration?.value, 500 * 1.73, 'pemetrexed for 1.73 m2'); // 865 mg
  });

  it("the investigator's platinum: a choice of cisplatin 75 mg/m2 or carboplatin AUC 5, cycles 1-4", () => {
    const cis = findDose(summary, 'pembrolizumab_combination', 'cisplatin');
    const carbo = findDose(summary, 'pembrolizumab_combination', 'carboplatin');
    assert.equal(cis.cycle, carbo.cycle);
    assert.deepEqual(cis.cycle?.choices, [
      {
        label: "Platinum, investigator's choice",
        options: [
          { label: 'Cisplatin', doses: [2] },
          { label: 'Carboplatin', doses: [3] },
        ],
      },
    ]);

    assert.deepEqual(cis.dose.amount, { form: 'quantity', value: 75, unit: 'mg/m2', ucum: 'mg/m2', normalized: { value: 75, unit: 'mg/m2', basis: 'bsa' } });
    assert.deepEqual(cis.dose.cycles, { items: [{ from: 1, to: 4 }] });
    // Cycles 1-4 of a block that runs until progression: at most 4, fewer if it stops earlier.
    assert.deepEqual(cis.dose.implied.administrations, { kind: 'upTo', max: 4 * 1 });
    assert.deepEqual(cis.dose.implied.cumulativeTotal, { kind: 'upTo', value: 4 * 75, unit: 'mg/m2' }); // 300 mg/m2
    near(cis.dose.implied.reference?.cumulative?.value, 4 * 75 * 1.73, 'cisplatin for 1.73 m2'); // 519 mg
    near(cis.dose.implied.perWeek?.value, 75 / 3, 'cisplatin per week'); // 25 mg/m2 a week while given

    assert.deepEqual(carbo.dose.amount, { form: 'auc', value: 5, unit: 'mg/mL.min', normalized: { value: 5, unit: 'mg/mL.min', basis: 'auc' } });
    assert.deepEqual(carbo.dose.cycles, { items: [{ from: 1, to: 4 }] });
    const calvert = 5 * (125 + 25); // AUC x (GFR + 25), the GFR at the FDA's cap of 125 mL/min: 750 mg
    assert.deepEqual(carbo.dose.implied.reference?.perAdministration, { value: calvert, unit: 'mg' });
    assert.deepEqual(carbo.dose.implied.perCycle, { value: calvert, unit: 'mg' });
    assert.deepEqual(carbo.dose.implied.administrations, { kind: 'upTo', max: 4 });
    assert.deepEqual(carbo.dose.implied.cumulativeTotal, { kind: 'upTo', value: 4 * calvert, unit: 'mg' }); // 3000 mg
    near(carbo.dose.implied.perWeek?.value, calvert / 3, 'carboplatin per week'); // 250 mg
  });

  it('the control arm: saline placebo matching pembrolizumab, up to 35 cycles, with no dose to add up', () => {
    const { dose } = findDose(summary, 'placebo_combination', 'placebo');
    assert.deepEqual(dose.amount, { form: 'matching', drug: 'pembrolizumab' });
    assert.equal(dose.route, 'IV');
    assert.deepEqual(dose.implied.administrations, { kind: 'upTo', max: 35 }); // one a cycle, 35 cycles at most
    assert.equal(dose.implied.missing, 'a placebo has no dose');
    assert.deepEqual([dose.implied.cumulative, dose.implied.cumulativeTotal], [undefined, undefined]);
    // The same chemotherapy as the experimental arm.
    for (const drug of ['pemetrexed', 'cisplatin', 'carboplatin']) {
      assert.deepEqual(findDose(summary, 'placebo_combination', drug).dose.amount, findDose(summary, 'pembrolizumab_combination', drug).dose.amount);
    }
  });

  it('crossover to pembrolizumab at progression: an optional phase, dose unstated, never added to totals', () => {
    const arm = summary.arms.find((a) => a.id === 'placebo_combination')!;
    assert.deepEqual(
      arm.phases.map((p) => [p.name, p.optional]),
      [
        ['treatment', undefined],
        ['crossover', true],
      ],
    );
    const { dose, phase } = findDose(summary, 'placebo_combination', 'pembrolizumab');
    assert.equal(phase, 'crossover');
    assert.deepEqual(dose.amount, { form: 'unstated' });
    assert.deepEqual(dose.implied.administrations, { kind: 'unknown' });
  });

  it('eligibility: 18 and over, ECOG 0-1, the record inclusion criteria as text, no exclusion read', () => {
    const e = summary.eligibility!;
    assert.deepEqual([e.minimumAge, e.maximumAge, e.sex, e.healthyVolunteers], [{ value: 18, unit: 'years' }, undefined, 'all', 'no']);
    const inclusion = flatten(e.inclusion);
    const ecog = inclusion.filter((c) => c.kind === 'score');
    assert.deepEqual(
      ecog.map((c) => c.kind === 'score' && [c.analyte, c.from, c.to]),
      [['ecog', 0, 1]],
    );
    // Ten inclusion criteria in the record; only the ECOG one has a computable threshold.
    assert.equal(inclusion.length, 10);
    assert.equal(inclusion.filter((c) => c.kind === 'text').length, 10 - 1);
    assert.ok(inclusion.some((c) => c.kind === 'text' && c.text === 'Has adequate organ function'));
    assert.ok(!inclusion.some((c) => c.kind === 'threshold'), 'the record sets no laboratory limit');
    assert.deepEqual(e.exclusion, []);
  });

  it('outcomes: overall and progression-free survival primary; response rate and safety secondary', () => {
    assert.deepEqual(
      summary.outcomes.map((o) => [o.kind, o.measure, o.timeFrame]),
      [
        ['primary', 'Overall survival', undefined],
        ['primary', 'Progression-free survival', undefined],
        ['secondary', 'Objective response rate', undefined],
        ['secondary', 'Safety', undefined],
      ],
    );
  });

  it('renders the choice, the caps and the open-ended maintenance in the summary', () => {
    const text = renderMarkdown(summary);
    assert.match(text, /^# NCT02578680: /);
    assert.match(text, /pembrolizumab 200 mg IV day 1 up to 35 cycles — 1 per cycle, up to 35 in total/);
    assert.match(text, /pemetrexed 500 mg\/m2 IV day 1 — 1 per cycle, open-ended/);
    assert.match(text, /One of \(Platinum, investigator's choice\)/);
    assert.match(text, /carboplatin AUC 5 IV day 1 cycles 1-4 — 1 per cycle, up to 4 in total, 750 mg per cycle, 250 mg a week, up to 3000 mg cumulative/); // 750 mg every 21 days: 750 / 3 = 250 mg a week
  });
});
