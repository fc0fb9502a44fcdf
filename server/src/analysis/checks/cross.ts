/**
 * Cross-checks between eligibility and drugs, where a label ties them: creatinine clearance
 * limits against a drug's renal rules, and body weight against a weight-dependent flat dose.
 */

import type * as S from '../../model/schema';
import { conjunction, dosesOf } from '../../model/walk';
import type { RenalRule, WeightRule } from '../../knowledge/drugs';
import { formatNumber } from '../../util/text';
import { textAt, type Check, type CheckContext } from '../check';

/** The lowest value of an analyte the inclusion admits (`>= 60` gives 60), from the criteria that must all hold. */
function admittedLowerBound(eligibility: S.Eligibility | undefined, analyteId: string, unit: string, context: CheckContext) {
  let best: { value: number; criterion: S.Criterion } | undefined;
  for (const criterion of conjunction(eligibility?.inclusion ?? [])) {
    if (criterion.kind !== 'threshold' || context.analyte(criterion.analyte)?.id !== analyteId) continue;
    if (criterion.normalized?.unit !== unit || (criterion.comparator !== '>' && criterion.comparator !== '>=' && criterion.comparator !== '=')) continue;
    if (!best || criterion.normalized.value > best.value) best = { value: criterion.normalized.value, criterion };
  }
  return best;
}

/** The first dose line of each drug, by knowledge row id. */
function firstDoses(protocol: S.Protocol, context: CheckContext): Map<string, S.Dose> {
  const first = new Map<string, S.Dose>();
  for (const { dose } of dosesOf(protocol)) {
    const id = context.drug(dose.drug)?.id;
    if (id && !first.has(id)) first.set(id, dose);
  }
  return first;
}

/** `of 30-51 mL/min`, `below 30 mL/min`: the band a renal rule covers, after "a creatinine clearance". */
function describeBand(rule: RenalRule): string {
  if (rule.crclFrom !== undefined && rule.crclBelow !== undefined) return `of ${rule.crclFrom}-${rule.crclBelow} mL/min`;
  if (rule.crclBelow !== undefined) return `below ${rule.crclBelow} mL/min`;
  return `at or above ${rule.crclFrom} mL/min`;
}

/** What a renal rule does to the dose, in a few words; the label's own text is in the hover. */
function describeAction(rule: RenalRule): string {
  if (rule.action === 'contraindicated') return 'contraindicates it';
  return rule.doseFraction !== undefined ? `reduces the dose to ${formatNumber(rule.doseFraction * 100)}%` : 'reduces the dose';
}

function checkRenal(protocol: S.Protocol, dose: S.Dose, rules: readonly RenalRule[], context: CheckContext): void {
  if (!protocol.eligibility || rules.length === 0) return;
  const lower = admittedLowerBound(protocol.eligibility, 'creatinine_clearance', 'mL/min', context);
  for (const rule of rules) {
    if (rule.action === 'caution' || rule.crclBelow === undefined) continue;
    // The band is admitted when the lowest admitted clearance falls below the band's top.
    if (lower && lower.value >= rule.crclBelow) continue;
    const admitted = lower ? `admits creatinine clearance from ${formatNumber(lower.value)} mL/min` : 'sets no creatinine clearance limit';
    context.accept(
      'TPL260',
      `The label of ${dose.drug} ${describeAction(rule)} at a creatinine clearance ${describeBand(rule)}, but the eligibility ${admitted}.`,
      dose.drugSpan,
      {
        related: lower ? [{ ...lower.criterion.span, message: `the creatinine clearance criterion: ${textAt(context.text, lower.criterion.span)}` }] : [],
      },
    );
  }
}

function checkWeight(protocol: S.Protocol, dose: S.Dose, rules: readonly WeightRule[], context: CheckContext): void {
  const amount = dose.amount;
  if (amount.form !== 'quantity' || amount.normalized?.basis !== 'flat') return;
  for (const rule of rules) {
    const value = amount.normalized.value;
    if (value !== rule.doseBelow && value !== rule.doseAtOrAbove) continue;
    const lower = admittedLowerBound(protocol.eligibility, 'weight', 'kg', context);
    const onlyHeavy = lower !== undefined && lower.value >= rule.thresholdKg;
    const wrongBand = onlyHeavy && value === rule.doseBelow;
    if (onlyHeavy && !wrongBand) continue;
    const message = wrongBand
      ? `${dose.drug}: the eligibility admits only patients of ${rule.thresholdKg} kg or more, whose labelled dose is ${rule.doseAtOrAbove} mg (${rule.indication}), not ${formatNumber(value)} mg.`
      : `${dose.drug}: the label (${rule.indication}) gives ${rule.doseBelow} mg below ${rule.thresholdKg} kg and ${rule.doseAtOrAbove} mg at or above, but this line gives ${formatNumber(value)} mg at every weight.`;
    context.accept('TPL261', message, dose.valueSpan ?? dose.span);
  }
}

export const crossChecks: Check = {
  protocol(protocol, context) {
    for (const [id, dose] of firstDoses(protocol, context)) {
      const drug = context.drug(id)!;
      checkRenal(
        protocol,
        dose,
        drug.rules.filter((rule): rule is RenalRule => rule.kind === 'renal'),
        context,
      );
      checkWeight(
        protocol,
        dose,
        drug.rules.filter((rule): rule is WeightRule => rule.kind === 'weight'),
        context,
      );
    }
  },
};
