/**
 * The registry-style statements, one row per field: the keyword, the shape of its arguments,
 * its documentation, where its value goes in the model, which enumeration its words come from,
 * where it lives in a ClinicalTrials.gov record, whether the registry requires it, and how a
 * reader is shown it. The parser reads arguments by this table; lowering, completion, hover, the
 * registry checks, the export, the import and both renderers read the rest. Adding a registry
 * field is one row here (plus its tests). Plain data: every layer may import it.
 */

import {
  AGENCY_CLASS,
  ALLOCATION,
  INTERVENTION_MODEL,
  IPD_SHARING,
  MASKED_ROLE,
  MASKING,
  PURPOSE,
  QUALIFIER,
  RESULTS,
  ROUTE,
  SEX,
  STATUS,
  STUDY_TYPE,
  YES_NO,
  type EnumDef,
  PHASE,
  RESPONSIBLE_ROLE,
  INVESTIGATOR_ROLE,
  REFERENCE_TYPE,
} from './enums';

export type ArgShape = 'string' | 'stringList' | 'word' | 'wordList' | 'nameList' | 'number' | 'date' | 'phase' | 'wordOrString';

export interface ArgSpec {
  readonly shape: ArgShape;
  /** An optional argument is read only when the next token can start it. */
  readonly optional?: boolean;
  /** An optional argument introduced by a word: `at "Fudan University"`, `pmid 15192785`. */
  readonly introducedBy?: string;
  /** The enumeration a word argument takes its values from (completion, hover, lowering). */
  readonly values?: EnumDef;
}

export type FieldContext = 'trial' | 'design' | 'site' | 'drug' | 'intervention' | 'outcome' | 'arm' | 'eligibility';

/**
 * How a field's value is read into the model, for the fields lowering handles by rule:
 * `text` a string, `texts` a list of strings (all occurrences of a repeatable field together),
 * `enum` a word of `args[0].values`, `enumList` a list of such words, `date` a date with an
 * optional qualifier, `plainDate` a date alone. `custom` fields are read by their own code.
 */
export type ValueKind = 'text' | 'texts' | 'enum' | 'enumList' | 'date' | 'plainDate' | 'custom';

/** Where a field lives in a ClinicalTrials.gov API v2 record, relative to the object its block maps to. */
export interface RegistryPlace {
  /** A dotted path: `identificationModule.briefTitle`, `designModule.designInfo.allocation`. */
  readonly path: string;
  /** `struct` dates are `{date, type}`; `boolean` fields are yes/no words written as booleans. */
  readonly form?: 'struct' | 'boolean';
}

export interface FieldSpec {
  readonly keyword: string;
  readonly args: readonly ArgSpec[];
  /** The block of further fields that follows, if any. */
  readonly block?: FieldContext;
  readonly blockOptional?: boolean;
  /** True when the field may appear more than once in its block. */
  readonly repeatable?: boolean;
  /** One line of documentation, for hover and completion. */
  readonly doc: string;
  /** How a reader is shown the field; absent for fields the renderers show in a section of their own. */
  readonly label?: string;
  readonly value: ValueKind;
  /** The model property the value goes to, relative to the element the block lowers to (`title`, `design.allocation`). */
  readonly model: string;
  /** Where the registry keeps it; absent when the registry derives it or has no such field. */
  readonly registry?: RegistryPlace;
  /** Required by ClinicalTrials.gov of an interventional study (reported by TPL254 when missing). */
  readonly required?: boolean;
}

const string: readonly ArgSpec[] = [{ shape: 'string' }];
const stringList: readonly ArgSpec[] = [{ shape: 'stringList' }];
const word = (values: EnumDef): readonly ArgSpec[] => [{ shape: 'word', values }];
const qualifiedDate: readonly ArgSpec[] = [{ shape: 'date' }, { shape: 'word', optional: true, values: QUALIFIER }];
const date: readonly ArgSpec[] = [{ shape: 'date' }];

type Rows = Readonly<Record<string, Omit<FieldSpec, 'keyword'>>>;

function rows(table: Rows): Readonly<Record<string, FieldSpec>> {
  return Object.fromEntries(Object.entries(table).map(([keyword, spec]) => [keyword, { keyword, ...spec }]));
}

export const FIELD_SPECS: { readonly [C in FieldContext]: Readonly<Record<string, FieldSpec>> } = {
  trial: rows({
    org_study_id: {
      args: string,
      doc: "The sponsor's own study identifier.",
      label: 'Org study id',
      value: 'text',
      model: 'orgStudyId',
      registry: { path: 'identificationModule.orgStudyIdInfo.id' },
    },
    secondary_id: {
      args: string,
      repeatable: true,
      doc: 'Another identifier of the study (a registry or grant number).',
      label: 'Secondary ids',
      value: 'texts',
      model: 'secondaryIds',
    },
    title: { args: string, doc: 'The brief title.', value: 'text', model: 'title', registry: { path: 'identificationModule.briefTitle' }, required: true },
    official_title: {
      args: string,
      doc: 'The official title.',
      label: 'Official title',
      value: 'text',
      model: 'officialTitle',
      registry: { path: 'identificationModule.officialTitle' },
      required: true,
    },
    acronym: {
      args: string,
      doc: "The study's acronym.",
      label: 'Acronym',
      value: 'text',
      model: 'acronym',
      registry: { path: 'identificationModule.acronym' },
    },
    summary: {
      args: string,
      doc: 'The brief summary.',
      value: 'text',
      model: 'summary',
      registry: { path: 'descriptionModule.briefSummary' },
      required: true,
    },
    description: {
      args: string,
      doc: 'The detailed description.',
      value: 'text',
      model: 'description',
      registry: { path: 'descriptionModule.detailedDescription' },
    },
    type: {
      args: word(STUDY_TYPE),
      doc: 'The study type: interventional, observational or expanded_access.',
      label: 'Type',
      value: 'enum',
      model: 'type',
      registry: { path: 'designModule.studyType' },
      required: true,
    },
    phase: {
      args: [{ shape: 'phase', values: PHASE }],
      doc: 'The clinical phase: early_1, 1, 1/2, 2, 2/3, 3, 4 or na.',
      label: 'Phase',
      value: 'custom',
      model: 'phase',
      registry: { path: 'designModule.phases' },
      required: true,
    },
    status: {
      args: word(STATUS),
      doc: 'The overall recruitment status, e.g. recruiting or active_not_recruiting.',
      label: 'Status',
      value: 'enum',
      model: 'status',
      registry: { path: 'statusModule.overallStatus' },
      required: true,
    },
    enrollment: {
      args: [{ shape: 'number' }, { shape: 'word', optional: true, values: QUALIFIER }],
      doc: 'The number of participants, then actual or estimated.',
      label: 'Enrollment',
      value: 'custom',
      model: 'enrollment',
      registry: { path: 'designModule.enrollmentInfo' },
      required: true,
    },
    start: {
      args: qualifiedDate,
      doc: 'The study start date, then actual or estimated.',
      label: 'Start',
      value: 'date',
      model: 'start',
      registry: { path: 'statusModule.startDateStruct', form: 'struct' },
      required: true,
    },
    primary_completion: {
      args: qualifiedDate,
      doc: 'The primary completion date, then actual or estimated.',
      label: 'Primary completion',
      value: 'date',
      model: 'primaryCompletion',
      registry: { path: 'statusModule.primaryCompletionDateStruct', form: 'struct' },
      required: true,
    },
    completion: {
      args: qualifiedDate,
      doc: 'The study completion date, then actual or estimated.',
      label: 'Completion',
      value: 'date',
      model: 'completion',
      registry: { path: 'statusModule.completionDateStruct', form: 'struct' },
      required: true,
    },
    first_submitted: {
      args: date,
      doc: 'The date the record was first submitted.',
      label: 'First submitted',
      value: 'plainDate',
      model: 'firstSubmitted',
      registry: { path: 'statusModule.studyFirstSubmitDate' },
    },
    first_posted: {
      args: date,
      doc: 'The date the record was first posted.',
      label: 'First posted',
      value: 'plainDate',
      model: 'firstPosted',
      registry: { path: 'statusModule.studyFirstPostDateStruct', form: 'struct' },
    },
    last_update: {
      args: date,
      doc: 'The date of the last update posted.',
      label: 'Last update',
      value: 'plainDate',
      model: 'lastUpdate',
      registry: { path: 'statusModule.lastUpdatePostDateStruct', form: 'struct' },
    },
    last_verified: {
      args: date,
      doc: 'The month the record was last verified.',
      label: 'Last verified',
      value: 'plainDate',
      model: 'lastVerified',
      registry: { path: 'statusModule.statusVerifiedDate' },
    },
    conditions: {
      args: stringList,
      doc: 'The conditions studied.',
      label: 'Conditions',
      value: 'texts',
      model: 'conditions',
      registry: { path: 'conditionsModule.conditions' },
      required: true,
    },
    keywords: {
      args: stringList,
      doc: "The record's keywords.",
      label: 'Keywords',
      value: 'texts',
      model: 'keywords',
      registry: { path: 'conditionsModule.keywords' },
    },
    countries: { args: stringList, doc: 'The countries with at least one site.', label: 'Countries', value: 'texts', model: 'countries' },
    mesh_conditions: {
      args: stringList,
      doc: 'MeSH terms of the conditions, as the registry derives them.',
      label: 'MeSH conditions',
      value: 'texts',
      model: 'meshConditions',
    },
    mesh_interventions: {
      args: stringList,
      doc: 'MeSH terms of the interventions, as the registry derives them.',
      label: 'MeSH interventions',
      value: 'texts',
      model: 'meshInterventions',
    },
    design: { args: [], block: 'design', doc: 'The design: allocation, model, masking, purpose.', label: 'Design', value: 'custom', model: 'design' },
    sponsor: {
      args: [{ shape: 'string' }, { shape: 'word', optional: true, values: AGENCY_CLASS }],
      doc: 'The lead sponsor, then its agency class (other, industry, nih…).',
      label: 'Sponsor',
      value: 'custom',
      model: 'sponsor',
      registry: { path: 'sponsorCollaboratorsModule.leadSponsor' },
      required: true,
    },
    collaborator: {
      args: [{ shape: 'string' }, { shape: 'word', optional: true, values: AGENCY_CLASS }],
      repeatable: true,
      doc: 'A collaborator, then its agency class.',
      value: 'custom',
      model: 'collaborators',
      registry: { path: 'sponsorCollaboratorsModule.collaborators' },
    },
    responsible_party: {
      args: [{ shape: 'wordOrString', values: RESPONSIBLE_ROLE }],
      doc: 'sponsor, principal_investigator, sponsor_investigator, or the name of the party.',
      label: 'Responsible party',
      value: 'custom',
      model: 'responsibleParty',
      registry: { path: 'sponsorCollaboratorsModule.responsibleParty' },
      required: true,
    },
    investigator: {
      args: [{ shape: 'string' }, { shape: 'word', values: INVESTIGATOR_ROLE }, { shape: 'string', introducedBy: 'at' }],
      repeatable: true,
      doc: 'An investigator: name, role (principal_investigator, study_chair, study_director), then at and the affiliation.',
      value: 'custom',
      model: 'investigators',
      registry: { path: 'contactsLocationsModule.overallOfficials' },
    },
    site: {
      args: string,
      block: 'site',
      blockOptional: true,
      repeatable: true,
      doc: 'A site: the facility, then a block with city, state, zip, country.',
      value: 'custom',
      model: 'sites',
      registry: { path: 'contactsLocationsModule.locations' },
    },
    reference: {
      args: [{ shape: 'word', values: REFERENCE_TYPE }, { shape: 'number', introducedBy: 'pmid' }, { shape: 'string' }],
      repeatable: true,
      doc: 'A reference: type (background, result, derived), then pmid and its number, then the citation.',
      value: 'custom',
      model: 'references',
      registry: { path: 'referencesModule.references' },
    },
    ipd_sharing: {
      args: word(IPD_SHARING),
      doc: 'Whether individual participant data will be shared: yes, no or undecided.',
      label: 'IPD sharing',
      value: 'enum',
      model: 'ipdSharing',
      registry: { path: 'ipdSharingStatementModule.ipdSharing' },
    },
    fda_regulated_drug: {
      args: word(YES_NO),
      doc: 'Whether the study covers a U.S. FDA-regulated drug: yes or no.',
      label: 'FDA-regulated drug',
      value: 'enum',
      model: 'fdaRegulatedDrug',
      registry: { path: 'oversightModule.isFdaRegulatedDrug', form: 'boolean' },
    },
    fda_regulated_device: {
      args: word(YES_NO),
      doc: 'Whether the study covers a U.S. FDA-regulated device: yes or no.',
      label: 'FDA-regulated device',
      value: 'enum',
      model: 'fdaRegulatedDevice',
      registry: { path: 'oversightModule.isFdaRegulatedDevice', form: 'boolean' },
    },
    results: { args: word(RESULTS), doc: 'Whether results are posted: none or posted.', label: 'Results', value: 'enum', model: 'results' },
  }),
  design: rows({
    allocation: {
      args: word(ALLOCATION),
      doc: 'randomized, non_randomized or na (a single arm).',
      label: 'allocation',
      value: 'enum',
      model: 'allocation',
      registry: { path: 'designModule.designInfo.allocation' },
      required: true,
    },
    model: {
      args: word(INTERVENTION_MODEL),
      doc: 'The intervention model: single_group, parallel, crossover, factorial or sequential.',
      label: 'model',
      value: 'enum',
      model: 'model',
      registry: { path: 'designModule.designInfo.interventionModel' },
      required: true,
    },
    masking: {
      args: word(MASKING),
      doc: 'none, single, double, triple or quadruple.',
      label: 'masking',
      value: 'enum',
      model: 'masking',
      registry: { path: 'designModule.designInfo.maskingInfo.masking' },
      required: true,
    },
    who_masked: {
      args: [{ shape: 'wordList', values: MASKED_ROLE }],
      doc: 'Who is masked: participant, care_provider, investigator, outcomes_assessor.',
      label: 'masked',
      value: 'enumList',
      model: 'whoMasked',
      registry: { path: 'designModule.designInfo.maskingInfo.whoMasked' },
    },
    purpose: {
      args: word(PURPOSE),
      doc: 'The primary purpose, e.g. treatment, prevention, supportive_care.',
      label: 'purpose',
      value: 'enum',
      model: 'purpose',
      registry: { path: 'designModule.designInfo.primaryPurpose' },
      required: true,
    },
  }),
  site: rows({
    city: { args: string, doc: 'The city.', value: 'text', model: 'city', registry: { path: 'city' } },
    state: { args: string, doc: 'The state or province.', value: 'text', model: 'state', registry: { path: 'state' } },
    zip: { args: string, doc: 'The postal code.', value: 'text', model: 'zip', registry: { path: 'zip' } },
    country: { args: string, doc: 'The country.', value: 'text', model: 'country', registry: { path: 'country' } },
    status: { args: word(STATUS), doc: "The site's recruitment status.", value: 'enum', model: 'status', registry: { path: 'status' } },
  }),
  drug: rows({
    route: { args: word(ROUTE), doc: 'The usual route: IV, PO, SC, IM…', value: 'enum', model: 'route' },
    aka: { args: stringList, repeatable: true, doc: 'Other names of the drug in this protocol.', value: 'texts', model: 'aka' },
    class: { args: string, doc: 'The drug class, as the protocol names it.', value: 'text', model: 'class' },
    note: { args: string, doc: 'A note kept verbatim.', value: 'text', model: 'note' },
    investigational: {
      args: word(YES_NO),
      doc: 'Whether the drug is an investigational product the knowledge table cannot know: yes or no. Its name is then not checked, nor its doses.',
      value: 'enum',
      model: 'investigational',
    },
  }),
  intervention: rows({
    description: { args: string, doc: "The intervention's registry description.", value: 'text', model: 'description', registry: { path: 'description' } },
    names: { args: stringList, doc: 'Other names of the intervention.', value: 'texts', model: 'otherNames', registry: { path: 'otherNames' } },
  }),
  outcome: rows({
    time_frame: { args: string, doc: 'When the outcome is measured, e.g. "12 months".', value: 'text', model: 'timeFrame', registry: { path: 'timeFrame' } },
    description: { args: string, doc: 'What the outcome measures.', value: 'text', model: 'description', registry: { path: 'description' } },
  }),
  arm: rows({
    description: { args: string, doc: "The arm's registry description.", value: 'text', model: 'description', registry: { path: 'description' } },
    uses: { args: [{ shape: 'nameList' }], doc: 'The interventions this arm receives.', value: 'custom', model: 'interventions' },
  }),
  eligibility: rows({
    sex: {
      args: word(SEX),
      doc: 'The sexes eligible: all, female or male.',
      label: 'Sex',
      value: 'enum',
      model: 'sex',
      registry: { path: 'eligibilityModule.sex' },
    },
    healthy_volunteers: {
      args: word(YES_NO),
      doc: 'Whether healthy volunteers are accepted: yes or no.',
      label: 'Healthy volunteers',
      value: 'enum',
      model: 'healthyVolunteers',
      registry: { path: 'eligibilityModule.healthyVolunteers', form: 'boolean' },
    },
  }),
};

/** The enumeration of a field's first word argument, if it has one. */
export function fieldValues(spec: FieldSpec): EnumDef | undefined {
  return spec.args.find((arg) => arg.values)?.values;
}

/** Every field keyword of every block. */
export const FIELD_KEYWORDS: ReadonlySet<string> = new Set(Object.values(FIELD_SPECS).flatMap((specs) => Object.keys(specs)));

/** The value at a dotted path of an object (`design.allocation`), or undefined. */
export function valueAt(object: unknown, path: string): unknown {
  let current = object;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Sets the value at a dotted path, creating the objects on the way. */
export function setValueAt(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let current = object;
  for (const key of keys.slice(0, -1)) {
    if (typeof current[key] !== 'object' || current[key] === null) current[key] = {};
    current = current[key] as Record<string, unknown>;
  }
  current[keys[keys.length - 1]] = value;
}
