/**
 * The documents the property tests run on: random token soup biased toward the language's own
 * characters, and mutations of the samples (slices deleted, duplicated, swapped; tokens
 * inserted; the text truncated). Shared by every property test (parser and service, host,
 * printer, tree) so they all cover the same ground.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';

const ROOT = resolve(__dirname, '..', '..');
/** Every sample: the two seeds first, then the oncology samples of issue 11, in file order. */
const SEEDS = ['samples/NCT04669496.trial', 'samples/NCT03951597.trial'];
export const SAMPLE_FILES = [
  ...SEEDS,
  ...readdirSync(join(ROOT, 'samples'))
    .filter((name) => name.endsWith('.trial'))
    .sort()
    .map((name) => `samples/${name}`)
    .filter((file) => !SEEDS.includes(file)),
];
export const SAMPLES: readonly string[] = SAMPLE_FILES.map((file) => readFileSync(join(ROOT, file), 'utf8'));

// ---- generators ----------------------------------------------------------------------------

const KEYWORDS = [
  'trial',
  'drug',
  'intervention',
  'arm',
  'eligibility',
  'outcome',
  'cycle',
  'days',
  'day',
  'weeks',
  'week',
  'months',
  'cycles',
  'x',
  'for',
  'AUC',
  'dose',
  'unstated',
  'surgery',
  'neoadjuvant',
  'adjuvant',
  'induction',
  'maintenance',
  'treatment',
  'uses',
  'description',
  'include',
  'exclude',
  'any',
  'all',
  'prior',
  'age',
  'to',
  'years',
  'sex',
  'healthy_volunteers',
  'ULN',
  'LLN',
  'status',
  'phase',
  'type',
  'enrollment',
  'start',
  'completion',
  'primary_completion',
  'last_verified',
  'design',
  'allocation',
  'model',
  'masking',
  'who_masked',
  'purpose',
  'sponsor',
  'collaborator',
  'investigator',
  'at',
  'site',
  'city',
  'reference',
  'pmid',
  'results',
  'title',
  'conditions',
  'keywords',
  'route',
  'aka',
  'note',
  'names',
  'primary',
  'secondary',
  'time_frame',
  'experimental',
  'no_intervention',
  'recruiting',
  'runing',
  'estimated',
  'actual',
  'IV',
  'PO',
  'iv',
  'bid',
  'daily',
  'once',
  'q3w',
  'q0d',
  'q99999999999w',
  // The regimen and criterion words of issue 11.
  'up',
  'until',
  'or',
  'progression',
  'toxicity',
  'loss_of_benefit',
  'from',
  'over',
  'min',
  'hours',
  'bolus',
  'continuous',
  'max',
  'loading',
  'if',
  'matching',
  'placebo',
  'choice',
  'option',
  'optional',
  'crossover',
  'doses',
  'within',
  'more',
  'than',
  'least',
  'less',
  'before',
  'after',
  'randomization',
  'first_dose',
];
const IDENTIFIERS = [
  'NCT04669496',
  'oxaliplatin',
  'gemcitabine',
  'capecitabine',
  'lenvatinib',
  'ca19_9',
  'platelets',
  'hemoglobin',
  'bilirubin',
  'ecog',
  'child_pugh',
  'hbv_dna',
  'creatinine_clearance',
  'A',
  'B',
  '_',
  'foo',
  'neo',
  'a1',
];
const NUMBERS = [
  '0',
  '1',
  '3',
  '8',
  '14',
  '21',
  '85',
  '1.5',
  '0.25',
  '1250',
  '3660',
  '3661',
  '100000',
  '1.',
  '.5',
  '10^4',
  '10^9',
  '10^',
  '10^-3',
  '2^4',
  '10^308',
  '10^309',
  '10^999',
  '999999999999999999999999',
  '1e5',
  '2/3',
  '1-14',
  '14-1',
  '0-1',
];
const UNITS = [
  'x10^400/L',
  'mg',
  'g',
  'mg/m2',
  'g/m2',
  'mg/kg',
  'IU',
  'g/dL',
  'U/mL',
  'x10^9/L',
  'x10^',
  '10^9/L',
  'copies/mL',
  'mmHg',
  'mL/min',
  'µg',
  'mcg',
  'cm',
  'kg',
  '{copies}/mL',
  'mg/{',
  '[IU]',
  'm2/mg',
  's',
];
const DATES = ['2021-01-20', '2021-07', '2021-02-30', '2021-13-45', '0000-00-00', '9999-12-31', '2021-', '2021-1-1'];
const STRINGS = ['"', '""', '"abc"', '"Größe ✓"', '"\\"', '"\\""', '"\\n"', '"\\u00e9"', '"\\u12"', '"\\uZZZZ"', '"\\q"', '"😀"', '"unterminated'];
const PUNCTUATION = [
  '{',
  '}',
  '{',
  '}',
  ',',
  ';',
  '-',
  '/',
  '>',
  '>=',
  '<',
  '<=',
  '=',
  '≥',
  '≤',
  '\\',
  '^',
  '*',
  '.',
  ':',
  '(',
  ')',
  '[',
  ']',
  '#',
  '!',
  '&',
  "'",
  '%',
  '+',
];
const COMMENTS = ['//', '/*', '*/', '// a comment\n', '/* a comment */', '/*/'];
const SPACES = [' ', ' ', ' ', '  ', '\t', '\n', '\n', '\n', '\r\n', '\r', '\u00a0', '\u2028', '\uFEFF', '\v', '\f'];
/** Whole statement heads and lines, so the soup reaches the deeper grammar. */
const SNIPPETS = [
  'trial NCT04669496 {',
  'arm a "A" experimental {',
  'arm b "B" no_intervention {',
  'drug oxaliplatin "Oxaliplatin"',
  'intervention i drug "I" {',
  'eligibility {',
  'outcome primary "ORR" {',
  'neoadjuvant {',
  'cycle 21 days x 3 {',
  'oxaliplatin 85 mg/m2 day 1',
  'gemcitabine 1 g/m2 days 1, 8',
  'capecitabine 1250 mg/m2 PO bid days 1-14',
  'carboplatin AUC 5 day 1',
  'lenvatinib 8 mg daily for 9 weeks',
  'toripalimab 240 mg q3w x 3',
  'gemcitabine dose unstated',
  'surgery "resection"',
  'uses i',
  'age 18 to 70 years',
  'age >= 18 years',
  'include ecog 0-1',
  'include platelets >= 90 x10^9/L',
  'include bilirubin <= 1.5 x ULN',
  'exclude hbv_dna > 10^4 copies/mL "note"',
  'exclude prior "PD1 antibody", lenvatinib',
  'include any "label" {',
  'include all {',
  'status recruiting',
  'phase 2/3',
  'enrollment 178 actual',
  'start 2021-01-20 estimated',
  'design { allocation randomized }',
  'sponsor "S" other',
  'site "Z" { city "C" }',
  'reference background pmid 1 "R"',
  'keywords "a", "b"',
];
const ODD = ['é', 'ß', 'µ', '✓', '你好', '😀', '\u{1F600}x', '\uD800', '\uDC00', '\uDBFF\uDFFF', '\u0000', '\u0007', '\u200B', '\u0301', '\uFFFD', '\uFFFF'];

const oneOf = (items: readonly string[]) => fc.constantFrom(...items);

/** One token of the soup, biased toward the language's own words and punctuation. */
const token: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: oneOf(SPACES) },
  { weight: 5, arbitrary: oneOf(KEYWORDS) },
  { weight: 3, arbitrary: oneOf(IDENTIFIERS) },
  { weight: 4, arbitrary: oneOf(NUMBERS) },
  { weight: 2, arbitrary: oneOf(UNITS) },
  { weight: 1, arbitrary: oneOf(DATES) },
  { weight: 2, arbitrary: oneOf(STRINGS) },
  { weight: 4, arbitrary: oneOf(PUNCTUATION) },
  { weight: 1, arbitrary: oneOf(COMMENTS) },
  { weight: 1, arbitrary: oneOf(ODD) },
  { weight: 3, arbitrary: oneOf(SNIPPETS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
);

/** Random documents: token soup, sometimes with no separators between tokens. */
export const randomDocument: fc.Arbitrary<string> = fc.string({ unit: token, maxLength: 150, size: 'max' });

/** A short run of tokens to insert somewhere. */
export const insertion: fc.Arbitrary<string> = fc.string({ unit: token, minLength: 1, maxLength: 8, size: 'max' });

export type Mutation =
  | { readonly kind: 'delete'; readonly a: number; readonly b: number }
  | { readonly kind: 'duplicate'; readonly a: number; readonly b: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'swap'; readonly a: number; readonly b: number; readonly c: number; readonly d: number }
  | { readonly kind: 'truncate'; readonly at: number };

/** Positions are drawn as fractions of the current length, so they suit any text. */
const position = fc.integer({ min: 0, max: 1_000_000 });

/** A mutation of a text: a deletion, duplication, insertion or swap of slices, or a truncation. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), a: position, b: position }),
  fc.record({ kind: fc.constant('duplicate' as const), a: position, b: position }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: position, text: insertion }) },
  fc.record({ kind: fc.constant('swap' as const), a: position, b: position, c: position, d: position }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
);

/** Maps a drawn position onto 0..length. */
function at(text: string, drawn: number): number {
  return Math.floor((drawn / 1_000_000) * text.length);
}

/** Deletions and duplications take slices of at most this many characters, so documents stay near the samples' size. */
const MAX_SLICE = 400;

function slice(text: string, a: number, b: number): [number, number] {
  const start = at(text, a);
  const end = Math.min(text.length, start + Math.floor((b / 1_000_000) * MAX_SLICE));
  return [start, end];
}

export function applyMutation(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'delete': {
      const [start, end] = slice(text, m.a, m.b);
      return text.slice(0, start) + text.slice(end);
    }
    case 'duplicate': {
      const [start, end] = slice(text, m.a, m.b);
      return text.slice(0, end) + text.slice(start, end) + text.slice(end);
    }
    case 'insert': {
      const offset = at(text, m.at);
      return text.slice(0, offset) + m.text + text.slice(offset);
    }
    case 'swap': {
      const first = slice(text, m.a, m.b);
      const second = slice(text, m.c, m.d);
      const [[s1, e1], [s2, e2]] = first[0] <= second[0] ? [first, second] : [second, first];
      if (e1 > s2) return text; // overlapping slices: nothing to swap
      return text.slice(0, s1) + text.slice(s2, e2) + text.slice(e1, s2) + text.slice(s1, e1) + text.slice(e2);
    }
    case 'truncate':
      return text.slice(0, at(text, m.at));
  }
}

/** A sample after one to four mutations. */
export const mutatedSample: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 0, max: SAMPLES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([index, mutations]) => mutations.reduce(applyMutation, SAMPLES[index]));
