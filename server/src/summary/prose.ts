/**
 * Eligibility prose -> criteria: reads the registry's criteria text (Markdown lists under
 * "Inclusion Criteria:" and "Exclusion Criteria:") item by item. A criterion becomes computable
 * (a threshold or a score) only where its text says exactly one thing — an analyte the knowledge
 * table knows, one comparison, a number, and a unit that analyte is written in (or a multiple of
 * ULN/LLN). Everything else stays a string, verbatim. Each computable criterion keeps the
 * sentence it was read from as its note, so a reviewer can check the reading against the
 * source; each decision is also listed in `notes`. Its fixtures are in test/unit/prose.test.ts.
 */

import { REGISTRY_UNIT_SPELLINGS } from '../language/units';
import { ANALYTES, findAnalyte, type Analyte } from '../knowledge/analytes';
import type * as S from '../model/schema';
import { lostSuperscriptUnit, resolveUnit } from '../model/units';

/** Criteria read from prose have no place in a `.trial` source yet. */
const NOWHERE: S.Span = { offset: 0, length: 0 };

/** What the reader found: the criteria of each side, comment lines for some of them, and one note per decision. */
export interface ProseReading {
  readonly inclusion: S.Criterion[];
  readonly exclusion: S.Criterion[];
  /** Lines to print above a criterion (a repaired superscript). */
  readonly comments: Map<S.Criterion, string[]>;
  readonly notes: string[];
}

/** A text shortened to one line of at most `length` characters, for notes. */
export function abbreviated(text: string, length = 90): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length <= length ? single : `${single.slice(0, length - 1)}…`;
}

// ---- items of the registry's text ------------------------------------------------------------------

interface Item {
  text: string;
  indent: number;
  children: Item[];
}

/** Undoes Markdown's backslash escapes (`CA199\>200`, `1.5\*109/L`, `1\)`), which API v2 text carries. */
function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

const HEADING = /^(?:key\s+)?(inclusion|exclusion)(?:\s+criteria)?\s*:?$/i;
const LIST_ITEM = /^(\s*)(?:[*+•-]|\d{1,2}[.)]|\(\d{1,2}\)|[a-z][.)]|\([a-z]\))\s+(.*)$/i;

interface Sections {
  inclusion: Item[];
  exclusion: Item[];
  /** Items before any heading. */
  unheaded: Item[];
}

function readSections(text: string): Sections {
  const sections: Sections = { inclusion: [], exclusion: [], unheaded: [] };
  let current = sections.unheaded;
  let stack: Item[] = [];
  for (const rawLine of unescapeMarkdown(text).replace(/\r\n?/g, '\n').split('\n')) {
    if (!rawLine.trim()) continue;
    const bare = rawLine.replace(/[*_#]/g, '').trim();
    const heading = HEADING.exec(bare);
    if (heading) {
      current = heading[1].toLowerCase() === 'inclusion' ? sections.inclusion : sections.exclusion;
      stack = [];
      continue;
    }
    const listItem = LIST_ITEM.exec(rawLine);
    if (!listItem) {
      // A line that is not a list item continues the item above it, or stands on its own.
      const last = stack[stack.length - 1];
      if (last) last.text += ` ${rawLine.trim()}`;
      else {
        const item: Item = { text: rawLine.trim(), indent: 0, children: [] };
        current.push(item);
        stack = [item];
      }
      continue;
    }
    const item: Item = { text: listItem[2].trim(), indent: listItem[1].replace(/\t/g, '    ').length, children: [] };
    while (stack.length && stack[stack.length - 1].indent >= item.indent) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(item);
    else current.push(item);
    stack.push(item);
  }
  return sections;
}

/** Without the trailing `;`, `,` or `.` that separate the registry's items. */
function cleanItemText(text: string): string {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return trimmed.replace(/\s*[;,]+$/, '').replace(/(?<!\betc)\.$/, '');
}

// ---- eligibility: reading one clause ------------------------------------------------------------

/** A criterion with the comment lines to print above it. */
interface Written {
  readonly criterion: S.Criterion;
  readonly comments: readonly string[];
}

function text(body: string): Written {
  return { criterion: { kind: 'text', text: body, span: NOWHERE }, comments: [] };
}

function group(mode: 'any' | 'all', label: string | undefined, children: readonly Written[], comments: Map<S.Criterion, string[]>): Written {
  for (const child of children) if (child.comments.length) comments.set(child.criterion, [...child.comments]);
  return { criterion: { kind: 'group', mode, label, criteria: children.map((child) => child.criterion), span: NOWHERE }, comments: [] };
}

/** A clause read as criteria; `lead` is the text before the analyte (a group's label), which ends at `leadEnd`. */
type ClauseReading =
  | { readonly ok: true; readonly criteria: Written[]; readonly lead: string; readonly leadEnd: number; readonly notes: string[] }
  | { readonly ok: false; readonly reason?: string; /** The clause reads but for the text before it. */ readonly led?: boolean };

/** Scores named in criteria text, and how. Thresholds use the analyte table instead; scores have no unit to anchor them. */
const SCORE_NAMES: readonly { readonly analyte: string; readonly pattern: RegExp }[] = [
  { analyte: 'ecog', pattern: /(?:Eastern Cooperative Oncology Group\s*)?\(?\b(?:ECOG|Zubrod)\b\)?/i },
  { analyte: 'child_pugh', pattern: /\bChild[\s–-]?Pugh\b/i },
  { analyte: 'karnofsky', pattern: /\b(?:Karnofsky|KPS)\b/i },
];

/** Words between a score's name and its value that would change its meaning: then the text stays text. */
const SCORE_QUALIFIERS =
  /\b(?:not|no|non|than|less|more|above|below|over|under|least|most|greater|lower|higher|up|except|excluding|without|worse|better|within)\b/i;

/** Words that name the sample or the measure, not the analyte: `serum`, `level`, `rate`. */
const FILLER_WORDS = new Set(['serum', 'blood', 'plasma', 'level', 'levels', 'rate', 'value', 'values', 'concentration', 'the', 'of']);

const SUPERSCRIPT_DIGITS: Readonly<Record<string, string>> = {
  '⁰': '0',
  '¹': '1',
  '²': '2',
  '³': '3',
  '⁴': '4',
  '⁵': '5',
  '⁶': '6',
  '⁷': '7',
  '⁸': '8',
  '⁹': '9',
};

const analytesByName = new Map(ANALYTES.map((analyte) => [analyte.name.toLowerCase(), analyte]));

function analyteKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[()]/g, ' ')
    .trim()
    .replace(/[\s-]+/g, '_');
}

/** The analyte a phrase names, by the table's ids, synonyms and names; undefined when none or more than one reading. */
function analyteNamed(phrase: string): Analyte | undefined {
  const abbreviation = /^(.*?)\s*\(([^()]+)\)$/.exec(phrase.trim());
  if (abbreviation) {
    const byAbbreviation = analyteOfWords(abbreviation[2]);
    if (!abbreviation[1]) return byAbbreviation;
    const byName = analyteOfWords(abbreviation[1]);
    return byAbbreviation && byName === byAbbreviation ? byName : undefined;
  }
  return analyteOfWords(phrase);
}

function analyteOfWords(words: string): Analyte | undefined {
  const key = analyteKey(words);
  if (!key || /[^a-z0-9_]/.test(key)) return undefined;
  const direct = findAnalyte(key) ?? analytesByName.get(words.toLowerCase().trim());
  if (direct) return direct;
  const essential = key
    .split('_')
    .filter((word) => !FILLER_WORDS.has(word))
    .join('_');
  for (const candidate of [essential, essential.replace(/s$/, ''), `${essential}s`]) {
    const found = candidate && findAnalyte(candidate);
    if (found) return found;
  }
  return undefined;
}

/** The first comparison sign outside parentheses, and how many there are. */
function comparisons(text: string): { index: number; length: number; op: string; count: number } | undefined {
  let depth = 0;
  let first: { index: number; length: number; op: string } | undefined;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    const two = text.slice(i, i + 2);
    let found: { length: number; op: string } | undefined;
    if (two === '>=' || two === '=>') found = { length: 2, op: '>=' };
    else if (two === '<=' || two === '=<') found = { length: 2, op: '<=' };
    else if ('≥≧⩾'.includes(ch)) found = { length: 1, op: '>=' };
    else if ('≤≦⩽'.includes(ch)) found = { length: 1, op: '<=' };
    else if (ch === '>' || ch === '<' || ch === '=') found = { length: 1, op: ch };
    if (!found) continue;
    count++;
    first ??= { index: i, ...found };
    i += found.length - 1;
  }
  return first && { ...first, count };
}

/** A lead that is only an item marker (`a`, `b)`, `3)`, `(ii)`) says nothing. */
const MARKER = /^\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]?$/i;

function stripMarker(lead: string): string {
  const trimmed = lead.trim();
  if (MARKER.test(trimmed)) return '';
  return trimmed.replace(/\s+\(?(?:\d{1,2}|[a-z])[.)]?$/i, '').replace(/[\s:,-]+$/, '');
}

function splitOutsideParentheses(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && text[i] === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter(Boolean);
}

/** The unit as the language writes it, for an analyte; or why it cannot be read. */
function unitFor(analyte: Analyte, written: string): { unit: string; repaired: boolean } | { problem: string } {
  const compact = written.replace(/\s+/g, '').replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, (digits) => `^${[...digits].map((d) => SUPERSCRIPT_DIGITS[d]).join('')}`);
  let unit: string;
  let repaired = false;
  const lost = lostSuperscriptUnit(compact);
  if (lost && !/\^/.test(compact)) {
    unit = lost;
    repaired = true;
  } else if (/^[x×*]?10\^\d+\//.test(compact)) {
    unit = `x${compact.replace(/^[x×*]/, '')}`;
  } else {
    unit = REGISTRY_UNIT_SPELLINGS[compact.toLowerCase()] ?? compact;
  }
  const ucum = resolveUnit(unit).ucum;
  if (!ucum) return { problem: `'${written}' is not a unit the language knows` };
  if (!analyte.units.includes(ucum)) return { problem: `${analyte.name} is not written in '${written}'` };
  return { unit, repaired };
}

const MULTIPLE = /^(?:x|×|\*|times)?\s*(?:the\s+)?(?:(ULN|LLN)|(upper|lower) limit of (?:the\s+)?normal(?:\s+range|\s+value)?)(?:\s*\((?:ULN|LLN)\))?$/i;

/** Reads `analyte <comparison> value [unit]` from a clause; `lead` is what precedes the analyte. */
function readThreshold(clause: string, mode: 'any' | 'all'): ClauseReading {
  const comparison = comparisons(clause);
  if (!comparison) return { ok: false };
  if (comparison.count > 1) return { ok: false, reason: 'more than one comparison' };
  const before = clause.slice(0, comparison.index).trim();
  const after = clause.slice(comparison.index + comparison.length).trim();

  const value = /^(10\^\d+|\d+(?:\.\d+)?)(?![\d.,])\s*(.*)$/s.exec(after);
  if (!value) return { ok: false, reason: 'no number after the comparison' };
  let rest = value[2].trim();
  // A remark in parentheses after the unit ("(after antiviral therapy)") qualifies the threshold and the
  // note keeps it; a remark with a number of its own ("(5 x ULN with liver metastases)") may change it.
  if (rest.endsWith(')')) {
    const open = rest.lastIndexOf('(');
    if (open >= 0) {
      if (/[\d<>≤≥=]/.test(rest.slice(open))) return { ok: false, reason: 'a remark in parentheses gives another number' };
      rest = rest.slice(0, open).trim();
    }
  }

  // The analytes: one, or a list joined the way the criteria combine (`ALT and AST ≤ 3 x ULN` in an inclusion).
  const joiner = mode === 'all' ? /\s*(?:,|\band\b)\s*/i : /\s*\bor\b\s*/i;
  const listed = before.split(joiner).filter(Boolean);
  let analytes: Analyte[] = [];
  let leadEnd = 0;
  if (listed.length > 1 && listed.every((part) => analyteNamed(part))) {
    analytes = listed.map((part) => analyteNamed(part)!);
  } else {
    // The longest run of last words that names an analyte; the words before it are the lead.
    const words = [...before.matchAll(/\S+/g)];
    for (let take = Math.min(words.length, 6); take >= 1; take--) {
      const start = words[words.length - take].index;
      const found = analyteNamed(before.slice(start));
      if (found) {
        analytes = [found];
        leadEnd = start;
        break;
      }
    }
  }
  const lead = clause.slice(0, leadEnd);
  if (!analytes.length) return { ok: false, reason: `no analyte of the knowledge table is named by '${abbreviated(before, 40)}'` };
  for (const analyte of analytes) {
    if (analyte.kind === 'score') return { ok: false, reason: `${analyte.name} is a score, compared here as a number` };
    if (analyte.id === 'age') return { ok: false, reason: 'age limits belong to the age statement' };
  }

  const multiple = MULTIPLE.exec(rest);
  let unitText = '';
  const notes: string[] = [];
  const comments: string[] = [];
  if (multiple) {
    const which = (multiple[1] ?? (multiple[2].toLowerCase() === 'upper' ? 'ULN' : 'LLN')).toUpperCase();
    const without = analytes.find((analyte) => !analyte.ulnMultiples);
    if (without) return { ok: false, reason: `${without.name} is not written as a multiple of the ${which}` };
    unitText = `x ${which}`;
  } else if (rest) {
    const units = analytes.map((analyte) => unitFor(analyte, rest));
    const problem = units.find((unit) => 'problem' in unit);
    if (problem && 'problem' in problem) return { ok: false, reason: problem.problem };
    const first = units[0] as { unit: string; repaired: boolean };
    unitText = first.unit;
    if (first.repaired) {
      const shown = `${value[1]}${rest}`;
      comments.push(`The record's "${shown}" lost a superscript: ${first.unit.replace(/^x/, '')} was meant.`);
      notes.push(`the lost superscript in "${shown}" repaired as ${first.unit}`);
    }
  } else if (analytes.some((analyte) => analyte.canonicalUnit !== '1')) {
    return { ok: false, reason: 'no unit is given' };
  }
  if (analytes.some((analyte) => analyte.viralLoad) && /^10[1-9]$/.test(value[1])) {
    return { ok: false, reason: `${value[1]} may be 10^${value[1].slice(2)} with its superscript lost` };
  }
  const criteria: Written[] = analytes.map((analyte) => ({
    criterion: {
      kind: 'threshold',
      analyte: analyte.id,
      analyteSpan: NOWHERE,
      comparator: comparison.op as '>' | '>=' | '<' | '<=' | '=',
      value: value[1].startsWith('10^') ? 10 ** Number(value[1].slice(3)) : Number(value[1]),
      valueText: value[1],
      valueSpan: NOWHERE,
      ...(multiple ? { multipleOf: unitText.slice(2) as 'ULN' | 'LLN' } : unitText ? { unit: unitText } : {}),
      span: NOWHERE,
    },
    comments,
  }));
  return { ok: true, criteria, lead, leadEnd, notes };
}

/** Reads `ECOG 0`, `ECOG ≤ 1`, `Child-Pugh A or B` from a clause. */
function readScore(clause: string): ClauseReading {
  for (const { analyte: id, pattern } of SCORE_NAMES) {
    const named = pattern.exec(clause);
    if (!named) continue;
    const analyte = findAnalyte(id);
    const scale = analyte?.scale;
    if (!scale) return { ok: false };
    const lead = clause.slice(0, named.index);
    const rest = clause.slice(named.index + named[0].length);
    const value = /^([^\d<>≤≥=]*?)(?:(≥|≤|>=|<=|>|<)\s*)?(\d+|[A-C])(?:\s*(?:-|–|to|or)\s*(\d+|[A-C]))?\s*(?:points?|score|%)?\s*[.;,]?\s*$/.exec(rest);
    if (!value) return { ok: false, reason: `the ${analyte.name} is not followed by a value alone` };
    if (SCORE_QUALIFIERS.test(value[1])) return { ok: false, reason: `'${value[1].trim()}' qualifies the ${analyte.name}` };
    const index = (text: string) => scale.findIndex((step) => String(step) === text);
    let from = index(value[3]);
    let to = value[4] === undefined ? from : index(value[4]);
    if (from < 0 || to < 0) return { ok: false, reason: `${value[4] ?? value[3]} is not on the ${analyte.name} scale` };
    switch (value[2]) {
      case '≤':
      case '<=':
        [from, to] = [0, from];
        break;
      case '<':
        [from, to] = [0, from - 1];
        break;
      case '≥':
      case '>=':
        to = scale.length - 1;
        break;
      case '>':
        [from, to] = [from + 1, scale.length - 1];
        break;
    }
    if (from < 0 || to >= scale.length || from > to) return { ok: false, reason: `the ${analyte.name} range is empty` };
    const criterion: S.Criterion = {
      kind: 'score',
      analyte: analyte.id,
      analyteSpan: NOWHERE,
      from: scale[from],
      ...(from === to ? {} : { to: scale[to] }),
      valueSpan: NOWHERE,
      span: NOWHERE,
    };
    return { ok: true, criteria: [{ criterion, comments: [] }], lead, leadEnd: named.index, notes: [] };
  }
  return { ok: false };
}

/** One clause (a part of an item between semicolons) as computable criteria, when it says exactly that. */
function readClause(clause: string, mode: 'any' | 'all', allowLead: boolean): ClauseReading {
  const score = readScore(clause);
  const reading = score.ok || score.reason ? score : readThreshold(clause, mode);
  if (!reading.ok) return reading;
  const lead = stripMarker(reading.lead);
  if (lead && !(allowLead && LEAD_IN.test(reading.lead.trim()) && !CONDITION.test(lead))) {
    return { ok: false, reason: `'${abbreviated(lead, 40)}' comes before it`, led: true };
  }
  return { ...reading, lead };
}

/**
 * Text before the first threshold of an item that introduces a list ("… meet the following
 * requirements", "Adequate organ function:"), and so may label its group. Other text there may
 * be a condition ("with liver metastases: ALT ≤ 5 x ULN"), and then the clause stays text.
 */
const LEAD_IN = /:\s*(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]?)?$|\b(?:following|requirements?|as follows)\b/i;

/** A lead that restricts who the thresholds apply to. */
const CONDITION = /^(?:with|for|in|if|when|where|unless|except|(?:patients?|subjects?|participants?|those|women|men)\s+(?:with|who|on|in|of))\b/i;

/** The clause as the note of each criterion read from it, without a lead that became the group's label. */
function withNote(reading: Extract<ClauseReading, { ok: true }>, clause: string): Written[] {
  const note = reading.lead ? clause.slice(reading.leadEnd).trim() : clause;
  return reading.criteria.map((written) => ({ ...written, criterion: { ...written.criterion, note } }));
}

/** The criteria of one clause: read whole, or as comma-separated parts that each read, or kept as text. */
interface ClauseCriteria {
  readonly criteria: Written[];
  readonly lead: string;
  readonly computable: boolean;
  /** Not computable only because of the text before it, which may restrict what follows. */
  readonly led: boolean;
}

function clauseCriteria(clause: string, mode: 'any' | 'all', allowLead: boolean, notes: string[]): ClauseCriteria {
  const whole = readClause(clause, mode, allowLead);
  if (whole.ok) {
    notes.push(readNote(clause, whole));
    return { criteria: withNote(whole, clause), lead: whole.lead, computable: true, led: false };
  }
  const parts = splitOutsideParentheses(clause, ',');
  if (parts.length > 1) {
    const readings = parts.map((part, i) => readClause(part, mode, allowLead && i === 0));
    if (readings.every((reading) => reading.ok)) {
      const criteria: Written[] = [];
      readings.forEach((reading, i) => {
        if (!reading.ok) return;
        notes.push(readNote(parts[i], reading));
        criteria.push(...withNote(reading, parts[i]));
      });
      const first = readings[0];
      return { criteria, lead: first.ok ? first.lead : '', computable: true, led: false };
    }
  }
  if (whole.reason) notes.push(`kept as text: "${abbreviated(clause)}" (${whole.reason})`);
  return { criteria: [text(clause)], lead: '', computable: false, led: whole.led === true };
}

function readNote(clause: string, reading: Extract<ClauseReading, { ok: true }>): string {
  const bodies = reading.criteria.map((written) => criterionWords(written.criterion)).join(', ');
  const extra = reading.notes.length ? `; ${reading.notes.join('; ')}` : '';
  const source = reading.lead ? clause.slice(reading.leadEnd).trim() : clause;
  return `read "${abbreviated(source, 70)}" as ${bodies}${extra}`;
}

const GROUP_MARK = /\s*\((any|all) of(?: the following)?\)\s*:?\s*$/i;

/** One item of the list (with its sub-items) as criteria. */
function itemCriteria(item: Item, mode: 'any' | 'all', notes: string[], comments: Map<S.Criterion, string[]>): Written[] {
  const itemText = cleanItemText(item.text);
  if (item.children.length) {
    const mark = GROUP_MARK.exec(itemText);
    let label = (mark ? itemText.slice(0, mark.index) : itemText).replace(/\s*:$/, '').trim();
    let groupMode: 'any' | 'all';
    if (mark) groupMode = mark[1].toLowerCase() as 'any' | 'all';
    else if (/^(any|all) of the following$/i.test(label)) groupMode = label.slice(0, 3).toLowerCase() as 'any' | 'all';
    else if (/\b(?:any|one) of\b|\bat least one\b|\beither\b/i.test(label)) groupMode = 'any';
    else if (/\ball of\b/i.test(label)) groupMode = 'all';
    else {
      groupMode = mode;
      notes.push(
        `the sub-items of "${abbreviated(label, 60)}" read as ${mode === 'all' ? 'all required, as inclusion criteria are' : 'any one excluding, as exclusion criteria do'}`,
      );
    }
    if (/^(any|all) of the following$/i.test(label)) label = '';
    if (CONDITION.test(label)) {
      // "For patients with liver metastases:" restricts its sub-items to some patients, which a group cannot say.
      notes.push(`kept as text: the sub-items of "${abbreviated(label, 60)}" (a condition governs them)`);
      return [verbatim(item, groupMode, comments)];
    }
    const children = item.children.flatMap((child) => itemCriteria(child, groupMode, notes, comments));
    return [group(groupMode, label || undefined, children, comments)];
  }
  const clauses = splitOutsideParentheses(itemText, ';').map(cleanItemText).filter(Boolean);
  if (clauses.length <= 1) return clauseCriteria(itemText, mode, false, notes).criteria;
  const local: string[] = [];
  const read = clauses.map((clause, i) => clauseCriteria(clause, mode, i === 0, local));
  if (read[0].led) {
    // "with liver metastases: ALT ≤ 5 x ULN; AST ≤ 5 x ULN": what comes first may govern the rest.
    notes.push(`kept as text: "${abbreviated(itemText)}" (its first part begins with a condition that may govern the rest)`);
    return [text(itemText)];
  }
  if (!read.some((clause) => clause.computable)) {
    // Nothing computable: the item stays one string, as the record wrote it.
    const reasons = local.filter((note) => note.startsWith('kept as text'));
    if (reasons.length) notes.push(`kept as text: "${abbreviated(itemText)}" (nothing in it reads as a threshold alone)`);
    return [text(itemText)];
  }
  notes.push(...local);
  const lead = read[0].lead;
  const children = read.flatMap((clause) => clause.criteria);
  if (children.length === 1 && !lead) return children;
  notes.push(`"${abbreviated(itemText, 60)}" read as a group of ${children.length}: ${mode === 'all' ? 'all required' : 'any one excludes'}`);
  return [group(mode, lead || undefined, children, comments)];
}

/** An item and its sub-items as text, keeping their structure. */
function verbatim(item: Item, mode: 'any' | 'all', comments: Map<S.Criterion, string[]>): Written {
  const itemText = cleanItemText(item.text);
  if (!item.children.length) return text(itemText);
  return group(
    mode,
    itemText.replace(/\s*:$/, ''),
    item.children.map((child) => verbatim(child, mode, comments)),
    comments,
  );
}

/** A criterion as the language writes it, for notes: `platelets >= 100 x10^9/L`, `ecog 0-1`. */
function criterionWords(criterion: S.Criterion): string {
  switch (criterion.kind) {
    case 'threshold':
      return `${criterion.analyte} ${criterion.comparator} ${criterion.valueText}${criterion.multipleOf ? ` x ${criterion.multipleOf}` : criterion.unit ? ` ${criterion.unit}` : ''}`;
    case 'score':
      return `${criterion.analyte} ${criterion.from}${criterion.to === undefined ? '' : `-${criterion.to}`}`;
    default:
      return criterion.kind;
  }
}

/**
 * Reads the registry's criteria text. Items before any heading count as inclusion criteria (a
 * note says so); inclusion items are read as all required, exclusion items as any one excluding.
 */
export function readEligibilityText(criteriaText: string): ProseReading {
  const sections = readSections(criteriaText);
  const notes: string[] = [];
  const comments = new Map<S.Criterion, string[]>();
  if (sections.unheaded.length) {
    notes.push(
      sections.inclusion.length || sections.exclusion.length
        ? `${sections.unheaded.length} line(s) before the Inclusion Criteria heading read as inclusion criteria`
        : 'the criteria text has no Inclusion/Exclusion Criteria headings; every item read as an inclusion criterion',
    );
  }
  const read = (items: readonly Item[], mode: 'any' | 'all'): S.Criterion[] =>
    items.flatMap((item) =>
      itemCriteria(item, mode, notes, comments).map((written) => {
        if (written.comments.length) comments.set(written.criterion, [...written.comments]);
        return written.criterion;
      }),
    );
  const inclusion = read([...sections.unheaded, ...sections.inclusion], 'all');
  const exclusion = read(sections.exclusion, 'any');
  return { inclusion, exclusion, comments, notes };
}
