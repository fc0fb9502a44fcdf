/**
 * Hover, what matters first: for a dose line, what the line implies (normalised dose, per cycle,
 * over the course, its intensity per week, for the reference patient), then the drug in one
 * line; for a criterion, its limit in the other unit system, then the analyte in one line. The
 * drug's labelled doses, its rules, the analyte's ranges and every citation come below a rule.
 * For keywords and enum values, their line of documentation.
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
import { typoBound } from '../analysis/checks/doses';
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

/** Separates what a reader needs at a glance from the lists and citations below it. */
const DETAILS_RULE = ['', '---', ''];

/** The drug in one line: class, dose basis, routes. */
function drugHeadline(drug: Drug): string {
  return `**${drug.id}** — ${drug.class}; dosed ${DOSE_BASIS[drug.basis].words} (${DOSE_BASIS[drug.basis].unit}); ${drug.routes.join(', ') || 'route not given'}`;
}

/** The drug's other names, labelled doses, rules and sources. */
function drugDetails(drug: Drug): string[] {
  const lines: string[] = [];
  const names = [...drug.brands, ...drug.codes, ...drug.synonyms];
  if (names.length) lines.push(`Also: ${names.join(', ')}`);
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
  const bound = typoBound(drug);
  if (bound) lines.push('', `Typo guard: above ${formatNumber(bound.value)} ${DOSE_BASIS[drug.basis].unit} per administration — ${bound.source}`);
  if (drug.gaps) lines.push('', `*Not in the table:* ${drug.gaps}`);
  lines.push('', `Source: ${drug.source}`);
  // The first paragraph must not start with a blank line.
  while (lines[0] === '') lines.shift();
  return lines;
}

function drugSection(drug: Drug): string[] {
  return [drugHeadline(drug), ...DETAILS_RULE, ...drugDetails(drug)];
}

/** Three significant digits: a converted limit is shown as a reading, with ≈ when it was rounded. */
function approximately(value: number): string {
  return formatNumber(Number(value.toPrecision(3)));
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
  const headline = [`**${analyte.id}** — ${analyte.name} (${analyte.kind})`];
  if (analyte.units.length)
    headline.push(
      '',
      `Units: ${analyte.units.map(friendlyUnit).join(', ')}${analyte.canonicalUnit ? `; normalised to ${friendlyUnit(analyte.canonicalUnit)}` : ''}`,
    );
  const details: string[] = [];
  if (analyte.synonyms.length) details.push(`Also: ${analyte.synonyms.join(', ')}`);
  if (analyte.scale) details.push(`Scale: ${analyte.scale.join(', ')}`);
  if (analyte.plausible) {
    const p = analyte.plausible;
    details.push(`Plausible: ${formatNumber(p.min)}-${formatNumber(p.max)} ${friendlyUnit(p.unit)} — ${p.source}`);
  }
  if (analyte.normal) {
    const n = analyte.normal;
    const range =
      n.min !== undefined && n.max !== undefined
        ? `${formatNumber(n.min)}-${formatNumber(n.max)}`
        : n.min !== undefined
          ? `≥ ${formatNumber(n.min)}`
          : `≤ ${formatNumber(n.max!)}`;
    details.push(`Reference interval (adults): ${range} ${friendlyUnit(n.unit)} — ${n.source}`);
  }
  details.push(`Written as a multiple of ULN/LLN: ${analyte.ulnMultiples ? 'yes' : 'no'}`);
  if (analyte.gaps) details.push(`*Not in the table:* ${analyte.gaps}`);
  details.push(`Source: ${analyte.source}`);
  return [...headline, ...DETAILS_RULE, ...details.flatMap((paragraph, i) => (i ? ['', paragraph] : [paragraph]))];
}

function thresholdLine(criterion: Extract<S.Criterion, { kind: 'threshold' }>, analyte: Analyte): string | undefined {
  if (criterion.multipleOf || !criterion.ucum) return undefined;
  // The limit in the other unit system (SI and conventional); other units only when the analyte has neither.
  const seen = new Set<string>([criterion.ucum]);
  const systems = [analyte.canonicalUnit, analyte.conventionalUnit].filter((unit): unit is string => unit !== undefined);
  const conversions: string[] = [];
  for (const unit of systems.length > 1 ? systems : [...systems, ...analyte.units]) {
    if (seen.has(unit) || conversions.length >= 2) continue;
    seen.add(unit);
    const value = convert(criterion.value, criterion.ucum, unit, analyte.molarMass);
    // A rounded value says so: a limit shown as equal must be equal.
    if (value !== undefined) conversions.push(`${approximately(value) === formatNumber(value) ? '=' : '≈'} ${approximately(value)} ${friendlyUnit(unit)}`);
  }
  const written = `${criterion.comparator} ${criterion.valueText} ${criterion.unit}`;
  return `This criterion: ${[written, ...conversions].join(' ')}`;
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
      ...(drug ? ['', drugHeadline(drug), ...DETAILS_RULE, ...drugDetails(drug)] : ['', `*${doseNode.drug.text}* is not in the drug table.`]),
    ];
    // A hover on a line that could not be read as a dose starts with the drug.
    while (lines[0] === '') lines.shift();
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
