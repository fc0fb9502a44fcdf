import * as assert from 'node:assert/strict';
import { renderMarkdown } from '../../server/src/summary/markdown';
import type { SummaryDose, TrialSummary } from '../../server/src/summary/summary';
import { checkedSummary, doses, thresholdOf } from './sample-check';

const NAME = 'NCT01216644.trial';

/**
 * The diagnostics the FLOT4 sample keeps, in the order the checker reports them, each with why
 * it is true as a study pharmacist would read the protocol.
 */
const EXPECTED: string[] = [
  // The record's inclusions set no bilirubin, AST or ALT limit, which docetaxel's label requires
  // (the part of the record's exclusion list that could be read sets none either).
  'TPL262 warning docetaxel: its label requires bilirubin <= 1 x ULN (none set)',
  // Neither the record nor the publications' abstracts name the corticosteroid premedication of docetaxel.
  'TPL263 information docetaxel: its label requires a corticosteroid',
  // FLOT gives docetaxel 50 mg/m2, below the label's 60-100 mg/m2: true, pre- and postoperatively.
  'TPL220 warning 50 mg/m2 of docetaxel is below its labelled doses (60-100 mg/m2',
  // The record's renal inclusion is "creatinine <= 1.5 x ULN or creatinine clearance > 50 mL/min":
  // whoever meets the creatinine limit is in at any clearance, so the label's bands are admitted
  // (oxaliplatin: reduced below 30 mL/min; capecitabine: 75% at 30-50 mL/min).
  'TPL260 warning oxaliplatin reduces the dose at a creatinine clearance below 30 mL/min, but the eligibility limits creatinine clearance only as one alternative',
  'TPL220 warning 50 mg/m2 of docetaxel is below its labelled doses (60-100 mg/m2',
  // ECF gives epirubicin 50 mg/m2, below the label's 60-120 mg/m2 (the label's use is adjuvant breast cancer).
  'TPL220 warning 50 mg/m2 of epirubicin is below its labelled doses (60-120 mg/m2',
  'TPL260 warning capecitabine reduces the dose to 75% at a creatinine clearance of 30-50 mL/min',
  'TPL220 warning 50 mg/m2 of epirubicin is below its labelled doses (60-120 mg/m2',
];

/** The one dose line of a drug in one phase of an arm. */
function findDose(summary: TrialSummary, armId: string, drug: string, phase: string) {
  const found = doses(summary, armId).filter((d) => d.dose.drug === drug && d.phase === phase);
  assert.equal(found.length, 1, `${drug} in ${armId} ${phase}`);
  return found[0];
}

function quantity(dose: SummaryDose) {
  assert.equal(dose.amount.form, 'quantity');
  return dose.amount.form === 'quantity' ? dose.amount : undefined;
}

const summaryOf = (name: string): TrialSummary => checkedSummary(name, EXPECTED);

describe('sample NCT01216644 (FLOT4-AIO: perioperative FLOT versus ECF/ECX)', () => {
  const summary = summaryOf(NAME);
  const trial = summary.trial!;

  it('identification, status, dates and design', () => {
    assert.equal(trial.nctId, 'NCT01216644');
    assert.equal(trial.orgStudyId, 'FLOT4');
    assert.match(trial.title!, /^5-FU, Leucovorin, Oxaliplatin and Docetaxel \(FLOT\) Versus Epirubicin, Cisplatin and 5-FU \(ECF\)/);
    assert.match(trial.officialTitle!, /^A Randomized Multicenter Phase II\/III Study/);
    assert.equal(trial.type, 'interventional');
    assert.equal(trial.phase, '2/3');
    assert.equal(trial.status, 'completed');
    assert.deepEqual(trial.enrollment, { count: 716, qualifier: 'actual' });
    assert.deepEqual(trial.start, { date: '2010-08', qualifier: 'actual' });
    assert.deepEqual(trial.primaryCompletion, { date: '2017-03', qualifier: 'actual' });
    assert.deepEqual(trial.completion, { date: '2019-05', qualifier: 'actual' });
    assert.deepEqual([trial.firstSubmitted?.date, trial.firstPosted?.date, trial.lastUpdate?.date], ['2010-06-30', '2010-10-07', '2019-06-19']);
    assert.deepEqual(trial.conditions, ['Gastric Cancer']);
    assert.deepEqual(trial.design, { allocation: 'randomized', model: 'parallel', masking: 'none', purpose: 'treatment' });
    assert.equal(trial.results, 'none');
  });

  it('sponsor, responsible party, the site and the two publications', () => {
    assert.deepEqual(trial.sponsor, { name: 'Krankenhaus Nordwest', class: 'other' });
    assert.deepEqual(trial.responsibleParty, { role: 'principal_investigator', investigator: 'Prof. Dr. S.E. Al-Batran', affiliation: 'Krankenhaus Nordwest' });
    assert.deepEqual(trial.sites, [{ facility: 'Krankenhaus Nordwest', city: 'Frankfurt', country: 'Germany', contacts: [] }]);
    assert.deepEqual(trial.countries, ['Germany']);
    assert.deepEqual(
      trial.references.map((r) => [r.type, r.pmid]),
      [
        ['result', 27776843],
        ['result', 30982686],
      ],
    );
  });

  it('two arms, the seven interventions of the record, and the drugs of each arm', () => {
    assert.deepEqual(
      summary.arms.map((a) => [a.id, a.label, a.type]),
      [
        ['flot', 'FLOT', 'experimental'],
        ['ecf', 'ECF', 'active_comparator'],
      ],
    );
    assert.equal(summary.interventions.length, 7);
    assert.ok(summary.interventions.every((i) => i.type === 'drug'));
    assert.deepEqual(summary.arms[0].interventions, ['fluorouracil_flot', 'leucovorin_flot', 'oxaliplatin_flot', 'docetaxel_flot']);
    assert.deepEqual(summary.arms[1].interventions, ['epirubicin_ecf', 'cisplatin_ecf', 'fluorouracil_ecf']);
    assert.deepEqual(summary.arms[0].drugs, ['docetaxel', 'oxaliplatin', 'leucovorin', 'fluorouracil']);
    assert.deepEqual(summary.arms[1].drugs, ['epirubicin', 'cisplatin', 'fluorouracil', 'capecitabine']);
  });

  it('each arm: preoperative cycles, surgery, postoperative cycles', () => {
    for (const arm of summary.arms) {
      const names = arm.phases.map((p) => p.name);
      assert.deepEqual(names, ['neoadjuvant', undefined, 'adjuvant'], arm.id);
      assert.deepEqual(
        arm.phases[1].steps.map((s) => s.kind),
        ['surgery'],
      );
    }
  });

  it('FLOT: docetaxel 50, oxaliplatin 85, leucovorin 200 mg/m2 IV day 1, fluorouracil 2600 mg/m2 continuous over 24 hours day 1; 14-day cycles x 4, before and after surgery', () => {
    const written: [string, number][] = [
      ['docetaxel', 50],
      ['oxaliplatin', 85],
      ['leucovorin', 200],
      ['fluorouracil', 2600],
    ];
    for (const phase of ['neoadjuvant', 'adjuvant']) {
      for (const [drug, value] of written) {
        const { cycle, dose } = findDose(summary, 'flot', drug, phase);
        assert.deepEqual([cycle?.lengthDays, cycle?.count], [14, 4], `${drug} ${phase}`);
        assert.deepEqual(quantity(dose), { form: 'quantity', value, unit: 'mg/m2', ucum: 'mg/m2', normalized: { value, unit: 'mg/m2', basis: 'bsa' } });
        assert.equal(dose.route, 'IV');
        assert.deepEqual(dose.days, [1]);
        assert.equal(dose.implied.administrationsPerCycle, 1);
        // Day 1 of each of 4 cycles.
        assert.equal(dose.implied.totalAdministrations, 1 * 4);
      }
      const fu = findDose(summary, 'flot', 'fluorouracil', phase).dose;
      assert.equal(fu.mode, 'continuous');
      // 24 hours of infusion.
      assert.equal(fu.infusionMinutes, 24 * 60);
    }
  });

  it('FLOT totals, worked out by hand: per phase, per week, and over both phases', () => {
    // One dose every 14 days: the dose a week is the dose / 2.
    const expected: Record<string, { cumulative: number; perWeek: number }> = {
      docetaxel: { cumulative: 50 * 4, perWeek: 50 / 2 },
      oxaliplatin: { cumulative: 85 * 4, perWeek: 85 / 2 },
      leucovorin: { cumulative: 200 * 4, perWeek: 200 / 2 },
      fluorouracil: { cumulative: 2600 * 4, perWeek: 2600 / 2 },
    };
    for (const [drug, { cumulative, perWeek }] of Object.entries(expected)) {
      let overBothPhases = 0;
      for (const phase of ['neoadjuvant', 'adjuvant']) {
        const { dose } = findDose(summary, 'flot', drug, phase);
        assert.deepEqual(dose.implied.perCycle, { value: cumulative / 4, unit: 'mg/m2' }, drug);
        assert.deepEqual(dose.implied.cumulative, { value: cumulative, unit: 'mg/m2' }, drug);
        assert.equal(dose.implied.perWeek?.unit, 'mg/m2');
        assert.ok(Math.abs(dose.implied.perWeek!.value - perWeek) < 1e-6, `${drug}: ${dose.implied.perWeek?.value} a week`);
        overBothPhases += dose.implied.cumulative!.value;
      }
      // 8 cycles in all: 4 before and 4 after surgery.
      assert.equal(overBothPhases, (cumulative / 4) * 8, drug);
    }
    // Docetaxel over the whole arm: 8 doses of 50 mg/m2 = 400 mg/m2.
    const docetaxel = ['neoadjuvant', 'adjuvant'].reduce((sum, phase) => sum + findDose(summary, 'flot', 'docetaxel', phase).dose.implied.cumulative!.value, 0);
    assert.equal(docetaxel, 400);
    // Fluorouracil for the reference patient (BSA 1.73 m2): 2600 mg/m2 x 1.73 = 4498 mg each cycle, x 4 per phase.
    const fu = findDose(summary, 'flot', 'fluorouracil', 'neoadjuvant').dose.implied.reference!;
    assert.deepEqual(fu.perAdministration, { value: 4498, unit: 'mg' });
    assert.ok(fu.cumulative?.kind === 'exact' && Math.abs(fu.cumulative.value - 4498 * 4) < 1e-6);
  });

  it('ECF/ECX: epirubicin 50 and cisplatin 60 mg/m2 IV day 1; fluorouracil 200 mg/m2 continuous days 1-21 or capecitabine 625 mg/m2 PO bid days 1-21; 21-day cycles x 3, before and after surgery', () => {
    for (const phase of ['neoadjuvant', 'adjuvant']) {
      const epi = findDose(summary, 'ecf', 'epirubicin', phase);
      assert.deepEqual([epi.cycle?.lengthDays, epi.cycle?.count], [21, 3]);
      assert.deepEqual(quantity(epi.dose)?.normalized, { value: 50, unit: 'mg/m2', basis: 'bsa' });
      assert.deepEqual([epi.dose.route, epi.dose.days], ['IV', [1]]);
      const cis = findDose(summary, 'ecf', 'cisplatin', phase);
      assert.deepEqual(quantity(cis.dose)?.normalized, { value: 60, unit: 'mg/m2', basis: 'bsa' });
      assert.deepEqual([cis.dose.route, cis.dose.days], ['IV', [1]]);
      const days1to21 = Array.from({ length: 21 }, (_, i) => i + 1);
      const fu = findDose(summary, 'ecf', 'fluorouracil', phase);
      assert.deepEqual(quantity(fu.dose)?.normalized, { value: 200, unit: 'mg/m2', basis: 'bsa' });
      assert.deepEqual([fu.dose.route, fu.dose.mode, fu.dose.days], ['IV', 'continuous', days1to21]);
      const cape = findDose(summary, 'ecf', 'capecitabine', phase);
      assert.deepEqual(quantity(cape.dose)?.normalized, { value: 625, unit: 'mg/m2', basis: 'bsa' });
      assert.deepEqual([cape.dose.route, cape.dose.frequency?.text, cape.dose.days], ['PO', 'bid', days1to21]);
      // Fluorouracil and capecitabine are the two options of one choice of the cycle.
      const cycle = epi.cycle!;
      assert.equal(cape.cycle, cycle);
      assert.equal(cycle.choices.length, 1);
      assert.deepEqual(
        cycle.choices[0].options.map((o) => [o.label, o.doses.map((i) => cycle.doses[i].drug)]),
        [
          ['ECF: fluorouracil', ['fluorouracil']],
          ['ECX: capecitabine', ['capecitabine']],
        ],
      );
    }
  });

  it('ECF/ECX totals, worked out by hand', () => {
    for (const phase of ['neoadjuvant', 'adjuvant']) {
      const epi = findDose(summary, 'ecf', 'epirubicin', phase).dose.implied;
      assert.deepEqual([epi.administrationsPerCycle, epi.totalAdministrations], [1, 1 * 3]);
      assert.deepEqual(epi.cumulative, { value: 50 * 3, unit: 'mg/m2' });
      // 50 mg/m2 every 3 weeks.
      assert.ok(Math.abs(epi.perWeek!.value - 50 / 3) < 1e-6);
      // For the reference patient: 50 x 1.73 = 86.5 mg.
      assert.deepEqual(epi.reference?.perAdministration, { value: 86.5, unit: 'mg' });
      const cis = findDose(summary, 'ecf', 'cisplatin', phase).dose.implied;
      assert.deepEqual([cis.totalAdministrations, cis.cumulative], [3, { value: 60 * 3, unit: 'mg/m2' }]);
      assert.ok(Math.abs(cis.perWeek!.value - 60 / 3) < 1e-6);
      // Continuous fluorouracil counted as a daily dose on days 1-21: 21 a cycle.
      const fu = findDose(summary, 'ecf', 'fluorouracil', phase).dose.implied;
      assert.deepEqual([fu.administrationsPerCycle, fu.totalAdministrations], [21, 21 * 3]);
      assert.deepEqual(fu.perCycle, { value: 200 * 21, unit: 'mg/m2' });
      assert.deepEqual(fu.cumulative, { value: 200 * 21 * 3, unit: 'mg/m2' });
      assert.ok(Math.abs(fu.perWeek!.value - 200 * 7) < 1e-6);
      // Capecitabine twice a day on days 1-21: 42 a cycle.
      const cape = findDose(summary, 'ecf', 'capecitabine', phase).dose.implied;
      assert.deepEqual([cape.administrationsPerCycle, cape.totalAdministrations], [2 * 21, 2 * 21 * 3]);
      assert.deepEqual(cape.perCycle, { value: 625 * 2 * 21, unit: 'mg/m2' });
      // 1250 mg/m2 a day on 21 days of 3 cycles.
      assert.deepEqual(cape.cumulative, { value: 1250 * 21 * 3, unit: 'mg/m2' });
      assert.ok(Math.abs(cape.perWeek!.value - 1250 * 7) < 1e-6);
    }
    // Epirubicin over the whole arm: 6 doses of 50 mg/m2, below its lifetime maximum of 900 mg/m2 (no TPL227).
    const epirubicin = ['neoadjuvant', 'adjuvant'].reduce(
      (sum, phase) => sum + findDose(summary, 'ecf', 'epirubicin', phase).dose.implied.cumulative!.value,
      0,
    );
    assert.equal(epirubicin, 6 * 50);
  });

  it('eligibility: age, sex, ECOG 0-2, leucocytes, platelets, creatinine or its clearance, ejection fraction', () => {
    const e = summary.eligibility!;
    assert.deepEqual([e.minimumAge, e.maximumAge, e.sex, e.healthyVolunteers], [{ value: 18, unit: 'years' }, undefined, 'all', 'no']);
    assert.ok(e.inclusion.some((c) => c.kind === 'score' && c.analyte === 'ecog' && c.from === 0 && c.to === 2));
    const [wbc] = thresholdOf(e.inclusion, 'wbc');
    // 3.000/µl = 3 x10^9/L.
    assert.deepEqual([wbc.comparator, wbc.value, wbc.unit, wbc.normalized], ['>', 3000, '/uL', { value: 3000 / 1000, unit: '10*9/L' }]);
    const [platelets] = thresholdOf(e.inclusion, 'platelets');
    // 100.000/µl = 100 x10^9/L.
    assert.deepEqual(
      [platelets.comparator, platelets.value, platelets.unit, platelets.normalized],
      ['>', 100000, '/uL', { value: 100000 / 1000, unit: '10*9/L' }],
    );
    const group = e.inclusion.find((c) => c.kind === 'group');
    assert.ok(group && group.kind === 'group' && group.mode === 'any');
    const [creatinine] = thresholdOf(group.criteria, 'creatinine');
    assert.deepEqual([creatinine.comparator, creatinine.value, creatinine.multipleOf], ['<=', 1.5, 'ULN']);
    const [clearance] = thresholdOf(group.criteria, 'creatinine_clearance');
    assert.deepEqual([clearance.comparator, clearance.value, clearance.normalized], ['>', 50, { value: 50, unit: 'mL/min' }]);
    const [lvef] = thresholdOf(e.inclusion, 'lvef');
    assert.deepEqual([lvef.comparator, lvef.value, lvef.unit, lvef.note], ['>', 50, '%', 'in echocardiography before start of therapy']);
    // The record's 12 inclusions: 10 written here on their own, number 10 as an any-of group (its 2 limits inside).
    assert.equal(e.inclusion.length, 12);
    assert.equal(e.inclusion.filter((c) => c.kind === 'text').length, 7);
    // Only the readable start of the record's first exclusion.
    assert.deepEqual(
      e.exclusion.map((c) => c.kind),
      ['text'],
    );
  });

  it('one primary and five secondary outcomes, with the record time frames', () => {
    assert.deepEqual(
      summary.outcomes.map((o) => [o.kind, o.measure, o.timeFrame]),
      [
        ['primary', 'median overall survival', '2 years follow-up'],
        ['secondary', 'histopathological regression rate', '6 weeks after surgery'],
        ['secondary', 'disease free survival (DFS)', '2 years follow-up'],
        ['secondary', 'correlation of pCR and DFS with survival', '2 years follow-up'],
        ['secondary', 'Perioperative Morbidity and Mortality', 'up to 2 months after surgery'],
        ['secondary', 'R0-Resection rate', '2 months after surgery'],
      ],
    );
  });

  it('renders a readable summary', () => {
    const text = renderMarkdown(summary);
    assert.match(text, /^# NCT01216644: /);
    assert.match(text, /fluorouracil 2600 mg\/m2 IV continuous over 24 hours day 1 — 1 per cycle, 4 in total/);
    assert.match(text, /capecitabine 625 mg\/m2 PO bid days 1-21 — 42 per cycle, 126 in total/);
  });
});
