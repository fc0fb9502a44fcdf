/**
 * The summary as Markdown: readable in a terminal as it is, and rendered anywhere Markdown is.
 */

import { ARM_TYPE, INVESTIGATOR_ROLE, STATUS, STOP_REASON } from '../language/enums';
import { doseLineParts } from '../model/print';
import { countText } from '../model/schedule';
import { cycleEntries } from '../model/walk';
import { formatNumber } from '../util/text';
import { clausesText } from './criterion-text';
import { eligibilityFacts, organizationText, trialFacts, type Fact } from './facts';
import type { DoseImplication, SummaryCriterion as Criterion, SummaryDose, SummaryStep, TrialSummary } from './summary';

/** An enum value for readers: `active_not_recruiting` as `active not recruiting`. */
export function words(value: string | undefined): string {
  return value === undefined ? '' : value.replace(/_/g, ' ');
}

/** One line per fact, `- **label:** value`. */
function factLines(facts: readonly Fact[]): string[] {
  return facts.map((fact) => `- **${fact.label}:** ${fact.value}`);
}

/** Escapes the characters that would break a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A dose line as written, its normalised amount, and what it implies: `gemcitabine 1 g/m2 (= 1000 mg/m2) days 1, 8 — 2 per cycle, …`. */
export function describeDose(dose: SummaryDose): string {
  const { drug, amount, rest } = doseLineParts(dose);
  const parts = [drug, amount];
  if (dose.amount.form === 'quantity' && dose.amount.normalized) {
    // A range normalises as a range: 1-1.25 g/m2 is 1000-1250 mg/m2, never just its lower end.
    const normalized = quantityText({ value: dose.amount.normalized.value, max: dose.amount.normalizedMax?.value, unit: dose.amount.normalized.unit });
    if (normalized !== dose.implied.written) parts.push(`(= ${normalized})`);
  }
  if (rest) parts.push(rest);
  return parts.join(' ') + implication(dose.implied);
}

/** An amount or a range of amounts: `85 mg/m2`, `5600-5800 mg`. */
function quantityText(quantity: { value: number; max?: number; unit: string }): string {
  return `${formatNumber(quantity.value)}${quantity.max === undefined ? '' : `-${formatNumber(quantity.max)}`} ${quantity.unit}`;
}

/** What a dose line implies, after a dash: counts per cycle and over the course, amounts, or why there is no total. */
export function implication(implied: DoseImplication): string {
  const bits: string[] = [];
  if (implied.administrationsPerCycle !== undefined)
    bits.push(`${implied.administrationsPerCycle} per cycle${implied.everyCycles ? ` every ${implied.everyCycles} cycles` : ''}`);
  const total = implied.administrations;
  switch (total.kind) {
    case 'exact':
    case 'range':
    case 'upTo':
      bits.push(`${countText(total)} in total`);
      break;
    case 'open':
      bits.push(`open-ended${implied.until?.length ? ` (until ${implied.until.map((reason) => STOP_REASON.label(reason)).join(' or ')})` : ''}`);
      break;
    case 'unknown':
      if (implied.administrationsPerCycle === undefined) bits.push('total not stated');
      break;
  }
  // An open course outside cycles: what one period of its pattern gives (q3w: 1 every 21 days).
  if (total.kind === 'open' && implied.administrationsPerCycle === undefined && implied.perPeriod !== undefined && implied.periodDays !== undefined)
    bits.push(implied.periodDays === 1 ? `${implied.perPeriod} a day` : `${implied.perPeriod} every ${implied.periodDays} days`);
  if (implied.perCycle) bits.push(`${quantityText(implied.perCycle)} per cycle`);
  if (implied.perWeek) bits.push(`${quantityText(implied.perWeek)} a week`);
  if (implied.cumulative) bits.push(`${quantityText(implied.cumulative)} cumulative`);
  else if (implied.cumulativeTotal) {
    const t = implied.cumulativeTotal;
    bits.push(t.kind === 'upTo' ? `up to ${formatNumber(t.value)} ${t.unit} cumulative` : `${quantityText(t)} cumulative`);
  }
  if (implied.reference && implied.written.startsWith('AUC')) {
    bits.push(`${quantityText(implied.reference.perAdministration)} each for a GFR of ${implied.reference.patient.gfr} mL/min (Calvert)`);
  } else if (implied.reference?.capped) {
    bits.push(`${quantityText(implied.reference.perAdministration)} each after the cap, for a BSA of ${implied.reference.patient.bsa} m2`);
  }
  return bits.length ? ` — ${bits.join(', ')}` : '';
}

/** `1, 8`, `1-14`. */
export function compactDays(days: readonly number[]): string {
  const parts: string[] = [];
  let start = days[0];
  let previous = days[0];
  for (const day of [...days.slice(1), Number.NaN]) {
    if (day === previous + 1) {
      previous = day;
      continue;
    }
    parts.push(start === previous ? String(start) : `${start}-${previous}`);
    start = day;
    previous = day;
  }
  return parts.join(', ');
}

/** A cycle's doses, those of each choice grouped under it as options. */
function cycleDoseLines(step: Extract<SummaryStep, { kind: 'cycle' }>, indent: string): string[] {
  return cycleEntries(step).flatMap((entry) =>
    entry.kind === 'dose'
      ? [`${indent}- ${describeDose(entry.dose)}`]
      : [
          `${indent}- One of${entry.label ? ` (${entry.label})` : ''}:`,
          ...entry.options.flatMap((option) => [`${indent}  - ${option.label}:`, ...option.doses.map((dose) => `${indent}    - ${describeDose(dose)}`)]),
        ],
  );
}

/** A cycle block's header: `Cycle of 21 days x 3`, `Cycle of 21 days until disease progression, up to 35 cycles`. */
export function cycleHeader(step: Extract<SummaryStep, { kind: 'cycle' }>): string {
  const ends: string[] = [];
  if (step.count !== undefined) ends.push(`x ${step.count}`);
  if (step.duration) ends.push(`for ${formatNumber(step.duration.value)} ${step.duration.unit}`);
  if (step.until?.length) ends.push(`until ${step.until.map((reason) => STOP_REASON.label(reason)).join(' or ')}`);
  if (step.upTo) ends.push(`up to ${formatNumber(step.upTo.value)} ${step.upTo.unit}`);
  // The number of cycles, where the header gives it only as a time (`for 6 months`, `up to 2 years`).
  const inTime = (length: { unit: string } | undefined) => length !== undefined && length.unit !== 'cycles';
  const count = inTime(step.duration) || inTime(step.upTo) ? ` (${countText(step.cycles)} cycles)` : '';
  return `Cycle of ${step.lengthText}${ends.length ? ` ${ends.join(', ')}` : ''}${count}`;
}

function stepLines(step: SummaryStep, indent: string): string[] {
  switch (step.kind) {
    case 'cycle':
      return [`${indent}- ${cycleHeader(step)}:`, ...cycleDoseLines(step, `${indent}  `)];
    case 'surgery':
      return [`${indent}- Surgery${step.note ? `: ${step.note}` : ''}`];
    case 'dose':
      return [`${indent}- ${describeDose(step.dose)}`];
    case 'choice':
      return [
        `${indent}- One of${step.label ? ` (${step.label})` : ''}:`,
        ...step.options.flatMap((option) => [`${indent}  - ${option.label}:`, ...option.steps.flatMap((inner) => stepLines(inner, `${indent}    `))]),
      ];
  }
}

export function describeCriterion(criterion: Criterion): string {
  const note = criterion.note ? ` (${criterion.note})` : '';
  switch (criterion.kind) {
    case 'text':
      return `${criterion.text}${clausesText(criterion)} *(free text)*`;
    case 'threshold': {
      let value = `${criterion.valueText}`;
      if (criterion.multipleOf) value += ` x ${criterion.multipleOf}`;
      else if (criterion.unit) value += ` ${criterion.unit}`;
      else if (!criterion.normalized) value += ' (no unit stated)';
      const normalized =
        criterion.normalized &&
        criterion.unit &&
        !criterion.multipleOf &&
        (criterion.normalized.unit !== criterion.ucum || String(criterion.normalized.value) !== criterion.valueText)
          ? ` [= ${formatNumber(criterion.normalized.value)} ${criterion.normalized.unit}]`
          : '';
      return `${criterion.analyte} ${criterion.comparator} ${value}${normalized}${clausesText(criterion)}${note}`;
    }
    case 'score':
      return `${criterion.analyte} ${criterion.from}${criterion.to !== undefined ? `-${criterion.to}` : ''}${note}`;
    case 'prior':
      return `prior ${criterion.items.map((item) => (item.isDrug ? item.name : `"${item.name}"`)).join(', ')}${clausesText(criterion)}${note}`;
    case 'group':
      return `${criterion.mode === 'any' ? 'any of' : 'all of'}${criterion.label ? ` "${criterion.label}"` : ''}${note}`;
  }
}

function criterionLines(criterion: Criterion, indent: string): string[] {
  const lines = [`${indent}- ${describeCriterion(criterion)}`];
  if (criterion.kind === 'group') for (const child of criterion.criteria) lines.push(...criterionLines(child, `${indent}  `));
  return lines;
}

/** Renders the summary as Markdown. */
export function renderMarkdown(summary: TrialSummary): string {
  const out: string[] = [];
  const trial = summary.trial;
  out.push(`# ${trial?.nctId ?? 'Trial'}${trial?.title ? `: ${trial.title}` : ''}`, '');
  if (trial) {
    out.push(...factLines(trialFacts(trial)));
    if (trial.summary) out.push('', '## Summary', '', trial.summary);
    if (trial.description) out.push('', '## Description', '', trial.description);
    if (trial.collaborators.length) out.push('', '## Collaborators', '', ...trial.collaborators.map((c) => `- ${organizationText(c)}`));
    if (trial.investigators.length)
      out.push(
        '',
        '## Investigators',
        '',
        ...trial.investigators.map((i) => `- ${i.name}, ${INVESTIGATOR_ROLE.label(i.role)}${i.affiliation ? `, ${i.affiliation}` : ''}`),
      );
    if (trial.sites.length)
      out.push(
        '',
        '## Sites',
        '',
        ...trial.sites.map(
          (s) => `- ${[s.facility, s.city, s.state, s.zip, s.country].filter(Boolean).join(', ')}${s.status ? ` (${STATUS.label(s.status)})` : ''}`,
        ),
      );
    if (trial.references.length)
      out.push('', '## References', '', ...trial.references.map((r) => `- [${r.type}]${r.pmid ? ` PMID ${r.pmid}` : ''} ${r.citation}`));
  }
  if (summary.drugs.length) {
    out.push(
      '',
      '## Drugs',
      '',
      ...summary.drugs.map(
        (d) =>
          `- ${d.id}${d.label ? ` ("${d.label}")` : ''}${d.route ? ` ${d.route}` : ''}${d.aka.length ? `, also ${d.aka.join(', ')}` : ''}${d.note ? ` — ${d.note}` : ''}`,
      ),
    );
  }
  if (summary.interventions.length) {
    out.push('', '## Interventions', '', ...summary.interventions.map((i) => `- ${i.name} (${i.type})${i.description ? `: ${i.description}` : ''}`));
  }
  if (summary.arms.length) {
    out.push('', '## Arms', '', '| arm | type | interventions | drugs |', '|---|---|---|---|');
    for (const arm of summary.arms)
      out.push(`| ${cell(arm.label)} | ${ARM_TYPE.label(arm.type) ?? ''} | ${cell(arm.interventions.join(', '))} | ${cell(arm.drugs.join(', '))} |`);
    for (const arm of summary.arms) {
      out.push('', `### ${arm.label} (${arm.id})`, '');
      if (arm.description) out.push(arm.description, '');
      for (const phase of arm.phases) {
        const indent = phase.name ? '  ' : '';
        if (phase.name) out.push(`- ${phase.name[0].toUpperCase()}${phase.name.slice(1)}:`);
        for (const step of phase.steps) out.push(...stepLines(step, indent));
      }
    }
  }
  const eligibility = summary.eligibility;
  if (eligibility) {
    out.push('', '## Eligibility', '');
    out.push(...factLines(eligibilityFacts(eligibility)));
    out.push('', '### Inclusion', '', ...eligibility.inclusion.flatMap((c) => criterionLines(c, '')));
    out.push('', '### Exclusion', '', ...eligibility.exclusion.flatMap((c) => criterionLines(c, '')));
  }
  if (summary.outcomes.length) {
    out.push('', '## Outcomes', '');
    for (const outcome of summary.outcomes) {
      out.push(
        `- ${outcome.kind ? `[${outcome.kind}] ` : ''}${outcome.measure}${outcome.timeFrame ? ` (time frame: ${outcome.timeFrame})` : ''}${outcome.description ? `: ${outcome.description}` : ''}`,
      );
    }
  }
  return out.join('\n') + '\n';
}
