/**
 * Doses against the label: the dose basis (mg where mg/m2 is labelled), the labelled
 * per-administration range, and a bound beyond which the number is almost surely a typo.
 */

import type * as S from '../../model/schema';
import { DOSE_BASIS, type DoseBasis, type Drug, type LabelledDose } from '../../knowledge/drugs';
import { formatNumber } from '../../util/text';
import { preferred, replaceFix, type Check } from '../check';

/**
 * Where a row gives no sourced bound, the typo guard is this multiple of the labelled maximum.
 * It is not a clinical limit: it separates a high dose from a slipped decimal or an extra zero,
 * which multiply the intended number by ten or more.
 */
export const TYPO_GUARD_FACTOR = 3;

/** The same amount written in the unit of another basis: `mg` -> `mg/m2`, `g` -> `g/m2`. */
function unitForBasis(written: string, basis: DoseBasis): string | undefined {
  const mass = /^(mg|g|mcg|ug|µg)(?:\/(?:m2|kg))?$/.exec(written);
  if (!mass || basis === 'auc') return undefined;
  return basis === 'bsa' ? `${mass[1]}/m2` : basis === 'weight' ? `${mass[1]}/kg` : mass[1];
}

/** The labelled doses on one basis (the drug's own unless given): a row may hold a few on another (nivolumab 3 mg/kg). */
function dosesOnBasis(drug: Drug, basis: DoseBasis = drug.basis): readonly LabelledDose[] {
  return drug.doses.filter((dose) => (dose.basis ?? drug.basis) === basis);
}

/** The labelled range across the drug's labelled doses on a basis (its own by default), or undefined when there are none. */
export function labelledRange(drug: Drug, basis: DoseBasis = drug.basis): { min: number; max: number } | undefined {
  const doses = dosesOnBasis(drug, basis);
  if (doses.length === 0) return undefined;
  return { min: Math.min(...doses.map((d) => d.min)), max: Math.max(...doses.map((d) => d.max)) };
}

/** The per-administration bound beyond which a dose is almost surely a typo, with where it comes from. */
export function typoBound(drug: Drug, basis: DoseBasis = drug.basis): { value: number; source: string } | undefined {
  if (drug.hardMax && basis === drug.basis) return drug.hardMax;
  const range = labelledRange(drug, basis);
  return range && { value: range.max * TYPO_GUARD_FACTOR, source: `${TYPO_GUARD_FACTOR} x the labelled maximum` };
}

/** `1000-1250 mg/m2`, or `85 mg/m2` for a single labelled dose; the doses themselves, with their sources, are in the hover. */
function describeRange(range: { min: number; max: number }, unit: string): string {
  return `${range.min === range.max ? formatNumber(range.min) : `${formatNumber(range.min)}-${formatNumber(range.max)}`} ${unit}`;
}

function checkBasis(dose: S.Dose, drug: Drug, context: Parameters<NonNullable<Check['dose']>>[2]): boolean {
  const amount = dose.amount;
  if (amount.form === 'unstated') return false;
  const basis = amount.normalized?.basis;
  // A basis the label uses for some of its doses (nivolumab 3 mg/kg) is checked against those doses.
  if (!basis || basis === drug.basis || drug.doses.some((labelled) => labelled.basis === basis)) return true;
  // International units have no labelled mg range; their basis is still compared.
  const at = amount.form === 'auc' ? (dose.valueSpan ?? dose.span) : (dose.unitSpan ?? dose.span);
  const written = amount.form === 'auc' ? `AUC ${formatNumber(amount.value)}` : `${formatNumber(amount.value)} ${amount.unit}`;
  const target = amount.form === 'quantity' ? unitForBasis(amount.unit, drug.basis) : undefined;
  context.accept(
    'TPL210',
    `${drug.id} is dosed ${DOSE_BASIS[drug.basis].words} (${DOSE_BASIS[drug.basis].unit}) in its label; ${written} is dosed ${DOSE_BASIS[basis].words}.`,
    at,
    {
      fixes: target && dose.unitSpan ? [preferred(replaceFix(`Change the unit to ${target}`, dose.unitSpan, target))] : [],
    },
  );
  return false;
}

export const doseChecks: Check = {
  dose(dose, _where, context) {
    const drug = context.drug(dose.drug);
    // A row with no labelled dose (placebo; bleomycin in units) has no basis or range to check against.
    if (!drug || drug.doses.length === 0 || dose.amount.form === 'unstated') return;
    if (!checkBasis(dose, drug, context)) return;
    const normalized = dose.amount.normalized;
    if (!normalized || normalized.unit.startsWith('IU')) return;
    const basis = normalized.basis;
    const range = labelledRange(drug, basis);
    if (!range) return;
    const at =
      dose.valueSpan && dose.unitSpan
        ? { offset: dose.valueSpan.offset, length: dose.unitSpan.offset + dose.unitSpan.length - dose.valueSpan.offset }
        : (dose.valueSpan ?? dose.span);
    const value = normalized.value;
    const unit = DOSE_BASIS[basis].unit;
    const bound = typoBound(drug, basis);
    if (bound && value > bound.value) {
      context.accept(
        'TPL221',
        `${formatNumber(value)} ${unit} of ${drug.id} is beyond the typo guard of ${formatNumber(bound.value)} ${unit} per administration, so it is almost surely a typo.`,
        at,
      );
      return;
    }
    if (range.min <= value && value <= range.max) return;
    context.accept(
      'TPL220',
      `${formatNumber(value)} ${unit} of ${drug.id} is ${value < range.min ? 'below' : 'above'} its labelled doses (${describeRange(range, unit)} per administration).`,
      at,
    );
  },
};
