/**
 * The summary as Markdown: readable in a terminal as it is, and rendered anywhere Markdown is.
 */

import { ARM_TYPE, INVESTIGATOR_ROLE, STATUS } from '../language/enums';
import { formatNumber } from '../util/text';
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

export function describeDose(dose: SummaryDose): string {
  const parts = [dose.drug, dose.implied.written];
  if (
    dose.amount.form === 'quantity' &&
    dose.amount.normalized &&
    `${formatNumber(dose.amount.normalized.value)} ${dose.amount.normalized.unit}` !== dose.implied.written
  ) {
    parts.push(`(= ${formatNumber(dose.amount.normalized.value)} ${dose.amount.normalized.unit})`);
  }
  if (dose.route) parts.push(dose.route);
  if (dose.frequency) parts.push(dose.frequency.text);
  if (dose.days) parts.push(`${dose.days.length === 1 ? 'day' : 'days'} ${compactDays(dose.days)}`);
  if (dose.duration) parts.push(`for ${formatNumber(dose.duration.value)} ${dose.duration.unit}`);
  if (dose.count) parts.push(`x ${dose.count}`);
  for (const note of dose.notes) parts.push(`"${note}"`);
  return parts.join(' ') + implication(dose.implied);
}

function implication(implied: DoseImplication): string {
  const bits: string[] = [];
  if (implied.administrationsPerCycle !== undefined) bits.push(`${implied.administrationsPerCycle} per cycle`);
  if (implied.totalAdministrations !== undefined) bits.push(`${implied.totalAdministrations} in total`);
  if (implied.perCycle) bits.push(`${formatNumber(implied.perCycle.value)} ${implied.perCycle.unit} per cycle`);
  if (implied.cumulative) bits.push(`${formatNumber(implied.cumulative.value)} ${implied.cumulative.unit} cumulative`);
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

function stepLines(step: SummaryStep, indent: string): string[] {
  switch (step.kind) {
    case 'cycle': {
      const header = `${indent}- Cycle of ${step.lengthText}${step.count ? ` x ${step.count}` : ''}:`;
      return [header, ...step.doses.map((dose) => `${indent}  - ${describeDose(dose)}`)];
    }
    case 'surgery':
      return [`${indent}- Surgery${step.note ? `: ${step.note}` : ''}`];
    case 'dose':
      return [`${indent}- ${describeDose(step.dose)}`];
  }
}

export function describeCriterion(criterion: Criterion): string {
  const note = criterion.note ? ` (${criterion.note})` : '';
  switch (criterion.kind) {
    case 'text':
      return `${criterion.text} *(free text)*`;
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
      return `${criterion.analyte} ${criterion.comparator} ${value}${normalized}${note}`;
    }
    case 'score':
      return `${criterion.analyte} ${criterion.from}${criterion.to !== undefined ? `-${criterion.to}` : ''}${note}`;
    case 'prior':
      return `prior ${criterion.items.map((item) => (item.isDrug ? item.name : `"${item.name}"`)).join(', ')}${note}`;
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
