/**
 * Pre-screening (server/src/summary/screen.ts) on synthetic patients built in test/unit/fhir.ts:
 * every criterion form of the language, unit conversion, ULN and LLN from the lab's reference
 * range, missing values, exclusions that apply, any/all groups, scores, age at a date, sex, prior
 * therapy through the drug table, free text, and bad input.
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
