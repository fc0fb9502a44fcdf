/**
 * Lab limits against what the analyte table knows of the analyte: thresholds outside the range a
 * living patient or an analyser can show (TPL240), thresholds beyond every CTCAE grade that
 * another unit of the analyte would make ordinary (TPL212), ULN and LLN multiples on the wrong
 * side of 1 (TPL213) or beyond CTCAE grade 4 (TPL214), and multiples of a limit the analyte is not
 * written against (TPL246). Every bound comes from a sourced field of the analyte's row; an
 * analyte without one is not checked.
 */

import type * as S from '../../model/schema';
import { convert, friendlyUnit, normalizeForAnalyte } from '../../model/units';
import type { Analyte, CtcaeTerm } from '../../knowledge/analytes';
import { formatNumber } from '../../util/text';
import { preferred, replaceFix, type Check, type CheckContext, type CriterionContext, type ThresholdCriterion } from '../check';

/** A bound in the analyte's normalised unit: what it is, where it comes from, and the source that gives it. */
interface SourcedBound {
  readonly value: number;
  readonly kind: 'ctcae' | 'plausible' | 'reference';
  readonly why: string;
  readonly source: string;
}

/**
 * Count units differ by a thousand (x10^9/L against /uL); other units of one analyte by less
 * (mg/dL against mmol/L of glucose: 18). A reference interval is narrow, and values well outside
 * it are ordinary limits for some trials (urea < 20 mmol/L), so it bounds the ordinary span only
 * against readings a thousand times apart. A unit relation, not a clinical number.
 */
const COUNT_UNIT_FACTOR = 1000;

/** The plausible range of the analyte in `unit` (its canonical unit or a separate one), converted from its row. */
export function plausibleIn(analyte: Analyte, unit: string): { min: number; max: number; shown: string; source: string } | undefined {
  if (unit === analyte.canonicalUnit && analyte.plausible) {
    const range = analyte.plausible;
    const min = convert(range.min, range.unit, unit, analyte.molarMass);
    const max = convert(range.max, range.unit, unit, analyte.molarMass);
    if (min === undefined || max === undefined) return undefined;
    return { min, max, shown: `${formatNumber(range.min)}-${formatNumber(range.max)} ${friendlyUnit(range.unit)}`, source: range.source };
  }
  const separate = analyte.separateUnits?.find((entry) => entry.unit === unit)?.plausible;
  if (!separate || separate.unit !== unit) return undefined;
  return { ...separate, shown: `${formatNumber(separate.min)}-${formatNumber(separate.max)} ${friendlyUnit(separate.unit)}` };
}

/** A value of the analyte's reference interval in its canonical unit (`max` is the ULN, `min` the LLN). */
function referenceLimit(analyte: Analyte, side: 'min' | 'max'): number | undefined {
  const normal = analyte.normal;
  const value = normal?.[side];
  if (!normal || value === undefined || !analyte.canonicalUnit) return undefined;
  return convert(value, normal.unit, analyte.canonicalUnit, analyte.molarMass);
}

/** Where the deepest grade of a CTCAE term starts, in the canonical unit (ULN and LLN multiples through the reference interval). */
function deepestGradeValue(term: CtcaeTerm, analyte: Analyte): number | undefined {
  const canonical = analyte.canonicalUnit;
  if (!canonical) return undefined;
  const values: number[] = [];
  for (const grade of term.grades) {
    const limit = grade.beyond;
    if ('value' in limit) {
      const value = convert(limit.value, limit.unit, canonical, analyte.molarMass);
      if (value !== undefined) values.push(value);
    } else {
      const reference = referenceLimit(analyte, limit.of === 'ULN' ? 'max' : 'min');
      if (reference !== undefined) values.push(limit.times * reference);
    }
  }
  if (values.length === 0) return undefined;
  return term.direction === 'increased' ? Math.max(...values) : Math.min(...values);
}

/**
 * The span in which eligibility limits of the analyte ordinarily lie, in its canonical unit: from
 * the deepest CTCAE grade of its decrease to the deepest grade of its increase. Where CTCAE
 * grades no value in a direction, the plausible range bounds that side, else the reference
 * interval (see COUNT_UNIT_FACTOR for when that one counts).
 */
export function ordinarySpan(analyte: Analyte): { low?: SourcedBound; high?: SourcedBound } {
  const cached = spans.get(analyte);
  if (cached) return cached;
  const span = computeSpan(analyte);
  spans.set(analyte, span);
  return span;
}

/** The tables are constant: each analyte's span is worked out once. */
const spans = new WeakMap<Analyte, { low?: SourcedBound; high?: SourcedBound }>();

function computeSpan(analyte: Analyte): { low?: SourcedBound; high?: SourcedBound } {
  const span: { low?: SourcedBound; high?: SourcedBound } = {};
  for (const term of analyte.ctcae ?? []) {
    const value = deepestGradeValue(term, analyte);
    if (value === undefined) continue;
    const bound = { value, kind: 'ctcae' as const, why: `where the deepest CTCAE v5.0 grade of '${term.term}' starts`, source: term.source };
    if (term.direction === 'decreased' && (!span.low || value < span.low.value)) span.low = bound;
    if (term.direction === 'increased' && (!span.high || value > span.high.value)) span.high = bound;
  }
  const plausible = analyte.canonicalUnit ? plausibleIn(analyte, analyte.canonicalUnit) : undefined;
  if (!span.low && plausible && plausible.min > 0)
    span.low = { value: plausible.min, kind: 'plausible', why: 'the lowest value it can take', source: plausible.source };
  if (!span.high && plausible) span.high = { value: plausible.max, kind: 'plausible', why: 'the highest value it can take', source: plausible.source };
  const min = referenceLimit(analyte, 'min');
  const max = referenceLimit(analyte, 'max');
  if (!span.low && min !== undefined)
    span.low = { value: min, kind: 'reference', why: 'the lower end of its reference interval', source: analyte.normal!.source };
  if (!span.high && max !== undefined)
    span.high = { value: max, kind: 'reference', why: 'the upper end of its reference interval', source: analyte.normal!.source };
  return span;
}

/** The span's bounds that may judge a reading `factor` times the written number: reference bounds only across count units. */
function usableSpan(span: ReturnType<typeof ordinarySpan>, factor: number): { low?: SourcedBound; high?: SourcedBound } {
  const usable = (bound: SourcedBound | undefined) => (bound && (bound.kind !== 'reference' || factor >= COUNT_UNIT_FACTOR) ? bound : undefined);
  return { low: usable(span.low), high: usable(span.high) };
}

/** How far a value lies outside [low, high], as a ratio (0 inside): unit slips are factors, so distance is a ratio. */
function distanceFrom(value: number, span: { low?: SourcedBound; high?: SourcedBound }): number {
  if (span.low && value < span.low.value) return value <= 0 ? Infinity : Math.log(span.low.value / value);
  if (span.high && value > span.high.value) return span.high.value <= 0 ? Infinity : Math.log(value / span.high.value);
  return 0;
}

/** The number as written read in each other unit the analyte accepts, normalised like the threshold; one reading per distinct value. */
export function otherReadings(criterion: ThresholdCriterion, analyte: Analyte): { unit: string; value: number }[] {
  const normalized = criterion.normalized;
  if (!normalized || !criterion.ucum) return [];
  const seen = new Set<number>([Number(normalized.value.toPrecision(6))]);
  const readings: { unit: string; value: number }[] = [];
  const units = [...analyte.units, ...(analyte.equivalentUnits ?? []).map((entry) => entry.unit)];
  for (const unit of units) {
    if (unit === criterion.ucum) continue;
    const reading = normalizeForAnalyte(criterion.value, unit, analyte);
    if (!reading || reading.unit !== normalized.unit) continue;
    const key = Number(reading.value.toPrecision(6));
    if (seen.has(key)) continue;
    seen.add(key);
    readings.push({ unit, value: reading.value });
  }
  return readings;
}

/** The span from the number to the end of its unit, where a unit is written. */
function valueAndUnit(criterion: ThresholdCriterion): S.Span {
  return criterion.unitSpan
    ? { offset: criterion.valueSpan.offset, length: criterion.unitSpan.offset + criterion.unitSpan.length - criterion.valueSpan.offset }
    : criterion.valueSpan;
}

/** The number and its unit as written. */
function written(criterion: ThresholdCriterion): string {
  return criterion.unit ? `${criterion.valueText} ${criterion.unit}` : criterion.valueText;
}

/** Fixes that change the unit to each intended one; the only one is the obvious fix. */
function unitFixes(criterion: ThresholdCriterion, units: readonly string[]) {
  if (!criterion.unitSpan) return [];
  return units.map((unit) => {
    const fix = replaceFix(`Change the unit to ${friendlyUnit(unit)}`, criterion.unitSpan!, friendlyUnit(unit));
    return units.length === 1 ? preferred(fix) : fix;
  });
}

/** TPL240: outside what the body or the analyser can show. Returns true when it reported. */
function checkPlausible(criterion: ThresholdCriterion, analyte: Analyte, context: CheckContext): boolean {
  const normalized = criterion.normalized;
  if (!normalized) return false;
  const range = plausibleIn(analyte, normalized.unit);
  if (!range || (range.min <= normalized.value && normalized.value <= range.max)) return false;
  const span = ordinarySpan(analyte);
  const intended = otherReadings(criterion, analyte)
    .filter((reading) => range.min <= reading.value && reading.value <= range.max)
    .sort((a, b) => distanceFrom(a.value, span) - distanceFrom(b.value, span))
    .slice(0, 2)
    .map((reading) => reading.unit);
  const hint = intended.length ? `; did you mean ${intended.map((unit) => `${criterion.valueText} ${friendlyUnit(unit)}`).join(' or ')}?` : '.';
  // One sentence: the range's source is in the related information and the analyte's hover.
  context.accept('TPL240', `${written(criterion)} is outside the plausible range of ${analyte.name} (${range.shown})${hint}`, valueAndUnit(criterion), {
    fixes: unitFixes(criterion, intended),
    related: [{ ...valueAndUnit(criterion), message: `plausible range: ${range.source}` }],
  });
  return true;
}

/**
 * TPL212: plausible, but beyond the ordinary span of limits, where another unit of the analyte
 * puts the same number inside it. Both sides of the span must judge the reading, so a reading
 * is never taken for ordinary on the strength of one side alone.
 */
function checkUnitSlip(criterion: ThresholdCriterion, analyte: Analyte, context: CheckContext): void {
  const normalized = criterion.normalized;
  if (!normalized || normalized.unit !== analyte.canonicalUnit || normalized.value <= 0) return;
  const span = ordinarySpan(analyte);
  const slips = otherReadings(criterion, analyte).flatMap((reading) => {
    const factor = Math.max(reading.value / normalized.value, normalized.value / reading.value);
    const usable = usableSpan(span, factor);
    if (!usable.low || !usable.high) return [];
    const below = normalized.value < usable.low.value;
    const above = normalized.value > usable.high.value;
    const inside = usable.low.value <= reading.value && reading.value <= usable.high.value;
    return (below || above) && inside ? [{ reading, bound: below ? usable.low : usable.high, below }] : [];
  });
  if (slips.length === 0) return;
  const { bound, below } = slips[0];
  const canonical = analyte.canonicalUnit;
  // The bound in the unit the author wrote, rounded as a reader would say it.
  const shownUnit = criterion.ucum && convert(bound.value, canonical, criterion.ucum, analyte.molarMass) !== undefined ? criterion.ucum : canonical;
  const shown = convert(bound.value, canonical, shownUnit, analyte.molarMass) ?? bound.value;
  const units = slips.slice(0, 2).map((slip) => slip.reading.unit);
  context.accept(
    'TPL212',
    `${written(criterion)} is ${below ? 'below' : 'above'} ${formatNumber(Number(shown.toPrecision(3)))} ${friendlyUnit(shownUnit)}, ${bound.why} for ${analyte.name.toLowerCase()}; did you mean ${units.map((unit) => `${criterion.valueText} ${friendlyUnit(unit)}`).join(' or ')}?`,
    valueAndUnit(criterion),
    { fixes: unitFixes(criterion, units), related: [{ ...criterion.span, message: `source: ${bound.source}` }] },
  );
}

/** Which side of the admitted values a threshold bounds, given whether it includes or excludes. */
export function admittedSide(criterion: ThresholdCriterion, polarity: CriterionContext['polarity']): 'upper' | 'lower' | undefined {
  const upperComparator = criterion.comparator === '<' || criterion.comparator === '<=';
  const lowerComparator = criterion.comparator === '>' || criterion.comparator === '>=';
  if (!upperComparator && !lowerComparator) return undefined;
  // An exclusion `> v` admits what lies at or below v: the same limit as an inclusion `<= v`.
  if (polarity === 'include') return upperComparator ? 'upper' : 'lower';
  return upperComparator ? 'lower' : 'upper';
}

/** True when the analyte is written against that reference limit: by its row, or by a CTCAE term graded on it. */
export function acceptsMultipleOf(analyte: Analyte, of: 'ULN' | 'LLN'): boolean {
  if (analyte.ulnMultiples) return true;
  if (analyte.limitsOfNormal?.some((limit) => limit.of === of)) return true;
  return (analyte.ctcae ?? []).some((term) => term.grades.some((grade) => 'of' in grade.beyond && grade.beyond.of === of));
}

/** TPL246, TPL213, TPL214: a multiple of the ULN or LLN. */
function checkMultiple(criterion: ThresholdCriterion, analyte: Analyte, polarity: CriterionContext['polarity'], context: CheckContext): void {
  const of = criterion.multipleOf!;
  if (!acceptsMultipleOf(analyte, of)) {
    context.accept('TPL246', `${analyte.name} is not given as a multiple of its ${of}; write a value and a unit.`, criterion.valueSpan);
    return;
  }
  const side = admittedSide(criterion, polarity);
  const value = criterion.value;
  const text = `${criterion.valueText} x ${of}`;
  if ((side === 'upper' && of === 'ULN' && value < 1) || (side === 'lower' && of === 'LLN' && value > 1)) {
    context.accept(
      'TPL213',
      side === 'upper'
        ? `An upper limit of ${text} excludes patients whose ${analyte.name.toLowerCase()} is normal (at or below 1 x ULN).`
        : `A lower limit of ${text} excludes patients whose ${analyte.name.toLowerCase()} is normal (at or above 1 x LLN).`,
      criterion.valueSpan,
    );
    return;
  }
  const direction = side === 'upper' && of === 'ULN' ? 'increased' : side === 'lower' && of === 'LLN' ? 'decreased' : undefined;
  for (const term of analyte.ctcae ?? []) {
    if (term.direction !== direction) continue;
    const grade4 = term.grades.find((grade) => grade.grade === 4 && 'of' in grade.beyond && grade.beyond.of === of);
    if (!grade4 || !('times' in grade4.beyond)) continue;
    const limit = grade4.beyond.times;
    const beyond = direction === 'increased' ? value > limit : value < limit;
    if (!beyond) continue;
    context.accept(
      'TPL214',
      `${text} admits grade 4 '${term.term}' (${direction === 'increased' ? '>' : '<'} ${formatNumber(limit)} x ${of}, CTCAE v5.0).`,
      criterion.valueSpan,
      { related: [{ ...criterion.span, message: `CTCAE v5.0 grades: ${term.source}` }] },
    );
    return;
  }
}

export const labLimitChecks: Check = {
  criterion(criterion, where, context) {
    if (criterion.kind !== 'threshold') return;
    const analyte = context.analyte(criterion.analyte);
    if (!analyte) return;
    if (criterion.multipleOf) {
      checkMultiple(criterion, analyte, where.polarity, context);
      return;
    }
    // A lost superscript (104 copies/mL) is TPL241's; its number is not a value to range-check.
    if (analyte.viralLoad && /^10([2-9]|1[0-2])$/.test(criterion.valueText)) return;
    if (checkPlausible(criterion, analyte, context)) return;
    checkUnitSlip(criterion, analyte, context);
  },
};
