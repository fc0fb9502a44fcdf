/**
 * ClinicalTrials.gov API v2 record -> a `.trial` document, for `trial import`. The record may be
 * a whole study (`{protocolSection, derivedSection?, hasResults?}`) or a bare protocolSection.
 *
 * Registry fields map one to one onto the trial block, arms, interventions and outcomes. The
 * eligibility text is read item by item: a criterion becomes computable (a threshold or a score)
 * only where its text says exactly one thing — an analyte the knowledge table knows, one
 * comparison, a number, and a unit that analyte is written in (or a multiple of ULN/LLN).
 * Everything else stays a string, verbatim. Each computable criterion keeps the sentence it was
 * read from as its note, so a reviewer can check the reading against the source; each decision
 * is also listed in `notes`. The record holds no doses, so the arms have none.
 */

import { ANALYTES, findAnalyte, type Analyte } from '../knowledge/analytes';
import * as S from '../model/schema';
import { REGISTRY_UNIT_SPELLINGS } from '../language/units';
import { lostSuperscriptUnit, resolveUnit } from '../model/units';
import { INTERVENTION_TYPE_LABELS, PHASES } from './ctgov';
import { MODULE_NAMES, ProtocolSection } from './ctgov-schema';

/** A record that is not an API v2 study: the CLI reports its message in one line. */
export class CtgovImportError extends Error {
  override readonly name = 'CtgovImportError';
}

export interface ImportResult {
  /** The `.trial` document. */
  readonly text: string;
  /** What the conversion decided, one sentence each: what was read as what, what was kept as text, what was left out. */
  readonly notes: string[];
}

type Section = ProtocolSection;

// ---- finding the protocolSection ----------------------------------------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function locate(json: unknown): { section: unknown; study?: Record<string, unknown> } {
  if (Array.isArray(json)) throw new CtgovImportError(`the record is a JSON array of ${json.length} items, not one study; import one study at a time`);
  if (!isObject(json)) throw new CtgovImportError(`the record is a JSON ${json === null ? 'null' : typeof json}, not a study object`);
  if (Array.isArray(json.studies)) {
    throw new CtgovImportError(`the record is a search response with ${json.studies.length} studies; import one study (one element of 'studies') at a time`);
  }
  if ('protocolSection' in json) {
    if (!isObject(json.protocolSection)) throw new CtgovImportError("the record's protocolSection is not an object");
    return { section: json.protocolSection, study: json };
  }
  if (Object.keys(json).some((key) => MODULE_NAMES.includes(key))) return { section: json };
  const keys = Object.keys(json).slice(0, 5);
  throw new CtgovImportError(
    `the record is neither an API v2 study ({"protocolSection": …}) nor a protocolSection (identificationModule, statusModule…); its keys are ${keys.length ? keys.join(', ') : 'none'}`,
  );
}

function parseSection(raw: unknown): Section {
  const parsed = ProtocolSection.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = `protocolSection${issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')}`;
  const value = issue.path.reduce<unknown>(
    (inner, part) => (isObject(inner) || Array.isArray(inner) ? (inner as Record<PropertyKey, unknown>)[part as PropertyKey] : undefined),
    raw,
  );
  const shown = value === undefined ? '' : ` (found ${JSON.stringify(value)?.slice(0, 60)})`;
  throw new CtgovImportError(`${where}: ${issue.message}${shown}`);
}

// ---- writing the document -----------------------------------------------------------------------

/** A string literal of the language: `\"`, `\\`, `\n`, `\t` and `\uXXXX` for other control characters. */
export function quote(text: string): string {
  let out = '"';
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

function quoteList(items: readonly string[]): string {
  return items.map(quote).join(', ');
}

/** `Neoadjuvant treatment` -> `neoadjuvant_treatment`: a fresh identifier of the language. */
function identifierFor(text: string, fallback: string, used: Set<string>): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let base = '';
  for (const word of words) {
    if (base && base.length + word.length + 1 > 32) break;
    base = base ? `${base}_${word}` : word;
  }
  if (!base) base = fallback;
  if (/^\d/.test(base)) base = `${fallback}_${base}`;
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
  used.add(id);
  return id;
}

/** A date the language accepts (`YYYY-MM-DD`, `YYYY-MM`), from the registry's ISO 8601 forms. */
function languageDate(date: string): string | undefined {
  const match = /^(\d{4}-\d{2}(?:-\d{2})?)(?:T\d{2}:\d{2}.*)?$/.exec(date);
  return match?.[1];
}

function abbreviated(text: string, length = 90): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length <= length ? single : `${single.slice(0, length - 1)}…`;
}

// ---- eligibility: items of the registry's text ----------------------------------------------------

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

/** A criterion to print: one line, or a group of them. `comments` go on lines of their own above it. */
type Written =
  | { readonly kind: 'line'; readonly body: string; readonly comments: readonly string[] }
  | {
      readonly kind: 'group';
      readonly mode: 'any' | 'all';
      readonly label?: string;
      readonly children: readonly Written[];
      readonly comments: readonly string[];
    };

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
    kind: 'line',
    body: `${analyte.id} ${comparison.op} ${value[1]}${unitText ? ` ${unitText}` : ''}`,
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
    const range = from === to ? `${scale[from]}` : `${scale[from]}-${scale[to]}`;
    return { ok: true, criteria: [{ kind: 'line', body: `${analyte.id} ${range}`, comments: [] }], lead, leadEnd: named.index, notes: [] };
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
  return reading.criteria.map((criterion) => (criterion.kind === 'line' ? { ...criterion, body: `${criterion.body} ${quote(note)}` } : criterion));
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
  return { criteria: [{ kind: 'line', body: quote(clause), comments: [] }], lead: '', computable: false, led: whole.led === true };
}

function readNote(clause: string, reading: Extract<ClauseReading, { ok: true }>): string {
  const bodies = reading.criteria.map((criterion) => (criterion.kind === 'line' ? criterion.body : '')).join(', ');
  const extra = reading.notes.length ? `; ${reading.notes.join('; ')}` : '';
  const source = reading.lead ? clause.slice(reading.leadEnd).trim() : clause;
  return `read "${abbreviated(source, 70)}" as ${bodies}${extra}`;
}

const GROUP_MARK = /\s*\((any|all) of(?: the following)?\)\s*:?\s*$/i;

/** One item of the list (with its sub-items) as criteria. */
function itemCriteria(item: Item, mode: 'any' | 'all', notes: string[]): Written[] {
  const text = cleanItemText(item.text);
  if (item.children.length) {
    const mark = GROUP_MARK.exec(text);
    let label = (mark ? text.slice(0, mark.index) : text).replace(/\s*:$/, '').trim();
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
      return [verbatim(item, groupMode)];
    }
    const children = item.children.flatMap((child) => itemCriteria(child, groupMode, notes));
    return [{ kind: 'group', mode: groupMode, label: label || undefined, children, comments: [] }];
  }
  const clauses = splitOutsideParentheses(text, ';').map(cleanItemText).filter(Boolean);
  if (clauses.length <= 1) return clauseCriteria(text, mode, false, notes).criteria;
  const local: string[] = [];
  const read = clauses.map((clause, i) => clauseCriteria(clause, mode, i === 0, local));
  if (read[0].led) {
    // "with liver metastases: ALT ≤ 5 x ULN; AST ≤ 5 x ULN": what comes first may govern the rest.
    notes.push(`kept as text: "${abbreviated(text)}" (its first part begins with a condition that may govern the rest)`);
    return [{ kind: 'line', body: quote(text), comments: [] }];
  }
  if (!read.some((clause) => clause.computable)) {
    // Nothing computable: the item stays one string, as the record wrote it.
    const reasons = local.filter((note) => note.startsWith('kept as text'));
    if (reasons.length) notes.push(`kept as text: "${abbreviated(text)}" (nothing in it reads as a threshold alone)`);
    return [{ kind: 'line', body: quote(text), comments: [] }];
  }
  notes.push(...local);
  const lead = read[0].lead;
  const children = read.flatMap((clause) => clause.criteria);
  if (children.length === 1 && !lead) return children;
  notes.push(`"${abbreviated(text, 60)}" read as a group of ${children.length}: ${mode === 'all' ? 'all required' : 'any one excludes'}`);
  return [{ kind: 'group', mode, label: lead || undefined, children, comments: [] }];
}

/** An item and its sub-items as text, keeping their structure. */
function verbatim(item: Item, mode: 'any' | 'all'): Written {
  const text = cleanItemText(item.text);
  if (!item.children.length) return { kind: 'line', body: quote(text), comments: [] };
  return { kind: 'group', mode, label: text.replace(/\s*:$/, ''), children: item.children.map((child) => verbatim(child, mode)), comments: [] };
}

function writeCriterion(out: string[], criterion: Written, indent: string, prefix: string): void {
  for (const comment of criterion.comments) out.push(`${indent}// ${comment}`);
  if (criterion.kind === 'line') {
    out.push(`${indent}${prefix}${criterion.body}`);
    return;
  }
  out.push(`${indent}${prefix}${criterion.mode}${criterion.label ? ` ${quote(criterion.label)}` : ''} {`);
  for (const child of criterion.children) writeCriterion(out, child, `${indent}  `, '');
  out.push(`${indent}}`);
}

// ---- ages ------------------------------------------------------------------------------------------

const AGE_UNIT_WORDS: Readonly<Record<string, (typeof S.AgeUnit.options)[number]>> = {
  year: 'years',
  month: 'months',
  week: 'weeks',
  day: 'days',
};

/** Exact factors between age units: years to months, weeks to days. */
const AGE_FACTORS: Readonly<Record<string, number>> = { 'years>months': 12, 'weeks>days': 7 };

function readAge(text: string | undefined): { value: number; unit: string } | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s+(year|month|week|day)s?$/i.exec(text.trim());
  return match ? { value: Number(match[1]), unit: AGE_UNIT_WORDS[match[2].toLowerCase()] } : undefined;
}

function ageStatement(minimum: string | undefined, maximum: string | undefined, notes: string[], comments: string[]): string | undefined {
  let min = readAge(minimum);
  let max = readAge(maximum);
  for (const [written, read] of [
    [minimum, min],
    [maximum, max],
  ] as const) {
    if (written !== undefined && !read) {
      notes.push(`the age limit "${written}" is not in years, months, weeks or days; left out`);
      comments.push(`The record's age limit "${written}" cannot be written here.`);
    }
  }
  if (min && max && min.unit !== max.unit) {
    const factor = AGE_FACTORS[`${max.unit}>${min.unit}`] ?? AGE_FACTORS[`${min.unit}>${max.unit}`];
    if (factor && AGE_FACTORS[`${max.unit}>${min.unit}`]) max = { value: max.value * factor, unit: min.unit };
    else if (factor) min = { value: min.value * factor, unit: max.unit };
    else {
      notes.push(`the age limits "${minimum}" and "${maximum}" have units that do not convert exactly; only the minimum is kept`);
      comments.push(`The record's maximum age "${maximum}" is not in the unit of its minimum.`);
      max = undefined;
    }
  }
  if (min && max) return `age ${min.value} to ${max.value} ${min.unit}`;
  if (min) return `age >= ${min.value} ${min.unit}`;
  if (max) return `age <= ${max.value} ${max.unit}`;
  return undefined;
}

// ---- the document ----------------------------------------------------------------------------------

/** The registry's phases in order, to read a list of them as one phase word. */
const PHASES_ORDER: readonly string[] = ['NA', 'EARLY_PHASE1', 'PHASE1', 'PHASE2', 'PHASE3', 'PHASE4'];

const PHASE_WORDS = new Map(Object.entries(PHASES).map(([word, phases]) => [phases.join(','), word]));

function lower(value: string | undefined): string | undefined {
  return value?.toLowerCase();
}

/** The derived MeSH terms of a whole study, which the registry computes (not in the protocolSection). */
function meshTerms(study: Record<string, unknown> | undefined, module: string): string[] {
  const derived = study?.derivedSection;
  if (!isObject(derived) || !isObject(derived[module])) return [];
  const terms: string[] = [];
  for (const list of ['meshes', 'ancestors']) {
    const entries = (derived[module] as Record<string, unknown>)[list];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) if (isObject(entry) && typeof entry.term === 'string' && !terms.includes(entry.term)) terms.push(entry.term);
  }
  return terms;
}

/** Converts a ClinicalTrials.gov API v2 record into a `.trial` document. Throws CtgovImportError on a record of another shape. */
export function fromCtgov(json: unknown): ImportResult {
  const { section: raw, study } = locate(json);
  const section = parseSection(raw);
  const notes: string[] = [];
  const out: string[] = [];
  const used = new Set<string>();

  const id = section.identificationModule;
  const status = section.statusModule;
  const sponsors = section.sponsorCollaboratorsModule;
  const design = section.designModule;
  const contacts = section.contactsLocationsModule;
  const nctId = id?.nctId;

  out.push(`// Imported by \`trial import\` from the ClinicalTrials.gov record${nctId ? ` ${nctId}` : ''} (API v2 JSON).`);
  out.push('// The record states no doses or schedules: the arms have none. Criteria read as thresholds keep their sentence as a note.');
  out.push('');

  // -- trial block
  const fields: string[] = [];
  const field = (text: string) => fields.push(`  ${text}`);
  const comment = (text: string) => fields.push(`  // ${text}`);
  if (id?.orgStudyIdInfo) field(`org_study_id ${quote(id.orgStudyIdInfo.id)}`);
  for (const secondary of id?.secondaryIdInfos ?? []) field(`secondary_id ${quote(secondary.id)}`);
  if (id?.briefTitle !== undefined) field(`title ${quote(id.briefTitle)}`);
  if (id?.officialTitle !== undefined) field(`official_title ${quote(id.officialTitle)}`);
  if (id?.acronym !== undefined) field(`acronym ${quote(id.acronym)}`);
  if (section.descriptionModule?.briefSummary !== undefined) field(`summary ${quote(section.descriptionModule.briefSummary)}`);
  if (section.descriptionModule?.detailedDescription !== undefined) field(`description ${quote(section.descriptionModule.detailedDescription)}`);
  if (design?.studyType) field(`type ${lower(design.studyType)}`);
  if (design?.phases?.length) {
    const key = [...new Set(design.phases)].sort((a, b) => PHASES_ORDER.indexOf(a) - PHASES_ORDER.indexOf(b)).join(',');
    const word = PHASE_WORDS.get(key);
    if (word) field(`phase ${word}`);
    else {
      comment(`The record's phases ${design.phases.join(', ')} are not one phase of the language.`);
      notes.push(`the phases ${design.phases.join(', ')} do not make one phase (early_1, 1, 1/2, 2, 2/3, 3, 4, na); left out`);
    }
  }
  if (status?.overallStatus) {
    const word = status.overallStatus.toLowerCase();
    if ((S.Status.options as readonly string[]).includes(word)) field(`status ${word}`);
    else {
      comment(`The record's status ${status.overallStatus} is an expanded-access status the language does not have.`);
      notes.push(`the overall status ${status.overallStatus} has no word in the language; left out`);
    }
  }
  const enrollment = design?.enrollmentInfo;
  if (enrollment?.count !== undefined) field(`enrollment ${enrollment.count}${enrollment.type ? ` ${lower(enrollment.type)}` : ''}`);
  const dated = (keyword: string, struct: { date: string; type?: string } | undefined, qualified: boolean) => {
    if (!struct) return;
    const date = languageDate(struct.date);
    if (!date) {
      comment(`The record's ${keyword} date "${struct.date}" gives no month.`);
      notes.push(`the ${keyword} date "${struct.date}" has no month; left out`);
      return;
    }
    field(`${keyword} ${date}${qualified && struct.type ? ` ${lower(struct.type)}` : ''}`);
  };
  dated('start', status?.startDateStruct, true);
  dated('primary_completion', status?.primaryCompletionDateStruct, true);
  dated('completion', status?.completionDateStruct, true);
  dated('first_submitted', status?.studyFirstSubmitDate === undefined ? undefined : { date: status.studyFirstSubmitDate }, false);
  dated('first_posted', status?.studyFirstPostDateStruct, false);
  dated('last_update', status?.lastUpdatePostDateStruct, false);
  dated('last_verified', status?.statusVerifiedDate === undefined ? undefined : { date: status.statusVerifiedDate }, false);
  if (section.conditionsModule?.conditions?.length) field(`conditions ${quoteList(section.conditionsModule.conditions)}`);
  if (section.conditionsModule?.keywords?.length) field(`keywords ${quoteList(section.conditionsModule.keywords)}`);
  const countries = [...new Set((contacts?.locations ?? []).flatMap((location) => (location.country ? [location.country] : [])))];
  if (countries.length) field(`countries ${quoteList(countries)}`);
  const meshConditions = meshTerms(study, 'conditionBrowseModule');
  const meshInterventions = meshTerms(study, 'interventionBrowseModule');
  if (meshConditions.length) field(`mesh_conditions ${quoteList(meshConditions)}`);
  if (meshInterventions.length) field(`mesh_interventions ${quoteList(meshInterventions)}`);
  const info = design?.designInfo;
  if (info) {
    const parts = [
      info.allocation && `allocation ${lower(info.allocation)}`,
      info.interventionModel && `model ${lower(info.interventionModel)}`,
      info.maskingInfo?.masking && `masking ${lower(info.maskingInfo.masking)}`,
      info.maskingInfo?.whoMasked?.length && `who_masked ${info.maskingInfo.whoMasked.map((role) => role.toLowerCase()).join(', ')}`,
      info.primaryPurpose && `purpose ${lower(info.primaryPurpose)}`,
    ].filter(Boolean);
    if (parts.length) field(`design { ${parts.join('  ')} }`);
  }
  if (sponsors?.leadSponsor) field(`sponsor ${quote(sponsors.leadSponsor.name)}${sponsors.leadSponsor.class ? ` ${lower(sponsors.leadSponsor.class)}` : ''}`);
  for (const collaborator of sponsors?.collaborators ?? [])
    field(`collaborator ${quote(collaborator.name)}${collaborator.class ? ` ${lower(collaborator.class)}` : ''}`);
  const party = sponsors?.responsibleParty;
  if (party) {
    const person = [party.investigatorFullName, party.investigatorTitle, party.investigatorAffiliation].filter(Boolean).join(', ');
    if (party.type) {
      if (person) {
        comment(`The responsible party: ${person}.`);
        notes.push(`the responsible party's name (${person}) is kept as a comment: the language records its role`);
      }
      field(`responsible_party ${lower(party.type)}`);
    } else {
      const name = party.oldOrganization ?? party.oldNameTitle ?? party.investigatorFullName;
      if (name !== undefined) field(`responsible_party ${quote(name)}`);
    }
  }
  for (const official of contacts?.overallOfficials ?? []) {
    const role = lower(official.role);
    if (official.name === undefined || !role || !(S.InvestigatorRole.options as readonly string[]).includes(role)) {
      const who = [official.name, official.role, official.affiliation].filter(Boolean).join(', ');
      comment(`An official the language cannot record: ${who}.`);
      notes.push(
        `the official "${who}" has ${official.name === undefined ? 'no name' : 'a role other than principal_investigator, study_chair or study_director'}; kept as a comment`,
      );
      continue;
    }
    field(`investigator ${quote(official.name)} ${role}${official.affiliation !== undefined ? ` at ${quote(official.affiliation)}` : ''}`);
  }
  for (const location of contacts?.locations ?? []) {
    const parts: string[] = [];
    if (location.city !== undefined) parts.push(`city ${quote(location.city)}`);
    if (location.state !== undefined) parts.push(`state ${quote(location.state)}`);
    if (location.zip !== undefined) parts.push(`zip ${quote(location.zip)}`);
    if (location.country !== undefined) parts.push(`country ${quote(location.country)}`);
    const siteStatus = lower(location.status);
    if (siteStatus && (S.Status.options as readonly string[]).includes(siteStatus)) parts.push(`status ${siteStatus}`);
    else if (siteStatus) notes.push(`the site status ${location.status} of "${location.facility}" has no word in the language; left out`);
    field(`site ${quote(location.facility)}${parts.length ? ` { ${parts.join('  ')} }` : ''}`);
  }
  for (const reference of section.referencesModule?.references ?? []) {
    const type = lower(reference.type);
    if (!type) {
      comment(`A reference without a type: ${abbreviated(reference.citation, 60)}`);
      notes.push(`the reference "${abbreviated(reference.citation, 60)}" has no type (background, result, derived); kept as a comment`);
      continue;
    }
    field(`reference ${type}${reference.pmid ? ` pmid ${Number(reference.pmid)}` : ''} ${quote(reference.citation)}`);
  }
  const ipd = section.ipdSharingStatementModule?.ipdSharing;
  if (ipd) field(`ipd_sharing ${lower(ipd)}`);
  const oversight = section.oversightModule;
  if (oversight?.isFdaRegulatedDrug !== undefined) field(`fda_regulated_drug ${oversight.isFdaRegulatedDrug ? 'yes' : 'no'}`);
  if (oversight?.isFdaRegulatedDevice !== undefined) field(`fda_regulated_device ${oversight.isFdaRegulatedDevice ? 'yes' : 'no'}`);
  if (typeof study?.hasResults === 'boolean') field(`results ${study.hasResults ? 'posted' : 'none'}`);

  if (fields.length || nctId !== undefined) {
    if (!nctId) throw new CtgovImportError('the record has no identificationModule.nctId; the trial block needs the NCT number');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(nctId)) throw new CtgovImportError(`the record's nctId "${nctId}" is not an NCT number`);
    used.add(nctId);
    out.push(`trial ${nctId} {`, ...fields, '}', '');
  }

  // -- interventions
  const arms = section.armsInterventionsModule?.armGroups ?? [];
  const interventions = (section.armsInterventionsModule?.interventions ?? []).map((intervention) => ({
    intervention,
    id: identifierFor(intervention.name, 'intervention', used),
    label: `${INTERVENTION_TYPE_LABELS[intervention.type.toLowerCase() as S.Intervention['type']]}: ${intervention.name}`,
  }));
  for (const { intervention, id: interventionId } of interventions) {
    const body: string[] = [];
    if (intervention.description !== undefined) body.push(`  description ${quote(intervention.description)}`);
    if (intervention.otherNames?.length) body.push(`  names ${quoteList(intervention.otherNames)}`);
    const head = `intervention ${interventionId} ${lower(intervention.type)} ${quote(intervention.name)}`;
    out.push(...(body.length ? [`${head} {`, ...body, '}'] : [head]), '');
  }

  // -- arms
  for (const arm of arms) {
    const armId = identifierFor(arm.label, 'arm', used);
    const uses: string[] = [];
    for (const name of arm.interventionNames ?? []) {
      const match =
        interventions.find((entry) => entry.label === name) ?? interventions.find((entry) => name.replace(/^[^:]*:\s*/, '') === entry.intervention.name);
      if (match) {
        if (!uses.includes(match.id)) uses.push(match.id);
      } else notes.push(`the arm "${arm.label}" names an intervention "${name}" the record does not list; left out`);
    }
    for (const entry of interventions) if (entry.intervention.armGroupLabels?.includes(arm.label) && !uses.includes(entry.id)) uses.push(entry.id);
    const body: string[] = [];
    if (arm.description !== undefined) body.push(`  description ${quote(arm.description)}`);
    if (uses.length) body.push(`  uses ${uses.join(', ')}`);
    let type = lower(arm.type);
    if (!type) {
      type = 'other';
      out.push(`// The record gives this arm no type; 'other' is written.`);
      notes.push(`the arm "${arm.label}" has no type in the record; written as other`);
    }
    out.push(`arm ${armId} ${quote(arm.label)} ${type} {`, ...body, '}', '');
  }
  if (arms.length) notes.push('the record states no doses or schedules; the arms have none: add them from the protocol');

  // -- eligibility
  const eligibility = section.eligibilityModule;
  if (eligibility) {
    const body: string[] = [];
    const ageComments: string[] = [];
    const age = ageStatement(eligibility.minimumAge, eligibility.maximumAge, notes, ageComments);
    body.push(...ageComments.map((text) => `  // ${text}`));
    if (age) body.push(`  ${age}`);
    if (eligibility.sex) body.push(`  sex ${lower(eligibility.sex)}`);
    if (eligibility.healthyVolunteers !== undefined) body.push(`  healthy_volunteers ${eligibility.healthyVolunteers ? 'yes' : 'no'}`);
    if (eligibility.eligibilityCriteria !== undefined) {
      const sections = readSections(eligibility.eligibilityCriteria);
      if (sections.unheaded.length) {
        notes.push(
          sections.inclusion.length || sections.exclusion.length
            ? `${sections.unheaded.length} line(s) before the Inclusion Criteria heading read as inclusion criteria`
            : 'the criteria text has no Inclusion/Exclusion Criteria headings; every item read as an inclusion criterion',
        );
      }
      const criteriaNotes: string[] = [];
      for (const [prefix, items, mode] of [
        ['include ', [...sections.unheaded, ...sections.inclusion], 'all'],
        ['exclude ', sections.exclusion, 'any'],
      ] as const) {
        for (const item of items) for (const criterion of itemCriteria(item, mode, criteriaNotes)) writeCriterion(body, criterion, '  ', prefix);
      }
      notes.push(...criteriaNotes);
    }
    out.push('eligibility {', ...body, '}', '');
  }

  // -- outcomes
  const outcomes = section.outcomesModule;
  for (const [kind, list] of [
    ['primary', outcomes?.primaryOutcomes],
    ['secondary', outcomes?.secondaryOutcomes],
    ['other', outcomes?.otherOutcomes],
  ] as const) {
    for (const outcome of list ?? []) {
      const body: string[] = [];
      if (outcome.timeFrame !== undefined) body.push(`  time_frame ${quote(outcome.timeFrame)}`);
      if (outcome.description !== undefined) body.push(`  description ${quote(outcome.description)}`);
      const head = `outcome ${kind} ${quote(outcome.measure)}`;
      out.push(...(body.length ? [`${head} {`, ...body, '}'] : [head]), '');
    }
  }

  while (out[out.length - 1] === '') out.pop();
  return { text: out.join('\n') + '\n', notes };
}
