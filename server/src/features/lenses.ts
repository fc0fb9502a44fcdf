/**
 * Code lenses: a line of counts and totals above each arm and each cycle, read from what the
 * summary says the schedule implies, and a "Preview" lens above each arm that the client turns
 * into a command (the language server knows no client command; see server.ts).
 */

import type { Analysis } from '../analysis/analysis';
import type * as S from '../model/schema';
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

function amount(value: { readonly value: number; readonly unit: string }): string {
  return `${formatNumber(value.value)} ${value.unit}`;
}

/** `3 x 21 days = 63 days · oxaliplatin 255 mg/m2, gemcitabine 6000 mg/m2 in total`. */
function cycleTitle(cycle: S.Cycle): string {
  const length = cycle.count
    ? `${cycle.count} x ${cycle.lengthText} = ${plural(cycle.count * cycle.lengthDays, 'day')}`
    : `${cycle.lengthText}, count not given`;
  const totals: string[] = [];
  for (const dose of cycle.doses) {
    const implied = doseImplication(dose, cycle);
    const total = implied.cumulative ?? implied.perCycle;
    if (total) totals.push(`${dose.drug} ${amount(total)}`);
  }
  if (totals.length === 0) return length;
  return `${length} · ${totals.join(', ')} ${cycle.count ? 'in total' : 'per cycle'}`;
}

/** `5 drugs · 11 cycles · 254 administrations`; an administration count the source leaves open is said so. */
function armTitle(arm: S.Arm): string {
  const drugs = new Set<string>();
  let cycles = 0;
  let cyclesUncounted = false;
  let administrations = 0;
  let administrationsOpen = false;
  const add = (dose: S.Dose, cycle?: S.Cycle) => {
    drugs.add(dose.drug);
    const total = doseImplication(dose, cycle).totalAdministrations;
    if (total === undefined) administrationsOpen = true;
    else administrations += total;
  };
  for (const phase of arm.phases) {
    for (const step of phase.steps) {
      if (step.kind === 'cycle') {
        if (step.count === undefined) cyclesUncounted = true;
        else cycles += step.count;
        for (const dose of step.doses) add(dose, step);
      } else if (step.kind === 'dose') {
        add(step.dose);
      }
    }
  }
  const parts = [plural(drugs.size, 'drug')];
  if (cycles > 0 || cyclesUncounted) parts.push(cyclesUncounted ? `${cycles > 0 ? `${cycles}+` : 'uncounted'} cycles` : plural(cycles, 'cycle'));
  if (administrations > 0 || administrationsOpen)
    parts.push(
      administrationsOpen ? `${administrations > 0 ? `at least ${administrations}` : 'uncounted'} administrations` : plural(administrations, 'administration'),
    );
  return parts.join(' · ');
}

/** The lenses of a document: above each arm its counts and "Preview", above each cycle its length and totals. */
export function codeLenses(analysis: Analysis): CodeLensEntry[] {
  const lenses: CodeLensEntry[] = [];
  for (const arm of analysis.protocol.arms) {
    lenses.push({ offset: arm.span.offset, length: 0, title: armTitle(arm) });
    lenses.push({ offset: arm.span.offset, length: 0, title: 'Preview', action: 'preview' });
    for (const phase of arm.phases) {
      for (const step of phase.steps) {
        if (step.kind === 'cycle') lenses.push({ offset: step.span.offset, length: 0, title: cycleTitle(step) });
      }
    }
  }
  return lenses;
}
