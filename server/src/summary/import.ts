/**
 * ClinicalTrials.gov API v2 record -> a `.trial` document, for `trial import`. The record may be
 * a whole study (`{protocolSection, derivedSection?, hasResults?}`) or a bare protocolSection.
 *
 * The record is read into the protocol model — registry fields by the field table
 * (language/fields.ts), the reverse of the export — and the model is printed by the language's
 * one printer (model/print.ts), so every string of the record reaches the document as a string
 * literal or an escaped comment line. The eligibility text is read by the prose reader
 * (prose.ts). Each decision is listed in `notes`. The record holds no doses, so the arms have none.
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

/** Exact factors between age units: years to months, weeks to days. */
const AGE_FACTORS: Readonly<Record<string, number>> = { 'years>months': 12, 'weeks>days': 7 };

type AgeUnit = (typeof AGE_UNIT.words)[number];

function readAge(text: string | undefined): { value: number; unit: AgeUnit } | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s+(year|month|week|day)s?$/i.exec(text.trim());
  const unit = match && AGE_UNIT.entry(match[2].toLowerCase())?.word;
  return match && unit ? { value: Number(match[1]), unit } : undefined;
}

/** The age limits in one unit (the language's `age A to B unit`), converting exactly where the units differ. */
function ageLimits(
  minimum: string | undefined,
  maximum: string | undefined,
  notes: string[],
  comments: string[],
): Pick<S.Eligibility, 'minimumAge' | 'maximumAge'> {
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

/** Converts a ClinicalTrials.gov API v2 record into a `.trial` document. Throws CtgovImportError on a record of another shape. */
export function fromCtgov(json: unknown): ImportResult {
  refuseDeepNesting(json);
  const { section: raw, study } = locate(json);
  const section = parseSection(raw);
  const notes: string[] = [];
  const comments = commentary();
  const used = new Set<string>();
  const protocol: S.Protocol = { drugs: [], interventions: [], arms: [], outcomes: [] };

  const id = section.identificationModule;
  const design = section.designModule;
  const contacts = section.contactsLocationsModule;
  const sponsors = section.sponsorCollaboratorsModule;
  const nctId = id?.nctId;

  // -- the trial block
  const trial: S.Trial = {
    nctId,
    span: NOWHERE,
    fieldSpans: {},
    secondaryIds: (id?.secondaryIdInfos ?? []).map((secondary) => secondary.id),
    conditions: [],
    keywords: [],
    countries: [...new Set((contacts?.locations ?? []).flatMap((location) => (location.country ? [location.country] : [])))],
    meshConditions: meshTerms(study, 'conditionBrowseModule'),
    meshInterventions: meshTerms(study, 'interventionBrowseModule'),
    design: {},
    collaborators: [],
    investigators: [],
    sites: [],
    references: [],
  };
  readFields('trial', section, trial, comments, notes);
  readFields('design', section, trial.design, comments, notes);
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
    const person = [party.investigatorFullName, party.investigatorTitle, party.investigatorAffiliation].filter(Boolean).join(', ');
    const role = RESPONSIBLE_ROLE.fromRegistry(party.type);
    if (role) {
      trial.responsibleParty = { role };
      if (person) {
        comments.add(trial.responsibleParty, `The responsible party: ${person}.`);
        notes.push(`the responsible party's name (${person}) is kept as a comment: the language records its role`);
      }
    } else {
      const name = party.oldOrganization ?? party.oldNameTitle ?? party.investigatorFullName;
      if (name !== undefined) trial.responsibleParty = { name };
    }
  }
  for (const official of contacts?.overallOfficials ?? []) {
    const role = INVESTIGATOR_ROLE.fromRegistry(official.role);
    if (official.name === undefined || !role) {
      const who = [official.name, official.role, official.affiliation].filter(Boolean).join(', ');
      comments.field(trial, 'investigator', `An official the language cannot record: ${who}.`);
      notes.push(
        `the official "${who}" has ${official.name === undefined ? 'no name' : 'a role other than principal_investigator, study_chair or study_director'}; kept as a comment`,
      );
      continue;
    }
    trial.investigators.push({ name: official.name, role, affiliation: official.affiliation, span: NOWHERE });
  }
  for (const location of contacts?.locations ?? []) {
    const site: S.Trial['sites'][number] = { facility: location.facility, span: NOWHERE };
    readFields('site', location, site, comments, notes);
    trial.sites.push(site);
  }
  for (const reference of section.referencesModule?.references ?? []) {
    const type = REFERENCE_TYPE.fromRegistry(reference.type);
    if (!type) {
      comments.field(trial, 'reference', `A reference without a type: ${abbreviated(reference.citation, 60)}`);
      notes.push(`the reference "${abbreviated(reference.citation, 60)}" has no type (background, result, derived); kept as a comment`);
      continue;
    }
    trial.references.push({ type, pmid: reference.pmid ? Number(reference.pmid) : undefined, citation: reference.citation, span: NOWHERE });
  }
  if (typeof study?.hasResults === 'boolean') trial.results = study.hasResults ? 'posted' : 'none';

  const stated = Object.values(FIELD_SPECS.trial).some((spec) => {
    const value = valueAt(trial, spec.model);
    return value !== undefined && !(Array.isArray(value) && value.length === 0) && !(spec.keyword === 'design' && Object.keys(trial.design).length === 0);
  });
  if (stated || nctId !== undefined) {
    if (!nctId) throw new CtgovImportError('the record has no identificationModule.nctId; the trial block needs the NCT number');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(nctId)) throw new CtgovImportError(`the record's nctId "${nctId}" is not an NCT number`);
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

  // -- arms
  const arms = section.armsInterventionsModule?.armGroups ?? [];
  for (const group of arms) {
    const uses: string[] = [];
    for (const name of group.interventionNames ?? []) {
      const match = interventions.find((known) => known.label === name) ?? interventions.find((known) => name.replace(/^[^:]*:\s*/, '') === known.entry.name);
      if (match) {
        if (!uses.includes(match.intervention.id)) uses.push(match.intervention.id);
      } else notes.push(`the arm "${group.label}" names an intervention "${name}" the record does not list; left out`);
    }
    for (const known of interventions)
      if (known.entry.armGroupLabels?.includes(group.label) && !uses.includes(known.intervention.id)) uses.push(known.intervention.id);
    const arm: S.Arm = {
      id: identifierFor(group.label, 'arm', used),
      label: group.label,
      type: ARM_TYPE.fromRegistry(group.type) ?? 'other',
      interventions: uses,
      phases: [],
      span: NOWHERE,
      idSpan: NOWHERE,
    };
    readFields('arm', group, arm, comments, notes);
    if (!group.type) {
      comments.add(arm, "The record gives this arm no type; 'other' is written.");
      notes.push(`the arm "${group.label}" has no type in the record; written as other`);
    }
    protocol.arms.push(arm);
  }
  if (arms.length) notes.push('the record states no doses or schedules; the arms have none: add them from the protocol');

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
    'The record states no doses or schedules: the arms have none. Criteria read as thresholds keep their sentence as a note.',
  ];
  const body = printProtocol(protocol, (element, keyword) => comments.of(element, keyword));
  return { text: printItems([...header.map((comment) => ({ comment })), { blank: true }]) + '\n' + body, notes };
}
