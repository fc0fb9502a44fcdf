import * as assert from 'node:assert/strict';
import { lower, schemaFindings, spanAtPath } from '../../server/src/model/lower';
import type * as S from '../../server/src/model/schema';
import { Protocol } from '../../server/src/model/schema';
import { convert, resolveUnit } from '../../server/src/model/units';
import { withoutSpans } from '../../server/src/summary/summary';
import { parse } from '../../server/src/syntax/parser';

function model(text: string): S.Protocol {
  const parsed = parse(text);
  assert.deepEqual(parsed.errors, []);
  const result = lower(parsed.tree);
  assert.deepEqual(result.findings, []);
  return result.protocol;
}

function firstDose(text: string): S.Dose {
  const step = model(`arm a "A" other {\n  ${text}\n}`).arms[0].phases[0].steps[0];
  assert.equal(step.kind, 'dose');
  return step.dose;
}

function threshold(text: string): Extract<S.Criterion, { kind: 'threshold' }> {
  const criterion = model(`eligibility {\n  include ${text}\n}`).eligibility!.inclusion[0];
  assert.equal(criterion.kind, 'threshold');
  return criterion;
}

describe('units: UCUM', () => {
  it('maps friendly forms to UCUM codes', () => {
    assert.equal(resolveUnit('x10^9/L').ucum, '10*9/L');
    assert.equal(resolveUnit('copies/mL').ucum, '{copies}/mL');
    assert.equal(resolveUnit('IU/mL').ucum, '[IU]/mL');
    assert.equal(resolveUnit('mmHg').ucum, 'mm[Hg]');
    assert.equal(resolveUnit('mcg').ucum, 'ug');
    assert.equal(resolveUnit('µmol/L').ucum, 'umol/L');
  });

  it('accepts UCUM as written, and rejects what is not a unit', () => {
    assert.equal(resolveUnit('mg/m2').ucum, 'mg/m2');
    assert.equal(resolveUnit('10*9/L').ucum, '10*9/L');
    assert.equal(resolveUnit('mgg/m2').ucum, undefined);
    assert.ok(resolveUnit('mgg/m2').problem);
  });

  it('converts, with a molar mass where mass meets substance', () => {
    assert.equal(convert(1, 'g/m2', 'mg/m2'), 1000);
    assert.equal(convert(9, 'g/dL', 'g/L'), 90);
    // Bilirubin 1 mg/dL at 584.7 g/mol is 17.1 µmol/L.
    assert.equal(Number(convert(1, 'mg/dL', 'umol/L', 584.7)!.toFixed(2)), 17.1);
    assert.equal(convert(1, 'mg/m2', 'mg'), undefined);
  });
});

describe('model: doses', () => {
  it('normalises g/m2 to mg/m2 and keeps the dose as written', () => {
    const dose = firstDose('gemcitabine 1 g/m2 days 1, 8');
    assert.deepEqual(dose.amount, { form: 'quantity', value: 1, unit: 'g/m2', ucum: 'g/m2', normalized: { value: 1000, unit: 'mg/m2', basis: 'bsa' } });
    assert.deepEqual(dose.days, [1, 8]);
  });

  it('tells flat, weight-based, unit-dosed and AUC doses apart', () => {
    assert.deepEqual((firstDose('lenvatinib 8 mg daily').amount as { normalized: unknown }).normalized, { value: 8, unit: 'mg', basis: 'flat' });
    assert.deepEqual((firstDose('octreotide 100 mcg SC').amount as { normalized: unknown }).normalized, { value: 0.1, unit: 'mg', basis: 'flat' });
    assert.deepEqual((firstDose('trastuzumab 8 mg/kg IV').amount as { normalized: unknown }).normalized, { value: 8, unit: 'mg/kg', basis: 'weight' });
    assert.deepEqual((firstDose('pegaspargase 2500 IU/m2 IM').amount as { normalized: unknown }).normalized, { value: 2500, unit: 'IU/m2', basis: 'bsa' });
    assert.deepEqual(firstDose('carboplatin AUC 5 day 1').amount, {
      form: 'auc',
      value: 5,
      unit: 'mg/mL.min',
      normalized: { value: 5, unit: 'mg/mL.min', basis: 'auc' },
    });
    assert.deepEqual(firstDose('gemcitabine dose unstated').amount, { form: 'unstated' });
  });

  it('reads frequencies, day ranges, courses and counts', () => {
    const cape = firstDose('capecitabine 1250 mg/m2 PO bid days 1-14');
    assert.deepEqual(cape.frequency, { text: 'bid', perDay: 2, intervalDays: 1 });
    assert.equal(cape.route, 'PO');
    assert.deepEqual(cape.days, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const lenva = firstDose('lenvatinib 8 mg daily for 9 weeks');
    assert.deepEqual(lenva.duration && { value: lenva.duration.value, unit: lenva.duration.unit, days: lenva.duration.days }, {
      value: 9,
      unit: 'weeks',
      days: 63,
    });
    const tori = firstDose('toripalimab 240 mg q3w x 3');
    assert.deepEqual(tori.frequency, { text: 'q3w', perDay: 1, intervalDays: 21 });
    assert.equal(tori.count, 3);
    assert.equal(firstDose('octreotide 100 mcg SC tid for 2 months').duration?.days, undefined);
  });

  it('keeps the source spans of the dose and its drug', () => {
    const text = 'arm a "A" other {\n  oxaliplatin 85 mg/m2 day 1\n}';
    const dose = (model(text).arms[0].phases[0].steps[0] as { dose: S.Dose }).dose;
    assert.equal(text.slice(dose.drugSpan.offset, dose.drugSpan.offset + dose.drugSpan.length), 'oxaliplatin');
    assert.equal(text.slice(dose.span.offset, dose.span.offset + dose.span.length), 'oxaliplatin 85 mg/m2 day 1');
  });

  it('puts cycles in weeks into days, and loose steps into an unnamed phase, in order', () => {
    const arm = model(`arm a "A" other {
  neoadjuvant { cycle 3 weeks x 2 { oxaliplatin 85 mg/m2 day 1 } }
  surgery "resection"
  adjuvant { capecitabine 1250 mg/m2 bid days 1-14 }
}`).arms[0];
    assert.deepEqual(
      arm.phases.map((p) => [p.name, p.steps.map((s) => s.kind)]),
      [
        ['neoadjuvant', ['cycle']],
        [undefined, ['surgery']],
        ['adjuvant', ['dose']],
      ],
    );
    const cycle = arm.phases[0].steps[0] as S.Cycle;
    assert.equal(cycle.lengthDays, 21);
    assert.equal(cycle.count, 2);
  });
});

describe('model: eligibility thresholds', () => {
  it('normalises to the analyte canonical unit through UCUM', () => {
    assert.deepEqual(threshold('hemoglobin >= 9 g/dL').normalized, { value: 90, unit: 'g/L' });
    assert.deepEqual(threshold('platelets >= 90 x10^9/L').normalized, { value: 90, unit: '10*9/L' });
    assert.deepEqual(threshold('platelets >= 100000 /uL').normalized, { value: 100, unit: '10*9/L' });
    const creatinine = threshold('creatinine <= 1.5 mg/dL').normalized!;
    assert.deepEqual([creatinine.value.toFixed(1), creatinine.unit], ['132.6', 'umol/L']);
    assert.deepEqual(threshold('tumor_diameter > 5 cm').normalized, { value: 50, unit: 'mm' });
  });

  it('keeps the value as written, powers of ten included', () => {
    const hbv = threshold('hbv_dna > 10^4 copies/mL');
    assert.equal(hbv.value, 10000);
    assert.equal(hbv.valueText, '10^4');
    assert.equal(hbv.unit, 'copies/mL');
    assert.equal(hbv.ucum, '{copies}/mL');
  });

  it('keeps ULN multiples, and thresholds that state no unit', () => {
    const bili = threshold('bilirubin <= 1.5 x ULN');
    assert.equal(bili.multipleOf, 'ULN');
    assert.equal(bili.value, 1.5);
    const hcv = threshold('hcv_rna > 1000');
    assert.equal(hcv.unit, undefined);
    assert.equal(hcv.normalized, undefined);
    assert.deepEqual(threshold('inr < 1.2').normalized, { value: 1.2, unit: '1' });
  });

  it('reads ages, sex, groups, scores and prior therapy', () => {
    const eligibility = withoutSpans(
      model(`eligibility {
  age 18 to 70 years
  sex all
  healthy_volunteers no
  include child_pugh A-B
  include any "risk" { tumor_diameter > 5 cm; "vascular invasion" }
  exclude prior lenvatinib, "PD1 antibody"
}`).eligibility!,
    );
    assert.deepEqual(eligibility.minimumAge, { value: 18, unit: 'years' });
    assert.deepEqual(eligibility.maximumAge, { value: 70, unit: 'years' });
    assert.equal(eligibility.sex, 'all');
    assert.equal(eligibility.healthyVolunteers, 'no');
    const [score, group] = eligibility.inclusion;
    assert.deepEqual([score.kind === 'score' && score.from, score.kind === 'score' && score.to], ['A', 'B']);
    assert.equal(group.kind === 'group' && group.criteria.length, 2);
    const prior = eligibility.exclusion[0];
    assert.deepEqual(prior.kind === 'prior' && prior.items, [
      { name: 'lenvatinib', isDrug: true },
      { name: 'PD1 antibody', isDrug: false },
    ]);
  });
});

describe('model: the schema and source ranges', () => {
  it('produces a protocol that satisfies the zod schema even from a broken document', () => {
    const parsed = parse(
      'trial NCT1 { status runing; phase 7 }\narm a "A" nonsense { x 1 q; cycle 0 days x 0 { y 1 mg day 0 } }\neligibility { age 70 to 18 years; include z >= 1 parsecs }',
    );
    const result = lower(parsed.tree);
    assert.ok(result.findings.length >= 5);
    assert.equal(Protocol.safeParse(result.protocol).success, true);
    assert.equal(result.protocol.trial?.status, undefined);
  });

  it('locates a schema violation at the element that holds it', () => {
    const text = 'arm a "A" other {\n  oxaliplatin 85 mg/m2 day 1\n}';
    const protocol = model(text);
    assert.deepEqual(schemaFindings(protocol), []);
    const broken = { ...protocol, arms: [{ ...protocol.arms[0], type: 'bogus' as never }] };
    const [finding] = schemaFindings(broken);
    assert.equal(finding.code, 'TPL101');
    assert.equal(text.slice(finding.offset, finding.offset + finding.length), text);
  });

  it('maps a zod issue path back to the span of the element it names', () => {
    const text = 'arm a "A" other {\n  oxaliplatin 85 mg/m2 day 1\n}';
    const protocol = model(text);
    const where = spanAtPath(protocol, ['arms', 0, 'phases', 0, 'steps', 0, 'dose', 'amount', 'value']);
    assert.equal(text.slice(where.offset, where.offset + where.length), 'oxaliplatin 85 mg/m2 day 1');
    const top = spanAtPath(protocol, ['arms', 0, 'label']);
    assert.equal(text.slice(top.offset, top.offset + top.length), text);
  });
});
