/**
 * The codes the USDM export writes, as data: each term of the model (an arm type, a route, an
 * objective level…) with the CDISC code for it, where CDISC's own USDM v4.0.0 files give one.
 *
 * Two sources, and no other: the USDM controlled terminology (`USDM_CT-value-sets.csv`, the DDF
 * codelists: title types, objective and endpoint levels, study roles, timing types…), and, for
 * the SDTM codelists that terminology names without listing their terms (route C66729, frequency
 * C71113, unit C71620, phase C66737…), the terms CDISC's official example study
 * (`example-CDISC_Pilot_Study.json`) uses. The example's placeholder codes (`C99905x1`, `C12345`)
 * are never taken. A term neither source codes has no CDISC code: the export writes it in the
 * language's own code system and says so on the code (see `usdm.ts`), and docs/usdm.md lists
 * them. `test/unit/usdm.test.ts` checks every row against the file it names.
 */

/** Where a code was read. */
export type TermSource = 'ct' | 'example';

/** A CDISC code and its decode, as the source writes them. */
export interface CdiscTerm {
  readonly code: string;
  readonly decode: string;
  readonly source: TermSource;
}

/** The CDISC code system and the terminology release the example study's codes are from. */
export const CDISC_CODE_SYSTEM = 'http://www.cdisc.org';
export const CDISC_CODE_SYSTEM_VERSION = '2024-09-27';

/** The language's own code system, for terms no CDISC source codes. */
export const LANGUAGE_CODE_SYSTEM = 'Trial Protocol Language';
/** The language's version (package.json's; a test keeps them equal). */
export const LANGUAGE_VERSION = '0.1.0';

/** UCUM, for units the CDISC sources do not code; the version is the validator's, whose tables the model checks units with. */
export const UCUM_CODE_SYSTEM = 'http://unitsofmeasure.org';
export const UCUM_CODE_SYSTEM_VERSION = '@lhncbc/ucum-lhc 7.1.9';

const ct = (code: string, decode: string): CdiscTerm => ({ code, decode, source: 'ct' });
const example = (code: string, decode: string): CdiscTerm => ({ code, decode, source: 'example' });

/**
 * Each codelist the export writes, by the USDM class and attribute that take it (as in the CT
 * files' `Entity` and `Attribute` columns), then by the language's word for the term. A word
 * missing from its list has no CDISC code.
 */
export const TERMS = {
  'StudyTitle.type': {
    brief: ct('C207615', 'Brief Study Title'),
    official: ct('C207616', 'Official Study Title'),
    acronym: ct('C94108', 'Study Acronym'),
  },
  'Organization.type': {
    registry: ct('C93453', 'Clinical Study Registry'),
    nih: ct('C199144', 'Government Institute'),
    fed: ct('C199144', 'Government Institute'),
    other_gov: ct('C199144', 'Government Institute'),
  },
  'StudyRole.code': {
    sponsor: ct('C70793', 'Sponsor'),
    principal_investigator: ct('C19924', 'Principal investigator'),
    participant: ct('C41189', 'Study Subject'),
    care_provider: ct('C17445', 'Care Provider'),
    investigator: ct('C25936', 'Investigator'),
    outcomes_assessor: ct('C207599', 'Outcomes Assessor'),
  },
  'StudyDesign.characteristics': {
    randomized: ct('C46079', 'Randomized'),
  },
  'AdministrableProduct.productDesignation': {
    imp: ct('C202579', 'IMP'),
    nimp: ct('C156473', 'NIMP'),
  },
  'StudyArm.dataOriginType': {
    within_study: ct('C188866', 'Data Generated Within Study'),
  },
  'StudyIntervention.role': {
    experimental: ct('C41161', 'Experimental Intervention'),
    active_comparator: ct('C68609', 'Active Comparator'),
  },
  'Objective.level': {
    primary: ct('C85826', 'Primary Objective'),
    secondary: ct('C85827', 'Secondary Objective'),
    other: ct('C163559', 'Exploratory Objective'),
  },
  'Endpoint.level': {
    primary: ct('C94496', 'Primary Endpoint'),
    secondary: ct('C139173', 'Secondary Endpoint'),
    other: ct('C170559', 'Exploratory Endpoint'),
  },
  'Timing.type': {
    after: ct('C201356', 'After'),
    before: ct('C201357', 'Before'),
    fixed: ct('C201358', 'Fixed Reference'),
  },
  'Timing.relativeToFrom': {
    start_to_start: ct('C201355', 'Start to Start'),
  },
  // The SDTM codelists below are named by the CT files but not listed there.
  'EligibilityCriterion.category': {
    include: example('C25532', 'Inclusion Criteria'),
    exclude: example('C25370', 'Exclusion Criteria'),
  },
  'StudyDesign.studyType': {
    interventional: example('C98388', 'Interventional Study'),
  },
  'StudyDesign.studyPhase': {
    '2': example('C15601', 'Phase II Trial'),
  },
  'InterventionalStudyDesign.model': {
    parallel: example('C82639', 'Parallel Study'),
  },
  'InterventionalStudyDesign.intentTypes': {
    treatment: example('C49656', 'Treatment Study'),
  },
  'InterventionalStudyDesign.blindingSchema': {
    double: example('C15228', 'Double Blind Study'),
  },
  'ObservationalStudyDesign.model': {},
  'ObservationalStudyDesign.timePerspective': {},
  'AdministrableProduct.administrableDoseForm': {},
  'StudyArm.type': {
    active_comparator: example('C174267', 'Active Comparator Arm'),
    placebo_comparator: example('C174268', 'Placebo Control Arm'),
  },
  'StudyEpoch.type': {
    screening: example('C202487', 'Screening Epoch'),
    treatment: example('C101526', 'Treatment Epoch'),
  },
  // The example codes sex as Female and Male (response codes); USDM's rule DDF00188 asks for
  // one of them, or both, rather than its `Both` (C49636).
  'StudyDesignPopulation.plannedSex': {
    female: example('C16576', 'Female'),
    male: example('C20197', 'Male'),
  },
  'StudyIntervention.type': {
    drug: example('C1909', 'Pharmacologic Substance'),
  },
  'Administration.route': {
    PO: example('C38288', 'Oral Route of Administration'),
  },
  'Administration.frequency': {
    daily: example('C25473', 'Daily'),
  },
  /** By UCUM code. */
  'Quantity.unit': {
    mg: example('C28253', 'Milligram'),
    g: example('C48155', 'Gram'),
    kg: example('C28252', 'Kilogram'),
    d: example('C25301', 'Day'),
    wk: example('C29844', 'Week'),
    a: example('C29848', 'Year'),
  },
} as const satisfies Record<string, Record<string, CdiscTerm>>;

/** A codelist of `TERMS`. */
export type Codelist = keyof typeof TERMS;

/** The CDISC term for a word of a codelist, if a source codes it. */
export function cdiscTerm(list: Codelist, word: string): CdiscTerm | undefined {
  const terms: Readonly<Record<string, CdiscTerm>> = TERMS[list];
  return Object.hasOwn(terms, word) ? terms[word] : undefined;
}

/** The codelist each list of `TERMS` stands for, as the CT files name it: said on a term written without a CDISC code. */
export const CODELIST_NAMES: Readonly<Record<Codelist, string>> = {
  'StudyTitle.type': 'study title type (C207419)',
  'Organization.type': 'organization type (C188724)',
  'StudyRole.code': 'study role (C215480)',
  'StudyDesign.characteristics': 'study design characteristics (C207416)',
  'StudyArm.dataOriginType': 'data origin type (C188727)',
  'AdministrableProduct.productDesignation': 'product designation (C207418)',
  'ObservationalStudyDesign.model': 'Observational Study Model (SDTM C127259)',
  'ObservationalStudyDesign.timePerspective': 'Observational Study Time Perspective (SDTM C127261)',
  'AdministrableProduct.administrableDoseForm': 'Pharmaceutical Dosage Form (SDTM C66726)',
  'StudyIntervention.role': 'study intervention role (C207417)',
  'Objective.level': 'objective level (C188725)',
  'Endpoint.level': 'endpoint level (C188726)',
  'Timing.type': 'timing type (C201264)',
  'Timing.relativeToFrom': 'timing relative to/from (C201265)',
  'EligibilityCriterion.category': 'Category of Inclusion/Exclusion (SDTM C66797)',
  'StudyDesign.studyType': 'Study Type Response (SDTM C99077)',
  'StudyDesign.studyPhase': 'Trial Phase Response (SDTM C66737)',
  'InterventionalStudyDesign.model': 'Intervention Model Response (SDTM C99076)',
  'InterventionalStudyDesign.intentTypes': 'Trial Intent Type Response (SDTM C66736)',
  'InterventionalStudyDesign.blindingSchema': 'Trial Blinding Schema Response (SDTM C66735)',
  'StudyArm.type': 'Arm Type (Protocol C174222)',
  'StudyEpoch.type': 'Epoch (SDTM C99079)',
  'StudyDesignPopulation.plannedSex': 'Sex of Participants (SDTM C66732)',
  'StudyIntervention.type': 'Intervention Type Response (SDTM C99078)',
  'Administration.route': 'Route of Administration Response (SDTM C66729)',
  'Administration.frequency': 'Frequency (SDTM C71113)',
  'Quantity.unit': 'Unit (SDTM C71620)',
};
