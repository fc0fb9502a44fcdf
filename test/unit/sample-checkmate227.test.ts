import * as assert from 'node:assert/strict';
import { renderMarkdown } from '../../server/src/summary/markdown';
import type { SummaryDose, SummaryStep, TrialSummary } from '../../server/src/summary/summary';
import { checkedSummary, doses, flatten } from './sample-check';

const NAME = 'NCT02477826.trial';

/**
 * The diagnostics the sample keeps, in the order the service gives them. Each is true of the
 * source: the record lists only four inclusion and three exclusion criteria and the protocol's
 * laboratory limits were not seen, so the eligibility sets none.
 */
const EXPECTED: string[] = [
  // True: pemetrexed is not to be given below a creatinine clearance of 45 mL/min, and the
  // eligibility as the record gives it sets no creatinine clearance limit.
  'TPL260 warning pemetrexed contraindicates it at a creatinine clearance below 45 mL/min',
  // True: the sample names no folic acid or vitamin B12, as the sources read name none.
  'TPL263 information pemetrexed: its label requires folic acid and vitamin B12',
  // True: the cisplatin label's creatinine and platelet requirements are set nowhere in the
  // eligibility as written.
  'TPL262 warning cisplatin: its label requires creatinine < 1.5 mg/dL (none set) and platelets >= 100000 /mm3 (none set)',
];

type Cycle = Extract<SummaryStep, { kind: 'cycle' }>;

function findDose(summary: TrialSummary, armId: string, drug: string) {
  const found = doses(summary, armId).filter((d) => d.dose.drug === drug);
  assert.equal(found.length, 1, `${drug} in ${armId}`);
  return found[0];
}

/** The doses of one option of the cycle's first choice. */
function optionDoses(cycle: Cycle, label: string): SummaryDose[] {
  const option = cycle.choices?.[0]?.options.find((o) => o.label === label);
  assert.ok(option, `option ${label}`);
  return option.doses.map((i) => cycle.doses[i]);
}

const quantity = (dose: SummaryDose) => (dose.amount.form === 'quantity' ? dose.amount : assert.fail(`${dose.drug} is not a quantity`));

// The reference patient of the summary (knowledge/reference-patient.ts).
const WEIGHT_KG = 70;
const BSA_M2 = 1.73;
const GFR = 125; // mL/min, the FDA's cap for the Calvert formula

// Two calendar years from the first dose: 730 days (731 with a leap day; the counts below are
// the same either way). An every-k-days course fits 1 + floor((730 - 1) / k) doses in them.
const Q2W_IN_2_YEARS = 1 + 52; // 52 intervals of 14 days = 728 days <= 730; a 53rd interval would end on day 743
const Q6W_IN_2_YEARS = 1 + 17; // 17 intervals of 42 days = 714 days <= 730; an 18th would end on day 757

const ARMS = ['part1a_nivo_ipi', 'part1a_nivo', 'part1a_chemo', 'part1b_nivo_ipi', 'part1b_nivo_chemo', 'part1b_chemo'];
const CHEMO_ARMS = ['part1a_chemo', 'part1b_chemo', 'part1b_nivo_chemo'];
const OPTIONS = [
  'Nonsquamous: pemetrexed and cisplatin',
  'Nonsquamous: pemetrexed and carboplatin',
  'Squamous: gemcitabine and cisplatin',
  'Squamous: gemcitabine and carboplatin',
];

const summaryOf = (name: string): TrialSummary => checkedSummary(name, EXPECTED);

describe('sample NCT02477826 (CheckMate 227, part 1)', () => {
  const summary = summaryOf(NAME);
  const trial = summary.trial!;

  it('identification, status, dates with their qualifiers, and design', () => {
    assert.equal(trial.nctId, 'NCT02477826');
    assert.equal(trial.orgStudyId, 'CA209-227');
    assert.equal(trial.acronym, 'CheckMate 227');
    assert.match(trial.title!, /^An Investigational Immuno-therapy Trial of Nivolumab/);
    assert.match(trial.officialTitle!, /^An Open-Label, Randomized Phase 3 Trial/);
    assert.equal(trial.type, 'interventional');
    assert.equal(trial.phase, '3');
    assert.equal(trial.status, 'active_not_recruiting');
    assert.deepEqual(trial.enrollment, { count: 2748, qualifier: 'actual' });
    assert.deepEqual(trial.start, { date: '2015-08-05', qualifier: 'actual' });
    assert.deepEqual(trial.primaryCompletion, { date: '2024-08-29', qualifier: 'estimated' });
    assert.deepEqual(trial.completion, { date: '2024-08-30', qualifier: 'estimated' });
    assert.deepEqual([trial.firstSubmitted?.date, trial.firstPosted?.date, trial.lastUpdate?.date], ['2015-06-18', '2015-06-23', '2024-01-08']);
    assert.deepEqual(trial.conditions, ['Non-Small Cell Lung Cancer']);
    assert.deepEqual(trial.design, { allocation: 'randomized', model: 'parallel', masking: 'none', purpose: 'treatment' });
  });

  it('sponsor, collaborator, responsible party and the two NEJM references', () => {
    assert.deepEqual(trial.sponsor, { name: 'Bristol-Myers Squibb', class: 'industry' });
    assert.deepEqual(trial.collaborators, [{ name: 'Ono Pharmaceutical Co. Ltd', class: 'industry' }]);
    assert.deepEqual(trial.responsibleParty, { role: 'sponsor' });
    assert.deepEqual(
      trial.references.map((r) => [r.type, r.pmid]),
      [
        ['result', 29658845],
        ['result', 31562796],
      ],
    );
  });

  it("six arms of part 1 (two randomizations of three) and the record's seven drug interventions", () => {
    assert.deepEqual(
      summary.arms.map((a) => [a.id, a.type]),
      [
        ['part1a_nivo_ipi', 'experimental'],
        ['part1a_nivo', 'experimental'],
        ['part1a_chemo', 'active_comparator'],
        ['part1b_nivo_ipi', 'experimental'],
        ['part1b_nivo_chemo', 'experimental'],
        ['part1b_chemo', 'active_comparator'],
      ],
    );
    assert.deepEqual(
      summary.arms.map((a) => a.id),
      ARMS,
    );
    assert.deepEqual(
      summary.interventions.map((i) => [i.id, i.type]),
      ['nivolumab', 'ipilimumab', 'carboplatin', 'cisplatin', 'gemcitabine', 'pemetrexed', 'paclitaxel'].map((d) => [`${d}_i`, 'drug']),
    );
    // Paclitaxel belongs to part 2, which the sample leaves out.
    assert.ok(summary.arms.every((a) => !a.interventions.includes('paclitaxel_i')));
    assert.deepEqual(summary.arms.find((a) => a.id === 'part1a_nivo_ipi')!.drugs, ['nivolumab', 'ipilimumab']);
    assert.deepEqual(summary.arms.find((a) => a.id === 'part1a_nivo')!.drugs, ['nivolumab']);
  });

  it('nivolumab 3 mg/kg q2w with ipilimumab 1 mg/kg q6w, until progression or toxicity, up to 2 years, in both parts', () => {
    for (const armId of ['part1a_nivo_ipi', 'part1b_nivo_ipi']) {
      const nivo = findDose(summary, armId, 'nivolumab');
      assert.equal(nivo.cycle, undefined);
      assert.deepEqual(nivo.dose.amount, {
        form: 'quantity',
        value: 3,
        unit: 'mg/kg',
        ucum: 'mg/kg',
        normalized: { value: 3, unit: 'mg/kg', basis: 'weight' },
      });
      assert.equal(nivo.dose.route, 'IV');
      assert.deepEqual([nivo.dose.frequency?.text, nivo.dose.frequency?.intervalDays], ['q2w', 14]);
      assert.deepEqual(nivo.dose.until, ['progression', 'toxicity']);
      assert.deepEqual(nivo.dose.upTo, { value: 2, unit: 'years' });

      const ipi = findDose(summary, armId, 'ipilimumab');
      assert.deepEqual(ipi.dose.amount, { form: 'quantity', value: 1, unit: 'mg/kg', ucum: 'mg/kg', normalized: { value: 1, unit: 'mg/kg', basis: 'weight' } });
      assert.deepEqual([ipi.dose.frequency?.text, ipi.dose.frequency?.intervalDays], ['q6w', 42]);
      assert.deepEqual(ipi.dose.until, ['progression', 'toxicity']);
      assert.deepEqual(ipi.dose.upTo, { value: 2, unit: 'years' });
    }
  });

  it('totals of nivolumab plus ipilimumab, worked out by hand', () => {
    const nivo = findDose(summary, 'part1a_nivo_ipi', 'nivolumab').dose.implied;
    assert.deepEqual(nivo.administrations, { kind: 'upTo', max: Q2W_IN_2_YEARS });
    // 53 doses of 3 mg/kg
    assert.deepEqual(nivo.cumulativeTotal, { kind: 'upTo', value: 53 * 3, unit: 'mg/kg' });
    // 3 mg/kg every 2 weeks
    assert.deepEqual(nivo.perWeek, { value: 3 / 2, unit: 'mg/kg' });
    // 159 mg/kg for a 70 kg patient
    assert.deepEqual(nivo.reference?.cumulative, { kind: 'upTo', value: 53 * 3 * WEIGHT_KG, unit: 'mg' });

    const ipi = findDose(summary, 'part1a_nivo_ipi', 'ipilimumab').dose.implied;
    assert.deepEqual(ipi.administrations, { kind: 'upTo', max: Q6W_IN_2_YEARS });
    // 18 doses of 1 mg/kg
    assert.deepEqual(ipi.cumulativeTotal, { kind: 'upTo', value: 18 * 1, unit: 'mg/kg' });
    // 1 mg/kg every 6 weeks
    assert.ok(Math.abs(ipi.perWeek!.value - 1 / 6) < 1e-9);
    assert.deepEqual(ipi.reference?.cumulative, { kind: 'upTo', value: 18 * 1 * WEIGHT_KG, unit: 'mg' });
  });

  it('nivolumab monotherapy 240 mg q2w until progression or toxicity, up to 2 years (part 1a)', () => {
    const nivo = findDose(summary, 'part1a_nivo', 'nivolumab');
    assert.deepEqual(nivo.dose.amount, { form: 'quantity', value: 240, unit: 'mg', ucum: 'mg', normalized: { value: 240, unit: 'mg', basis: 'flat' } });
    assert.deepEqual([nivo.dose.frequency?.intervalDays, nivo.dose.until, nivo.dose.upTo], [14, ['progression', 'toxicity'], { value: 2, unit: 'years' }]);
    assert.deepEqual(nivo.dose.implied.administrations, { kind: 'upTo', max: Q2W_IN_2_YEARS });
    // 53 doses of 240 mg
    assert.deepEqual(nivo.dose.implied.cumulativeTotal, { kind: 'upTo', value: 53 * 240, unit: 'mg' });
    // 240 mg every 2 weeks
    assert.deepEqual(nivo.dose.implied.perWeek, { value: 240 / 2, unit: 'mg' });
  });

  it('chemotherapy: 21-day cycles, up to 4, a choice of four doublets by histology, in three arms', () => {
    for (const armId of CHEMO_ARMS) {
      const arm = summary.arms.find((a) => a.id === armId)!;
      const cycles = arm.phases[0].steps.filter((s): s is Cycle => s.kind === 'cycle');
      assert.equal(cycles.length, 1, armId);
      const cycle = cycles[0];
      assert.deepEqual([cycle.lengthDays, cycle.cycles], [21, { kind: 'upTo', max: 4 }]);
      assert.equal(cycle.choices?.length, 1);
      assert.equal(cycle.choices![0].label, 'Platinum doublet by histology');
      assert.deepEqual(
        cycle.choices![0].options.map((o) => o.label),
        OPTIONS,
      );
      const [pemCis, pemCarbo, gemCis, gemCarbo] = OPTIONS.map((label) => optionDoses(cycle, label));
      assert.deepEqual(
        [pemCis, pemCarbo, gemCis, gemCarbo].map((ds) => ds.map((d) => d.drug)),
        [
          ['pemetrexed', 'cisplatin'],
          ['pemetrexed', 'carboplatin'],
          ['gemcitabine', 'cisplatin'],
          ['gemcitabine', 'carboplatin'],
        ],
      );
      assert.ok(cycle.doses.every((d) => d.route === 'IV'));

      const [pem, cis] = pemCis;
      assert.deepEqual(pem.amount, { form: 'quantity', value: 500, unit: 'mg/m2', ucum: 'mg/m2', normalized: { value: 500, unit: 'mg/m2', basis: 'bsa' } });
      assert.deepEqual(pem.days, [1]);
      assert.deepEqual(cis.amount, { form: 'quantity', value: 75, unit: 'mg/m2', ucum: 'mg/m2', normalized: { value: 75, unit: 'mg/m2', basis: 'bsa' } });
      assert.deepEqual(cis.days, [1]);

      const carboRange = pemCarbo[1];
      assert.deepEqual(
        [carboRange.amount.form, carboRange.amount.form === 'auc' && carboRange.amount.value, carboRange.amount.form === 'auc' && carboRange.amount.valueMax],
        ['auc', 5, 6],
      );

      const gem = gemCis[0];
      assert.deepEqual([quantity(gem).value, quantity(gem).valueMax, quantity(gem).unit], [1000, 1250, 'mg/m2']);
      assert.deepEqual(
        [quantity(gem).normalized, quantity(gem).normalizedMax],
        [
          { value: 1000, unit: 'mg/m2', basis: 'bsa' },
          { value: 1250, unit: 'mg/m2', basis: 'bsa' },
        ],
      );
      assert.deepEqual(gem.days, [1, 8]);
      assert.deepEqual([quantity(gemCarbo[0]).value, quantity(gemCarbo[0]).valueMax, gemCarbo[0].days], [1000, undefined, [1, 8]]);
      const carbo5 = gemCarbo[1];
      assert.deepEqual(
        [carbo5.amount.form, carbo5.amount.form === 'auc' && carbo5.amount.value, carbo5.amount.form === 'auc' && carbo5.amount.valueMax],
        ['auc', 5, undefined],
      );
    }
  });

  it('chemotherapy totals, worked out by hand', () => {
    const cycle = doses(summary, 'part1a_chemo')[0].cycle!;
    const [pemCis, pemCarbo, gemCis, gemCarbo] = OPTIONS.map((label) => optionDoses(cycle, label));

    const pem = pemCis[0].implied;
    assert.equal(pem.administrationsPerCycle, 1); // day 1
    assert.deepEqual(pem.administrations, { kind: 'upTo', max: 4 }); // 1 a cycle, up to 4 cycles
    assert.deepEqual(pem.perCycle, { value: 500, unit: 'mg/m2' });
    assert.deepEqual(pem.cumulativeTotal, { kind: 'upTo', value: 4 * 500, unit: 'mg/m2' });
    assert.ok(Math.abs(pem.perWeek!.value - 500 / 3) < 1e-6); // 500 mg/m2 every 3 weeks
    assert.deepEqual(pem.reference?.perAdministration, { value: 500 * BSA_M2, unit: 'mg' }); // 865 mg at 1.73 m2

    const cis = pemCis[1].implied;
    assert.deepEqual(cis.cumulativeTotal, { kind: 'upTo', value: 4 * 75, unit: 'mg/m2' });
    assert.deepEqual(cis.perWeek, { value: 75 / 3, unit: 'mg/m2' });

    // Calvert: dose (mg) = AUC x (GFR + 25), with the GFR capped at 125 mL/min.
    const carbo = pemCarbo[1].implied;
    assert.deepEqual(carbo.reference?.perAdministration, { value: 5 * (GFR + 25), max: 6 * (GFR + 25), unit: 'mg' }); // 750-900 mg
    assert.deepEqual(carbo.perCycle, { value: 750, max: 900, unit: 'mg' });
    assert.deepEqual(carbo.cumulativeTotal, { kind: 'upTo', value: 4 * 6 * (GFR + 25), unit: 'mg' }); // up to 4 cycles at AUC 6: 3600 mg

    const gem = gemCis[0].implied;
    assert.equal(gem.administrationsPerCycle, 2); // days 1 and 8
    assert.deepEqual(gem.administrations, { kind: 'upTo', max: 2 * 4 }); // 2 a cycle, up to 4 cycles
    assert.deepEqual(gem.perCycle, { value: 2 * 1000, max: 2 * 1250, unit: 'mg/m2' });
    assert.deepEqual(gem.cumulativeTotal, { kind: 'upTo', value: 2 * 4 * 1250, unit: 'mg/m2' }); // at most 8 doses of 1250
    assert.ok(Math.abs(gem.perWeek!.value - 2000 / 3) < 1e-6 && Math.abs(gem.perWeek!.max! - 2500 / 3) < 1e-6);

    const gem1000 = gemCarbo[0].implied;
    assert.deepEqual(gem1000.cumulativeTotal, { kind: 'upTo', value: 2 * 4 * 1000, unit: 'mg/m2' });
    const carbo5 = gemCarbo[1].implied;
    assert.deepEqual(carbo5.cumulativeTotal, { kind: 'upTo', value: 4 * 5 * (GFR + 25), unit: 'mg' }); // 3000 mg
  });

  it('optional pemetrexed maintenance in the chemotherapy arms: open-ended, never in the totals', () => {
    for (const armId of ['part1a_chemo', 'part1b_chemo']) {
      const maintenance = doses(summary, armId).filter((d) => d.phase === 'maintenance');
      assert.equal(maintenance.length, 1);
      const [{ optional, dose }] = maintenance;
      assert.equal(optional, true);
      assert.deepEqual([dose.drug, quantity(dose).value, dose.frequency?.intervalDays], ['pemetrexed', 500, 21]);
      assert.deepEqual(dose.implied.administrations, { kind: 'open' });
      assert.equal(dose.implied.cumulativeTotal, undefined);
      assert.ok(Math.abs(dose.implied.perWeek!.value - 500 / 3) < 1e-6);
    }
  });

  it('part 1b nivolumab 360 mg on day 1 of each chemotherapy cycle, then nivolumab at a dose the sources read do not state', () => {
    const all = doses(summary, 'part1b_nivo_chemo').filter((d) => d.dose.drug === 'nivolumab');
    assert.equal(all.length, 2);
    const [induction, maintenance] = all;
    assert.equal(induction.phase, 'induction');
    assert.deepEqual([induction.cycle?.lengthDays, induction.cycle?.cycles], [21, { kind: 'upTo', max: 4 }]);
    assert.deepEqual(induction.dose.amount, { form: 'quantity', value: 360, unit: 'mg', ucum: 'mg', normalized: { value: 360, unit: 'mg', basis: 'flat' } });
    assert.deepEqual(induction.dose.days, [1]);
    assert.deepEqual(induction.dose.implied.administrations, { kind: 'upTo', max: 4 }); // 1 a cycle, up to 4 cycles
    assert.deepEqual(induction.dose.implied.cumulativeTotal, { kind: 'upTo', value: 4 * 360, unit: 'mg' });
    assert.deepEqual(induction.dose.implied.perWeek, { value: 360 / 3, unit: 'mg' });

    assert.equal(maintenance.phase, 'maintenance');
    assert.notEqual(maintenance.optional, true);
    assert.deepEqual(maintenance.dose.amount, { form: 'unstated' });
    assert.deepEqual(maintenance.dose.until, ['progression', 'toxicity']);
    assert.deepEqual(maintenance.dose.implied.administrations, { kind: 'unknown' });
  });

  it("eligibility: adults, ECOG 0-1, no prior systemic anticancer therapy, and the record's free-text criteria", () => {
    const e = summary.eligibility!;
    assert.deepEqual([e.minimumAge, e.maximumAge, e.sex, e.healthyVolunteers], [{ value: 18, unit: 'years' }, undefined, 'all', 'no']);
    const inclusion = flatten(e.inclusion);
    assert.ok(inclusion.some((c) => c.kind === 'score' && c.analyte === 'ecog' && c.from === 0 && c.to === 1));
    // No laboratory threshold: the record gives none and the protocol's were not seen.
    assert.equal([...inclusion, ...flatten(e.exclusion)].filter((c) => c.kind === 'threshold').length, 0);
    const prior = e.exclusion.find((c) => c.kind === 'prior');
    assert.ok(prior && prior.kind === 'prior');
    assert.deepEqual(
      prior.items.map((i) => [i.name, i.isDrug]),
      [['systemic anticancer therapy', false]],
    );
    assert.equal(e.inclusion.filter((c) => c.kind === 'text').length, 4);
    const exclusionText = e.exclusion.flatMap((c) => (c.kind === 'text' ? [c.text] : []));
    assert.equal(exclusionText.length, 4);
    assert.ok(exclusionText.some((t) => /autoimmune/.test(t)));
    assert.ok(exclusionText.some((t) => /EGFR mutations or ALK translocations/.test(t)));
  });

  it('two primary outcomes: OS at about 48 months, PFS by BICR at about 40 months', () => {
    assert.deepEqual(
      summary.outcomes.map((o) => [o.kind, o.measure.split(' (')[0], o.timeFrame]),
      [
        ['primary', 'Overall survival', 'approximately 48 months'],
        ['primary', 'Progression-free Survival', 'approximately 40 months'],
      ],
    );
  });

  it('renders the course ends and the caps in the summary', () => {
    const text = renderMarkdown(summary);
    assert.match(text, /^# NCT02477826: /);
    assert.match(
      text,
      /nivolumab 3 mg\/kg IV q2w until progression or toxicity, up to 2 years — up to 53 in total, 1\.5 mg\/kg a week, up to 159 mg\/kg cumulative/,
    ); // 3 mg/kg every 14 days: 3 / 2 = 1.5 mg/kg a week
    assert.match(text, /ipilimumab 1 mg\/kg IV q6w until progression or toxicity, up to 2 years — up to 18 in total/);
    assert.match(text, /carboplatin AUC 5-6 IV day 1 — 1 per cycle, up to 4 in total, 750-900 mg per cycle/);
  });
});
