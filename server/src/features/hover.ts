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

/** The model dose written at this tree node, with its cycle. */
function amount(value: { value: number; unit: string } | undefined): string | undefined {
  return value && `${formatNumber(value.value)} ${value.unit}`;
}

function doseSection(dose: S.Dose, cycle: S.Cycle | undefined, settings: Settings): string[] {
  const implied = doseImplication(dose, cycle);
  const lines: string[] = [];
  const normalized = dose.amount.form === 'unstated' ? undefined : dose.amount.normalized;
  const head = normalized && implied.written !== amount(normalized) ? `${implied.written} = **${amount(normalized)}**` : `**${implied.written}**`;
  lines.push(`This line: ${head} per administration${cycle ? ` in a ${cycle.lengthDays}-day cycle${cycle.count ? ` x ${cycle.count}` : ''}` : ''}`);
  if (implied.administrationsPerCycle !== undefined)
    lines.push(`- per cycle: ${implied.administrationsPerCycle} administrations${implied.perCycle ? `, ${amount(implied.perCycle)}` : ''}`);
  if (implied.totalAdministrations !== undefined)
    lines.push(`- whole course: ${implied.totalAdministrations} administrations${implied.cumulative ? `, ${amount(implied.cumulative)}` : ''}`);
  if (normalized && normalized.basis !== 'auc') {
    const factor = normalized.basis === 'bsa' ? settings.referenceBsa : normalized.basis === 'weight' ? settings.referenceWeight : 1;
    const patient =
      normalized.basis === 'bsa' ? `BSA ${settings.referenceBsa} m2` : normalized.basis === 'weight' ? `${settings.referenceWeight} kg` : undefined;
    if (patient) {
      const unit = normalized.unit.startsWith('IU') ? 'IU' : 'mg';
      const parts = [`${formatNumber(normalized.value * factor)} ${unit} per administration`];
      if (implied.perCycle) parts.push(`${formatNumber(implied.perCycle.value * factor)} ${unit} per cycle`);
      if (implied.cumulative) parts.push(`${formatNumber(implied.cumulative.value * factor)} ${unit} in total`);
      lines.push(`- reference patient (${patient}): ${parts.join(', ')}`);
    }
  } else if (normalized?.basis === 'auc') {
    lines.push('- the mg dose depends on the patient’s GFR (Calvert formula)');
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
      ...(found ? doseSection(found.dose, found.cycle, settings) : []),
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
