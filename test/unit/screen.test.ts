/**
 * Pre-screening (server/src/summary/screen.ts) on synthetic patients built in test/unit/fhir.ts:
 * every criterion form of the language, unit conversion, ULN and LLN from the lab's reference
 * range, missing values, exclusions that apply, any/all groups, scores, age at a date, sex, prior
 * therapy through the drug table, free text, conditions, alternatives and time windows, and bad
 * input.
 */

import * as assert from 'node:assert/strict';
import type * as S from '../../server/src/model/schema';
import { createProtocolService, PatientInputError } from '../../server/src/service';
import { screenPatient, type ScreenReport, type ScreenedCriterion } from '../../server/src/summary/screen';
import { readPatientBundle } from '../../server/src/summary/screen-fhir';
import { screenJson, screenText } from '../../server/src/summary/screen-report';
import { bundle, CODES, condition, lab, LOINC, medication, patient, quantity, score } from './fhir';

const service = createProtocolService();
const DATE = '2024-05-01';

const PROTOCOL = `eligibility {
  age 18 to 70 years
  sex female
  include "Signed informed consent"
  include ecog 0-1
  include child_pugh A
  include albumin >= 3.5 g/dL
  include alt <= 3 x ULN
  include hemoglobin >= 1 x LLN
  include any "risk" {
    platelets >= 100 x10^9/L
    ast > 2 x ULN
  }
  include all "kidneys and clotting" {
    creatinine <= 1.5 x ULN
    inr < 1.2
  }
  exclude prior "PD1 antibody", lenvatinib
  exclude prior "chemotherapy"
  exclude hbv_dna > 10^4 copies/mL
  exclude hcv_rna > 1000
  exclude any "liver" {
    bilirubin > 3 x ULN
    platelets < 50 x10^9/L
  }
}
`;

/** A patient who meets every criterion a record can show. */
function goodPatient(): Record<string, unknown>[] {
  return [
    patient({ birthDate: '1970-03-02', gender: 'female' }),
    score(CODES.ecog, 1),
    lab(CODES.albumin, 36, 'g/L', { id: 'alb' }),
    lab(CODES.alt, 80, 'U/L', { id: 'alt', high: 40 }),
    lab(CODES.hemoglobin, 130, 'g/L', { id: 'hb', low: 120 }),
    lab(CODES.platelets, 150, '10*9/L', { id: 'plt' }),
    lab(CODES.ast, 30, 'U/L', { id: 'ast', high: 40 }),
    lab(CODES.creatinine, 0.8, 'mg/dL', { id: 'cr', high: 1.1 }),
    lab(CODES.inr, 1.0, '1', { id: 'inr' }),
    lab(CODES.hbvDna, 500, '{copies}/mL', { id: 'hbv' }),
    lab(CODES.bilirubin, 0.6, 'mg/dL', { id: 'bili', high: 1.2 }),
    medication('Ondansetron'),
  ];
}

function screen(resources: Record<string, unknown>[], text = PROTOCOL, date = DATE): ScreenReport {
  return service.screen(service.analyze(text), bundle(...resources), date);
}

/** The row of the criterion whose text starts with `start`. */
function row(report: ScreenReport, start: string): ScreenedCriterion {
  const found = report.criteria.filter((criterion) => criterion.text.startsWith(start));
  assert.equal(found.length, 1, `one criterion '${start}' in: ${report.criteria.map((criterion) => criterion.text).join(' | ')}`);
  return found[0];
}

function outcome(report: ScreenReport, start: string): string {
  return row(report, start).outcome;
}

/** The good patient with one resource replaced (by its id) or removed. */
function variant(replace: Record<string, Record<string, unknown> | undefined>): Record<string, unknown>[] {
  const resources = goodPatient()
    .map((resource) => (String(resource.id) in replace ? replace[String(resource.id)] : resource))
    .filter((resource): resource is Record<string, unknown> => resource !== undefined);
  return resources;
}

describe('pre-screening', () => {
  it('lists every criterion, group members too, each with its own 1-based line, in source order', () => {
    const report = screen(goodPatient());
    const lines = PROTOCOL.split('\n');
    const expected = [
      'age 18 to 70 years',
      'sex female',
      '"Signed informed consent"',
      'ecog 0-1',
      'child_pugh A',
      'albumin >= 3.5 g/dL',
      'alt <= 3 x ULN',
      'hemoglobin >= 1 x LLN',
      'any "risk"',
      'platelets >= 100 x10^9/L',
      'ast > 2 x ULN',
      'all "kidneys and clotting"',
      'creatinine <= 1.5 x ULN',
      'inr < 1.2',
      'prior "PD1 antibody", lenvatinib',
      'prior "chemotherapy"',
      'hbv_dna > 10^4 copies/mL',
      'hcv_rna > 1000',
      'any "liver"',
      'bilirubin > 3 x ULN',
      'platelets < 50 x10^9/L',
    ];
    assert.deepEqual(
      report.criteria.map((criterion) => criterion.text),
      expected,
    );
    for (const criterion of report.criteria) {
      assert.ok(lines[criterion.line - 1].includes(criterion.text.replace(/ \{$/, '')), `line ${criterion.line} holds ${criterion.text}`);
    }
    assert.deepEqual(
      report.criteria.filter((criterion) => criterion.kind === 'exclusion').map((criterion) => criterion.text),
      expected.slice(14),
    );
  });

  it('passes a patient who meets every criterion a record can show, and leaves the rest unknown: undetermined', () => {
    const report = screen(goodPatient());
    const outcomes = Object.fromEntries(report.criteria.map((criterion) => [criterion.text, criterion.outcome]));
    assert.deepEqual(outcomes, {
      'age 18 to 70 years': 'pass',
      'sex female': 'pass',
      '"Signed informed consent"': 'unknown',
      'ecog 0-1': 'pass',
      'child_pugh A': 'unknown',
      'albumin >= 3.5 g/dL': 'pass',
      'alt <= 3 x ULN': 'pass',
      'hemoglobin >= 1 x LLN': 'pass',
      'any "risk"': 'pass',
      'platelets >= 100 x10^9/L': 'pass',
      'ast > 2 x ULN': 'fail',
      'all "kidneys and clotting"': 'pass',
      'creatinine <= 1.5 x ULN': 'pass',
      'inr < 1.2': 'pass',
      'prior "PD1 antibody", lenvatinib': 'pass',
      'prior "chemotherapy"': 'unknown',
      'hbv_dna > 10^4 copies/mL': 'pass',
      'hcv_rna > 1000': 'unknown',
      'any "liver"': 'pass',
      'bilirubin > 3 x ULN': 'pass',
      'platelets < 50 x10^9/L': 'pass',
    });
    assert.equal(report.verdict, 'undetermined');
  });

  it('is eligible when every criterion passes, and ineligible when one fails', () => {
    const text = 'eligibility {\n  age >= 18 years\n  include albumin >= 3.5 g/dL\n  exclude hbv_dna > 10^4 copies/mL\n}\n';
    assert.equal(screen(goodPatient(), text).verdict, 'eligible');
    assert.equal(screen(variant({ alb: lab(CODES.albumin, 30, 'g/L', { id: 'alb' }) }), text).verdict, 'ineligible');
    assert.equal(screen(goodPatient(), 'trial NCT01234567 { title "No eligibility" }\n').verdict, 'undetermined');
  });

  describe('laboratory values', () => {
    it('converts a value to the criterion’s unit: albumin 36 g/L against >= 3.5 g/dL', () => {
      const albumin = row(screen(goodPatient()), 'albumin');
      assert.equal(albumin.outcome, 'pass');
      assert.deepEqual(albumin.evidence, {
        observation: 'Observation/alb',
        code: `LOINC ${CODES.albumin}`,
        date: '2024-04-20',
        recorded: '36 g/L',
        value: 3.6,
        unit: 'g/dL',
        reason: '3.6 g/dL >= 3.5 g/dL: met',
      });
      assert.equal(outcome(screen(variant({ alb: lab(CODES.albumin, 34, 'g/L', { id: 'alb' }) })), 'albumin'), 'fail');
      assert.equal(outcome(screen(variant({ alb: lab(CODES.albumin, 35, 'g/L', { id: 'alb' }) })), 'albumin'), 'pass', 'at the limit');
      // INR is a ratio: a threshold without a unit is in its unit, 1, and so is a value recorded with UCUM's 1.
      assert.deepEqual(row(screen(goodPatient()), 'inr').evidence.reason, '1 < 1.2: met');
    });

    it('reads the ULN and LLN from the Observation’s reference range, in its own unit', () => {
      const alt = row(screen(goodPatient()), 'alt');
      assert.equal(alt.outcome, 'pass');
      assert.deepEqual([alt.evidence.value, alt.evidence.unit, alt.evidence.uln, alt.evidence.recorded], [2, 'x ULN', { value: 40, unit: 'U/L' }, '80 U/L']);
      assert.equal(outcome(screen(variant({ alt: lab(CODES.alt, 130, 'U/L', { id: 'alt', high: 40 }) })), 'alt'), 'fail');
      // A ULN of 0.5 ukat/L is 30 U/L: 80 U/L is 2.67 x ULN, within 3.
      const inKatal = row(screen(variant({ alt: lab(CODES.alt, 80, 'U/L', { id: 'alt', high: 0.5, rangeUnit: 'ukat/L' }) })), 'alt');
      assert.deepEqual([inKatal.outcome, inKatal.evidence.value, inKatal.evidence.uln], ['pass', 2.66667, { value: 0.5, unit: 'ukat/L' }]);
      // A range limit without a unit is in the value's unit.
      const bare = lab(CODES.alt, 100, 'U/L', { id: 'alt' });
      bare.referenceRange = [{ high: { value: 40 } }];
      assert.equal(outcome(screen(variant({ alt: bare })), 'alt'), 'pass');
      const hemoglobin = row(screen(variant({ hb: lab(CODES.hemoglobin, 11, 'g/dL', { id: 'hb', low: 120, rangeUnit: 'g/L' }) })), 'hemoglobin');
      assert.deepEqual([hemoglobin.outcome, hemoglobin.evidence.lln], ['fail', { value: 120, unit: 'g/L' }]);
    });

    it('is unknown, saying why, without a reference range, with several, or with one for another group', () => {
      const none = row(screen(variant({ alt: lab(CODES.alt, 80, 'U/L', { id: 'alt' }) })), 'alt');
      assert.equal(none.outcome, 'unknown');
      assert.match(none.evidence.reason, /Observation\/alt: it has no reference range high \(ULN\)/);
      const several = lab(CODES.alt, 80, 'U/L', { id: 'alt' });
      several.referenceRange = [{ high: quantity(40, 'U/L') }, { high: quantity(55, 'U/L') }];
      assert.match(row(screen(variant({ alt: several })), 'alt').evidence.reason, /2 reference ranges with different high limits/);
      const forMen = lab(CODES.alt, 80, 'U/L', { id: 'alt' });
      forMen.referenceRange = [{ high: quantity(40, 'U/L'), appliesTo: [{ text: 'male' }] }, { high: quantity(33, 'U/L') }];
      const chosen = row(screen(variant({ alt: forMen })), 'alt');
      assert.deepEqual([chosen.outcome, chosen.evidence.uln], ['pass', { value: 33, unit: 'U/L' }]);
    });

    it('is unknown when the record has no value, never a guess', () => {
      const report = screen(variant({ alb: undefined }));
      const albumin = row(report, 'albumin');
      assert.equal(albumin.outcome, 'unknown');
      assert.equal(albumin.evidence.reason, `no Observation with LOINC ${CODES.albumin} (Serum albumin) on or before ${DATE}`);
      assert.equal(report.verdict, 'undetermined');
    });

    it('is unknown when the unit does not fit: not UCUM, not convertible, a bound rather than a value', () => {
      const notUcum = lab(CODES.albumin, 3.6, 'g/dL', { id: 'alb' });
      notUcum.valueQuantity = { value: 3.6, unit: 'g/dl' };
      assert.match(row(screen(variant({ alb: notUcum })), 'albumin').evidence.reason, /its unit 'g\/dl' is not given as a UCUM code/);
      assert.match(row(screen(variant({ alb: lab(CODES.albumin, 60, '%', { id: 'alb' }) })), 'albumin').evidence.reason, /60 % does not convert to g\/L/);
      const bound = lab(CODES.albumin, 3.6, 'g/dL', { id: 'alb' });
      (bound.valueQuantity as Record<string, unknown>).comparator = '<';
      assert.match(row(screen(variant({ alb: bound })), 'albumin').evidence.reason, /records a bound \(<3.6 g\/dL\)/);
      // HBV DNA in IU/mL does not convert to copies/mL (the factor depends on the assay).
      const hbv = row(screen(variant({ hbv: lab(CODES.hbvDna, 500, '[IU]/mL', { id: 'hbv' }) })), 'hbv_dna');
      assert.equal(hbv.outcome, 'unknown');
      assert.match(hbv.evidence.reason, /does not convert to copies\/mL/);
      // A criterion without a unit compares with nothing.
      assert.match(row(screen([...goodPatient(), lab(CODES.hcvRna, 5000, '[IU]/mL')]), 'hcv_rna').evidence.reason, /the criterion gives no unit/);
    });

    it('reads the latest Observation on or before the screening date, and none after it', () => {
      const earlier = lab(CODES.albumin, 30, 'g/L', { id: 'alb-old', date: '2024-01-10' });
      const latest = lab(CODES.albumin, 40, 'g/L', { id: 'alb', date: '2024-04-28' });
      const future = lab(CODES.albumin, 20, 'g/L', { id: 'alb-future', date: '2024-06-01' });
      const albumin = row(screen(variant({ alb: undefined }).concat([earlier, latest, future])), 'albumin');
      assert.deepEqual([albumin.outcome, albumin.evidence.observation, albumin.evidence.date], ['pass', 'Observation/alb', '2024-04-28']);
      const onlyFuture = row(screen(variant({ alb: future })), 'albumin');
      assert.match(onlyFuture.evidence.reason, /; 1 dated after 2024-05-01 not read$/);
      const inError = row(screen(variant({ alb: lab(CODES.albumin, 20, 'g/L', { id: 'alb', status: 'entered-in-error' }) })), 'albumin');
      assert.equal(inError.outcome, 'unknown');
    });

    it('fails a patient whom an exclusion applies to', () => {
      const report = screen(variant({ hbv: lab(CODES.hbvDna, 50000, '{copies}/mL', { id: 'hbv' }) }));
      assert.equal(outcome(report, 'hbv_dna'), 'fail');
      assert.equal(report.verdict, 'ineligible');
    });
  });

  describe('groups', () => {
    it('any of: passes when one member passes, fails when all fail, else unknown', () => {
      assert.equal(outcome(screen(goodPatient()), 'any "risk"'), 'pass');
      const bothFail = screen(variant({ plt: lab(CODES.platelets, 80, '10*9/L', { id: 'plt' }) }));
      assert.deepEqual(
        ['any "risk"', 'platelets >= 100', 'ast > 2'].map((start) => outcome(bothFail, start)),
        ['fail', 'fail', 'fail'],
      );
      assert.equal(bothFail.verdict, 'ineligible');
      const oneUnknown = screen(variant({ plt: lab(CODES.platelets, 80, '10*9/L', { id: 'plt' }), ast: undefined }));
      assert.equal(outcome(oneUnknown, 'any "risk"'), 'unknown');
      assert.equal(row(oneUnknown, 'any "risk"').evidence.reason, 'any of 2: 0 met, 1 not met, 1 not known; not known');
    });

    it('all of: fails when one member fails', () => {
      const report = screen(variant({ cr: lab(CODES.creatinine, 2.0, 'mg/dL', { id: 'cr', high: 1.1 }) }));
      assert.deepEqual(
        ['all "kidneys', 'creatinine', 'inr'].map((start) => outcome(report, start)),
        ['fail', 'fail', 'pass'],
      );
    });

    it('an exclusion any-group fails the patient when one member is met', () => {
      const report = screen(variant({ bili: lab(CODES.bilirubin, 4.0, 'mg/dL', { id: 'bili', high: 1.2 }) }));
      assert.deepEqual(
        ['any "liver"', 'bilirubin', 'platelets < 50'].map((start) => outcome(report, start)),
        ['fail', 'fail', 'pass'],
      );
      assert.equal(report.verdict, 'ineligible');
    });
  });

  describe('scores, age and sex', () => {
    it('reads ECOG from its LOINC Observation (89247-1) as an integer; a coded score is unknown', () => {
      assert.deepEqual(row(screen(goodPatient()), 'ecog').evidence, {
        observation: `Observation/score-${CODES.ecog}`,
        code: `LOINC ${CODES.ecog}`,
        date: '2024-04-20',
        value: 1,
        reason: 'ECOG performance status 1; 0-1: met',
      });
      assert.equal(
        outcome(
          screen([...goodPatient().filter((resource) => resource.resourceType !== 'Observation' || resource.valueInteger === undefined), score(CODES.ecog, 2)]),
          'ecog',
        ),
        'fail',
      );
      const coded = score(CODES.ecog, 0);
      delete coded.valueInteger;
      coded.valueCodeableConcept = { coding: [{ system: LOINC, code: 'LA9622-7' }] };
      assert.match(row(screen([...goodPatient().filter((resource) => resource.valueInteger === undefined), coded]), 'ecog').evidence.reason, /coded/);
      assert.match(row(screen(goodPatient()), 'child_pugh').evidence.reason, /no LOINC code for Child-Pugh class/);
    });

    it('computes age in completed years at the screening date', () => {
      const withBirth = (birthDate: string) =>
        variant({}).map((resource) => (resource.resourceType === 'Patient' ? patient({ birthDate, gender: 'female' }) : resource));
      const age = (birthDate: string, date = DATE) => row(screen(withBirth(birthDate), PROTOCOL, date), 'age');
      assert.deepEqual([age('1953-05-02').outcome, age('1953-05-02').evidence.value], ['pass', 70], 'the day before the 71st birthday');
      assert.deepEqual([age('1953-05-01').outcome, age('1953-05-01').evidence.value], ['fail', 71], 'on the 71st birthday');
      assert.equal(age('2006-05-02').outcome, 'fail', '17 years');
      assert.equal(age('2006-05-01').outcome, 'pass', '18 today');
      assert.equal(age('1953-05-01', '2024-04-30').outcome, 'pass', 'an earlier screening date');
      assert.equal(age('1953').outcome, 'unknown', 'born in 1953: 70 or 71 on 2024-05-01');
      assert.equal(age('1990').outcome, 'pass', 'born in 1990: 33 or 34, within the limits either way');
      assert.equal(age('1990').evidence.reason, '33-34 years on 2024-05-01 (born 1990); 18 to 70 years: met');
      assert.match(row(screen([patient({ gender: 'female' })]), 'age').evidence.reason, /has no birthDate/);
    });

    it('reads sex from the Patient’s gender', () => {
      const withGender = (gender?: string) => screen([patient({ birthDate: '1970-03-02', ...(gender ? { gender } : {}) })]);
      assert.equal(outcome(withGender('female'), 'sex'), 'pass');
      assert.equal(outcome(withGender('male'), 'sex'), 'fail');
      assert.equal(outcome(withGender('other'), 'sex'), 'unknown');
      assert.equal(outcome(withGender(), 'sex'), 'unknown');
    });
  });

  describe('prior therapy and free text', () => {
    it('matches MedicationStatements through the drug table: a brand by its drug, a class by its tag', () => {
      const keytruda = screen([...goodPatient(), medication('Keytruda')]);
      const prior = row(keytruda, 'prior "PD1 antibody"');
      assert.equal(prior.outcome, 'fail');
      assert.deepEqual(prior.evidence, {
        medication: 'MedicationStatement/ms-keytruda',
        date: '2023-06-01',
        reason: 'MedicationStatement/ms-keytruda records Keytruda, which is PD1 antibody: met',
      });
      assert.equal(keytruda.verdict, 'ineligible');
      assert.equal(outcome(screen([...goodPatient(), medication('Lenvima')]), 'prior "PD1 antibody"'), 'fail');
      assert.equal(outcome(screen([...goodPatient(), medication('lenvatinib', { status: 'entered-in-error' })]), 'prior "PD1 antibody"'), 'pass');
      assert.equal(
        outcome(screen([...goodPatient(), medication('lenvatinib', { date: '2024-07-01' })]), 'prior "PD1 antibody"'),
        'pass',
        'after the screening date',
      );
    });

    it('is unknown without a medication history, for a class the table does not tag, and when a medication is unknown to the table', () => {
      const noHistory = goodPatient().filter((resource) => resource.resourceType !== 'MedicationStatement');
      assert.match(row(screen(noHistory), 'prior "PD1 antibody"').evidence.reason, /holds no MedicationStatement/);
      assert.match(row(screen(goodPatient()), 'prior "chemotherapy"').evidence.reason, /"chemotherapy" names no drug class the drug table tags/);
      const unknownDrug = row(screen([...goodPatient(), medication('Investigational antibody XYZ-123')]), 'prior "PD1 antibody"');
      assert.equal(unknownDrug.outcome, 'unknown');
      assert.match(unknownDrug.evidence.reason, /names a medication the drug table does not know/);
    });

    it('leaves free text to a person, whatever Conditions the record holds', () => {
      const consent = row(screen([...goodPatient(), condition('Signed informed consent')]), '"Signed');
      assert.deepEqual([consent.outcome, consent.evidence.reason], ['unknown', 'free text: a person must judge it']);
    });
  });

  describe('conditions, alternatives and time windows', () => {
    const FEMALE_1970 = patient({ birthDate: '1970-03-02', gender: 'female' });
    /** The one criterion of `eligibility { <line> }`, screened for these resources. */
    const only = (line: string, resources: Record<string, unknown>[], date = DATE) => {
      const report = screen(resources, `eligibility {\n  ${line}\n}\n`, date);
      assert.equal(report.criteria.length, 1, report.criteria.map((criterion) => criterion.text).join(' | '));
      return report.criteria[0];
    };
    const bilirubin = (value: number) => lab(CODES.bilirubin, value, 'mg/dL', { id: 'bili', high: 1.2 });
    const alt = (timesUln: number) => lab(CODES.alt, 40 * timesUln, 'U/L', { id: 'alt', high: 40 });
    const albumin = (value: number) => lab(CODES.albumin, value, 'g/L', { id: 'alb' });

    describe('a condition on a threshold', () => {
      const INCLUDE = 'include albumin >= 3.5 g/dL if bilirubin > 1.5 x ULN';
      const EXCLUDE = 'exclude alt > 5 x ULN if bilirubin > 1.5 x ULN';

      it('does not bind a patient whom the condition does not pick out: an inclusion and an exclusion pass', () => {
        const inclusion = only(INCLUDE, [FEMALE_1970, albumin(30), bilirubin(1.0)]);
        assert.equal(inclusion.outcome, 'pass');
        assert.equal(inclusion.evidence.reason, 'does not apply: bilirubin 0.833333 x ULN is not > 1.5 x ULN');
        assert.deepEqual([inclusion.evidence.observation, inclusion.evidence.value, inclusion.evidence.unit], ['Observation/bili', 0.833333, 'x ULN']);
        const exclusion = only(EXCLUDE, [FEMALE_1970, alt(6), bilirubin(1.0)]);
        assert.deepEqual([exclusion.outcome, exclusion.evidence.reason], ['pass', 'does not apply: bilirubin 0.833333 x ULN is not > 1.5 x ULN']);
      });

      it('binds a patient whom the condition picks out', () => {
        const inclusion = only(INCLUDE, [FEMALE_1970, albumin(30), bilirubin(2.4)]);
        assert.deepEqual([inclusion.outcome, inclusion.evidence.reason], ['fail', 'applies, as bilirubin 2 x ULN > 1.5 x ULN; 3 g/dL >= 3.5 g/dL: not met']);
        assert.equal(inclusion.evidence.observation, 'Observation/alb', 'the evidence is the limit’s Observation');
        assert.equal(only(INCLUDE, [FEMALE_1970, albumin(40), bilirubin(2.4)]).outcome, 'pass');
        assert.equal(only(EXCLUDE, [FEMALE_1970, alt(6), bilirubin(2.4)]).outcome, 'fail');
        assert.equal(only(EXCLUDE, [FEMALE_1970, alt(2), bilirubin(2.4)]).outcome, 'pass');
      });

      it('under a condition the record does not show, decides only when the limit clears the patient either way', () => {
        const failsOnlyIf = only(INCLUDE, [FEMALE_1970, albumin(30)]);
        assert.equal(failsOnlyIf.outcome, 'unknown');
        assert.equal(
          failsOnlyIf.evidence.reason,
          `3 g/dL >= 3.5 g/dL: not met, which fails the patient only if bilirubin > 1.5 x ULN; bilirubin > 1.5 x ULN is not known: no Observation with LOINC ${CODES.bilirubin} (Total bilirubin) on or before ${DATE}`,
        );
        const metAnyway = only(INCLUDE, [FEMALE_1970, albumin(40)]);
        assert.deepEqual([metAnyway.outcome, metAnyway.evidence.reason], ['pass', '4 g/dL >= 3.5 g/dL: met, whether or not bilirubin > 1.5 x ULN']);
        const excludesOnlyIf = only(EXCLUDE, [FEMALE_1970, alt(6)]);
        assert.equal(excludesOnlyIf.outcome, 'unknown');
        assert.match(excludesOnlyIf.evidence.reason, /: met, which excludes the patient only if bilirubin > 1\.5 x ULN; /);
        assert.equal(only(EXCLUDE, [FEMALE_1970, alt(2)]).outcome, 'pass');
        // A condition in words is never read from the record.
        const words = only('exclude alt > 5 x ULN if "liver metastases"', [FEMALE_1970, alt(6), condition('Liver metastases')]);
        assert.equal(words.outcome, 'unknown');
        assert.match(words.evidence.reason, /only if "liver metastases"; whether "liver metastases" holds is free text, which the record cannot tell$/);
        // The condition unknown and the limit unknown: unknown, for the limit's reason.
        assert.match(only(INCLUDE, [FEMALE_1970]).evidence.reason, /^no Observation with LOINC 1751-7/);
      });

      it('does not bind a patient whose normal creatinine the condition leaves out, though creatinine clearance is not read', () => {
        const crcl = 'include creatinine_clearance >= 60 mL/min if creatinine > 1.5 x ULN';
        const normal = only(crcl, [FEMALE_1970, lab(CODES.creatinine, 0.8, 'mg/dL', { id: 'cr', high: 1.1 })]);
        assert.deepEqual([normal.outcome, normal.evidence.reason], ['pass', 'does not apply: creatinine 0.727273 x ULN is not > 1.5 x ULN']);
        const high = only(crcl, [FEMALE_1970, lab(CODES.creatinine, 2.2, 'mg/dL', { id: 'cr', high: 1.1 })]);
        assert.deepEqual(
          [high.outcome, high.evidence.reason],
          [
            'unknown',
            'applies, as creatinine 2 x ULN > 1.5 x ULN; the analyte table has no LOINC code for Creatinine clearance, so no Observation is read for it',
          ],
        );
      });

      it('reads a condition on age from the birth date at the screening date', () => {
        const line = 'include albumin >= 3.5 g/dL if age >= 70 years';
        assert.deepEqual(
          [only(line, [FEMALE_1970, albumin(30)]).outcome, only(line, [FEMALE_1970, albumin(30)]).evidence.reason],
          ['pass', 'does not apply: age 54 years is not >= 70 years'],
        );
        assert.equal(only(line, [patient({ birthDate: '1950-01-01' }), albumin(30)]).outcome, 'fail');
        assert.equal(only(line, [patient({ birthDate: '1954' }), albumin(30)]).outcome, 'unknown', 'born in 1954: 69 or 70');
        assert.equal(only(line, [patient({ birthDate: '1954' }), albumin(40)]).outcome, 'pass');
      });

      it('reads a threshold on age as the age limits are read', () => {
        const line = 'include age >= 18 years';
        assert.deepEqual(
          [only(line, [FEMALE_1970]).outcome, only(line, [FEMALE_1970]).evidence.reason],
          ['pass', '54 years on 2024-05-01 (born 1970-03-02); >= 18 years: met'],
        );
        assert.equal(only(line, [patient({ birthDate: '2006-05-02' })]).outcome, 'fail');
        assert.equal(only(line, [patient({ birthDate: '2006' })]).outcome, 'unknown', 'born in 2006: 17 or 18');
      });

      it('carries the polarity into groups: a member that does not apply does not exclude', () => {
        const text = 'eligibility {\n  exclude any "liver" {\n    alt > 5 x ULN if bilirubin > 1.5 x ULN\n    platelets < 50 x10^9/L\n  }\n}\n';
        const plt = lab(CODES.platelets, 150, '10*9/L', { id: 'plt' });
        const spared = screen([FEMALE_1970, alt(6), bilirubin(1.0), plt], text);
        assert.deepEqual(
          spared.criteria.map((criterion) => criterion.outcome),
          ['pass', 'pass', 'pass'],
        );
        assert.equal(spared.verdict, 'eligible');
        assert.equal(screen([FEMALE_1970, alt(6), bilirubin(2.4), plt], text).verdict, 'ineligible');
      });
    });

    describe('alternatives', () => {
      const WORDS = 'include alt <= 3 x ULN or <= 5 x ULN if "liver metastases"';

      it('is unknown when only an alternative whose condition is in words is met', () => {
        const between = only(WORDS, [FEMALE_1970, alt(4), condition('Liver metastases')]);
        assert.equal(between.outcome, 'unknown');
        assert.equal(
          between.evidence.reason,
          '160 U/L is 4 x ULN (ULN 40 U/L); <= 3 x ULN: not met; <= 5 x ULN if "liver metastases": 4 x ULN meets it only with "liver metastases", which the record cannot tell (free text)',
        );
        assert.deepEqual([between.evidence.observation, between.evidence.value], ['Observation/alt', 4]);
        assert.equal(only(WORDS, [FEMALE_1970, alt(2)]).outcome, 'pass', 'the main limit is met');
        const above = only(WORDS, [FEMALE_1970, alt(6)]);
        assert.deepEqual(
          [above.outcome, above.evidence.reason],
          ['fail', '240 U/L is 6 x ULN (ULN 40 U/L); <= 3 x ULN: not met; <= 5 x ULN if "liver metastases": not met'],
        );
      });

      it('in an exclusion: excludes on the main limit, leaves an alternative in words unknown', () => {
        const line = 'exclude hemoglobin < 8 g/dL or < 9 g/dL if "cardiac disease"';
        const hemoglobin = (value: number) => lab(CODES.hemoglobin, value, 'g/dL', { id: 'hb' });
        assert.equal(only(line, [FEMALE_1970, hemoglobin(7)]).outcome, 'fail');
        assert.equal(only(line, [FEMALE_1970, hemoglobin(8.5)]).outcome, 'unknown');
        assert.equal(only(line, [FEMALE_1970, hemoglobin(10)]).outcome, 'pass');
      });

      it('holds through an alternative whose condition on a laboratory value the record shows', () => {
        const line = 'include alt <= 3 x ULN or <= 5 x ULN if alp > 2.5 x ULN';
        const alp = (timesUln: number) => lab('6768-6', 100 * timesUln, 'U/L', { id: 'alp', high: 100 });
        const met = only(line, [FEMALE_1970, alt(4), alp(3)]);
        assert.deepEqual(
          [met.outcome, met.evidence.reason],
          ['pass', '160 U/L is 4 x ULN (ULN 40 U/L); <= 3 x ULN: not met; <= 5 x ULN if alp > 2.5 x ULN: met, as alp 3 x ULN > 2.5 x ULN'],
        );
        const notMet = only(line, [FEMALE_1970, alt(4), alp(1)]);
        assert.deepEqual(
          [notMet.outcome, notMet.evidence.reason.split('; ').at(-1)],
          ['fail', '<= 5 x ULN if alp > 2.5 x ULN: met, but alp 1 x ULN is not > 2.5 x ULN'],
        );
        const noAlp = only(line, [FEMALE_1970, alt(4)]);
        assert.equal(noAlp.outcome, 'unknown');
        assert.match(noAlp.evidence.reason, /4 x ULN meets it only if alp > 2\.5 x ULN, which is not known: no Observation with LOINC 6768-6/);
      });

      it('holds through an alternative for older patients, by age at the screening date', () => {
        const line = 'include creatinine <= 1.5 x ULN or <= 2 x ULN if age >= 70 years';
        const creatinine = lab(CODES.creatinine, 1.98, 'mg/dL', { id: 'cr', high: 1.1 });
        const older = only(line, [patient({ birthDate: '1950-01-01' }), creatinine]);
        assert.deepEqual(
          [older.outcome, older.evidence.reason.split('; ').at(-1)],
          ['pass', '<= 2 x ULN if age >= 70 years: met, as age 74 years >= 70 years'],
        );
        assert.equal(only(line, [FEMALE_1970, creatinine]).outcome, 'fail');
        assert.equal(only(line, [patient({ birthDate: '1954' }), creatinine]).outcome, 'unknown');
        // The grammar's example on creatinine clearance, which has no LOINC code: unknown, once.
        const crcl = only('include creatinine_clearance >= 60 mL/min or >= 50 mL/min if age >= 70 years', [FEMALE_1970]);
        assert.deepEqual(
          [crcl.outcome, crcl.evidence.reason],
          ['unknown', 'the analyte table has no LOINC code for Creatinine clearance, so no Observation is read for it'],
        );
      });
    });

    describe('a condition and alternatives together', () => {
      it('in an inclusion: each limit binds the patients its condition picks out; when none does, the criterion does not apply', () => {
        const line = 'include platelets >= 100 x10^9/L if inr < 1.5 or >= 75 x10^9/L if age >= 70 years';
        const at = (birthDate: string, platelets: number, inr?: number) =>
          only(line, [
            patient({ birthDate }),
            lab(CODES.platelets, platelets, '10*9/L', { id: 'plt' }),
            ...(inr === undefined ? [] : [lab(CODES.inr, inr, '1', { id: 'inr' })]),
          ]);
        const older = '1950-01-01';
        const younger = '1970-01-01';
        assert.deepEqual(
          [at(older, 80, 1).outcome, at(younger, 80, 1).outcome, at(older, 80, 2).outcome, at(older, 50, 2).outcome, at(younger, 80, 2).outcome],
          ['pass', 'fail', 'pass', 'fail', 'pass'],
        );
        assert.equal(at(older, 50, 2).evidence.reason, 'inr 2 is not < 1.5, so >= 100 x10^9/L does not apply; >= 75 x10^9/L if age >= 70 years: not met');
        assert.deepEqual(
          [at(younger, 80, 2).evidence.reason, at(younger, 80, 2).evidence.observation],
          ['does not apply: inr 2 is not < 1.5, and age 54 years is not >= 70 years', 'Observation/inr'],
        );
        // INR not known: 80 fails the patient if the INR is below 1.5, and nothing binds them if it is not.
        const open = at(younger, 80);
        assert.equal(open.outcome, 'unknown');
        assert.match(open.evidence.reason, /^>= 100 x10\^9\/L applies only if inr < 1\.5, which is not known: no Observation with LOINC 6301-6/);
        assert.equal(at(younger, 120).outcome, 'pass', 'met whatever the INR');
      });

      it('in an exclusion: the patient is excluded when a limit that applies is met', () => {
        const line = 'exclude alt > 5 x ULN if bilirubin <= 1.5 x ULN or > 3 x ULN if bilirubin > 1.5 x ULN';
        assert.deepEqual(
          [
            only(line, [FEMALE_1970, alt(4), bilirubin(2.4)]).outcome,
            only(line, [FEMALE_1970, alt(4), bilirubin(1.0)]).outcome,
            only(line, [FEMALE_1970, alt(6), bilirubin(1.0)]).outcome,
            only(line, [FEMALE_1970, alt(4)]).outcome,
            only(line, [FEMALE_1970, alt(2)]).outcome,
          ],
          ['fail', 'pass', 'fail', 'unknown', 'pass'],
        );
        assert.equal(
          only(line, [FEMALE_1970, alt(4), bilirubin(2.4)]).evidence.reason,
          'bilirubin 2 x ULN is not <= 1.5 x ULN, so > 5 x ULN does not apply; > 3 x ULN if bilirubin > 1.5 x ULN: met, as bilirubin 2 x ULN > 1.5 x ULN',
        );
      });
    });

    describe('time windows on thresholds', () => {
      const hemoglobin = (value: number, date: string, id = `hb-${date}`) => lab(CODES.hemoglobin, value, 'g/dL', { id, date });

      it('reads only Observations inside the window, the anchor taken as the screening date', () => {
        const line = 'exclude hemoglobin < 9 g/dL within 14 days before enrollment';
        const outside = only(line, [FEMALE_1970, hemoglobin(8, '2024-04-16')]);
        assert.equal(outside.outcome, 'unknown');
        assert.equal(
          outside.evidence.reason,
          `no Observation with LOINC ${CODES.hemoglobin} (Hemoglobin) dated within 14 days before enrollment (2024-04-17 to 2024-05-01; enrollment taken as the screening date); 1 outside it not read`,
        );
        const onTheEdge = only(line, [FEMALE_1970, hemoglobin(10, '2024-03-01'), hemoglobin(8, '2024-04-17')]);
        assert.equal(onTheEdge.outcome, 'fail');
        assert.equal(
          onTheEdge.evidence.reason,
          '8 g/dL < 9 g/dL: met; the Observation of 2024-04-17 is within 14 days before enrollment (2024-04-17 to 2024-05-01; enrollment taken as the screening date)',
        );
        const inclusion = only('include hemoglobin >= 9 g/dL within 14 days before randomization', [FEMALE_1970, hemoglobin(12, '2024-03-01')]);
        assert.equal(inclusion.outcome, 'unknown', 'a value older than the window does not show the patient meets it');
        assert.equal(only('include hemoglobin >= 9 g/dL within 14 days before randomization', [FEMALE_1970, hemoglobin(12, '2024-04-30')]).outcome, 'pass');
      });

      it('counts months on the calendar, and reads the other relations at their boundaries', () => {
        const line = 'include albumin >= 3.5 g/dL within 1 months before randomization';
        const on = (date: string) => only(line, [FEMALE_1970, lab(CODES.albumin, 40, 'g/L', { id: 'alb', date })], '2024-03-31').outcome;
        assert.deepEqual([on('2024-02-29'), on('2024-02-28')], ['pass', 'unknown'], '31 March less a month is 29 February');
        const at = (relation: string, date: string) =>
          only(`exclude hemoglobin < 9 g/dL ${relation} 4 weeks before first_dose`, [FEMALE_1970, hemoglobin(8, date)]).outcome;
        // 4 weeks before 2024-05-01 is 2024-04-03.
        assert.deepEqual(
          ['2024-04-03', '2024-04-04'].map((date) => at('less than', date)),
          ['unknown', 'fail'],
        );
        assert.deepEqual(
          ['2024-04-02', '2024-04-03'].map((date) => at('more than', date)),
          ['fail', 'unknown'],
        );
        assert.deepEqual(
          ['2024-04-03', '2024-04-04'].map((date) => at('at least', date)),
          ['fail', 'unknown'],
        );
      });

      it('is unknown when a date may or may not fall inside, for a window after the anchor, and for an event in words', () => {
        const partial = only('exclude hemoglobin < 9 g/dL within 14 days before enrollment', [FEMALE_1970, hemoglobin(8, '2024-04')]);
        assert.deepEqual(
          [partial.outcome, partial.evidence.reason],
          [
            'unknown',
            'Observation/hb-2024-04 is dated 2024-04, which may or may not be within 14 days before enrollment (2024-04-17 to 2024-05-01; enrollment taken as the screening date)',
          ],
        );
        const later = only('exclude hemoglobin < 9 g/dL within 60 days before enrollment', [
          FEMALE_1970,
          hemoglobin(10, '2024-04-20'),
          hemoglobin(8, '2024-04'),
        ]);
        assert.equal(later.outcome, 'unknown');
        assert.match(
          later.evidence.reason,
          /^Observation\/hb-2024-04 is dated 2024-04, which may be later than Observation\/hb-2024-04-20 of 2024-04-20, both within 60 days/,
        );
        const after = only('include hemoglobin >= 9 g/dL within 7 days after first_dose', [FEMALE_1970, hemoglobin(12, '2024-04-30')]);
        assert.equal(after.outcome, 'unknown');
        assert.match(
          after.evidence.reason,
          /^within 7 days after first_dose: with first_dose taken as the screening date \(2024-05-01\), the window lies after it/,
        );
        const event = only('exclude hemoglobin < 9 g/dL within 14 days before "surgery"', [FEMALE_1970, hemoglobin(8, '2024-04-30')]);
        assert.deepEqual(
          [event.outcome, event.evidence.reason],
          ['unknown', 'within 14 days before "surgery": the window is counted from "surgery", an event whose date the record does not give'],
        );
      });

      it('leaves free text with a window to a person', () => {
        const surgery = only('exclude "Major surgery" within 28 days before randomization', [FEMALE_1970]);
        assert.deepEqual([surgery.outcome, surgery.evidence.reason], ['unknown', 'free text: a person must judge it']);
      });
    });

    describe('time windows on prior therapy', () => {
      /** A MedicationStatement of cisplatin (a platinum) with the given dates. */
      const cisplatin = (fields: { date?: string; start?: string; end?: string; status?: string }) => {
        const statement = medication('Cisplatin', { id: 'cis', status: fields.status });
        delete statement.effectiveDateTime;
        if (fields.date) statement.effectiveDateTime = fields.date;
        if (fields.start || fields.end)
          statement.effectivePeriod = { ...(fields.start ? { start: fields.start } : {}), ...(fields.end ? { end: fields.end } : {}) };
        return statement;
      };
      const RECENT = 'exclude prior "platinum" less than 4 weeks before first_dose';

      it('counts a therapy only when it was last taken inside the window', () => {
        const longAgo = only(RECENT, [FEMALE_1970, cisplatin({ date: '2022-05-01' })]);
        assert.deepEqual(
          [longAgo.outcome, longAgo.evidence.reason],
          [
            'pass',
            'none of the 1 MedicationStatements on or before 2024-05-01 records platinum last taken less than 4 weeks before first_dose (after 2024-04-03, to 2024-05-01; first_dose taken as the screening date); 1 of them outside the window: not met',
          ],
        );
        const recent = only(RECENT, [FEMALE_1970, cisplatin({ date: '2024-04-20' })]);
        assert.deepEqual(
          [recent.outcome, recent.evidence.medication, recent.evidence.reason],
          [
            'fail',
            'MedicationStatement/cis',
            'MedicationStatement/cis records Cisplatin, which is platinum, dated 2024-04-20, less than 4 weeks before first_dose (after 2024-04-03, to 2024-05-01; first_dose taken as the screening date): met',
          ],
        );
        assert.equal(only(RECENT, [FEMALE_1970, cisplatin({ start: '2024-01-01', end: '2024-03-01' })]).outcome, 'pass', 'ended before the window');
        assert.equal(only(RECENT, [FEMALE_1970, cisplatin({ start: '2024-01-01', end: '2024-04-25' })]).outcome, 'fail', 'ended inside it');
        assert.equal(only(RECENT, [FEMALE_1970, cisplatin({ start: '2023-01-01', status: 'active' })]).outcome, 'fail', 'still taken');
      });

      it('is unknown when the therapy’s last date may or may not be inside, or is not recorded', () => {
        const open = only(RECENT, [FEMALE_1970, cisplatin({ start: '2024-01-01' })]);
        assert.equal(open.outcome, 'unknown');
        assert.match(
          open.evidence.reason,
          /MedicationStatement\/cis records Cisplatin, started 2024-01-01, with no end recorded, which may or may not be less than 4 weeks before/,
        );
        const undated = only(RECENT, [FEMALE_1970, cisplatin({})]);
        assert.equal(undated.outcome, 'unknown');
        assert.match(undated.evidence.reason, /records Cisplatin, but it has no date to place it less than 4 weeks before first_dose/);
        const event = only('exclude prior "platinum" within 6 months before "surgery"', [FEMALE_1970, cisplatin({ date: '2024-04-20' })]);
        assert.match(event.evidence.reason, /the window is counted from "surgery", an event whose date the record does not give/);
      });

      it('rules out a class the drug table does not tag when no therapy falls inside the window', () => {
        const line = 'exclude prior "chemotherapy" less than 4 weeks before first_dose';
        assert.equal(only(line, [FEMALE_1970, medication('Ondansetron', { date: '2022-05-01' })]).outcome, 'pass');
        const inside = only(line, [FEMALE_1970, medication('Ondansetron', { date: '2024-04-20' })]);
        assert.deepEqual([inside.outcome, inside.evidence.reason], ['unknown', 'not known: "chemotherapy" names no drug class the drug table tags']);
      });

      it('in an inclusion: a therapy must have been last taken inside the window', () => {
        const line = 'include prior "platinum" more than 6 months before first_dose';
        assert.equal(only(line, [FEMALE_1970, cisplatin({ date: '2023-06-01' })]).outcome, 'pass');
        const tooRecent = only(line, [FEMALE_1970, cisplatin({ date: '2024-02-01' })]);
        assert.equal(tooRecent.outcome, 'fail');
        assert.match(
          tooRecent.evidence.reason,
          /more than 6 months before first_dose \(before 2023-11-01; first_dose taken as the screening date, 2024-05-01\); 1 of them outside the window: not met$/,
        );
      });
    });
  });

  it('is unknown, not a crash, for a criterion kind it does not screen', () => {
    const analysis = service.analyze('eligibility {\n  include albumin >= 3.5 g/dL\n}\n');
    const window = { kind: 'window', event: 'surgery', span: analysis.protocol.eligibility!.inclusion[0].span } as unknown as S.Criterion;
    const protocol: S.Protocol = { ...analysis.protocol, eligibility: { ...analysis.protocol.eligibility!, inclusion: [window] } };
    const report = screenPatient({ text: analysis.text, protocol }, readPatientBundle(bundle(...goodPatient())), DATE);
    assert.deepEqual(
      report.criteria.map((criterion) => [criterion.outcome, criterion.evidence.reason]),
      [['unknown', "'window' criteria are not screened yet"]],
    );
  });

  it('writes JSON in the issue’s shape, and text with one line per criterion', () => {
    const report = screen(goodPatient());
    const json = JSON.parse(JSON.stringify(screenJson(report)));
    assert.deepEqual(Object.keys(json), ['verdict', 'criteria']);
    for (const criterion of json.criteria) assert.deepEqual(Object.keys(criterion), ['line', 'kind', 'text', 'outcome', 'evidence']);
    const text = screenText(report);
    assert.equal(text.split('\n').filter(Boolean).length, report.criteria.length + 1);
    assert.match(text, /^Patient\/p1 on 2024-05-01: undetermined \(16 pass, 1 fail, 4 unknown\)\n/);
  });

  describe('bad input', () => {
    const cases: [string, unknown, RegExp][] = [
      ['an array', [], /is not a FHIR resource: a JSON object was expected/],
      ['an object without resourceType', { entry: [] }, /is not a FHIR resource: it has no resourceType/],
      ['a Patient', { resourceType: 'Patient', id: 'x' }, /is a FHIR Patient, not a Bundle/],
      ['a Bundle without a Patient', bundle(lab(CODES.albumin, 36, 'g/L')), /the Bundle holds no Patient/],
      ['a Bundle with two Patients', bundle(patient({ id: 'a' }), patient({ id: 'b' })), /holds 2 Patients; screen one patient at a time/],
      ['entries that are not a list', { resourceType: 'Bundle', entry: {} }, /^Bundle\.entry: /],
      [
        'an Observation whose value is a string',
        bundle(patient(), { ...lab(CODES.albumin, 36, 'g/L'), valueQuantity: { value: '36', code: 'g/L', system: 'http://unitsofmeasure.org' } }),
        /^entry\[1\]\.resource \(Observation\)\.valueQuantity\.value: /,
      ],
      ['a birthDate that is not a date', bundle(patient({ birthDate: '03/02/1970' })), /^entry\[0\]\.resource \(Patient\)\.birthDate: not a FHIR date/],
      ['a birthDate not in the calendar', bundle(patient({ birthDate: '1970-02-30' })), /1970-02-30 is not a date of the calendar/],
    ];
    for (const [what, json, message] of cases) {
      it(`refuses ${what} in one line`, () => {
        assert.throws(
          () => service.screen(service.analyze(PROTOCOL), json, DATE),
          (error: unknown) => error instanceof PatientInputError && message.test(error.message) && !error.message.includes('\n'),
        );
      });
    }
  });
});
