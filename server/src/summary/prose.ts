/**
 * Eligibility prose -> criteria: reads the registry's criteria text (Markdown lists under
 * "Inclusion Criteria:" and "Exclusion Criteria:") in two passes. The first finds the structure:
 * headings (also indented inside an item, qualified — "Donor Inclusion Criteria" — or in the
 * middle of a line), population labels ("Cohort 2", "Healthy Controls"), list items with their
 * sub-items, continuation lines, and leads that introduce a list ("… one of the following:").
 * The second reads each item into criteria.
 *
 * Principles: a criterion never changes side; a group is made only where the text says how its
 * items combine (any/one of, all of, or a list of requirements that the side combines anyway),
 * otherwise the item stays one text, whole; exceptions ("except for …", "… are eligible"),
 * conditions ("for patients with liver metastases:") and counts ("two of the following") keep
 * their item whole; criteria that apply to one population only (a cohort, donors, a part of the
 * study) stay text in a group labelled with the population. A criterion becomes computable (a
 * threshold or a score) only where its text says exactly one thing — an analyte the knowledge
 * table knows, one comparison, a number, and a unit that analyte is written in (or a multiple of
 * ULN/LLN). Each computable criterion keeps the sentence it was read from as its note, and each
 * decision is listed in `notes`.
 *
 * The reading also cuts the text into segments that concatenate to it exactly — each top-level
 * criterion with the text it was read from, and the text between them — so the export can write
 * back the registry's own words for the criteria that were not edited (ctgov.ts). Its fixtures
 * are in test/unit/prose.test.ts.
 *
 * Seams for the regimens issue (issue 11): a limit under a condition ("≤ 5 × ULN with liver
 * metastases") stays text here — `readConditionalLimit` is where its reading will go.
 */

import { REGISTRY_UNIT_SPELLINGS } from '../language/units';
import { ANALYTES, findAnalyte, type Analyte } from '../knowledge/analytes';
import type * as S from '../model/schema';
import { lostSuperscriptUnit, resolveUnit } from '../model/units';

/** Criteria read from prose have no place in a `.trial` source yet. */
const NOWHERE: S.Span = { offset: 0, length: 0 };

export type Side = 'inclusion' | 'exclusion';

/** A piece of the criteria text: a top-level criterion with the text it was read from, or the text between criteria. */
export interface Segment {
  /** The record's text, verbatim; the segments of a reading concatenate to the whole text. */
  readonly text: string;
  readonly criterion?: S.Criterion;
  readonly side?: Side;
}

/** What the reader found: the criteria of each side, comment lines for some of them, one note per decision, and the segments. */
export interface ProseReading {
  readonly inclusion: S.Criterion[];
  readonly exclusion: S.Criterion[];
  /** Lines to print above a criterion (a repaired superscript). */
  readonly comments: Map<S.Criterion, string[]>;
  readonly notes: string[];
  readonly segments: readonly Segment[];
}

/** A text shortened to one line of at most `length` characters, for notes. */
export function abbreviated(text: string, length = 90): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length <= length ? single : `${single.slice(0, length - 1)}…`;
}

/** Undoes Markdown's backslash escapes (`CA199\>200`, `1.5\*109/L`, `1\)`), which API v2 text carries. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

// ---- pass 1: lines ---------------------------------------------------------------------------------

/** A line of the text (or a part of one, where a heading stands in the middle of it), by offsets into the text. */
interface Line {
  readonly start: number;
  /** Without the line break. */
  readonly end: number;
  readonly text: string;
}

/** `Exclusion Criteria:` where it stands inside a line: the place to cut the line. */
const INLINE_HEADING = /(?:^|\s)((?:Key\s+)?(?:Inclusion|Exclusion) Criteria\s*:)(?=\s*$|\s+(?:[-*•]|\d{1,2}[.)])\s)/g;

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineEnd = end > start && text[end - 1] === '\r' ? end - 1 : end;
    for (const part of cutAtHeadings(text, start, lineEnd)) lines.push(part);
    if (end >= text.length) break;
    start = end + 1;
  }
  return lines;
}

/** A line cut before and after each `… Criteria:` it holds in its middle (`… conception Exclusion Criteria: - Women …`). */
function cutAtHeadings(text: string, start: number, end: number): Line[] {
  const line = text.slice(start, end);
  const cuts: number[] = [];
  if (headingOf(unescapeMarkdown(line).replace(/[*_#]/g, '').replace(/\s+/g, ' ').trim())) return [{ start, end, text: line }];
  for (const match of line.matchAll(INLINE_HEADING)) {
    const at = match.index + match[0].length - match[1].length;
    const after = at + match[1].length;
    if (at > 0 && line.slice(0, at).trim()) cuts.push(at);
    if (line.slice(after).trim()) cuts.push(after);
  }
  if (!cuts.length) return [{ start, end, text: line }];
  const parts: Line[] = [];
  let from = 0;
  for (const cut of [...cuts, line.length]) {
    if (cut > from) parts.push({ start: start + from, end: start + cut, text: line.slice(from, cut) });
    from = cut;
  }
  return parts;
}

// ---- pass 1: what each line is ---------------------------------------------------------------------

type Family = 'bullet' | 'number' | 'letter' | 'roman';

type LineKind =
  | { readonly kind: 'blank' }
  | { readonly kind: 'heading'; readonly side: Side; readonly label: string; readonly restricted: boolean }
  | { readonly kind: 'item'; readonly indent: number; readonly contentIndent: number; readonly family: Family; readonly text: string }
  | { readonly kind: 'plain'; readonly indent: number; readonly text: string };

const LIST_ITEM = /^(\s*)([*+•·-]|\d{1,2}[.)]|\(\d{1,2}\)|[a-z][.)]|\([a-z]\)|[ivx]{2,4}[.)]|\([ivx]{2,4}\))(\s+)(.*)$/i;

function familyOf(marker: string): Family {
  if (/^[*+•·-]$/.test(marker)) return 'bullet';
  if (/\d/.test(marker)) return 'number';
  if (/^\(?[ivx]{2,4}[.)]?\)?$/i.test(marker)) return 'roman';
  return 'letter';
}

function indentOf(spaces: string): number {
  return spaces.replace(/\t/g, '    ').length;
}

/** Words that qualify a heading without restricting who it applies to: `Key Inclusion Criteria`, `Patient Exclusion Criteria`. */
const PLAIN_HEADING =
  /^(?:(?:key|main|major|general|patients?'?|participants?'?|subjects?|study|other|additional|disease[- ]specific)\s+)?(inclusion|exclusion)(?:\s+criteri(?:a|on))?\s*:?$/i;

/** A heading that names a part of the population: its criteria apply to those participants only. */
const RESTRICTING =
  /\b(?:donors?|cohorts?|parts?|arms?|groups?|phases?|stages?|randomi[sz]ations?|R\d|participation in|treatment with|dose[- ]finding|escalation|expansion|controls?|healthy|volunteers?|sub-?stud(?:y|ies)|caregivers?|parents?|partners?)\b/i;

/** Words that say a heading applies to everyone after all: `Exclusion criteria for all randomisations`. */
const FOR_ALL = /\bfor all\b|\ball (?:patients|participants|subjects)\b/i;

function plainHeading(bare: string): { side: Side; label: string; restricted: boolean } | undefined {
  const plain = PLAIN_HEADING.exec(bare);
  return plain ? { side: plain[1].toLowerCase() as Side, label: bare, restricted: false } : undefined;
}

/**
 * A heading on a line of its own: plain (`Key Exclusion Criteria:`), or qualified when the line
 * ends with a colon or begins with the phrase (`Donor Inclusion Criteria`, `Inclusion criteria
 * for participation in R3.`, `Patients who meet any of the following exclusion criteria are not
 * to be enrolled:`). A line that names both sides is not a heading.
 */
function headingOf(bare: string): { side: Side; label: string; restricted: boolean } | undefined {
  const plain = plainHeading(bare);
  if (plain) return plain;
  const inclusion = /\binclusion\s+criteri(?:a|on)\b/i.test(bare);
  const exclusion = /\bexclusion\s+criteri(?:a|on)\b/i.test(bare);
  if (inclusion === exclusion || bare.length > 160) return undefined;
  const startsWithIt = /^(?:[\w-]+\s+)?(?:inclusion|exclusion)\s+criteri(?:a|on)\b/i.test(bare);
  if (!(bare.endsWith(':') || startsWithIt)) return undefined;
  const qualifier = bare.replace(/\b(?:inclusion|exclusion)\s+criteri(?:a|on)\b/i, ' ');
  return { side: inclusion ? 'inclusion' : 'exclusion', label: bare, restricted: RESTRICTING.test(qualifier) && !FOR_ALL.test(qualifier) };
}

function classify(line: Line): LineKind {
  if (!line.text.trim()) return { kind: 'blank' };
  const item = LIST_ITEM.exec(line.text);
  const withoutMarker = item ? item[4] : line.text;
  const bare = unescapeMarkdown(withoutMarker).replace(/[*_#]/g, '').replace(/\s+/g, ' ').trim();
  // A list item is a heading only when it says nothing else ("* Exclusion Criteria:"); a sentence that mentions the criteria is an item.
  const heading = item ? plainHeading(bare) : headingOf(bare);
  if (heading) return { kind: 'heading', ...heading };
  if (item) {
    const indent = indentOf(item[1]);
    return { kind: 'item', indent, contentIndent: indent + item[2].length + item[3].length, family: familyOf(item[2]), text: item[4] };
  }
  const indent = indentOf(/^\s*/.exec(line.text)![0]);
  return { kind: 'plain', indent, text: line.text.trim() };
}

/**
 * A line that names a part of the study population rather than stating a criterion:
 * `Cohort 1`, `Healthy Controls`, `Part 2 (Cohorts D to G)`, `For participants of the Escalation Part only:`.
 */
function populationLabel(text: string): string | undefined {
  const bare = unescapeMarkdown(text).replace(/[*_#]/g, '').trim();
  if (/^(?:part|cohort|arm|group|stage|sub-?study)\s+[\w\d]+/i.test(bare)) return bare.replace(/:$/, '');
  if (/^for\s+(?:participants|patients|subjects)\b.*\bonly\b/i.test(bare) && bare.length <= 120) return bare.replace(/:$/, '');
  if (
    bare.length <= 40 &&
    !/[.:;,]$/.test(bare) &&
    /^(?:healthy|asthmatic|control|donor|patient|volunteer)\w*\s+(?:controls?|subjects?|volunteers?|donors?|patients?|participants?)$/i.test(bare)
  )
    return bare;
  return undefined;
}

// ---- pass 1: sections and items ------------------------------------------------------------------

interface Item {
  /** The item's own text, before its sub-items. */
  text: string;
  /** Text under the item after its sub-items ("± A suitable candidate is defined by …"). */
  tail: string;
  readonly indent: number;
  /** Where the item's own text starts; deeper lines after a blank continue it. */
  readonly contentIndent: number;
  readonly family: Family | 'plain';
  readonly start: number;
  end: number;
  readonly children: Item[];
  /** A blank line came before it. */
  readonly blankBefore: boolean;
  /** The depth used to nest items (the indentation, or one more than the lead that adopted it). */
  readonly depth: number;
}

interface Section {
  readonly side?: Side;
  /** The heading as written, if any. */
  readonly heading?: string;
  /** The part of the population its criteria apply to: a population label, or a heading that names one. */
  readonly population?: string;
  readonly items: Item[];
  /** A line that only says `OR` splits its items into alternatives whose extent the text does not show. */
  orLine: boolean;
  /** A lead line right after the heading that says what the heading says ("… must meet all of the following criteria:"). */
  lead?: string;
}

/** "… all of the following criteria:" after an inclusion heading, "any of the following …" after an exclusion heading. */
function isSectionLead(text: string, side: Side | undefined): boolean {
  if (!text.endsWith(':')) return false;
  const bare = unescapeMarkdown(text);
  if (!/\bthe following\b/i.test(bare) || !/\b(?:criteri|eligib|enrol|exclud|participat)/i.test(bare)) return false;
  const any = /\bany (?:of )?the following\b/i.test(bare);
  const all = /\b(?:all|each) (?:of )?the following\b|\bsatisfy the following\b|\bmeet the following\b/i.test(bare);
  return side === 'exclusion' ? any && !all : all && !any;
}

interface Structure {
  readonly sections: Section[];
  readonly notes: string[];
}

function readStructure(text: string): Structure {
  const notes: string[] = [];
  const sections: Section[] = [];
  let section: Section = { items: [], orLine: false };
  sections.push(section);
  /** The open items, outermost first. */
  let stack: Item[] = [];
  let blank = false;
  /** A population named just before a heading applies to the sections that follow, until another is named. */
  let carried: string | undefined;
  let pendingPopulation: string | undefined;
  /** The lead whose list is being adopted as its sub-items. */
  let adoption: { lead: Item; indent: number } | undefined;
  /** Added to an item's indentation to give its depth: non-zero while a list is adopted, or after it, for the lead's siblings. */
  let shift = 0;

  const open = (next: Omit<Section, 'items' | 'orLine'>) => {
    section = { ...next, items: [], orLine: false };
    sections.push(section);
    stack = [];
    adoption = undefined;
    shift = 0;
  };
  const extend = (item: Item, end: number) => {
    for (const ancestor of stack) ancestor.end = Math.max(ancestor.end, end);
    item.end = Math.max(item.end, end);
  };

  for (const line of linesOf(text)) {
    const kind = classify(line);
    if (kind.kind === 'blank') {
      blank = true;
      continue;
    }
    if (kind.kind === 'heading') {
      if (stack.length && /^\s/.test(line.text)) {
        notes.push(`the heading "${abbreviated(kind.label, 40)}" stands inside the item before it; the items after it are read as ${kind.side} criteria`);
      }
      if (pendingPopulation) carried = pendingPopulation;
      pendingPopulation = undefined;
      const population = [carried, kind.restricted ? kind.label.replace(/:$/, '') : undefined].filter(Boolean).join(': ') || undefined;
      open({ side: kind.side, heading: kind.label, population });
      blank = false;
      continue;
    }
    if (pendingPopulation) {
      // The population label was not followed by a heading: it opens a part of the current section.
      open({ side: section.side, heading: section.heading, population: pendingPopulation });
      pendingPopulation = undefined;
    }
    if (kind.kind === 'plain') {
      const bare = unescapeMarkdown(kind.text).replace(/[*_]/g, '').trim();
      if (/^(?:or|and\/or)$/i.test(bare)) {
        section.orLine = true;
        stack = [];
        adoption = undefined;
        shift = 0;
        blank = false;
        continue;
      }
      const population = populationLabel(kind.text);
      const deepest = stack[stack.length - 1];
      if (deepest && !blank && !population) {
        // A line right under an item continues it (Markdown's lazy continuation).
        deepest.text += ` ${kind.text}`;
        extend(deepest, line.end);
        continue;
      }
      if (deepest && blank && kind.indent > 0 && !population) {
        const owner = [...stack].reverse().find((item) => kind.indent >= item.contentIndent || (item.family === 'plain' && kind.indent > item.indent));
        if (owner) {
          if (owner.children.length) owner.tail += ` ${kind.text}`;
          else owner.text += ` ${kind.text}`;
          stack = stack.slice(0, stack.indexOf(owner) + 1);
          extend(owner, line.end);
          blank = false;
          continue;
        }
      }
      blank = false;
      stack = [];
      adoption = undefined;
      shift = 0;
      if (population) {
        pendingPopulation = population;
        continue;
      }
      if (!section.items.length && !section.lead && isSectionLead(kind.text, section.side)) {
        section.lead = kind.text;
        notes.push(`"${abbreviated(kind.text, 70)}" read as part of the heading`);
        continue;
      }
      const item: Item = {
        text: kind.text,
        tail: '',
        indent: kind.indent,
        contentIndent: kind.indent + 1,
        family: 'plain',
        start: line.start,
        end: line.end,
        children: [],
        blankBefore: true,
        depth: 0,
      };
      section.items.push(item);
      stack = [item];
      continue;
    }
    // A list item.
    if (adoption) {
      const lead = adoption.lead;
      if (lead.family !== 'plain' && kind.family === lead.family && kind.indent < lead.contentIndent) {
        // "11." after the bullets that "10. … one of the following:" adopted: the lead's sibling again.
        stack = stack.slice(0, Math.max(0, stack.indexOf(lead)));
        shift = lead.depth - kind.indent;
        adoption = undefined;
      } else if (kind.indent < adoption.indent) {
        adoption = undefined;
        shift = 0;
      }
    }
    const lead = stack[stack.length - 1];
    if (!adoption && lead && lead.children.length === 0 && endsWithColon(lead.text) && kind.indent <= lead.indent && kind.family !== lead.family) {
      // "10. Patients must have one of the following:" and then a list of another kind at the same indentation: its items.
      adoption = { lead, indent: kind.indent };
      shift = lead.depth + 1 - kind.indent;
      notes.push(`the list after "${abbreviated(lead.text, 60)}" is read as its sub-items`);
    }
    const depth = kind.indent + shift;
    while (stack.length && stack[stack.length - 1].depth >= depth) stack.pop();
    const item: Item = {
      text: kind.text,
      tail: '',
      indent: kind.indent,
      contentIndent: kind.contentIndent,
      family: kind.family,
      start: line.start,
      end: line.end,
      children: [],
      blankBefore: blank,
      depth,
    };
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.children.push(item);
      extend(parent, line.end);
    } else section.items.push(item);
    stack.push(item);
    blank = false;
  }
  if (pendingPopulation) notes.push(`the population label "${abbreviated(pendingPopulation, 40)}" is followed by no criteria`);
  return { sections: sections.filter((s) => s.items.length || s.heading || s.lead), notes };
}

function endsWithColon(text: string): boolean {
  return /:\s*$/.test(text);
}

// ---- pass 2: reading one clause ------------------------------------------------------------------

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

/** The only words that may stand between a score's name and its value ("performance status of", "score is"); any other word may change its meaning, and the text stays text. */
const SCORE_FILLER = /^[\s(),:-]*(?:(?:performance|status|score|scale|ps|grade|of|is|the|standard|behaviou?r|physical|fitness|level)\b[\s(),:-]*)*$/i;

/**
 * Measures of one thing that an item often gives as alternatives, even when it separates them as
 * it separates requirements: performance scales ("Lansky … or Karnofsky …; ECOG < 2"), and renal
 * function ("Serum creatinine ≤ 1.25 ULN; creatinine clearance > 45 mL/min"). Two of one family
 * in one item keep it text, unless the item says "and".
 */
const ALTERNATIVE_MEASURES: readonly RegExp[] = [
  /\b(?:ECOG|Zubrod|Karnofsky|KPS|Lansky|WHO performance)\b/gi,
  /\bcreatinine\s+clearance\b|\bCrCl\b|\bCcr\b|\be?GFR\b|\bglomerular filtration\b|\bcreatinine\b(?!\s+clearance)|\bScr\b/gi,
];

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

/** Words before an analyte or score that add nothing to it: `Patients must have`, `Has an`, `Subjects with`. */
const BENIGN_LEAD =
  /^(?:(?:males?|females?|men|women)\s+(?:and|or)\s+(?:males?|females?|men|women)\s*,?\s*)?(?:(?:the\s+)?(?:patients?|participants?|subjects?|individuals?)\s*)?(?:(?:must|should)\s+(?:have|be)|has|have|having|with)?\s*(?:an?|the)?\s*(?:adequate)?$/i;

function stripMarker(lead: string): string {
  const trimmed = lead.trim();
  if (MARKER.test(trimmed) || BENIGN_LEAD.test(trimmed)) return '';
  return trimmed.replace(/\s+\(?(?:\d{1,2}|[a-z])[.)]?$/i, '').replace(/[\s:,-]+$/, '');
}

function splitOutside(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(' || text[i] === '[') depth++;
    else if (text[i] === ')' || text[i] === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      separator.lastIndex = i;
      const match = separator.exec(text);
      if (match && match.index === i) {
        parts.push(text.slice(start, i));
        start = i + match[0].length;
        i = start - 1;
      }
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
    unit = REGISTRY_UNIT_SPELLINGS[compact.toLowerCase()] ?? PROSE_UNITS[compact.toLowerCase()] ?? compact;
  }
  const ucum = resolveUnit(unit).ucum;
  if (!ucum) return { problem: `'${written}' is not a unit the language knows` };
  if (!analyte.units.includes(ucum)) return { problem: `${analyte.name} is not written in '${written}'` };
  return { unit, repaired };
}

/** Counts per volume, where `1,500` can only group thousands. */
const PER_VOLUME_COUNTS: readonly string[] = ['/uL', '/mm3', '{cells}/uL', '{cells}/mm3'];

/** Spellings of units the registry text uses that the language writes otherwise. */
const PROSE_UNITS: Readonly<Record<string, string>> = {
  msec: 'ms',
  millisecond: 'ms',
  milliseconds: 'ms',
  'cells/mm3': '{cells}/mm3',
  'cells/ul': '{cells}/uL',
  'cells/µl': '{cells}/uL',
  'cells/μl': '{cells}/uL',
};

const MULTIPLE = /^(?:x|×|\*|times)?\s*(?:the\s+)?(?:(ULN|LLN)|(upper|lower) limit of (?:the\s+)?normal(?:\s+range|\s+value)?)(?:\s*\((?:ULN|LLN)\))?$/i;

/** When a criterion is measured, which the note keeps and which does not change the limit: `within 14 days prior to enrollment`, `at screening`. */
const TIME_WINDOW =
  /\s+(?:by|as (?:measured|assessed|determined) by|measured by|assessed by)\s+(?:echo(?:cardiogra(?:m|phy))?|MUGA|multi-?gated acquisition(?: scan)?)(?:\s+(?:or|and|\/)\s+(?:echo(?:cardiogra(?:m|phy))?|MUGA))?$|\s*,?\s*(?:(?:within|in the)\s+\d+\s+(?:days?|weeks?|months?)\s+(?:prior to|before|of)\s+[\w\s()-]+|at (?:screening|baseline|study entry|enrol?lment|registration))$/i;

/** Words in a remark that restrict a limit to some patients ("(males)", "(if liver metastases)"): the clause then stays text. */
const REMARK_RESTRICTS =
  /\b(?:males?|females?|men|women|boys|girls|child(?:ren)?|adults?|adolescents?|infants?|p(?:a)?ediatric|elderly|patients?|participants?|subjects?|if|unless|except|when|only|without|with|gilbert'?s?)\b/i;

/** A remark in parentheses at the end that gives no number ("(after antiviral therapy)", "(Refer to Appendix D)"); one with a number may change the limit. */
function withoutRemark(rest: string): { rest: string } | { problem: string } {
  let out = rest.trim();
  while (out.endsWith(')')) {
    const open = out.lastIndexOf('(');
    if (open < 0) break;
    if (/[\d<>≤≥=]/.test(out.slice(open))) return { problem: 'a remark in parentheses gives another number' };
    if (REMARK_RESTRICTS.test(out.slice(open))) return { problem: `the remark '${abbreviated(out.slice(open), 30)}' may restrict whom it applies to` };
    out = out.slice(0, open).trim();
  }
  return { rest: out };
}

/** Reads `analyte <comparison> value [unit]` from a clause; `lead` is what precedes the analyte. */
function readThreshold(clause: string, mode: 'any' | 'all'): ClauseReading {
  const comparison = comparisons(clause);
  if (!comparison) return { ok: false };
  if (comparison.count > 1) return { ok: false, reason: 'more than one comparison' };
  const before = clause.slice(0, comparison.index).trim();
  const after = clause
    .slice(comparison.index + comparison.length)
    .trim()
    .replace(TIME_WINDOW, '');

  const number = /^(10\^\d+|\d{1,3}(?:,\d{3})+(?![\d.,])|\d+,\d{1,2}(?![\d.,])|\d+(?:\.\d+)?(?![\d.,]))\s*(.*)$/s.exec(after);
  if (!number) return { ok: false, reason: 'no number after the comparison' };
  // `1,500/µL` groups thousands, `9,0 g/dL` has a decimal comma; the first only in counts per volume, where 1.5 could not be meant.
  const thousands = /^\d{1,3}(?:,\d{3})+$/.test(number[1]);
  const value = [number[0], thousands ? number[1].replace(/,/g, '') : number[1].replace(',', '.'), number[2]] as const;
  const remark = withoutRemark(value[2]);
  if ('problem' in remark) return { ok: false, reason: remark.problem };
  const rest = remark.rest;

  // The analytes: one, or a list joined the way the criteria combine (`ALT and AST ≤ 3 x ULN` in an inclusion).
  const joiner = mode === 'all' ? /\s*(?:,|\band\b)\s*/i : /\s*\bor\b\s*/i;
  const listed = before.split(joiner).filter(Boolean);
  let analytes: Analyte[] = [];
  let leadEnd = 0;
  if (listed.length > 1 && listed.every((part) => analyteNamed(part))) {
    analytes = listed.map((part) => analyteNamed(part)!);
  } else {
    // The longest run of last words that names an analyte; the words before it are the lead.
    const words = [...before.matchAll(/[^\s:]+/g)];
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
    if (analyte.id === 'age') return readAgeLimit(lead, leadEnd, comparison.op, value[1], rest);
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
    if (thousands && !PER_VOLUME_COUNTS.includes(resolveUnit(unitText).ucum ?? '')) return { ok: false, reason: `'${number[1]}' may have a decimal comma` };
    if (first.repaired) {
      const shown = `${value[1]}${rest}`;
      comments.push(`The record's "${shown}" lost a superscript: ${first.unit.replace(/^x/, '')} was meant.`);
      notes.push(`the lost superscript in "${shown}" repaired as ${first.unit}`);
    }
  } else if (analytes.some((analyte) => analyte.canonicalUnit !== '1')) {
    return { ok: false, reason: 'no unit is given' };
  }
  if (thousands && !unitText) return { ok: false, reason: `'${number[1]}' may have a decimal comma` };
  if (analytes.some((analyte) => analyte.viralLoad) && /^10[1-9]$/.test(value[1])) {
    return { ok: false, reason: `${value[1]} may be 10^${value[1].slice(2)} with its superscript lost` };
  }
  const criteria: Written[] = analytes.map((analyte) => ({
    criterion: thresholdCriterion(
      analyte.id,
      comparison.op,
      value[1],
      multiple ? { multipleOf: unitText.slice(2) as 'ULN' | 'LLN' } : unitText ? { unit: unitText } : {},
    ),
    comments,
  }));
  return { ok: true, criteria, lead, leadEnd, notes };
}

function thresholdCriterion(analyte: string, op: string, valueText: string, extra: { multipleOf?: 'ULN' | 'LLN'; unit?: string }): S.Criterion {
  return {
    kind: 'threshold',
    analyte,
    analyteSpan: NOWHERE,
    comparator: op as '>' | '>=' | '<' | '<=' | '=',
    value: valueText.startsWith('10^') ? 10 ** Number(valueText.slice(3)) : Number(valueText),
    valueText,
    valueSpan: NOWHERE,
    ...extra,
    span: NOWHERE,
  };
}

/** Age units as the language writes them. */
const AGE_WORDS: Readonly<Record<string, string>> = {
  year: 'years',
  years: 'years',
  yr: 'years',
  yrs: 'years',
  month: 'months',
  months: 'months',
  week: 'weeks',
  weeks: 'weeks',
  day: 'days',
  days: 'days',
};

/** `Age ≥ 18 years`, `Age ≥ 18 years old`, `≥ 18 years of age`: an age threshold; the unit must be written. */
function readAgeLimit(lead: string, leadEnd: number, op: string, valueText: string, rest: string): ClauseReading {
  const unit = /^(years?|yrs?|months?|weeks?|days?)(?:\s+(?:old|of age))?$/i.exec(rest);
  if (!unit) return { ok: false, reason: rest ? `'${abbreviated(rest, 30)}' follows the age` : 'the age has no unit' };
  return {
    ok: true,
    criteria: [{ criterion: thresholdCriterion('age', op, valueText, { unit: AGE_WORDS[unit[1].toLowerCase()] }), comments: [] }],
    lead,
    leadEnd,
    notes: [],
  };
}

/** Leads of an age range: `Age 18-75 years`, `Patients aged 40-60 years`, `Male or female, aged 1-70 years`. */
const AGE_RANGE =
  /^(?:(?:male or female|men or women|either sex|patients?|participants?|subjects?|adults?)[\s,]+)*(?:age[ds]?|age at (?:enrol?lment|screening|inclusion))\s*(?::|of|between)?\s*(\d{1,3})\s*(?:-|–|to|and)\s*(\d{1,3})\s*(years?|months?)(?:\s+(?:old|of age))?$/i;

/** `Adults ≥18 and < 65 years of age`, `Age between ≥13 to ≤ 65 years`, `be ≥ 0.5 year old and ≤ 18 years old`. */
const AGE_BETWEEN =
  /^(?:(?:male or female|men or women|males and females|either sex|patients?|participants?|subjects?|adults?)[\s,]+)*(?:(?:must\s+)?be\s+)?(age[ds]?\s*)?(?:between\s*)?(≥|>|>=)\s*(\d{1,3}(?:\.\d)?)\s*(?:(years?|months?)(?:\s+old)?)?\s*(?:and|to|-)\s*(≤|<|<=)\s*(\d{1,3}(?:\.\d)?)\s*(years?|months?)(\s+(?:old|of age))?$/i;

/** `Age 18-75 years`: two age thresholds, both required (in an exclusion the range would mean the opposite, so it stays text there). */
function readAgeRange(clause: string, mode: 'any' | 'all'): ClauseReading {
  const range = AGE_RANGE.exec(clause.trim());
  const between = range ? undefined : AGE_BETWEEN.exec(clause.trim());
  if (!range && !(between && (between[1] || between[8]))) return { ok: false };
  if (mode !== 'all') return { ok: false, reason: 'an age range among alternatives' };
  const [low, high, lowOp, highOp, written, lowWritten] = range
    ? [range[1], range[2], '>=', '<=', range[3], undefined]
    : [between![3], between![6], between![2], between![5], between![7], between![4]];
  const unit = AGE_WORDS[written.toLowerCase()];
  if (lowWritten && AGE_WORDS[lowWritten.toLowerCase()] !== unit) return { ok: false, reason: 'the age limits are in different units' };
  if (Number(low) > Number(high)) return { ok: false, reason: 'the age range runs backwards' };
  const op = (sign: string) => ({ '≥': '>=', '≤': '<=' })[sign] ?? sign;
  return {
    ok: true,
    criteria: [
      { criterion: thresholdCriterion('age', op(lowOp), low, { unit }), comments: [] },
      { criterion: thresholdCriterion('age', op(highOp), high, { unit }), comments: [] },
    ],
    lead: '',
    leadEnd: 0,
    notes: [],
  };
}

/** Reads `ECOG 0`, `ECOG ≤ 1`, `ECOG of 0 or 1`, `ECOG 0, 1 or 2`, `Child-Pugh A or B` from a clause. */
function readScore(clause: string): ClauseReading {
  for (const { analyte: id, pattern } of SCORE_NAMES) {
    const named = pattern.exec(clause);
    if (!named) continue;
    const analyte = findAnalyte(id);
    const scale = analyte?.scale;
    if (!scale) return { ok: false };
    const lead = clause.slice(0, named.index);
    const remark = withoutRemark(clause.slice(named.index + named[0].length).replace(TIME_WINDOW, ''));
    if ('problem' in remark) return { ok: false, reason: remark.problem };
    const rest = remark.rest;
    const value =
      /^([^\d<>≤≥=]*?)(?:(≥|≤|>=|<=|>|<)\s*)?(\d+|[A-C])((?:\s*,\s*(?:\d+|[A-C]))*)(?:\s*,?\s*(-|–|to|or)\s*(\d+|[A-C]))?\s*(?:points?|score|%)?\s*[.;,]?\s*$/.exec(
        rest,
      );
    if (!value) return { ok: false, reason: `the ${analyte.name} is not followed by a value alone` };
    if (!SCORE_FILLER.test(value[1])) return { ok: false, reason: `'${value[1].trim()}' stands between the ${analyte.name} and its value` };
    const index = (text: string) => scale.findIndex((step) => String(step) === text);
    const listed = [
      value[3],
      ...value[4]
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
      ...(value[6] === undefined ? [] : [value[6]]),
    ];
    if (value[4] && (value[2] || value[6] === undefined || value[5] !== 'or'))
      return { ok: false, reason: `the ${analyte.name} values are not a list of alternatives` };
    if (value[2] && value[6] !== undefined) return { ok: false, reason: `the ${analyte.name} has both a comparison and a range` };
    const positions = listed.map(index);
    if (positions.some((position) => position < 0))
      return { ok: false, reason: `${listed.find((_, i) => positions[i] < 0)} is not on the ${analyte.name} scale` };
    // "0 or 1" and "0, 1, or 2" are ranges only when the values are neighbours on the scale ("0 or 2" is not one).
    if ((value[4] || value[5] === 'or') && positions.some((position, i) => i > 0 && position !== positions[i - 1] + 1)) {
      return { ok: false, reason: `the ${analyte.name} values listed are not consecutive` };
    }
    let from = positions[0];
    let to = positions[positions.length - 1];
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

/**
 * A limit that holds only under a condition ("ALT ≤ 5 × ULN with liver metastases"). The
 * language of conditional limits is the regimens issue's (issue 11); until it lands, such a
 * clause stays text, and this is where its reading will go.
 */
function readConditionalLimit(_clause: string): ClauseReading {
  return { ok: false };
}

/** Two measures of one family named in different parts, as `creatinine and creatinine clearance`; undefined when there are none. */
function alternativeMeasures(parts: readonly string[]): string | undefined {
  for (const family of ALTERNATIVE_MEASURES) {
    const named = new Set(parts.flatMap((part) => [...part.matchAll(family)].map((match) => match[0].toLowerCase().replace(/\s+/g, ' '))));
    if (named.size > 1 && parts.filter((part) => part.match(family)).length > 1) return [...named].join(' and ');
  }
  return undefined;
}

/** Comparison signs as registries spell them out: `>/=`, `=<`, `> or =`. */
function normalizedSigns(clause: string): string {
  // The same length, so that offsets into the clause still point at its words.
  const padded = (sign: string) => (match: string) => sign + ' '.repeat(match.length - 1);
  return clause
    .replace(/>\s*\/\s*=|=>|>\s+or\s+=(?!\w)/g, padded('≥'))
    .replace(/<\s*\/\s*=|=<|<\s+or\s+=(?!\w)/g, padded('≤'))
    .replace(/﹤/g, '<')
    .replace(/﹥/g, '>');
}

/** One clause (a part of an item between semicolons) as computable criteria, when it says exactly that. */
function readClause(written: string, mode: 'any' | 'all', allowLead: boolean): ClauseReading {
  const clause = normalizedSigns(written);
  const age = readAgeRange(clause, mode);
  if (age.ok || age.reason) return age;
  const score = readScore(clause);
  let reading = score.ok || score.reason ? score : readThreshold(clause, mode);
  if (!reading.ok) {
    const conditional = readConditionalLimit(clause);
    if (conditional.ok) reading = conditional;
  }
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

/** The criteria of one clause: read whole, or as comma-separated parts that each read, or as alternatives joined by "or", or kept as text. */
interface ClauseCriteria {
  readonly criteria: Written[];
  readonly lead: string;
  readonly computable: boolean;
  /** Not computable only because of the text before it, which may restrict what follows. */
  readonly led: boolean;
}

function clauseCriteria(clause: string, mode: 'any' | 'all', allowLead: boolean, notes: string[], comments: Map<S.Criterion, string[]>): ClauseCriteria {
  const whole = readClause(clause, mode, allowLead);
  if (whole.ok) {
    notes.push(readNote(clause, whole));
    const criteria = withNote(whole, clause);
    // An age range reads as two limits of one sentence: an all-group keeps them one criterion.
    if (whole.criteria.length > 1 && whole.criteria.every((written) => written.criterion.kind === 'threshold' && written.criterion.analyte === 'age')) {
      return { criteria: [group('all', undefined, criteria, comments)], lead: whole.lead, computable: true, led: false };
    }
    return { criteria, lead: whole.lead, computable: true, led: false };
  }
  const parts = splitOutside(clause, /,/y);
  const measures = parts.length > 1 && !/\band\b/i.test(clause) ? alternativeMeasures(parts) : undefined;
  if (measures) notes.push(`kept as text: "${abbreviated(clause)}" (its parts give ${measures}, which may be alternatives)`);
  else if (parts.length > 1) {
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
  // "Creatinine ≤ 1.5 x ULN or creatinine clearance ≥ 60 mL/min": alternatives, when each reads alone.
  const alternatives = splitOutside(clause, /\s+or\s+/iy);
  if (alternatives.length > 1) {
    const readings = alternatives.map((part) => readClause(part, 'any', false));
    if (readings.every((reading) => reading.ok && reading.criteria.length === 1 && !reading.lead)) {
      const children = readings.flatMap((reading, i) => (reading.ok ? withNote(reading, alternatives[i]) : []));
      notes.push(`read "${abbreviated(clause, 70)}" as any of ${children.map((child) => criterionWords(child.criterion)).join(', ')}`);
      return { criteria: [group('any', undefined, children, comments)], lead: '', computable: true, led: false };
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

// ---- pass 2: reading items -----------------------------------------------------------------------

/** Without the trailing `;`, `,` or `.` that separate the registry's items. */
function cleanItemText(raw: string): string {
  const trimmed = unescapeMarkdown(raw).replace(/\s+/g, ' ').trim();
  return trimmed.replace(/\s*[;,；，]+$/, '').replace(/(?<!\betc)[.。]$/, '');
}

/** An item and its sub-items as one line of text: `Label: first; second (its own; sub-items)`. */
function wholeText(item: Item): string {
  const own = cleanItemText(item.text);
  if (!item.children.length) return own;
  const children = item.children.map(wholeText).join('; ');
  const tail = item.tail.trim() ? ` ${cleanItemText(item.tail)}` : '';
  return `${endsWithColon(own) ? `${own} ${children}` : `${own}: ${children}`}${tail}`;
}

/** Sub-items that make an exception to their item, or an item that says its own exception. */
const EXCEPTION =
  /\bexcept(?:ion)?s?\b|\bother than\b|\bunless\b|\b(?:is|are|remain|will be|may be|can be|would be)\s+(?:still\s+)?(?:eligible|allowed|permitted|acceptable|included|enrolled)\b|\bis not (?:required|an exclusion)\b|\bnot excluded\b/i;

/** Leads whose sub-items combine in a way no group says: none of, two of, at most. */
const UNGROUPABLE =
  /\bnone of\b|\bneither\b|\bnor\b|\b(?:two|three|four|2|3|4)\s+(?:or more\s+)?(?:of|out of)\b|\bno more than\b|\bat most\b|\bonly one\b|\bexactly one\b/i;

/** How a lead says its sub-items combine: "one of the following histologies", "meeting all the following". */
const ANY_LEAD = /\b(?:any|one|at least (?:one|1)|one or more|1)\s+(?:\(\d\)\s+)?(?:of\s+)?(?:the\s+|these\s+)?(?:following|below)\b|\b(?:any|one) of these\b/i;
const ALL_LEAD = /\b(?:all|each|both)\s+(?:of\s+)?(?:the\s+|these\s+)?(?:following|below)\b/i;

/** Leads that list requirements, which the side combines anyway ("Adequate organ function:", "… must meet the following:"); a definition ("… defined as:", "Rome III criteria are as follows:") may count its items, and does not count here. */
const DEFINING =
  /\b(?:functions?|requirements?|laborator(?:y|ies)|labs?|values?|parameters?|tests?|reserve|indicators?|characteristics)\b|\bmeets? the following\b|\bmust meet\b/i;

/** How the sub-items of a lead combine, or why no group can say it (`unstated` when the lead only does not say). */
function groupMode(label: string, mode: 'any' | 'all'): { mode: 'any' | 'all'; stated: boolean } | { problem: string; unstated?: true } {
  if (UNGROUPABLE.test(label)) return { problem: 'its lead counts its sub-items in a way no any/all group says' };
  const any = ANY_LEAD.test(label);
  const all = ALL_LEAD.test(label);
  if (any && !all) return { mode: 'any', stated: true };
  if (all && !any) return { mode: 'all', stated: true };
  if (any && all) return { problem: 'its lead says both any and all' };
  if (DEFINING.test(label)) return { mode, stated: false };
  return { problem: 'its lead does not say whether any or all of its sub-items are meant', unstated: true };
}

/** How the reader would combine the sub-items under a lead written `label:` in a list that combines its items by `mode`; undefined when it would keep them text. */
export function leadMode(label: string, mode: 'any' | 'all'): 'any' | 'all' | undefined {
  const plan = groupMode(`${label}:`, mode);
  return 'problem' in plan ? undefined : plan.mode;
}

/** Sub-items that are each, whole, a threshold or a score: a list of limits, which the side combines. */
function everyChildComputable(children: readonly Item[], mode: 'any' | 'all'): boolean {
  return children.every(
    (child) =>
      !child.children.length &&
      splitOutside(cleanItemText(child.text), /[;；]/y)
        .map(cleanItemText)
        .every((clause) => clauseCriteria(clause, mode, false, [], new Map()).computable),
  );
}

interface ReadContext {
  readonly notes: string[];
  readonly comments: Map<S.Criterion, string[]>;
}

/** The items of one list (siblings) as criteria, in order; `textOnly` keeps every item text. */
function listCriteria(items: readonly Item[], mode: 'any' | 'all', context: ReadContext, textOnly: boolean): Written[][] {
  const out: Written[][] = [];
  let textUntil = -1;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const own = cleanItemText(item.text);
    const conjunction = /\s+(and\/or|and|or)$/i.exec(own);
    if (conjunction) {
      const word = conjunction[1].toLowerCase() === 'and' ? 'all' : 'any';
      if (word !== mode) {
        // "A or" followed by "B" in an inclusion: alternatives whose extent the list does not show.
        context.notes.push(
          `kept as text: "${abbreviated(own, 60)}" and the item after it (joined by '${conjunction[1]}', which the list does not otherwise say)`,
        );
        textUntil = i + 1;
      }
    }
    // A childless lead ("One of the following:") followed by items of the same list: they may be its items.
    if (i > textUntil && !item.children.length && endsWithColon(own) && i + 1 < items.length && !items[i + 1].blankBefore) {
      const plan = groupMode(own, mode);
      // "Any of the following:" in an exclusion says what the list says anyway; "one of the following:" in an inclusion does not.
      if ('problem' in plan || plan.mode !== mode) {
        let last = i + 1;
        while (last + 1 < items.length && !items[last + 1].blankBefore && !items[last + 1].children.length) last++;
        context.notes.push(
          `kept as text: "${abbreviated(own, 60)}" and the ${last - i} item(s) after it (they may be its sub-items, written as items of the list)`,
        );
        textUntil = last;
      }
    }
    const plain = textOnly || i <= textUntil;
    out.push(itemCriteria(item, mode, context, plain, conjunction && !plain ? own.slice(0, conjunction.index) : undefined));
  }
  return out;
}

/** One item of the list (with its sub-items) as criteria. */
function itemCriteria(item: Item, mode: 'any' | 'all', context: ReadContext, textOnly: boolean, ownText?: string): Written[] {
  const { notes, comments } = context;
  const itemText = ownText ?? cleanItemText(item.text);
  if (item.children.length) {
    const whole = wholeText(item);
    if (textOnly) return [text(whole)];
    const label = itemText.replace(/\s*:$/, '').trim();
    const descendants = allItems(item.children);
    const exception = [label, ...descendants.map((child) => cleanItemText(child.text))].find((part) => EXCEPTION.test(part));
    if (exception) {
      notes.push(`kept as text: "${abbreviated(whole, 70)}" (it states an exception: "${abbreviated(exception, 40)}")`);
      return [text(whole)];
    }
    if (item.tail.trim()) {
      notes.push(`kept as text: "${abbreviated(whole, 70)}" (text after its sub-items may qualify them)`);
      return [text(whole)];
    }
    if (/^(?:no|not|without|none)\b/i.test(label)) {
      notes.push(`kept as text: "${abbreviated(whole, 70)}" (its lead is a negation, which a group cannot carry)`);
      return [text(whole)];
    }
    const joiners = item.children.slice(0, -1).map((child) => /\s+(and\/or|and|or)[\s.;,]*$/i.exec(child.text)?.[1].toLowerCase());
    if (CONDITION.test(label)) {
      // "For patients with liver metastases:" restricts its sub-items to some patients, which a group cannot say.
      notes.push(`kept as text: "${abbreviated(whole, 70)}" (a condition governs its sub-items)`);
      return [text(whole)];
    }
    let plan = groupMode(itemText, mode);
    if ('problem' in plan && plan.unstated && everyChildComputable(item.children, mode)) plan = { mode, stated: false };
    if ('problem' in plan) {
      notes.push(`kept as text: "${abbreviated(whole, 70)}" (${plan.problem})`);
      return [text(whole)];
    }
    const against = joiners.find((joiner) => joiner && (joiner === 'and' ? 'all' : 'any') !== plan.mode);
    if (against) {
      notes.push(`kept as text: "${abbreviated(whole, 70)}" (its sub-items are joined by '${against}', against how its lead combines them)`);
      return [text(whole)];
    }
    const children = listCriteria(item.children, plan.mode, context, false).flat();
    const bare =
      /^(?:(?:patients?|participants?|subjects?)\s+(?:must\s+)?(?:have|meet|has|meets)\s+)?(?:any|all|one|each|at least one|either)(?:\s+\(?\d\)?)?\s+of\s+the\s+following(?:\s+criteria)?$/i.test(
        label,
      );
    if (!plan.stated)
      notes.push(
        `the sub-items of "${abbreviated(label, 60)}" read as ${plan.mode === 'all' ? 'all required' : 'any one'}, as the list says of its requirements`,
      );
    return [group(plan.mode, bare ? undefined : label, children, comments)];
  }
  if (textOnly) return [text(itemText)];
  let clauses = splitOutside(itemText, /[;；]/y).map(cleanItemText).filter(Boolean);
  if (clauses.length <= 1) return clauseCriteria(itemText, mode, false, notes, comments).criteria;
  // "ECOG 0-2; or Karnofsky ≥ 60%": a clause that begins with a conjunction says how the clauses combine.
  const joined = clauses.slice(1).map((clause) => /^(and\/or|and|or)\s+/i.exec(clause));
  if (joined.some((match) => match && (match[1].toLowerCase() === 'and' ? 'all' : 'any') !== mode)) {
    notes.push(`kept as text: "${abbreviated(itemText)}" (its parts are joined by '${joined.find(Boolean)![1]}', which the side does not combine that way)`);
    return [text(itemText)];
  }
  clauses = clauses.map((clause, i) => (i > 0 && joined[i - 1] ? clause.slice(joined[i - 1]![0].length) : clause));
  const measures = alternativeMeasures(clauses);
  if (measures && !joined.some((match) => match?.[1].toLowerCase() === 'and')) {
    notes.push(`kept as text: "${abbreviated(itemText)}" (its parts give ${measures}, which may be alternatives)`);
    return [text(itemText)];
  }
  const local: string[] = [];
  const read = clauses.map((clause, i) => clauseCriteria(clause, mode, i === 0, local, comments));
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

function allItems(items: readonly Item[]): Item[] {
  return items.flatMap((item) => [item, ...allItems(item.children)]);
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

// ---- the whole text ------------------------------------------------------------------------------

/**
 * Reads the registry's criteria text. Items before any heading count as inclusion criteria (a
 * note says so); inclusion items are read as all required, exclusion items as any one excluding.
 */
export function readEligibilityText(criteriaText: string): ProseReading {
  const structure = readStructure(criteriaText);
  const notes = [...structure.notes];
  const comments = new Map<S.Criterion, string[]>();
  const context: ReadContext = { notes, comments };
  const inclusion: S.Criterion[] = [];
  const exclusion: S.Criterion[] = [];
  /** Each top-level criterion with the span of text it was read from. */
  const placed: { criterion: S.Criterion; side: Side; start: number; end: number }[] = [];
  const headed = structure.sections.some((section) => section.side);
  const unheaded = structure.sections.filter((section) => !section.side).reduce((count, section) => count + section.items.length, 0);
  if (unheaded) {
    notes.push(
      headed
        ? `${unheaded} item(s) before the first Inclusion/Exclusion heading read as inclusion criteria`
        : 'the criteria text has no Inclusion/Exclusion Criteria headings; every item read as an inclusion criterion',
    );
  }
  for (const section of structure.sections) {
    if (!section.items.length) continue;
    const side: Side = section.side ?? 'inclusion';
    const mode = side === 'inclusion' ? 'all' : 'any';
    const target = side === 'inclusion' ? inclusion : exclusion;
    const keep = (written: Written, start: number, end: number) => {
      if (written.comments.length) comments.set(written.criterion, [...written.comments]);
      target.push(written.criterion);
      placed.push({ criterion: written.criterion, side, start, end });
    };
    if (section.population) {
      // Criteria of one part of the population: a group labelled with it, each criterion text, since the language cannot say to whom they apply.
      const children = listCriteria(section.items, mode, context, true).flat();
      notes.push(
        `the criteria under "${abbreviated(section.population, 50)}" apply to that part of the population only; kept as text in a group labelled with it`,
      );
      const first = section.items[0];
      const last = section.items[section.items.length - 1];
      keep(group(mode, section.population, children, comments), first.start, last.end);
      continue;
    }
    if (section.orLine) {
      notes.push(
        `a line reading 'OR' splits the ${side} criteria${section.heading ? ` under "${abbreviated(section.heading, 40)}"` : ''} into alternatives the text does not delimit; every item there kept as text`,
      );
    }
    const read = listCriteria(section.items, mode, context, section.orLine);
    section.items.forEach((item, i) => {
      for (const written of read[i]) keep(written, item.start, item.end);
    });
  }
  return { inclusion, exclusion, comments, notes, segments: segmentsOf(criteriaText, placed) };
}

/**
 * The text cut at the criteria: each criterion with its lines (two criteria read from one item
 * share them: the first takes the text, the others an empty segment), the rest between them.
 */
function segmentsOf(textValue: string, placed: readonly { criterion: S.Criterion; side: Side; start: number; end: number }[]): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const { criterion, side, start, end } of placed) {
    if (start >= at) {
      if (start > at) segments.push({ text: textValue.slice(at, start) });
      segments.push({ text: textValue.slice(start, end), criterion, side });
      at = end;
    } else {
      segments.push({ text: '', criterion, side });
    }
  }
  if (at < textValue.length) segments.push({ text: textValue.slice(at) });
  return segments;
}
