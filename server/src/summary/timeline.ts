/**
 * The dosing timeline of an arm on absolute days: phases in order; within a phase, cycles one
 * after another, and courses written beside them (`lenvatinib 8 mg daily for 9 weeks`,
 * `toripalimab 240 mg q3w x 3`) starting with the phase; surgery as a marker between phases.
 * Day 1 is the first day of the arm's first phase. Every item keeps the source offset of the line
 * it comes from, so the preview can reveal it in the editor.
 */

import type * as S from '../model/schema';

export interface TimelineMark {
  readonly day: number;
  /** Administrations that day (bid is 2). */
  readonly perDay: number;
  readonly offset: number;
}

export interface TimelineBar {
  readonly start: number;
  readonly end: number;
  readonly offset: number;
}

export interface TimelineRow {
  readonly drug: string;
  readonly marks: TimelineMark[];
  readonly bars: TimelineBar[];
}

export interface ArmTimeline {
  readonly armId: string;
  readonly label: string;
  /** The last day drawn. */
  readonly totalDays: number;
  readonly phases: { readonly name: string; readonly start: number; readonly end: number }[];
  readonly cycles: { readonly start: number; readonly end: number; readonly number: number; readonly offset: number }[];
  readonly rows: TimelineRow[];
  readonly surgeries: { readonly day: number; readonly note?: string; readonly offset: number }[];
  /** Lines the timeline cannot place (a dose with no schedule), for the reader. */
  readonly unplaced: { readonly drug: string; readonly offset: number }[];
}

/** Keeps a drawing finite whatever the source says: ten years of days at most. */
const MAX_DAYS = 3660;

/** Lays out one arm. */
export function armTimeline(arm: S.Arm): ArmTimeline {
  const rows = new Map<string, { drug: string; marks: TimelineMark[]; bars: TimelineBar[] }>();
  const row = (drug: string) => {
    let found = rows.get(drug);
    if (!found) rows.set(drug, (found = { drug, marks: [], bars: [] }));
    return found;
  };
  const phases: { name: string; start: number; end: number }[] = [];
  const cycles: ArmTimeline['cycles'] = [];
  const surgeries: ArmTimeline['surgeries'] = [];
  const unplaced: ArmTimeline['unplaced'] = [];
  let day = 1;

  for (const phase of arm.phases) {
    const phaseStart = day;
    let phaseEnd = day - 1;
    for (const step of phase.steps) {
      if (step.kind === 'surgery') {
        surgeries.push({ day, note: step.note, offset: step.span.offset });
        phaseEnd = Math.max(phaseEnd, day);
        day += 1;
        continue;
      }
      if (step.kind === 'cycle') {
        const count = Math.min(step.count ?? 1, Math.ceil(MAX_DAYS / step.lengthDays));
        for (let c = 0; c < count && day <= MAX_DAYS; c++) {
          cycles.push({ start: day, end: day + step.lengthDays - 1, number: c + 1, offset: step.span.offset });
          for (const dose of step.doses) placeInCycle(dose, day, step.lengthDays, row, unplaced, c === 0);
          day += step.lengthDays;
        }
        phaseEnd = Math.max(phaseEnd, day - 1);
        continue;
      }
      const end = placeCourse(step.dose, phaseStart, row, unplaced);
      phaseEnd = Math.max(phaseEnd, end);
    }
    day = Math.max(day, phaseEnd + 1);
    if (phase.name) phases.push({ name: phase.name, start: phaseStart, end: Math.max(phaseStart, phaseEnd) });
  }
  return {
    armId: arm.id,
    label: arm.label,
    totalDays: Math.min(MAX_DAYS, Math.max(1, day - 1)),
    phases,
    cycles,
    rows: [...rows.values()],
    surgeries,
    unplaced,
  };
}

function placeInCycle(
  dose: S.Dose,
  cycleStart: number,
  length: number,
  row: (drug: string) => TimelineRow,
  unplaced: ArmTimeline['unplaced'],
  firstCycle: boolean,
): void {
  const perDay = dose.frequency?.perDay ?? 1;
  let days = dose.days;
  if (!days && dose.frequency?.intervalDays) {
    days = [];
    for (let d = 1; d <= length; d += dose.frequency.intervalDays) days.push(d);
  }
  if (!days) {
    row(dose.drug); // the drug still gets its row
    if (firstCycle) unplaced.push({ drug: dose.drug, offset: dose.span.offset });
    return;
  }
  for (const d of days) if (d <= length) row(dose.drug).marks.push({ day: cycleStart + d - 1, perDay, offset: dose.span.offset });
}

/** Places a course given outside cycles, starting with its phase; returns its last day. */
function placeCourse(dose: S.Dose, start: number, row: (drug: string) => TimelineRow, unplaced: ArmTimeline['unplaced']): number {
  const target = row(dose.drug);
  const interval = dose.frequency?.intervalDays;
  if (dose.duration?.days !== undefined && (!interval || interval === 1)) {
    const end = Math.min(MAX_DAYS, start + dose.duration.days - 1);
    target.bars.push({ start, end, offset: dose.span.offset });
    return end;
  }
  if (interval && (dose.count || dose.duration?.days)) {
    const count = dose.count ?? Math.floor(dose.duration!.days! / interval);
    let last = start;
    for (let k = 0; k < count && start + k * interval <= MAX_DAYS; k++) {
      last = start + k * interval;
      target.marks.push({ day: last, perDay: dose.frequency?.perDay ?? 1, offset: dose.span.offset });
    }
    return Math.min(MAX_DAYS, last + interval - 1);
  }
  if (dose.days) {
    for (const d of dose.days) target.marks.push({ day: start + d - 1, perDay: dose.frequency?.perDay ?? 1, offset: dose.span.offset });
    return start + dose.days[dose.days.length - 1] - 1;
  }
  if (dose.frequency?.text === 'once' || dose.count === 1) {
    target.marks.push({ day: start, perDay: 1, offset: dose.span.offset });
    return start;
  }
  if (dose.amount.form !== 'unstated') unplaced.push({ drug: dose.drug, offset: dose.span.offset });
  return start - 1;
}
