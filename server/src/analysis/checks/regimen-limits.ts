/**
 * Checks of a regimen against its label that need the schedule engine's numbers (issue 11): the
 * infusion time (TPL224), dose intensity per week against the labelled regimens (TPL225), the
 * course's cycles, administrations and length against the label's caps (TPL226, and TPL239 for
 * caps of one indication and open-ended courses the label stops), the lifetime cumulative dose
 * over an arm (TPL227), one cycle's total (TPL228) and carboplatin's Calvert cap (TPL229).
 *
 * Each limit is a plain function of the drug row and the numbers, tested directly; the check at
 * the end feeds them the engine's figures (model/schedule.ts, model/amounts.ts). A figure the
 * engine cannot compute (an unstated dose, a unit that does not normalise, a course with no end)
 * is never guessed: the limit is then not checked, except that an open-ended course of a drug
 * with a lifetime maximum says after how many administrations it would pass it.
 */

import type { Code } from '../../language/codes';
import { doseAmounts } from '../../model/amounts';
import { DEFAULT_REFERENCE_PATIENT } from '../../knowledge/reference-patient';
import { maxOf, scheduleOf, type DoseSchedule } from '../../model/schedule';
import type * as S from '../../model/schema';
import { convert } from '../../model/units';
import { DOSE_BASIS, weeklyDose, type CourseLimit, type DoseBasis, type Drug, type LabelledDose } from '../../knowledge/drugs';
import { formatNumber } from '../../util/text';
import type { Check, CheckContext } from '../check';
import { describeLabel, dosesOnBasis } from './doses';
import { kept, perRow } from '../../util/kept';
import type { Mutable } from '../../util/types';

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

/**
 * Dose intensity per week against the label: a problem when the line gives more a week than the
 * most intense labelled regimen on its basis (docetaxel 75 mg/m2 on days 1, 8 and 15 of 21 is 75
 * mg/m2 a week; the label's most intense is 100 mg/m2 every 3 weeks, 33.3 a week). Undefined when
 * the intensity is within the label, or when any labelled dose on the basis has no schedule in
 * numbers: the label's most intense regimen is then unknown, and nothing is said.
 */
export function scheduleIntensityProblem(drug: Drug, line: { readonly basis: DoseBasis; readonly perWeek: number }): LimitProblem | undefined {
  const most = mostIntense(drug, line.basis);
  // A rounding hair above the label is the label's own regimen written another way.
  if (!most || line.perWeek <= most.perWeek * (1 + 1e-9)) return undefined;
  const unit = DOSE_BASIS[line.basis].unit;
  return {
    message: `${shown(line.perWeek)} ${unit} a week of ${drug.id} is above its most intense labelled regimen, ${shown(most.perWeek)} ${unit} a week (${shown(most.dose.max)} ${unit} ${most.dose.schedule}).`,
    source: most.dose.source,
    labelled: describeLabel(drug, line.basis),
  };
}

/**
 * The most intense labelled regimen on a basis, in the basis' unit a week; null when there is
 * no labelled dose on it or one has no schedule in numbers. Kept per drug row and basis: the
 * rows never change, and every line of the drug asks.
 */
const mostIntense = perRow((drug: Drug, basis: DoseBasis): { readonly dose: LabelledDose; readonly perWeek: number } | null => {
  let most: { dose: LabelledDose; perWeek: number } | null = null;
  for (const dose of dosesOnBasis(drug, basis)) {
    const perWeek = weeklyDose(dose);
    if (perWeek === undefined) return null;
    if (!most || perWeek > most.perWeek) most = { dose, perWeek };
  }
  return most;
});

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
      const exceeds = part.has !== undefined && part.has > part.max;
      if (!exceeds && !(part.has === undefined && course.openEnded)) continue;
      problems.push({
        source: limit.source,
        labelled: describeLabel(drug, drug.basis),
        ...(limit.indication ? { indication: limit.indication } : {}),
        kind: exceeds ? 'exceeds' : 'unbounded',
        message: exceeds
          ? `${shown(part.has!)} ${part.words} of ${drug.id} are more than the label's ${shown(part.max)}${context}.`
          : `${drug.id} runs until progression with no cap; the label stops at ${shown(part.max)} ${part.words}${context}.`,
      });
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

// ---- the check: the engine's numbers against the limits ------------------------------------------

/** A limit problem as a finding: the message, with the source and the labelled regimens as related information. */
function report(code: Code, problem: LimitProblem, at: S.Span, context: CheckContext): void {
  context.accept(code, problem.message, at, {
    related: [
      { ...at, message: `source: ${problem.source}` },
      { ...at, message: `labelled: ${problem.labelled}` },
    ],
  });
}

/** The largest value of an amount or a total: what a limit must hold for. */
function topOf(amount: { readonly value: number; readonly max?: number }): number {
  return amount.max ?? amount.value;
}

/** Days from the first administration to the last, when the line lists them all. */
function spanOfDays(schedule: DoseSchedule): number | undefined {
  if (schedule.listed !== 'all') return undefined;
  if (schedule.dayRange) return schedule.dayRange.last - schedule.dayRange.first;
  if (schedule.administrations.length === 0) return undefined;
  let first = Infinity;
  let last = -Infinity;
  for (const administration of schedule.administrations) {
    first = Math.min(first, administration.day);
    last = Math.max(last, administration.day);
  }
  return last - first;
}

/** What the engine knows of a line's course, for the label's caps. */
function courseFacts(schedule: DoseSchedule): CourseFacts {
  const elapsed = spanOfDays(schedule);
  const cycles = schedule.cyclesGiven && maxOf(schedule.cyclesGiven);
  const administrations = maxOf(schedule.total);
  // Written out, not spread: this runs for every line of a drug with course limits.
  const facts: Mutable<CourseFacts> = {};
  if (cycles !== undefined) facts.cycles = cycles;
  if (administrations !== undefined) facts.administrations = administrations;
  if (elapsed !== undefined) {
    // Treatment lasts from the first dose to the last: 35 cycles of 21 days end on day 715, 23.5 months in.
    facts.days = elapsed + 1;
    facts.months = elapsed / DAYS_PER_MONTH;
  }
  if (schedule.total.kind === 'open') facts.openEnded = true;
  return facts;
}

/** A mean Gregorian month, for a course length against a label's cap in months. */
const DAYS_PER_MONTH = 365.2425 / 12;

/**
 * Words of an indication that name a disease, not a setting: `adjuvant melanoma (stage IIB, IIC
 * or III)` gives melanoma; `metastatic non-small cell lung cancer` gives lung and nsclc-like words.
 */
const SETTING_WORDS = new Set(
  (
    'adjuvant neoadjuvant perioperative metastatic advanced unresectable resectable resected completely locally recurrent relapsed refractory ' +
    'primary stage first second third line previously treated untreated patients adult adults pediatric disease cancer cancers carcinoma ' +
    'adenocarcinoma tumour tumours tumor tumors solid positive negative expressing high risk with without after before following and plus ' +
    'single agent combination monotherapy maintenance induction consolidation therapy treatment chemotherapy regimen containing based ' +
    'cell cells type grade years older weighing less more than every weeks week months cycles dose doses'
  ).split(' '),
);

function diseaseWords(indication: string): string[] {
  return (indication.toLowerCase().match(/[a-z][a-z0-9-]{2,}/g) ?? []).filter((word) => !SETTING_WORDS.has(word));
}

/** Abbreviations label indications use, and how a registry spells them out (spellings, not clinical facts). */
const ABBREVIATIONS: readonly (readonly [string, RegExp])[] = [
  ['nsclc', /non[- ]?small[- ]cell lung/],
  ['sclc', /(?<!non[- ]?)small[- ]cell lung/],
  ['hcc', /hepatocellular/],
  ['rcc', /renal[- ]cell/],
  ['hnscc', /head and neck/],
  ['tnbc', /triple[- ]negative breast/],
  ['cll', /chronic lymphocytic/],
  ['nhl', /non[- ]hodgkin/],
  ['chl', /(?<!non[- ])hodgkin/],
  ['apl', /promyelocytic/],
  ['npc', /nasopharyngeal/],
  ['cscc', /cutaneous squamous/],
  ['mcc', /merkel/],
  ['crc', /colorectal/],
  ['gej', /gastro-?o?esophageal junction/],
  ['nmibc', /non[- ]muscle[- ]invasive bladder/],
  ['pmbcl', /primary mediastinal/],
];

/**
 * True when the trial is about the indication a label limit belongs to: one of its disease words
 * is in the trial's conditions, keywords or titles. A trial that names no condition is not
 * matched: a limit of one indication is only said where it applies.
 */
function indicationApplies(indication: string, protocol: S.Protocol): boolean {
  const trial = protocol.trial;
  if (!trial) return false;
  // Asked for every line of a drug with such limits: answered once per trial (what each arm sees of it) and indication.
  const answers = indicationAnswers.of(trial, () => new Map());
  let applies = answers.get(indication);
  if (applies === undefined) {
    let about = [...trial.conditions, ...trial.keywords, trial.title ?? '', trial.officialTitle ?? ''].join(' ').toLowerCase();
    // Labels name indications by abbreviation; registries spell them out.
    for (const [abbreviation, spelled] of ABBREVIATIONS) if (spelled.test(about)) about += ` ${abbreviation}`;
    applies =
      about.trim() !== '' &&
      diseaseWords(indication).some((word) => new RegExp(`(?<![a-z0-9])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9])`).test(about));
    answers.set(indication, applies);
  }
  return applies;
}

const indicationAnswers = kept<S.Trial, Map<string, boolean>>('indicationAnswers');

/** Mg for the reference patient per unit of a basis, for comparing intensities across bases. */
function referenceFactor(basis: DoseBasis): number | undefined {
  return { flat: 1, bsa: DEFAULT_REFERENCE_PATIENT.bsa, weight: DEFAULT_REFERENCE_PATIENT.weight, auc: undefined }[basis];
}

/**
 * True when a drug labelled on several bases (nivolumab 240 mg and 3 mg/kg) has a regimen on
 * another basis at least as intense, in mg a week for the reference patient: a dose per kg is
 * then not above the label just because the label's per-kg doses are lower.
 */
function withinAnotherBasis(drug: Drug, basis: DoseBasis, perWeek: number): boolean {
  const own = referenceFactor(basis);
  if (own === undefined) return false;
  let most: number | undefined;
  for (const dose of drug.doses) {
    const doseBasis = dose.basis ?? drug.basis;
    const factor = referenceFactor(doseBasis);
    const weekly = weeklyDose(dose);
    if (doseBasis === basis || factor === undefined || weekly === undefined) continue;
    most = Math.max(most ?? 0, weekly * factor);
  }
  return most !== undefined && perWeek * own <= most * (1 + 1e-9);
}

/** A line counted into its arm's cumulative dose: given to everyone in the arm, whatever their weight, in the main course. */
function countsForArm(schedule: DoseSchedule): boolean {
  return schedule.at.options.length === 0 && !schedule.dose.condition && !schedule.at.phase.optional;
}

/** True when the line gives another product of the substance (oral vinorelbine, subcutaneous trastuzumab): the row's doses are not its. */
function otherProduct(dose: S.Dose, drug: Drug): boolean {
  return dose.route !== undefined && !drug.routes.includes(dose.route) && (drug.otherRoutes ?? []).some((entry) => entry.route === dose.route);
}

function checkLine(schedule: DoseSchedule, drug: Drug, protocol: S.Protocol, context: CheckContext): void {
  const dose = schedule.dose;
  if (otherProduct(dose, drug)) return;
  const amounts = doseAmounts(schedule);
  const at = dose.valueSpan ?? dose.span;
  const normalized = dose.amount.form === 'quantity' ? dose.amount.normalized : undefined;

  // The drug's own required infusion time only: a labelled regimen's time (fluorouracil over 46
  // hours in FOLFOX) is that regimen's, and a line with a similar dose may be another regimen (FLOT's 24 hours).
  if (dose.infusionMinutes !== undefined) {
    const problem = infusionTimeProblem(drug, dose.infusionMinutes);
    if (problem) report('TPL224', problem, dose.infusionSpan ?? dose.span, context);
  }

  // Intensity and per-cycle totals in the line's own unit: only for a dose in mg, mg/m2 or mg/kg without a cap.
  const ownUnit = normalized && !dose.max && amounts.perAdministration?.unit === normalized.unit ? normalized : undefined;
  if (ownUnit && amounts.perWeek && amounts.perWeek.unit === DOSE_BASIS[ownUnit.basis].unit) {
    const perWeek = topOf(amounts.perWeek);
    const problem = scheduleIntensityProblem(drug, { basis: ownUnit.basis, perWeek });
    if (problem && !withinAnotherBasis(drug, ownUnit.basis, perWeek)) report('TPL225', problem, at, context);
  }
  if (ownUnit && amounts.perCycle) {
    const problem = perCycleProblem(drug, { value: topOf(amounts.perCycle), unit: amounts.perCycle.unit });
    if (problem) report('TPL228', problem, at, context);
  }

  for (const problem of drug.courseLimits?.length ? courseLimitProblems(drug, courseFacts(schedule)) : []) {
    const where = dose.endSpan ?? schedule.at.cycle?.headerSpan ?? dose.span;
    if (problem.indication && !indicationApplies(problem.indication, protocol)) continue;
    if (problem.kind === 'exceeds' && !problem.indication) report('TPL226', problem, where, context);
    else {
      // The indication, often a long list, goes to the related information.
      const indication = problem.indication ? ` in ${problem.indication}` : '';
      const message = indication ? problem.message.replace(indication, ' in this indication') : problem.message;
      context.accept('TPL239', message, where, {
        related: [
          ...(problem.indication ? [{ ...where, message: `the label's indication: ${problem.indication}` }] : []),
          { ...where, message: `source: ${problem.source}` },
          { ...where, message: `labelled: ${problem.labelled}` },
        ],
      });
    }
  }

  if (dose.amount.form === 'auc' && dose.max?.form === 'quantity' && dose.max.normalized?.basis === 'flat') {
    const problem = calvertProblem(drug, { targetAuc: dose.amount.valueMax ?? dose.amount.value, capMg: dose.max.normalized.value });
    if (problem) report('TPL229', problem, dose.maxSpan ?? dose.span, context);
  }
}

/**
 * TPL227 over an arm: the cumulative dose of a drug with a lifetime maximum, summed in order over
 * the lines every patient of the arm receives. A line that passes the maximum on its own is
 * reported; otherwise the line where the running sum passes it. A line with no end says at which
 * of its administrations the arm passes the maximum. A line whose total cannot be computed stops
 * the sum: nothing after it is guessed.
 */
function checkLifetime(lines: readonly DoseSchedule[], drug: Drug, context: CheckContext): void {
  const limit = drug.lifetimeMax;
  if (!limit) return;
  const labelled = describeLabel(drug, drug.basis);
  const unit = limit.unit;
  let sum = 0;
  for (const schedule of lines) {
    const amounts = doseAmounts(schedule);
    const at = schedule.dose.valueSpan ?? schedule.dose.span;
    if (schedule.total.kind === 'open') {
      const each = amounts.perAdministration && inUnit({ value: topOf(amounts.perAdministration), unit: amounts.perAdministration.unit }, unit);
      if (each === undefined || each <= 0) return;
      const before = sum;
      const nth = Math.floor((limit.value - before) / each) + 1;
      const earlier = before > 0 ? ` after the arm's earlier ${shown(before)} ${unit}` : '';
      const message = `${drug.id} runs with no end; at ${shown(each)} ${unit} each${earlier}, its ${ordinal(nth)} administration passes the lifetime maximum of ${shown(limit.value)} ${unit}.`;
      report('TPL227', { message, source: limit.source, labelled }, at, context);
      return;
    }
    const cumulative = amounts.cumulative && inUnit({ value: topOf(amounts.cumulative), unit: amounts.cumulative.unit }, unit);
    if (cumulative === undefined) return;
    const alone = lifetimeProblem(drug, { value: cumulative, unit });
    if (alone) {
      report('TPL227', alone, at, context);
      return;
    }
    sum += cumulative;
    if (sum > limit.value) {
      const message = `With this line the arm gives ${shown(sum)} ${unit} of ${drug.id}, beyond its lifetime maximum of ${shown(limit.value)} ${unit}, before any prior exposure.`;
      report('TPL227', { message, source: limit.source, labelled }, at, context);
      return;
    }
  }
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

export const regimenLimitChecks: Check = {
  // Per arm: `context.protocol` is the arm and what the trial is about (see check.ts).
  arm(_arm, context) {
    const protocol = context.protocol;
    const byArmAndDrug = new Map<S.Arm, Map<Drug, DoseSchedule[]>>();
    for (const schedule of scheduleOf(protocol).doses) {
      const drug = context.drug(schedule.dose.drug);
      if (!drug) continue;
      checkLine(schedule, drug, protocol, context);
      if (!drug.lifetimeMax || otherProduct(schedule.dose, drug)) continue;
      if (!countsForArm(schedule)) {
        checkLifetime([schedule], drug, context);
        continue;
      }
      let perDrug = byArmAndDrug.get(schedule.at.arm);
      if (!perDrug) byArmAndDrug.set(schedule.at.arm, (perDrug = new Map<Drug, DoseSchedule[]>()));
      const lines = perDrug.get(drug);
      if (lines) lines.push(schedule);
      else perDrug.set(drug, [schedule]);
    }
    for (const perDrug of byArmAndDrug.values()) for (const [drug, lines] of perDrug) checkLifetime(lines, drug, context);
  },
};
