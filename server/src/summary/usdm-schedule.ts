/**
 * The administrations each dose line of an arm implies, on the arm's days: what the USDM export's
 * schedule timelines are built from. They are the schedule engine's (model/schedule.ts), placed
 * on the arm's days by the preview's layout (timeline.ts), so the export and the timeline show
 * the same days. An open-ended course contributes the few periods the layout draws, marked
 * illustrative.
 */

import type * as S from '../model/schema';
import { armLayout } from './timeline';

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
  /** Laid out to show an open-ended pattern: not a day the protocol fixes. */
  readonly illustrative: boolean;
}

/** Every administration the arm's dose lines imply, in the order of the layout; a line that says too little to place gives none. */
export function administrationsOf(protocol: S.Protocol, arm: S.Arm): ArmAdministration[] {
  const out: ArmAdministration[] = [];
  for (const given of armLayout(protocol, arm).administrations) {
    for (let k = 0; k < given.times; k++) {
      out.push({
        drug: given.dose.drug,
        doseLine: given.dose,
        phase: given.phase,
        cycle: given.cycle,
        cycleDay: given.cycleDay,
        day: given.day,
        amount: given.dose.amount,
        illustrative: given.illustrative,
      });
    }
  }
  return out;
}
