/**
 * Schedules: days inside their cycle, frequencies that agree with the days, cycles with a count,
 * and continuous courses as long as the cycles they run beside.
 */

import { scheduleOf } from '../../model/schedule';
import type * as S from '../../model/schema';
import { formatNumber } from '../../util/text';
import { type Check, type CheckContext } from '../check';
import { kept } from '../../util/kept';

/** The length in days of the cycle blocks of a phase, when every one is exact; computed once per phase (a phase may hold thousands of lines). */
const phaseCycles = kept<S.TreatmentPhase, { days: number; cycles: S.Cycle[] } | null>('phaseCycles');

function cyclesLength(phase: S.TreatmentPhase, protocol: S.Protocol): { days: number; cycles: S.Cycle[] } | undefined {
  const known = phaseCycles.of(phase, () => {
    const cycles = phase.steps.filter((step): step is S.Cycle => step.kind === 'cycle');
    const lengths = cycles.map((cycle) => scheduleOf(protocol).cycleOf(cycle)?.days);
    return cycles.length === 0 || lengths.some((length) => length?.kind !== 'exact')
      ? null
      : { days: lengths.reduce((sum, length) => sum + (length as { value: number }).value, 0), cycles };
  });
  return known ?? undefined;
}

/** How long a course written outside the cycles lasts, in days, when the line fixes it. */
function courseLength(dose: S.Dose): number | undefined {
  if (dose.duration?.days !== undefined) return dose.duration.days;
  const interval = dose.frequency?.intervalDays;
  if (interval && interval > 1 && dose.count) return interval * dose.count;
  return undefined;
}

function describeDays(days: readonly number[]): string {
  return days.length === 1 ? `day ${days[0]}` : `days ${days.join(', ')}`;
}

function checkFrequencyAgainstDays(dose: S.Dose, cycle: S.Cycle | undefined, context: CheckContext): void {
  const frequency = dose.frequency;
  const days = dose.days;
  if (!frequency || !days) return;
  const at = dose.frequencySpan ?? dose.span;
  if (frequency.text === 'once' && days.length > 1) {
    context.accept('TPL232', `'once' contradicts ${describeDays(days)}.`, at);
    return;
  }
  const interval = frequency.intervalDays;
  if (!interval || interval === 1) return;
  if (days.length > 1) {
    const gaps = days.slice(1).map((day, i) => day - days[i]);
    if (gaps.some((gap) => gap !== interval)) {
      context.accept('TPL232', `'${frequency.text}' means every ${interval} days, but ${describeDays(days)} are ${gaps.join(', ')} days apart.`, at);
    }
    return;
  }
  // An interval longer than the cycle is every k cycles (the schedule engine reports one that is not a multiple).
  if (cycle && interval !== cycle.lengthDays && interval < cycle.lengthDays) {
    context.accept(
      'TPL232',
      `'${frequency.text}' means every ${interval} days, but the dose is given only on day ${days[0]} of a ${cycle.lengthDays}-day cycle.`,
      at,
    );
  }
}

export const scheduleChecks: Check = {
  arm(_arm, context) {
    // What the schedule engine could not compute, or found contradictory, on the line it concerns.
    for (const problem of scheduleOf(context.protocol).problems) context.accept(problem.code, problem.message, problem.span);
  },

  cycle(cycle, _arm, context) {
    if (cycle.count === undefined && !cycle.duration && !cycle.upTo && !cycle.until?.length) {
      context.accept(
        'TPL233',
        `This cycle of ${cycle.lengthText} gives no number of cycles; add 'x N', 'up to N cycles' or 'until progression'.`,
        cycle.headerSpan,
      );
    }
  },

  dose(dose, where, context) {
    const cycle = where.cycle;
    if (cycle) {
      for (const item of dose.dayItems ?? []) {
        if (item.to > cycle.lengthDays) {
          const day = item.from > cycle.lengthDays ? item.from : item.to;
          context.accept('TPL230', `Day ${day} is after the last day of this ${cycle.lengthDays}-day cycle.`, item.span);
        }
      }
      if (!dose.days && !dose.frequency && dose.count === undefined && dose.amount.form !== 'unstated') {
        context.accept('TPL234', `${dose.drug} has no days in this cycle; add 'day N', 'days A, B' or a frequency.`, dose.drugSpan);
      }
    }
    checkFrequencyAgainstDays(dose, cycle, context);

    if (cycle || where.options.length) return;
    const length = courseLength(dose);
    const beside = cyclesLength(where.phase, context.protocol);
    if (length === undefined || !beside || length === beside.days) return;
    const what = dose.duration ? `${formatNumber(dose.duration.value)} ${dose.duration.unit}` : `${dose.frequency!.text} x ${dose.count}`;
    context.accept(
      'TPL231',
      `${dose.drug} runs ${length} days (${what}), but the cycles beside it run ${beside.days} days (${beside.cycles.map((c) => `${c.count} x ${c.lengthDays}`).join(' + ')}).`,
      dose.durationSpan ?? dose.frequencySpan ?? dose.span,
      { related: beside.cycles.map((c) => ({ ...c.headerSpan, message: `${c.count} cycles of ${c.lengthDays} days` })) },
    );
  },
};
