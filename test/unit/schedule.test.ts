/**
 * The schedule engine against an oracle. The oracle is written separately, from the language's
 * rules, not from the engine: it walks a course day by day (a cycle block's days one after
 * another, cycle c's day d being day (c - 1) × length + d) and counts what is given on each day;
 * calendar months are counted with dates (the same day of the month N months later, or that
 * month's last day). The random regimens are printed as `.trial` text, analysed, and the
 * engine's counts compared with the oracle's: the kind (exact, a calendar range, up to a cap,
 * open-ended, not stated), the numbers, and — for exact counts — the days themselves.
 */

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText } from '../../server/src/analysis/analysis';
import { round } from '../../server/src/model/amounts';
import { scheduleOf, type Count } from '../../server/src/model/schedule';
import { dosesOf } from '../../server/src/model/walk';

const SEED = 20261129;
const RUNS = 12000;

// ---- the oracle ---------------------------------------------------------------------------------

const DAY = 86_400_000;

/** Days in N months from a date: to the same day N months later, or that month's last day. */
function monthSpan(startYear: number, startMonth: number, startDay: number, months: number): number {
  const start = Date.UTC(startYear, startMonth, startDay);
  const targetMonth = startMonth + months;
  const lastDay = new Date(Date.UTC(startYear, targetMonth + 1, 0)).getUTCDate();
  const end = Date.UTC(startYear, targetMonth, Math.min(startDay, lastDay));
  return Math.round((end - start) / DAY);
}

const spans = new Map<number, { min: number; max: number }>();

/** The fewest and most days N months can hold, from every start day of four centuries. */
function oracleMonths(months: number): { min: number; max: number } {
  const known = spans.get(months);
  if (known) return known;
  let min = Infinity;
  let max = -Infinity;
  for (let year = 2000; year < 2400; year++) {
    for (let month = 0; month < 12; month++) {
      for (const day of [1, 15, 28, 29, 30, 31]) {
        if (new Date(Date.UTC(year, month, day)).getUTCMonth() !== month) continue;
        const span = monthSpan(year, month, day, months);
        min = Math.min(min, span);
        max = Math.max(max, span);
      }
    }
  }
  const range = { min, max };
  spans.set(months, range);
  return range;
}

type Length = { value: number; unit: 'days' | 'weeks' | 'months' | 'cycles' | 'doses' };

/** A length in days: fixed for days and weeks, a range for months. */
function daysOf(length: Length): { min: number; max: number } | undefined {
  if (length.unit === 'days') return { min: length.value, max: length.value };
  if (length.unit === 'weeks') return { min: 7 * length.value, max: 7 * length.value };
  if (length.unit === 'months') return oracleMonths(length.value);
  return undefined;
}

interface Ends {
  count?: number;
  duration?: Length;
  upTo?: Length;
  until?: boolean;
}

interface CycleDose {
  days?: number[];
  interval?: number;
  perDay: number;
  cycles?: { from: number; to: number }[];
  fromCycle?: number;
  ownUpTo?: Length;
  ownUntil?: boolean;
  ownFor?: number;
}

/**
 * The oracle's count for a dose in a cycle block. A day of the block is a dosing day when its
 * cycle is one the dose is given in (its list, or from its first cycle; every `interval / length`
 * cycles for an interval longer than the cycle) and the day of the cycle is one of its days (or,
 * with an interval, 1 + k × interval). Certain bounds (the block's `x N` and `for`, the dose's
 * list and `for N cycles`) give exact counts, or a range when calendar months decide; a cap
 * (`up to`) that cuts the count, or an `until`, leaves only "up to"; an `until` alone leaves
 * no bound at all.
 */
function oracleInCycle(length: number, block: Ends, dose: CycleDose): { kind: string; min?: number; max?: number; days?: number[] } {
  const first = dose.cycles ? Math.min(...dose.cycles.map((c) => c.from)) : (dose.fromCycle ?? 1);
  const dosingDays = (lastCycle: number) => {
    const days: number[] = [];
    let total = 0;
    for (let blockDay = 1; blockDay <= lastCycle * length; blockDay++) {
      const cycle = Math.floor((blockDay - 1) / length) + 1;
      const day = ((blockDay - 1) % length) + 1;
      if (cycle < first) continue;
      if (dose.cycles && !dose.cycles.some((c) => c.from <= cycle && cycle <= c.to)) continue;
      let given: boolean;
      if (dose.days) given = dose.days.includes(day);
      else if (dose.interval! <= length) given = (day - 1) % dose.interval! === 0;
      else given = (blockDay - ((first - 1) * length + 1)) % dose.interval! === 0;
      if (given) {
        days.push(blockDay);
        total += dose.perDay;
      }
    }
    return { days, total };
  };
  const cyclesIn = (days: number) => Math.floor((days - 1) / length) + 1;
  // The block: certain cycles (low, high), a cap, and whether it is open-ended.
  let low: number | undefined;
  let high: number | undefined;
  if (block.count !== undefined) [low, high] = [block.count, block.count];
  if (block.duration) {
    const d = daysOf(block.duration)!;
    [low, high] = [Math.min(low ?? Infinity, cyclesIn(d.min)), Math.min(high ?? Infinity, cyclesIn(d.max))];
  }
  const blockCap = block.upTo ? (block.upTo.unit === 'cycles' ? block.upTo.value : cyclesIn(daysOf(block.upTo)!.max)) : undefined;
  // The dose: its certain last cycle (its list's end, its `for N cycles`) and its cap.
  const certainLast = Math.min(
    dose.cycles ? Math.max(...dose.cycles.map((c) => c.to)) : Infinity,
    dose.ownFor !== undefined ? first + dose.ownFor - 1 : Infinity,
  );
  const ownCap = dose.ownUpTo ? first + dose.ownUpTo.value - 1 : Infinity;
  const blockSure = low !== undefined && blockCap === undefined && !block.until;
  if (blockSure) {
    const top = Math.min(high!, certainLast);
    const withCap = dosingDays(Math.min(top, ownCap));
    const withoutCap = dosingDays(top);
    if (dose.ownUntil || withCap.total < withoutCap.total) return { kind: 'upTo', max: withCap.total };
    const fewest = dosingDays(Math.min(low!, certainLast, ownCap)).total;
    return fewest === withCap.total ? { kind: 'exact', min: fewest, max: fewest, days: withCap.days } : { kind: 'range', min: fewest, max: withCap.total };
  }
  const last = Math.min(low !== undefined ? high! : Infinity, blockCap ?? Infinity, certainLast, ownCap);
  if (last !== Infinity) return { kind: 'upTo', max: dosingDays(last).total };
  return block.until || dose.ownUntil ? { kind: 'open' } : { kind: 'unknown' };
}

interface Course {
  interval: number;
  perDay: number;
  ends: Ends;
  upToDoses?: number;
}

/**
 * The oracle's count for a course outside cycles: dosing days 1, 1 + interval, … that start
 * within its length (`for`) and its time cap, each giving `perDay` administrations; `x N` counts
 * administrations; `up to N doses` caps them. Certain when a length or `x N` bounds it and no
 * cap cuts it and no `until` stands.
 */
function oracleCourse(course: Course): { kind: string; min?: number; max?: number; days?: number[] } {
  const { interval, perDay, ends } = course;
  const administer = (lastDay: number, most = Infinity) => {
    const days: number[] = [];
    let total = 0;
    for (let day = 1; day <= lastDay && total < most; day += interval) {
      days.push(day);
      total += Math.min(perDay, most - total);
    }
    return { days, total };
  };
  const length = ends.duration ? daysOf(ends.duration)! : undefined;
  const timeCap = ends.upTo ? daysOf(ends.upTo)!.max : Infinity;
  const cap = Math.min(ends.count ?? Infinity, course.upToDoses ?? Infinity);
  const certain = length !== undefined || ends.count !== undefined;
  if (!certain) {
    if (timeCap === Infinity && cap === Infinity) return ends.until ? { kind: 'open' } : { kind: 'unknown' };
    return { kind: 'upTo', max: administer(timeCap, cap).total };
  }
  // The certain bound alone: the length's days, or x N administrations.
  const most = ends.count ?? Infinity;
  const high = administer(length ? length.max : Infinity, most);
  const low = administer(length ? length.min : Infinity, most);
  const cut = administer(Math.min(length ? length.max : Infinity, timeCap), cap);
  if (ends.until && ends.count === undefined) return { kind: 'upTo', max: cut.total };
  if (ends.until || cut.total < high.total) return { kind: 'upTo', max: cut.total };
  return low.total === high.total ? { kind: 'exact', min: high.total, max: high.total, days: high.days } : { kind: 'range', min: low.total, max: high.total };
}

// ---- regimens as text --------------------------------------------------------------------------

function lengthText(length: Length): string {
  return `${length.value} ${length.unit}`;
}

function endsText(ends: Ends): string {
  const clauses: string[] = [];
  if (ends.count !== undefined) clauses.push(`x ${ends.count}`);
  if (ends.duration) clauses.push(`for ${lengthText(ends.duration)}`);
  if (ends.until) clauses.push('until progression');
  if (ends.upTo) clauses.push(`up to ${lengthText(ends.upTo)}`);
  return clauses.join(', ');
}

const timeLength = fc.oneof(
  fc.record({ value: fc.integer({ min: 1, max: 60 }), unit: fc.constant('days' as const) }),
  fc.record({ value: fc.integer({ min: 1, max: 40 }), unit: fc.constant('weeks' as const) }),
  fc.record({ value: fc.integer({ min: 1, max: 24 }), unit: fc.constant('months' as const) }),
);

const blockEnds: fc.Arbitrary<Ends> = fc.oneof(
  fc.record({ count: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ upTo: fc.record({ value: fc.integer({ min: 1, max: 12 }), unit: fc.constant('cycles' as const) }) }),
  fc.record({ until: fc.constant(true) }),
  fc.record({
    until: fc.constant(true),
    upTo: fc.oneof(fc.record({ value: fc.integer({ min: 1, max: 12 }), unit: fc.constant('cycles' as const) }), timeLength),
  }),
  fc.record({ duration: timeLength }),
  fc.record({ upTo: timeLength }),
  fc.record({ count: fc.integer({ min: 1, max: 12 }), until: fc.constant(true) }),
);

const cycleLength = fc.constantFrom(7, 14, 21, 28);

const cycleCase = cycleLength.chain((length) =>
  fc.record({
    length: fc.constant(length),
    block: blockEnds,
    dose: fc.record(
      {
        schedule: fc.oneof(
          fc.uniqueArray(fc.integer({ min: 1, max: length }), { minLength: 1, maxLength: 4 }).map((days) => ({ days: days.sort((a, b) => a - b) })),
          fc.constantFrom(
            { frequency: 'daily', interval: 1 },
            { frequency: 'bid', interval: 1, perDay: 2 },
            { frequency: 'weekly', interval: 7 },
            ...(length % 7 === 0 ? [{ frequency: `q${(length / 7) * 2}w`, interval: length * 2 }] : []),
            ...(length % 7 === 0 ? [{ frequency: `q${(length / 7) * 3}w`, interval: length * 3 }] : []),
          ),
        ),
        selection: fc.oneof(
          fc.constant(undefined),
          fc.integer({ min: 1, max: 8 }).chain((from) => fc.integer({ min: from, max: 10 }).map((to) => ({ cycles: [{ from, to }] }))),
          fc.integer({ min: 1, max: 8 }).map((from) => ({ fromCycle: from })),
        ),
        own: fc.oneof(
          fc.constant(undefined),
          fc.integer({ min: 1, max: 10 }).map((value) => ({ ownUpTo: { value, unit: 'cycles' as const } })),
          fc.constant({ ownUntil: true }),
          fc.integer({ min: 1, max: 10 }).map((value) => ({ ownFor: value })),
        ),
      },
      { requiredKeys: ['schedule', 'selection', 'own'] },
    ),
  }),
);

const courseCase = fc.record({
  frequency: fc.constantFrom(
    { text: 'daily', interval: 1, perDay: 1 },
    { text: 'bid', interval: 1, perDay: 2 },
    { text: 'weekly', interval: 7, perDay: 1 },
    { text: 'q2w', interval: 14, perDay: 1 },
    { text: 'q3w', interval: 21, perDay: 1 },
    { text: 'q4w', interval: 28, perDay: 1 },
    { text: 'q6w', interval: 42, perDay: 1 },
    { text: 'q10d', interval: 10, perDay: 1 },
  ),
  ends: fc.oneof(
    fc.record({ count: fc.integer({ min: 1, max: 30 }) }),
    fc.record({ duration: timeLength }),
    fc.record({ upTo: timeLength }),
    fc.record({ until: fc.constant(true) }),
    fc.record({ until: fc.constant(true), upTo: timeLength }),
    fc.record({ count: fc.integer({ min: 1, max: 30 }), until: fc.constant(true) }),
  ),
  upToDoses: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
});

function compare(engine: Count, oracle: { kind: string; min?: number; max?: number }, where: string): void {
  assert.equal(engine.kind, oracle.kind, `${where}: kind`);
  if (engine.kind === 'exact') assert.equal(engine.value, oracle.max, `${where}: total`);
  if (engine.kind === 'range') assert.deepEqual([engine.min, engine.max], [oracle.min, oracle.max], `${where}: range`);
  if (engine.kind === 'upTo') assert.equal(engine.max, oracle.max, `${where}: cap`);
}

describe('amounts: rounding to 12 significant digits', () => {
  const byString = (value: number) => (Number.isInteger(value) && Math.abs(value) < 1e12 ? value + 0 : Number(value.toPrecision(12)));

  it('is Number(value.toPrecision(12)) on any double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => Object.is(round(value), byString(value))),
      { numRuns: 20_000, seed: SEED },
    );
  });

  it('is Number(value.toPrecision(12)) on doses times factors, and near whole numbers and halves', () => {
    const factors = [0.1, 0.3, 1.7, 1.73, 1.8, 70, 7 / 21, 7 / 14, 7 / 28, 1 / 3, 150];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 11 }),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: -3, max: 3 }),
        fc.constantFrom(...factors),
        (whole, digits, nudge, factor) => {
          const near = whole + nudge * 10 ** -digits;
          const half = whole / 10 ** digits + 0.5 * 10 ** -(digits + 11);
          return [near, -near, half, (whole % 5000) * factor, ((whole % 5000) / 10) * factor].every((value) => Object.is(round(value), byString(value)));
        },
      ),
      { numRuns: 20_000, seed: SEED + 2 },
    );
  });
});

describe('schedule engine against a day-by-day oracle', function () {
  this.timeout(600_000);

  it(`counts doses in cycle blocks as the oracle does (${RUNS} random regimens)`, function () {
    fc.assert(
      fc.property(cycleCase, ({ length, block, dose }) => {
        const schedule = 'days' in dose.schedule ? `days ${dose.schedule.days.join(', ')}` : dose.schedule.frequency;
        const selection = !dose.selection
          ? ''
          : 'cycles' in dose.selection
            ? ` cycles ${dose.selection.cycles[0].from}-${dose.selection.cycles[0].to}`
            : ` from cycle ${dose.selection.fromCycle}`;
        const own = !dose.own
          ? ''
          : 'ownUpTo' in dose.own
            ? ` up to ${dose.own.ownUpTo.value} cycles`
            : 'ownUntil' in dose.own
              ? ' until toxicity'
              : ` for ${dose.own.ownFor} cycles`;
        const text = `arm a "A" other {\n  cycle ${length} days ${endsText(block)} {\n    x 10 mg ${schedule}${selection}${own}\n  }\n}\n`;
        const analysis = analyzeText(text);
        assert.deepEqual(analysis.parse.errors, [], text);
        const [at] = [...dosesOf(analysis.protocol)];
        const line = scheduleOf(analysis.protocol).of(at.dose)!;
        const oracle = oracleInCycle(length, block, {
          ...('days' in dose.schedule ? { days: dose.schedule.days } : { interval: dose.schedule.interval }),
          perDay: 'perDay' in dose.schedule ? (dose.schedule.perDay ?? 1) : 1,
          ...(dose.selection ?? {}),
          ...(dose.own ?? {}),
        });
        compare(line.total, oracle, text);
        if (oracle.kind === 'exact' && oracle.days && line.listed === 'all')
          assert.deepEqual(
            line.administrations.map((a) => a.day),
            oracle.days,
            `${text}: the days`,
          );
        // The first and last day the engine gives without laying the administrations out are theirs.
        if (line.dayRange && line.administrations.length)
          assert.deepEqual(
            [line.dayRange.first, line.dayRange.last],
            [line.administrations[0].day, line.administrations[line.administrations.length - 1].day],
            `${text}: the day range`,
          );
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it(`counts courses outside cycles as the oracle does (${RUNS} random courses)`, function () {
    fc.assert(
      fc.property(courseCase, ({ frequency, ends, upToDoses }) => {
        const clauses = [endsText(ends), upToDoses !== undefined ? `up to ${upToDoses} doses` : ''].filter(Boolean);
        // `up to` stands once on a line: a time cap and a dose cap do not go together.
        if ('upTo' in ends && upToDoses !== undefined) return;
        const text = `arm a "A" other {\n  x 10 mg ${frequency.text} ${clauses.join(', ')}\n}\n`;
        const analysis = analyzeText(text);
        assert.deepEqual(analysis.parse.errors, [], text);
        const [at] = [...dosesOf(analysis.protocol)];
        const line = scheduleOf(analysis.protocol).of(at.dose)!;
        const oracle = oracleCourse({ interval: frequency.interval, perDay: frequency.perDay, ends, upToDoses });
        compare(line.total, oracle, text);
        if (oracle.kind === 'exact' && oracle.days && line.listed === 'all')
          assert.deepEqual(
            line.administrations.map((a) => a.day),
            oracle.days,
            `${text}: the days`,
          );
        // The first and last day the engine gives without laying the administrations out are theirs.
        if (line.administrations.length)
          assert.deepEqual(
            [line.dayRange?.first, line.dayRange?.last],
            [line.administrations[0].day, line.administrations[line.administrations.length - 1].day],
            `${text}: the day range`,
          );
      }),
      { numRuns: RUNS, seed: SEED + 1 },
    );
  });

  it('counts what the issue found wrong: q6w in 21-day cycles, q3w for 4 weeks', function () {
    const count = (text: string) => {
      const protocol = analyzeText(text).protocol;
      return scheduleOf(protocol).of([...dosesOf(protocol)][0].dose)!.total;
    };
    // Every other cycle from cycle 1: cycles 1, 3, 5, 7 of 8.
    assert.deepEqual(count('arm a "A" other {\n  cycle 21 days x 8 { ipilimumab 1 mg/kg q6w }\n}'), { kind: 'exact', value: 4 });
    // Days 1 and 22.
    assert.deepEqual(count('arm a "A" other {\n  pembrolizumab 200 mg q3w for 4 weeks\n}'), { kind: 'exact', value: 2 });
    // Up to two years of q2w: days 1, 15, …, 729.
    assert.deepEqual(count('arm a "A" other {\n  nivolumab 240 mg q2w until progression, up to 2 years\n}'), { kind: 'upTo', max: 53 });
  });
});
