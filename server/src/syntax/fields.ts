/**
 * The registry-style statements, as data: for each block, the fields it accepts and the shape
 * of their arguments. The parser reads fields by this table and the lowering gives them meaning.
 */

export type ArgShape = 'string' | 'stringList' | 'word' | 'wordList' | 'nameList' | 'number' | 'date' | 'phase' | 'wordOrString';

export interface ArgSpec {
  readonly shape: ArgShape;
  /** An optional argument is read only when the next token can start it. */
  readonly optional?: boolean;
  /** An optional argument introduced by a word: `at "Fudan University"`, `pmid 15192785`. */
  readonly introducedBy?: string;
}

export interface FieldSpec {
  readonly args: readonly ArgSpec[];
  /** The block of further fields that follows, if any. */
  readonly block?: FieldContext;
  readonly blockOptional?: boolean;
  /** True when the field may appear more than once in its block. */
  readonly repeatable?: boolean;
  /** One line of documentation, for hover and completion. */
  readonly doc: string;
}

export type FieldContext = 'trial' | 'design' | 'site' | 'drug' | 'intervention' | 'outcome' | 'arm' | 'eligibility';

const string: readonly ArgSpec[] = [{ shape: 'string' }];
const stringList: readonly ArgSpec[] = [{ shape: 'stringList' }];
const word: readonly ArgSpec[] = [{ shape: 'word' }];
const qualifiedDate: readonly ArgSpec[] = [{ shape: 'date' }, { shape: 'word', optional: true }];
const date: readonly ArgSpec[] = [{ shape: 'date' }];

export const FIELD_SPECS: { readonly [C in FieldContext]: Readonly<Record<string, FieldSpec>> } = {
  trial: {
    org_study_id: { args: string, doc: "The sponsor's own study identifier." },
    secondary_id: { args: string, repeatable: true, doc: 'Another identifier of the study (a registry or grant number).' },
    title: { args: string, doc: 'The brief title.' },
    official_title: { args: string, doc: 'The official title.' },
    acronym: { args: string, doc: "The study's acronym." },
    summary: { args: string, doc: 'The brief summary.' },
    description: { args: string, doc: 'The detailed description.' },
    type: { args: word, doc: 'The study type: interventional, observational or expanded_access.' },
    phase: { args: [{ shape: 'phase' }], doc: 'The clinical phase: early_1, 1, 1/2, 2, 2/3, 3, 4 or na.' },
    status: { args: word, doc: 'The overall recruitment status, e.g. recruiting or active_not_recruiting.' },
    enrollment: { args: [{ shape: 'number' }, { shape: 'word', optional: true }], doc: 'The number of participants, then actual or estimated.' },
    start: { args: qualifiedDate, doc: 'The study start date, then actual or estimated.' },
    primary_completion: { args: qualifiedDate, doc: 'The primary completion date, then actual or estimated.' },
    completion: { args: qualifiedDate, doc: 'The study completion date, then actual or estimated.' },
    first_submitted: { args: date, doc: 'The date the record was first submitted.' },
    first_posted: { args: date, doc: 'The date the record was first posted.' },
    last_update: { args: date, doc: 'The date of the last update posted.' },
    last_verified: { args: date, doc: 'The month the record was last verified.' },
    conditions: { args: stringList, doc: 'The conditions studied.' },
    keywords: { args: stringList, doc: "The record's keywords." },
    countries: { args: stringList, doc: 'The countries with at least one site.' },
    mesh_conditions: { args: stringList, doc: 'MeSH terms of the conditions, as the registry derives them.' },
    mesh_interventions: { args: stringList, doc: 'MeSH terms of the interventions, as the registry derives them.' },
    design: { args: [], block: 'design', doc: 'The design: allocation, model, masking, purpose.' },
    sponsor: { args: [{ shape: 'string' }, { shape: 'word', optional: true }], doc: 'The lead sponsor, then its agency class (other, industry, nih…).' },
    collaborator: { args: [{ shape: 'string' }, { shape: 'word', optional: true }], repeatable: true, doc: 'A collaborator, then its agency class.' },
    responsible_party: { args: [{ shape: 'wordOrString' }], doc: 'sponsor, principal_investigator, sponsor_investigator, or the name of the party.' },
    investigator: {
      args: [{ shape: 'string' }, { shape: 'word' }, { shape: 'string', introducedBy: 'at' }],
      repeatable: true,
      doc: 'An investigator: name, role (principal_investigator, study_chair, study_director), then at and the affiliation.',
    },
    site: { args: string, block: 'site', blockOptional: true, repeatable: true, doc: 'A site: the facility, then a block with city, state, zip, country.' },
    reference: {
      args: [{ shape: 'word' }, { shape: 'number', introducedBy: 'pmid' }, { shape: 'string' }],
      repeatable: true,
      doc: 'A reference: type (background, result, derived), then pmid and its number, then the citation.',
    },
    ipd_sharing: { args: word, doc: 'Whether individual participant data will be shared: yes, no or undecided.' },
    fda_regulated_drug: { args: word, doc: 'Whether the study covers a U.S. FDA-regulated drug: yes or no.' },
    fda_regulated_device: { args: word, doc: 'Whether the study covers a U.S. FDA-regulated device: yes or no.' },
    results: { args: word, doc: 'Whether results are posted: none or posted.' },
  },
  design: {
    allocation: { args: word, doc: 'randomized, non_randomized or na (a single arm).' },
    model: { args: word, doc: 'The intervention model: single_group, parallel, crossover, factorial or sequential.' },
    masking: { args: word, doc: 'none, single, double, triple or quadruple.' },
    who_masked: { args: [{ shape: 'wordList' }], doc: 'Who is masked: participant, care_provider, investigator, outcomes_assessor.' },
    purpose: { args: word, doc: 'The primary purpose, e.g. treatment, prevention, supportive_care.' },
  },
  site: {
    city: { args: string, doc: 'The city.' },
    state: { args: string, doc: 'The state or province.' },
    zip: { args: string, doc: 'The postal code.' },
    country: { args: string, doc: 'The country.' },
    status: { args: word, doc: "The site's recruitment status." },
  },
  drug: {
    route: { args: word, doc: 'The usual route: IV, PO, SC, IM…' },
    aka: { args: stringList, repeatable: true, doc: 'Other names of the drug in this protocol.' },
    class: { args: string, doc: 'The drug class, as the protocol names it.' },
    note: { args: string, doc: 'A note kept verbatim.' },
  },
  intervention: {
    description: { args: string, doc: "The intervention's registry description." },
    names: { args: stringList, doc: 'Other names of the intervention.' },
  },
  outcome: {
    time_frame: { args: string, doc: 'When the outcome is measured, e.g. "12 months".' },
    description: { args: string, doc: 'What the outcome measures.' },
  },
  arm: {
    description: { args: string, doc: "The arm's registry description." },
    uses: { args: [{ shape: 'nameList' }], doc: 'The interventions this arm receives.' },
  },
  eligibility: {
    sex: { args: word, doc: 'The sexes eligible: all, female or male.' },
    healthy_volunteers: { args: word, doc: 'Whether healthy volunteers are accepted: yes or no.' },
  },
};
