import * as assert from 'node:assert/strict';
import { renderMarkdown } from '../../server/src/summary/markdown';
import type { TrialSummary } from '../../server/src/summary/summary';
import { checkedSummary, doses, flatten, thresholdOf } from './sample-check';

/**
 * The diagnostics each sample keeps, each explained in docs/diagnostics.md ("Diagnostics the
 * samples keep"): gaps of the source records, which the samples do not fill.
 */
const EXPECTED: Record<string, string[]> = {
  'NCT04669496.trial': ['TPL254 warning official_title, primary_completion', 'TPL255 warning no outcome measures', 'TPL261 information lenvatinib'],
  'NCT03951597.trial': ['TPL254 warning summary, sponsor', "TPL255 warning No outcome is marked 'primary'"],
};

function findDose(summary: TrialSummary, armId: string, drug: string) {
  const found = doses(summary, armId).filter((d) => d.dose.drug === drug);
  assert.equal(found.length, 1, `${drug} in ${armId}`);
  return found[0];
}

const summaryOf = (name: string): TrialSummary => checkedSummary(name, EXPECTED[name]);

describe('sample NCT04669496 (the seed record, in full)', () => {
  const summary = summaryOf('NCT04669496.trial');
  const trial = summary.trial!;

  it('identification, status and design', () => {
    assert.equal(trial.nctId, 'NCT04669496');
    assert.equal(trial.orgStudyId, 'ZSAB-neoGOLP');
    assert.match(trial.title!, /^Phase II-III Clinical Trial of PD1 Antibody \(Toripalimab\)/);
    assert.equal(trial.phase, '2/3');
    assert.equal(trial.type, 'interventional');
    assert.equal(trial.status, 'active_not_recruiting');
    assert.deepEqual(trial.enrollment, { count: 178 });
    assert.deepEqual(trial.start, { date: '2021-01-20' });
    assert.deepEqual(trial.completion, { date: '2026-12-31' });
    assert.deepEqual(trial.design, { allocation: 'randomized', model: 'parallel', masking: 'none', purpose: 'treatment' });
  });

  it('sponsor, all 26 collaborators, investigator, site and the five references', () => {
    assert.deepEqual(trial.sponsor, { name: 'Shanghai Zhongshan Hospital', class: 'other' });
    assert.equal(trial.collaborators.length, 26);
    assert.deepEqual(trial.collaborators[1], { name: 'Shanghai Public Health Clinical Center', class: 'other_gov' });
    assert.deepEqual(trial.responsibleParty, { role: 'sponsor' });
    assert.deepEqual(trial.investigators, [{ name: 'Jia Fan, MD & PhD', role: 'study_chair', affiliation: 'Shanghai Zhongshan Hospital' }]);
    assert.deepEqual(trial.sites, [{ facility: 'Zhongshan hospital', city: 'Shanghai', state: 'Shanghai Municipality', country: 'China', contacts: [] }]);
    assert.deepEqual(
      trial.references.map((r) => r.pmid),
      [15192785, 20014463, 20165987, 22762399, 18751418],
    );
    assert.ok(trial.references.every((r) => r.type === 'background'));
  });

  it('two arms: experimental and no intervention', () => {
    assert.deepEqual(
      summary.arms.map((a) => [a.id, a.label, a.type]),
      [
        ['neoadjuvant', 'Neoadjuvant treatment', 'experimental'],
        ['traditional', 'Traditional group', 'no_intervention'],
      ],
    );
    assert.deepEqual(summary.arms[0].interventions, ['neoadjuvant_treatment']);
    assert.equal(summary.interventions[0].type, 'drug');
  });

  it('GEMOX: oxaliplatin 85 mg/m2 day 1 and gemcitabine 1 g/m2 = 1000 mg/m2 days 1 and 8, 21-day cycles x 3', () => {
    const oxali = findDose(summary, 'neoadjuvant', 'oxaliplatin');
    assert.equal(oxali.phase, 'neoadjuvant');
    assert.deepEqual([oxali.cycle?.lengthDays, oxali.cycle?.count], [21, 3]);
    assert.deepEqual(oxali.dose.amount, { form: 'quantity', value: 85, unit: 'mg/m2', ucum: 'mg/m2', normalized: { value: 85, unit: 'mg/m2', basis: 'bsa' } });
    assert.deepEqual(oxali.dose.days, [1]);
    const gem = findDose(summary, 'neoadjuvant', 'gemcitabine');
    assert.deepEqual(gem.dose.amount, { form: 'quantity', value: 1, unit: 'g/m2', ucum: 'g/m2', normalized: { value: 1000, unit: 'mg/m2', basis: 'bsa' } });
    assert.deepEqual(gem.dose.days, [1, 8]);
    assert.equal(gem.cycle, oxali.cycle);
    assert.deepEqual([gem.dose.implied.administrationsPerCycle, gem.dose.implied.totalAdministrations], [2, 6]);
    assert.deepEqual(gem.dose.implied.cumulative, { value: 6000, unit: 'mg/m2' });
  });

  it('toripalimab 240 mg x 3 (q3w), lenvatinib 8 mg daily for 9 weeks, no route invented', () => {
    const tori = findDose(summary, 'neoadjuvant', 'toripalimab');
    assert.equal(tori.cycle, undefined);
    assert.deepEqual([tori.dose.amount.form === 'quantity' && tori.dose.amount.value, tori.dose.count, tori.dose.frequency?.intervalDays], [240, 3, 21]);
    assert.deepEqual(tori.dose.implied.cumulative, { value: 720, unit: 'mg' });
    const lenva = findDose(summary, 'neoadjuvant', 'lenvatinib');
    assert.deepEqual(lenva.dose.amount, { form: 'quantity', value: 8, unit: 'mg', ucum: 'mg', normalized: { value: 8, unit: 'mg', basis: 'flat' } });
    assert.equal(lenva.dose.frequency?.text, 'daily');
    assert.deepEqual(lenva.dose.duration, { value: 9, unit: 'weeks', days: 63 });
    assert.equal(lenva.dose.implied.totalAdministrations, 63);
    assert.ok(
      doses(summary, 'neoadjuvant').every((d) => d.dose.route === undefined),
      'the record names no route',
    );
  });

  it('surgery, then adjuvant capecitabine 1250 mg/m2 bid days 1-14 of 21-day cycles x 8, in both arms', () => {
    for (const armId of ['neoadjuvant', 'traditional']) {
      const arm = summary.arms.find((a) => a.id === armId)!;
      const surgeryPhase = arm.phases.findIndex((p) => p.steps.some((s) => s.kind === 'surgery'));
      const adjuvantPhase = arm.phases.findIndex((p) => p.name === 'adjuvant');
      assert.ok(surgeryPhase >= 0 && surgeryPhase < adjuvantPhase, `${armId}: surgery before adjuvant`);
      const cape = findDose(summary, armId, 'capecitabine');
      assert.equal(cape.phase, 'adjuvant');
      assert.deepEqual([cape.cycle?.lengthDays, cape.cycle?.count], [21, 8]);
      assert.deepEqual(cape.dose.amount.form === 'quantity' && cape.dose.amount.normalized, { value: 1250, unit: 'mg/m2', basis: 'bsa' });
      assert.equal(cape.dose.frequency?.text, 'bid');
      assert.deepEqual(
        cape.dose.days,
        Array.from({ length: 14 }, (_, i) => i + 1),
      );
      assert.equal(cape.dose.implied.totalAdministrations, 14 * 2 * 8);
    }
    assert.deepEqual(summary.arms[1].drugs, ['capecitabine']);
  });

  it('eligibility: age 18-70, sex, ECOG 0, Child-Pugh A, and the lab thresholds with units', () => {
    const e = summary.eligibility!;
    assert.deepEqual([e.minimumAge, e.maximumAge, e.sex, e.healthyVolunteers], [{ value: 18, unit: 'years' }, { value: 70, unit: 'years' }, 'all', 'no']);
    const inclusion = flatten(e.inclusion);
    assert.ok(inclusion.some((c) => c.kind === 'score' && c.analyte === 'ecog' && c.from === 0 && c.to === undefined));
    assert.ok(inclusion.some((c) => c.kind === 'score' && c.analyte === 'child_pugh' && c.from === 'A'));
    const [platelets] = thresholdOf(e.inclusion, 'platelets');
    assert.deepEqual([platelets.comparator, platelets.value, platelets.unit, platelets.normalized], ['>=', 90, 'x10^9/L', { value: 90, unit: '10*9/L' }]);
    const [bilirubin] = thresholdOf(e.inclusion, 'bilirubin');
    assert.deepEqual([bilirubin.comparator, bilirubin.value, bilirubin.multipleOf], ['<=', 1.5, 'ULN']);
    assert.deepEqual(thresholdOf(e.inclusion, 'neutrophils')[0].normalized, { value: 1.5, unit: '10*9/L' });
    assert.deepEqual(thresholdOf(e.inclusion, 'hemoglobin')[0].normalized, { value: 90, unit: 'g/L' });
    assert.deepEqual(thresholdOf(e.inclusion, 'albumin')[0].normalized, { value: 35, unit: 'g/L' });
    assert.deepEqual(thresholdOf(e.inclusion, 'creatinine_clearance')[0].normalized, { value: 60, unit: 'mL/min' });
    assert.deepEqual(
      ['alt', 'ast', 'creatinine'].map((a) => [thresholdOf(e.inclusion, a)[0].value, thresholdOf(e.inclusion, a)[0].multipleOf]),
      [
        [3, 'ULN'],
        [3, 'ULN'],
        [1.5, 'ULN'],
      ],
    );
  });

  it('the any-of high-risk group holds CA19-9 > 37 U/mL and tumour diameter > 5 cm', () => {
    const group = summary.eligibility!.inclusion.find((c) => c.kind === 'group' && c.mode === 'any');
    assert.ok(group && group.kind === 'group');
    const ca = thresholdOf(group.criteria, 'ca19_9');
    assert.deepEqual([ca[0].comparator, ca[0].value, ca[0].unit], ['>', 37, 'U/mL']);
    assert.equal(ca[1].multipleOf, 'ULN');
    assert.deepEqual(thresholdOf(group.criteria, 'tumor_diameter')[0].normalized, { value: 50, unit: 'mm' });
    assert.equal(group.criteria.filter((c) => c.kind === 'text').length, 3);
  });

  it('exclusions: prior therapies, blood pressure, HBV DNA 10^4 copies/mL, HCV RNA with no unit, and the free text', () => {
    const e = summary.eligibility!;
    const prior = e.exclusion.find((c) => c.kind === 'prior');
    assert.ok(prior && prior.kind === 'prior');
    assert.deepEqual(
      prior.items.map((i) => i.name),
      ['PD1 antibody', 'PDL1 antibody', 'CTLA4 antibody', 'lenvatinib', 'chemotherapy'],
    );
    const [hbv] = thresholdOf(e.exclusion, 'hbv_dna');
    assert.deepEqual([hbv.value, hbv.valueText, hbv.ucum, hbv.note], [10000, '10^4', '{copies}/mL', 'after antiviral therapy']);
    const [hcv] = thresholdOf(e.exclusion, 'hcv_rna');
    assert.deepEqual([hcv.value, hcv.unit], [1000, undefined]);
    assert.deepEqual(
      thresholdOf(e.exclusion, 'systolic_bp').map((t) => t.normalized),
      [{ value: 140, unit: 'mm[Hg]' }],
    );
    // 16 numbered exclusions in the record; the 2nd is three statements, the 14th (HBV, HCV) two.
    assert.equal(e.exclusion.length, 19);
    assert.equal(e.inclusion.filter((c) => c.kind === 'text').length, 5);
  });

  it('records no outcome measures, as the record lists none', () => {
    assert.deepEqual(summary.outcomes, []);
  });

  it('renders a readable summary', () => {
    const text = renderMarkdown(summary);
    assert.match(text, /^# NCT04669496: /);
    assert.match(text, /gemcitabine 1 g\/m2 \(= 1000 mg\/m2\) days 1, 8 — 2 per cycle, 6 in total/);
    assert.match(text, /capecitabine 1250 mg\/m2 bid days 1-14/);
    assert.match(text, /hbv_dna > 10\^4 copies\/mL/);
  });
});

describe('sample NCT03951597 (the seed record, in full)', () => {
  const summary = summaryOf('NCT03951597.trial');
  const trial = summary.trial!;

  it('identification, status, dates with their qualifiers, and design', () => {
    assert.equal(trial.nctId, 'NCT03951597');
    assert.equal(trial.orgStudyId, 'zs-ICC-2019');
    assert.match(trial.officialTitle!, /^a Single-arm Study of Combined Therapy/);
    assert.equal(trial.phase, '2');
    assert.deepEqual(trial.enrollment, { count: 30, qualifier: 'estimated' });
    assert.deepEqual(trial.start, { date: '2019-05-10', qualifier: 'actual' });
    assert.deepEqual(trial.primaryCompletion, { date: '2020-01-10', qualifier: 'actual' });
    assert.deepEqual(trial.completion, { date: '2021-11-10', qualifier: 'estimated' });
    assert.deepEqual([trial.firstPosted?.date, trial.lastUpdate?.date, trial.lastVerified?.date], ['2019-05-15', '2021-07-07', '2021-07']);
    assert.deepEqual(trial.design, { allocation: 'na', model: 'single_group', masking: 'none', purpose: 'treatment' });
    assert.deepEqual([trial.ipdSharing, trial.fdaRegulatedDrug, trial.fdaRegulatedDevice], ['no', 'no', 'no']);
    assert.deepEqual(trial.investigators, [{ name: 'Jian Zhou, MD&PhD', role: 'principal_investigator', affiliation: 'Fudan University' }]);
    assert.equal(trial.sites[0].zip, '200032');
  });

  it('one experimental arm naming its four drugs with no dose stated, and no error for it', () => {
    assert.equal(summary.arms.length, 1);
    assert.equal(summary.arms[0].type, 'experimental');
    assert.deepEqual(summary.arms[0].drugs, ['oxaliplatin', 'gemcitabine', 'lenvatinib', 'toripalimab']);
    for (const { dose } of doses(summary, summary.arms[0].id)) {
      assert.deepEqual(dose.amount, { form: 'unstated' });
      assert.equal(dose.implied.written, 'dose unstated');
    }
    assert.match(summary.drugs.find((d) => d.id === 'toripalimab')!.label!, /JS001/);
  });

  it('eligibility: age 18-75, platelets >= 100 x10^9/L, albumin >= 3 g/dL, ALT/AST <= 1.5 x ULN, PT > 14 s, HBV DNA > 2000 copies/mL', () => {
    const e = summary.eligibility!;
    assert.deepEqual([e.minimumAge?.value, e.maximumAge?.value], [18, 75]);
    assert.equal(thresholdOf(e.inclusion, 'platelets')[0].value, 100);
    assert.deepEqual(thresholdOf(e.inclusion, 'albumin')[0].normalized, { value: 30, unit: 'g/L' });
    assert.deepEqual(
      ['alt', 'ast'].map((a) => thresholdOf(e.inclusion, a)[0].value),
      [1.5, 1.5],
    );
    assert.deepEqual(
      thresholdOf(e.inclusion, 't3').map((t) => `${t.comparator} ${t.value} x ${t.multipleOf}`),
      ['>= 1 x LLN', '<= 1 x ULN'],
    );
    assert.deepEqual(thresholdOf(e.exclusion, 'pt')[0].normalized, { value: 14, unit: 's' });
    assert.deepEqual(thresholdOf(e.exclusion, 'hbv_dna')[0].normalized, { value: 2000, unit: '{copies}/mL' });
  });

  it('four outcomes at 12 months, with no kind, as the record lost its headings', () => {
    assert.deepEqual(
      summary.outcomes.map((o) => [o.kind, o.measure, o.timeFrame]),
      [
        [undefined, 'Objective response rate', '12 months'],
        [undefined, 'safety: the potential side effects', '12 months'],
        [undefined, 'overall survival', '12 months'],
        [undefined, 'Progression free survival', '12 months'],
      ],
    );
  });

  it('keywords and MeSH terms', () => {
    assert.equal(trial.conditions[0], 'Cholangiocarcinoma, Intrahepatic');
    assert.ok(trial.meshConditions.includes('Neoplasms, Glandular and Epithelial'));
    assert.ok(trial.meshInterventions.includes('Lenvatinib'));
    assert.equal(trial.keywords.length, 4);
  });
});
