import * as assert from 'node:assert/strict';
import type { SummaryCriterion, TrialSummary } from '../../server/src/summary/summary';
import { checkedSummary, doses, flatten, thresholdOf } from './sample-check';

/**
 * The diagnostics the sample keeps: none. Every registry field TPL254 asks for is in the record
 * (brief and official title, summary, type, phase, status, enrollment, the three dates, the
 * condition, the four design fields, sponsor, responsible party); the four outcomes are primary
 * with a time frame (TPL255); all three doses are labelled doses of their drugs on their labelled
 * schedules for HCC (TPL220, TPL225); the eligibility names autoimmune disease (TPL264); no label
 * requirement of the three drugs is held (TPL262); the criteria contradict and repeat nothing
 * (TPL242-TPL244).
 */
const EXPECTED: string[] = [];

function findDose(summary: TrialSummary, armId: string, drug: string) {
  const found = doses(summary, armId).filter((d) => d.dose.drug === drug);
  assert.equal(found.length, 1, `${drug} in ${armId}`);
  return found[0];
}

function textCriterion(criteria: readonly SummaryCriterion[], start: string) {
  const found = flatten(criteria).filter((c): c is Extract<SummaryCriterion, { kind: 'text' }> => c.kind === 'text' && c.text.startsWith(start));
  assert.equal(found.length, 1, `one free-text criterion starting '${start}'`);
  return found[0];
}

const summaryOf = (name: string): TrialSummary => checkedSummary(name, EXPECTED);

describe('sample NCT03434379 (IMbrave150: atezolizumab + bevacizumab vs sorafenib, unresectable HCC)', () => {
  const summary = summaryOf('NCT03434379.trial');
  const trial = summary.trial!;

  it('identification, status, dates and design', () => {
    assert.equal(trial.nctId, 'NCT03434379');
    assert.equal(trial.orgStudyId, 'YO40245');
    assert.deepEqual(trial.secondaryIds, [{ id: '2017-003691-31', type: 'eudract' }]);
    assert.equal(trial.acronym, 'IMbrave150');
    assert.match(trial.title!, /^A Study of Atezolizumab in Combination With Bevacizumab Compared With Sorafenib/);
    assert.match(trial.officialTitle!, /^A Phase III, Open-Label, Randomized Study/);
    assert.deepEqual([trial.type, trial.phase, trial.status, trial.results], ['interventional', '3', 'completed', 'posted']);
    // 501 in the global population + 57 in the China extension.
    assert.deepEqual(trial.enrollment, { count: 501 + 57 });
    assert.deepEqual([trial.start, trial.primaryCompletion, trial.completion], [{ date: '2018-03-15' }, { date: '2020-08-31' }, { date: '2022-11-17' }]);
    assert.deepEqual(
      [trial.firstSubmitted?.date, trial.firstPosted?.date, trial.lastUpdate?.date, trial.lastVerified?.date],
      ['2018-01-31', '2018-02-15', '2023-10-23', '2023-09'],
    );
    assert.deepEqual(trial.conditions, ['Carcinoma, Hepatocellular']);
    assert.deepEqual(trial.design, { allocation: 'randomized', model: 'parallel', masking: 'none', purpose: 'treatment' });
  });

  it('sponsor, responsible party, the 17 countries and the publication', () => {
    assert.deepEqual(trial.sponsor, { name: 'Hoffmann-La Roche', class: 'industry' });
    assert.deepEqual(trial.responsibleParty, { role: 'sponsor' });
    assert.equal(trial.countries.length, 17);
    assert.ok(trial.countries.includes('Korea, Republic of') && trial.countries.includes('Czechia'));
    assert.deepEqual(
      trial.references.map((r) => [r.type, r.pmid]),
      [['result', 32402160]],
    );
    assert.match(trial.references[0].citation, /N Engl J Med\. 2020/);
  });

  it('two arms, 2:1: experimental atezolizumab + bevacizumab, active comparator sorafenib', () => {
    assert.deepEqual(
      summary.arms.map((a) => [a.id, a.type, a.interventions, a.drugs]),
      [
        ['atezo_bev', 'experimental', ['atezolizumab_drug', 'bevacizumab_drug'], ['atezolizumab', 'bevacizumab']],
        ['sorafenib', 'active_comparator', ['sorafenib_drug'], ['sorafenib']],
      ],
    );
    assert.deepEqual(
      summary.interventions.map((i) => [i.name, i.type]),
      [
        ['Atezolizumab', 'drug'],
        ['Bevacizumab', 'drug'],
        ['Sorafenib', 'drug'],
      ],
    );
  });

  it('atezolizumab 1200 mg flat and bevacizumab 15 mg/kg IV on day 1 of 21-day cycles, until loss of clinical benefit or toxicity', () => {
    const atezo = findDose(summary, 'atezo_bev', 'atezolizumab');
    const bev = findDose(summary, 'atezo_bev', 'bevacizumab');
    assert.equal(atezo.cycle, bev.cycle, 'one cycle block holds both');
    assert.equal(atezo.cycle?.lengthDays, 21);
    assert.deepEqual(atezo.cycle?.cycles, { kind: 'open' });
    assert.deepEqual(atezo.cycle?.until, ['loss_of_benefit', 'toxicity']);
    assert.deepEqual(atezo.dose.amount, { form: 'quantity', value: 1200, unit: 'mg', ucum: 'mg', normalized: { value: 1200, unit: 'mg', basis: 'flat' } });
    assert.deepEqual(bev.dose.amount, { form: 'quantity', value: 15, unit: 'mg/kg', ucum: 'mg/kg', normalized: { value: 15, unit: 'mg/kg', basis: 'weight' } });
    for (const { dose } of [atezo, bev]) {
      assert.equal(dose.route, 'IV');
      assert.deepEqual(dose.days, [1]);
    }
  });

  it('atezolizumab + bevacizumab totals, worked out by hand: per cycle and per week, never a total (open-ended)', () => {
    const atezo = findDose(summary, 'atezo_bev', 'atezolizumab').dose.implied;
    const bev = findDose(summary, 'atezo_bev', 'bevacizumab').dose.implied;
    // Day 1 only: one administration in each 21-day cycle.
    assert.equal(atezo.administrationsPerCycle, 1);
    assert.equal(bev.administrationsPerCycle, 1);
    // Until loss of clinical benefit or toxicity: the count is open, no cumulative dose.
    assert.deepEqual(atezo.administrations, { kind: 'open' });
    assert.deepEqual(bev.administrations, { kind: 'open' });
    assert.equal(atezo.cumulative, undefined);
    assert.equal(bev.cumulative, undefined);
    // Per cycle: one dose of each.
    assert.deepEqual(atezo.perCycle, { value: 1 * 1200, unit: 'mg' });
    assert.deepEqual(bev.perCycle, { value: 1 * 15, unit: 'mg/kg' });
    // Per week: one dose every 21 days = 3 weeks.
    assert.deepEqual(atezo.perWeek, { value: 1200 / 3, unit: 'mg' });
    assert.deepEqual(bev.perWeek, { value: 15 / 3, unit: 'mg/kg' });
    // The reference patient weighs 70 kg: 15 mg/kg x 70 kg.
    assert.deepEqual(bev.reference?.perAdministration, { value: 15 * 70, unit: 'mg' });
    assert.deepEqual(atezo.reference?.perAdministration, { value: 1200, unit: 'mg' });
  });

  it('sorafenib 400 mg orally twice daily, continuously until loss of clinical benefit or toxicity; 5600 mg a week by hand', () => {
    const sora = findDose(summary, 'sorafenib', 'sorafenib');
    assert.equal(sora.cycle, undefined, 'a continuous course, not in cycles');
    assert.deepEqual(sora.dose.amount, { form: 'quantity', value: 400, unit: 'mg', ucum: 'mg', normalized: { value: 400, unit: 'mg', basis: 'flat' } });
    assert.equal(sora.dose.route, 'PO');
    assert.deepEqual(sora.dose.frequency, { text: 'bid', intervalDays: 1, perDay: 2 });
    assert.deepEqual(sora.dose.until, ['loss_of_benefit', 'toxicity']);
    const implied = sora.dose.implied;
    // bid: 2 administrations each 1-day period.
    assert.deepEqual([implied.perPeriod, implied.periodDays], [2, 1]);
    // 400 mg x 2 a day x 7 days.
    assert.deepEqual(implied.perWeek, { value: 400 * 2 * 7, unit: 'mg' });
    assert.deepEqual(implied.administrations, { kind: 'open' });
    assert.equal(implied.cumulative, undefined);
  });

  it('eligibility: adults of either sex, ECOG 0-1, Child-Pugh A, no prior systemic therapy', () => {
    const e = summary.eligibility!;
    assert.deepEqual([e.minimumAge, e.maximumAge, e.sex, e.healthyVolunteers], [{ value: 18, unit: 'years' }, undefined, 'all', 'no']);
    const inclusion = flatten(e.inclusion);
    assert.ok(inclusion.some((c) => c.kind === 'score' && c.analyte === 'ecog' && c.from === 0 && c.to === 1));
    assert.ok(inclusion.some((c) => c.kind === 'score' && c.analyte === 'child_pugh' && c.from === 'A' && c.to === undefined));
    const prior = e.exclusion.find((c) => c.kind === 'prior');
    assert.ok(prior && prior.kind === 'prior');
    assert.deepEqual(
      prior.items.map((i) => i.name),
      ['systemic therapy for HCC'],
    );
  });

  it('eligibility: the laboratory limits of adequate organ function, with units, ULN multiples and their conditions', () => {
    const group = summary.eligibility!.inclusion.find((c) => c.kind === 'group' && c.mode === 'all');
    assert.ok(group && group.kind === 'group');
    assert.equal(group.label, 'Adequate hematologic and end-organ function');
    const limit = (analyte: string) => {
      const [t] = thresholdOf(group.criteria, analyte);
      return [t.comparator, t.value, t.multipleOf ?? t.unit];
    };
    assert.deepEqual(limit('neutrophils'), ['>=', 1.5, 'x10^9/L']);
    assert.deepEqual(limit('lymphocytes'), ['>=', 0.5, 'x10^9/L']);
    assert.deepEqual(limit('platelets'), ['>=', 75, 'x10^9/L']);
    assert.deepEqual(limit('hemoglobin'), ['>=', 90, 'g/L']);
    assert.deepEqual(['ast', 'alt', 'alp', 'bilirubin', 'creatinine'].map(limit), [
      ['<=', 5, 'ULN'],
      ['<=', 5, 'ULN'],
      ['<=', 5, 'ULN'],
      ['<=', 3, 'ULN'],
      ['<=', 1.5, 'ULN'],
    ]);
    assert.deepEqual(thresholdOf(group.criteria, 'albumin')[0].normalized, { value: 28, unit: 'g/L' });
    assert.deepEqual(thresholdOf(group.criteria, 'neutrophils')[0].normalized, { value: 1.5, unit: '10*9/L' });
    // Creatinine OR creatinine clearance: an any-of group inside the all-of group.
    const renal = group.criteria.find((c) => c.kind === 'group' && c.mode === 'any');
    assert.ok(renal && renal.kind === 'group');
    assert.deepEqual(thresholdOf(renal.criteria, 'creatinine_clearance')[0].normalized, { value: 50, unit: 'mL/min' });
    // INR and aPTT bind only patients not on therapeutic anticoagulation.
    for (const analyte of ['inr', 'aptt']) {
      const [t] = thresholdOf(group.criteria, analyte);
      assert.deepEqual([t.comparator, t.value, t.multipleOf], ['<=', 2, 'ULN']);
      assert.deepEqual(t.condition, { kind: 'text', text: 'not receiving therapeutic anticoagulation' });
    }
    // 24-hour urine protein, only when the dipstick shows 2+ or more.
    const [urine] = thresholdOf(group.criteria, 'urine_protein');
    assert.deepEqual([urine.comparator, urine.value, urine.ucum], ['<=', 1, 'g/(24.h)']);
    assert.deepEqual(urine.condition, { kind: 'text', text: 'urine dipstick for proteinuria 2+ or more' });
  });

  it('eligibility: HBV DNA < 500 IU/mL if active hepatitis B, within 28 days before the first dose', () => {
    const [hbv] = thresholdOf(summary.eligibility!.inclusion, 'hbv_dna');
    assert.deepEqual([hbv.comparator, hbv.value, hbv.ucum], ['<', 500, '[IU]/mL']);
    assert.deepEqual(hbv.condition, { kind: 'text', text: 'active hepatitis B' });
    assert.deepEqual(hbv.window, { relation: 'within', value: 28, unit: 'days', direction: 'before', anchor: { kind: 'moment', moment: 'first_dose' } });
  });

  it('eligibility: varices evaluated, and no variceal bleeding, within 6 months before the first dose', () => {
    const e = summary.eligibility!;
    const sixMonthsBeforeFirstDose = { relation: 'within', value: 6, unit: 'months', direction: 'before', anchor: { kind: 'moment', moment: 'first_dose' } };
    assert.deepEqual(textCriterion(e.inclusion, 'Evaluation for esophageal and gastric varices').window, sixMonthsBeforeFirstDose);
    assert.deepEqual(textCriterion(e.exclusion, 'Bleeding event due to esophageal and/or gastric varices').window, sixMonthsBeforeFirstDose);
    assert.equal(textCriterion(e.exclusion, 'Untreated or incompletely treated esophageal').window, undefined);
  });

  it('eligibility: the other time windows of the exclusions and the blood-pressure limits', () => {
    const e = summary.eligibility!;
    const window = (start: string) => {
      const w = textCriterion(e.exclusion, start).window;
      assert.ok(w, `a window on '${start}'`);
      return [w.value, w.unit, w.anchor.kind === 'moment' ? w.anchor.moment : w.anchor.text];
    };
    assert.deepEqual(window('Severe infection'), [4, 'weeks', 'randomization']);
    assert.deepEqual(window('Treatment with therapeutic oral or IV antibiotics'), [2, 'weeks', 'randomization']);
    assert.deepEqual(window('Treatment with a live, attenuated vaccine'), [4, 'weeks', 'randomization']);
    assert.deepEqual(window('Malignancy other than HCC'), [5, 'years', 'screening']);
    assert.deepEqual(window('Local therapy to the liver'), [28, 'days', 'first_dose']);
    const hypertension = e.exclusion.find((c) => c.kind === 'group' && c.mode === 'any');
    assert.ok(hypertension && hypertension.kind === 'group');
    assert.deepEqual(
      flatten(hypertension.criteria).map((c) => (c.kind === 'threshold' ? [c.analyte, c.comparator, c.normalized] : c.kind)),
      [
        ['systolic_bp', '>=', { value: 150, unit: 'mm[Hg]' }],
        ['diastolic_bp', '>', { value: 100, unit: 'mm[Hg]' }],
      ],
    );
  });

  it('four primary outcomes: OS and IRF-assessed PFS, in the global and the China populations', () => {
    assert.deepEqual(
      summary.outcomes.map((o) => o.kind),
      ['primary', 'primary', 'primary', 'primary'],
    );
    assert.deepEqual(
      summary.outcomes.map((o) => o.measure.slice(0, 20)),
      ['Overall Survival (OS', 'Progression Free Sur', 'Overall Survival (OS', 'PFS-IRF Per RECIST v'],
    );
    assert.ok(summary.outcomes.every((o) => o.timeFrame && o.timeFrame.length > 0));
  });
});
