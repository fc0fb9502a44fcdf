/**
 * Eligibility: thresholds that no measured value could have (a unit slip), lost superscripts,
 * scores off their scale, ULN multiples where no ULN is used, inclusion criteria that contradict
 * each other or repeat, exclusions that remove everyone the inclusion admits, and ages.
 */

import type * as S from '../../model/schema';
import { conjunction, criteriaOf, disjunction } from '../../model/walk';
import { convert, friendlyUnit } from '../../model/units';
import type { Analyte } from '../../knowledge/analytes';
import { formatNumber } from '../../util/text';
import { deleteLineFix, preferred, replaceFix, textAt, type Check, type CheckContext, type ThresholdCriterion } from '../check';

type ScoreCriterion = Extract<S.Criterion, { kind: 'score' }>;

/** One side of an interval a criterion puts on an analyte, in a common unit. */
interface Bound {
  readonly value: number;
  readonly strict: boolean;
  readonly criterion: ThresholdCriterion | ScoreCriterion;
}

interface Constraint {
  readonly lower?: Bound;
  readonly upper?: Bound;
  /**
   * What the criterion admits at its loosest, when alternatives loosen it for some patients
   * (`<= 2.5 x ULN or <= 5 x ULN if "liver metastases"`): the bound for everyone is the loosest.
   */
  readonly loose?: Constraint;
}

/** How a condition reads as part of a key: two criteria compare only under the same condition. */
export function conditionKey(condition: S.Condition | undefined): string {
  if (!condition) return '';
  if (condition.kind === 'text') return `if "${condition.text.trim().toLowerCase().replace(/\s+/g, ' ')}"`;
  const value = condition.normalized
    ? `${condition.normalized.value} ${condition.normalized.unit}`
    : `${condition.value} ${condition.multipleOf ?? condition.unit ?? ''}`;
  return `if ${condition.analyte} ${condition.comparator} ${value}`;
}

/**
 * The key that makes two criteria comparable: the analyte, the unit of its normalised value, and
 * its condition, if any (`if creatinine > 1.5 x ULN` binds only the patients it picks out).
 */
function keyOf(criterion: S.Criterion, context: CheckContext): string | undefined {
  if (criterion.kind === 'score') return `${context.analyte(criterion.analyte)?.id ?? criterion.analyte}|score`;
  if (criterion.kind !== 'threshold' || !criterion.normalized) return undefined;
  return `${context.analyte(criterion.analyte)?.id ?? criterion.analyte}|${criterion.normalized.unit}|${conditionKey(criterion.condition)}`;
}

/** The bound an alternative limit sets, on the side its comparator bounds, in the main limit's unit; undefined when it cannot be compared. */
function alternativeBound(criterion: ThresholdCriterion, alternative: S.AlternativeLimit): { side: 'lower' | 'upper'; bound: Bound } | undefined {
  if (!alternative.normalized || alternative.normalized.unit !== criterion.normalized?.unit) return undefined;
  const side = alternative.comparator === '<' || alternative.comparator === '<=' ? 'upper' : alternative.comparator === '=' ? undefined : 'lower';
  if (!side) return undefined;
  const strict = alternative.comparator === '<' || alternative.comparator === '>';
  return { side, bound: { value: alternative.normalized.value, strict, criterion } };
}

/** The loosest bounds of a criterion with alternatives; a side an alternative loosens in a way that cannot be compared is left open. */
function loosened(criterion: ThresholdCriterion, tight: Constraint): Constraint {
  let { lower, upper } = tight;
  for (const alternative of criterion.alternatives ?? []) {
    const found = alternativeBound(criterion, alternative);
    if (!found) {
      // Another unit, or `=`: what it admits is unknown here, so neither side is bounded.
      return {};
    }
    if (found.side === 'upper') upper = upper && upperTighter(upper, found.bound) ? found.bound : upper;
    else lower = lower && lowerTighter(lower, found.bound) ? found.bound : lower;
  }
  return { lower, upper };
}

/** A score's position on its scale (`A` is 0 on Child-Pugh), or the number itself. */
function scaleIndex(value: number | string, analyte: Analyte | undefined): number | undefined {
  if (typeof value === 'number') return value;
  const index = analyte?.scale?.findIndex((step) => String(step).toLowerCase() === value.toLowerCase());
  return index === undefined || index < 0 ? undefined : index;
}

/** The interval a single threshold puts on its analyte, alternatives aside. */
function thresholdConstraint(criterion: ThresholdCriterion, value: number): Constraint {
  const bound = { value, criterion };
  switch (criterion.comparator) {
    case '>':
      return { lower: { ...bound, strict: true } };
    case '>=':
      return { lower: { ...bound, strict: false } };
    case '<':
      return { upper: { ...bound, strict: true } };
    case '<=':
      return { upper: { ...bound, strict: false } };
    case '=':
      return { lower: { ...bound, strict: false }, upper: { ...bound, strict: false } };
  }
}

/** The interval a single criterion puts on its analyte (with its loosest form when alternatives loosen it). */
function constraintOf(criterion: S.Criterion, context: CheckContext): Constraint | undefined {
  if (criterion.kind === 'threshold') {
    if (!criterion.normalized) return undefined;
    const tight = thresholdConstraint(criterion, criterion.normalized.value);
    return criterion.alternatives?.length ? { ...tight, loose: loosened(criterion, tight) } : tight;
  }
  if (criterion.kind === 'score') {
    const analyte = context.analyte(criterion.analyte);
    const from = scaleIndex(criterion.from, analyte);
    const to = scaleIndex(criterion.to ?? criterion.from, analyte);
    if (from === undefined || to === undefined || to < from) return undefined;
    return { lower: { value: from, strict: false, criterion }, upper: { value: to, strict: false, criterion } };
  }
  return undefined;
}

/** True when `a` is at least as tight a lower bound as `b`. */
function lowerTighter(a: Bound, b: Bound): boolean {
  return a.value > b.value || (a.value === b.value && (a.strict || !b.strict));
}

function upperTighter(a: Bound, b: Bound): boolean {
  return a.value < b.value || (a.value === b.value && (a.strict || !b.strict));
}

function related(criterion: S.Criterion, text: string, why: string) {
  return { ...criterion.span, message: `${why}: ${textAt(text, criterion.span)}` };
}

/** Criteria that must all hold, grouped by what they constrain. */
function constraintsByKey(criteria: readonly S.Criterion[], context: CheckContext): Map<string, { criterion: S.Criterion; constraint: Constraint }[]> {
  const byKey = new Map<string, { criterion: S.Criterion; constraint: Constraint }[]>();
  for (const criterion of criteria) {
    const key = keyOf(criterion, context);
    const constraint = key && constraintOf(criterion, context);
    if (!key || !constraint) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), { criterion, constraint }]);
  }
  return byKey;
}

/** A bound as a sortable number pair: the value, then 1 when the bound is the tighter of two equal values. */
type Rank = readonly [number, number];

/** How tight a lower bound is (higher is tighter); none is the loosest. */
function lowerRank(bound: Bound | undefined): Rank {
  return bound ? [bound.value, bound.strict ? 1 : 0] : [-Infinity, 0];
}

/** How tight an upper bound is, negated so that higher is tighter; none is the loosest. */
function upperRank(bound: Bound | undefined): Rank {
  return bound ? [-bound.value, bound.strict ? 1 : 0] : [-Infinity, 0];
}

function compareRanks(a: Rank, b: Rank): number {
  return a[0] - b[0] || a[1] - b[1];
}

/**
 * The alternatives of a criterion, each with its condition: `<= 5 x ULN if alp > 2.5 x ULN` and
 * `<= 5 x ULN if "liver metastases"` loosen the same limit for different patients, so two
 * criteria repeat each other only when their alternatives are the same.
 */
function alternativesKey(criterion: S.Criterion): string {
  if (criterion.kind !== 'threshold' || !criterion.alternatives?.length) return '';
  return criterion.alternatives
    .map((alternative) => `${alternative.comparator} ${alternative.normalized?.value ?? alternative.value} ${conditionKey(alternative.condition)}`)
    .sort()
    .join('; ');
}

/** A key for a constraint's exact bounds, tight and loose: two criteria with one key (and the same alternatives) repeat each other. */
function constraintKey(constraint: Constraint): string {
  const loose = constraint.loose ?? constraint;
  return `${boundKey(constraint.lower)} ${boundKey(constraint.upper)} ${boundKey(loose.lower)} ${boundKey(loose.upper)}`;
}

function boundKey(bound: Bound | undefined): string {
  return bound ? `${bound.value}${bound.strict ? '!' : ''}` : '-';
}

/**
 * Repeats and implications among criteria on one analyte, each criterion reported once at most:
 * a repeat of an earlier criterion with the same bounds, and a criterion another one implies (a
 * stricter one: every value it admits at its loosest, this one admits at its tightest). Repeats
 * are found by key and implications by a sweep over the bounds, so thousands of criteria on one
 * analyte cost n log n, not n squared.
 */
function reportRedundant(entries: readonly { criterion: S.Criterion; constraint: Constraint }[], context: CheckContext): void {
  const report = (target: S.Criterion, other: S.Criterion, same: boolean) => {
    const fix = deleteLineFix('Remove this criterion', context.text, target.span);
    context.accept(
      'TPL244',
      same
        ? `This criterion repeats '${textAt(context.text, other.span)}'.`
        : `This criterion is implied by the stricter '${textAt(context.text, other.span)}'.`,
      target.span,
      { related: [related(other, context.text, same ? 'the same criterion' : 'the stricter criterion')], fixes: fix ? [fix] : [] },
    );
  };
  // Repeats: the first of each set of equal bounds stands for the others.
  const firstOf = new Map<string, { criterion: S.Criterion; constraint: Constraint }>();
  const distinct: { criterion: S.Criterion; constraint: Constraint }[] = [];
  for (const entry of entries) {
    const key = `${constraintKey(entry.constraint)}|${alternativesKey(entry.criterion)}`;
    const first = firstOf.get(key);
    if (first) report(entry.criterion, first.criterion, true);
    else {
      firstOf.set(key, entry);
      distinct.push(entry);
    }
  }
  // Implications: `b` is implied when another `a`, at its loosest, is at least as tight on both
  // sides as `b` at its tightest. Candidates are taken in order of their lower bound, tightest
  // first; for each `b`, those tight enough below are in, and the tightest upper among them (or
  // the next one, when the tightest is `b` itself) decides.
  const inner = distinct.map((entry) => entry.constraint.loose ?? entry.constraint);
  const byInnerLower = distinct.map((_, i) => i).sort((i, j) => compareRanks(lowerRank(inner[j]!.lower), lowerRank(inner[i]!.lower)));
  const byOuterLower = distinct
    .map((_, i) => i)
    .sort((i, j) => compareRanks(lowerRank(distinct[j]!.constraint.lower), lowerRank(distinct[i]!.constraint.lower)));
  let best: number | undefined;
  let second: number | undefined;
  const tighterUpper = (i: number, j: number | undefined) => j === undefined || compareRanks(upperRank(inner[i]!.upper), upperRank(inner[j]!.upper)) > 0;
  let next = 0;
  const implied: { index: number; by: number }[] = [];
  for (const b of byOuterLower) {
    const needLower = lowerRank(distinct[b]!.constraint.lower);
    while (next < byInnerLower.length && compareRanks(lowerRank(inner[byInnerLower[next]!]!.lower), needLower) >= 0) {
      const candidate = byInnerLower[next++]!;
      if (tighterUpper(candidate, best)) [best, second] = [candidate, best];
      else if (tighterUpper(candidate, second)) second = candidate;
    }
    const witness = best === b ? second : best;
    if (witness !== undefined && compareRanks(upperRank(inner[witness]!.upper), upperRank(distinct[b]!.constraint.upper)) >= 0)
      implied.push({ index: b, by: witness });
  }
  for (const { index, by } of implied.sort((x, y) => distinct[x.index]!.criterion.span.offset - distinct[y.index]!.criterion.span.offset))
    report(distinct[index]!.criterion, distinct[by]!.criterion, false);
}

/** Contradictions and redundancy among the inclusion criteria; returns the admitted interval per key. */
function checkInclusion(eligibility: S.Eligibility, context: CheckContext): Map<string, Constraint> {
  const admitted = new Map<string, Constraint>();
  for (const [key, entries] of constraintsByKey(conjunction(eligibility.inclusion), context)) {
    reportRedundant(entries, context);
    checkAlternativeCaps(entries, context);
    let lower: Bound | undefined;
    let upper: Bound | undefined;
    for (const entry of entries) {
      // What everyone is held to: a criterion at its loosest.
      const constraint = entry.constraint.loose ?? entry.constraint;
      if (constraint.lower && (!lower || lowerTighter(constraint.lower, lower))) lower = constraint.lower;
      if (constraint.upper && (!upper || upperTighter(constraint.upper, upper))) upper = constraint.upper;
    }
    admitted.set(key, { lower, upper });
    if (!lower || !upper || lower.criterion === upper.criterion) continue;
    if (lower.value < upper.value || (lower.value === upper.value && !lower.strict && !upper.strict)) continue;
    const [later, other] = lower.criterion.span.offset > upper.criterion.span.offset ? [lower, upper] : [upper, lower];
    context.accept('TPL242', `No patient can meet this together with '${textAt(context.text, other.criterion.span)}'.`, later.criterion.span, {
      related: [related(other.criterion, context.text, 'the contradicting criterion')],
    });
  }
  return admitted;
}

/**
 * TPL270: an alternative limit that admits no one the main limit refuses — one that bounds the
 * other side (`<= 1.5 x ULN or >= 3 x ULN`), or one no looser than the main limit: in an inclusion
 * a looser limit admits more (`<= 2.5 x ULN or <= 5 x ULN`), in an exclusion it excludes fewer
 * (`< 1.5 x10^9/L or < 1 x10^9/L`).
 */
function checkAlternativeSides(criterion: ThresholdCriterion, polarity: 'include' | 'exclude', context: CheckContext): void {
  if (!criterion.normalized) return;
  const main = thresholdConstraint(criterion, criterion.normalized.value);
  const mainSide = main.upper && !main.lower ? 'upper' : main.lower && !main.upper ? 'lower' : undefined;
  if (!mainSide) return;
  const mainBound = main[mainSide]!;
  for (const alternative of criterion.alternatives ?? []) {
    const found = alternativeBound(criterion, alternative);
    if (!found) continue;
    const altText = textAt(context.text, alternative.span);
    if (found.side !== mainSide) {
      context.accept(
        'TPL270',
        `'${altText}' is a ${found.side} limit beside a main ${mainSide} limit; an alternative must loosen the main limit.`,
        alternative.span,
      );
      continue;
    }
    const tighter = mainSide === 'upper' ? upperTighter : lowerTighter;
    const altTighter = tighter(found.bound, mainBound);
    const mainTighter = tighter(mainBound, found.bound);
    // An inclusion's alternative must admit more (be strictly less tight); an exclusion's must exclude fewer (be strictly tighter).
    const looser = polarity === 'include' ? !altTighter : altTighter && !mainTighter;
    if (!looser)
      context.accept(
        'TPL270',
        `'${altText}' is no looser than the main limit, so it ${polarity === 'include' ? 'admits no one the main limit refuses' : 'spares no one the main limit excludes'}.`,
        alternative.span,
      );
  }
}

/**
 * TPL270: an inclusion's alternative that another inclusion on the same analyte, without a
 * condition, caps for everyone (`ast <= 3 x ULN` beside `or <= 5 x ULN if …`).
 */
function checkAlternativeCaps(entries: readonly { criterion: S.Criterion; constraint: Constraint }[], context: CheckContext): void {
  for (const { criterion } of entries) {
    if (criterion.kind !== 'threshold' || criterion.condition || !criterion.alternatives?.length) continue;
    for (const alternative of criterion.alternatives) {
      const found = alternativeBound(criterion, alternative);
      if (!found) continue;
      const tighter = found.side === 'upper' ? upperTighter : lowerTighter;
      const own = thresholdConstraint(criterion, criterion.normalized!.value)[found.side];
      // An alternative that does not loosen is reported on its own (checkAlternativeSides).
      if (!own || tighter(found.bound, own)) continue;
      for (const other of entries) {
        if (other.criterion === criterion) continue;
        const cap = (other.constraint.loose ?? other.constraint)[found.side];
        if (!cap || !tighter(cap, found.bound) || tighter(found.bound, cap)) continue;
        context.accept(
          'TPL270',
          `'${textAt(context.text, other.criterion.span)}' holds for everyone, so '${textAt(context.text, alternative.span)}' cannot admit anyone beyond it.`,
          alternative.span,
          { related: [related(other.criterion, context.text, 'the criterion that caps it')] },
        );
        break;
      }
    }
  }
}

/** True when every value the interval admits meets the exclusion's condition. */
function covers(exclusion: Constraint, admitted: Constraint): boolean {
  if (exclusion.lower) {
    const bound = admitted.lower;
    if (!bound) return false;
    if (!(bound.value > exclusion.lower.value || (bound.value === exclusion.lower.value && (!exclusion.lower.strict || bound.strict)))) return false;
  }
  if (exclusion.upper) {
    const bound = admitted.upper;
    if (!bound) return false;
    if (!(bound.value < exclusion.upper.value || (bound.value === exclusion.upper.value && (!exclusion.upper.strict || bound.strict)))) return false;
  }
  return true;
}

function checkExclusion(eligibility: S.Eligibility, admitted: Map<string, Constraint>, context: CheckContext): void {
  for (const criterion of disjunction(eligibility.exclusion)) {
    const key = keyOf(criterion, context);
    const constraint = key && constraintOf(criterion, context);
    const interval = key ? admitted.get(key) : undefined;
    if (!constraint || !interval || !covers(constraint, interval)) continue;
    const by = [interval.lower?.criterion, interval.upper?.criterion].filter((c): c is NonNullable<typeof c> => c !== undefined);
    context.accept('TPL243', 'This exclusion removes every patient the inclusion criteria admit.', criterion.span, {
      related: [...new Set(by)].map((c) => related(c, context.text, 'the inclusion it empties')),
    });
  }
}

/** `within 28 days before randomization`, as part of a key: the same words in two windows are two criteria. */
function windowKey(window: S.TimeWindow | undefined): string {
  if (!window) return '';
  const anchor = window.anchor.kind === 'moment' ? window.anchor.moment : `"${window.anchor.text.trim().toLowerCase()}"`;
  return `|${window.relation} ${window.value} ${window.unit} ${window.direction} ${anchor}`;
}

/** A criterion's words as compared: lower case, single spaces (most texts are spaced so already, and are only lowered). */
function wordsOf(text: string): string {
  return OTHER_SPACING.test(text) ? text.trim().toLowerCase().replace(/\s+/g, ' ') : text.toLowerCase();
}

/** White space other than single spaces between words: at either end, two in a row, or not a plain space. */
const OTHER_SPACING = /^\s|\s$|\s\s|[^\S ]/;

function checkDuplicateText(criteria: readonly S.Criterion[], context: CheckContext): void {
  const seen = new Map<string, S.Criterion>();
  for (const criterion of criteria) {
    if (criterion.kind !== 'text') continue;
    const key = criterion.window ? wordsOf(criterion.text) + windowKey(criterion.window) : wordsOf(criterion.text);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, criterion);
      continue;
    }
    const fix = deleteLineFix('Remove this criterion', context.text, criterion.span);
    context.accept('TPL244', 'This criterion repeats an earlier one word for word.', criterion.span, {
      related: [related(first, context.text, 'the same criterion')],
      fixes: fix ? [fix] : [],
    });
  }
}

/** An age limit in years, through UCUM (`mo`, `wk`, `d` to `a`). */
function inYears(limit: { value: number; unit: string }): number | undefined {
  const ucum = { years: 'a', months: 'mo', weeks: 'wk', days: 'd' }[limit.unit];
  return ucum ? convert(limit.value, ucum, 'a') : undefined;
}

function checkAges(eligibility: S.Eligibility, context: CheckContext): void {
  const min = eligibility.minimumAge;
  const max = eligibility.maximumAge;
  const minYears = min && inYears(min);
  const maxYears = max && inYears(max);
  if (min && max && minYears !== undefined && maxYears !== undefined && minYears > maxYears) {
    context.accept('TPL245', `The age range starts at ${min.value} ${min.unit}, after its end at ${max.value} ${max.unit}.`, eligibility.ageSpan ?? min.span, {
      fixes: [
        preferred({
          title: 'Swap the limits',
          edits: [
            { offset: min.span.offset, length: min.span.length, newText: textAt(context.text, max.span) },
            { offset: max.span.offset, length: max.span.length, newText: textAt(context.text, min.span) },
          ],
        }),
      ],
    });
  }
  const plausible = context.analyte('age')?.plausible;
  if (plausible) {
    for (const limit of [min, max]) {
      const years = limit && inYears(limit);
      if (!limit || years === undefined) continue;
      const inPlausibleUnit = convert(years, 'a', plausible.unit);
      if (inPlausibleUnit === undefined || (plausible.min <= inPlausibleUnit && inPlausibleUnit <= plausible.max)) continue;
      const range = `${plausible.min}-${plausible.max} ${friendlyUnit(plausible.unit)}`;
      if (limit === max && inPlausibleUnit > plausible.max) {
        // A registry's way of writing "no upper limit": it excludes no one, so it is information, not a mistake.
        const fix =
          min && eligibility.ageSpan ? [replaceFix('Remove the maximum age', eligibility.ageSpan, `age >= ${textAt(context.text, min.span)} ${min.unit}`)] : [];
        context.accept('TPL249', `${limit.value} ${limit.unit} is beyond the ages people reach (${range}): as a maximum it excludes no one.`, limit.span, {
          fixes: fix,
        });
        continue;
      }
      context.accept('TPL245', `${limit.value} ${limit.unit} is outside human ages (${range}).`, limit.span);
    }
  }
  // Age written as a criterion must stay inside the trial's own limits.
  for (const criterion of [...conjunction(eligibility.inclusion), ...disjunction(eligibility.exclusion)]) {
    if (criterion.kind !== 'threshold' || context.analyte(criterion.analyte)?.id !== 'age' || !criterion.ucum) continue;
    const years = convert(criterion.value, criterion.ucum, 'a');
    if (years === undefined) continue;
    const below = minYears !== undefined && years < minYears;
    const above = maxYears !== undefined && years > maxYears;
    if (below || above) {
      context.accept(
        'TPL248',
        `${formatNumber(criterion.value)} ${criterion.unit} is outside the trial's age limits (${min ? `${min.value} ${min.unit}` : 'no minimum'} to ${max ? `${max.value} ${max.unit}` : 'no maximum'}).`,
        criterion.valueSpan,
        { related: eligibility.ageSpan ? [{ ...eligibility.ageSpan, message: "the trial's age limits" }] : [] },
      );
    }
  }
}

/** TPL241: a viral load whose superscript was lost (104 for 10^4). Range checks are in lab-limits.ts. */
function checkThreshold(criterion: ThresholdCriterion, context: CheckContext): void {
  const analyte = context.analyte(criterion.analyte);
  if (!analyte || criterion.multipleOf) return;
  const power = /^10([2-9]|1[0-2])$/.exec(criterion.valueText);
  if (!analyte.viralLoad || !power) return;
  const intended = `10^${power[1]}`;
  context.accept(
    'TPL241',
    `${analyte.name} limits are powers of ten, so ${criterion.valueText} is likely ${intended} with its superscript lost.`,
    criterion.valueSpan,
    { fixes: [preferred(replaceFix(`Change to ${intended}`, criterion.valueSpan, intended))] },
  );
}

function checkScore(criterion: ScoreCriterion, context: CheckContext): void {
  const analyte = context.analyte(criterion.analyte);
  const scale = analyte?.scale;
  if (!analyte || !scale) return;
  const steps = scale.map(String);
  for (const value of criterion.to === undefined ? [criterion.from] : [criterion.from, criterion.to]) {
    if (!steps.some((step) => step.toLowerCase() === String(value).toLowerCase())) {
      context.accept('TPL247', `${analyte.name} has no ${value}: its scale is ${steps.join(', ')}.`, criterion.valueSpan);
      return;
    }
  }
  const from = scaleIndex(criterion.from, analyte);
  const to = criterion.to === undefined ? from : scaleIndex(criterion.to, analyte);
  if (from !== undefined && to !== undefined && to < from) {
    context.accept(
      'TPL247',
      `The range ${criterion.from}-${criterion.to} runs backwards on the ${analyte.name} scale; write ${criterion.to}-${criterion.from}.`,
      criterion.valueSpan,
    );
  }
}

export const eligibilityChecks: Check = {
  criterion(criterion, _where, context) {
    if (criterion.kind === 'threshold') checkThreshold(criterion, context);
    if (criterion.kind === 'score') checkScore(criterion, context);
  },

  eligibility(eligibility, context) {
    for (const { criterion, polarity } of criteriaOf(eligibility))
      if (criterion.kind === 'threshold' && criterion.alternatives?.length) checkAlternativeSides(criterion, polarity, context);
    const admitted = checkInclusion(eligibility, context);
    checkExclusion(eligibility, admitted, context);
    checkDuplicateText(eligibility.inclusion, context);
    checkDuplicateText(eligibility.exclusion, context);
    checkAges(eligibility, context);
  },
};
