import * as assert from 'node:assert/strict';
import { ANALYTES, acceptedUnits, type Analyte, type GradeLimit } from '../../server/src/knowledge/analytes';
import { lower } from '../../server/src/model/lower';
import type * as S from '../../server/src/model/schema';
import { convert, resolveUnit } from '../../server/src/model/units';
import { createProtocolService } from '../../server/src/service';
import { parse } from '../../server/src/syntax/parser';

/**
 * The LOINC check digit (Mod 10, as the LOINC Users' Guide describes it): the digits in odd
 * positions from the right, read right to left as one number, are doubled; the digits in even
 * positions are put in front; the check digit takes the sum of all digits up to a multiple of 10.
 */
function loincCheckDigit(base: string): number {
  const fromRight = [...base].reverse();
  const odd = fromRight.filter((_, i) => i % 2 === 0).join('');
  const even = fromRight.filter((_, i) => i % 2 === 1).join('');
  const digits = `${even}${Number(odd) * 2}`;
  const sum = [...digits].reduce((total, digit) => total + Number(digit), 0);
  return (10 - (sum % 10)) % 10;
}

function limitUnit(limit: GradeLimit): string | undefined {
  return 'unit' in limit ? limit.unit : undefined;
}

/** Every source string a row carries, with what it is the source of. */
function sources(analyte: Analyte): [string, string][] {
  const found: [string, string][] = [['row', analyte.source]];
  if (analyte.plausible) found.push(['plausible', analyte.plausible.source]);
  if (analyte.normal) found.push(['normal', analyte.normal.source]);
  for (const entry of analyte.equivalentUnits ?? []) found.push([`equivalent ${entry.unit}`, entry.source]);
  for (const entry of analyte.separateUnits ?? []) {
    found.push([`separate ${entry.unit}`, entry.source]);
    if (entry.plausible) found.push([`separate ${entry.unit} plausible`, entry.plausible.source]);
  }
  for (const term of analyte.ctcae ?? []) found.push([`CTCAE ${term.term}`, term.source]);
  for (const code of analyte.loinc ?? []) found.push([`LOINC ${code.code}`, code.source]);
  return found;
}

describe('knowledge: the analyte table', () => {
  it('has unique identifiers and synonyms, none of them another row’s name', () => {
    const seen = new Map<string, string>();
    for (const analyte of ANALYTES) {
      for (const name of [analyte.id, ...analyte.synonyms]) {
        const key = name.toLowerCase();
        assert.ok(!seen.has(key), `${name} names both ${seen.get(key)} and ${analyte.id}`);
        seen.set(key, analyte.id);
      }
    }
  });

  for (const analyte of ANALYTES) {
    describe(analyte.id, () => {
      it('names a source for the row and for every number-bearing field', () => {
        for (const [what, source] of sources(analyte)) assert.ok(source.trim().length > 10, `${analyte.id}: ${what} has no source`);
        if (analyte.molarMass !== undefined) {
          assert.ok(analyte.source.includes(String(analyte.molarMass)), `${analyte.id}: the source does not name the molar mass ${analyte.molarMass}`);
        }
      });

      it('writes every unit in UCUM, converting to the canonical unit', () => {
        if (analyte.kind === 'score') {
          assert.deepEqual(analyte.units, []);
          assert.ok(analyte.scale?.length, `${analyte.id}: a score needs its scale`);
          return;
        }
        const canonical = analyte.canonicalUnit;
        assert.ok(canonical, `${analyte.id}: no canonical unit`);
        assert.ok(analyte.units.includes(canonical), `${analyte.id}: the canonical unit is not one of its units`);
        for (const unit of analyte.units) {
          assert.equal(resolveUnit(unit).ucum, unit, `${analyte.id}: ${unit} is not UCUM as written`);
          assert.notEqual(convert(1, unit, canonical, analyte.molarMass), undefined, `${analyte.id}: ${unit} does not convert to ${canonical}`);
        }
        if (analyte.conventionalUnit) assert.ok(analyte.units.includes(analyte.conventionalUnit), `${analyte.id}: conventional unit not listed`);
      });

      it('keeps equivalent and separate units apart from the converting ones', () => {
        for (const entry of analyte.equivalentUnits ?? []) {
          assert.equal(resolveUnit(entry.unit).ucum, entry.unit, `${analyte.id}: ${entry.unit} is not UCUM as written`);
          assert.ok(!analyte.units.includes(entry.unit), `${analyte.id}: ${entry.unit} converts through UCUM already`);
          assert.ok(analyte.units.includes(entry.equals), `${analyte.id}: ${entry.unit} equals ${entry.equals}, which is not one of its units`);
          assert.ok(entry.factor > 0);
        }
        for (const entry of analyte.separateUnits ?? []) {
          assert.equal(resolveUnit(entry.unit).ucum, entry.unit, `${analyte.id}: ${entry.unit} is not UCUM as written`);
          assert.ok(!analyte.units.includes(entry.unit), `${analyte.id}: ${entry.unit} converts through UCUM already`);
          if (entry.plausible) {
            assert.equal(entry.plausible.unit, entry.unit);
            assert.ok(entry.plausible.min < entry.plausible.max);
          }
        }
        const accepted = acceptedUnits(analyte);
        assert.equal(new Set(accepted).size, accepted.length, `${analyte.id}: a unit is listed twice`);
      });

      it('gives plausible ranges and reference intervals in one of its units, low before high', () => {
        if (analyte.plausible) {
          assert.ok(analyte.plausible.min < analyte.plausible.max, `${analyte.id}: plausible min is not below max`);
          assert.ok(analyte.units.includes(analyte.plausible.unit), `${analyte.id}: plausible range in ${analyte.plausible.unit}`);
        }
        if (analyte.normal) {
          assert.ok(analyte.units.includes(analyte.normal.unit), `${analyte.id}: reference interval in ${analyte.normal.unit}`);
          if (analyte.normal.min !== undefined && analyte.normal.max !== undefined) assert.ok(analyte.normal.min < analyte.normal.max);
        }
        if (!analyte.plausible && analyte.kind !== 'score')
          assert.match(analyte.gaps ?? '', /plausible range/, `${analyte.id}: the missing plausible range is not explained`);
      });

      it('grades CTCAE terms in order, in multiples or in its units', () => {
        for (const term of analyte.ctcae ?? []) {
          const grades = term.grades.map((g) => g.grade);
          assert.deepEqual(grades, [...grades].sort(), `${analyte.id}: ${term.term} grades out of order`);
          for (const { beyond } of term.grades) {
            const unit = limitUnit(beyond);
            if (unit) assert.ok(analyte.units.includes(unit), `${analyte.id}: ${term.term} in ${unit}`);
            else assert.ok('times' in beyond && beyond.times > 0);
          }
          // Grades grow more severe away from normal: limits rise for increases, fall for decreases,
          // comparing like with like (multiples with multiples, values converted to one unit).
          const values = term.grades
            .map(({ beyond }) => ('unit' in beyond ? convert(beyond.value, beyond.unit, analyte.canonicalUnit ?? beyond.unit, analyte.molarMass) : undefined))
            .filter((value): value is number => value !== undefined);
          const sorted = [...values].sort((a, b) => (term.direction === 'increased' ? a - b : b - a));
          assert.deepEqual(values, sorted, `${analyte.id}: ${term.term} limits do not grow more severe`);
        }
      });

      it('gives LOINC codes with a valid Mod-10 check digit', () => {
        for (const { code, display, unit } of analyte.loinc ?? []) {
          assert.match(code, /^\d{1,7}-\d$/, `${analyte.id}: ${code}`);
          const [base, check] = code.split('-');
          assert.equal(loincCheckDigit(base), Number(check), `${analyte.id}: ${code} fails its check digit`);
          assert.ok(display.trim(), `${analyte.id}: ${code} has no display`);
          if (unit) assert.ok(resolveUnit(unit).ucum, `${analyte.id}: ${code} unit ${unit} is not UCUM`);
        }
        if (analyte.kind === 'lab' && !analyte.loinc?.length)
          assert.match(analyte.gaps ?? '', /LOINC/, `${analyte.id}: the missing LOINC code is not explained`);
      });
    });
  }

  it('checks LOINC check digits as the LOINC Users’ Guide computes them', () => {
    assert.equal(loincCheckDigit('12345'), 5);
    assert.equal(loincCheckDigit('777'), 3);
    assert.equal(loincCheckDigit('1742'), 6);
  });
});

type Threshold = Extract<S.Criterion, { kind: 'threshold' }>;

function thresholdOf(criterion: string): Threshold {
  const parsed = parse(`eligibility {\n  include ${criterion}\n}`);
  assert.deepEqual(parsed.errors, []);
  const result = lower(parsed.tree);
  assert.deepEqual(
    result.findings.map((f) => `${f.code} ${f.message}`),
    [],
  );
  const found = result.protocol.eligibility!.inclusion[0];
  assert.equal(found.kind, 'threshold');
  return found;
}

describe('knowledge: units laboratories report', () => {
  const service = createProtocolService();
  /** The codes of the checks on the criterion; a lone eligibility block also draws the registry-field warnings (TPL25x), left out. */
  const codesOf = (criterion: string) =>
    service
      .analyze(`eligibility {\n  include ${criterion}\n}`)
      .diagnostics.map((d) => d.code)
      .filter((code) => !code.startsWith('TPL25'));

  for (const criterion of ['hbv_dna < 2000 IU/mL', 'potassium >= 3.5 mEq/L', 'tsh <= 4.5 µIU/mL', 'tsh <= 4.5 uIU/mL', 'alt <= 100 IU/L', 'tsh <= 4.5 mIU/L']) {
    it(`lowers ${criterion} without TPL109`, () => {
      const codes = codesOf(criterion);
      assert.ok(!codes.includes('TPL109'), codes.join(', '));
      assert.deepEqual(codes, []);
    });
  }

  it('normalises equivalent units to the canonical unit', () => {
    assert.deepEqual(thresholdOf('potassium >= 3.5 mEq/L').normalized, { value: 3.5, unit: 'mmol/L' });
    assert.deepEqual(thresholdOf('calcium >= 4.2 mEq/L').normalized, { value: 2.1, unit: 'mmol/L' });
    assert.deepEqual(thresholdOf('alt <= 100 IU/L').normalized, { value: 100, unit: 'U/L' });
    assert.deepEqual(thresholdOf('tsh <= 4.5 µIU/mL').normalized, { value: 4.5, unit: 'm[IU]/L' });
    assert.deepEqual(thresholdOf('hcv_rna > 15000 IU/L').normalized, { value: 15, unit: '[IU]/mL' });
  });

  it('keeps HBV DNA in IU/mL apart from copies/mL', () => {
    assert.deepEqual(thresholdOf('hbv_dna < 2000 IU/mL').normalized, { value: 2000, unit: '[IU]/mL' });
    assert.deepEqual(thresholdOf('hbv_dna < 10^4 copies/mL').normalized, { value: 10000, unit: '{copies}/mL' });
    // Thresholds in the two units are not compared: no contradiction between them.
    const codes = service.analyze('eligibility {\n  include hbv_dna < 2000 IU/mL\n  include hbv_dna > 10^4 copies/mL\n}').diagnostics.map((d) => d.code);
    assert.ok(!codes.includes('TPL242'), codes.join(', '));
  });

  it('still refuses units an analyte is not written in', () => {
    assert.ok(codesOf('potassium >= 3.5 IU/L').includes('TPL109'));
    assert.ok(codesOf('alt <= 100 mEq/L').includes('TPL109'));
  });

  it('flags a value beyond what the analyser reports', () => {
    assert.ok(codesOf('albumin >= 32 g/dL').includes('TPL240'));
    assert.ok(codesOf('neutrophils >= 1500 x10^9/L').includes('TPL240'));
    assert.deepEqual(codesOf('albumin >= 3 g/dL'), []);
    assert.deepEqual(codesOf('neutrophils >= 1500 /uL'), []);
  });
});
