/**
 * Doses against the label: the dose basis (mg where mg/m2 is labelled), the labelled
 * per-administration range, and a bound beyond which the number is almost surely a typo.
 */

import type * as S from '../../model/schema';
import { DOSE_BASIS, type DoseBasis, type Drug, type LabelledDose } from '../../knowledge/drugs';
import { formatNumber } from '../../util/text';
import { preferred, replaceFix, type Check, type CheckContext } from '../check';
import { perRow } from '../../util/kept';

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
export function dosesOnBasis(drug: Drug, basis: DoseBasis = drug.basis): readonly LabelledDose[] {
  return drug.doses.filter((dose) => (dose.basis ?? drug.basis) === basis);
}

/** The labelled range across the drug's labelled doses on a basis (its own by default), or undefined when there are none. */
export function labelledRange(drug: Drug, basis: DoseBasis = drug.basis): { min: number; max: number } | undefined {
  return rangeOnBasis(drug, basis);
}

/** Each knowledge row's labelled range per basis, found once (the rows never change). */
const rangeOnBasis = perRow((drug: Drug, basis: DoseBasis): { readonly min: number; readonly max: number } | undefined => {
  const doses = dosesOnBasis(drug, basis);
  return doses.length ? { min: Math.min(...doses.map((d) => d.min)), max: Math.max(...doses.map((d) => d.max)) } : undefined;
});

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

/** The labelled doses on a basis, each with its schedule and indication, for messages and related information. */
export function describeLabel(drug: Drug, basis: DoseBasis): string {
  return labelDescription(drug, basis);
}

/** A drug row's labelled regimens as words, by basis: the rows never change, and every finding on a drug carries them. */
const labelDescription = perRow((drug: Drug, basis: DoseBasis): string => {
  const unit = DOSE_BASIS[basis].unit;
  return dosesOnBasis(drug, basis)
    .map(
      (dose) =>
        `${dose.min === dose.max ? formatNumber(dose.min) : `${formatNumber(dose.min)}-${formatNumber(dose.max)}`} ${unit} ${dose.schedule} (${dose.indication})`,
    )
    .join('; ');
});

function checkBasis(dose: S.Dose, drug: Drug, context: Parameters<NonNullable<Check['dose']>>[2]): boolean {
  const amount = dose.amount;
  if (amount.form === 'unstated' || amount.form === 'matching') return false;
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

/** Where a route word stands inside a statement: the first whole word equal to it after `from`. */
function routeSpan(text: string, within: S.Span, from: number, route: string): S.Span {
  const slice = text.slice(from, within.offset + within.length);
  let pattern = routePatterns.get(route);
  if (!pattern) routePatterns.set(route, (pattern = new RegExp(`(?<![\\w])${route}(?![\\w])`, 'i')));
  const match = pattern.exec(slice);
  return match ? { offset: from + match.index, length: route.length } : within;
}

/** One pattern per route word, built once. */
const routePatterns = new Map<string, RegExp>();

/**
 * TPL223 for a route the label forbids (vincristine IT), else TPL222 for a route the label does
 * not give (oxaliplatin PO). Routes of another product of the substance (Tecentriq Hybreza SC)
 * count as labelled.
 */
function checkRoute(drug: Drug, route: string, where: () => S.Span, context: CheckContext): void {
  const forbidden = drug.forbiddenRoutes?.find((entry) => entry.route === route);
  if (!forbidden && (drug.routes.includes(route as Drug['routes'][number]) || drug.otherRoutes?.some((entry) => entry.route === route))) return;
  // Found only for a finding: most lines give a labelled route.
  const at = where();
  if (forbidden) {
    // One sentence: the label's warning and its source are in the related information.
    context.accept('TPL223', `${drug.id} must never be given ${route}, as its label warns.`, at, {
      related: [
        { ...at, message: `source: ${forbidden.source}` },
        { ...at, message: `the label: ${forbidden.text}` },
      ],
    });
    return;
  }
  const labelled = drug.routes.join(', ');
  const regimens = describeLabel(drug, drug.basis);
  context.accept('TPL222', `The label gives ${drug.id} ${labelled} only, not ${route}.`, at, {
    related: [...(regimens ? [{ ...at, message: `labelled: ${regimens}` }] : []), { ...at, message: `source: ${drug.source}` }],
    fixes: drug.routes.length === 1 ? [preferred(replaceFix(`Change the route to ${drug.routes[0]}`, at, drug.routes[0]))] : [],
  });
}

export const doseChecks: Check = {
  protocol(protocol, context) {
    // A declared usual route is a claim about every line of the drug: check it like a dose's.
    for (const declaration of protocol.drugs) {
      const drug = declaration.route && context.drug(declaration.id);
      if (!drug || !declaration.route) continue;
      const route = declaration.route;
      checkRoute(drug, route, () => routeSpan(context.text, declaration.span, declaration.idSpan.offset + declaration.idSpan.length, route), context);
    }
  },

  dose(dose, _where, context) {
    const routeDrug = dose.route && context.drug(dose.drug);
    const route = dose.route;
    if (routeDrug && route) checkRoute(routeDrug, route, () => routeSpan(context.text, dose.span, dose.drugSpan.offset + dose.drugSpan.length, route), context);
    // A route only another product of the substance has (atezolizumab SC) comes with that product's doses, which the row does not hold.
    if (routeDrug && dose.route && !routeDrug.routes.includes(dose.route) && routeDrug.otherRoutes?.some((entry) => entry.route === dose.route)) return;
    const drug = context.drug(dose.drug);
    // A row with no labelled dose (placebo; bleomycin in units) has no basis or range to check against.
    if (!drug || drug.doses.length === 0 || dose.amount.form === 'unstated' || dose.amount.form === 'matching') return;
    if (!checkBasis(dose, drug, context)) return;
    const normalized = dose.amount.normalized;
    // A range (`1000-1250 mg/m2`) is checked at both ends: its top against the ceiling.
    const top = dose.amount.form === 'quantity' && dose.amount.normalizedMax ? dose.amount.normalizedMax.value : normalized?.value;
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
    if (bound && top !== undefined && top > bound.value) {
      context.accept(
        'TPL221',
        `${formatNumber(top)} ${unit} of ${drug.id} is beyond the typo guard of ${formatNumber(bound.value)} ${unit} per administration, so it is almost surely a typo.`,
        at,
      );
      return;
    }
    const highest = top ?? value;
    if (range.min <= value && highest <= range.max) return;
    const outside = value < range.min ? value : highest;
    context.accept(
      'TPL220',
      `${formatNumber(outside)} ${unit} of ${drug.id} is ${outside < range.min ? 'below' : 'above'} its labelled doses (${describeRange(range, unit)} per administration).`,
      at,
    );
  },
};
