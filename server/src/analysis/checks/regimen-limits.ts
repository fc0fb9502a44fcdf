/**
 * Checks of a regimen against its label that need the schedule engine's numbers (issue 11): dose
 * intensity per week against the labelled regimens, course length and number of cycles or
 * administrations, lifetime cumulative and per-cycle doses, carboplatin's Calvert cap, and the
 * infusion time. Each is a plain function of the drug row and the numbers, so it is tested
 * directly; none is registered yet. Wiring, once the engine gives each dose line its expanded
 * administrations:
 *
 * - `scheduleIntensityProblem(drug, { basis, perWeek })` with the line's dose intensity per week
 *   in the unit of its basis (mg/m2, mg/kg, mg a week), reported at the dose's value and unit
 *   as TPL225 `dose.schedule-intensity` (warning).
 * - `courseLimitProblems(drug, course)` with the line's cycles, administrations and course
 *   length (`openEnded` for `until progression` with no cap), at the course end clause or the
 *   cycle header, as TPL226 `dose.course-limit` (warning for `exceeds`, information for
 *   `unbounded`, and for limits that belong to an indication the caller cannot confirm).
 * - `lifetimeProblem(drug, cumulative)` with the course's cumulative dose in the basis unit, as
 *   TPL227 `dose.lifetime-limit` (warning), at the line.
 * - `perCycleProblem(drug, perCycle)` with one cycle's total of the line (cisplatin 20 mg/m2 on
 *   days 1-5 is 100 mg/m2), as TPL228 `dose.per-cycle-limit` (warning).
 * - `calvertProblem(drug, { targetAuc, capMg, gfr })` for an AUC line with a `max N mg` cap or a
 *   reference GFR setting, as TPL229 `dose.calvert-cap` (warning).
 * - `infusionTimeProblem(drug, minutes)` with `infusionMinutesOf(dose)`, which reads the
 *   `over N min|h` of issue 11 once the schema carries it, as TPL224 `dose.infusion-time`
 *   (warning), at the `over` clause.
 *
 * Each problem carries a one-sentence message naming the limit, the source, and the labelled
 * regimens for the related information.
 */

import type * as S from '../../model/schema';
import { convert } from '../../model/units';
import { DOSE_BASIS, weeklyDose, type CourseLimit, type DoseBasis, type Drug, type LabelledDose } from '../../knowledge/drugs';
import { formatNumber } from '../../util/text';
import { describeLabel } from './doses';

/** A label limit a regimen goes beyond: a one-sentence message, the limit's source, and the labelled regimens for related information. */
export interface LimitProblem {
  readonly message: string;
  readonly source: string;
  readonly labelled: string;
}

/** A number for messages: whole numbers as they are, others to three significant digits. */
function shown(value: number): string {
  return formatNumber(Number.isInteger(value) ? value : Number(value.toPrecision(3)));
}

/** The labelled doses on a basis (the drug's own unless a dose says otherwise). */
function dosesOn(drug: Drug, basis: DoseBasis): LabelledDose[] {
  return drug.doses.filter((dose) => (dose.basis ?? drug.basis) === basis);
}

/**
 * Dose intensity per week against the label: a problem when the line gives more a week than the
 * most intense labelled regimen on its basis (docetaxel 75 mg/m2 on days 1, 8 and 15 of 21 is 75
 * mg/m2 a week; the label's most intense is 100 mg/m2 every 3 weeks, 33.3 a week). Undefined when
 * the intensity is within the label, or when any labelled dose on the basis has no schedule in
 * numbers: the label's most intense regimen is then unknown, and nothing is said.
 */
export function scheduleIntensityProblem(drug: Drug, line: { readonly basis: DoseBasis; readonly perWeek: number }): LimitProblem | undefined {
  const doses = dosesOn(drug, line.basis);
  if (doses.length === 0) return undefined;
  const weekly = doses.map((dose) => ({ dose, perWeek: weeklyDose(dose) }));
  if (weekly.some((entry) => entry.perWeek === undefined)) return undefined;
  const most = weekly.reduce((best, entry) => (entry.perWeek! > best.perWeek! ? entry : best));
  // A rounding hair above the label is the label's own regimen written another way.
  if (line.perWeek <= most.perWeek! * (1 + 1e-9)) return undefined;
  const unit = DOSE_BASIS[line.basis].unit;
  return {
    message: `${shown(line.perWeek)} ${unit} a week of ${drug.id} is above its most intense labelled regimen, ${shown(most.perWeek!)} ${unit} a week (${shown(most.dose.max)} ${unit} ${most.dose.schedule}).`,
    source: most.dose.source,
    labelled: describeLabel(drug, line.basis),
  };
}

/** What the engine knows of a line's course: its counts and length, or that it runs until progression with no cap. */
export interface CourseFacts {
  readonly cycles?: number;
  readonly administrations?: number;
  readonly months?: number;
  readonly days?: number;
  /** `until progression` (or toxicity, withdrawal) with no cap: the course has no known end. */
  readonly openEnded?: boolean;
}

/** A course limit the line goes beyond, or leaves open; `indication` says when the limit belongs to one indication only. */
export interface CourseProblem extends LimitProblem {
  readonly kind: 'exceeds' | 'unbounded';
  readonly indication?: string;
}

/** The parts of a course limit, each with how many the line has and how a message says it. */
function courseParts(limit: CourseLimit, course: CourseFacts): { max: number; has?: number; words: string }[] {
  const parts: { max: number; has?: number; words: string }[] = [];
  if (limit.maxCycles !== undefined) parts.push({ max: limit.maxCycles, has: course.cycles, words: 'cycles' });
  if (limit.maxAdministrations !== undefined) parts.push({ max: limit.maxAdministrations, has: course.administrations, words: 'administrations' });
  if (limit.maxMonths !== undefined) parts.push({ max: limit.maxMonths, has: course.months, words: 'months' });
  if (limit.maxDays !== undefined) parts.push({ max: limit.maxDays, has: course.days, words: 'days' });
  return parts;
}

/**
 * Labelled maximum durations and counts against the line's course: `exceeds` when a count or
 * length is above the label's, `unbounded` when the course runs until progression with no cap
 * and the label stops it (pembrolizumab up to 24 months). Limits of one indication come back with
 * it, for the caller to weigh.
 */
export function courseLimitProblems(drug: Drug, course: CourseFacts): CourseProblem[] {
  const problems: CourseProblem[] = [];
  for (const limit of drug.courseLimits ?? []) {
    const context = limit.indication ? ` in ${limit.indication}` : '';
    for (const part of courseParts(limit, course)) {
      const base = { source: limit.source, labelled: describeLabel(drug, drug.basis), ...(limit.indication ? { indication: limit.indication } : {}) };
      if (part.has !== undefined && part.has > part.max) {
        problems.push({
          ...base,
          kind: 'exceeds',
          message: `${shown(part.has)} ${part.words} of ${drug.id} are more than the label's ${shown(part.max)}${context}.`,
        });
      } else if (part.has === undefined && course.openEnded) {
        problems.push({
          ...base,
          kind: 'unbounded',
          message: `${drug.id} runs until progression with no cap; the label stops at ${shown(part.max)} ${part.words}${context}.`,
        });
      }
    }
  }
  return problems;
}

/** An amount in a unit; converted through UCUM where the units differ. */
export interface Amount {
  readonly value: number;
  readonly unit: string;
}

function inUnit(amount: Amount, unit: string): number | undefined {
  return amount.unit === unit ? amount.value : convert(amount.value, amount.unit, unit);
}

/** The course's cumulative dose against the label's lifetime maximum (doxorubicin 550 mg/m2): a problem when the course alone reaches beyond it. */
export function lifetimeProblem(drug: Drug, cumulative: Amount): LimitProblem | undefined {
  const limit = drug.lifetimeMax;
  const value = limit && inUnit(cumulative, limit.unit);
  if (!limit || value === undefined || value <= limit.value) return undefined;
  return {
    message: `The course gives ${shown(value)} ${limit.unit} of ${drug.id}, beyond its lifetime maximum of ${shown(limit.value)} ${limit.unit}, before any prior exposure.`,
    source: limit.source,
    labelled: describeLabel(drug, drug.basis),
  };
}

/** One cycle's total of a line against the label's per-cycle ceiling (cisplatin: more than 100 mg/m2 a cycle). */
export function perCycleProblem(drug: Drug, perCycle: Amount): LimitProblem | undefined {
  const limit = drug.perCycleMax;
  const value = limit && inUnit(perCycle, limit.unit);
  if (!limit || value === undefined || value <= limit.value) return undefined;
  return {
    message: `${shown(value)} ${limit.unit} of ${drug.id} in one cycle is above the label's ${shown(limit.value)} ${limit.unit} per cycle.`,
    source: limit.source,
    labelled: describeLabel(drug, drug.basis),
  };
}

/**
 * Carboplatin's Calvert limits: a dose cap written above target AUC x (125 + 25) mg, or a
 * reference GFR above 125 mL/min, goes past the FDA's cap (the row's `calvert`).
 */
export function calvertProblem(drug: Drug, line: { readonly targetAuc: number; readonly capMg?: number; readonly gfr?: number }): LimitProblem | undefined {
  const limit = drug.calvert;
  if (!limit) return undefined;
  const highest = line.targetAuc * limit.maxDosePerAuc;
  const labelled = describeLabel(drug, drug.basis);
  if (line.capMg !== undefined && line.capMg > highest) {
    return {
      message: `A cap of ${shown(line.capMg)} mg is above ${shown(highest)} mg, the most ${drug.id} AUC ${shown(line.targetAuc)} may give with the GFR capped at ${shown(limit.maxGfr)} mL/min.`,
      source: limit.source,
      labelled,
    };
  }
  if (line.gfr !== undefined && line.gfr > limit.maxGfr) {
    return {
      message: `A GFR of ${shown(line.gfr)} mL/min is above the ${shown(limit.maxGfr)} mL/min the Calvert formula may use for ${drug.id}.`,
      source: limit.source,
      labelled,
    };
  }
  return undefined;
}

/**
 * The infusion time written on a dose line (`over 30 min`, issue 11), in minutes; undefined
 * until the schema carries it. It reads the field by name so that the check lights up when the
 * field lands as `infusionMinutes`; rename here if it lands under another name.
 */
export function infusionMinutesOf(dose: S.Dose): number | undefined {
  const minutes = (dose as { readonly infusionMinutes?: unknown }).infusionMinutes;
  return typeof minutes === 'number' && Number.isFinite(minutes) ? minutes : undefined;
}

/**
 * An infusion time against the label's: the drug's required time (docetaxel over 1 hour), or
 * the time of the labelled dose the line matches where the caller knows it.
 */
export function infusionTimeProblem(drug: Drug, minutes: number, labelledDose?: LabelledDose): LimitProblem | undefined {
  const own = labelledDose?.infusionMinutes;
  const limit = own
    ? { min: own.min, max: own.max, source: labelledDose!.source }
    : drug.infusion && { min: drug.infusion.minMinutes, max: drug.infusion.maxMinutes, source: drug.infusion.source };
  if (!limit) return undefined;
  const labelled = describeLabel(drug, drug.basis);
  const range =
    limit.min !== undefined && limit.max !== undefined && limit.min !== limit.max
      ? `${shown(limit.min)}-${shown(limit.max)} minutes`
      : `${shown(limit.min ?? limit.max!)} minutes`;
  if (limit.min !== undefined && minutes < limit.min) {
    return { message: `${drug.id} over ${shown(minutes)} minutes is faster than its labelled infusion of ${range}.`, source: limit.source, labelled };
  }
  if (limit.max !== undefined && minutes > limit.max) {
    return { message: `${drug.id} over ${shown(minutes)} minutes is slower than its labelled infusion of ${range}.`, source: limit.source, labelled };
  }
  return undefined;
}
