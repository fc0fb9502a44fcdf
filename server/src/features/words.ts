/**
 * One line of documentation for every keyword and enum value, for hover and completion. Field
 * keywords take theirs from the field table (syntax/fields.ts); the rest are here.
 */

import * as S from '../model/schema';
import { FIELD_SPECS } from '../syntax/fields';

export const KEYWORD_DOCS: Readonly<Record<string, string>> = {
  trial: 'The trial block: identification, status, dates, design and registry fields. The identifier is the NCT number.',
  drug: 'Declares a drug by its generic name, optionally with how the protocol names it and a block of route, aka, class, note.',
  intervention: "Declares a registry intervention: identifier, type (drug, procedure…) and name. Arms list theirs with 'uses'.",
  arm: 'An arm: identifier, label, type (experimental, no_intervention…), then its phases, cycles, doses and surgery.',
  eligibility: 'The eligibility block: age, sex, healthy volunteers, and include/exclude criteria.',
  outcome: 'An outcome measure: optionally primary, secondary or other, the measure, and a block with time_frame and description.',
  uses: 'The interventions (declared with intervention) this arm receives.',
  cycle: "A treatment cycle: 'cycle 21 days x 3 { … }' repeats its doses 3 times, scheduled by day.",
  surgery: 'A surgical step (resection) between treatment phases.',
  neoadjuvant: 'The treatment phase before surgery.',
  adjuvant: 'The treatment phase after surgery.',
  induction: 'The induction phase.',
  consolidation: 'The consolidation phase.',
  maintenance: 'The maintenance phase.',
  treatment: 'A treatment phase with no more specific name.',
  day: "The day of the cycle the dose is given on (1-based): 'day 1'.",
  days: "The days of the cycle the dose is given on: 'days 1, 8', 'days 1-14'.",
  for: "The length of a continuous course: 'for 9 weeks'.",
  x: "A count: cycles in 'cycle 21 days x 3', administrations in 'q3w x 3', or a multiple in '1.5 x ULN'.",
  AUC: "Carboplatin's dose as a target area under the curve (mg/mL·min): 'AUC 5'.",
  dose: "'dose unstated': the source names the drug but states no dose.",
  unstated: "'dose unstated': the source names the drug but states no dose.",
  include: 'An inclusion criterion: every enrolled patient meets it.',
  exclude: 'An exclusion criterion: a patient who meets it is not enrolled.',
  any: 'A group of criteria met when any one of them is met.',
  all: "A group of criteria met when all of them are met (or, after 'sex', all sexes).",
  prior: 'Prior therapy: drugs or drug classes in quotes, \'prior lenvatinib, "PD1 antibody"\'.',
  age: "The age limits: 'age 18 to 70 years', 'age >= 18 years'.",
  to: "The upper end of a range: 'age 18 to 70 years'.",
  ULN: 'The upper limit of normal of the testing laboratory.',
  LLN: 'The lower limit of normal of the testing laboratory.',
  at: 'Introduces an investigator\'s affiliation: \'investigator "Name" study_chair at "Hospital"\'.',
  pmid: "Introduces a reference's PubMed identifier: 'reference background pmid 15192785 \"…\"'.",
  IV: 'Route: intravenous.',
  PO: 'Route: by mouth.',
  SC: 'Route: subcutaneous.',
  IM: 'Route: intramuscular.',
  IT: 'Route: intrathecal.',
  IP: 'Route: intraperitoneal.',
  TOP: 'Route: topical.',
  INH: 'Route: inhaled.',
  SL: 'Route: sublingual.',
  PR: 'Route: rectal.',
  once: 'Frequency: a single administration.',
  daily: 'Frequency: once a day.',
  bid: 'Frequency: twice a day.',
  tid: 'Frequency: three times a day.',
  qid: 'Frequency: four times a day.',
  weekly: 'Frequency: once a week.',
};

/** Lines for the values of each enum: what ClinicalTrials.gov calls them. */
export const ENUM_DOCS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  status: {
    not_yet_recruiting: 'Not yet recruiting participants.',
    recruiting: 'Currently recruiting participants.',
    enrolling_by_invitation: 'Enrolling participants by invitation only.',
    active_not_recruiting: 'Ongoing, but no longer recruiting.',
    suspended: 'Halted prematurely, may resume.',
    terminated: 'Stopped early; will not resume.',
    completed: 'Ended normally.',
    withdrawn: 'Stopped before enrolling its first participant.',
    unknown: 'Status not verified within the past two years.',
  },
  type: {
    interventional: 'Participants receive interventions by protocol.',
    observational: 'Outcomes are observed; no intervention is assigned.',
    expanded_access: 'Access to an investigational product outside a trial.',
  },
  phase: { early_1: 'Early phase 1 (formerly phase 0).', na: 'Not applicable (trials without phases).' },
  allocation: {
    randomized: 'Participants are assigned to arms by chance.',
    non_randomized: 'Participants are assigned to arms not by chance.',
    na: 'Not applicable: a single-arm trial.',
  },
  model: {
    single_group: 'One arm.',
    parallel: 'Two or more arms in parallel.',
    crossover: 'Participants receive interventions in sequence.',
    factorial: 'Two or more interventions, each alone and combined.',
    sequential: 'Groups receive interventions in sequence.',
  },
  masking: {
    none: 'Open label.',
    single: 'One party masked.',
    double: 'Two parties masked.',
    triple: 'Three parties masked.',
    quadruple: 'Four parties masked.',
  },
  purpose: {
    treatment: 'To treat a condition.',
    prevention: 'To prevent a condition.',
    diagnostic: 'To diagnose a condition.',
    supportive_care: 'To maximize comfort or minimize side effects.',
    screening: 'To detect a condition early.',
    health_services_research: 'To study the delivery of health care.',
    basic_science: 'To study mechanisms.',
    device_feasibility: 'An early feasibility study of a device.',
    ect: 'Educational, counseling or training.',
    other: 'Another purpose.',
  },
  armType: {
    experimental: 'Receives the intervention under study.',
    active_comparator: 'Receives an active standard treatment for comparison.',
    placebo_comparator: 'Receives a placebo.',
    sham_comparator: 'Receives a sham procedure.',
    no_intervention: 'Receives no intervention under study.',
    other: 'Another kind of arm.',
  },
  agencyClass: {
    nih: 'U.S. National Institutes of Health.',
    fed: 'Another U.S. federal agency.',
    other_gov: 'A non-U.S. or non-federal government agency.',
    indiv: 'An individual.',
    industry: 'Industry.',
    network: 'A network.',
    ambig: 'Ambiguous.',
    other: 'Another organisation (e.g. a hospital or university).',
    unknown: 'Unknown.',
  },
  qualifier: { actual: 'The value has happened.', estimated: 'The value is planned or expected.', anticipated: 'The same as estimated.' },
};

/** Which enum's values a field or position takes, for completion. */
export const FIELD_ENUMS: Readonly<Record<string, readonly string[]>> = {
  type: S.StudyType.options,
  phase: S.Phase.options,
  status: S.Status.options,
  results: S.Results.options,
  enrollment: ['actual', 'estimated'],
  start: ['actual', 'estimated'],
  primary_completion: ['actual', 'estimated'],
  completion: ['actual', 'estimated'],
  allocation: S.Allocation.options,
  model: S.InterventionModel.options,
  masking: S.Masking.options,
  who_masked: S.MaskedRole.options,
  purpose: S.Purpose.options,
  sponsor: S.AgencyClass.options,
  collaborator: S.AgencyClass.options,
  responsible_party: S.ResponsibleRole.options,
  investigator: S.InvestigatorRole.options,
  reference: S.ReferenceType.options,
  ipd_sharing: S.IpdSharing.options,
  fda_regulated_drug: S.YesNo.options,
  fda_regulated_device: S.YesNo.options,
  route: S.Route.options,
  sex: S.Sex.options,
  healthy_volunteers: S.YesNo.options,
  arm: S.ArmType.options,
  intervention: S.InterventionType.options,
  outcome: S.OutcomeKind.options,
};

/** The documentation line of a word, wherever it stands, or undefined. */
export function wordDoc(word: string): string | undefined {
  if (KEYWORD_DOCS[word]) return KEYWORD_DOCS[word];
  for (const specs of Object.values(FIELD_SPECS)) if (Object.hasOwn(specs, word)) return specs[word].doc;
  for (const [family, values] of Object.entries(ENUM_DOCS)) if (values[word]) return `${values[word]} (a ${family} value)`;
  if (/^q[1-9][0-9]*[dw]$/.test(word)) return `Frequency: every ${word.slice(1, -1)} ${word.endsWith('w') ? 'weeks' : 'days'}.`;
  return undefined;
}
