/**
 * What a dose line's schedule amounts to: the dose per administration, per cycle, per week
 * (dose intensity) and over the course, in the line's normalised unit (mg, mg/m2, mg/kg); and,
 * for a reference patient, in mg — the only way doses by target AUC (carboplatin, by the
 * Calvert formula) or with a cap (`max 2 mg`) add up. Totals follow the schedule's counts: exact,
 * a calendar range, "up to" a cap, or none for an open-ended course (per period only).
 */

import { findDrug } from '../knowledge/index';
import { CALVERT, DEFAULT_REFERENCE_PATIENT, type ReferencePatient } from '../knowledge/reference-patient';
import type { Count, DoseSchedule } from './schedule';
import { maxOf } from './schedule';
import type * as S from './schema';
import type { Mutable } from '../util/types';

/** An amount, or a range of amounts (`1000-1250 mg/m2`, `AUC 5-6`): from `value` to `max`. */
export interface Quantity {
  readonly value: number;
  readonly max?: number;
  readonly unit: string;
}

/** A total that follows a count: exact, a calendar range, or at most (a cap). */
export interface Total {
  readonly kind: 'exact' | 'range' | 'upTo';
  /** The smallest total (a range's low end; a cap's top, for `upTo`). */
  readonly value: number;
  /** The largest total, where it differs from `value`. */
  readonly max?: number;
  readonly unit: string;
}

export interface DoseAmounts {
  /** One administration, in the line's normalised unit (mg/m2, mg/kg, mg; AUC in mg/mL·min). */
  readonly perAdministration?: Quantity;
  /** One cycle it is given in (its normalised unit; mg for the reference patient by AUC). */
  readonly perCycle?: Quantity;
  /** Dose intensity: the average per week over its pattern. */
  readonly perWeek?: Quantity;
  /** Over the whole course; absent when open-ended or not stated. */
  readonly cumulative?: Total;
  /** For the reference patient, in mg: one administration and the whole course. */
  readonly reference?: { readonly perAdministration: Quantity; readonly cumulative?: Total; readonly capped: boolean };
  /** Why an amount is missing: the dose is unstated, a placebo, in a unit that does not normalise. */
  readonly missing?: string;
}

/**
 * To 12 significant digits, which hides floating-point noise (0.1 x 3); an integer that has no
 * more digits is itself. The same number as `Number(value.toPrecision(12))`, the definition
 * (test/unit/schedule.test.ts compares them), found without a string where that is sure: the
 * value scaled to 12 digits is rounded to a whole number, unless it lies near a half, where the
 * scaling's own rounding could tip it; a whole number over an exact power of ten divides to the
 * double nearest the decimal, which is what parsing the digits gives.
 */
export function round(value: number): number {
  if (Number.isInteger(value) && Math.abs(value) < 1e12) return value + 0; // + 0: -0 is 0, as toPrecision writes it
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-6 && magnitude < 1e11) {
    const scale = POWERS_OF_TEN[11 - Math.floor(Math.log10(magnitude))];
    const scaled = value * scale;
    const whole = Math.round(scaled);
    const size = Math.abs(whole);
    if (size >= 1e11 && size < 1e12 && Math.abs(scaled - whole) < 0.49) return whole / scale;
  }
  return Number(value.toPrecision(12));
}

/** 10^0 to 10^22, each exact as a double. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** A quantity times a factor (a count, a dose's per-week share). */
function times(quantity: Quantity, factor: number): Quantity {
  return withMax(round(quantity.value * factor), quantity.max === undefined ? undefined : round(quantity.max * factor), quantity.unit);
}

/** A quantity from `value` to `max` (absent when there is no range); written out, not spread, as it is made for every line. */
function withMax(value: number, max: number | undefined, unit: string): Quantity {
  return max === undefined ? { value, unit } : { value, max, unit };
}

/** A count of administrations times a dose, as a total. */
function totalOf(count: Count, each: Quantity, firstDifference = 0): Total | undefined {
  const top = each.max ?? each.value;
  switch (count.kind) {
    case 'exact': {
      const value = timesCount(count.value, each.value, firstDifference);
      return each.max === undefined
        ? { kind: 'exact', value, unit: each.unit }
        : { kind: 'exact', value, max: timesCount(count.value, top, firstDifference), unit: each.unit };
    }
    case 'range':
      return { kind: 'range', value: timesCount(count.min, each.value, firstDifference), max: timesCount(count.max, top, firstDifference), unit: each.unit };
    case 'upTo':
      return { kind: 'upTo', value: timesCount(count.max, top, firstDifference), unit: each.unit };
    default:
      return undefined;
  }
}

/** `n` administrations of `each`, the first differing by `firstDifference` (a loading dose). */
function timesCount(n: number, each: number, firstDifference: number): number {
  return round(n * each + (n > 0 ? firstDifference : 0));
}

/** A dose in mg for the reference patient: mg/m2 by BSA, mg/kg by weight, AUC by the Calvert formula (with its caps). */
export function referenceMg(amount: S.Amount, drug: string, patient: ReferencePatient): { quantity: Quantity; capped: boolean } | undefined {
  if (amount.form === 'auc') {
    const row = findDrug(drug)?.calvert;
    if (!row) return undefined; // only carboplatin's row carries the formula's caps
    const gfr = Math.min(patient.gfr, row.maxGfr);
    const of = (auc: number) => Math.min(auc * (gfr + CALVERT.addedToGfr), auc * row.maxDosePerAuc);
    return {
      quantity: withMax(round(of(amount.value)), amount.valueMax === undefined ? undefined : round(of(amount.valueMax)), 'mg'),
      capped: patient.gfr > row.maxGfr,
    };
  }
  if (amount.form !== 'quantity' || !amount.normalized) return undefined;
  const factor = { flat: 1, bsa: patient.bsa, weight: patient.weight, auc: undefined }[amount.normalized.basis];
  if (factor === undefined || amount.normalized.unit.startsWith('IU')) return undefined;
  const max = amount.normalizedMax?.value;
  return {
    quantity: withMax(round(amount.normalized.value * factor), max === undefined ? undefined : round(max * factor), 'mg'),
    capped: false,
  };
}

/** The normalised amount of one administration, or why there is none. */
function perAdministrationOf(amount: S.Amount): Quantity | string {
  switch (amount.form) {
    case 'unstated':
      return 'the dose is not stated';
    case 'matching':
      return 'a placebo has no dose';
    case 'auc':
      return withMax(amount.value, amount.valueMax, 'mg/mL.min');
    case 'quantity':
      if (!amount.normalized) return `'${amount.unit}' does not normalise to a dose`;
      return withMax(amount.normalized.value, amount.normalizedMax?.value, amount.normalized.unit);
  }
}

/** The amounts a line's schedule implies, in its normalised unit and for the reference patient. */
export function doseAmounts(schedule: DoseSchedule, patient: ReferencePatient = DEFAULT_REFERENCE_PATIENT): DoseAmounts {
  const dose = schedule.dose;
  const each = perAdministrationOf(dose.amount);
  if (typeof each === 'string') return { missing: each };
  const reference = referenceMg(dose.amount, dose.drug, patient);
  // By AUC, or with a cap on each administration: only mg for a patient add up.
  const capMg = dose.max?.form === 'quantity' && dose.max.normalized?.basis === 'flat' ? dose.max.normalized.value : undefined;
  let referenceEach = reference?.quantity;
  let capped = reference?.capped ?? false;
  if (referenceEach && capMg !== undefined) {
    capped ||= referenceEach.value > capMg || (referenceEach.max ?? 0) > capMg;
    referenceEach = withMax(Math.min(referenceEach.value, capMg), referenceEach.max === undefined ? undefined : Math.min(referenceEach.max, capMg), 'mg');
  }
  const summable = dose.amount.form === 'auc' || capMg !== undefined ? referenceEach : each;
  // A loading dose replaces the first administration.
  const loading = dose.loading && perAdministrationOf(dose.loading);
  let firstDifference = 0;
  if (loading && typeof loading !== 'string' && summable === each && loading.unit === each.unit) firstDifference = loading.value - each.value;
  const unsummable = loading && (typeof loading === 'string' || loading.unit !== each.unit) ? 'the loading dose is not in the unit of the dose' : undefined;
  const perCycle = schedule.perCycle !== undefined && summable ? times(summable, schedule.perCycle) : undefined;
  const perWeek =
    summable && schedule.perPeriod !== undefined && schedule.periodDays !== undefined
      ? times(summable, (schedule.perPeriod * 7) / schedule.periodDays)
      : undefined;
  const cumulative = summable && !unsummable ? totalOf(schedule.total, summable, firstDifference) : undefined;
  const referenceTotal = referenceEach && !unsummable ? totalOf(schedule.total, referenceEach) : undefined;
  // Written out, not spread: this runs for every dose line a check or a view reads.
  const amounts: Mutable<DoseAmounts> = { perAdministration: each };
  if (perCycle) amounts.perCycle = perCycle;
  if (perWeek) amounts.perWeek = perWeek;
  if (cumulative) amounts.cumulative = cumulative;
  if (referenceEach)
    amounts.reference = referenceTotal
      ? { perAdministration: referenceEach, cumulative: referenceTotal, capped }
      : { perAdministration: referenceEach, capped };
  if (unsummable) amounts.missing = unsummable;
  else if (!summable) amounts.missing = 'doses by target AUC add up only in mg, for a patient';
  return amounts;
}

/** The largest number of administrations, when there is one. */
export function largestCount(count: Count): number | undefined {
  return maxOf(count);
}
