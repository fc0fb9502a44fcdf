/**
 * The schedule engine: every dose line expanded into its administrations, once, and the counts
 * that follow — per cycle, cycles given, course total — as exact numbers, calendar ranges, caps
 * ("up to") or open-ended courses ("until progression"), never a guess. Everything that shows
 * or checks a schedule reads this module: the summary, hover, inlay hints, the timeline, the
 * checks and the exports. `test/unit/schedule.test.ts` compares it with an independent
 * day-by-day oracle on thousands of random regimens.
 *
 * Days: a dose inside a cycle block counts its days from the block's first day (cycle c's day d
 * is day (c - 1) × length + d); a dose line outside cycles counts from its phase's first day.
 * A course bounded in time (`for 9 weeks`, `up to 24 months`) holds every administration, and
 * a cycle block every cycle, that starts within it: `q3w for 4 weeks` is days 1 and 22. Months
 * and years are calendar lengths: 6 months is 181 to 184 days, and a count that depends on which
 * months is given as a range.
 */

import type * as S from './schema';
import { cyclesOf, dosesOfArm, type DoseAt } from './walk';
import { kept } from '../util/kept';

/** A count: exact, a calendar range, at most (a cap), open-ended, or not stated. */
export type Count =
  | { readonly kind: 'exact'; readonly value: number }
  | { readonly kind: 'range'; readonly min: number; readonly max: number }
  | { readonly kind: 'upTo'; readonly max: number }
  | { readonly kind: 'open' }
  | { readonly kind: 'unknown' };

/** One dosing day of a line. */
export interface Administration {
  /** The day, from the first day of the line's cycle block, or of its phase for a line outside cycles. */
  readonly day: number;
  /** The cycle (1-based) and its day, for a line inside a cycle block. */
  readonly cycle?: number;
  readonly cycleDay?: number;
  /** Administrations that day (bid is 2). */
  readonly times: number;
}

/** A problem with a line's or a block's schedule, for a diagnostic at `span`. */
export interface ScheduleProblem {
  readonly code: 'TPL232' | 'TPL235' | 'TPL236' | 'TPL237' | 'TPL238';
  readonly message: string;
  readonly span: S.Span;
}

/** What a dose line's schedule implies. */
export interface DoseSchedule {
  readonly dose: S.Dose;
  readonly at: DoseAt;
  /** Administrations in each cycle the line is given in (inside a cycle block). */
  readonly perCycle?: number;
  /** Given every `cycleStep` cycles of its block (q6w in 21-day cycles: 2). */
  readonly cycleStep?: number;
  /** The cycles of its block it is given in. */
  readonly cyclesGiven?: Count;
  /** Its administrations in all. */
  readonly total: Count;
  /**
   * Its dosing days: every one when the total is exact, a range (up to its maximum) or capped
   * (up to the cap); the first period of its pattern when it is open-ended (see `listed`); none
   * when the line does not say enough.
   */
  readonly administrations: readonly Administration[];
  /** The first and last day of `administrations`, found without laying them out where the line allows. */
  readonly dayRange?: { readonly first: number; readonly last: number };
  readonly listed: 'all' | 'period' | 'none';
  /** The length of its pattern in days (a cycle, k cycles, an interval), for per-period figures. */
  readonly periodDays?: number;
  /** Administrations in one period of its pattern. */
  readonly perPeriod?: number;
  /** Why open-ended. */
  readonly until?: S.Dose['until'];
}

/** What a cycle block implies. */
export interface CycleSchedule {
  readonly cycle: S.Cycle;
  readonly cycles: Count;
  /** The block's length in days. */
  readonly days: Count;
}

export interface ProtocolSchedule {
  readonly doses: readonly DoseSchedule[];
  readonly cycles: readonly CycleSchedule[];
  readonly problems: readonly ScheduleProblem[];
  /** The schedule of a dose line. */
  of(dose: S.Dose): DoseSchedule | undefined;
  cycleOf(cycle: S.Cycle): CycleSchedule | undefined;
}

/** No course is laid out past ten years of days (the model refuses longer ones). */
export const MAX_SCHEDULE_DAYS = 3660;

// ---- calendar lengths --------------------------------------------------------------------------

const monthRanges = new Map<number, { min: number; max: number }>();

/** The fewest and most days `months` consecutive calendar months can hold, over every start month of a 400-year Gregorian cycle. */
export function monthsInDays(months: number): { min: number; max: number } {
  const cached = monthRanges.get(months);
  if (cached) return cached;
  const lengths: number[] = [];
  for (let year = 2000; year < 2400 + Math.ceil(months / 12); year++) {
    for (let month = 0; month < 12; month++) lengths.push(new Date(Date.UTC(year, month + 1, 0)).getUTCDate());
  }
  let sum = 0;
  for (let i = 0; i < months; i++) sum += lengths[i];
  let min = sum;
  let max = sum;
  for (let start = 1; start < 4800; start++) {
    sum += lengths[start + months - 1] - lengths[start - 1];
    min = Math.min(min, sum);
    max = Math.max(max, sum);
  }
  const range = { min, max };
  monthRanges.set(months, range);
  return range;
}

/** A course length in days: exact for days and weeks, a range for months and years, undefined for cycles and doses. */
export function lengthInDays(length: S.Duration): { min: number; max: number } | undefined {
  switch (length.unit) {
    case 'days':
      return { min: length.value, max: length.value };
    case 'weeks':
      return { min: length.value * 7, max: length.value * 7 };
    case 'months':
      return Number.isInteger(length.value) ? monthsInDays(length.value) : { min: Math.floor(length.value * 28), max: Math.ceil(length.value * 31) };
    case 'years':
      return Number.isInteger(length.value * 12)
        ? monthsInDays(length.value * 12)
        : { min: Math.floor(length.value * 365), max: Math.ceil(length.value * 366) };
    default:
      return undefined;
  }
}

/** How many things every `every` days start within a course of `days` days (the first on day 1). */
function startsWithin(days: number, every: number): number {
  return days < 1 ? 0 : Math.floor((days - 1) / every) + 1;
}

function exact(value: number): Count {
  if (!(Number.isInteger(value) && value >= 0 && value < EXACT.length)) return { kind: 'exact', value };
  return (EXACT[value] ??= { kind: 'exact', value });
}

/**
 * Exact counts up to 4,095, made once: counts are never changed, and every line's schedule
 * holds one or two for as long as its document's analysis, which the garbage collector must
 * then copy and trace.
 */
const EXACT: Count[] = new Array<Count>(4096);

/** The count of `per`-day events within a time length: exact, or a range when the calendar decides. */
function countWithin(length: S.Duration, every: number): Count | undefined {
  const days = lengthInDays(length);
  if (!days) return undefined;
  const min = startsWithin(days.min, every);
  const max = startsWithin(days.max, every);
  return min === max ? exact(min) : { kind: 'range', min, max };
}

/** The largest a count can be, when it has a largest. */
export function maxOf(count: Count): number | undefined {
  switch (count.kind) {
    case 'exact':
      return count.value;
    case 'range':
    case 'upTo':
      return count.max;
    default:
      return undefined;
  }
}

/** A count capped at `cap`: a cap that never binds leaves an exact count or a range as it is. */
function capped(count: Count | undefined, cap: number): Count {
  if (!count || count.kind === 'open' || count.kind === 'unknown') return { kind: 'upTo', max: cap };
  if ((count.kind === 'exact' || count.kind === 'range') && maxOf(count)! <= cap) return count;
  return { kind: 'upTo', max: Math.min(maxOf(count)!, cap) };
}

/** Multiplies a count by a whole factor. */
export function scaled(count: Count, factor: number): Count {
  switch (count.kind) {
    case 'exact':
      return exact(count.value * factor);
    case 'range':
      return { kind: 'range', min: count.min * factor, max: count.max * factor };
    case 'upTo':
      return { kind: 'upTo', max: count.max * factor };
    default:
      return count;
  }
}

/** A count as words: `8`, `55 to 56`, `up to 35`, `open-ended`, `not stated`. */
export function countText(count: Count): string {
  switch (count.kind) {
    case 'exact':
      return String(count.value);
    case 'range':
      return `${count.min} to ${count.max}`;
    case 'upTo':
      return `up to ${count.max}`;
    case 'open':
      return 'open-ended';
    case 'unknown':
      return 'not stated';
  }
}

// ---- how a course ends --------------------------------------------------------------------------

type Ends = Pick<S.Cycle, 'count' | 'duration' | 'upTo' | 'until'>;

/**
 * How many units (cycles of `every` days, or administrations every `every` days) a course
 * holds, from its end clauses: exact counts and lengths give exact numbers (the smallest, when
 * two are given); `up to` and `until` make it a cap or open-ended. Undefined when nothing says.
 */
function courseCount(ends: Ends, every: number, unit: 'cycles' | 'doses', problems: ScheduleProblem[], at: S.Span): Count | undefined {
  const fixed: Count[] = [];
  if (ends.count !== undefined) fixed.push(exact(ends.count));
  if (ends.duration) {
    const byLength = ends.duration.unit === unit ? exact(ends.duration.value) : countWithin(ends.duration, every);
    if (byLength) fixed.push(byLength);
    else
      problems.push({
        code: 'TPL237',
        message: `'for ${ends.duration.value} ${ends.duration.unit}' does not say how long this course is; write a time (weeks, months) or 'x N'.`,
        span: ends.duration.span ?? at,
      });
  }
  let result: Count | undefined;
  if (fixed.length === 2) {
    const [a, b] = fixed.map((count) => maxOf(count)!);
    if (a !== b && fixed.every((count) => count.kind === 'exact')) {
      problems.push({
        code: 'TPL238',
        message: `'x ${ends.count}' and 'for ${ends.duration!.value} ${ends.duration!.unit}' give ${a} and ${b} ${unit}.`,
        span: at,
      });
    }
    result = maxOf(fixed[0])! <= maxOf(fixed[1])! ? fixed[0] : fixed[1];
  } else result = fixed[0];
  if (ends.upTo) {
    const cap = ends.upTo.unit === unit ? ends.upTo.value : maxOf(countWithin(ends.upTo, every) ?? { kind: 'unknown' });
    if (cap === undefined) {
      problems.push({
        code: 'TPL237',
        message: `'up to ${ends.upTo.value} ${ends.upTo.unit}' does not cap this course; write a time or ${unit === 'cycles' ? "'up to N cycles'" : "'up to N doses'"}.`,
        span: ends.upTo.span ?? at,
      });
    } else result = capped(result, cap);
  }
  if (ends.until?.length) {
    if (!result) return { kind: 'open' };
    if (result.kind === 'exact' || result.kind === 'range') return { kind: 'upTo', max: maxOf(result)! };
  }
  return result;
}

// ---- lines -------------------------------------------------------------------------------------

/** Administrations per dosing day: bid is 2. */
function perDayOf(dose: S.Dose): number {
  return dose.frequency?.perDay ?? 1;
}

/** The days of a cycle a line is given on: its days, or its frequency's days from day 1. */
function daysInCycle(dose: S.Dose, length: number): readonly number[] | undefined {
  const days = dose.days;
  if (days) {
    // Most lines' days are all within the cycle: then they are the line's own (no copy).
    for (const day of days) if (day > length) return days.filter((d) => d <= length);
    return days;
  }
  const interval = dose.frequency?.intervalDays;
  if (interval && interval <= length) {
    const found: number[] = [];
    for (let day = 1; day <= length; day += interval) found.push(day);
    return found;
  }
  if (dose.frequency?.text === 'once') return ONLY_DAY_ONE;
  return undefined;
}

const ONLY_DAY_ONE: readonly number[] = [1];

/** The smaller of two bounds, either of which may be absent. */
function smaller(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/** The cycles of its block a line is given in: `count` of them, every `step` cycles from `first`, or the first `count` of `list` when the line lists its cycles. */
interface CycleRun {
  readonly first: number;
  readonly step: number;
  readonly count: number;
  readonly list?: readonly number[];
}

/** The candidates up to cycle `last` (never past the longest schedule laid out): every `step` from `first`, or those of `explicit` (sorted, distinct). */
function runUpTo(first: number, step: number, explicit: readonly number[] | undefined, last: number): CycleRun {
  const end = Math.min(last, MAX_SCHEDULE_DAYS);
  if (!explicit) return { first, step, count: end < first ? 0 : Math.floor((end - first) / step) + 1 };
  const list = explicit.filter((c) => c <= end && (c - first) % step === 0);
  return { first, step, count: list.length, list };
}

/**
 * The cycles of its block a line is given in. Candidates: its `cycles` list, or every cycle from
 * `from cycle N` (1 by default), every `step` cycles. Bounds: the block's cycles (exact, a
 * calendar range, a cap, open-ended or not stated) and the line's own `for N cycles` and
 * `up to N …`, counted from its first cycle. The count is exact (or a range) only when the
 * block's is and nothing can stop the line earlier than its bounds (its own `until`, or a cap
 * that binds); a cap that never binds leaves an exact count exact. With no bound, `run` is the
 * first candidate alone: the first period of the line's pattern.
 */
function cyclesOfLine(
  dose: S.Dose,
  cycle: S.Cycle,
  block: Count,
  step: number,
  problems: ScheduleProblem[],
): { given: Count; run: CycleRun; bounded: boolean } {
  const length = cycle.lengthDays;
  let explicit: number[] | undefined;
  if (dose.cycles && 'items' in dose.cycles) {
    const set = new Set<number>();
    for (const item of dose.cycles.items) for (let c = item.from; c <= item.to; c++) set.add(c);
    explicit = [...set].sort((a, b) => a - b);
  }
  const first = explicit ? explicit[0] : dose.cycles && 'from' in dose.cycles ? dose.cycles.from : 1;

  if (explicit && block.kind === 'exact') {
    const beyond = explicit.filter((c) => c > block.value);
    if (beyond.length)
      problems.push({
        code: 'TPL236',
        message: `This block has ${block.value} cycle${block.value === 1 ? '' : 's'}: cycle${beyond.length === 1 ? '' : 's'} ${beyond.join(', ')} never come${beyond.length === 1 ? 's' : ''}.`,
        span: dose.cyclesSpan ?? dose.span,
      });
  } else if (!explicit && block.kind === 'exact' && first > block.value) {
    problems.push({
      code: 'TPL236',
      message: `This block has ${block.value} cycle${block.value === 1 ? '' : 's'}: cycle ${first} never comes.`,
      span: dose.cyclesSpan ?? dose.span,
    });
  }

  // The line's own last cycle, from `for N cycles` (or a time) and from `up to N cycles` (or a
  // time), and the last it lists: the fewest (`forLeast`) and most (`forMost`) a time allows.
  const ownFor = dose.duration ? (dose.duration.unit === 'cycles' ? exact(dose.duration.value) : countWithin(dose.duration, length)) : undefined;
  const forMost = ownFor ? first - 1 + maxOf(ownFor)! : undefined;
  const forLeast = ownFor ? first - 1 + (ownFor.kind === 'range' ? ownFor.min : maxOf(ownFor)!) : undefined;
  const ownCap =
    dose.upTo && dose.upTo.unit !== 'doses'
      ? dose.upTo.unit === 'cycles'
        ? dose.upTo.value
        : maxOf(countWithin(dose.upTo, length) ?? { kind: 'unknown' })
      : undefined;
  const capLast = ownCap === undefined ? undefined : first - 1 + ownCap;
  const listedLast = explicit ? explicit[explicit.length - 1] : undefined;
  const ownUntil = !!dose.until?.length;

  if (block.kind === 'exact' || block.kind === 'range') {
    const low = block.kind === 'exact' ? block.value : block.min;
    const high = block.kind === 'exact' ? block.value : block.max;
    const uncappedLast = smaller(smaller(high, forMost), listedLast)!;
    const run = runUpTo(first, step, explicit, smaller(uncappedLast, capLast)!);
    const fewest = runUpTo(first, step, explicit, smaller(smaller(smaller(low, forLeast), capLast), listedLast)!).count;
    // A cap that binds can end the line before its other bounds: then only "up to" is sure.
    const uncapped = capLast === undefined ? run.count : runUpTo(first, step, explicit, uncappedLast).count;
    if (ownUntil || run.count < uncapped) return { given: { kind: 'upTo', max: run.count }, run, bounded: true };
    return { given: fewest === run.count ? exact(run.count) : { kind: 'range', min: fewest, max: run.count }, run, bounded: true };
  }
  const last = smaller(smaller(smaller(block.kind === 'upTo' ? block.max : undefined, forMost), capLast), listedLast);
  if (last === undefined) return { given: block.kind === 'open' || ownUntil ? OPEN : UNKNOWN, run: { first, step, count: 1 }, bounded: false };
  const run = runUpTo(first, step, explicit, last);
  return { given: { kind: 'upTo', max: run.count }, run, bounded: true };
}

const OPEN: Count = { kind: 'open' };
const UNKNOWN: Count = { kind: 'unknown' };
const NONE: readonly Administration[] = [];

/**
 * A line's schedule. What it holds is kept as long as its document's analysis, so it holds
 * numbers rather than objects: its administrations one by one (for the views that draw them:
 * the timeline, USDM) are laid out when first read (`layOut`), and so are their first and last
 * days. A line given on a few days has them from the start.
 *
 * The fields are declared and assigned, not defined as class fields: a line is made for every
 * dose line of every analysis, and defining a field is a slower step than assigning it until V8
 * has optimised the constructor, which is where the benchmark's first runs are.
 */
abstract class Line implements DoseSchedule {
  declare readonly dose: S.Dose;
  declare readonly at: DoseAt;
  declare readonly total: Count;
  declare readonly listed: DoseSchedule['listed'];
  declare private laidOut: readonly Administration[] | undefined;

  constructor(dose: S.Dose, at: DoseAt, total: Count, listed: DoseSchedule['listed'], administrations: readonly Administration[] | undefined) {
    this.dose = dose;
    this.at = at;
    this.total = total;
    this.listed = listed;
    this.laidOut = administrations;
  }

  abstract readonly until: S.Dose['until'];
  abstract readonly dayRange: { readonly first: number; readonly last: number } | undefined;

  get administrations(): readonly Administration[] {
    return (this.laidOut ??= this.layOut());
  }

  protected abstract layOut(): Administration[];
}

/** A line of a cycle block: its days in each of the cycles it is given in, up to its cap on doses. */
class CycleLine extends Line {
  declare readonly perCycle: number | undefined;
  declare readonly cycleStep: number;
  declare readonly cyclesGiven: Count;
  /** The days of a cycle it is given on; undefined when the line does not say. */
  declare private readonly days: readonly number[] | undefined;
  /** The cycles it is given in, as far as they are laid out (the first alone for an open-ended line). */
  declare private readonly first: number;
  declare private readonly count: number;
  declare private readonly list: readonly number[] | undefined;
  declare private readonly doseCap: number | undefined;

  constructor(
    dose: S.Dose,
    at: DoseAt,
    total: Count,
    listed: DoseSchedule['listed'],
    perCycle: number | undefined,
    cycleStep: number,
    cyclesGiven: Count,
    days: readonly number[] | undefined,
    first: number,
    count: number,
    list: readonly number[] | undefined,
    doseCap: number | undefined,
  ) {
    super(dose, at, total, listed, undefined);
    this.perCycle = perCycle;
    this.cycleStep = cycleStep;
    this.cyclesGiven = cyclesGiven;
    this.days = days;
    this.first = first;
    this.count = count;
    this.list = list;
    this.doseCap = doseCap;
  }

  get until(): S.Dose['until'] {
    return this.dose.until ?? this.at.cycle!.until;
  }

  get periodDays(): number | undefined {
    return this.perCycle === undefined ? undefined : this.at.cycle!.lengthDays * this.cycleStep;
  }

  get perPeriod(): number | undefined {
    return this.perCycle;
  }

  /** The `index`-th (0-based) cycle it is given in. */
  private cycleAt(index: number): number {
    return this.list ? this.list[index] : this.first + index * this.cycleStep;
  }

  get dayRange(): { readonly first: number; readonly last: number } | undefined {
    // Without a cap on doses, the first and last days follow from the first and last cycles.
    const days = this.days;
    if (this.perCycle === undefined || !days?.length || !this.count || this.doseCap !== undefined) return undefined;
    const length = this.at.cycle!.lengthDays;
    return { first: (this.cycleAt(0) - 1) * length + days[0], last: (this.cycleAt(this.count - 1) - 1) * length + days[days.length - 1] };
  }

  protected layOut(): Administration[] {
    const days = this.days;
    const out: Administration[] = [];
    if (this.perCycle === undefined || !days) return out;
    const length = this.at.cycle!.lengthDays;
    const perDay = perDayOf(this.dose);
    let left = this.doseCap ?? Infinity;
    for (let i = 0; i < this.count; i++) {
      const c = this.cycleAt(i);
      for (const day of days) {
        if (left <= 0) break;
        const times = Math.min(perDay, left);
        left -= times;
        out.push({ day: (c - 1) * length + day, cycle: c, cycleDay: day, times });
      }
    }
    return out;
  }
}

/**
 * A line outside cycles. A course every `periodDays` days holds numbers and lays out its
 * administrations when read; the others (once, listed days, a count with no days) have their few
 * administrations, or none, from the start.
 */
class CourseLine extends Line {
  declare readonly periodDays: number | undefined;
  declare readonly perPeriod: number | undefined;
  /** For a course every `periodDays` days: its first day, and how many administrations it lays out (an open-ended course: one day's). */
  declare private readonly first: number | undefined;
  declare private readonly amount: number | undefined;

  constructor(
    dose: S.Dose,
    at: DoseAt,
    total: Count,
    listed: DoseSchedule['listed'],
    administrations: readonly Administration[] | undefined,
    periodDays?: number,
    perPeriod?: number,
    first?: number,
    amount?: number,
  ) {
    super(dose, at, total, listed, administrations);
    this.periodDays = periodDays;
    this.perPeriod = perPeriod;
    this.first = first;
    this.amount = amount;
  }

  get until(): S.Dose['until'] {
    return this.dose.until;
  }

  /** How many dosing days the course lays out (none past the longest schedule). */
  private dosingDays(): number {
    const first = this.first!;
    if (first > MAX_SCHEDULE_DAYS) return 0;
    return Math.min(Math.ceil(this.amount! / perDayOf(this.dose)), Math.floor((MAX_SCHEDULE_DAYS - first) / this.periodDays!) + 1);
  }

  get dayRange(): { readonly first: number; readonly last: number } | undefined {
    if (this.first === undefined) return undefined;
    const days = this.dosingDays();
    return days > 0 ? { first: this.first, last: this.first + (days - 1) * this.periodDays! } : undefined;
  }

  protected layOut(): Administration[] {
    const out: Administration[] = [];
    if (this.first === undefined) return out;
    const perDay = perDayOf(this.dose);
    let left = this.amount!;
    for (let k = 0, n = this.dosingDays(); k < n; k++) {
      const times = Math.min(perDay, left);
      left -= times;
      out.push({ day: this.first + k * this.periodDays!, times });
    }
    return out;
  }
}

function lineInCycle(at: DoseAt, cycle: S.Cycle, block: CycleSchedule, problems: ScheduleProblem[]): DoseSchedule {
  const dose = at.dose;
  const length = cycle.lengthDays;
  const perDay = perDayOf(dose);
  const interval = dose.frequency?.intervalDays;
  let step = 1;
  let days = daysInCycle(dose, length);
  if (!dose.days && interval && interval > length) {
    if (interval % length === 0) {
      step = interval / length;
      days = ONLY_DAY_ONE;
    } else {
      problems.push({
        code: 'TPL232',
        message: `'${dose.frequency!.text}' (every ${interval} days) is not a whole number of ${length}-day cycles; give the days or the cycles it falls on.`,
        span: dose.frequencySpan ?? dose.span,
      });
    }
  }
  const perCycle = days ? days.length * perDay : dose.count;
  const { given, run, bounded } = cyclesOfLine(dose, cycle, block.cycles, step, problems);
  if (perCycle === undefined) return new CycleLine(dose, at, UNKNOWN, 'none', undefined, step, given, undefined, run.first, 0, undefined, undefined);
  const doseCap = dose.upTo?.unit === 'doses' ? dose.upTo.value : undefined;
  let total = scaled(given, perCycle);
  if (doseCap !== undefined) total = capped(total, doseCap);
  if (bounded && run.count === 0 && !problems.some((problem) => problem.code === 'TPL236' && problem.span === (dose.cyclesSpan ?? dose.span))) {
    problems.push({ code: 'TPL236', message: `${dose.drug} is never given: none of its cycles is a cycle of this block.`, span: dose.cyclesSpan ?? dose.span });
  }
  const listed: DoseSchedule['listed'] = days ? (bounded ? 'all' : 'period') : 'none';
  return new CycleLine(dose, at, total, listed, perCycle, step, given, days, run.first, run.count, run.list, doseCap);
}

/** A line outside cycles: a course from its phase's first day (or its first stated day). */
function lineOnItsOwn(at: DoseAt, problems: ScheduleProblem[]): DoseSchedule {
  const dose = at.dose;
  const perDay = perDayOf(dose);
  const interval = dose.frequency?.intervalDays;
  const hasEnd = dose.count !== undefined || dose.duration !== undefined || dose.upTo !== undefined || !!dose.until?.length;
  if (dose.cycles) {
    // `cycles 1-4` or `from cycle 9` names cycles of a block this line is not in: its count is unknown, not guessed.
    const selection =
      'from' in dose.cycles
        ? `from cycle ${dose.cycles.from}`
        : `cycles ${dose.cycles.items.map((item) => (item.from === item.to ? `${item.from}` : `${item.from}-${item.to}`)).join(', ')}`;
    problems.push({
      code: 'TPL237',
      message: `'${selection}' picks cycles of a cycle block, and this line is in none; put it in a 'cycle' block or give its course in weeks.`,
      span: dose.cyclesSpan ?? dose.span,
    });
    return new CourseLine(dose, at, UNKNOWN, 'none', NONE);
  }
  if (dose.frequency?.text === 'once') return new CourseLine(dose, at, exact(1), 'all', [{ day: dose.days?.[0] ?? 1, times: 1 }]);
  if (dose.days && !interval && !hasEnd) {
    const administrations = dose.days.map((day) => ({ day, times: perDay }));
    const total = dose.days.length * perDay;
    return new CourseLine(dose, at, exact(total), 'all', administrations, undefined, total);
  }
  if (interval === undefined) {
    // `x N` alone: N administrations on days the line does not state.
    return dose.count !== undefined ? new CourseLine(dose, at, exact(dose.count), 'none', NONE) : new CourseLine(dose, at, UNKNOWN, 'none', NONE);
  }
  const first = dose.days?.[0] ?? 1;
  // Dosing days within its length and its time cap, then administrations: `x N` counts them,
  // `up to N doses` caps them.
  const timeCap = dose.upTo && dose.upTo.unit !== 'doses' ? dose.upTo : undefined;
  const doseCap = dose.upTo?.unit === 'doses' ? dose.upTo.value : undefined;
  const days = courseCount({ duration: dose.duration, upTo: timeCap, until: dose.until }, interval, 'doses', problems, dose.endSpan ?? dose.span);
  let total: Count | undefined = days && scaled(days, perDay);
  if (dose.count !== undefined) {
    if (!total) total = exact(dose.count);
    else if (total.kind === 'exact' || total.kind === 'range') {
      if (maxOf(total) !== dose.count)
        problems.push({
          code: 'TPL238',
          message: `'x ${dose.count}' and 'for ${dose.duration!.value} ${dose.duration!.unit}' give ${dose.count} and ${countText(total)} administrations.`,
          span: dose.endSpan ?? dose.span,
        });
      total = exact(Math.min(dose.count, maxOf(total)!));
    } else total = capped(total.kind === 'open' ? undefined : total, dose.count);
  }
  if (doseCap !== undefined) total = capped(total, doseCap);
  if (!total) {
    if (!hasEnd)
      problems.push({
        code: 'TPL235',
        message: `This course of ${dose.drug} has no length; add 'x N', 'for N weeks', 'up to …' or 'until progression'.`,
        span: dose.frequencySpan ?? dose.span,
      });
    return new CourseLine(dose, at, UNKNOWN, 'none', NONE, interval, perDay);
  }
  // Every administration (an open-ended course: its first day's), laid out when first read.
  const last = maxOf(total);
  return new CourseLine(dose, at, total, last === undefined ? 'period' : 'all', undefined, interval, perDay, first, last ?? perDay);
}

// ---- the protocol ------------------------------------------------------------------------------

function cycleSchedule(cycle: S.Cycle, problems: ScheduleProblem[]): CycleSchedule {
  const cycles = courseCount(cycle, cycle.lengthDays, 'cycles', problems, cycle.headerSpan);
  return { cycle, cycles: cycles ?? { kind: 'unknown' }, days: scaled(cycles ?? { kind: 'unknown' }, cycle.lengthDays) };
}

/**
 * The schedules of dose lines and cycle blocks, in order, and found by line or block: among a
 * few by looking, among more by a map made when first asked. An arm's are kept as long as its
 * document's analysis, and most arms have a handful of lines, so most never make a map.
 */
class Schedules implements ProtocolSchedule {
  readonly doses: DoseSchedule[] = [];
  readonly cycles: CycleSchedule[] = [];
  readonly problems: ScheduleProblem[] = [];
  private byDose: Map<S.Dose, DoseSchedule> | undefined;
  private byCycle: Map<S.Cycle, CycleSchedule> | undefined;

  addDose(schedule: DoseSchedule): void {
    this.doses.push(schedule);
    this.byDose?.set(schedule.dose, schedule);
  }

  addCycle(schedule: CycleSchedule): void {
    this.cycles.push(schedule);
    this.byCycle?.set(schedule.cycle, schedule);
  }

  of(dose: S.Dose): DoseSchedule | undefined {
    if (this.doses.length <= FEW) return this.doses.find((schedule) => schedule.dose === dose);
    this.byDose ??= new Map(this.doses.map((schedule) => [schedule.dose, schedule]));
    return this.byDose.get(dose);
  }

  cycleOf(cycle: S.Cycle): CycleSchedule | undefined {
    if (this.cycles.length <= FEW) return this.cycles.find((schedule) => schedule.cycle === cycle);
    this.byCycle ??= new Map(this.cycles.map((schedule) => [schedule.cycle, schedule]));
    return this.byCycle.get(cycle);
  }
}

/** Up to this many lines or blocks, one is found by looking through them. */
const FEW = 16;

const cache = kept<S.Protocol, ProtocolSchedule>('cache');

/**
 * Arms' schedules, kept as long as the arm: an arm depends on nothing outside it, and an arm an
 * edit did not touch keeps its model objects (moved in place), to which the schedule refers.
 */
const armCache = kept<S.Arm, Schedules>('armCache');

/** An arm's schedule: what `scheduleOf` gives for the arm alone. */
function armScheduleOf(arm: S.Arm): Schedules {
  return armCache.of(arm, scheduleArm);
}

function scheduleArm(arm: S.Arm): Schedules {
  const result = new Schedules();
  for (const at of dosesOfArm(arm)) {
    const cycle = at.cycle;
    let block = cycle && result.cycleOf(cycle);
    if (cycle && !block) result.addCycle((block = cycleSchedule(cycle, result.problems)));
    result.addDose(cycle ? lineInCycle(at, cycle, block!, result.problems) : lineOnItsOwn(at, result.problems));
  }
  // Blocks without doses still have a length.
  for (const phase of arm.phases) for (const cycle of cyclesOf(phase.steps)) if (!result.cycleOf(cycle)) result.addCycle(cycleSchedule(cycle, result.problems));
  return result;
}

/** The schedule of every dose line and cycle block of a protocol; computed once per protocol, from each arm's. */
export function scheduleOf(protocol: S.Protocol): ProtocolSchedule {
  return cache.of(protocol, scheduleProtocol);
}

function scheduleProtocol(protocol: S.Protocol): ProtocolSchedule {
  // A protocol of one arm (what each arm's checks see) has that arm's schedule.
  if (protocol.arms.length === 1) return armScheduleOf(protocol.arms[0]);
  const result = new Schedules();
  for (const arm of protocol.arms) {
    const own = armScheduleOf(arm);
    for (const schedule of own.doses) result.addDose(schedule);
    for (const schedule of own.cycles) result.addCycle(schedule);
    for (const problem of own.problems) result.problems.push(problem);
  }
  return result;
}
