/**
 * Code lenses: a line of counts and totals above each arm and each cycle, read from what the
 * schedule engine and the summary say the regimen implies (never a count the engine leaves open),
 * and a "Preview" lens above each arm that the client turns into a command (the language server
 * knows no client command; see server.ts).
 */

import type { Analysis } from '../analysis/analysis';
import type { Total } from '../model/amounts';
import { countText, scheduleOf, type Count, type ProtocolSchedule } from '../model/schedule';
import type * as S from '../model/schema';
import { cyclesOf, dosesOf } from '../model/walk';
import { doseImplication } from '../summary/summary';
import { formatNumber } from '../util/text';

export interface CodeLensEntry {
  /** Where the lens stands: the start of the arm or cycle it is about. */
  readonly offset: number;
  readonly length: number;
  readonly title: string;
  /** `preview` for the lens that opens the preview at this place; absent for a lens that only informs. */
  readonly action?: 'preview';
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function quantity(value: { readonly value: number; readonly max?: number; readonly unit: string }): string {
  return `${formatNumber(value.value)}${value.max === undefined ? '' : `-${formatNumber(value.max)}`} ${value.unit}`;
}

function total(value: Total): string {
  if (value.kind === 'upTo') return `up to ${formatNumber(value.value)} ${value.unit}`;
  return value.max === undefined ? `${formatNumber(value.value)} ${value.unit}` : `${formatNumber(value.value)} to ${formatNumber(value.max)} ${value.unit}`;
}

/** `3 x 21 days = 63 days`, `up to 35 x 21 days`, `21 days, open-ended`, `21 days, count not given`. */
function cyclesText(cycle: S.Cycle, cycles: Count | undefined): string {
  switch (cycles?.kind) {
    case 'exact':
      return `${cycles.value} x ${cycle.lengthText} = ${plural(cycles.value * cycle.lengthDays, 'day')}`;
    case 'range':
    case 'upTo':
      return `${countText(cycles)} x ${cycle.lengthText}`;
    case 'open':
      return `${cycle.lengthText}, open-ended`;
    default:
      return `${cycle.lengthText}, count not given`;
  }
}

/** `3 x 21 days = 63 days · oxaliplatin 255 mg/m2, gemcitabine 6000 mg/m2 in total`. */
function cycleTitle(protocol: S.Protocol, schedule: ProtocolSchedule, cycle: S.Cycle): string {
  const items: { text: string; whole: boolean }[] = [];
  for (const dose of cycle.doses) {
    const implied = doseImplication(protocol, dose);
    if (implied.cumulative) items.push({ text: `${dose.drug} ${quantity(implied.cumulative)}`, whole: true });
    else if (implied.cumulativeTotal) items.push({ text: `${dose.drug} ${total(implied.cumulativeTotal)}`, whole: true });
    else if (implied.perCycle) items.push({ text: `${dose.drug} ${quantity(implied.perCycle)} per cycle`, whole: false });
  }
  const length = cyclesText(cycle, schedule.cycleOf(cycle)?.cycles);
  if (items.length === 0) return length;
  // Totals read as one list ("… in total"); a line without a total says what it has, per cycle.
  const allTotals = items.every((item) => item.whole);
  const list = items.map((item) => item.text).join(', ');
  return `${length} · ${allTotals ? `${list} in total` : list}`;
}

/** Adds counts that may not be exact: the sum is exact only while every part is. */
function addCounts(counts: readonly Count[]): { value: number; exact: boolean } {
  let value = 0;
  let exact = true;
  for (const count of counts) {
    if (count.kind === 'exact') value += count.value;
    else exact = false;
  }
  return { value, exact };
}

function countWords(sum: { value: number; exact: boolean }, word: string): string {
  if (sum.exact) return plural(sum.value, word);
  return sum.value > 0 ? `at least ${sum.value} ${word}s` : `${word}s not counted`;
}

/**
 * `5 drugs · 11 cycles · 299 administrations`. Counted over what every patient of the arm gets;
 * alternatives (one of…) are said to be there, not added up.
 */
function armTitle(protocol: S.Protocol, schedule: ProtocolSchedule, arm: S.Arm): string {
  const drugs = new Set<string>();
  const administrations: Count[] = [];
  let alternatives = false;
  // This arm's doses only: walking the protocol's for every arm made the lenses arms x doses.
  for (const at of dosesOf({ ...protocol, arms: [arm] })) {
    drugs.add(at.dose.drug);
    if (at.options.length > 0) alternatives = true;
    else administrations.push(doseImplication(protocol, at.dose).administrations);
  }
  const cycles: Count[] = [];
  for (const phase of arm.phases) {
    for (const step of phase.steps) if (step.kind === 'cycle') cycles.push(schedule.cycleOf(step)?.cycles ?? { kind: 'unknown' });
    if (phase.steps.some((step) => step.kind === 'choice')) alternatives = true;
  }
  const parts = [plural(drugs.size, 'drug')];
  if (cycles.length > 0) parts.push(countWords(addCounts(cycles), 'cycle'));
  if (administrations.length > 0) parts.push(countWords(addCounts(administrations), 'administration'));
  if (alternatives) parts.push('with alternatives');
  return parts.join(' · ');
}

/** The lenses of a document: above each arm its counts and "Preview", above each cycle its length and totals. */
export function codeLenses(analysis: Analysis): CodeLensEntry[] {
  const protocol = analysis.protocol;
  const schedule = scheduleOf(protocol);
  const lenses: CodeLensEntry[] = [];
  for (const arm of protocol.arms) {
    lenses.push({ offset: arm.span.offset, length: 0, title: armTitle(protocol, schedule, arm) });
    lenses.push({ offset: arm.span.offset, length: 0, title: 'Preview', action: 'preview' });
    for (const phase of arm.phases) {
      for (const cycle of cyclesOf(phase.steps)) lenses.push({ offset: cycle.span.offset, length: 0, title: cycleTitle(protocol, schedule, cycle) });
    }
  }
  return lenses.sort((a, b) => a.offset - b.offset);
}
