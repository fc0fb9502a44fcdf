/**
 * The words of the language that are not registry fields: top-level keywords, routes,
 * frequencies, phases, time units, and one line of documentation for each keyword. The parser,
 * completion, hover, semantic tokens and the grammar test read them from here. Plain data.
 */

import { ADMINISTRATION_MODE, PHASE_NAME, ROUTE, STOP_REASON, WINDOW_ANCHOR } from './enums';

/** Words that start a top-level item, with their documentation, in the order completion offers them. */
export const TOP_LEVEL: Readonly<Record<string, string>> = {
  trial: 'The trial block: identification, status, dates, design and registry fields. The identifier is the NCT number.',
  drug: 'Declares a drug by its generic name, optionally with how the protocol names it and a block of route, aka, class, note.',
  intervention: "Declares a registry intervention: identifier, type (drug, procedure…) and name. Arms list theirs with 'uses'.",
  arm: 'An arm: identifier, label, type (experimental, no_intervention…), then its phases, cycles, doses and surgery.',
  eligibility: 'The eligibility block: age, sex, healthy volunteers, and include/exclude criteria.',
  outcome: 'An outcome measure: optionally primary, secondary or other, the measure, and a block with time_frame and description.',
};

/** Words that start a top-level item; inside a block, one at the start of a line means a `}` is missing. */
export const TOP_LEVEL_KEYWORDS: ReadonlySet<string> = new Set(Object.keys(TOP_LEVEL));

/** Words that open a treatment phase in an arm. */
export const PHASE_KEYWORDS: ReadonlySet<string> = new Set(PHASE_NAME.words);

/** Route words, upper case as prescriptions write them. */
export const ROUTES: ReadonlySet<string> = new Set(ROUTE.words);

/** Routes in upper and lower case, so a lookup costs no string copy. */
const ROUTE_SPELLINGS: ReadonlySet<string> = new Set([...ROUTES, ...[...ROUTES].map((route) => route.toLowerCase())]);

/** True for a route word in any case (`IV`, `iv`, `Iv`). */
export function isRouteWord(word: string): boolean {
  return ROUTE_SPELLINGS.has(word) || (word.length <= 3 && ROUTES.has(word.toUpperCase()));
}

/** What a frequency word means: administrations per dosing day, and days between dosing days. */
export interface FrequencyMeaning {
  readonly perDay?: number;
  readonly intervalDays?: number;
  readonly doc: string;
}

/** The named frequencies; `qNd` and `qNw` are read by pattern (`frequencyMeaning`). */
export const FREQUENCIES: Readonly<Record<string, FrequencyMeaning>> = {
  once: { doc: 'Frequency: a single administration.' },
  daily: { perDay: 1, intervalDays: 1, doc: 'Frequency: once a day.' },
  bid: { perDay: 2, intervalDays: 1, doc: 'Frequency: twice a day.' },
  tid: { perDay: 3, intervalDays: 1, doc: 'Frequency: three times a day.' },
  qid: { perDay: 4, intervalDays: 1, doc: 'Frequency: four times a day.' },
  weekly: { perDay: 1, intervalDays: 7, doc: 'Frequency: once a week.' },
};

export const FREQUENCY_WORDS: ReadonlySet<string> = new Set(Object.keys(FREQUENCIES));

/** Interval frequencies completion offers besides the named ones. */
export const COMMON_INTERVALS: readonly string[] = ['q2w', 'q3w', 'q4w'];

const INTERVAL_PATTERN = /^q([1-9][0-9]*)([dw])$/;

/** The meaning of a frequency word (`bid`, `q3w`, `q14d`), or undefined for any other word. */
export function frequencyMeaning(word: string): FrequencyMeaning | undefined {
  if (Object.hasOwn(FREQUENCIES, word)) return FREQUENCIES[word];
  const match = INTERVAL_PATTERN.exec(word);
  if (!match) return undefined;
  const every = Number(match[1]);
  const weeks = match[2] === 'w';
  return { perDay: 1, intervalDays: every * (weeks ? 7 : 1), doc: `Frequency: every ${every} ${weeks ? 'weeks' : 'days'}.` };
}

export function isFrequencyWord(word: string): boolean {
  return FREQUENCY_WORDS.has(word) || INTERVAL_PATTERN.test(word);
}

/** Units of a cycle's length. */
export const CYCLE_LENGTH_UNITS: Readonly<Record<string, number>> = { day: 1, days: 1, week: 7, weeks: 7 };

/** A course's length in time or in cycles, as `for N …` and `up to N …` write it. */
export type CourseUnit = 'days' | 'weeks' | 'months' | 'years' | 'cycles' | 'doses';

/**
 * Units of a course's length (`for 9 weeks`, `up to 2 years`, `up to 35 cycles`), singular and
 * plural, with their length in days where it is fixed (months and years are calendar lengths).
 */
export const COURSE_UNITS: Readonly<Record<string, { readonly unit: CourseUnit; readonly days?: number; readonly months?: number }>> = {
  day: { unit: 'days', days: 1 },
  days: { unit: 'days', days: 1 },
  week: { unit: 'weeks', days: 7 },
  weeks: { unit: 'weeks', days: 7 },
  month: { unit: 'months', months: 1 },
  months: { unit: 'months', months: 1 },
  year: { unit: 'years', months: 12 },
  years: { unit: 'years', months: 12 },
  cycle: { unit: 'cycles' },
  cycles: { unit: 'cycles' },
  dose: { unit: 'doses' },
  doses: { unit: 'doses' },
};

/** The units `for N …` takes (a course of a fixed length): all but doses, which `x N` counts. */
export const DURATION_UNITS: Readonly<Record<string, (typeof COURSE_UNITS)[string]>> = Object.fromEntries(
  Object.entries(COURSE_UNITS).filter(([, unit]) => unit.unit !== 'doses'),
);

/** Units of an infusion's length (`over 46 hours`, `over 30 min`), in minutes. */
export const INFUSION_UNITS: Readonly<Record<string, number>> = { min: 1, mins: 1, minute: 1, minutes: 1, h: 60, hour: 60, hours: 60 };

/** Units of a time window (`within 28 days`). */
export const WINDOW_UNITS: Readonly<Record<string, { readonly unit: 'days' | 'weeks' | 'months' | 'years' }>> = {
  day: { unit: 'days' },
  days: { unit: 'days' },
  week: { unit: 'weeks' },
  weeks: { unit: 'weeks' },
  month: { unit: 'months' },
  months: { unit: 'months' },
  year: { unit: 'years' },
  years: { unit: 'years' },
};

/** The relations of a time window, as their words: `within`, `more than`, `at least`, `less than`. */
export const WINDOW_RELATIONS: Readonly<Record<string, { readonly second?: string; readonly relation: 'within' | 'more_than' | 'at_least' | 'less_than' }>> = {
  within: { relation: 'within' },
  more: { second: 'than', relation: 'more_than' },
  at: { second: 'least', relation: 'at_least' },
  less: { second: 'than', relation: 'less_than' },
};

/** A window relation as it is written, from WINDOW_RELATIONS: `more_than` is `more than`. */
export const WINDOW_RELATION_WORDS: Readonly<Record<'within' | 'more_than' | 'at_least' | 'less_than', string>> = Object.fromEntries(
  Object.entries(WINDOW_RELATIONS).map(([first, { second, relation }]) => [relation, second ? `${first} ${second}` : first]),
) as Record<'within' | 'more_than' | 'at_least' | 'less_than', string>;

/** Words that continue a dose line after its amount: never read as a unit. */
export const DOSE_LINE_WORDS: ReadonlySet<string> = new Set([
  'day',
  'days',
  'for',
  'x',
  'up',
  'until',
  'cycle',
  'cycles',
  'from',
  'over',
  'max',
  'loading',
  'if',
  ...ADMINISTRATION_MODE.words,
]);

/** Documentation of the keywords that are neither registry fields nor enum values. */
export const KEYWORD_DOCS: Readonly<Record<string, string>> = {
  ...TOP_LEVEL,
  uses: 'The interventions (declared with intervention) this arm receives.',
  cycle: "A treatment cycle: 'cycle 21 days x 3 { … }' repeats its doses 3 times, scheduled by day.",
  surgery: 'A surgical step (resection) between treatment phases.',
  ...Object.fromEntries(PHASE_NAME.entries.map((entry) => [entry.word, entry.doc])),
  day: "The day of the cycle the dose is given on (1-based): 'day 1'.",
  days: "The days of the cycle the dose is given on: 'days 1, 8', 'days 1-14'.",
  for: "The length of a continuous course: 'for 9 weeks'.",
  x: "A count: cycles in 'cycle 21 days x 3', administrations in 'q3w x 3', or a multiple in '1.5 x ULN'.",
  AUC: "Carboplatin's dose as a target area under the curve (mg/mL·min): 'AUC 5'.",
  dose: "'dose unstated': the source names the drug but states no dose.",
  unstated: "'dose unstated': the source names the drug but states no dose.",
  include: 'An inclusion criterion: every enrolled patient meets it.',
  exclude: 'An exclusion criterion: a patient who meets it is not enrolled.',
  any: 'A group of criteria met when any one of them is met.',
  all: "A group of criteria met when all of them are met (or, after 'sex', all sexes).",
  prior: 'Prior therapy: drugs or drug classes in quotes, \'prior lenvatinib, "PD1 antibody"\'.',
  age: "The age limits: 'age 18 to 70 years', 'age >= 18 years'.",
  to: "The upper end of a range: 'age 18 to 70 years'.",
  ULN: 'The upper limit of normal of the testing laboratory.',
  LLN: 'The lower limit of normal of the testing laboratory.',
  at: 'Introduces an investigator\'s affiliation: \'investigator "Name" study_chair at "Hospital"\'.',
  pmid: "Introduces a reference's PubMed identifier: 'reference background pmid 15192785 \"…\"'.",
  up: "A cap: 'up to 35 cycles', 'up to 2 years', 'up to 8 doses' (whichever ends first with 'until').",
  until: "An open-ended course: 'until progression or toxicity'; with 'up to', whichever comes first.",
  or: "Joins reasons ('until progression or toxicity') or gives another limit ('<= 2.5 x ULN or <= 5 x ULN if …').",
  cycles: "The cycles of its block a dose is given in: 'cycles 1-4', 'cycles 1, 3'; after 'up to', a count of cycles.",
  from: "'from cycle 9': that cycle and every later one.",
  over: "How long an infusion runs: 'over 30 min', 'over 46 hours'.",
  max: "A cap on each administration: 'max 2 mg' (vincristine).",
  loading: "The first administration's dose, when it differs: 'loading 8 mg/kg'.",
  if: "When a dose or a limit applies: 'if weight < 60 kg', 'if \"liver metastases\"'.",
  matching: "'placebo matching pembrolizumab': a placebo that looks like the named drug.",
  choice: 'Alternatives, each counted on its own: \'choice "label" { option "A" { … } option "B" { … } }\'.',
  option: 'One alternative of a choice, with its label and what it gives.',
  optional: "A phase that may be skipped: 'maintenance optional { … }'.",
  within: "A time window: 'within 28 days before randomization'.",
  more: 'A time window: \'more than 6 months after "surgery"\'.',
  less: "A time window: 'less than 4 weeks before first_dose'.",
  least: "A time window: 'at least 4 weeks before first_dose'.",
  than: "In a time window: 'more than', 'less than'.",
  before: 'A time window counted back from its anchor.',
  after: 'A time window counted on from its anchor.',
  ...Object.fromEntries(ROUTE.entries.map((entry) => [entry.word, entry.doc])),
  ...Object.fromEntries(STOP_REASON.entries.map((entry) => [entry.word, entry.doc])),
  ...Object.fromEntries(ADMINISTRATION_MODE.entries.map((entry) => [entry.word, entry.doc])),
  ...Object.fromEntries(WINDOW_ANCHOR.entries.map((entry) => [entry.word, entry.doc])),
  ...Object.fromEntries(Object.entries(FREQUENCIES).map(([word, meaning]) => [word, meaning.doc])),
};
