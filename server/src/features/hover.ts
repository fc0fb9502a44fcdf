/**
 * Hover: for a dose line, the drug's label and what the line implies (normalised dose, per
 * administration, per cycle, over the course, for the reference patient); for an analyte, its
 * units, the criterion's value in the other common units and the plausible range; for keywords
 * and enum values, their line of documentation.
 */

import type { Analyte } from '../knowledge/analytes';
import { DOSE_BASIS, type Drug } from '../knowledge/drugs';
import { findDrug } from '../knowledge/index';
import { findAnalyte } from '../knowledge/analytes';
import { formatNumber } from '../util/text';
import type * as S from '../model/schema';
import { criteriaOf, dosesOf } from '../model/walk';
import { convert, friendlyUnit } from '../model/units';
import type { Analysis } from '../analysis/analysis';
import { doseImplication } from '../summary/summary';
import type { Total } from '../model/amounts';
import { countText, scheduleOf } from '../model/schedule';
import { STOP_REASON } from '../language/enums';
import { nodePathAtOffset, type Node } from '../syntax/tree';
import type { Settings } from './legend';
import { wordDoc } from '../language/docs';

export interface HoverResult {
  readonly markdown: string;
  readonly offset: number;
  readonly length: number;
}

function drugSection(drug: Drug): string[] {
  const lines = [
    `**${drug.id}** — ${drug.class}; dosed ${DOSE_BASIS[drug.basis].words} (${DOSE_BASIS[drug.basis].unit}); ${drug.routes.join(', ') || 'route not given'}`,
  ];
  const names = [...drug.brands, ...drug.codes, ...drug.synonyms];
  if (names.length) lines.push('', `Also: ${names.join(', ')}`);
  if (drug.doses.length) {
    lines.push('', 'Labelled doses:');
    for (const dose of drug.doses) {
      const amount = dose.min === dose.max ? formatNumber(dose.min) : `${formatNumber(dose.min)}-${formatNumber(dose.max)}`;
      lines.push(`- ${amount} ${DOSE_BASIS[dose.basis ?? drug.basis].unit} ${dose.schedule} (${dose.indication}) — ${dose.source}`);
    }
  }
  for (const rule of drug.rules) {
    if (rule.kind === 'weight')
      lines.push('', `Weight: ${rule.doseBelow} mg below ${rule.thresholdKg} kg, ${rule.doseAtOrAbove} mg at or above (${rule.indication}) — ${rule.source}`);
    else lines.push('', `Renal: ${rule.text} — ${rule.source}`);
  }
  if (drug.gaps) lines.push('', `*Not in the table:* ${drug.gaps}`);
  lines.push('', `Source: ${drug.source}`);
  return lines;
}

function amount(value: { value: number; max?: number; unit: string } | undefined): string | undefined {
  return value && `${formatNumber(value.value)}${value.max === undefined ? '' : `-${formatNumber(value.max)}`} ${value.unit}`;
}

/** A total: `6000 mg/m2`, `up to 7000 mg`, `5600 to 5800 mg`. */
function totalText(total: Total): string {
  const unit = total.unit;
  if (total.kind === 'upTo') return `up to ${formatNumber(total.value)} ${unit}`;
  if (total.max !== undefined) return `${formatNumber(total.value)} to ${formatNumber(total.max)} ${unit}`;
  return `${formatNumber(total.value)} ${unit}`;
}

/** What this dose line implies: per administration, per cycle, per week and over the course; for the reference patient in mg. */
function doseSection(protocol: S.Protocol, dose: S.Dose, cycle: S.Cycle | undefined, settings: Settings): string[] {
  const patient = { bsa: settings.referenceBsa, weight: settings.referenceWeight, gfr: settings.referenceGfr };
  const implied = doseImplication(protocol, dose, patient);
  const lines: string[] = [];
  const normalized = dose.amount.form === 'quantity' ? dose.amount.normalized : undefined;
  const head = normalized && implied.written !== amount(normalized) ? `${implied.written} = **${amount(normalized)}**` : `**${implied.written}**`;
  const block = cycle ? scheduleOf(protocol).cycleOf(cycle) : undefined;
  const cycles = block?.cycles;
  const where = !cycle
    ? ''
    : cycles?.kind === 'exact'
      ? ` in a ${cycle.lengthDays}-day cycle x ${cycles.value}`
      : ` in ${cycle.lengthDays}-day cycles (${cycles ? countText(cycles) : 'number not stated'})`;
  lines.push(`This line: ${head} per administration${where}`);
  if (implied.administrationsPerCycle !== undefined) {
    const every = implied.everyCycles ? ` every ${implied.everyCycles} cycles` : '';
    lines.push(
      `- per cycle: ${implied.administrationsPerCycle} administration${implied.administrationsPerCycle === 1 ? '' : 's'}${implied.perCycle ? `, ${amount(implied.perCycle)}` : ''}${every}`,
    );
  }
  if (implied.cycles && !(implied.cycles.kind === 'exact' && cycles?.kind === 'exact' && implied.cycles.value === cycles.value))
    lines.push(`- cycles given: ${countText(implied.cycles)}`);
  const total = implied.administrations;
  const cumulative = implied.cumulative ? amount(implied.cumulative) : implied.cumulativeTotal ? totalText(implied.cumulativeTotal) : undefined;
  if (total.kind === 'open') {
    const why = implied.until?.length ? `until ${implied.until.map((reason) => STOP_REASON.label(reason)).join(' or ')}` : 'open-ended';
    lines.push(`- whole course: ${why} — no total; ${implied.perPeriod ?? '?'} per ${implied.periodDays ?? '?'} days`);
  } else if (total.kind === 'unknown') lines.push('- whole course: not stated, so no total');
  else lines.push(`- whole course: ${countText(total)} administrations${cumulative ? `, ${cumulative}` : ''}`);
  if (implied.perWeek) lines.push(`- dose intensity: ${amount(implied.perWeek)} per week`);
  if (implied.missing) lines.push(`- no amount: ${implied.missing}`);
  const reference = implied.reference;
  if (reference && (normalized?.basis !== 'flat' || dose.max)) {
    // Only the patient's figure the dose depends on: BSA, weight, or GFR for a dose by AUC.
    const basis = dose.amount.form === 'auc' ? 'auc' : normalized?.basis;
    const who = basis === 'auc' ? `GFR ${patient.gfr} mL/min` : basis === 'weight' ? `${patient.weight} kg` : `BSA ${patient.bsa} m2`;
    const parts = [`${amount(reference.perAdministration)} per administration${reference.capped ? ' (capped)' : ''}`];
    if (implied.administrationsPerCycle !== undefined)
      parts.push(
        `${amount({ ...reference.perAdministration, value: reference.perAdministration.value * implied.administrationsPerCycle, max: reference.perAdministration.max === undefined ? undefined : reference.perAdministration.max * implied.administrationsPerCycle })} per cycle`,
      );
    if (reference.cumulative) parts.push(`${totalText(reference.cumulative)} in total`);
    lines.push(`- reference patient (${who}): ${parts.join(', ')}`);
  } else if (dose.amount.form === 'auc') {
    lines.push('- the mg dose follows the Calvert formula only for carboplatin');
  }
  return lines;
}

function analyteSection(analyte: Analyte): string[] {
  const lines = [`**${analyte.id}** — ${analyte.name} (${analyte.kind})`];
  if (analyte.synonyms.length) lines.push('', `Also: ${analyte.synonyms.join(', ')}`);
  if (analyte.units.length)
    lines.push(
      '',
      `Units: ${analyte.units.map(friendlyUnit).join(', ')}${analyte.canonicalUnit ? `; normalised to ${friendlyUnit(analyte.canonicalUnit)}` : ''}`,
    );
  if (analyte.scale) lines.push('', `Scale: ${analyte.scale.join(', ')}`);
  if (analyte.plausible) {
    const p = analyte.plausible;
    lines.push('', `Plausible: ${formatNumber(p.min)}-${formatNumber(p.max)} ${friendlyUnit(p.unit)} — ${p.source}`);
  }
  if (analyte.normal) {
    const n = analyte.normal;
    const range =
      n.min !== undefined && n.max !== undefined
        ? `${formatNumber(n.min)}-${formatNumber(n.max)}`
        : n.min !== undefined
          ? `≥ ${formatNumber(n.min)}`
          : `≤ ${formatNumber(n.max!)}`;
    lines.push('', `Reference interval (adults): ${range} ${friendlyUnit(n.unit)} — ${n.source}`);
  }
  lines.push('', `Written as a multiple of ULN/LLN: ${analyte.ulnMultiples ? 'yes' : 'no'}`);
  if (analyte.gaps) lines.push('', `*Not in the table:* ${analyte.gaps}`);
  lines.push('', `Source: ${analyte.source}`);
  return lines;
}

function thresholdLine(criterion: Extract<S.Criterion, { kind: 'threshold' }>, analyte: Analyte): string | undefined {
  if (criterion.multipleOf || !criterion.ucum) return undefined;
  const seen = new Set<string>([criterion.ucum]);
  const conversions: string[] = [];
  for (const unit of [analyte.canonicalUnit, analyte.conventionalUnit, ...analyte.units]) {
    if (!unit || seen.has(unit) || conversions.length >= 2) continue;
    seen.add(unit);
    const value = convert(criterion.value, criterion.ucum, unit, analyte.molarMass);
    if (value !== undefined) conversions.push(`${formatNumber(value)} ${friendlyUnit(unit)}`);
  }
  const written = `${criterion.comparator} ${criterion.valueText} ${criterion.unit}`;
  return conversions.length ? `This criterion: ${written} = ${conversions.join(' = ')}` : `This criterion: ${written}`;
}

function at(node: Node, markdown: string[]): HoverResult {
  return { markdown: markdown.join('\n'), offset: node.offset, length: node.length };
}

/** The hover at `offset`, or undefined where there is nothing to say. */
export function hover(analysis: Analysis, offset: number, settings: Settings): HoverResult | undefined {
  const path = nodePathAtOffset(analysis.parse.tree, offset);
  const leaf = path[path.length - 1];
  const parent = path[path.length - 2];
  const doseNode = path.find((node) => node.kind === 'Dose');
  if (doseNode && doseNode.kind === 'Dose' && (leaf === doseNode.drug || path.some((node) => node.kind === 'Amount'))) {
    const drug = findDrug(doseNode.drug.text);
    const found = [...dosesOf(analysis.protocol)].find((at) => at.dose.span.offset === doseNode.offset);
    const lines = [
      ...(found ? doseSection(analysis.protocol, found.dose, found.cycle, settings) : []),
      ...(drug ? ['', ...drugSection(drug)] : ['', `*${doseNode.drug.text}* is not in the drug table.`]),
    ];
    return at(doseNode, lines);
  }
  if (leaf.kind === 'Name' && parent && (parent.kind === 'Drug' || parent.kind === 'Prior') && (parent.kind === 'Prior' || parent.id === leaf)) {
    const drug = findDrug(leaf.text);
    if (drug) return at(leaf, drugSection(drug));
  }
  const criterionNode = path.find((node) => node.kind === 'Threshold' || node.kind === 'Score');
  if (criterionNode && (criterionNode.kind === 'Threshold' || criterionNode.kind === 'Score')) {
    const analyte = findAnalyte(criterionNode.analyte.text);
    if (analyte && leaf.kind !== 'Str') {
      const criterion = [...criteriaOf(analysis.protocol.eligibility)].find((at) => at.criterion.span.offset === criterionNode.offset)?.criterion;
      const line = criterion?.kind === 'threshold' ? thresholdLine(criterion, analyte) : undefined;
      return at(criterionNode, [...(line ? [line, ''] : []), ...analyteSection(analyte)]);
    }
  }
  if (leaf.kind === 'Name') {
    const doc = wordDoc(leaf.text);
    if (doc) return at(leaf, [`**${leaf.text}** — ${doc}`]);
  }
  return undefined;
}
