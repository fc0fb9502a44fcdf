/**
 * The amendment diff: two versions of a protocol compared clause by clause, in meaning rather
 * than in text. A clause is a registry field, an arm, a phase, a dose field (value, unit, route,
 * frequency, days, cycle, duration, count), an age or sex limit, or a criterion. Criteria are
 * paired by what they are about (their polarity, how they combine with their neighbours, and
 * their analyte and bound, score, prior therapy or text), never by line, and thresholds are
 * compared in their analyte's canonical unit, so `albumin >= 3 g/dL` and `albumin >= 30 g/L`
 * are the same clause. A change to eligibility says whether it tightens or loosens it.
 *
 * Each kind of criterion and each dose field is one entry of a table; a criterion kind or a dose
 * property this module does not know is compared as written and said to be so, never dropped.
 */

import { FIELD_SPECS, valueAt, type FieldSpec } from '../language/fields';
import { findAnalyte } from '../knowledge/analytes';
import { findDrug } from '../knowledge/index';
import { partText } from '../model/print';
import type * as S from '../model/schema';
import { convert } from '../model/units';
import { criteriaOf, dosesOf, type DoseAt } from '../model/walk';
import type { DocumentNode } from '../syntax/tree';
import { createLineIndex, type LineIndex } from '../util/lines';
import { clausesText, criterionSource, eligibilityFieldSpan, oneLine, scoreRange, spanSource } from './criterion-text';

/** One version of the protocol: its text (for lines and criteria as written), its model and its tree. */
export interface DiffSide {
  readonly text: string;
  readonly protocol: S.Protocol;
  readonly parse?: { readonly tree: DocumentNode };
}

export type ChangeKind = 'added' | 'removed' | 'changed';
export type Direction = 'tightened' | 'loosened';
/** A value as the diff reports it: written as the language writes it. */
export type DiffValue = string | number | readonly string[];

/**
 * Where a change belongs in an ICH M11 protocol (the template's section headings, Step 4,
 * 19 November 2025), for the summary-of-changes table. `registry` holds the ClinicalTrials.gov
 * fields that have no M11 section.
 */
export const DIFF_SECTIONS = {
  titlePage: 'Title Page',
  synopsis: '1.1 Protocol Synopsis',
  overallDesign: '1.1.2 Overall Design',
  objectives: '3 Trial Objectives and Associated Estimands',
  trialDesign: '4.1 Description of Trial Design',
  startAndEnd: '4.4 Start of Trial and End of Trial',
  population: '5.1 Description of Trial Population and Rationale',
  inclusion: '5.2 Inclusion Criteria',
  exclusion: '5.3 Exclusion Criteria',
  intervention: '6.1 Description of Investigational Trial Intervention',
  registry: 'Registry record (no M11 section)',
} as const;
export type DiffSection = keyof typeof DIFF_SECTIONS;

/** One clause that differs between the versions. */
export interface Change {
  readonly kind: ChangeKind;
  readonly section: DiffSection;
  /** The clause: `phase`, `maximum age`, `inclusion: platelets (lower limit)`, `arm neoadjuvant: oxaliplatin: value`. */
  readonly what: string;
  /** The old value; null for an added clause. */
  readonly old: DiffValue | null;
  /** The new value; null for a removed clause. */
  readonly new: DiffValue | null;
  /** Where the clause stands in each version (absent where it does not exist or has no place). */
  readonly oldSpan?: S.Span;
  readonly newSpan?: S.Span;
  /** 1-based lines of the spans, null where there is none. */
  readonly oldLine: number | null;
  readonly newLine: number | null;
  /** For eligibility: whether the change admits fewer patients (tightened) or more (loosened); null when neither or not known. */
  readonly direction: Direction | null;
  /** Why a change has no direction, or that it was compared only as written. */
  readonly note?: string;
}

export interface AmendmentDiff {
  readonly changes: readonly Change[];
}

/** A change as a comparer reports it, before lines and ordering are added. */
interface Difference {
  readonly kind?: ChangeKind;
  readonly what: string;
  readonly old: DiffValue | null;
  readonly new: DiffValue | null;
  readonly oldSpan?: S.Span;
  readonly newSpan?: S.Span;
  readonly direction?: Direction | null;
  readonly note?: string;
}

/** The changes of one comparison as they are found, each with where it sorts. */
interface Changes {
  readonly list: { change: Change; order: number }[];
  /** Records a difference in a section; `order` sorts it (by default, after everything before it). */
  add(section: DiffSection, difference: Difference, order?: number): void;
}

/** Collects the changes of one comparison, with lines from both texts. */
function createChanges(oldText: string, newText: string): Changes {
  const oldLines: LineIndex = createLineIndex(oldText);
  const newLines: LineIndex = createLineIndex(newText);
  const list: { change: Change; order: number }[] = [];
  return {
    list,
    add(section, difference, order = list.length) {
      const kind = difference.kind ?? 'changed';
      const oldSpan = kind === 'added' ? undefined : difference.oldSpan;
      const newSpan = kind === 'removed' ? undefined : difference.newSpan;
      list.push({
        change: {
          kind,
          section,
          what: difference.what,
          old: kind === 'added' ? null : difference.old,
          new: kind === 'removed' ? null : difference.new,
          ...(oldSpan ? { oldSpan } : {}),
          ...(newSpan ? { newSpan } : {}),
          oldLine: oldSpan ? oldLines.position(oldSpan.offset).line + 1 : null,
          newLine: newSpan ? newLines.position(newSpan.offset).line + 1 : null,
          direction: difference.direction ?? null,
          ...(difference.note ? { note: difference.note } : {}),
        },
        order,
      });
    },
  };
}

/** Compares two versions of a protocol clause by clause. */
export function diffProtocols(before: DiffSide, after: DiffSide): AmendmentDiff {
  const changes = createChanges(before.text, after.text);
  try {
    diffTrial(before.protocol.trial, after.protocol.trial, changes);
    diffDrugs(before.protocol.drugs, after.protocol.drugs, changes);
    diffInterventions(before.protocol.interventions, after.protocol.interventions, changes);
    diffArms(before, after, changes);
    diffEligibility(before, after, changes);
    diffOutcomes(before.protocol.outcomes, after.protocol.outcomes, changes);
  } finally {
    wordSets.clear();
  }
  // Stable: each comparer gives its own order (criteria by where they stand in the new version).
  const ordered = changes.list.map((entry, index) => ({ ...entry, index })).sort((a, b) => a.order - b.order || a.index - b.index);
  return { changes: ordered.map((entry) => entry.change) };
}

// ---- values and equality -------------------------------------------------------------------

/** Two numbers equal up to floating-point noise. */
function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** A value without the spans of the source, for comparing and showing what a version says. */
function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([key]) => key !== 'span' && !key.endsWith('Span') && key !== 'fieldSpans');
  return Object.fromEntries(entries.map(([key, inner]) => [key, withoutSpans(inner)]));
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(withoutSpans(a)) === JSON.stringify(withoutSpans(b));
}

/** Any model value as the diff shows it: scalars as they are, lists of scalars as lists, objects as `key value` text. */
function shown(value: unknown): DiffValue {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map((item) => String(typeof item === 'object' ? JSON.stringify(withoutSpans(item)) : item));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(withoutSpans(value) as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .map(([key, inner]) => `${key} ${typeof inner === 'object' ? JSON.stringify(inner) : String(inner)}`)
      .join(', ');
  }
  return String(value);
}

/** The word sets of the texts compared in one diff; emptied when the diff ends, so it never outgrows one comparison. */
const wordSets = new Map<string, Set<string>>();

/** Words of a text for similarity: lower case, letters and digits. */
function words(text: string): Set<string> {
  let found = wordSets.get(text);
  if (!found) {
    found = new Set(
      text
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((word) => word.length > 1),
    );
    wordSets.set(text, found);
  }
  return found;
}

/** The Dice coefficient of two texts' word sets: 1 for the same words, 0 for none shared. */
function similarity(a: string, b: string): number {
  const left = words(a);
  const right = words(b);
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return (2 * shared) / (left.size + right.size);
}

function normalText(text: string): string {
  return oneLine(text).toLowerCase();
}

/**
 * The most pairs of leftover items of one kind compared by similarity; beyond it (thousands of
 * reworded texts on each side) they are reported as removed and added, which is true, rather than
 * spending minutes on a pairing that would only read better.
 */
const MAX_SIMILARITY_PAIRS = 250_000;

/**
 * Pairs the items of two lists: first those with the same key and the same identity (what they
 * say), then, among the rest with the same key, by `affinity` (best first, at least `threshold`)
 * or in order. Linear in the items but for the similarity step, which is bounded.
 */
function pairItems<T>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
  identity: (item: T) => string,
  affinity?: { readonly score: (a: T, b: T) => number; readonly threshold: number },
): { pairs: [T, T][]; removed: T[]; added: T[] } {
  const pairs: [T, T][] = [];
  const usedBefore = new Set<number>();
  const usedAfter = new Set<number>();
  const pair = (i: number, j: number) => {
    usedBefore.add(i);
    usedAfter.add(j);
    pairs.push([before[i], after[j]]);
  };
  const keysBefore = before.map(key);
  const keysAfter = after.map(key);
  const exact = new Map<string, number[]>();
  before.forEach((item, i) => {
    const id = `${keysBefore[i]}\u0000${identity(item)}`;
    exact.set(id, [...(exact.get(id) ?? []), i]);
  });
  after.forEach((item, j) => {
    const waiting = exact.get(`${keysAfter[j]}\u0000${identity(item)}`);
    const i = waiting?.shift();
    if (i !== undefined) pair(i, j);
  });
  // The rest, by key.
  const buckets = new Map<string, { before: number[]; after: number[] }>();
  const bucket = (name: string) => buckets.get(name) ?? buckets.set(name, { before: [], after: [] }).get(name)!;
  before.forEach((_, i) => {
    if (!usedBefore.has(i)) bucket(keysBefore[i]).before.push(i);
  });
  after.forEach((_, j) => {
    if (!usedAfter.has(j)) bucket(keysAfter[j]).after.push(j);
  });
  for (const { before: left, after: right } of buckets.values()) {
    if (!affinity) {
      for (let n = 0; n < Math.min(left.length, right.length); n++) pair(left[n], right[n]);
      continue;
    }
    if (left.length * right.length > MAX_SIMILARITY_PAIRS) continue;
    const candidates: { i: number; j: number; score: number }[] = [];
    for (const i of left) {
      for (const j of right) {
        const score = affinity.score(before[i], after[j]);
        if (score >= affinity.threshold) candidates.push({ i, j, score });
      }
    }
    candidates.sort((x, y) => y.score - x.score || x.j - y.j || x.i - y.i);
    for (const { i, j } of candidates) if (!usedBefore.has(i) && !usedAfter.has(j)) pair(i, j);
  }
  return { pairs, removed: before.filter((_, i) => !usedBefore.has(i)), added: after.filter((_, j) => !usedAfter.has(j)) };
}

// ---- the trial block ------------------------------------------------------------------------

/** The M11 section of each registry field, by keyword; fields not listed are the registry's only. */
const TRIAL_FIELD_SECTIONS: Readonly<Record<string, DiffSection>> = {
  org_study_id: 'titlePage',
  secondary_id: 'titlePage',
  title: 'titlePage',
  official_title: 'titlePage',
  acronym: 'titlePage',
  phase: 'titlePage',
  sponsor: 'titlePage',
  collaborator: 'titlePage',
  summary: 'synopsis',
  description: 'synopsis',
  conditions: 'synopsis',
  type: 'overallDesign',
  enrollment: 'overallDesign',
  design: 'overallDesign',
  status: 'startAndEnd',
  start: 'startAndEnd',
  primary_completion: 'startAndEnd',
  completion: 'startAndEnd',
};

/** How the items of a repeatable registry field are told apart: a collaborator by name, a site by facility. */
const LIST_ITEM_KEYS: Readonly<Partial<Record<string, (item: Record<string, unknown>) => string>>> = {
  collaborator: (item) => normalText(String(item.name)),
  investigator: (item) => normalText(String(item.name)),
  site: (item) => normalText(String(item.facility)),
  reference: (item) => (item.pmid !== undefined ? `pmid ${String(item.pmid)}` : normalText(String(item.citation))),
};

/** How an item of a repeatable registry field is shown: a collaborator as `name (class)`, a site by facility and city. */
const LIST_ITEM_TEXTS: Readonly<Partial<Record<string, (item: Record<string, unknown>) => string>>> = {
  collaborator: (item) => `${String(item.name)}${item.class ? ` (${String(item.class)})` : ''}`,
  investigator: (item) => `${String(item.name)} (${String(item.role)}${item.affiliation ? `, ${String(item.affiliation)}` : ''})`,
  site: (item) => [item.facility, item.city, item.state, item.zip, item.country, item.status].filter((part) => part !== undefined).join(', '),
  reference: (item) => `${String(item.type)}${item.pmid !== undefined ? ` pmid ${String(item.pmid)}` : ''}: ${String(item.citation)}`,
};

/** A date field as written: `2021-01-20 actual`. */
function dateText(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { date, qualifier } = value as { date?: string; qualifier?: string };
  return date === undefined ? undefined : `${date}${qualifier ? ` ${qualifier}` : ''}`;
}

/** The readers of registry values by how the field table stores them; `custom` fields by keyword below. */
const TRIAL_VALUE_READERS: Readonly<Partial<Record<string, (value: unknown) => DiffValue | undefined>>> = {
  date: dateText,
  plainDate: dateText,
  enrollment: (value) => {
    const enrollment = value as S.Trial['enrollment'];
    return enrollment ? `${enrollment.count}${enrollment.qualifier ? ` ${enrollment.qualifier}` : ''}` : undefined;
  },
  sponsor: (value) => {
    const sponsor = value as S.Trial['sponsor'];
    return sponsor ? `${sponsor.name}${sponsor.class ? ` (${sponsor.class})` : ''}` : undefined;
  },
  responsible_party: (value) => {
    const party = value as S.Trial['responsibleParty'];
    return party === undefined ? undefined : 'role' in party ? party.role : party.name;
  },
};

function diffTrial(before: S.Trial | undefined, after: S.Trial | undefined, changes: Changes): void {
  if (!before && !after) return;
  const nctBefore = before?.nctId;
  const nctAfter = after?.nctId;
  if (nctBefore !== nctAfter) {
    changes.add('titlePage', difference('NCT number', nctBefore, nctAfter, before?.nctIdSpan ?? before?.span, after?.nctIdSpan ?? after?.span));
  }
  for (const spec of Object.values(FIELD_SPECS.trial)) {
    const section = TRIAL_FIELD_SECTIONS[spec.keyword] ?? 'registry';
    const oldSpan = before?.fieldSpans[spec.keyword];
    const newSpan = after?.fieldSpans[spec.keyword];
    const oldValue = before ? valueAt(before, spec.model) : undefined;
    const newValue = after ? valueAt(after, spec.model) : undefined;
    if (spec.keyword === 'design') {
      diffDesign(oldValue as S.Trial['design'] | undefined, newValue as S.Trial['design'] | undefined, oldSpan, newSpan, changes);
      continue;
    }
    if (spec.value === 'texts' || LIST_ITEM_KEYS[spec.keyword]) {
      diffList(spec, oldValue, newValue, oldSpan, newSpan, section, changes);
      continue;
    }
    const read = TRIAL_VALUE_READERS[spec.value] ?? TRIAL_VALUE_READERS[spec.keyword];
    const oldShown = read ? read(oldValue) : oldValue === undefined ? undefined : shown(oldValue);
    const newShown = read ? read(newValue) : newValue === undefined ? undefined : shown(newValue);
    if (sameValue(oldShown, newShown)) continue;
    changes.add(section, difference(spec.keyword, oldShown, newShown, oldSpan, newSpan));
  }
}

/** A difference of one value that may be absent on either side: added, removed or changed. */
function difference(
  what: string,
  old: DiffValue | undefined,
  now: DiffValue | undefined,
  oldSpan?: S.Span,
  newSpan?: S.Span,
  extra: Partial<Difference> = {},
): Difference {
  const kind: ChangeKind = old === undefined ? 'added' : now === undefined ? 'removed' : 'changed';
  return { kind, what, old: old ?? null, new: now ?? null, oldSpan, newSpan, ...extra };
}

function diffDesign(
  before: S.Trial['design'] | undefined,
  after: S.Trial['design'] | undefined,
  oldSpan: S.Span | undefined,
  newSpan: S.Span | undefined,
  changes: Changes,
): void {
  for (const spec of Object.values(FIELD_SPECS.design)) {
    const oldValue = before ? valueAt(before, spec.model) : undefined;
    const newValue = after ? valueAt(after, spec.model) : undefined;
    if (sameValue(oldValue, newValue)) continue;
    changes.add(
      'overallDesign',
      difference(
        `design ${spec.keyword}`,
        oldValue === undefined ? undefined : shown(oldValue),
        newValue === undefined ? undefined : shown(newValue),
        oldSpan,
        newSpan,
      ),
    );
  }
}

/** A repeatable registry field: each item added or removed, and each kept item's own changes. */
function diffList(
  spec: FieldSpec,
  before: unknown,
  after: unknown,
  oldSpan: S.Span | undefined,
  newSpan: S.Span | undefined,
  section: DiffSection,
  changes: Changes,
): void {
  const oldItems = Array.isArray(before) ? (before as unknown[]) : [];
  const newItems = Array.isArray(after) ? (after as unknown[]) : [];
  const itemKey = LIST_ITEM_KEYS[spec.keyword];
  const key = (item: unknown) => (itemKey && typeof item === 'object' && item !== null ? itemKey(item as Record<string, unknown>) : normalText(String(item)));
  const spanOf = (item: unknown, fallback: S.Span | undefined) =>
    typeof item === 'object' && item !== null && 'span' in item ? (item as { span: S.Span }).span : fallback;
  const itemText = LIST_ITEM_TEXTS[spec.keyword];
  const text = (item: unknown) =>
    typeof item === 'string' ? item : itemText && typeof item === 'object' && item !== null ? itemText(item as Record<string, unknown>) : shown(item);
  const { pairs, removed, added } = pairItems(oldItems, newItems, key, () => '');
  for (const item of removed) changes.add(section, { kind: 'removed', what: spec.keyword, old: text(item), new: null, oldSpan: spanOf(item, oldSpan) });
  for (const item of added) changes.add(section, { kind: 'added', what: spec.keyword, old: null, new: text(item), newSpan: spanOf(item, newSpan) });
  for (const [oldItem, newItem] of pairs) {
    if (sameValue(oldItem, newItem)) continue;
    changes.add(section, { what: spec.keyword, old: text(oldItem), new: text(newItem), oldSpan: spanOf(oldItem, oldSpan), newSpan: spanOf(newItem, newSpan) });
  }
}

// ---- drugs, interventions, outcomes ---------------------------------------------------------

/**
 * Compares the fields of two elements matched by identity: each field of the block's table,
 * then any other property the element carries (a field this module does not know by name).
 */
function diffElementFields<T extends object>(
  prefix: string,
  before: T,
  after: T,
  fields: readonly { readonly keyword: string; readonly model: string }[],
  spans: { readonly old: S.Span; readonly new: S.Span },
  section: DiffSection,
  changes: Changes,
  skip: readonly string[] = [],
): void {
  const known = new Set([...fields.map((field) => field.model), ...skip]);
  for (const field of fields) {
    const oldValue = valueAt(before, field.model);
    const newValue = valueAt(after, field.model);
    if (sameValue(oldValue, newValue)) continue;
    const oldShown = oldValue === undefined || (Array.isArray(oldValue) && oldValue.length === 0) ? undefined : shown(oldValue);
    const newShown = newValue === undefined || (Array.isArray(newValue) && newValue.length === 0) ? undefined : shown(newValue);
    changes.add(section, difference(`${prefix}: ${field.keyword}`, oldShown, newShown, spans.old, spans.new));
  }
  const others = new Set([...Object.keys(before), ...Object.keys(after)].filter((key) => !known.has(key) && key !== 'span' && !key.endsWith('Span')));
  for (const key of others) {
    const oldValue = (before as Record<string, unknown>)[key];
    const newValue = (after as Record<string, unknown>)[key];
    if (sameValue(oldValue, newValue)) continue;
    changes.add(
      section,
      difference(
        `${prefix}: ${key}`,
        oldValue === undefined ? undefined : shown(oldValue),
        newValue === undefined ? undefined : shown(newValue),
        spans.old,
        spans.new,
        {
          note: 'compared as written',
        },
      ),
    );
  }
}

function fieldsOf(context: 'drug' | 'intervention' | 'outcome' | 'arm'): { keyword: string; model: string }[] {
  return Object.values(FIELD_SPECS[context]).filter((spec) => spec.value !== 'custom');
}

function diffDrugs(before: readonly S.DrugDecl[], after: readonly S.DrugDecl[], changes: Changes): void {
  const { pairs, removed, added } = pairItems(
    before,
    after,
    (drug) => drug.id,
    () => '',
  );
  const describe = (drug: S.DrugDecl) => `${drug.id}${drug.label ? ` "${drug.label}"` : ''}`;
  for (const drug of removed) changes.add('intervention', { kind: 'removed', what: `drug ${drug.id}`, old: describe(drug), new: null, oldSpan: drug.span });
  for (const drug of added) changes.add('intervention', { kind: 'added', what: `drug ${drug.id}`, old: null, new: describe(drug), newSpan: drug.span });
  for (const [a, b] of pairs) {
    diffElementFields(
      `drug ${b.id}`,
      a,
      b,
      [{ keyword: 'label', model: 'label' }, ...fieldsOf('drug')],
      { old: a.span, new: b.span },
      'intervention',
      changes,
      ['id'],
    );
  }
}

function diffInterventions(before: readonly S.Intervention[], after: readonly S.Intervention[], changes: Changes): void {
  const { pairs, removed, added } = pairItems(
    before,
    after,
    (intervention) => intervention.id,
    () => '',
  );
  const describe = (intervention: S.Intervention) => `${intervention.id} ${intervention.type} "${intervention.name}"`;
  for (const item of removed)
    changes.add('intervention', { kind: 'removed', what: `intervention ${item.id}`, old: describe(item), new: null, oldSpan: item.span });
  for (const item of added) changes.add('intervention', { kind: 'added', what: `intervention ${item.id}`, old: null, new: describe(item), newSpan: item.span });
  for (const [a, b] of pairs) {
    const fields = [{ keyword: 'type', model: 'type' }, { keyword: 'name', model: 'name' }, ...fieldsOf('intervention')];
    diffElementFields(`intervention ${b.id}`, a, b, fields, { old: a.span, new: b.span }, 'intervention', changes, ['id']);
  }
}

function diffOutcomes(before: readonly S.Outcome[], after: readonly S.Outcome[], changes: Changes): void {
  const { pairs, removed, added } = pairItems(
    before,
    after,
    () => 'outcome',
    (outcome) => normalText(outcome.measure),
    { score: (a, b) => similarity(a.measure, b.measure), threshold: 0.5 },
  );
  const describe = (outcome: S.Outcome) => `${outcome.kind ? `${outcome.kind} ` : ''}${outcome.measure}`;
  for (const outcome of removed) changes.add('objectives', { kind: 'removed', what: 'outcome', old: describe(outcome), new: null, oldSpan: outcome.span });
  for (const outcome of added) changes.add('objectives', { kind: 'added', what: 'outcome', old: null, new: describe(outcome), newSpan: outcome.span });
  for (const [a, b] of pairs) {
    const fields = [{ keyword: 'kind', model: 'kind' }, { keyword: 'measure', model: 'measure' }, ...fieldsOf('outcome')];
    diffElementFields(`outcome "${b.measure}"`, a, b, fields, { old: a.span, new: b.span }, 'objectives', changes);
  }
}

// ---- arms and doses -------------------------------------------------------------------------

/** The drugs an arm or phase gives, in order, each once. */
function drugsIn(doses: Iterable<DoseAt>): string[] {
  return [...new Set([...doses].map((at) => at.dose.drug))];
}

function armDoses(arm: S.Arm): DoseAt[] {
  return [...dosesOf({ arms: [arm], drugs: [], interventions: [], outcomes: [] })];
}

function describeArm(arm: S.Arm): string {
  const drugs = drugsIn(armDoses(arm));
  return `${arm.label}${arm.type ? ` (${arm.type})` : ''}${drugs.length ? `: ${drugs.join(', ')}` : ''}`;
}

function diffArms(before: DiffSide, after: DiffSide, changes: Changes): void {
  const arms = pairItems(
    before.protocol.arms,
    after.protocol.arms,
    (arm) => arm.id,
    () => '',
  );
  // Arms renamed but still labelled the same are the same arm.
  const relabelled = pairItems(
    arms.removed,
    arms.added,
    (arm) => normalText(arm.label),
    () => '',
  );
  for (const arm of relabelled.removed)
    changes.add('trialDesign', { kind: 'removed', what: `arm ${arm.id}`, old: describeArm(arm), new: null, oldSpan: arm.span });
  for (const arm of relabelled.added) changes.add('trialDesign', { kind: 'added', what: `arm ${arm.id}`, old: null, new: describeArm(arm), newSpan: arm.span });
  for (const [a, b] of [...arms.pairs, ...relabelled.pairs]) {
    const prefix = `arm ${b.id}`;
    if (a.id !== b.id) changes.add('trialDesign', { what: `${prefix}: identifier`, old: a.id, new: b.id, oldSpan: a.idSpan, newSpan: b.idSpan });
    const fields = [{ keyword: 'label', model: 'label' }, { keyword: 'type', model: 'type' }, { keyword: 'uses', model: 'interventions' }, ...fieldsOf('arm')];
    diffElementFields(prefix, a, b, fields, { old: a.span, new: b.span }, 'trialDesign', changes, ['id', 'phases']);
    diffPhases(prefix, a, b, before.text, after.text, changes);
  }
}

/** The options of choices that hold a dose, outermost first: `option "Cisplatin"`; '' when everyone in the arm receives it. */
function optionPath(at: DoseAt): string {
  return at.options.map((option) => `option "${option.option}"`).join(': ');
}

/** A phase's name as the diff shows it; the unnamed phase holds what stands directly in the arm. */
function phaseName(phase: S.TreatmentPhase): string {
  return phase.name ?? 'treatment outside a phase';
}

function diffPhases(prefix: string, before: S.Arm, after: S.Arm, oldText: string, newText: string, changes: Changes): void {
  const phases = pairItems(
    before.phases,
    after.phases,
    (phase) => phase.name ?? '',
    () => '',
  );
  const oldArmDoses = armDoses(before);
  const newArmDoses = armDoses(after);
  const phaseDrugs = (doses: readonly DoseAt[], phase: S.TreatmentPhase) => drugsIn(doses.filter((at) => at.phase === phase));
  for (const phase of phases.removed) {
    changes.add('intervention', {
      kind: 'removed',
      what: `${prefix}: ${phaseName(phase)}`,
      old: phaseDrugs(oldArmDoses, phase),
      new: null,
      oldSpan: phase.span,
    });
  }
  for (const phase of phases.added) {
    changes.add('intervention', { kind: 'added', what: `${prefix}: ${phaseName(phase)}`, old: null, new: phaseDrugs(newArmDoses, phase), newSpan: phase.span });
  }
  for (const [a, b] of phases.pairs) {
    const where = `${prefix}: ${phaseName(b)}`;
    const optional = (phase: S.TreatmentPhase) => (phase.optional ? 'optional' : 'given to every participant of the arm');
    if (Boolean(a.optional) !== Boolean(b.optional)) changes.add('intervention', difference(`${where}: optional`, optional(a), optional(b), a.span, b.span));
    if ((a.label ?? '') !== (b.label ?? '')) changes.add('intervention', difference(`${where}: label`, a.label, b.label, a.span, b.span));
    diffSurgeries(where, a, b, changes);
    const oldDoses = oldArmDoses.filter((at) => at.phase === a);
    const newDoses = newArmDoses.filter((at) => at.phase === b);
    // A dose pairs with the same drug in the same option of the same choice: the cisplatin option's cisplatin, not another's.
    const drugKey = (at: DoseAt) => `${findDrug(at.dose.drug)?.id ?? at.dose.drug.toLowerCase()}\u0000${optionPath(at)}`;
    const doses = pairItems(oldDoses, newDoses, drugKey, (at) => JSON.stringify(withoutSpans([at.dose, at.cycle ?? null])));
    const whereOf = (at: DoseAt) => (at.options.length ? `${where}: ${optionPath(at)}` : where);
    for (const at of doses.removed) {
      changes.add('intervention', {
        kind: 'removed',
        what: `${whereOf(at)}: ${at.dose.drug}`,
        old: spanSource(oldText, at.dose.span),
        new: null,
        oldSpan: at.dose.span,
      });
    }
    for (const at of doses.added) {
      changes.add('intervention', {
        kind: 'added',
        what: `${whereOf(at)}: ${at.dose.drug}`,
        old: null,
        new: spanSource(newText, at.dose.span),
        newSpan: at.dose.span,
      });
    }
    const seenCycles = new Set<string>();
    for (const [x, y] of doses.pairs) {
      for (const field of DOSE_FIELDS) {
        for (const found of field.compare(x, y, seenCycles)) changes.add('intervention', { ...found, what: `${whereOf(y)}: ${found.what}` });
      }
      for (const found of unknownDoseFields(x, y)) changes.add('intervention', { ...found, what: `${whereOf(y)}: ${found.what}` });
    }
  }
}

function diffSurgeries(where: string, before: S.TreatmentPhase, after: S.TreatmentPhase, changes: Changes): void {
  type Surgery = Extract<S.Step, { kind: 'surgery' }>;
  const surgeries = (phase: S.TreatmentPhase) => phase.steps.filter((step): step is Surgery => step.kind === 'surgery');
  const oldSurgeries = surgeries(before);
  const newSurgeries = surgeries(after);
  const describe = (step: Surgery) => `surgery${step.note ? ` "${step.note}"` : ''}`;
  const count = Math.max(oldSurgeries.length, newSurgeries.length);
  for (let i = 0; i < count; i++) {
    const a = oldSurgeries[i] as Surgery | undefined;
    const b = newSurgeries[i] as Surgery | undefined;
    if (a && b && a.note === b.note) continue;
    changes.add('intervention', difference(`${where}: surgery`, a ? describe(a) : undefined, b ? describe(b) : undefined, a?.span, b?.span));
  }
}

/**
 * One field of a dose line: the dose properties it reads, and how two doses of the same drug in
 * the same phase differ in it. Dose properties no entry reads are compared as written.
 */
interface DoseField {
  readonly name: string;
  readonly reads: readonly (keyof S.Dose)[];
  compare(before: DoseAt, after: DoseAt, seenCycles: Set<string>): Difference[];
}

/** A field read as one shown value: a difference when the values differ. */
function simpleDoseField(
  name: string,
  reads: readonly (keyof S.Dose)[],
  value: (at: DoseAt) => DiffValue | undefined,
  spanOf?: (dose: S.Dose) => S.Span | undefined,
): DoseField {
  return {
    name,
    reads,
    compare(before, after) {
      const old = value(before);
      const now = value(after);
      if (sameValue(old, now)) return [];
      const oldSpan = spanOf?.(before.dose) ?? before.dose.span;
      const newSpan = spanOf?.(after.dose) ?? after.dose.span;
      return [difference(`${after.dose.drug}: ${name}`, old, now, oldSpan, newSpan)];
    },
  };
}

/** The amount as written: `85 mg/m2`, `AUC 5-6`, `dose unstated`, `matching pembrolizumab`. */
function amountText(amount: S.Amount): string {
  return partText.amount(amount);
}

/** The dose's value and unit: compared in the normalised unit where both convert to one (1 g/m2 is 1000 mg/m2). */
const amountField: DoseField = {
  name: 'dose',
  reads: ['amount'],
  compare(before, after) {
    const a = before.dose.amount;
    const b = after.dose.amount;
    const drug = after.dose.drug;
    const spans = { oldSpan: before.dose.valueSpan ?? before.dose.span, newSpan: after.dose.valueSpan ?? after.dose.span };
    if (a.form !== b.form) return [{ what: `${drug}: dose`, old: amountText(a), new: amountText(b), ...spans }];
    if (a.form === 'auc' && b.form === 'auc')
      return amountText(a) === amountText(b) ? [] : [{ what: `${drug}: value`, old: amountText(a), new: amountText(b), ...spans }];
    if (a.form !== 'quantity' || b.form !== 'quantity')
      return sameValue(a, b) ? [] : [{ what: `${drug}: dose`, old: amountText(a), new: amountText(b), ...spans }];
    if (a.normalized && b.normalized && a.normalized.unit === b.normalized.unit) {
      return sameNumber(a.normalized.value, b.normalized.value) ? [] : [{ what: `${drug}: value`, old: amountText(a), new: amountText(b), ...spans }];
    }
    const found: Difference[] = [];
    if (a.unit !== b.unit) {
      found.push({
        what: `${drug}: unit`,
        old: a.unit,
        new: b.unit,
        oldSpan: before.dose.unitSpan ?? spans.oldSpan,
        newSpan: after.dose.unitSpan ?? spans.newSpan,
        note: `${a.unit} and ${b.unit} do not convert to one another`,
      });
    }
    if (!sameNumber(a.value, b.value)) found.push({ what: `${drug}: value`, old: amountText(a), new: amountText(b), ...spans });
    return found;
  },
};

function daysText(dose: S.Dose): string | undefined {
  if (dose.dayItems?.length) return dose.dayItems.map((item) => (item.from === item.to ? String(item.from) : `${item.from}-${item.to}`)).join(', ');
  return dose.days?.length ? dose.days.join(', ') : undefined;
}

function cycleText(cycle: S.Cycle | undefined): string {
  if (!cycle) return 'outside a cycle';
  const ends = partText.ends(cycle);
  return `cycle ${cycle.lengthText}${ends ? ` ${ends}` : ''}`;
}

/** The cycle a dose is given in: reported once per pair of cycles, not once per dose in them. */
const cycleField: DoseField = {
  name: 'cycle',
  reads: [],
  compare(before, after, seenCycles) {
    const old = cycleText(before.cycle);
    const now = cycleText(after.cycle);
    if (old === now) return [];
    const key = `${before.cycle?.span.offset ?? before.dose.span.offset}:${after.cycle?.span.offset ?? after.dose.span.offset}`;
    if (seenCycles.has(key)) return [];
    seenCycles.add(key);
    const drugs =
      before.cycle && after.cycle ? [...new Set([...before.cycle.doses, ...after.cycle.doses].map((dose) => dose.drug))].join(', ') : after.dose.drug;
    return [
      {
        what: `${drugs}: cycle`,
        old,
        new: now,
        oldSpan: before.cycle?.headerSpan ?? before.dose.span,
        newSpan: after.cycle?.headerSpan ?? after.dose.span,
      },
    ];
  },
};

/** The dose fields, one entry each; a new dose property gets an entry here to be compared in meaning. */
const DOSE_FIELDS: readonly DoseField[] = [
  amountField,
  simpleDoseField('route', ['route'], (at) => at.dose.route),
  simpleDoseField('frequency', ['frequency'], (at) => at.dose.frequency?.text),
  simpleDoseField(
    'days',
    ['days', 'dayItems'],
    (at) => daysText(at.dose),
    (dose) => dose.dayItems?.[0]?.span,
  ),
  cycleField,
  simpleDoseField('duration', ['duration'], (at) => (at.dose.duration ? `${at.dose.duration.value} ${at.dose.duration.unit}` : undefined)),
  simpleDoseField('count', ['count'], (at) => at.dose.count),
  simpleDoseField('cap on the course', ['upTo'], (at) => optionalText(partText.ends({ upTo: at.dose.upTo }))),
  simpleDoseField('stops', ['until'], (at) => optionalText(partText.ends({ until: at.dose.until }))),
  simpleDoseField(
    'cycles',
    ['cycles'],
    (at) => optionalText(partText.cycles(at.dose.cycles)),
    (dose) => dose.cyclesSpan,
  ),
  simpleDoseField('way of giving', ['mode'], (at) => at.dose.mode),
  simpleDoseField(
    'infusion time',
    ['infusionMinutes'],
    (at) => optionalText(partText.infusion(at.dose.infusionMinutes)),
    (dose) => dose.infusionSpan,
  ),
  simpleDoseField(
    'cap on each dose',
    ['max'],
    (at) => (at.dose.max ? partText.amount(at.dose.max) : undefined),
    (dose) => dose.maxSpan,
  ),
  simpleDoseField(
    'loading dose',
    ['loading'],
    (at) => (at.dose.loading ? partText.amount(at.dose.loading) : undefined),
    (dose) => dose.loadingSpan,
  ),
  simpleDoseField(
    'condition',
    ['condition'],
    (at) => optionalText(partText.condition(at.dose.condition)),
    (dose) => dose.condition?.span,
  ),
  simpleDoseField('note', ['notes'], (at) => (at.dose.notes.length ? at.dose.notes : undefined)),
];

/** A part's text, or undefined when the part is absent. */
function optionalText(text: string): string | undefined {
  return text === '' ? undefined : text;
}

const READ_DOSE_PROPERTIES = new Set<string>(['drug', 'span', ...DOSE_FIELDS.flatMap((field) => field.reads)]);

/** Dose properties no dose field reads (forms added to the language later): compared as written. */
function unknownDoseFields(before: DoseAt, after: DoseAt): Difference[] {
  const keys = new Set([...Object.keys(before.dose), ...Object.keys(after.dose)].filter((key) => !READ_DOSE_PROPERTIES.has(key) && !key.endsWith('Span')));
  const found: Difference[] = [];
  for (const key of keys) {
    const old = (before.dose as Record<string, unknown>)[key];
    const now = (after.dose as Record<string, unknown>)[key];
    if (sameValue(old, now)) continue;
    found.push(
      difference(
        `${after.dose.drug}: ${key}`,
        old === undefined ? undefined : shown(old),
        now === undefined ? undefined : shown(now),
        before.dose.span,
        after.dose.span,
        {
          note: 'compared as written: the diff does not know this dose field',
        },
      ),
    );
  }
  return found;
}

// ---- eligibility ----------------------------------------------------------------------------

/**
 * Whether a change that makes a criterion easier to meet tightens or loosens eligibility. An
 * inclusion easier to meet admits more patients; an exclusion easier to meet excludes more. Any
 * and all groups are monotone in their members, so a member inherits its polarity's sense.
 */
function directionOf(easier: boolean | null, polarity: 'include' | 'exclude'): Direction | null {
  if (easier === null) return null;
  return easier === (polarity === 'exclude') ? 'tightened' : 'loosened';
}

const AGE_UCUM: Readonly<Record<string, string>> = { years: 'a', months: 'mo', weeks: 'wk', days: 'd' };

function ageInDays(limit: { value: number; unit: string }): number | undefined {
  const ucum = AGE_UCUM[limit.unit];
  return ucum === undefined ? undefined : convert(limit.value, ucum, 'd');
}

function diffAges(before: S.Eligibility | undefined, after: S.Eligibility | undefined, changes: Changes): void {
  for (const [what, bound] of [
    ['minimum age', 'minimumAge'],
    ['maximum age', 'maximumAge'],
  ] as const) {
    const a = before?.[bound];
    const b = after?.[bound];
    const text = (limit: S.Eligibility['minimumAge']) => (limit ? `${limit.value} ${limit.unit}` : undefined);
    if (text(a) === text(b)) continue;
    const oldDays = a && ageInDays(a);
    const newDays = b && ageInDays(b);
    let easier: boolean | null = null;
    // No limit admits any age; a lower minimum or a higher maximum admits more.
    if (!a || !b) easier = !b;
    else if (oldDays !== undefined && newDays !== undefined && !sameNumber(oldDays, newDays))
      easier = bound === 'minimumAge' ? newDays < oldDays : newDays > oldDays;
    if (a && b && oldDays !== undefined && newDays !== undefined && sameNumber(oldDays, newDays)) continue;
    changes.add(
      'inclusion',
      difference(what, text(a), text(b), a?.span ?? before?.ageSpan, b?.span ?? after?.ageSpan, { direction: directionOf(easier, 'include') }),
    );
  }
}

/** Sex and healthy volunteers: what each value admits, as sets, so a wider set loosens. */
function diffPopulationFields(before: DiffSide, after: DiffSide, changes: Changes): void {
  const oldEligibility = before.protocol.eligibility;
  const newEligibility = after.protocol.eligibility;
  const admitted: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
    sex: { all: ['female', 'male'], female: ['female'], male: ['male'] },
    healthy_volunteers: { yes: ['patients', 'healthy'], no: ['patients'] },
  };
  for (const [keyword, model, section] of [
    ['sex', 'sex', 'inclusion'],
    ['healthy_volunteers', 'healthyVolunteers', 'population'],
  ] as const) {
    const a = oldEligibility?.[model];
    const b = newEligibility?.[model];
    if (a === b) continue;
    const oldSet = a === undefined ? undefined : admitted[keyword][a];
    const newSet = b === undefined ? undefined : admitted[keyword][b];
    let easier: boolean | null = null;
    if (oldSet && newSet) {
      const wider = oldSet.every((value) => newSet.includes(value)) && newSet.length > oldSet.length;
      const narrower = newSet.every((value) => oldSet.includes(value)) && newSet.length < oldSet.length;
      easier = wider ? true : narrower ? false : null;
    }
    const oldSpan = eligibilityFieldSpan(before.parse?.tree, keyword) ?? oldEligibility?.span;
    const newSpan = eligibilityFieldSpan(after.parse?.tree, keyword) ?? newEligibility?.span;
    changes.add(section, difference(keyword, a, b, oldSpan, newSpan, { direction: directionOf(easier, 'include') }));
  }
}

/** A criterion where it stands: its polarity, how it combines with its neighbours, and its place in source order. */
interface PlacedCriterion {
  readonly criterion: S.Criterion;
  readonly polarity: 'include' | 'exclude';
  /** `all`: it must hold with its neighbours (inclusions, members of an all group); `any`: one of them suffices (exclusions, members of an any group). */
  readonly combines: 'all' | 'any';
  readonly index: number;
  /** The index of the group it is a member of. */
  readonly parent?: number;
}

function placedCriteria(eligibility: S.Eligibility | undefined): PlacedCriterion[] {
  const indexOf = new Map<S.Criterion, number>();
  return [...criteriaOf(eligibility)].map((at, index) => {
    indexOf.set(at.criterion, index);
    const parent = at.group ? indexOf.get(at.group) : undefined;
    return {
      criterion: at.criterion,
      polarity: at.polarity,
      combines: at.group ? at.group.mode : at.polarity === 'include' ? 'all' : 'any',
      index,
      ...(parent === undefined ? {} : { parent }),
    };
  });
}

/**
 * One kind of criterion: what pairs two criteria of it across versions, and how a pair differs.
 * A criterion kind this module does not know is paired only with one written the same.
 */
interface CriterionComparer<C extends S.Criterion> {
  /** The part of the meaning that identifies the clause across versions: `threshold:platelets:lower`. */
  key(criterion: C): string;
  /** The clause's name: `platelets (lower limit)`, `prior therapy`. */
  subject(criterion: C): string;
  /** What the criterion says, as text: two criteria of the same key and identity say the same thing (paired first). */
  identity(criterion: C): string;
  /** How well two criteria of the same key pair (0-1) and the least score that pairs them; absent: pair in order. */
  readonly affinity?: { readonly score: (a: C, b: C) => number; readonly threshold: number };
  /** What differs between a pair, besides the note. */
  compare(a: C, b: C, polarity: 'include' | 'exclude', texts: { readonly old: string; readonly new: string }): Difference[];
}

type Threshold = Extract<S.Criterion, { kind: 'threshold' }>;
type Score = Extract<S.Criterion, { kind: 'score' }>;
type Prior = Extract<S.Criterion, { kind: 'prior' }>;
type Group = Extract<S.Criterion, { kind: 'group' }>;
type TextCriterion = Extract<S.Criterion, { kind: 'text' }>;

function analyteId(name: string): string {
  return findAnalyte(name)?.id ?? name.toLowerCase();
}

function boundOf(comparator: string): 'lower' | 'upper' | 'value' {
  return comparator.startsWith('>') ? 'lower' : comparator.startsWith('<') ? 'upper' : 'value';
}

/** A threshold's value on the scale it can be compared on: a ULN or LLN multiple, a canonical unit, no unit, or a unit that does not convert. */
function thresholdScale(criterion: Threshold): { readonly scale: string; readonly value: number } {
  if (criterion.multipleOf) return { scale: `x ${criterion.multipleOf}`, value: criterion.value };
  if (criterion.normalized) return { scale: criterion.normalized.unit, value: criterion.normalized.value };
  if (criterion.unit === undefined) return { scale: 'no unit', value: criterion.value };
  return { scale: `as written in ${criterion.ucum ?? criterion.unit}`, value: criterion.value };
}

const thresholdComparer: CriterionComparer<Threshold> = {
  key: (c) => `threshold:${analyteId(c.analyte)}:${boundOf(c.comparator)}`,
  subject: (c) => `${c.analyte} (${{ lower: 'lower limit', upper: 'upper limit', value: 'value' }[boundOf(c.comparator)]})`,
  identity(c) {
    const { scale, value } = thresholdScale(c);
    return `${c.comparator} ${Number(value.toPrecision(12))} ${scale}`;
  },
  compare(a, b, polarity) {
    if (thresholdComparer.identity(a) === thresholdComparer.identity(b)) return [];
    const subject = thresholdComparer.subject(b);
    const x = thresholdScale(a);
    const y = thresholdScale(b);
    if (x.scale !== y.scale) {
      return [
        {
          what: subject,
          old: partText.limit(a),
          new: partText.limit(b),
          oldSpan: a.valueSpan,
          newSpan: b.valueSpan,
          note: `not compared: ${x.scale} against ${y.scale}`,
        },
      ];
    }
    const bound = boundOf(b.comparator);
    const inclusive = (comparator: string) => comparator.endsWith('=');
    let easier: boolean | null = null;
    if (bound === 'lower' || bound === 'upper') {
      // A lower bound is easier to meet when lower, an upper bound when higher; at the same value, an inclusive comparator is easier.
      if (!sameNumber(x.value, y.value)) easier = bound === 'lower' ? y.value < x.value : y.value > x.value;
      else easier = inclusive(b.comparator) && !inclusive(a.comparator);
    }
    return [
      { what: subject, old: partText.limit(a), new: partText.limit(b), oldSpan: a.valueSpan, newSpan: b.valueSpan, direction: directionOf(easier, polarity) },
    ];
  },
};

/** The scale positions a score criterion admits, where its analyte's scale is known. */
function scorePositions(criterion: Score): number[] | undefined {
  return scoreRange(findAnalyte(criterion.analyte)?.scale, criterion.from, criterion.to);
}

function scoreText(criterion: Score): string {
  return criterion.to === undefined ? String(criterion.from) : `${criterion.from}-${criterion.to}`;
}

const scoreComparer: CriterionComparer<Score> = {
  key: (c) => `score:${analyteId(c.analyte)}`,
  subject: (c) => c.analyte,
  identity: scoreText,
  compare(a, b, polarity) {
    if (scoreText(a) === scoreText(b)) return [];
    const x = scorePositions(a);
    const y = scorePositions(b);
    let easier: boolean | null = null;
    if (x && y) {
      if (x.every((value) => y.includes(value))) easier = true;
      else if (y.every((value) => x.includes(value))) easier = false;
    }
    const note = x && y ? undefined : `not compared: ${b.analyte} has no known scale`;
    return [
      { what: b.analyte, old: scoreText(a), new: scoreText(b), oldSpan: a.valueSpan, newSpan: b.valueSpan, direction: directionOf(easier, polarity), note },
    ];
  },
};

function priorItemKey(item: { name: string; isDrug: boolean }): string {
  return item.isDrug ? (findDrug(item.name)?.id ?? item.name.toLowerCase()) : normalText(item.name);
}

const priorComparer: CriterionComparer<Prior> = {
  key: () => 'prior',
  subject: () => 'prior therapy',
  identity: (c) => c.items.map(priorItemKey).join('\u0000'),
  compare(a, b, polarity) {
    const x = new Set(a.items.map(priorItemKey));
    const y = new Set(b.items.map(priorItemKey));
    if (x.size === y.size && [...x].every((item) => y.has(item))) return [];
    // More therapies listed: more patients have one of them, so the criterion is easier to meet.
    const wider = [...x].every((item) => y.has(item));
    const narrower = [...y].every((item) => x.has(item));
    const easier = wider ? true : narrower ? false : null;
    return [
      {
        what: 'prior therapy',
        old: a.items.map((item) => item.name),
        new: b.items.map((item) => item.name),
        oldSpan: a.items[0]?.span ?? a.span,
        newSpan: b.items[0]?.span ?? b.span,
        direction: directionOf(easier, polarity),
      },
    ];
  },
};

const textComparer: CriterionComparer<TextCriterion> = {
  key: () => 'text',
  subject: () => 'free text',
  identity: (c) => normalText(c.text),
  affinity: { score: (a, b) => similarity(a.text, b.text), threshold: 0.5 },
  compare(a, b) {
    if (normalText(a.text) === normalText(b.text)) return [];
    return [
      { what: 'free text', old: oneLine(a.text), new: oneLine(b.text), oldSpan: a.span, newSpan: b.span, note: 'free text: a person must judge the change' },
    ];
  },
};

/** The Dice coefficient of two groups' members by what they are about (their comparer keys). */
function memberOverlap(a: Group, b: Group): number {
  const keys = (group: Group) => group.criteria.map((member) => comparerOf(member).key(member));
  const left = keys(a);
  const right = [...keys(b)];
  if (left.length + right.length === 0) return 1;
  let shared = 0;
  for (const key of left) {
    const at = right.indexOf(key);
    if (at >= 0) {
      shared++;
      right.splice(at, 1);
    }
  }
  return (2 * shared) / (left.length + keys(b).length);
}

const groupComparer: CriterionComparer<Group> = {
  key: () => 'group',
  subject: (c) => `${c.mode} of`,
  identity: (c) => `${c.mode} ${normalText(c.label ?? '')}`,
  // Two groups are the same clause when their labels are alike or most of their members are about the same things.
  affinity: { score: (a, b) => Math.max(similarity(a.label ?? '', b.label ?? ''), memberOverlap(a, b)), threshold: 0.3 },
  compare(a, b, polarity) {
    const found: Difference[] = [];
    if (normalText(a.label ?? '') !== normalText(b.label ?? '')) {
      found.push(difference(`${b.mode} of: label`, a.label, b.label, a.span, b.span));
    }
    if (a.mode !== b.mode) {
      // With two or more members, any is easier to meet than all.
      const easier = Math.min(a.criteria.length, b.criteria.length) >= 2 ? b.mode === 'any' : null;
      found.push({ what: `${b.mode} of: mode`, old: a.mode, new: b.mode, oldSpan: a.span, newSpan: b.span, direction: directionOf(easier, polarity) });
    }
    return found;
  },
};

/** A window's length in days where its unit fixes it (days, weeks); months and years are compared only with their own unit. */
function windowLength(window: S.TimeWindow): { readonly scale: string; readonly value: number } {
  if (window.unit === 'days' || window.unit === 'weeks') return { scale: 'days', value: window.value * (window.unit === 'weeks' ? 7 : 1) };
  return { scale: window.unit, value: window.value };
}

function anchorKey(window: S.TimeWindow): string {
  return window.anchor.kind === 'moment' ? window.anchor.moment : `"${normalText(window.anchor.text)}"`;
}

/** Whether a new window makes its criterion easier to meet than the old, or null when the two do not compare. */
function windowEasier(a: S.TimeWindow, b: S.TimeWindow): boolean | null {
  if (a.direction !== b.direction || anchorKey(a) !== anchorKey(b)) return null;
  // "within" and "less than" reach back a span: a longer one catches more events. "more than" and "at least" ask for a gap: a longer one, fewer.
  const reach = (window: S.TimeWindow) => window.relation === 'within' || window.relation === 'less_than';
  if (reach(a) !== reach(b)) return null;
  const x = windowLength(a);
  const y = windowLength(b);
  if (x.scale !== y.scale) return null;
  if (sameNumber(x.value, y.value)) return a.relation === b.relation ? null : reach(b) ? b.relation === 'within' : b.relation === 'at_least';
  return reach(b) ? y.value > x.value : y.value < x.value;
}

/**
 * What qualifies a criterion, each compared as a clause of its own: its condition (a limit that
 * binds fewer patients is looser), its alternatives (more ways to meet it) and its time window (a
 * window narrows what counts). A change the diff cannot order is listed without a direction.
 */
function qualifierDifferences(a: S.Criterion, b: S.Criterion, subject: string, polarity: 'include' | 'exclude'): Difference[] {
  const found: Difference[] = [];
  if (a.kind === 'threshold' && b.kind === 'threshold') {
    const x = a.condition ? partText.condition(a.condition) : undefined;
    const y = b.condition ? partText.condition(b.condition) : undefined;
    if (x !== y) {
      // Under a condition, an inclusion binds fewer patients (easier to meet) and an exclusion catches fewer (harder to meet).
      const easier = x === undefined ? polarity === 'include' : y === undefined ? polarity !== 'include' : null;
      found.push({
        what: `${subject}: condition`,
        old: x ?? null,
        new: y ?? null,
        oldSpan: a.condition?.span ?? a.span,
        newSpan: b.condition?.span ?? b.span,
        direction: directionOf(easier, polarity),
        ...(easier === null ? { note: 'not compared: a different condition' } : {}),
      });
    }
    const left = (a.alternatives ?? []).map((alternative) => partText.alternative(alternative));
    const right = (b.alternatives ?? []).map((alternative) => partText.alternative(alternative));
    if (left.join('\u0000') !== right.join('\u0000')) {
      // More alternatives are more ways to meet the criterion.
      const easier = left.every((text) => right.includes(text)) ? true : right.every((text) => left.includes(text)) ? false : null;
      found.push({
        what: `${subject}: alternatives`,
        old: left.length ? left.map((text) => `or ${text}`) : null,
        new: right.length ? right.map((text) => `or ${text}`) : null,
        oldSpan: a.alternatives?.[0]?.span ?? a.span,
        newSpan: b.alternatives?.[0]?.span ?? b.span,
        direction: directionOf(easier, polarity),
        ...(easier === null ? { note: 'not compared: different alternatives' } : {}),
      });
    }
  }
  const windowOf = (criterion: S.Criterion) =>
    criterion.kind === 'threshold' || criterion.kind === 'text' || criterion.kind === 'prior' ? criterion.window : undefined;
  const wa = windowOf(a);
  const wb = windowOf(b);
  const x = wa ? partText.window(wa) : undefined;
  const y = wb ? partText.window(wb) : undefined;
  // 4 weeks and 28 days are the same window.
  const sameWindow =
    wa &&
    wb &&
    wa.relation === wb.relation &&
    wa.direction === wb.direction &&
    anchorKey(wa) === anchorKey(wb) &&
    sameValue(windowLength(wa), windowLength(wb));
  if (x !== y && !sameWindow) {
    // A window narrows what meets the criterion: adding one makes it harder to meet.
    const easier = wa && wb ? windowEasier(wa, wb) : wb === undefined;
    found.push({
      what: `${subject}: time window`,
      old: x ?? null,
      new: y ?? null,
      oldSpan: wa?.span ?? a.span,
      newSpan: wb?.span ?? b.span,
      direction: directionOf(easier, polarity),
      ...(easier === null ? { note: 'not compared: windows of another kind, anchor or unit' } : {}),
    });
  }
  return found;
}

/** A comparer that also compares what qualifies its criteria, and pairs criteria that say the same with the same qualifiers first. */
function withQualifiers<C extends S.Criterion>(comparer: CriterionComparer<C>): CriterionComparer<C> {
  return {
    ...comparer,
    identity: (criterion) => comparer.identity(criterion) + clausesText(criterion),
    compare: (a, b, polarity, texts) => [...comparer.compare(a, b, polarity, texts), ...qualifierDifferences(a, b, comparer.subject(b), polarity)],
  };
}

/** The criterion kinds the diff compares in meaning; a kind added to the language gets an entry here. */
const CRITERION_COMPARERS: { readonly [K in S.Criterion['kind']]: CriterionComparer<Extract<S.Criterion, { kind: K }>> } = {
  threshold: withQualifiers(thresholdComparer),
  score: scoreComparer,
  prior: withQualifiers(priorComparer),
  text: withQualifiers(textComparer),
  group: groupComparer,
};

/** A criterion of a kind no comparer knows: one clause per distinct text, compared as written. */
const unknownComparer: CriterionComparer<S.Criterion> = {
  key: (c) => `${c.kind}:${JSON.stringify(withoutSpans({ ...c, note: undefined }))}`,
  subject: (c) => `${c.kind} criterion`,
  identity: () => '',
  compare: () => [],
};

function comparerOf(criterion: S.Criterion): CriterionComparer<S.Criterion> {
  return (CRITERION_COMPARERS as Record<string, CriterionComparer<S.Criterion> | undefined>)[criterion.kind] ?? unknownComparer;
}

function isKnownKind(criterion: S.Criterion): boolean {
  return criterion.kind in CRITERION_COMPARERS;
}

function placedKey(placed: PlacedCriterion): string {
  return `${placed.polarity}:${placed.combines}:${comparerOf(placed.criterion).key(placed.criterion)}`;
}

/** Pairs placed criteria across versions: the same first, then texts and groups by similarity above their threshold, the other kinds in order. */
function pairCriteria(before: readonly PlacedCriterion[], after: readonly PlacedCriterion[], key: (placed: PlacedCriterion) => string) {
  return pairItems(before, after, key, (placed) => comparerOf(placed.criterion).identity(placed.criterion), {
    score(a, b) {
      const affinity = comparerOf(b.criterion).affinity;
      if (!affinity) return 1;
      const score = affinity.score(a.criterion, b.criterion);
      return score >= affinity.threshold ? score : -1;
    },
    threshold: 0,
  });
}

function diffEligibility(before: DiffSide, after: DiffSide, changes: Changes): void {
  const oldEligibility = before.protocol.eligibility;
  const newEligibility = after.protocol.eligibility;
  diffAges(oldEligibility, newEligibility, changes);
  diffPopulationFields(before, after, changes);
  const oldCriteria = placedCriteria(oldEligibility);
  const newCriteria = placedCriteria(newEligibility);
  // Groups pair first, so that the members of a group whose mode changed (all -> any) still pair with their old selves.
  const isGroup = (placed: PlacedCriterion) => placed.criterion.kind === 'group';
  const groups = pairCriteria(oldCriteria.filter(isGroup), newCriteria.filter(isGroup), placedKey);
  const partnerMode = new Map(groups.pairs.map(([a, b]) => [a.index, (b.criterion as Group).mode]));
  const oldKey = (placed: PlacedCriterion) =>
    placed.parent !== undefined && partnerMode.has(placed.parent) ? placedKey({ ...placed, combines: partnerMode.get(placed.parent)! }) : placedKey(placed);
  const oldSide = new Set(oldCriteria);
  const members = pairCriteria(
    oldCriteria.filter((placed) => !isGroup(placed)),
    newCriteria.filter((placed) => !isGroup(placed)),
    // One key function serves both sides: an old member is keyed as if its group already had its new mode.
    (placed) => (oldSide.has(placed) ? oldKey(placed) : placedKey(placed)),
  );
  const accepted = [...groups.pairs, ...members.pairs];
  const removedAll = [...groups.removed, ...members.removed].sort((a, b) => a.index - b.index);
  const addedAll = [...groups.added, ...members.added].sort((a, b) => a.index - b.index);
  // Removed criteria are listed after the kept criterion they followed in the old version.
  const partnerOf = new Map(accepted.map(([a, b]) => [a.index, b.index]));
  const anchorOf = (placed: PlacedCriterion) => {
    for (let i = placed.index - 1; i >= 0; i--) {
      const partner = partnerOf.get(i);
      if (partner !== undefined) return partner + 0.5;
    }
    return -0.5;
  };
  // Criteria sort among themselves by position in the new version, within one step after the changes before them.
  const base = changes.list.length;
  const order = (position: number) => base + (position + 1) / (newCriteria.length + 2);
  const texts = { old: before.text, new: after.text };
  const sectionOf = (placed: PlacedCriterion): DiffSection => (placed.polarity === 'include' ? 'inclusion' : 'exclusion');
  const label = (placed: PlacedCriterion) =>
    `${placed.polarity === 'include' ? 'inclusion' : 'exclusion'}: ${comparerOf(placed.criterion).subject(placed.criterion)}`;
  const unknownNote = (placed: PlacedCriterion) =>
    isKnownKind(placed.criterion) ? undefined : `compared as written: the diff does not know '${placed.criterion.kind}' criteria`;
  // A member of a group that is itself added or removed has no effect of its own: the group's clause says it.
  const removedIndexes = new Set(removedAll.map((placed) => placed.index));
  const addedIndexes = new Set(addedAll.map((placed) => placed.index));
  const oldLines = createLineIndex(before.text);
  const newLines = createLineIndex(after.text);
  const lineOf = (lines: LineIndex, placed: PlacedCriterion) => lines.position(placed.criterion.span.offset).line + 1;
  for (const placed of removedAll) {
    const inRemovedGroup = placed.parent !== undefined && removedIndexes.has(placed.parent);
    changes.add(
      sectionOf(placed),
      {
        kind: 'removed',
        what: label(placed),
        old: criterionSource(before.text, placed.criterion),
        new: null,
        oldSpan: placed.criterion.span,
        // Removing a criterion that must hold with its neighbours makes them easier to meet together; removing an alternative, harder.
        direction: inRemovedGroup ? null : directionOf(placed.combines === 'all', placed.polarity),
        note: inRemovedGroup ? `in the group removed at old line ${lineOf(oldLines, oldCriteria[placed.parent!])}` : unknownNote(placed),
      },
      order(anchorOf(placed)),
    );
  }
  for (const placed of addedAll) {
    const inAddedGroup = placed.parent !== undefined && addedIndexes.has(placed.parent);
    changes.add(
      sectionOf(placed),
      {
        kind: 'added',
        what: label(placed),
        old: null,
        new: criterionSource(after.text, placed.criterion),
        newSpan: placed.criterion.span,
        direction: inAddedGroup ? null : directionOf(placed.combines === 'any', placed.polarity),
        note: inAddedGroup ? `in the group added at new line ${lineOf(newLines, newCriteria[placed.parent!])}` : unknownNote(placed),
      },
      order(placed.index),
    );
  }
  for (const [a, b] of accepted) {
    const comparer = comparerOf(b.criterion);
    const found = comparer.compare(a.criterion, b.criterion, b.polarity, texts);
    if ((a.criterion.note ?? '') !== (b.criterion.note ?? '')) {
      found.push(difference(`${comparer.subject(b.criterion)}: note`, a.criterion.note, b.criterion.note, a.criterion.span, b.criterion.span));
    }
    const prefix = b.polarity === 'include' ? 'inclusion' : 'exclusion';
    for (const item of found) changes.add(sectionOf(b), { ...item, what: `${prefix}: ${item.what}` }, order(b.index));
  }
}
