/**
 * Completion, by context: the block the cursor is in and the tokens of the statement before it.
 * Both are read with the scanner from the start of the document, so completion works in the
 * half-written code it is needed in, where the tree is incomplete.
 */

import { wordDoc } from '../language/docs';
import { ADMINISTRATION_MODE, ARM_TYPE, INTERVENTION_TYPE, OUTCOME_KIND, AGE_UNIT, STOP_REASON, WINDOW_ANCHOR, type EnumDef } from '../language/enums';
import { FIELD_SPECS, fieldValues, type FieldContext } from '../language/fields';
import { DOSE_BASIS } from '../language/units';
import {
  COMMON_INTERVALS,
  COURSE_UNITS,
  DURATION_UNITS,
  FREQUENCY_WORDS,
  PHASE_KEYWORDS,
  ROUTES,
  TOP_LEVEL_KEYWORDS,
  WINDOW_RELATIONS,
  WINDOW_UNITS,
} from '../language/vocabulary';
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
  /** True when what follows the inserted text has completions of its own, so the editor may ask again at once. */
  readonly retrigger?: boolean;
}

export interface CompletionResult {
  readonly items: CompletionEntry[];
  /** The partly typed word the chosen item replaces. */
  readonly replace: Span;
}

/** `choice` is a choice among phase items; `cycleChoice` a choice inside a cycle (its options hold dose lines). */
type Context = 'top' | FieldContext | 'phase' | 'cycle' | 'group' | 'choice' | 'cycleChoice';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

const COMPARATORS = ['>=', '<=', '>', '<', '='];

interface Snippet {
  /** Starts with the keyword an author types, and is never the bare keyword, so that a keyword and its snippet are two entries. */
  readonly label: string;
  readonly detail: string;
  /** The body, with tab stops written `${N:…}`, `${N|…|}`; `numbered` renumbers them in order. */
  readonly body: string;
}

const ROUTE_CHOICE = '${0|IV,PO,SC,IM|}';
const DOSE_UNIT_CHOICE = '${0|mg/m2,mg,mg/kg,g/m2,mcg,IU|}';

/** Numbers the tab stops of a body in the order they appear, so shared pieces can be spliced into any body. */
function numbered(body: string): string {
  let next = 0;
  return body.replace(/\$\{\d+([:|])/g, (_, sign: string) => `\${${++next}${sign}`);
}

const DOSE_LINE: Snippet = {
  label: 'dose line',
  detail: "one drug's amount, unit, route and days",
  body: `\${0:drug_name} \${0:100} ${DOSE_UNIT_CHOICE} ${ROUTE_CHOICE} day \${0:1}`,
};
const CONTINUOUS_DOSE: Snippet = {
  label: 'continuous dose',
  detail: 'a dose taken at a frequency for a length of time',
  body: '${0:drug_name} ${0:8} ${0:mg} ${0|daily,bid,tid,qid,weekly,once|} for ${0:9} ${0|weeks,days,months,cycles|}',
};
const CYCLE: Snippet = {
  label: 'cycle block',
  detail: 'a cycle of N days repeated C times, with a dose line',
  body: `cycle \${0:21} days x \${0:4} {\n  ${DOSE_LINE.body}\n}`,
};

/**
 * The snippets by the block where a statement can start, and nowhere else (not after a keyword,
 * not inside a string or a statement): this is why they come from the server rather than from a
 * static snippets file, which the editor would offer everywhere.
 */
const SNIPPETS: Readonly<Partial<Record<Context, readonly Snippet[]>>> = {
  top: [
    {
      label: 'trial block',
      detail: 'a trial with every field ClinicalTrials.gov requires of an interventional study',
      body: [
        'trial ${0:NCT00000000} {',
        '  title "${0:Brief title}"',
        '  official_title "${0:Official title}"',
        '  summary "${0:Brief summary}"',
        '  type ${0|interventional,observational,expanded_access|}',
        '  phase ${0|2,early_1,1,1/2,2/3,3,4,na|}',
        '  status ${0|not_yet_recruiting,recruiting,enrolling_by_invitation,active_not_recruiting,suspended,terminated,completed,withdrawn,unknown|}',
        '  enrollment ${0:100} ${0|estimated,actual|}',
        '  start ${0:2026-01-01} ${0|estimated,actual|}',
        '  primary_completion ${0:2027-12-31} ${0|estimated,actual|}',
        '  completion ${0:2028-12-31} ${0|estimated,actual|}',
        '  conditions "${0:Condition}"',
        '  design { allocation ${0|randomized,non_randomized,na|}  model ${0|parallel,single_group,crossover,factorial,sequential|}  masking ${0|none,single,double,triple,quadruple|}  purpose ${0|treatment,prevention,diagnostic,supportive_care,screening,health_services_research,basic_science,device_feasibility,other|} }',
        '  sponsor "${0:Sponsor}" ${0|other,industry,nih,fed,other_gov,indiv,network,ambig,unknown|}',
        '  responsible_party ${0|sponsor,principal_investigator,sponsor_investigator|}',
        '}',
      ].join('\n'),
    },
    {
      label: 'drug declaration',
      detail: 'the generic name, how the protocol names it, its usual route',
      body: 'drug ${0:gemcitabine} "${0:name in the protocol}" { route ${0|IV,PO,SC,IM,IT,IP,TOP,INH,SL,PR|} }',
    },
    {
      label: 'intervention declaration',
      detail: "a registry intervention: identifier, type and the registry's name",
      body: 'intervention ${0:regimen} ${0|drug,biological,procedure,radiation,device,behavioral,dietary_supplement,genetic,combination_product,diagnostic_test,other|} "${0:Registry name}" {\n  description "${0:Description}"\n}',
    },
    {
      label: 'arm block',
      detail: 'an arm: identifier, label, type, and a cycle of doses',
      body: `arm \${0:experimental_arm} "\${0:Arm label}" \${0|experimental,active_comparator,placebo_comparator,sham_comparator,no_intervention,other|} {\n  description "\${0:Description}"\n  ${CYCLE.body.replace(/\n/g, '\n  ')}\n}`,
    },
    {
      label: 'eligibility block',
      detail: 'age, sex, healthy volunteers and a criterion',
      body: 'eligibility {\n  age ${0:18} to ${0:75} years\n  sex ${0|all,female,male|}\n  healthy_volunteers ${0|no,yes|}\n  include ecog ${0:0-1}\n}',
    },
    {
      label: 'outcome block',
      detail: 'an outcome measure with its time frame',
      body: 'outcome ${0|primary,secondary,other|} "${0:Measure}" {\n  time_frame "${0:12 months}"\n  description "${0:Description}"\n}',
    },
  ],
  arm: [
    {
      label: 'phase block',
      detail: 'a treatment phase holding cycles, doses and surgery',
      body: `\${0|neoadjuvant,adjuvant,induction,consolidation,maintenance,treatment|} {\n  ${CYCLE.body.replace(/\n/g, '\n  ')}\n}`,
    },
    CYCLE,
    DOSE_LINE,
    CONTINUOUS_DOSE,
  ],
  phase: [CYCLE, DOSE_LINE, CONTINUOUS_DOSE],
  cycle: [DOSE_LINE],
  eligibility: [
    {
      label: 'include threshold',
      detail: 'an inclusion threshold: analyte, comparator, value, unit',
      body: 'include ${0:platelets} ${0|>=,>,<=,<,=|} ${0:100} ${0:x10^9/L}',
    },
    {
      label: 'include ULN multiple',
      detail: 'a limit as a multiple of the upper (or lower) limit of normal',
      body: 'include ${0:bilirubin} ${0|<=,<,>=,>|} ${0:1.5} x ${0|ULN,LLN|}',
    },
    {
      label: 'exclude threshold',
      detail: 'an exclusion threshold: analyte, comparator, value, unit',
      body: 'exclude ${0:hbv_dna} ${0|>,>=,<,<=,=|} ${0:10^4} ${0:copies/mL}',
    },
    {
      label: 'exclude prior therapy',
      detail: 'exclude patients who received these drugs or drug classes',
      body: 'exclude prior ${0:"PD1 antibody"}, ${0:lenvatinib}',
    },
    {
      label: 'include any group',
      detail: 'a group of criteria met when any of them is met',
      body: '${0|include,exclude|} any "${0:label}" {\n  ${0:tumor_diameter} ${0|>,>=,<,<=|} ${0:5} ${0:cm}\n}',
    },
    {
      label: 'include all group',
      detail: 'a group of criteria met when all of them are met',
      body: '${0|include,exclude|} all "${0:label}" {\n  ${0:neutrophils} ${0|>=,>,<=,<|} ${0:1.5} ${0:x10^9/L}\n}',
    },
  ],
};

/** Every snippet with the block it is offered in and its body as inserted, for the tests. */
export function snippetTable(): { readonly context: string; readonly label: string; readonly body: string }[] {
  return Object.entries(SNIPPETS).flatMap(([context, list]) => list.map((snippet) => ({ context, label: snippet.label, body: numbered(snippet.body) })));
}

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
  if ((parent === 'arm' || parent === 'phase') && word === 'choice') return 'choice';
  if (parent === 'cycle' && word === 'choice') return 'cycleChoice';
  if (parent === 'choice' && word === 'option') return 'phase';
  if (parent === 'cycleChoice' && word === 'option') return 'cycle';
  if (parent === 'eligibility' || parent === 'group') return 'group';
  return parent;
}

/** Words after which a statement ends: they insert no trailing space. (New keywords get their space unless listed here.) */
const FINAL_WORDS: ReadonlySet<string> = new Set(['ULN', 'LLN', 'unstated']);

/** Words whose next word has completions of its own (criteria, drugs, interventions, reasons, anchors). */
const WORDS_WITH_VALUES: ReadonlySet<string> = new Set([
  'include',
  'exclude',
  'prior',
  'uses',
  'drug',
  'until',
  'or',
  'if',
  'matching',
  'before',
  'after',
  'from',
  'up',
  'more',
  'less',
  'at',
]);

/** A keyword: it inserts its trailing space, unless it ends its statement (`final`). */
const keyword = (label: string, sortText = `2${label}`, final = FINAL_WORDS.has(label)): CompletionEntry => ({
  label,
  kind: 'keyword',
  documentation: wordDoc(label),
  sortText,
  insertText: final ? undefined : `${label} `,
  retrigger: !final && WORDS_WITH_VALUES.has(label) ? true : undefined,
});
const value = (label: string): CompletionEntry => ({ label, kind: 'value', documentation: wordDoc(label), sortText: `1${label}` });

/** A field keyword of a block: it asks for completion again when its first argument is a word from a list. */
function fieldKeyword(context: FieldContext, field: string): CompletionEntry {
  const entry = keyword(field);
  return FIELD_SPECS[context][field].args[0]?.values ? { ...entry, retrigger: true } : entry;
}

function snippets(context: Context): CompletionEntry[] {
  return (SNIPPETS[context] ?? []).map((s) => ({
    label: s.label,
    kind: 'snippet',
    detail: s.detail,
    insertText: numbered(s.body),
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

/** `up to`: one entry for the two words. */
const UP_TO: CompletionEntry = { ...keyword('up', '2up'), label: 'up to', insertText: 'up to ', retrigger: undefined };

/** The clauses that end a course, where a new clause may start (a cycle header, a dose line). */
function courseEndKeywords(): CompletionEntry[] {
  return [keyword('x'), keyword('for'), UP_TO, keyword('until')];
}

/**
 * Inside a course's end clauses: the reasons after `until` and `or`, `or` after a reason, `to`
 * after `up`, and the units after a number. Undefined when the tokens end no such clause.
 */
function courseEndItems(tokens: readonly Token[], units: readonly string[]): CompletionEntry[] | undefined {
  const last = tokens[tokens.length - 1];
  const before = tokens[tokens.length - 2]?.text;
  const untilAt = tokens.map((token) => token.text).lastIndexOf('until');
  if (last.text === 'until' || (last.text === 'or' && untilAt >= 0)) return STOP_REASON.words.map(value);
  if (untilAt >= 0 && untilAt === tokens.length - 2 + 0 && STOP_REASON.entry(last.text)) return [keyword('or', '0or')];
  if (untilAt >= 0 && STOP_REASON.entry(last.text) && tokens.slice(untilAt + 1).every((token) => token.text === 'or' || STOP_REASON.entry(token.text)))
    return [keyword('or', '0or')];
  if (last.text === 'up') return [keyword('to')];
  if (last.text === 'to' && before === 'up') return [];
  // A course's length usually ends its line (`for 9 weeks`): its unit inserts no trailing space.
  if (last.kind === TokenKind.Number && before === 'to' && tokens[tokens.length - 3]?.text === 'up')
    return units.map((unit) => keyword(unit, `0${unit}`, true));
  if (last.kind === TokenKind.Number && before === 'for')
    return Object.keys(DURATION_UNITS)
      .filter((unit) => unit.endsWith('s'))
      .map((unit) => keyword(unit, `0${unit}`, true));
  if (last.text === 'x' || last.text === 'for') return [];
  return undefined;
}

function doseModifierItems(drugName: string, inCycle: boolean): CompletionEntry[] {
  const drug = findDrug(drugName);
  const routes = [...ROUTES].map((route) => ({ ...keyword(route, drug?.routes.includes(route as never) ? `0${route}` : `3${route}`), detail: 'route' }));
  const frequencies = [...FREQUENCY_WORDS, ...COMMON_INTERVALS].map((f) => ({ ...keyword(f, `1${f}`), detail: 'frequency' }));
  const modes = ADMINISTRATION_MODE.words.map((mode) => ({ ...keyword(mode, `2${mode}`), detail: 'how it is given' }));
  // `cycles 1-4` and `from cycle 2` pick cycles of the block the line is in (TPL237 elsewhere).
  const more = ['over', 'max', 'loading', ...(inCycle ? ['cycles', 'from'] : []), 'if'].map((word) => keyword(word));
  return [...routes, ...frequencies, keyword('day'), keyword('days'), ...courseEndKeywords(), ...modes, ...more];
}

/** Units a dose may be written in, for a drug: its basis's first. */
function doseUnitItems(drugName: string, flatOnly = false): CompletionEntry[] {
  const drug = findDrug(drugName);
  const units = flatOnly
    ? DOSE_BASIS.flat.choices
    : drug
      ? DOSE_BASIS[drug.basis].choices
      : [...DOSE_BASIS.bsa.choices, ...DOSE_BASIS.weight.choices, ...DOSE_BASIS.flat.choices];
  return units.map((unit, i) => ({
    label: unit,
    kind: 'unit',
    detail: drug && !flatOnly ? `${drug.id} is dosed ${DOSE_BASIS[drug.basis].words}` : undefined,
    sortText: `0${i}`,
  }));
}

/** Items for a dose line, from its tokens so far (the first is the drug). */
function doseItems(tokens: readonly Token[], analysis: Analysis, inCycle: boolean): CompletionEntry[] {
  const drugName = tokens[0].text;
  const last = tokens[tokens.length - 1];
  const before = tokens[tokens.length - 2]?.text;
  if (tokens.length === 1) {
    const placebo = findDrug(drugName)?.id === 'placebo' ? [keyword('matching', '0matching')] : [];
    return [...placebo, keyword('AUC'), { label: 'dose unstated', kind: 'keyword', documentation: wordDoc('unstated'), sortText: '2dose' }];
  }
  // The amount, a range's end (`1000-1250 mg/m2`), a cap or a loading dose: its unit.
  if ((tokens.length === 2 || (tokens.length === 4 && tokens[2].kind === TokenKind.Dash)) && last.kind === TokenKind.Number) return doseUnitItems(drugName);
  if (last.kind === TokenKind.Number && (before === 'max' || before === 'loading')) return doseUnitItems(drugName, before === 'max');
  if (last.text === 'dose') return [keyword('unstated')];
  if (last.text === 'matching') return drugItems(analysis);
  // A condition reads like a criterion: `if weight < 60 kg`, `if "liver metastases"`.
  const conditionAt = tokens.map((token) => token.text).lastIndexOf('if');
  if (conditionAt > 0) return criterionItems(tokens.slice(conditionAt + 1), analysis, true);
  const ends = courseEndItems(
    tokens,
    Object.keys(COURSE_UNITS).filter((unit) => unit.endsWith('s')),
  );
  if (ends) return ends;
  if (last.text === 'over') return [];
  if (last.kind === TokenKind.Number && before === 'over') return ['min', 'hours'].map((unit) => keyword(unit, `0${unit}`));
  if (last.text === 'from') return [keyword('cycle', '0cycle')];
  if (['day', 'days', 'cycle', 'cycles', 'AUC', 'max', 'loading'].includes(last.text) || last.kind === TokenKind.Dash) return [];
  return doseModifierItems(drugName, inCycle);
}

/** `within`, `more than`, `at least`, `less than`: where a time window may start. */
function windowKeywords(): CompletionEntry[] {
  return Object.entries(WINDOW_RELATIONS).map(([word, relation]) =>
    relation.second
      ? { ...keyword(word, `3${word}`), label: `${word} ${relation.second}`, insertText: `${word} ${relation.second} `, retrigger: undefined }
      : keyword(word, `3${word}`),
  );
}

/** Inside a time window: `than`/`least`, units after the number, `before`/`after`, anchors. Undefined when not in one. */
function windowItems(tokens: readonly Token[]): CompletionEntry[] | undefined {
  const words = tokens.map((token) => token.text);
  const at = words.findIndex(
    (word, i) =>
      Object.hasOwn(WINDOW_RELATIONS, word) && (!WINDOW_RELATIONS[word].second || words[i + 1] === WINDOW_RELATIONS[word].second || i === words.length - 1),
  );
  if (at < 0) return undefined;
  const relation = WINDOW_RELATIONS[words[at]];
  const rest = tokens.slice(at + 1 + (relation.second && words[at + 1] === relation.second ? 1 : 0));
  if (relation.second && words[at + 1] !== relation.second) return [keyword(relation.second, `0${relation.second}`)];
  if (rest.length === 0) return [];
  if (rest.length === 1 && rest[0].kind === TokenKind.Number)
    return Object.keys(WINDOW_UNITS)
      .filter((unit) => unit.endsWith('s'))
      .map((unit) => keyword(unit, `0${unit}`));
  if (rest.length === 2) return [keyword('before', '0before'), keyword('after', '0after')];
  if (rest.length === 3 && (rest[2].text === 'before' || rest[2].text === 'after')) return WINDOW_ANCHOR.words.map(value);
  return [];
}

/**
 * Items for a criterion, from its tokens so far (the first is the analyte, a string, `any`, `all`
 * or `prior`); `condition` for the limit after an `if`, which takes no group, prior or window.
 */
function criterionItems(tokens: readonly Token[], analysis: Analysis, condition = false): CompletionEntry[] {
  if (tokens.length === 0) return condition ? analyteItems() : [...analyteItems(), keyword('any'), keyword('all'), keyword('prior')];
  const head = tokens[0].text;
  const last = tokens[tokens.length - 1];
  if (!condition) {
    const window = windowItems(tokens);
    if (window) return window;
  }
  // Free text: a time window may follow it.
  if (tokens[0].kind === TokenKind.String) return condition || tokens.length > 1 ? [] : windowKeywords();
  if (head === 'prior') return last.text === 'prior' || last.kind === TokenKind.Comma ? drugItems(analysis) : windowKeywords();
  if (head === 'any' || head === 'all') return [];
  // An alternative limit (`or <= 5 x ULN if …`) or a condition (`if creatinine > 1.5 x ULN`) of a threshold.
  const words = tokens.map((token) => token.text);
  const conditionAt = condition ? -1 : words.lastIndexOf('if');
  if (conditionAt > 0) return criterionItems(tokens.slice(conditionAt + 1), analysis, true);
  const alternativeAt = condition ? -1 : words.lastIndexOf('or');
  if (alternativeAt > 0) {
    const alternative = tokens.slice(alternativeAt + 1);
    if (alternative.length === 0) return COMPARATORS.map((op, i) => ({ label: op, kind: 'operator' as const, sortText: `0${i}` }));
    // `or <= 5` wants its unit or `x ULN`; a whole limit wants its condition.
    if ((alternative.length === 2 && last.kind === TokenKind.Number) || last.text === 'x') return criterionItems([tokens[0], ...alternative], analysis, true);
    return alternative.length >= 2 ? [keyword('if', '0if')] : [];
  }
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
  // After a whole limit: its condition, an alternative, a time window.
  if (tokens.length >= 3 && last.kind !== TokenKind.String && !condition) return [keyword('if', '0if'), keyword('or', '0or'), ...windowKeywords()];
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
      return [...drugItems(analysis), ...['description', 'uses', 'cycle', 'surgery', 'choice', ...PHASE_KEYWORDS].map((k) => keyword(k)), ...snippets('arm')];
    case 'phase':
      return [...drugItems(analysis), keyword('cycle'), keyword('surgery'), keyword('choice'), ...snippets('phase')];
    case 'cycle':
      return [...drugItems(analysis), keyword('choice'), ...snippets('cycle')];
    case 'choice':
    case 'cycleChoice':
      return [keyword('option')];
    case 'eligibility':
      return [
        keyword('include'),
        keyword('exclude'),
        keyword('age'),
        ...Object.keys(FIELD_SPECS.eligibility).map((k) => fieldKeyword('eligibility', k)),
        ...snippets('eligibility'),
      ];
    case 'group':
      return criterionItems([], analysis);
    default:
      return Object.keys(FIELD_SPECS[context]).map((k) => fieldKeyword(context, k));
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
      // `drug ` declares a drug: the table's drugs not yet declared.
      if (head === 'drug' && tokens.length === 1) return drugItems(analysis).filter((item) => item.sortText?.startsWith('1'));
      return [];
    case 'arm':
    case 'phase':
    case 'cycle':
      if (head === 'uses') return analysis.protocol.interventions.map((i) => ({ label: i.id, kind: 'reference' as const, detail: i.name }));
      if (head === 'cycle') {
        if (tokens.length === 2 && last.kind === TokenKind.Number) return [keyword('days'), keyword('weeks')];
        if (tokens.length < 3) return [];
        return courseEndItems(tokens, ['cycles', 'weeks', 'months', 'years']) ?? courseEndKeywords();
      }
      // `maintenance optional "label" {`: a phase not every patient enters.
      if (PHASE_KEYWORDS.has(head) && context === 'arm') return tokens.length === 1 ? [keyword('optional', '0optional')] : [];
      if (head === 'description' || head === 'surgery' || head === 'choice' || PHASE_KEYWORDS.has(head)) return [];
      return doseItems(tokens, analysis, context === 'cycle');
    case 'choice':
    case 'cycleChoice':
      return [];
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

/** One entry per label: the first wins (lists are built most specific first). */
function withoutDuplicates(items: readonly CompletionEntry[]): CompletionEntry[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.label) && seen.add(item.label));
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
  return { items: withoutDuplicates(items), replace };
}
