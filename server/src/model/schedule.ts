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
  return { kind: 'exact', value };
}

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
function daysInCycle(dose: S.Dose, length: number): number[] | undefined {
  if (dose.days) return dose.days.filter((day) => day <= length);
  const interval = dose.frequency?.intervalDays;
  if (interval && interval <= length) {
    const days: number[] = [];
    for (let day = 1; day <= length; day += interval) days.push(day);
    return days;
  }
  if (dose.frequency?.text === 'once') return [1];
  return undefined;
}

/**
 * The cycles of its block a line is given in. Candidates: its `cycles` list, or every cycle from
 * `from cycle N` (1 by default), every `step` cycles. Bounds: the block's cycles (exact, a
 * calendar range, a cap, open-ended or not stated) and the line's own `for N cycles` and
 * `up to N …`, counted from its first cycle. The count is exact (or a range) only when the
 * block's is and nothing can stop the line earlier than its bounds (its own `until`, or a cap
 * that binds); a cap that never binds leaves an exact count exact.
 */
function cyclesOfLine(dose: S.Dose, cycle: S.Cycle, block: Count, step: number, problems: ScheduleProblem[]): { given: Count; numbers?: number[] } {
  const length = cycle.lengthDays;
  let explicit: number[] | undefined;
  if (dose.cycles && 'items' in dose.cycles) {
    const set = new Set<number>();
    for (const item of dose.cycles.items) for (let c = item.from; c <= item.to; c++) set.add(c);
    explicit = [...set].sort((a, b) => a - b);
  }
  const first = explicit ? explicit[0] : dose.cycles && 'from' in dose.cycles ? dose.cycles.from : 1;
  const wanted = (c: number) => c >= first && (c - first) % step === 0 && (explicit === undefined || explicit.includes(c));
  const numbersUpTo = (last: number) => {
    const numbers: number[] = [];
    for (let c = first; c <= Math.min(last, MAX_SCHEDULE_DAYS); c++) if (wanted(c)) numbers.push(c);
    return numbers;
  };
  const countUpTo = (last: number) => {
    let count = 0;
    for (let c = first; c <= Math.min(last, MAX_SCHEDULE_DAYS); c++) if (wanted(c)) count++;
    return count;
  };

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

  // The line's own last cycle, from `for N cycles` (or a time) and from `up to N cycles` (or a time).
  const ownFor = dose.duration ? (dose.duration.unit === 'cycles' ? exact(dose.duration.value) : countWithin(dose.duration, length)) : undefined;
  const ownCap =
    dose.upTo && dose.upTo.unit !== 'doses'
      ? dose.upTo.unit === 'cycles'
        ? dose.upTo.value
        : maxOf(countWithin(dose.upTo, length) ?? { kind: 'unknown' })
      : undefined;
  const lineLast = (blockLast: number | undefined, own: 'min' | 'max', withCap = true) => {
    // The smallest of the bounds there are (no array: this runs three times for every line).
    let last = blockLast;
    const bound = (n: number) => (last = last === undefined ? n : Math.min(last, n));
    if (ownFor) bound(first - 1 + (own === 'min' && ownFor.kind === 'range' ? ownFor.min : maxOf(ownFor)!));
    if (ownCap !== undefined && withCap) bound(first - 1 + ownCap);
    if (explicit) bound(explicit[explicit.length - 1]);
    return last;
  };
  const ownUntil = !!dose.until?.length;

  if (block.kind === 'exact' || block.kind === 'range') {
    const low = block.kind === 'exact' ? block.value : block.min;
    const high = block.kind === 'exact' ? block.value : block.max;
    const numbers = numbersUpTo(lineLast(high, 'max')!);
    const fewest = countUpTo(lineLast(low, 'min')!);
    // A cap that binds can end the line before its other bounds: then only "up to" is sure.
    const uncapped = countUpTo(lineLast(high, 'max', false)!);
    if (ownUntil || numbers.length < uncapped) return { given: { kind: 'upTo', max: numbers.length }, numbers };
    return { given: fewest === numbers.length ? exact(numbers.length) : { kind: 'range', min: fewest, max: numbers.length }, numbers };
  }
  const last = lineLast(block.kind === 'upTo' ? block.max : undefined, 'max');
  if (last === undefined) return { given: block.kind === 'open' || ownUntil ? { kind: 'open' } : { kind: 'unknown' } };
  const numbers = numbersUpTo(last);
  return { given: { kind: 'upTo', max: numbers.length }, numbers };
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
      days = [1];
    } else {
      problems.push({
        code: 'TPL232',
        message: `'${dose.frequency!.text}' (every ${interval} days) is not a whole number of ${length}-day cycles; give the days or the cycles it falls on.`,
        span: dose.frequencySpan ?? dose.span,
      });
    }
  }
  // The fields every line has (written out: spreading a shared object into each result was most of this function's time).
  const until = dose.until ?? cycle.until;
  const perCycle = days ? days.length * perDay : dose.count;
  const { given, numbers } = cyclesOfLine(dose, cycle, block.cycles, step, problems);
  if (perCycle === undefined) return { dose, at, until, cycleStep: step, cyclesGiven: given, total: { kind: 'unknown' }, administrations: [], listed: 'none' };
  let total = scaled(given, perCycle);
  if (dose.upTo?.unit === 'doses') total = capped(total, dose.upTo.value);
  if (
    numbers !== undefined &&
    numbers.length === 0 &&
    !problems.some((problem) => problem.code === 'TPL236' && problem.span === (dose.cyclesSpan ?? dose.span))
  ) {
    problems.push({ code: 'TPL236', message: `${dose.drug} is never given: none of its cycles is a cycle of this block.`, span: dose.cyclesSpan ?? dose.span });
  }
  const listed: DoseSchedule['listed'] = days ? (numbers ? 'all' : 'period') : 'none';
  const cycleNumbers = numbers ?? [dose.cycles && 'from' in dose.cycles ? dose.cycles.from : 1];
  // The administrations one by one are for the views that draw them (the timeline, USDM): laid
  // out when first read, so that checking a document allocates none of them.
  let administrations: Administration[] | undefined;
  const expand = (): Administration[] => {
    const out: Administration[] = [];
    if (!days) return out;
    let left = dose.upTo?.unit === 'doses' ? dose.upTo.value : Infinity;
    for (const c of cycleNumbers) {
      for (const day of days) {
        if (left <= 0) break;
        const times = Math.min(perDay, left);
        left -= times;
        out.push({ day: (c - 1) * length + day, cycle: c, cycleDay: day, times });
      }
    }
    return out;
  };
  // Without a cap on doses, the first and last days follow from the first and last cycles.
  const dosesCapped = dose.upTo?.unit === 'doses';
  const dayRange =
    days?.length && cycleNumbers.length && !dosesCapped
      ? { first: (cycleNumbers[0] - 1) * length + days[0], last: (cycleNumbers[cycleNumbers.length - 1] - 1) * length + days[days.length - 1] }
      : undefined;
  return {
    dose,
    at,
    until,
    perCycle,
    cycleStep: step,
    cyclesGiven: given,
    total,
    get administrations() {
      return (administrations ??= expand());
    },
    ...(dayRange ? { dayRange } : {}),
    listed,
    periodDays: length * step,
    perPeriod: perCycle,
  };
}

/** A line outside cycles: a course from its phase's first day (or its first stated day). */
function lineOnItsOwn(at: DoseAt, problems: ScheduleProblem[]): DoseSchedule {
  const dose = at.dose;
  const until = dose.until;
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
    return { dose, at, until, total: { kind: 'unknown' }, administrations: [], listed: 'none' };
  }
  if (dose.frequency?.text === 'once') return { dose, at, until, total: exact(1), administrations: [{ day: dose.days?.[0] ?? 1, times: 1 }], listed: 'all' };
  if (dose.days && !interval && !hasEnd) {
    const administrations = dose.days.map((day) => ({ day, times: perDay }));
    return { dose, at, until, total: exact(dose.days.length * perDay), administrations, listed: 'all', perPeriod: dose.days.length * perDay };
  }
  if (interval === undefined) {
    // `x N` alone: N administrations on days the line does not state.
    if (dose.count !== undefined) return { dose, at, until, total: exact(dose.count), administrations: [], listed: 'none' };
    return { dose, at, until, total: { kind: 'unknown' }, administrations: [], listed: 'none' };
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
    return { dose, at, until, total: { kind: 'unknown' }, administrations: [], listed: 'none', periodDays: interval, perPeriod: perDay };
  }
  const last = maxOf(total);
  const administrations: Administration[] = [];
  let left = last ?? perDay;
  for (let k = 0; left > 0 && first + k * interval <= MAX_SCHEDULE_DAYS; k++) {
    const times = Math.min(perDay, left);
    left -= times;
    administrations.push({ day: first + k * interval, times });
  }
  return { dose, at, until, total, administrations, listed: last === undefined ? 'period' : 'all', periodDays: interval, perPeriod: perDay };
}

// ---- the protocol ------------------------------------------------------------------------------

function cycleSchedule(cycle: S.Cycle, problems: ScheduleProblem[]): CycleSchedule {
  const cycles = courseCount(cycle, cycle.lengthDays, 'cycles', problems, cycle.headerSpan);
  return { cycle, cycles: cycles ?? { kind: 'unknown' }, days: scaled(cycles ?? { kind: 'unknown' }, cycle.lengthDays) };
}

const cache = new WeakMap<S.Protocol, ProtocolSchedule>();

/** An arm's schedule: what `scheduleOf` gives for the arm alone. */
interface ArmSchedule {
  readonly doses: ReadonlyMap<S.Dose, DoseSchedule>;
  readonly blocks: ReadonlyMap<S.Cycle, CycleSchedule>;
  readonly problems: readonly ScheduleProblem[];
}

/**
 * Arms' schedules, kept as long as the arm: an arm depends on nothing outside it, and an arm an
 * edit did not touch keeps its model objects (moved in place), to which the schedule refers.
 */
const armCache = new WeakMap<S.Arm, ArmSchedule>();

function armScheduleOf(arm: S.Arm): ArmSchedule {
  const cached = armCache.get(arm);
  if (cached) return cached;
  const problems: ScheduleProblem[] = [];
  const blocks = new Map<S.Cycle, CycleSchedule>();
  const doses = new Map<S.Dose, DoseSchedule>();
  for (const at of dosesOfArm(arm)) {
    if (at.cycle && !blocks.has(at.cycle)) blocks.set(at.cycle, cycleSchedule(at.cycle, problems));
    const schedule = at.cycle ? lineInCycle(at, at.cycle, blocks.get(at.cycle)!, problems) : lineOnItsOwn(at, problems);
    doses.set(at.dose, schedule);
  }
  // Blocks without doses still have a length.
  for (const phase of arm.phases) for (const cycle of cyclesOf(phase.steps)) if (!blocks.has(cycle)) blocks.set(cycle, cycleSchedule(cycle, problems));
  const result = { doses, blocks, problems };
  armCache.set(arm, result);
  return result;
}

/** The schedule of every dose line and cycle block of a protocol; computed once per protocol, from each arm's. */
export function scheduleOf(protocol: S.Protocol): ProtocolSchedule {
  const cached = cache.get(protocol);
  if (cached) return cached;
  const arms = protocol.arms.map(armScheduleOf);
  const byDose = new Map<S.Dose, DoseSchedule>();
  const byCycle = new Map<S.Cycle, CycleSchedule>();
  for (const arm of arms) {
    for (const [dose, schedule] of arm.doses) byDose.set(dose, schedule);
    for (const [cycle, schedule] of arm.blocks) byCycle.set(cycle, schedule);
  }
  const result: ProtocolSchedule = {
    doses: [...byDose.values()],
    cycles: [...byCycle.values()],
    problems: arms.flatMap((arm) => arm.problems),
    of: (dose) => byDose.get(dose),
    cycleOf: (cycle) => byCycle.get(cycle),
  };
  cache.set(protocol, result);
  return result;
}
