/**
 * ClinicalTrials.gov API v2 record -> a `.trial` document, for `trial import`. The record may be
 * a whole study (`{protocolSection, derivedSection?, hasResults?}`) or a bare protocolSection.
 *
 * Liberal in what it reads: a value that breaks the schema (ctgov-schema.ts) — a null, a number
 * where text belongs, a value of an enumeration the registry has since added, an element of a
 * list without what names it — is left out with a note, and the rest of the record is read; only
 * a record that is not a study at all is refused (a typed CtgovImportError, one line). Strict in
 * what it writes: the record is read into the protocol model — registry fields by the field table
 * (language/fields.ts), the reverse of the export — and the model is printed by the language's
 * one printer (model/print.ts), so every string of the record reaches the document as a string
 * literal or an escaped comment line. The eligibility text is read by the prose reader
 * (prose.ts) and kept whole as `criteria_text`, so the export can give it back. Each decision is
 * listed in `notes`.
 *
 * Seam for the regimens issue (issue 11): arm and intervention descriptions that state doses
 * ("175 mg/m2 … on day 1 of each 21-day cycle") are not read yet; `dosesFromDescriptions` is
 * where they will be read into dose lines, and until then the header and the notes say which
 * descriptions state doses instead of claiming that the record states none.
 */

import {
  AGENCY_CLASS,
  AGE_UNIT,
  ARM_TYPE,
  INTERVENTION_TYPE,
  INVESTIGATOR_ROLE,
  PHASE,
  QUALIFIER,
  REFERENCE_TYPE,
  REGISTRY_PHASES,
  RESPONSIBLE_ROLE,
  SECONDARY_ID_TYPE,
} from '../language/enums';
import { FIELD_SPECS, fieldValues, setValueAt, valueAt, type FieldContext } from '../language/fields';
import { printProtocol } from '../model/print';
import { printItems } from '../syntax/print';
import type * as S from '../model/schema';
import { MODULE_NAMES, ProtocolSection } from './ctgov-schema';
import { interventionLabel } from './ctgov';
import { abbreviated, readEligibilityText } from './prose';

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
  if (Object.hasOwn(json, 'studies') && Array.isArray(json.studies)) {
    throw new CtgovImportError(`the record is a search response with ${json.studies.length} studies; import one study (one element of 'studies') at a time`);
  }
  if (Object.hasOwn(json, 'protocolSection')) {
    if (!isObject(json.protocolSection)) throw new CtgovImportError("the record's protocolSection is not an object");
    return { section: json.protocolSection, study: json };
  }
  if (Object.keys(json).some((key) => MODULE_NAMES.includes(key))) return { section: json };
  const keys = Object.keys(json)
    .slice(0, 5)
    .map((key) => JSON.stringify(abbreviated(key, 30)));
  throw new CtgovImportError(
    `the record is neither an API v2 study ({"protocolSection": …}) nor a protocolSection (identificationModule, statusModule…); its keys are ${keys.length ? keys.join(', ') : 'none'}`,
  );
}

/** A value of the record, described in a few words without walking it (it may be nested ten thousand deep). */
function described(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(abbreviated(value, 40));
  return String(value);
}

function pathText(path: readonly PropertyKey[]): string {
  return `protocolSection${path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')}`;
}

function at(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const part of path) {
    if (!(isObject(current) || Array.isArray(current)) || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** A copy of `root` without the value at `path` (an element of a list is taken out of it), copying only the containers on the path. */
function without(root: unknown, path: readonly PropertyKey[]): unknown {
  if (path.length === 0) return undefined;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = root.slice();
    if (rest.length === 0) copy.splice(Number(head), 1);
    else copy[Number(head)] = without(copy[Number(head)], rest);
    return copy;
  }
  if (!isObject(root)) return root;
  // Own properties only, defined (not assigned), so a `__proto__` key of the record stays a plain key.
  const copy: Record<PropertyKey, unknown> = {};
  for (const key of Object.keys(root)) Object.defineProperty(copy, key, { value: root[key], enumerable: true, writable: true, configurable: true });
  if (rest.length === 0) delete copy[head];
  else copy[head] = without(copy[head], rest);
  return copy;
}

/** The names of the elements of a list that cannot be read without what names them. */
const ELEMENT_NAMES: Readonly<Record<string, string>> = {
  armGroups: 'arm group',
  interventions: 'intervention',
  primaryOutcomes: 'primary outcome',
  secondaryOutcomes: 'secondary outcome',
  otherOutcomes: 'other outcome',
  references: 'reference',
  secondaryIdInfos: 'secondary id',
  seeAlsoLinks: 'link',
  availIpds: 'shared document',
  collaborators: 'collaborator',
};

/**
 * The protocolSection as the schema reads it. A value that breaks the schema is left out (an
 * element of a list that lacks what names it, with the element), one note each; nulls are read
 * as absent, in one note. A record still unreadable after that is refused, in one line.
 */
function readSection(raw: unknown, notes: string[]): Section {
  let value = raw;
  const nulls: string[] = [];
  for (let round = 0; round < 16; round++) {
    const parsed = ProtocolSection.safeParse(value);
    if (parsed.success) {
      if (nulls.length)
        notes.push(`${nulls.length} value(s) of the record are null and read as absent: ${nulls.slice(0, 5).join(', ')}${nulls.length > 5 ? ', …' : ''}`);
      return parsed.data;
    }
    // Deepest and last first, so taking one value out does not move another.
    const issues = [...parsed.error.issues].sort((a, b) => comparePaths(b.path, a.path));
    const dropped: PropertyKey[][] = [];
    for (const issue of issues) {
      const path = issue.path;
      if (dropped.some((gone) => gone.every((part, i) => path[i] === part))) continue;
      const found = at(value, path);
      let drop = path;
      if (found === undefined && path.length >= 3 && typeof path[path.length - 2] === 'number') {
        // A list element without what names it (an arm group without a label): the element goes.
        drop = path.slice(0, -1);
        const list = String(path[path.length - 3]);
        notes.push(`${pathText(drop)}: the ${ELEMENT_NAMES[list] ?? 'element'} has no ${String(path[path.length - 1])}; left out`);
      } else if (found === null) {
        nulls.push(pathText(path));
      } else if (found === undefined) {
        continue;
      } else {
        notes.push(`${pathText(path)}: ${issue.message.replace(/^Invalid input: /, '')} (found ${described(found)}); left out`);
      }
      value = without(value, drop);
      dropped.push([...drop]);
    }
    const changed = dropped.length > 0;
    if (!changed) break;
  }
  const issue = ProtocolSection.safeParse(value).error?.issues[0];
  throw new CtgovImportError(issue ? `${pathText(issue.path)}: ${issue.message}` : 'the record cannot be read as a protocolSection');
}

function comparePaths(a: readonly PropertyKey[], b: readonly PropertyKey[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (a[i] as number) - (b[i] as number);
    return String(a[i]) < String(b[i]) ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * The deepest nesting of objects and arrays a record may have. An API v2 study nests six levels
 * (the study, its section, a module, a list, an item, a struct); anything far deeper is not a
 * record, and every reader after this one (the schema, the error message) recurses over it.
 */
export const MAX_RECORD_DEPTH = 64;

/** Refuses a record nested deeper than MAX_RECORD_DEPTH, found without recursion, naming where. */
function refuseDeepNesting(json: unknown): void {
  const pending: { value: unknown; depth: number; path: string }[] = [{ value: json, depth: 0, path: '' }];
  while (pending.length > 0) {
    const { value, depth, path } = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_RECORD_DEPTH) {
      throw new CtgovImportError(
        `the record nests objects and arrays more than ${MAX_RECORD_DEPTH} levels deep (at ${path.slice(1, 81) || 'its top'}…); a ClinicalTrials.gov record nests about six`,
      );
    }
    const entries = Array.isArray(value)
      ? value.map((item, index) => [`[${index}]`, item] as const)
      : Object.entries(value).map(([key, item]) => [`.${key}`, item] as const);
    for (const [step, item] of entries) if (typeof item === 'object' && item !== null) pending.push({ value: item, depth: depth + 1, path: path + step });
  }
}

// ---- names and dates -------------------------------------------------------------------------

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

// ---- ages ------------------------------------------------------------------------------------------

type AgeUnit = (typeof AGE_UNIT.words)[number];

function readAge(text: string | undefined): { value: number; unit: AgeUnit } | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s+(year|month|week|day)s?$/i.exec(text.trim());
  const unit = match && AGE_UNIT.entry(match[2].toLowerCase())?.word;
  return match && unit ? { value: Number(match[1]), unit } : undefined;
}

/** The age limits, each in the unit the record gives it (`age 6 months to 17 years`). */
function ageLimits(
  minimum: string | undefined,
  maximum: string | undefined,
  notes: string[],
  comments: string[],
): Pick<S.Eligibility, 'minimumAge' | 'maximumAge'> {
  const min = readAge(minimum);
  const max = readAge(maximum);
  for (const [written, read] of [
    [minimum, min],
    [maximum, max],
  ] as const) {
    if (written !== undefined && !read) {
      notes.push(`the age limit "${written}" is not in years, months, weeks or days; left out`);
      comments.push(`The record's age limit "${written}" cannot be written here.`);
    }
  }
  return { minimumAge: min && { ...min, span: NOWHERE }, maximumAge: max && { ...max, span: NOWHERE } };
}

// ---- the document ----------------------------------------------------------------------------------

/** Elements read from a record have no place in a `.trial` source yet. */
const NOWHERE: S.Span = { offset: 0, length: 0 };

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

/** Comment lines above elements, and above the fields of a block (keyed by the block's element and the keyword). */
interface Commentary {
  add(element: object, text: string): void;
  field(element: object, keyword: string, text: string): void;
  of(element: object, keyword?: string): string[] | undefined;
}

function commentary(): Commentary {
  const byElement = new Map<object, string[]>();
  const byField = new Map<object, Map<string, string[]>>();
  return {
    add(element, text) {
      byElement.set(element, [...(byElement.get(element) ?? []), text]);
    },
    field(element, keyword, text) {
      const fields = byField.get(element) ?? new Map<string, string[]>();
      fields.set(keyword, [...(fields.get(keyword) ?? []), text]);
      byField.set(element, fields);
    },
    of: (element, keyword) => (keyword === undefined ? byElement.get(element) : byField.get(element)?.get(keyword)),
  };
}

/**
 * Reads the fields of a block that the table maps to the registry, from `source` (the record's
 * object for that block), into `target`. A value the language has no word for is left out with
 * a comment at the field and a note.
 */
function readFields(context: FieldContext, source: unknown, target: object, comments: Commentary, notes: string[]): void {
  for (const spec of Object.values(FIELD_SPECS[context])) {
    if (!spec.registry || spec.value === 'custom') continue;
    const value = valueAt(source, spec.registry.path);
    if (value === undefined || value === null) continue;
    const values = fieldValues(spec);
    const set = (read: unknown) => setValueAt(target as Record<string, unknown>, spec.model, read);
    switch (spec.value) {
      case 'text':
        if (typeof value === 'string') set(value);
        break;
      case 'texts':
        if (Array.isArray(value)) set(value.filter((item): item is string => typeof item === 'string'));
        break;
      case 'enum': {
        if (spec.registry.form === 'boolean') {
          if (typeof value === 'boolean') set(value ? 'yes' : 'no');
          break;
        }
        const read = values?.fromRegistry(String(value));
        if (read) set(read);
        else {
          comments.field(target, spec.keyword, `The record's ${spec.keyword.replace(/_/g, ' ')} ${String(value)} has no word in the language.`);
          notes.push(`the ${spec.keyword.replace(/_/g, ' ')} ${String(value)} has no word in the language; left out`);
        }
        break;
      }
      case 'enumList':
        if (Array.isArray(value)) set(value.flatMap((item) => values?.fromRegistry(String(item)) ?? []));
        break;
      case 'date':
      case 'plainDate': {
        const struct = typeof value === 'string' ? { date: value } : (value as { date?: unknown; type?: unknown });
        if (typeof struct.date !== 'string') break;
        const date = languageDate(struct.date);
        if (!date) {
          comments.field(target, spec.keyword, `The record's ${spec.keyword} date "${struct.date}" gives no month.`);
          notes.push(`the ${spec.keyword} date "${struct.date}" has no month; left out`);
          break;
        }
        const qualifier = spec.value === 'date' ? QUALIFIER.fromRegistry(typeof struct.type === 'string' ? struct.type : undefined) : undefined;
        set({ date, ...(qualifier ? { qualifier } : {}), span: NOWHERE });
        break;
      }
    }
  }
}

/** A contact of the record as the model's contact. */
function readContact(
  entry: NonNullable<NonNullable<Section['contactsLocationsModule']>['centralContacts']>[number],
  comments: Commentary,
  notes: string[],
): S.Trial['contacts'][number] {
  const contact: S.Trial['contacts'][number] = { ...(entry.name === undefined ? {} : { name: entry.name }), span: NOWHERE };
  readFields('contact', entry, contact, comments, notes);
  return contact;
}

/**
 * Where dose lines will be read from arm and intervention descriptions, once the regimens issue's
 * language can write them (issue 11). Until then it only finds the descriptions that state a
 * dose or a schedule, so that no one is told the record states none.
 */
function dosesFromDescriptions(descriptions: readonly { owner: string; text: string | undefined }[]): string[] {
  const DOSE_OR_SCHEDULE =
    /\b\d+(?:[.,]\d+)?\s*(?:mg|g|mcg|µg|ug|IU|units?|Gy)(?:\s*\/\s*(?:m2|m²|kg|day|d))?\b|\bAUC\s*=?\s*\d|\bdays?\s+\d|\b\d+-day\b|\bcycles?,?\s+(?:of\s+|is\s+|lasts\s+)?\d|\b\d+ days of (?:therapy|treatment)\b|\b\d+(?:[.,]\d+)?\s*mL\b|\b10\s*(?:\\?\^|e)\s*\d+|\bcells?\s*\/\s*kg\b|\bonce (?:a|per) (?:day|week)\b|\b(?:twice|once) daily\b|\bq\d+[dw]\b/i;
  return descriptions
    .filter((description) => description.text !== undefined && DOSE_OR_SCHEDULE.test(description.text))
    .map((description) => description.owner);
}

/** Converts a ClinicalTrials.gov API v2 record into a `.trial` document. Throws CtgovImportError on a record of another shape. */
export function fromCtgov(json: unknown): ImportResult {
  refuseDeepNesting(json);
  const { section: raw, study } = locate(json);
  const notes: string[] = [];
  const section = readSection(raw, notes);
  const comments = commentary();
  const used = new Set<string>();
  const protocol: S.Protocol = { drugs: [], interventions: [], arms: [], outcomes: [] };

  const id = section.identificationModule;
  const design = section.designModule;
  const contacts = section.contactsLocationsModule;
  const sponsors = section.sponsorCollaboratorsModule;
  const references = section.referencesModule;
  const nctId = id?.nctId;

  // -- the trial block
  const trial: S.Trial = {
    nctId,
    span: NOWHERE,
    fieldSpans: {},
    secondaryIds: [],
    conditions: [],
    keywords: [],
    countries: [...new Set((contacts?.locations ?? []).flatMap((location) => (location.country ? [location.country] : [])))],
    meshConditions: meshTerms(study, 'conditionBrowseModule'),
    meshInterventions: meshTerms(study, 'interventionBrowseModule'),
    design: {},
    collaborators: [],
    investigators: [],
    contacts: [],
    sites: [],
    references: [],
    links: [],
    ipdDocuments: [],
  };
  readFields('trial', section, trial, comments, notes);
  readFields('design', section, trial.design, comments, notes);
  for (const secondary of id?.secondaryIdInfos ?? []) {
    const read: S.Trial['secondaryIds'][number] = { id: secondary.id, type: SECONDARY_ID_TYPE.fromRegistry(secondary.type), span: NOWHERE };
    readFields('secondary_id', secondary, read, comments, notes);
    trial.secondaryIds.push(read);
  }
  if (id?.organization?.fullName !== undefined) {
    trial.organization = { name: id.organization.fullName, class: AGENCY_CLASS.fromRegistry(id.organization.class), span: NOWHERE };
  } else if (id?.organization?.class !== undefined) {
    notes.push(`the organization has a class (${id.organization.class}) but no name; left out`);
  }
  if (design?.phases?.length) {
    const key = [...new Set(design.phases)].sort((a, b) => REGISTRY_PHASES.indexOf(a as never) - REGISTRY_PHASES.indexOf(b as never)).join(',');
    const phase = PHASE.entries.find((entry) => ([] as string[]).concat(entry.registry ?? []).join(',') === key);
    if (phase) trial.phase = phase.word;
    else {
      comments.field(trial, 'phase', `The record's phases ${design.phases.join(', ')} are not one phase of the language.`);
      notes.push(`the phases ${design.phases.join(', ')} do not make one phase (early_1, 1, 1/2, 2, 2/3, 3, 4, na); left out`);
    }
  }
  const enrollment = design?.enrollmentInfo;
  if (enrollment?.count !== undefined) trial.enrollment = { count: enrollment.count, qualifier: QUALIFIER.fromRegistry(enrollment.type), span: NOWHERE };
  if (sponsors?.leadSponsor) trial.sponsor = { name: sponsors.leadSponsor.name, class: AGENCY_CLASS.fromRegistry(sponsors.leadSponsor.class), span: NOWHERE };
  for (const collaborator of sponsors?.collaborators ?? [])
    trial.collaborators.push({ name: collaborator.name, class: AGENCY_CLASS.fromRegistry(collaborator.class), span: NOWHERE });
  const party = sponsors?.responsibleParty;
  if (party) {
    const role = RESPONSIBLE_ROLE.fromRegistry(party.type);
    // Older records name the party (`oldOrganization`, `oldNameTitle`) instead of typing it.
    const named = party.oldOrganization ?? party.oldNameTitle;
    const read: NonNullable<S.Trial['responsibleParty']> | undefined = role
      ? { role }
      : named !== undefined
        ? { name: named, ...(party.oldOrganization !== undefined && party.oldNameTitle !== undefined ? { title: party.oldNameTitle } : {}) }
        : undefined;
    if (read) {
      readFields('party', party, read, comments, notes);
      trial.responsibleParty = read;
    }
    if (role && named !== undefined)
      notes.push(`the responsible party is typed (${party.type}) and also named the old way ("${abbreviated(named, 40)}"); the name is left out`);
  }
  for (const official of contacts?.overallOfficials ?? []) {
    const role = INVESTIGATOR_ROLE.fromRegistry(official.role);
    if (official.name === undefined || !role) {
      const who = [official.name, official.role, official.affiliation].filter(Boolean).join(', ');
      comments.field(trial, 'investigator', `An official the language cannot record: ${who}.`);
      notes.push(`the official "${who}" has ${official.name === undefined ? 'no name' : 'no role'}; kept as a comment`);
      continue;
    }
    trial.investigators.push({ name: official.name, role, affiliation: official.affiliation, span: NOWHERE });
  }
  for (const entry of contacts?.centralContacts ?? []) trial.contacts.push(readContact(entry, comments, notes));
  for (const location of contacts?.locations ?? []) {
    const site: S.Trial['sites'][number] = { ...(location.facility === undefined ? {} : { facility: location.facility }), contacts: [], span: NOWHERE };
    readFields('site', location, site, comments, notes);
    for (const entry of location.contacts ?? []) site.contacts.push(readContact(entry, comments, notes));
    if (location.facility === undefined)
      notes.push(`a site in ${[location.city, location.country].filter(Boolean).join(', ') || 'an unnamed place'} has no facility name; written without one`);
    trial.sites.push(site);
  }
  for (const reference of references?.references ?? []) {
    const type = REFERENCE_TYPE.fromRegistry(reference.type);
    if (!type) {
      comments.field(trial, 'reference', `A reference without a type: ${abbreviated(reference.citation, 60)}`);
      notes.push(`the reference "${abbreviated(reference.citation, 60)}" has no type (background, result, derived); kept as a comment`);
      continue;
    }
    trial.references.push({ type, pmid: reference.pmid ? Number(reference.pmid) : undefined, citation: reference.citation, span: NOWHERE });
  }
  for (const link of references?.seeAlsoLinks ?? [])
    trial.links.push({ url: link.url, ...(link.label === undefined ? {} : { label: link.label }), span: NOWHERE });
  for (const document of references?.availIpds ?? []) {
    const read: S.Trial['ipdDocuments'][number] = { type: document.type, span: NOWHERE };
    readFields('ipd_document', document, read, comments, notes);
    trial.ipdDocuments.push(read);
  }
  if (typeof study?.hasResults === 'boolean') trial.results = study.hasResults ? 'posted' : 'none';

  const stated = Object.values(FIELD_SPECS.trial).some((spec) => {
    const value = valueAt(trial, spec.model);
    return value !== undefined && !(Array.isArray(value) && value.length === 0) && !(spec.keyword === 'design' && Object.keys(trial.design).length === 0);
  });
  if (stated || nctId !== undefined) {
    if (!nctId) throw new CtgovImportError('the record has no identificationModule.nctId; the trial block needs the NCT number');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(nctId))
      throw new CtgovImportError(`the record's nctId ${JSON.stringify(abbreviated(nctId, 40))} is not an NCT number`);
    used.add(nctId);
    protocol.trial = trial;
  }

  // -- interventions
  const interventions = (section.armsInterventionsModule?.interventions ?? []).map((entry) => {
    const intervention: S.Intervention = {
      id: identifierFor(entry.name, 'intervention', used),
      type: INTERVENTION_TYPE.fromRegistry(entry.type) ?? 'other',
      name: entry.name,
      otherNames: [],
      span: NOWHERE,
      idSpan: NOWHERE,
    };
    readFields('intervention', entry, intervention, comments, notes);
    protocol.interventions.push(intervention);
    return { entry, intervention, label: interventionLabel(intervention) };
  });

  // -- arms; each links to interventions by identity: the intervention that lists the arm, even where two share a name.
  const groups = section.armsInterventionsModule?.armGroups ?? [];
  const labels = new Set(groups.map((group) => group.label));
  for (const known of interventions) {
    for (const label of known.entry.armGroupLabels ?? []) {
      if (!labels.has(label))
        notes.push(`the intervention "${abbreviated(known.entry.name, 40)}" lists an arm "${abbreviated(label, 40)}" the record does not have; left out`);
    }
  }
  for (const group of groups) {
    const listing = interventions.filter((known) => known.entry.armGroupLabels?.includes(group.label));
    const uses: string[] = [];
    const use = (known: (typeof interventions)[number]) => {
      if (!uses.includes(known.intervention.id)) uses.push(known.intervention.id);
    };
    for (const name of group.interventionNames ?? []) {
      const byLabel = interventions.filter((known) => known.label === name || name.replace(/^[^:]*:\s*/, '') === known.entry.name);
      const chosen = byLabel.filter((known) => listing.includes(known));
      if (chosen.length) chosen.forEach(use);
      else if (byLabel.length === 1) use(byLabel[0]);
      else if (byLabel.length > 1) {
        // Two interventions share the name and neither lists this arm: the first that lists no arm, or the first.
        const free = byLabel.find((known) => !known.entry.armGroupLabels?.length) ?? byLabel[0];
        use(free);
        notes.push(
          `the arm "${abbreviated(group.label, 40)}" names "${abbreviated(name, 40)}", which ${byLabel.length} interventions share and none lists the arm; linked to one`,
        );
      } else notes.push(`the arm "${abbreviated(group.label, 40)}" names an intervention "${abbreviated(name, 40)}" the record does not list; left out`);
    }
    for (const known of listing) use(known);
    const arm: S.Arm = {
      id: identifierFor(group.label, 'arm', used),
      label: group.label,
      ...(group.type ? { type: ARM_TYPE.fromRegistry(group.type) ?? 'other' } : {}),
      interventions: uses,
      phases: [],
      span: NOWHERE,
      idSpan: NOWHERE,
    };
    readFields('arm', group, arm, comments, notes);
    if (!group.type) notes.push(`the arm "${abbreviated(group.label, 40)}" has no type in the record; written without one`);
    protocol.arms.push(arm);
  }
  const dosed = dosesFromDescriptions([
    ...groups.map((group) => ({ owner: `the arm "${abbreviated(group.label, 40)}"`, text: group.description })),
    ...interventions.map((known) => ({ owner: `the intervention "${abbreviated(known.entry.name, 40)}"`, text: known.entry.description })),
  ]);
  if (dosed.length) {
    notes.push(`doses or schedules are stated in the descriptions of ${dosed.join(', ')}; not read into dose lines yet: add them from the descriptions`);
  } else if (groups.length) {
    notes.push('the record states no doses or schedules in its structured fields; the arms have none: add them from the protocol');
  }

  // -- eligibility
  const eligibilityModule = section.eligibilityModule;
  if (eligibilityModule) {
    const ageComments: string[] = [];
    const eligibility: S.Eligibility = {
      ...ageLimits(eligibilityModule.minimumAge, eligibilityModule.maximumAge, notes, ageComments),
      inclusion: [],
      exclusion: [],
      span: NOWHERE,
    };
    readFields('eligibility', section, eligibility, comments, notes);
    for (const text of ageComments) comments.field(eligibility, 'age', text);
    if (eligibilityModule.eligibilityCriteria !== undefined) {
      const read = readEligibilityText(eligibilityModule.eligibilityCriteria);
      eligibility.criteriaText = eligibilityModule.eligibilityCriteria;
      comments.field(
        eligibility,
        'criteria_text',
        "The record's criteria text, as published: the export writes back its words for each criterion above that is still as it was read from them.",
      );
      eligibility.inclusion.push(...read.inclusion);
      eligibility.exclusion.push(...read.exclusion);
      for (const [criterion, lines] of read.comments) for (const line of lines) comments.add(criterion, line);
      notes.push(...read.notes);
    }
    protocol.eligibility = eligibility;
  }

  // -- outcomes
  const outcomes = section.outcomesModule;
  for (const [kind, list] of [
    ['primary', outcomes?.primaryOutcomes],
    ['secondary', outcomes?.secondaryOutcomes],
    ['other', outcomes?.otherOutcomes],
  ] as const) {
    for (const entry of list ?? []) {
      const outcome: S.Outcome = { kind, measure: entry.measure, span: NOWHERE };
      readFields('outcome', entry, outcome, comments, notes);
      protocol.outcomes.push(outcome);
    }
  }

  const header = [
    `Imported by \`trial import\` from the ClinicalTrials.gov record${nctId ? ` ${nctId}` : ''} (API v2 JSON).`,
    dosed.length
      ? `Doses or schedules are stated in the descriptions of ${dosed.length} arm(s) or intervention(s), not yet as dose lines: add them from there.`
      : 'The record states no doses or schedules in its structured fields: the arms have none.',
    'Criteria read as thresholds keep their sentence as a note.',
  ];
  const body = printProtocol(protocol, (element, keyword) => comments.of(element, keyword));
  return { text: printItems([...header.map((comment) => ({ comment })), { blank: true }]) + '\n' + body, notes };
}
