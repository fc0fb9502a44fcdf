/**
 * Completion, by context: the block the cursor is in and the tokens of the statement before it.
 * Both are read with the scanner from the start of the document, so completion works in the
 * half-written code it is needed in, where the tree is incomplete.
 */

import { wordDoc } from '../language/docs';
import { ARM_TYPE, INTERVENTION_TYPE, OUTCOME_KIND, AGE_UNIT, type EnumDef } from '../language/enums';
import { FIELD_SPECS, fieldValues, type FieldContext } from '../language/fields';
import { DOSE_BASIS } from '../language/units';
import { COMMON_INTERVALS, FREQUENCY_WORDS, PHASE_KEYWORDS, ROUTES, TOP_LEVEL_KEYWORDS } from '../language/vocabulary';
import { ANALYTES, findAnalyte } from '../knowledge/analytes';
import { DRUGS } from '../knowledge/drugs';
import { findDrug } from '../knowledge/index';
import type { Span } from '../model/schema';
import { friendlyUnit } from '../model/units';
import { createScanner, TokenKind } from '../syntax/scanner';
import type { Analysis } from '../analysis/analysis';

export type CompletionKind = 'keyword' | 'drug' | 'analyte' | 'unit' | 'value' | 'snippet' | 'operator' | 'reference';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  readonly documentation?: string;
  /** Text to insert; a snippet with `${1:…}` placeholders when `snippet` is set. */
  readonly insertText?: string;
  readonly snippet?: boolean;
  readonly sortText?: string;
}

export interface CompletionResult {
  readonly items: CompletionEntry[];
  /** The partly typed word the chosen item replaces. */
  readonly replace: Span;
}

type Context = 'top' | FieldContext | 'phase' | 'cycle' | 'group';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

const COMPARATORS = ['>=', '<=', '>', '<', '='];

const CYCLE_SNIPPET = { label: 'cycle', detail: 'a cycle of doses', body: 'cycle ${1:21} days x ${2:6} {\n  ${3:drug} ${4:100} ${5:mg/m2} day ${6:1}\n}' };

const SNIPPETS: Readonly<Record<string, readonly { readonly label: string; readonly body: string; readonly detail: string }[]>> = {
  top: [
    {
      label: 'trial',
      detail: 'a trial block with the registry fields',
      body: 'trial ${1:NCT00000000} {\n  title "${2}"\n  official_title "${3}"\n  summary "${4}"\n  type interventional\n  phase ${5|1,1/2,2,2/3,3,4,na|}\n  status ${6|not_yet_recruiting,recruiting,active_not_recruiting,completed|}\n  enrollment ${7:100} estimated\n  start ${8:2026-01-01} estimated\n  primary_completion ${9:2027-01-01} estimated\n  completion ${10:2028-01-01} estimated\n  conditions "${11}"\n  design { allocation ${12|randomized,non_randomized,na|}  model ${13|parallel,single_group,crossover,factorial,sequential|}  masking ${14|none,single,double,triple,quadruple|}  purpose treatment }\n  sponsor "${15}" other\n  responsible_party sponsor\n}',
    },
    {
      label: 'arm',
      detail: 'an arm with a cycle',
      body: 'arm ${1:id} "${2:Label}" ${3|experimental,active_comparator,placebo_comparator,no_intervention,other|} {\n  cycle ${4:21} days x ${5:6} {\n    ${6:drug} ${7:100} ${8:mg/m2} day ${9:1}\n  }\n}',
    },
    {
      label: 'eligibility',
      detail: 'an eligibility block',
      body: 'eligibility {\n  age ${1:18} to ${2:75} years\n  sex ${3|all,female,male|}\n  healthy_volunteers no\n  include ${4:ecog} ${5:0-1}\n}',
    },
    { label: 'outcome', detail: 'an outcome measure', body: 'outcome ${1|primary,secondary,other|} "${2:Measure}" {\n  time_frame "${3:12 months}"\n}' },
  ],
  arm: [CYCLE_SNIPPET],
  phase: [CYCLE_SNIPPET],
  eligibility: [
    { label: 'include threshold', detail: 'an inclusion threshold', body: 'include ${1:platelets} ${2|>=,<=,>,<|} ${3:100} ${4:x10^9/L}' },
    { label: 'include any', detail: 'a group met by any of its criteria', body: 'include any "${1:label}" {\n  ${2:criterion}\n}' },
  ],
};

/**
 * Reads the document up to the cursor: the block context stack and the current statement's
 * tokens. Reading starts at the top-level item around the cursor (items are independent at the
 * top level), so it costs the item, not the document.
 */
function readContext(text: string, offset: number, from: number): { context: Context; tokens: Token[]; inLiteral: boolean } {
  const scanner = createScanner(text, from);
  const stack: Context[] = ['top'];
  let tokens: Token[] = [];
  let inLiteral = false;
  let lastEnd = 0;
  while (scanner.scan() !== TokenKind.EOF) {
    const start = scanner.tokenOffset();
    const end = start + scanner.tokenLength();
    if (start >= offset) break;
    lastEnd = end;
    if (scanner.precededByLineBreak()) tokens = [];
    const kind = scanner.token();
    if (end >= offset && (kind === TokenKind.String || kind === TokenKind.Identifier || kind === TokenKind.Number || kind === TokenKind.Unknown)) {
      // The cursor is inside or at the end of this token: it is the word being typed.
      inLiteral = kind === TokenKind.String && (end > offset || scanner.tokenError() !== 0);
      break;
    }
    if (kind === TokenKind.OpenBrace) {
      stack.push(childContext(stack[stack.length - 1], tokens));
      tokens = [];
    } else if (kind === TokenKind.CloseBrace) {
      if (stack.length > 1) stack.pop();
      tokens = [];
    } else if (kind === TokenKind.Semicolon) {
      tokens = [];
    } else {
      tokens.push({ kind, text: kind === TokenKind.String ? '"' : scanner.tokenText() });
    }
  }
  // A line break between the last token and the cursor starts a new statement.
  if (/[\n\r]/.test(text.slice(lastEnd, offset))) tokens = [];
  // A comment that runs up to the cursor.
  for (const comment of scanner.comments()) {
    if (comment.offset < offset && offset <= comment.offset + comment.length && (comment.block ? offset < comment.offset + comment.length : true))
      inLiteral = true;
  }
  return { context: stack[stack.length - 1], tokens, inLiteral };
}

function childContext(parent: Context, head: readonly Token[]): Context {
  const word = head[0]?.text;
  if (parent === 'top') {
    if (word === 'trial' || word === 'drug' || word === 'intervention' || word === 'arm' || word === 'eligibility' || word === 'outcome') return word;
    return 'top';
  }
  if (parent === 'trial' && (word === 'design' || word === 'site')) return word;
  if (parent === 'arm' && word && PHASE_KEYWORDS.has(word)) return 'phase';
  if ((parent === 'arm' || parent === 'phase') && word === 'cycle') return 'cycle';
  if (parent === 'eligibility' || parent === 'group') return 'group';
  return parent;
}

const keyword = (label: string, sortText = `2${label}`): CompletionEntry => ({ label, kind: 'keyword', documentation: wordDoc(label), sortText });
const value = (label: string): CompletionEntry => ({ label, kind: 'value', documentation: wordDoc(label), sortText: `1${label}` });

function snippets(context: Context): CompletionEntry[] {
  return (SNIPPETS[context] ?? []).map((s) => ({
    label: s.label,
    kind: 'snippet',
    detail: s.detail,
    insertText: s.body,
    snippet: true,
    sortText: `3${s.label}`,
  }));
}

function drugItems(analysis: Analysis): CompletionEntry[] {
  const declared = new Set(analysis.protocol.drugs.map((d) => d.id));
  const items: CompletionEntry[] = analysis.protocol.drugs.map((d) => ({
    label: d.id,
    kind: 'drug',
    detail: d.label ?? 'declared drug',
    sortText: `0${d.id}`,
  }));
  for (const drug of DRUGS) {
    if (declared.has(drug.id)) continue;
    items.push({
      label: drug.id,
      kind: 'drug',
      detail: drug.class,
      documentation: `Dosed ${DOSE_BASIS[drug.basis].words} (${DOSE_BASIS[drug.basis].unit}). ${drug.source}`,
      sortText: `1${drug.id}`,
    });
  }
  return items;
}

function analyteItems(): CompletionEntry[] {
  return ANALYTES.map((a) => ({
    label: a.id,
    kind: 'analyte',
    detail: a.name,
    documentation: a.units.length ? `Units: ${a.units.map(friendlyUnit).join(', ')}` : undefined,
    sortText: `1${a.id}`,
  }));
}

function doseModifierItems(drugName: string): CompletionEntry[] {
  const drug = findDrug(drugName);
  const routes = [...ROUTES].map((route) => ({ ...keyword(route, drug?.routes.includes(route as never) ? `0${route}` : `3${route}`), detail: 'route' }));
  const frequencies = [...FREQUENCY_WORDS, ...COMMON_INTERVALS].map((f) => ({ ...keyword(f, `1${f}`), detail: 'frequency' }));
  return [...routes, ...frequencies, keyword('day'), keyword('days'), keyword('for'), keyword('x')];
}

/** Items for a dose line, from its tokens so far (the first is the drug). */
function doseItems(tokens: readonly Token[]): CompletionEntry[] {
  const drugName = tokens[0].text;
  const last = tokens[tokens.length - 1];
  if (tokens.length === 1) return [keyword('AUC'), { label: 'dose unstated', kind: 'keyword', documentation: wordDoc('unstated'), sortText: '2dose' }];
  if (tokens.length === 2 && last.kind === TokenKind.Number) {
    const drug = findDrug(drugName);
    const units = drug ? DOSE_BASIS[drug.basis].choices : [...DOSE_BASIS.bsa.choices, ...DOSE_BASIS.weight.choices, ...DOSE_BASIS.flat.choices];
    return units.map((unit, i) => ({
      label: unit,
      kind: 'unit',
      detail: drug ? `${drug.id} is dosed ${DOSE_BASIS[drug.basis].words}` : undefined,
      sortText: `0${i}`,
    }));
  }
  if (last.text === 'dose') return [keyword('unstated')];
  if (tokens.length >= 2 && tokens[tokens.length - 2]?.text === 'for' && last.kind === TokenKind.Number)
    return ['days', 'weeks', 'months', 'cycles'].map((w) => keyword(w));
  if (last.text === 'for' || last.text === 'x' || last.text === 'day' || last.text === 'days' || last.text === 'AUC') return [];
  return doseModifierItems(drugName);
}

/** Items for a criterion, from its tokens so far (the first is the analyte, `any`, `all` or `prior`). */
function criterionItems(tokens: readonly Token[], analysis: Analysis): CompletionEntry[] {
  if (tokens.length === 0) return [...analyteItems(), keyword('any'), keyword('all'), keyword('prior')];
  const head = tokens[0].text;
  const last = tokens[tokens.length - 1];
  if (head === 'prior') return drugItems(analysis);
  if (head === 'any' || head === 'all') return [];
  const analyte = findAnalyte(head);
  if (tokens.length === 1) {
    const scale = analyte?.scale?.map((step) => value(String(step))) ?? [];
    return [...COMPARATORS.map((op, i) => ({ label: op, kind: 'operator' as const, sortText: `0${i}` })), ...scale];
  }
  if (tokens.length === 3 && last.kind === TokenKind.Number) {
    const units = (analyte?.units ?? []).map((unit, i) => ({ label: friendlyUnit(unit), kind: 'unit' as const, detail: analyte?.name, sortText: `0${i}` }));
    const multiples = analyte?.ulnMultiples
      ? [
          { label: 'x ULN', kind: 'keyword' as const, documentation: wordDoc('ULN'), sortText: '1uln' },
          { label: 'x LLN', kind: 'keyword' as const, documentation: wordDoc('LLN'), sortText: '1lln' },
        ]
      : [];
    return [...units, ...multiples];
  }
  if (last.text === 'x') return [keyword('ULN'), keyword('LLN')];
  return [];
}

/** The values of an enumeration, unless one was already given (lists go on). */
function enumItems(values: EnumDef | undefined, tokens: readonly Token[], list = false): CompletionEntry[] {
  if (!values) return [];
  if (tokens.length > 1 && !list && values.entry(tokens[tokens.length - 1].text)) return [];
  return values.words.map(value);
}

/** The values a field of a block takes, by the field table. */
function fieldValueItems(context: FieldContext, field: string, tokens: readonly Token[]): CompletionEntry[] {
  const spec = Object.hasOwn(FIELD_SPECS[context], field) ? FIELD_SPECS[context][field] : undefined;
  return spec ? enumItems(fieldValues(spec), tokens, spec.value === 'enumList') : [];
}

function statementStart(context: Context, analysis: Analysis): CompletionEntry[] {
  switch (context) {
    case 'top':
      return [...[...TOP_LEVEL_KEYWORDS].map((k) => keyword(k)), ...snippets('top')];
    case 'arm':
      return [...drugItems(analysis), ...['description', 'uses', 'cycle', 'surgery', ...PHASE_KEYWORDS].map((k) => keyword(k)), ...snippets('arm')];
    case 'phase':
      return [...drugItems(analysis), keyword('cycle'), keyword('surgery'), ...snippets('phase')];
    case 'cycle':
      return drugItems(analysis);
    case 'eligibility':
      return [...['include', 'exclude', 'age', ...Object.keys(FIELD_SPECS.eligibility)].map((k) => keyword(k)), ...snippets('eligibility')];
    case 'group':
      return criterionItems([], analysis);
    default:
      return Object.keys(FIELD_SPECS[context]).map((k) => keyword(k));
  }
}

function inStatement(context: Context, tokens: readonly Token[], analysis: Analysis): CompletionEntry[] {
  const head = tokens[0].text;
  const last = tokens[tokens.length - 1];
  switch (context) {
    case 'top':
      if (head === 'arm' && tokens.length === 3) return enumItems(ARM_TYPE, tokens);
      if (head === 'intervention' && tokens.length === 2) return enumItems(INTERVENTION_TYPE, tokens);
      if (head === 'outcome' && tokens.length === 1) return enumItems(OUTCOME_KIND, tokens);
      return [];
    case 'arm':
    case 'phase':
    case 'cycle':
      if (head === 'uses') return analysis.protocol.interventions.map((i) => ({ label: i.id, kind: 'reference' as const, detail: i.name }));
      if (head === 'cycle')
        return tokens.length === 2 && last.kind === TokenKind.Number ? [keyword('days'), keyword('weeks')] : tokens.length === 3 ? [keyword('x')] : [];
      if (head === 'description' || head === 'surgery' || PHASE_KEYWORDS.has(head)) return [];
      return doseItems(tokens);
    case 'eligibility':
      if (head === 'include' || head === 'exclude') return criterionItems(tokens.slice(1), analysis);
      if (head === 'age')
        return tokens.length === 2 && last.kind === TokenKind.Number
          ? [keyword('to')]
          : tokens.length >= 3 && last.kind === TokenKind.Number
            ? AGE_UNIT.words.map(value)
            : [];
      return fieldValueItems('eligibility', head, tokens);
    case 'group':
      return criterionItems(tokens, analysis);
    default:
      return fieldValueItems(context, head, tokens);
  }
}

/** Where the last top-level item starting before `offset` starts (0 when none does). */
function itemStart(analysis: Analysis, offset: number): number {
  const items = analysis.parse.tree.items;
  let low = 0;
  let high = items.length - 1;
  let found = 0;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (items[middle].offset < offset) {
      found = items[middle].offset;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** The completion items at `offset`. */
export function complete(analysis: Analysis, offset: number): CompletionResult {
  const text = analysis.text;
  let start = offset;
  while (start > 0 && /[A-Za-z0-9_/^[\]{}%.*µ]/.test(text.charAt(start - 1))) start--;
  const replace = { offset: start, length: offset - start };
  const { context, tokens, inLiteral } = readContext(text, start, itemStart(analysis, start));
  if (inLiteral) return { items: [], replace };
  const items = tokens.length === 0 ? statementStart(context, analysis) : inStatement(context, tokens, analysis);
  return { items, replace };
}
