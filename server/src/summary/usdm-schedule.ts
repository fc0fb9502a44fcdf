/**
 * The administrations each dose line of an arm implies, on the arm's days: what the USDM export's
 * schedule timelines are built from. A schedule engine will expand dose lines in one place for
 * every layer; until then this module is the one seam the export reads, so the engine can
 * replace it without the export changing.
 *
 * The layout is the preview timeline's (timeline.ts): phases in order; within a phase, cycles one
 * after another and courses written beside them starting with the phase; a surgery takes a day.
 * The counts are summary.ts's (`doseImplication`): `days` times the frequency's administrations
 * per day, `x N` administrations in all, a frequency's interval over a course's length.
 */

import type * as S from '../model/schema';

/** One administration of a dose line. */
export interface ArmAdministration {
  readonly drug: string;
  readonly doseLine: S.Dose;
  /** The phase the line is written in (an element of `arm.phases`). */
  readonly phase: S.TreatmentPhase;
  /** The cycle's number, 1-based, for a line inside a cycle. */
  readonly cycle?: number;
  /** The day of that cycle, 1-based. */
  readonly cycleDay?: number;
  /** The arm's day: 1 is the first day of its first phase. */
  readonly day: number;
  readonly amount: S.Amount;
}

/** Keeps the expansion finite whatever the source says: ten years of days at most, as the preview. */
const MAX_DAYS = 3660;

/** Every administration the arm's dose lines imply, in the order of the lines; a line that says too little to place gives none. */
export function administrationsOf(arm: S.Arm): ArmAdministration[] {
  const out: ArmAdministration[] = [];
  const give = (dose: S.Dose, phase: S.TreatmentPhase, day: number, times: number, cycle?: { number: number; day: number }) => {
    if (day > MAX_DAYS) return;
    for (let k = 0; k < times; k++) {
      out.push({ drug: dose.drug, doseLine: dose, phase, cycle: cycle?.number, cycleDay: cycle?.day, day, amount: dose.amount });
    }
  };
  let day = 1;
  for (const phase of arm.phases) {
    const phaseStart = day;
    let phaseEnd = day - 1;
    for (const step of phase.steps) {
      if (step.kind === 'surgery') {
        phaseEnd = Math.max(phaseEnd, day);
        day += 1;
      } else if (step.kind === 'cycle') {
        // Without `x N` the number of cycles is unknown: one is laid out, as the preview does.
        const count = Math.min(step.count ?? 1, Math.ceil(MAX_DAYS / step.lengthDays));
        for (let c = 1; c <= count && day <= MAX_DAYS; c++) {
          for (const dose of step.doses) {
            for (const d of cycleDays(dose, step.lengthDays)) give(dose, phase, day + d - 1, dose.frequency?.perDay ?? 1, { number: c, day: d });
          }
          day += step.lengthDays;
        }
        phaseEnd = Math.max(phaseEnd, day - 1);
      } else {
        phaseEnd = Math.max(phaseEnd, course(step.dose, phase, phaseStart, give));
      }
    }
    day = Math.max(day, phaseEnd + 1);
  }
  return out;
}

/** The days of a cycle a line is given on: its `days`, or every interval of its frequency from day 1. */
function cycleDays(dose: S.Dose, length: number): number[] {
  if (dose.days) return dose.days.filter((d) => d <= length);
  const interval = dose.frequency?.intervalDays;
  if (!interval) return [];
  const days: number[] = [];
  for (let d = 1; d <= length; d += interval) days.push(d);
  return days;
}

/** Places a line given outside cycles, from its phase's first day; returns its last day (the day before `start` when it places nothing). */
function course(
  dose: S.Dose,
  phase: S.TreatmentPhase,
  start: number,
  give: (dose: S.Dose, phase: S.TreatmentPhase, day: number, times: number) => void,
): number {
  const perDay = dose.frequency?.perDay ?? 1;
  const interval = dose.frequency?.intervalDays;
  if (interval && (dose.count || dose.duration?.days)) {
    // `x N` counts administrations, so a line given twice a day fills N / 2 days.
    let left = dose.count ?? Math.floor(dose.duration!.days! / interval) * perDay;
    let last = start - 1;
    for (let d = start; left > 0 && d <= MAX_DAYS; d += interval) {
      give(dose, phase, d, Math.min(perDay, left));
      left -= perDay;
      last = d;
    }
    return Math.min(MAX_DAYS, Math.max(last + interval - 1, start + (dose.duration?.days ?? 0) - 1));
  }
  if (dose.days) {
    for (const d of dose.days) give(dose, phase, start + d - 1, perDay);
    return start + dose.days[dose.days.length - 1] - 1;
  }
  if (dose.frequency?.text === 'once' || dose.count === 1) {
    give(dose, phase, start, 1);
    return start;
  }
  return start - 1;
}
