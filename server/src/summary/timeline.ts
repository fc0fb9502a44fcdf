/**
 * An arm's dosing on the arm's days, from the schedule engine (model/schedule.ts): phases in
 * order; within a phase, cycle blocks one after another and courses written beside them
 * (`lenvatinib 8 mg daily for 9 weeks`) starting with the phase; surgery takes a day; the options
 * of a choice side by side, from the same day. Day 1 is the first day of the arm's first phase.
 *
 * The layout places every administration the engine lists. An open-ended course ("until
 * progression") has no last day: it is laid out for a few periods of its pattern and marked open,
 * never given an invented end; what follows it is placed after what was laid out, and marked as
 * starting at an unknown day. Every item keeps the source offset of the line it comes from, so
 * the preview can reveal it in the editor.
 */

import { scheduleOf, type Count, type DoseSchedule } from '../model/schedule';
import type * as S from '../model/schema';

/** One administration placed on the arm's days. */
export interface PlacedAdministration {
  readonly dose: S.Dose;
  readonly phase: S.TreatmentPhase;
  /** The options of choices the line is in, outermost first. */
  readonly options: readonly string[];
  readonly day: number;
  readonly times: number;
  readonly cycle?: number;
  readonly cycleDay?: number;
  /** Laid out to show an open-ended pattern, not a day the protocol fixes. */
  readonly illustrative: boolean;
}

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
  /** The drug, with its option when it is one alternative of a choice: `cisplatin (Cisplatin)`. */
  readonly drug: string;
  readonly marks: TimelineMark[];
  readonly bars: TimelineBar[];
  /** The row's course goes on past the last day drawn (open-ended). */
  readonly open: boolean;
}

export interface ArmTimeline {
  readonly armId: string;
  readonly label: string;
  /** The last day drawn. */
  readonly totalDays: number;
  readonly phases: { readonly name: string; readonly start: number; readonly end: number; readonly optional: boolean }[];
  readonly cycles: { readonly start: number; readonly end: number; readonly number: number; readonly offset: number; readonly open: boolean }[];
  readonly rows: TimelineRow[];
  readonly surgeries: { readonly day: number; readonly note?: string; readonly offset: number }[];
  /** Lines the timeline cannot place (a dose whose schedule is not stated), for the reader. */
  readonly unplaced: { readonly drug: string; readonly offset: number }[];
  /** Days from which the arm's days are not known (after an open-ended course): what follows is placed after what was drawn. */
  readonly unknownFrom: readonly number[];
}

export interface ArmLayout {
  readonly administrations: readonly PlacedAdministration[];
  readonly timeline: ArmTimeline;
}

/** Keeps a drawing finite whatever the source says: ten years of days at most. */
const MAX_DAYS = 3660;

/** How many periods of an open-ended pattern are laid out to show it. */
const OPEN_PERIODS = 3;

/** How many cycles of a block to lay out: all of an exact or capped count; a few of an open-ended or unstated one. */
function cyclesToDraw(count: Count, doses: readonly DoseSchedule[]): { cycles: number; open: boolean } {
  const step = Math.max(1, ...doses.map((dose) => dose.cycleStep ?? 1));
  switch (count.kind) {
    case 'exact':
      return { cycles: count.value, open: false };
    case 'range':
    case 'upTo':
      return { cycles: count.max, open: false };
    case 'open':
      return { cycles: Math.max(2, step * OPEN_PERIODS), open: true };
    case 'unknown':
      return { cycles: 1, open: false };
  }
}

/** Lays out one arm of a protocol. */
export function armLayout(protocol: S.Protocol, arm: S.Arm): ArmLayout {
  const schedule = scheduleOf(protocol);
  const administrations: PlacedAdministration[] = [];
  const rows = new Map<string, { drug: string; marks: TimelineMark[]; bars: TimelineBar[]; open: boolean }>();
  const phases: ArmTimeline['phases'][number][] = [];
  const cycles: ArmTimeline['cycles'][number][] = [];
  const surgeries: ArmTimeline['surgeries'][number][] = [];
  const unplaced: ArmTimeline['unplaced'][number][] = [];
  const unknownFrom: number[] = [];

  const row = (dose: S.Dose, options: readonly string[]) => {
    const key = options.length ? `${dose.drug} (${options.join(', ')})` : dose.drug;
    let found = rows.get(key);
    if (!found) rows.set(key, (found = { drug: key, marks: [], bars: [], open: false }));
    return found;
  };

  const place = (line: DoseSchedule, phase: S.TreatmentPhase, options: readonly string[], start: number, drawnDays: number, open: boolean) => {
    const dose = line.dose;
    const target = row(dose, options);
    if (line.listed === 'none') {
      if (dose.amount.form !== 'unstated' && !unplaced.some((u) => u.offset === dose.span.offset)) unplaced.push({ drug: dose.drug, offset: dose.span.offset });
      return;
    }
    // One period of an open-ended pattern repeats over what is drawn.
    const repeats: number[] = [0];
    if (line.listed === 'period' && line.periodDays) for (let shift = line.periodDays; shift < drawnDays; shift += line.periodDays) repeats.push(shift);
    const daily = line.periodDays === 1 && !line.at.cycle;
    let runStart: number | undefined;
    let previous: number | undefined;
    for (const shift of repeats) {
      for (const given of line.administrations) {
        const day = start + given.day - 1 + shift;
        if (day > MAX_DAYS) break;
        const illustrative = shift > 0 || line.listed === 'period';
        administrations.push({ dose, phase, options, day, times: given.times, cycle: given.cycle, cycleDay: given.cycleDay, illustrative });
        if (daily) {
          if (runStart === undefined) runStart = day;
          else if (previous !== undefined && day !== previous + 1) {
            target.bars.push({ start: runStart, end: previous, offset: dose.span.offset });
            runStart = day;
          }
          previous = day;
        } else target.marks.push({ day, perDay: given.times, offset: dose.span.offset });
      }
    }
    if (daily && runStart !== undefined && previous !== undefined) target.bars.push({ start: runStart, end: previous, offset: dose.span.offset });
    if (open || line.listed === 'period') target.open = true;
  };

  /** Lays out steps from `day`; returns the day after the last one laid out. */
  const layOutSteps = (steps: readonly S.Step[], phase: S.TreatmentPhase, options: readonly string[], phaseStart: number, from: number): number => {
    let day = from;
    let end = from - 1;
    for (const step of steps) {
      if (day > MAX_DAYS) break;
      switch (step.kind) {
        case 'surgery':
          surgeries.push({ day, note: step.note, offset: step.span.offset });
          end = Math.max(end, day);
          day += 1;
          break;
        case 'cycle': {
          const block = schedule.cycleOf(step);
          const lines = step.doses.flatMap((dose) => schedule.of(dose) ?? []);
          const { cycles: count, open } = cyclesToDraw(block?.cycles ?? { kind: 'unknown' }, lines);
          const drawn = Math.min(count, Math.ceil((MAX_DAYS - day + 1) / step.lengthDays));
          for (let c = 0; c < drawn; c++) {
            const start = day + c * step.lengthDays;
            cycles.push({ start, end: start + step.lengthDays - 1, number: c + 1, offset: step.span.offset, open: open && c === drawn - 1 });
          }
          for (const line of lines)
            place(
              line,
              phase,
              line.at.options.map((o) => o.option),
              day,
              drawn * step.lengthDays,
              open,
            );
          day += drawn * step.lengthDays;
          end = Math.max(end, day - 1);
          if (open) unknownFrom.push(day);
          break;
        }
        case 'dose': {
          const line = schedule.of(step.dose);
          if (!line) break;
          const drawnDays = line.listed === 'period' && line.periodDays ? line.periodDays * OPEN_PERIODS : 0;
          place(
            line,
            phase,
            line.at.options.map((o) => o.option),
            phaseStart,
            drawnDays,
            false,
          );
          const last = line.administrations.length ? phaseStart + line.administrations[line.administrations.length - 1].day - 1 : phaseStart - 1;
          const lastDrawn = line.listed === 'period' ? phaseStart + drawnDays - 1 : last + (line.periodDays ?? 1) - 1;
          end = Math.max(end, Math.min(MAX_DAYS, lastDrawn));
          if (line.listed === 'period') unknownFrom.push(lastDrawn + 1);
          break;
        }
        case 'choice': {
          let longest = day;
          for (const option of step.options) longest = Math.max(longest, layOutSteps(option.steps, phase, [...options, option.label], day, day));
          end = Math.max(end, longest - 1);
          day = longest;
          break;
        }
      }
    }
    return Math.max(day, end + 1);
  };

  let day = 1;
  for (const phase of arm.phases) {
    const start = day;
    day = layOutSteps(phase.steps, phase, [], start, start);
    if (phase.name) phases.push({ name: phase.label ?? phase.name, start, end: Math.max(start, day - 1), optional: phase.optional === true });
  }
  const timeline: ArmTimeline = {
    armId: arm.id,
    label: arm.label,
    totalDays: Math.min(MAX_DAYS, Math.max(1, day - 1)),
    phases,
    cycles,
    rows: [...rows.values()],
    surgeries,
    unplaced,
    unknownFrom: [...new Set(unknownFrom)].filter((from) => from <= Math.max(1, day - 1)),
  };
  return { administrations, timeline };
}

/** The timeline of one arm. */
export function armTimeline(protocol: S.Protocol, arm: S.Arm): ArmTimeline {
  return armLayout(protocol, arm).timeline;
}
