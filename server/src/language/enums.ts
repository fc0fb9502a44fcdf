/**
 * Every enumerated value of the language, written once: the word a `.trial` file uses, the value
 * ClinicalTrials.gov's API v2 uses for it, how a reader is shown it, and one line of
 * documentation. The model's zod enums, the registry schema, completion, hover, the renderers,
 * the export and the import all read these tables. Plain data: every layer may import it.
 */

/** One value of an enumeration. */
export interface EnumEntry<W extends string = string> {
  /** The word as a `.trial` file writes it. */
  readonly word: W;
  /** ClinicalTrials.gov API v2's value(s) for it; absent when the registry has none. */
  readonly registry?: string | readonly string[];
  /** How a reader is shown it: `Active, not recruiting`. */
  readonly label: string;
  /** One line of documentation, for hover and completion. */
  readonly doc: string;
}

/** An enumeration: its values in order, and lookups by word and by registry value. */
export interface EnumDef<W extends string = string> {
  /** What a value of it is called in messages: `status`, `masking`. */
  readonly name: string;
  readonly entries: readonly EnumEntry<W>[];
  /** The words, in order, as a non-empty tuple (what `z.enum` takes). */
  readonly words: readonly [W, ...W[]];
  /** Other spellings accepted for a word (`anticipated` for `estimated`). */
  readonly aliases: Readonly<Record<string, W>>;
  /** The entry of a word or an alias; undefined for anything else. */
  entry(word: string | undefined): EnumEntry<W> | undefined;
  /** The word a registry value stands for (`ACTIVE_NOT_RECRUITING` -> `active_not_recruiting`). */
  fromRegistry(value: string | undefined): W | undefined;
  /** The registry's value of a word, when it has a single one. */
  toRegistry(word: string | undefined): string | undefined;
  /** The label of a word, or the word itself when it is not a value. */
  label(word: string | undefined): string | undefined;
}

function defineEnum<const W extends string>(
  name: string,
  entries: readonly [EnumEntry<W>, ...EnumEntry<W>[]],
  aliases: Readonly<Record<string, W>> = {},
): EnumDef<W> {
  const byWord = new Map<string, EnumEntry<W>>(entries.map((entry) => [entry.word, entry]));
  const byRegistry = new Map<string, W>();
  for (const entry of entries) if (typeof entry.registry === 'string') byRegistry.set(entry.registry, entry.word);
  const words = entries.map((entry) => entry.word) as unknown as readonly [W, ...W[]];
  return {
    name,
    entries,
    words,
    aliases,
    entry: (word) => (word === undefined ? undefined : (byWord.get(word) ?? (Object.hasOwn(aliases, word) ? byWord.get(aliases[word]) : undefined))),
    fromRegistry: (value) => (value === undefined ? undefined : byRegistry.get(value)),
    toRegistry(word) {
      const registry = word === undefined ? undefined : byWord.get(word)?.registry;
      return typeof registry === 'string' ? registry : undefined;
    },
    label: (word) => (word === undefined ? undefined : (byWord.get(word)?.label ?? word)),
  };
}

export const STUDY_TYPE = defineEnum('study type', [
  { word: 'interventional', registry: 'INTERVENTIONAL', label: 'Interventional', doc: 'Participants receive interventions by protocol.' },
  { word: 'observational', registry: 'OBSERVATIONAL', label: 'Observational', doc: 'Outcomes are observed; no intervention is assigned.' },
  { word: 'expanded_access', registry: 'EXPANDED_ACCESS', label: 'Expanded access', doc: 'Access to an investigational product outside a trial.' },
]);

/** A phase 2/3 study is in two of the registry's phases. */
export const PHASE = defineEnum('phase', [
  { word: 'early_1', registry: ['EARLY_PHASE1'], label: 'Early phase 1', doc: 'Early phase 1 (formerly phase 0).' },
  { word: '1', registry: ['PHASE1'], label: 'Phase 1', doc: 'Phase 1.' },
  { word: '1/2', registry: ['PHASE1', 'PHASE2'], label: 'Phase 1/2', doc: 'Phase 1/2: a combined phase 1 and phase 2 study.' },
  { word: '2', registry: ['PHASE2'], label: 'Phase 2', doc: 'Phase 2.' },
  { word: '2/3', registry: ['PHASE2', 'PHASE3'], label: 'Phase 2/3', doc: 'Phase 2/3: a combined phase 2 and phase 3 study.' },
  { word: '3', registry: ['PHASE3'], label: 'Phase 3', doc: 'Phase 3.' },
  { word: '4', registry: ['PHASE4'], label: 'Phase 4', doc: 'Phase 4.' },
  { word: 'na', registry: ['NA'], label: 'Not applicable', doc: 'Not applicable (trials without phases).' },
]);

/** The registry's phases, in order. */
export const REGISTRY_PHASES = ['NA', 'EARLY_PHASE1', 'PHASE1', 'PHASE2', 'PHASE3', 'PHASE4'] as const;

export const STATUS = defineEnum('status', [
  { word: 'not_yet_recruiting', registry: 'NOT_YET_RECRUITING', label: 'Not yet recruiting', doc: 'Not yet recruiting participants.' },
  { word: 'recruiting', registry: 'RECRUITING', label: 'Recruiting', doc: 'Currently recruiting participants.' },
  {
    word: 'enrolling_by_invitation',
    registry: 'ENROLLING_BY_INVITATION',
    label: 'Enrolling by invitation',
    doc: 'Enrolling participants by invitation only.',
  },
  { word: 'active_not_recruiting', registry: 'ACTIVE_NOT_RECRUITING', label: 'Active, not recruiting', doc: 'Ongoing, but no longer recruiting.' },
  { word: 'suspended', registry: 'SUSPENDED', label: 'Suspended', doc: 'Halted prematurely, may resume.' },
  { word: 'terminated', registry: 'TERMINATED', label: 'Terminated', doc: 'Stopped early; will not resume.' },
  { word: 'completed', registry: 'COMPLETED', label: 'Completed', doc: 'Ended normally.' },
  { word: 'withdrawn', registry: 'WITHDRAWN', label: 'Withdrawn', doc: 'Stopped before enrolling its first participant.' },
  { word: 'unknown', registry: 'UNKNOWN', label: 'Unknown status', doc: 'Status not verified within the past two years.' },
]);

/** Statuses of expanded-access records, which the registry has and the language does not. */
export const REGISTRY_ONLY_STATUSES = ['AVAILABLE', 'NO_LONGER_AVAILABLE', 'TEMPORARILY_NOT_AVAILABLE', 'APPROVED_FOR_MARKETING', 'WITHHELD'] as const;

export const QUALIFIER = defineEnum(
  'qualifier',
  [
    { word: 'actual', registry: 'ACTUAL', label: 'actual', doc: 'The value has happened.' },
    { word: 'estimated', registry: 'ESTIMATED', label: 'estimated', doc: 'The value is planned or expected.' },
  ],
  { anticipated: 'estimated' },
);

export const ALLOCATION = defineEnum('allocation', [
  { word: 'randomized', registry: 'RANDOMIZED', label: 'Randomized', doc: 'Participants are assigned to arms by chance.' },
  { word: 'non_randomized', registry: 'NON_RANDOMIZED', label: 'Non-randomized', doc: 'Participants are assigned to arms not by chance.' },
  { word: 'na', registry: 'NA', label: 'Not applicable', doc: 'Not applicable: a single-arm trial.' },
]);

export const INTERVENTION_MODEL = defineEnum('intervention model', [
  { word: 'single_group', registry: 'SINGLE_GROUP', label: 'Single group', doc: 'One arm.' },
  { word: 'parallel', registry: 'PARALLEL', label: 'Parallel', doc: 'Two or more arms in parallel.' },
  { word: 'crossover', registry: 'CROSSOVER', label: 'Crossover', doc: 'Participants receive interventions in sequence.' },
  { word: 'factorial', registry: 'FACTORIAL', label: 'Factorial', doc: 'Two or more interventions, each alone and combined.' },
  { word: 'sequential', registry: 'SEQUENTIAL', label: 'Sequential', doc: 'Groups receive interventions in sequence.' },
]);

export const MASKING = defineEnum('masking', [
  { word: 'none', registry: 'NONE', label: 'None (open label)', doc: 'Open label.' },
  { word: 'single', registry: 'SINGLE', label: 'Single', doc: 'One party masked.' },
  { word: 'double', registry: 'DOUBLE', label: 'Double', doc: 'Two parties masked.' },
  { word: 'triple', registry: 'TRIPLE', label: 'Triple', doc: 'Three parties masked.' },
  { word: 'quadruple', registry: 'QUADRUPLE', label: 'Quadruple', doc: 'Four parties masked.' },
]);

export const MASKED_ROLE = defineEnum('masked role', [
  { word: 'participant', registry: 'PARTICIPANT', label: 'participant', doc: 'The participant is masked.' },
  { word: 'care_provider', registry: 'CARE_PROVIDER', label: 'care provider', doc: 'The care provider is masked.' },
  { word: 'investigator', registry: 'INVESTIGATOR', label: 'investigator', doc: 'The investigator is masked.' },
  { word: 'outcomes_assessor', registry: 'OUTCOMES_ASSESSOR', label: 'outcomes assessor', doc: 'The outcomes assessor is masked.' },
]);

export const PURPOSE = defineEnum('primary purpose', [
  { word: 'treatment', registry: 'TREATMENT', label: 'Treatment', doc: 'To treat a condition.' },
  { word: 'prevention', registry: 'PREVENTION', label: 'Prevention', doc: 'To prevent a condition.' },
  { word: 'diagnostic', registry: 'DIAGNOSTIC', label: 'Diagnostic', doc: 'To diagnose a condition.' },
  { word: 'supportive_care', registry: 'SUPPORTIVE_CARE', label: 'Supportive care', doc: 'To maximize comfort or minimize side effects.' },
  { word: 'screening', registry: 'SCREENING', label: 'Screening', doc: 'To detect a condition early.' },
  { word: 'health_services_research', registry: 'HEALTH_SERVICES_RESEARCH', label: 'Health services research', doc: 'To study the delivery of health care.' },
  { word: 'basic_science', registry: 'BASIC_SCIENCE', label: 'Basic science', doc: 'To study mechanisms.' },
  { word: 'device_feasibility', registry: 'DEVICE_FEASIBILITY', label: 'Device feasibility', doc: 'An early feasibility study of a device.' },
  { word: 'ect', registry: 'ECT', label: 'Educational/counseling/training', doc: 'Educational, counseling or training.' },
  { word: 'other', registry: 'OTHER', label: 'Other', doc: 'Another purpose.' },
]);

export const AGENCY_CLASS = defineEnum('agency class', [
  { word: 'nih', registry: 'NIH', label: 'NIH', doc: 'U.S. National Institutes of Health.' },
  { word: 'fed', registry: 'FED', label: 'U.S. federal', doc: 'Another U.S. federal agency.' },
  { word: 'other_gov', registry: 'OTHER_GOV', label: 'Other government', doc: 'A non-U.S. or non-federal government agency.' },
  { word: 'indiv', registry: 'INDIV', label: 'Individual', doc: 'An individual.' },
  { word: 'industry', registry: 'INDUSTRY', label: 'Industry', doc: 'Industry.' },
  { word: 'network', registry: 'NETWORK', label: 'Network', doc: 'A network.' },
  { word: 'ambig', registry: 'AMBIG', label: 'Ambiguous', doc: 'Ambiguous.' },
  { word: 'other', registry: 'OTHER', label: 'Other', doc: 'Another organisation (e.g. a hospital or university).' },
  { word: 'unknown', registry: 'UNKNOWN', label: 'Unknown', doc: 'Unknown.' },
]);

export const RESPONSIBLE_ROLE = defineEnum('responsible party role', [
  { word: 'sponsor', registry: 'SPONSOR', label: 'Sponsor', doc: 'The sponsor is the responsible party.' },
  { word: 'principal_investigator', registry: 'PRINCIPAL_INVESTIGATOR', label: 'Principal investigator', doc: 'The principal investigator is responsible.' },
  { word: 'sponsor_investigator', registry: 'SPONSOR_INVESTIGATOR', label: 'Sponsor-investigator', doc: 'A sponsor-investigator is responsible.' },
]);

export const INVESTIGATOR_ROLE = defineEnum('investigator role', [
  { word: 'principal_investigator', registry: 'PRINCIPAL_INVESTIGATOR', label: 'principal investigator', doc: 'The principal investigator.' },
  { word: 'study_chair', registry: 'STUDY_CHAIR', label: 'study chair', doc: 'The study chair.' },
  { word: 'study_director', registry: 'STUDY_DIRECTOR', label: 'study director', doc: 'The study director.' },
]);

export const REFERENCE_TYPE = defineEnum('reference type', [
  { word: 'background', registry: 'BACKGROUND', label: 'background', doc: 'A publication the study is based on.' },
  { word: 'result', registry: 'RESULT', label: 'result', doc: 'A publication of the study results.' },
  { word: 'derived', registry: 'DERIVED', label: 'derived', doc: 'A publication the registry linked by the NCT number.' },
]);

/** Yes or no; the registry writes a boolean. */
export const YES_NO = defineEnum('answer', [
  { word: 'yes', label: 'yes', doc: 'Yes.' },
  { word: 'no', label: 'no', doc: 'No.' },
]);

export const IPD_SHARING = defineEnum('IPD sharing answer', [
  { word: 'yes', registry: 'YES', label: 'yes', doc: 'Individual participant data will be shared.' },
  { word: 'no', registry: 'NO', label: 'no', doc: 'Individual participant data will not be shared.' },
  { word: 'undecided', registry: 'UNDECIDED', label: 'undecided', doc: 'Not yet decided.' },
]);

/** Whether results are posted; the registry writes `hasResults` beside the protocolSection. */
export const RESULTS = defineEnum('results value', [
  { word: 'none', label: 'none posted', doc: 'No results are posted.' },
  { word: 'posted', label: 'posted', doc: 'Results are posted.' },
]);

export const ARM_TYPE = defineEnum('arm type', [
  { word: 'experimental', registry: 'EXPERIMENTAL', label: 'Experimental', doc: 'Receives the intervention under study.' },
  {
    word: 'active_comparator',
    registry: 'ACTIVE_COMPARATOR',
    label: 'Active comparator',
    doc: 'Receives an active standard treatment for comparison.',
  },
  { word: 'placebo_comparator', registry: 'PLACEBO_COMPARATOR', label: 'Placebo comparator', doc: 'Receives a placebo.' },
  { word: 'sham_comparator', registry: 'SHAM_COMPARATOR', label: 'Sham comparator', doc: 'Receives a sham procedure.' },
  { word: 'no_intervention', registry: 'NO_INTERVENTION', label: 'No intervention', doc: 'Receives no intervention under study.' },
  { word: 'other', registry: 'OTHER', label: 'Other', doc: 'Another kind of arm.' },
]);

/** The label is the registry's, as in `Drug: Neoadjuvant treatment`. */
export const INTERVENTION_TYPE = defineEnum('intervention type', [
  { word: 'drug', registry: 'DRUG', label: 'Drug', doc: 'A drug, including placebo.' },
  { word: 'biological', registry: 'BIOLOGICAL', label: 'Biological', doc: 'A biological product (vaccine, antibody, cells).' },
  { word: 'procedure', registry: 'PROCEDURE', label: 'Procedure', doc: 'A surgical or other procedure.' },
  { word: 'radiation', registry: 'RADIATION', label: 'Radiation', doc: 'Radiation therapy.' },
  { word: 'device', registry: 'DEVICE', label: 'Device', doc: 'A medical device.' },
  { word: 'behavioral', registry: 'BEHAVIORAL', label: 'Behavioral', doc: 'A behavioral intervention.' },
  { word: 'dietary_supplement', registry: 'DIETARY_SUPPLEMENT', label: 'Dietary Supplement', doc: 'A dietary supplement.' },
  { word: 'genetic', registry: 'GENETIC', label: 'Genetic', doc: 'A genetic intervention (gene transfer, cell therapy).' },
  { word: 'combination_product', registry: 'COMBINATION_PRODUCT', label: 'Combination Product', doc: 'A combination product.' },
  { word: 'diagnostic_test', registry: 'DIAGNOSTIC_TEST', label: 'Diagnostic Test', doc: 'A diagnostic test.' },
  { word: 'other', registry: 'OTHER', label: 'Other', doc: 'Another kind of intervention.' },
]);

/** Routes as prescriptions write them; lower case is accepted too. */
export const ROUTE = defineEnum('route', [
  { word: 'IV', label: 'intravenous', doc: 'Route: intravenous.' },
  { word: 'PO', label: 'by mouth', doc: 'Route: by mouth.' },
  { word: 'SC', label: 'subcutaneous', doc: 'Route: subcutaneous.' },
  { word: 'IM', label: 'intramuscular', doc: 'Route: intramuscular.' },
  { word: 'IT', label: 'intrathecal', doc: 'Route: intrathecal.' },
  { word: 'IP', label: 'intraperitoneal', doc: 'Route: intraperitoneal.' },
  { word: 'TOP', label: 'topical', doc: 'Route: topical.' },
  { word: 'INH', label: 'inhaled', doc: 'Route: inhaled.' },
  { word: 'SL', label: 'sublingual', doc: 'Route: sublingual.' },
  { word: 'PR', label: 'rectal', doc: 'Route: rectal.' },
]);

export const PHASE_NAME = defineEnum('treatment phase', [
  { word: 'neoadjuvant', label: 'Neoadjuvant', doc: 'The treatment phase before surgery.' },
  { word: 'adjuvant', label: 'Adjuvant', doc: 'The treatment phase after surgery.' },
  { word: 'induction', label: 'Induction', doc: 'The induction phase.' },
  { word: 'consolidation', label: 'Consolidation', doc: 'The consolidation phase.' },
  { word: 'maintenance', label: 'Maintenance', doc: 'The maintenance phase.' },
  { word: 'treatment', label: 'Treatment', doc: 'A treatment phase with no more specific name.' },
  { word: 'crossover', label: 'Crossover', doc: 'Treatment after crossing over from another arm (usually at progression).' },
]);

/** Why an open-ended course stops: `until progression or toxicity`. */
export const STOP_REASON = defineEnum('reason to stop', [
  { word: 'progression', label: 'disease progression', doc: 'Until the disease progresses.' },
  { word: 'recurrence', label: 'recurrence', doc: 'Until the disease recurs (adjuvant treatment).' },
  { word: 'toxicity', label: 'unacceptable toxicity', doc: 'Until toxicity becomes unacceptable.' },
  { word: 'withdrawal', label: 'withdrawal', doc: 'Until the participant withdraws consent or the investigator withdraws them.' },
  { word: 'death', label: 'death', doc: 'Until death.' },
  { word: 'loss_of_benefit', label: 'loss of clinical benefit', doc: 'Until the investigator judges the treatment no longer of clinical benefit.' },
]);

/** How a dose is given. */
export const ADMINISTRATION_MODE = defineEnum('way of giving', [
  { word: 'bolus', label: 'bolus', doc: 'Given as a bolus (a push or a short injection).' },
  { word: 'infusion', label: 'infusion', doc: 'Given as an infusion; `over N min` says how long.' },
  {
    word: 'continuous',
    label: 'continuous infusion',
    doc: 'Given as a continuous infusion: `over 46 hours day 1` is one administration; `daily days 1-21` is a dose per day.',
  },
]);

/** What a time window is counted from: `within 28 days before randomization`. */
export const WINDOW_ANCHOR = defineEnum('anchor of a time window', [
  { word: 'enrollment', label: 'enrollment', doc: 'The day the participant is enrolled.' },
  { word: 'randomization', label: 'randomization', doc: 'The day the participant is randomised.' },
  { word: 'registration', label: 'registration', doc: 'The day the participant is registered.' },
  { word: 'first_dose', label: 'the first dose', doc: 'The day of the first dose of study treatment.' },
]);

export const SEX = defineEnum('sex', [
  { word: 'all', registry: 'ALL', label: 'All', doc: 'All sexes are eligible.' },
  { word: 'female', registry: 'FEMALE', label: 'Female', doc: 'Only female participants.' },
  { word: 'male', registry: 'MALE', label: 'Male', doc: 'Only male participants.' },
]);

export const OUTCOME_KIND = defineEnum('outcome kind', [
  { word: 'primary', label: 'primary', doc: 'A primary outcome measure.' },
  { word: 'secondary', label: 'secondary', doc: 'A secondary outcome measure.' },
  { word: 'other', label: 'other', doc: 'Another pre-specified outcome measure.' },
]);

/** Age units; the registry writes them singular and capitalised (`18 Years`). */
export const AGE_UNIT = defineEnum(
  'age unit',
  [
    { word: 'years', registry: 'Year', label: 'years', doc: 'Years.' },
    { word: 'months', registry: 'Month', label: 'months', doc: 'Months.' },
    { word: 'weeks', registry: 'Week', label: 'weeks', doc: 'Weeks.' },
    { word: 'days', registry: 'Day', label: 'days', doc: 'Days.' },
  ],
  { year: 'years', month: 'months', week: 'weeks', day: 'days' },
);

/** Every enumeration, for tests and tools that look at all of them. */
export const ENUMS: readonly EnumDef[] = [
  STUDY_TYPE,
  PHASE,
  STATUS,
  QUALIFIER,
  ALLOCATION,
  INTERVENTION_MODEL,
  MASKING,
  MASKED_ROLE,
  PURPOSE,
  AGENCY_CLASS,
  RESPONSIBLE_ROLE,
  INVESTIGATOR_ROLE,
  REFERENCE_TYPE,
  YES_NO,
  IPD_SHARING,
  RESULTS,
  ARM_TYPE,
  INTERVENTION_TYPE,
  ROUTE,
  PHASE_NAME,
  STOP_REASON,
  ADMINISTRATION_MODE,
  WINDOW_ANCHOR,
  SEX,
  OUTCOME_KIND,
  AGE_UNIT,
];
