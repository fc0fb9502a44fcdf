/**
 * Analytes, clinical scores and measurements that eligibility criteria name. Each row says
 * which unit thresholds are normalised to, the units a protocol may write it in and, where a
 * conversion needs one, the molar mass. Every number in a row names its source in the row
 * itself: a plausible range, a reference interval, a molar mass, a scale. Where no source was
 * at hand the field is left empty and `gaps` says so: a check never fires on a number nobody
 * can cite.
 *
 * `units` lists only units that convert to `canonicalUnit` through UCUM (checked with
 * `server/src/model/units.ts`). Units a protocol may still write but that do not convert are
 * named in `gaps` instead: arbitrary units such as [IU] (ucum-lhc converts an arbitrary unit
 * only to itself), equivalents (meq, which need the charge), and copies against IU.
 */

export type AnalyteKind = 'lab' | 'score' | 'vital' | 'measurement';

/** A numeric range with its source, in one of the analyte's `units`. */
export interface SourcedRange {
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  readonly source: string;
}

/** An adult reference interval; one bound may be absent ("below 5.7 %"). */
export interface ReferenceInterval {
  readonly min?: number;
  readonly max?: number;
  readonly unit: string;
  readonly source: string;
}

export interface Analyte {
  /** The identifier used in `.trial` files. */
  readonly id: string;
  readonly name: string;
  /** Other names and abbreviations a protocol may use. */
  readonly synonyms: readonly string[];
  readonly kind: AnalyteKind;
  /** The UCUM unit thresholds are normalised to; absent for scores. */
  readonly canonicalUnit?: string;
  /**
   * The UCUM units the analyte may be written in. Each converts to `canonicalUnit`
   * (with `molarMass` where needed); empty for scores, which carry no unit.
   */
  readonly units: readonly string[];
  /** The other common unit (US conventional against SI), for the hover's conversion; one of `units`. */
  readonly conventionalUnit?: string;
  /** g/mol, for converting mass and substance concentrations (mg/dL and µmol/L). */
  readonly molarMass?: number;
  /**
   * The range a measured value can take in a living patient (not the normal range): a
   * threshold outside it is almost surely a unit or typing error. In a unit from `units`.
   */
  readonly plausible?: SourcedRange;
  /** An adult reference interval, where a standard source gives one. In a unit from `units`. */
  readonly normal?: ReferenceInterval;
  /** Whether criteria may sensibly write it as a multiple of the ULN or LLN. */
  readonly ulnMultiples: boolean;
  /** Usually written as a power of ten (viral loads): `105` in a protocol is likely `10^5`. */
  readonly viralLoad?: boolean;
  /** For scores: the values the scale has. */
  readonly scale?: readonly (number | string)[];
  /** Where the row's numbers and scale come from. */
  readonly source: string;
  /** What the row leaves empty for want of a source, and units that do not convert. */
  readonly gaps?: string;
}

/** SI units as the canonical choice, the convention of clinical chemistry reporting. */
const SI_CONVENTION = 'SI unit per the IFCC/IUPAC convention for clinical laboratory reporting (Young DS, Ann Intern Med 1987;106:114-29)';

// Reference tables the rows cite, with where they were read.
const CTA_TABLE =
  "Cancer Therapy Advisor, 'Reference Values for Commonly Ordered Blood Tests' (cancertherapyadvisor.com/home/tools/clinical-charts/reference-values-for-commonly-ordered-blood-tests)";
const MSD_TABLE = "MSD Manual Consumer Version, 'Blood Tests' reference table (msdmanuals.com/home/multimedia/table/blood-tests)";
const OXFORD_TABLE = "Oxford Reference, 'table 2.1 Everyday tests' (oxfordindex.oup.com/view/10.1093/oi/authority.20110803095506792)";
const NURSING_TIMES = "Nursing Times, 'Routine blood tests' (nursingtimes.net/clinical-archive/haematology/routine-blood-tests/201124.article)";
const ABIM_RANGES = 'ABIM examination reference ranges (abim.org/certification/exam-information, reference-ranges pages)';

/** A bound that holds by definition, not by observation. */
const PERCENT_BY_DEFINITION = 'by definition: a fraction of a whole lies between 0 and 100 %';

const NO_PLAUSIBLE = 'plausible range: no cited source for the extremes seen in living patients, left empty';
const NO_NORMAL = 'reference interval: no cited source at hand, left empty';
const ENZYME_IU = 'IU/L is the same unit as U/L but UCUM reads it as the arbitrary unit [IU]/L, which ucum-lhc does not convert to U/L, so it is not listed';

/** The integers from `from` to `to`, by `step`. */
function steps(from: number, to: number, step = 1): number[] {
  const values: number[] = [];
  for (let value = from; value <= to; value += step) values.push(value);
  return values;
}

const COUNT_UNITS = ['10*9/L', '10*3/uL', '10*3/mm3', '/uL', '/mm3', '{cells}/uL'] as const;

export const ANALYTES: readonly Analyte[] = [
  // ---- Blood counts ----
  {
    id: 'neutrophils',
    name: 'Absolute neutrophil count',
    synonyms: ['anc', 'neutrophil_count', 'absolute_neutrophil_count'],
    kind: 'lab',
    canonicalUnit: '10*9/L',
    units: COUNT_UNITS,
    conventionalUnit: '10*3/uL',
    normal: { min: 2.5, max: 7.5, unit: '10*9/L', source: NURSING_TIMES },
    ulnMultiples: false,
    source: SI_CONVENTION,
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'platelets',
    name: 'Platelet count',
    synonyms: ['plt', 'platelet_count', 'thrombocytes'],
    kind: 'lab',
    canonicalUnit: '10*9/L',
    units: COUNT_UNITS,
    conventionalUnit: '10*3/uL',
    normal: { min: 150, max: 400, unit: '10*9/L', source: NURSING_TIMES },
    ulnMultiples: false,
    source: SI_CONVENTION,
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'wbc',
    name: 'White blood cell count',
    synonyms: ['leukocytes', 'white_blood_cells', 'white_blood_cell_count', 'leukocyte_count'],
    kind: 'lab',
    canonicalUnit: '10*9/L',
    units: COUNT_UNITS,
    conventionalUnit: '10*3/uL',
    normal: { min: 4, max: 11, unit: '10*9/L', source: NURSING_TIMES },
    ulnMultiples: false,
    source: SI_CONVENTION,
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'lymphocytes',
    name: 'Absolute lymphocyte count',
    synonyms: ['alc', 'lymphocyte_count', 'absolute_lymphocyte_count'],
    kind: 'lab',
    canonicalUnit: '10*9/L',
    units: COUNT_UNITS,
    conventionalUnit: '10*3/uL',
    normal: { min: 1.5, max: 4.0, unit: '10*9/L', source: NURSING_TIMES },
    ulnMultiples: false,
    source: SI_CONVENTION,
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'cd4_count',
    name: 'CD4+ T-cell count',
    synonyms: ['cd4', 'cd4_cell_count', 'cd4_t_cells'],
    kind: 'lab',
    canonicalUnit: '10*6/L',
    units: ['10*6/L', '10*9/L', '/uL', '/mm3', '{cells}/uL', '{cells}/mm3'],
    conventionalUnit: '/uL',
    normal: { min: 500, max: 1500, unit: '/uL', source: MSD_TABLE },
    ulnMultiples: false,
    source: SI_CONVENTION,
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'hemoglobin',
    name: 'Hemoglobin',
    synonyms: ['hb', 'hgb', 'haemoglobin'],
    kind: 'lab',
    canonicalUnit: 'g/L',
    units: ['g/L', 'g/dL'],
    conventionalUnit: 'g/dL',
    plausible: {
      min: 0,
      max: 36,
      unit: 'g/dL',
      source:
        'max by construction: whole-blood hemoglobin is MCHC x hematocrit, hematocrit is at most 100 %, and MCHC is 34 +/- 2 g/dL ' +
        "(Walker HK, Hall WD, Hurst JW, Clinical Methods, 3rd ed., 1990, ch. 152 'Red Cell Indices', NCBI Bookshelf NBK260); min: a concentration is not negative",
    },
    ulnMultiples: false,
    source: SI_CONVENTION,
    gaps:
      `plausible range: the ceiling is physical, not observed; reference interval is sex-specific (male 13-18 g/dL, female 12-16 g/dL per ${MSD_TABLE}), so no single interval is entered; ` +
      'mmol/L (of the haem monomer, used in the Netherlands) is not listed: it needs a molar mass this row has no cited source for',
  },
  {
    id: 'hematocrit',
    name: 'Hematocrit',
    synonyms: ['hct', 'haematocrit', 'packed_cell_volume', 'pcv'],
    kind: 'lab',
    canonicalUnit: 'L/L',
    units: ['L/L', '%'],
    conventionalUnit: '%',
    plausible: { min: 0, max: 100, unit: '%', source: PERCENT_BY_DEFINITION },
    ulnMultiples: false,
    source: SI_CONVENTION,
    gaps: `reference interval is sex-specific (men 42-50 %, women 37-47 % per ${ABIM_RANGES}), so no single interval is entered`,
  },

  // ---- Liver ----
  {
    id: 'bilirubin',
    name: 'Total bilirubin',
    synonyms: ['tbil', 'total_bilirubin', 'serum_bilirubin', 'bili'],
    kind: 'lab',
    canonicalUnit: 'umol/L',
    units: ['umol/L', 'mg/dL', 'mg/L'],
    conventionalUnit: 'mg/dL',
    molarMass: 584.7,
    normal: { min: 5.1, max: 17.0, unit: 'umol/L', source: CTA_TABLE },
    ulnMultiples: true,
    source: `${SI_CONVENTION}; molar mass 584.7 g/mol from PubChem CID 5280352 (bilirubin, C33H36N4O6)`,
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'direct_bilirubin',
    name: 'Direct (conjugated) bilirubin',
    synonyms: ['dbil', 'conjugated_bilirubin', 'bilirubin_direct'],
    kind: 'lab',
    canonicalUnit: 'umol/L',
    units: ['umol/L', 'mg/dL', 'mg/L'],
    conventionalUnit: 'mg/dL',
    molarMass: 584.7,
    normal: { min: 1.7, max: 5.1, unit: 'umol/L', source: CTA_TABLE },
    ulnMultiples: true,
    source:
      `${SI_CONVENTION}; direct bilirubin is converted with the bilirubin molar mass, 584.7 g/mol from PubChem CID 5280352, ` +
      `as reference tables do (0.1-0.3 mg/dL = 1.7-5.1 umol/L in ${CTA_TABLE})`,
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'alt',
    name: 'Alanine aminotransferase',
    synonyms: ['sgpt', 'alanine_aminotransferase', 'alat'],
    kind: 'lab',
    canonicalUnit: 'U/L',
    units: ['U/L', 'ukat/L'],
    conventionalUnit: 'ukat/L',
    normal: { min: 0, max: 35, unit: 'U/L', source: CTA_TABLE },
    ulnMultiples: true,
    source: SI_CONVENTION,
    gaps: `${NO_PLAUSIBLE}; ${ENZYME_IU}`,
  },
  {
    id: 'ast',
    name: 'Aspartate aminotransferase',
    synonyms: ['sgot', 'aspartate_aminotransferase', 'asat'],
    kind: 'lab',
    canonicalUnit: 'U/L',
    units: ['U/L', 'ukat/L'],
    conventionalUnit: 'ukat/L',
    normal: { min: 0, max: 35, unit: 'U/L', source: CTA_TABLE },
    ulnMultiples: true,
    source: SI_CONVENTION,
    gaps: `${NO_PLAUSIBLE}; ${ENZYME_IU}`,
  },
  {
    id: 'alp',
    name: 'Alkaline phosphatase',
    synonyms: ['alkaline_phosphatase', 'alk_phos'],
    kind: 'lab',
    canonicalUnit: 'U/L',
    units: ['U/L', 'ukat/L'],
    conventionalUnit: 'ukat/L',
    ulnMultiples: true,
    source: SI_CONVENTION,
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL} (age-dependent in any case); ${ENZYME_IU}`,
  },
  {
    id: 'ggt',
    name: 'Gamma-glutamyl transferase',
    synonyms: ['gamma_gt', 'gamma_glutamyl_transferase', 'ggtp'],
    kind: 'lab',
    canonicalUnit: 'U/L',
    units: ['U/L', 'ukat/L'],
    conventionalUnit: 'ukat/L',
    ulnMultiples: true,
    source: SI_CONVENTION,
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}; ${ENZYME_IU}`,
  },
  {
    id: 'ldh',
    name: 'Lactate dehydrogenase',
    synonyms: ['lactate_dehydrogenase'],
    kind: 'lab',
    canonicalUnit: 'U/L',
    units: ['U/L', 'ukat/L'],
    conventionalUnit: 'ukat/L',
    ulnMultiples: true,
    source: SI_CONVENTION,
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL} (method-dependent); ${ENZYME_IU}`,
  },
  {
    id: 'albumin',
    name: 'Serum albumin',
    synonyms: ['alb', 'serum_albumin'],
    kind: 'lab',
    canonicalUnit: 'g/L',
    units: ['g/L', 'g/dL'],
    conventionalUnit: 'g/dL',
    normal: { min: 3.5, max: 5.5, unit: 'g/dL', source: ABIM_RANGES },
    ulnMultiples: true,
    source: SI_CONVENTION,
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'inr',
    name: 'International normalised ratio',
    synonyms: ['pt_inr', 'international_normalized_ratio'],
    kind: 'lab',
    canonicalUnit: '1',
    units: ['1'],
    ulnMultiples: true,
    source: 'WHO Expert Committee on Biological Standardization, 33rd report (1983): the INR is a dimensionless ratio',
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}`,
  },
  {
    id: 'pt',
    name: 'Prothrombin time',
    synonyms: ['prothrombin_time'],
    kind: 'lab',
    canonicalUnit: 's',
    units: ['s'],
    ulnMultiples: true,
    source: SI_CONVENTION,
    gaps: `${NO_PLAUSIBLE}; reference interval depends on the thromboplastin reagent, none entered`,
  },
  {
    id: 'aptt',
    name: 'Activated partial thromboplastin time',
    synonyms: ['ptt', 'activated_partial_thromboplastin_time', 'partial_thromboplastin_time'],
    kind: 'lab',
    canonicalUnit: 's',
    units: ['s'],
    ulnMultiples: true,
    source: SI_CONVENTION,
    gaps: `${NO_PLAUSIBLE}; reference interval depends on the reagent, none entered`,
  },

  // ---- Renal and electrolytes ----
  {
    id: 'creatinine',
    name: 'Serum creatinine',
    synonyms: ['scr', 'cr', 'serum_creatinine', 'creat'],
    kind: 'lab',
    canonicalUnit: 'umol/L',
    units: ['umol/L', 'mg/dL', 'mmol/L', 'mg/L'],
    conventionalUnit: 'mg/dL',
    molarMass: 113.12,
    normal: { min: 0.6, max: 1.2, unit: 'mg/dL', source: MSD_TABLE },
    ulnMultiples: true,
    source: `${SI_CONVENTION}; molar mass 113.12 g/mol from PubChem CID 588 (creatinine, C4H7N3O)`,
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'creatinine_clearance',
    name: 'Creatinine clearance',
    synonyms: ['crcl'],
    kind: 'lab',
    canonicalUnit: 'mL/min',
    units: ['mL/min', 'mL/s'],
    conventionalUnit: 'mL/s',
    ulnMultiples: false,
    source: 'Cockcroft DW, Gault MH. Nephron 1976;16:31-41 (reported in mL/min)',
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}; mL/min/1.73m2 (a clearance indexed to body surface) does not convert to mL/min and is not listed`,
  },
  {
    id: 'egfr',
    name: 'Estimated glomerular filtration rate',
    synonyms: ['gfr', 'estimated_gfr', 'e_gfr'],
    kind: 'lab',
    canonicalUnit: 'mL/min/{1.73_m2}',
    units: ['mL/min/{1.73_m2}'],
    normal: {
      min: 90,
      unit: 'mL/min/{1.73_m2}',
      source: 'KDIGO 2012 Clinical Practice Guideline for CKD, GFR category G1 (normal or high): 90 or more',
    },
    ulnMultiples: false,
    source: 'KDIGO 2012 Clinical Practice Guideline for the Evaluation and Management of CKD (GFR in mL/min/1.73 m2)',
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'bun',
    name: 'Blood urea nitrogen',
    synonyms: ['urea_nitrogen', 'blood_urea_nitrogen'],
    kind: 'lab',
    canonicalUnit: 'mmol/L',
    units: ['mmol/L', 'mg/dL'],
    conventionalUnit: 'mg/dL',
    molarMass: 28.014,
    ulnMultiples: true,
    source:
      `${SI_CONVENTION}: BUN in mg/dL is the mass of urea nitrogen and is normalised to mmol/L of urea. Each urea molecule ` +
      '(CH4N2O, PubChem CID 1176) carries two nitrogen atoms, so the molar mass used is that of N2, 28.014 g/mol from PubChem CID 947',
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}`,
  },
  {
    id: 'urea',
    name: 'Serum urea',
    synonyms: ['serum_urea', 'blood_urea'],
    kind: 'lab',
    canonicalUnit: 'mmol/L',
    units: ['mmol/L', 'mg/dL', 'g/L'],
    conventionalUnit: 'mg/dL',
    molarMass: 60.06,
    normal: { min: 2.5, max: 6.7, unit: 'mmol/L', source: OXFORD_TABLE },
    ulnMultiples: true,
    source: `${SI_CONVENTION}; molar mass 60.06 g/mol from PubChem CID 1176 (urea, CH4N2O)`,
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'urine_protein',
    name: 'Urine protein excretion (24-hour)',
    synonyms: ['proteinuria', 'urine_protein_24h', 'urinary_protein'],
    kind: 'lab',
    canonicalUnit: 'g/(24.h)',
    units: ['g/(24.h)', 'mg/(24.h)', 'g/d', 'mg/d'],
    conventionalUnit: 'mg/(24.h)',
    normal: { max: 150, unit: 'mg/(24.h)', source: "ACCCN's Critical Care Nursing, Appendix C Normal values (urine protein below 150 mg/24 hours)" },
    ulnMultiples: false,
    source: 'Reported as mass per 24 hours (g/24 h)',
    gaps:
      `${NO_PLAUSIBLE}; dipstick grades (1+, 2+) are not units and spot concentrations (mg/dL) do not convert to a 24-hour excretion; ` +
      "'g/24h' is not UCUM: protocols must write 'g/(24.h)' or 'g/d'",
  },
  {
    id: 'upcr',
    name: 'Urine protein-to-creatinine ratio',
    synonyms: ['urine_protein_creatinine_ratio', 'protein_creatinine_ratio'],
    kind: 'lab',
    canonicalUnit: 'mg/mmol',
    units: ['mg/mmol', 'mg/g', 'g/g', 'mg/mg'],
    conventionalUnit: 'mg/g',
    molarMass: 113.12,
    ulnMultiples: false,
    source: `${SI_CONVENTION}; mg/mmol and mg/g of creatinine convert with the creatinine molar mass, 113.12 g/mol from PubChem CID 588`,
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}`,
  },
  {
    id: 'potassium',
    name: 'Serum potassium',
    synonyms: ['serum_potassium'],
    kind: 'lab',
    canonicalUnit: 'mmol/L',
    units: ['mmol/L'],
    normal: { min: 3.5, max: 5.0, unit: 'mmol/L', source: OXFORD_TABLE },
    ulnMultiples: true,
    source: SI_CONVENTION,
    gaps: `${NO_PLAUSIBLE}; mEq/L (UCUM meq/L) is numerically equal for a monovalent ion but ucum-lhc needs the charge to convert it, so it is not listed`,
  },
  {
    id: 'sodium',
    name: 'Serum sodium',
    synonyms: ['serum_sodium'],
    kind: 'lab',
    canonicalUnit: 'mmol/L',
    units: ['mmol/L'],
    normal: { min: 135, max: 145, unit: 'mmol/L', source: OXFORD_TABLE },
    ulnMultiples: true,
    source: SI_CONVENTION,
    gaps: `${NO_PLAUSIBLE}; mEq/L (UCUM meq/L) is numerically equal for a monovalent ion but ucum-lhc needs the charge to convert it, so it is not listed`,
  },
  {
    id: 'calcium',
    name: 'Serum calcium (total)',
    synonyms: ['serum_calcium', 'total_calcium'],
    kind: 'lab',
    canonicalUnit: 'mmol/L',
    units: ['mmol/L', 'mg/dL'],
    conventionalUnit: 'mg/dL',
    molarMass: 40.08,
    normal: { min: 2.2, max: 2.6, unit: 'mmol/L', source: CTA_TABLE },
    ulnMultiples: true,
    source: `${SI_CONVENTION}; molar mass 40.08 g/mol from PubChem CID 5460341 (calcium)`,
    gaps: `${NO_PLAUSIBLE}; mEq/L (UCUM meq/L) needs the charge to convert, so it is not listed`,
  },
  {
    id: 'magnesium',
    name: 'Serum magnesium',
    synonyms: ['serum_magnesium'],
    kind: 'lab',
    canonicalUnit: 'mmol/L',
    units: ['mmol/L', 'mg/dL'],
    conventionalUnit: 'mg/dL',
    molarMass: 24.305,
    normal: { min: 0.75, max: 1.05, unit: 'mmol/L', source: OXFORD_TABLE },
    ulnMultiples: true,
    source: `${SI_CONVENTION}; molar mass 24.305 g/mol from PubChem CID 5462224 (magnesium)`,
    gaps: `${NO_PLAUSIBLE}; mEq/L (UCUM meq/L) needs the charge to convert, so it is not listed`,
  },

  // ---- Thyroid ----
  {
    id: 'tsh',
    name: 'Thyroid stimulating hormone',
    synonyms: ['thyrotropin', 'thyroid_stimulating_hormone'],
    kind: 'lab',
    canonicalUnit: 'm[IU]/L',
    units: ['m[IU]/L'],
    normal: {
      min: 0.45,
      max: 4.12,
      unit: 'm[IU]/L',
      source: 'Hollowell JG et al., J Clin Endocrinol Metab 2002;87:489-99 (NHANES III reference population, 2.5th-97.5th percentiles)',
    },
    ulnMultiples: true,
    source: SI_CONVENTION,
    gaps: `${NO_PLAUSIBLE}; uIU/mL (u[IU]/mL) is numerically equal to mIU/L but ucum-lhc converts an arbitrary unit only to itself, so it is not listed`,
  },
  {
    id: 't3',
    name: 'Triiodothyronine',
    synonyms: ['triiodothyronine', 'total_t3'],
    kind: 'lab',
    canonicalUnit: 'nmol/L',
    units: ['nmol/L', 'ng/dL', 'ng/mL'],
    conventionalUnit: 'ng/dL',
    molarMass: 650.97,
    ulnMultiples: true,
    source: `${SI_CONVENTION}; molar mass 650.97 g/mol from PubChem CID 5920 (liothyronine, C15H12I3NO4)`,
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}`,
  },
  {
    id: 't4',
    name: 'Thyroxine',
    synonyms: ['thyroxine', 'total_t4'],
    kind: 'lab',
    canonicalUnit: 'nmol/L',
    units: ['nmol/L', 'ug/dL'],
    conventionalUnit: 'ug/dL',
    molarMass: 776.87,
    ulnMultiples: true,
    source: `${SI_CONVENTION}; molar mass 776.87 g/mol from PubChem CID 5819 (levothyroxine, C15H11I4NO4)`,
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}`,
  },
  {
    id: 'free_t4',
    name: 'Free thyroxine',
    synonyms: ['ft4', 'free_thyroxine'],
    kind: 'lab',
    canonicalUnit: 'pmol/L',
    units: ['pmol/L', 'ng/dL', 'pg/mL'],
    conventionalUnit: 'ng/dL',
    molarMass: 776.87,
    ulnMultiples: true,
    source: `${SI_CONVENTION}; molar mass 776.87 g/mol from PubChem CID 5819 (levothyroxine, C15H11I4NO4)`,
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}`,
  },

  // ---- Metabolic ----
  {
    id: 'glucose',
    name: 'Plasma glucose',
    synonyms: ['glu', 'blood_glucose', 'plasma_glucose', 'fasting_glucose', 'fpg'],
    kind: 'lab',
    canonicalUnit: 'mmol/L',
    units: ['mmol/L', 'mg/dL'],
    conventionalUnit: 'mg/dL',
    molarMass: 180.16,
    plausible: {
      min: 0,
      max: 2656,
      unit: 'mg/dL',
      source:
        'max: highest blood sugar level survived, 2,656 mg/dL (Guinness World Records, M. P. Buonocore, 23 March 2008); min: a concentration is not negative',
    },
    normal: {
      max: 100,
      unit: 'mg/dL',
      source:
        'ADA Standards of Care in Diabetes, Classification and Diagnosis: fasting plasma glucose below 100 mg/dL (5.6 mmol/L); 100-125 is impaired fasting glucose',
    },
    ulnMultiples: true,
    source: `${SI_CONVENTION}; molar mass 180.16 g/mol from PubChem CID 5793 (D-glucose, C6H12O6)`,
  },
  {
    id: 'hba1c',
    name: 'Glycated hemoglobin (HbA1c)',
    synonyms: ['a1c', 'hemoglobin_a1c', 'glycated_hemoglobin', 'glycosylated_hemoglobin'],
    kind: 'lab',
    canonicalUnit: '%',
    units: ['%'],
    plausible: { min: 0, max: 100, unit: '%', source: PERCENT_BY_DEFINITION },
    normal: { max: 5.7, unit: '%', source: 'ADA Standards of Care in Diabetes, Classification and Diagnosis: below 5.7 % (5.7-6.4 % is prediabetes)' },
    ulnMultiples: false,
    source: 'NGSP/DCCT-aligned percentage, the unit of the ADA diagnostic criteria',
    gaps:
      'IFCC mmol/mol is not listed: it relates to NGSP % by a linear equation with an offset, not by a unit factor, and UCUM would wrongly ' +
      'convert 1 % to 10 mmol/mol; a threshold written in mmol/mol is mis-normalised by plain UCUM conversion',
  },
  {
    id: 'cholesterol',
    name: 'Total cholesterol',
    synonyms: ['total_cholesterol', 'serum_cholesterol', 'chol'],
    kind: 'lab',
    canonicalUnit: 'mmol/L',
    units: ['mmol/L', 'mg/dL'],
    conventionalUnit: 'mg/dL',
    molarMass: 386.65,
    ulnMultiples: true,
    source: `${SI_CONVENTION}; molar mass 386.65 g/mol from PubChem CID 5997 (cholesterol, C27H46O)`,
    gaps: `${NO_PLAUSIBLE}; reference interval: sources give treatment targets (desirable below 200 mg/dL) rather than an interval, none entered`,
  },
  {
    id: 'lipase',
    name: 'Serum lipase',
    synonyms: ['serum_lipase'],
    kind: 'lab',
    canonicalUnit: 'U/L',
    units: ['U/L', 'ukat/L'],
    conventionalUnit: 'ukat/L',
    normal: { min: 10, max: 150, unit: 'U/L', source: MSD_TABLE },
    ulnMultiples: true,
    source: SI_CONVENTION,
    gaps: `${NO_PLAUSIBLE}; ${ENZYME_IU}`,
  },
  {
    id: 'amylase',
    name: 'Serum amylase',
    synonyms: ['serum_amylase'],
    kind: 'lab',
    canonicalUnit: 'U/L',
    units: ['U/L', 'ukat/L'],
    conventionalUnit: 'ukat/L',
    normal: { min: 60, max: 180, unit: 'U/L', source: CTA_TABLE },
    ulnMultiples: true,
    source: SI_CONVENTION,
    gaps: `${NO_PLAUSIBLE}; ${ENZYME_IU}; the interval is method-dependent (another table gives 53-123 U/L)`,
  },

  // ---- Cardiac ----
  {
    id: 'lvef',
    name: 'Left ventricular ejection fraction',
    synonyms: ['ef', 'ejection_fraction', 'left_ventricular_ejection_fraction'],
    kind: 'measurement',
    canonicalUnit: '%',
    units: ['%'],
    plausible: { min: 0, max: 100, unit: '%', source: PERCENT_BY_DEFINITION },
    ulnMultiples: false,
    source: 'Reported in % (Lang RM et al., J Am Soc Echocardiogr 2015;28:1-39, chamber quantification)',
    gaps: 'reference interval is sex-specific in Lang RM et al. 2015, so no single interval is entered',
  },
  {
    id: 'qtc',
    name: 'Corrected QT interval',
    synonyms: ['qtcf', 'qtcb', 'qtc_interval', 'corrected_qt'],
    kind: 'measurement',
    canonicalUnit: 'ms',
    units: ['ms', 's'],
    ulnMultiples: false,
    source: 'Reported in ms (Rautaharju PM et al., AHA/ACCF/HRS recommendations for ECG interpretation, Circulation 2009;119:e241-50)',
    gaps: `${NO_PLAUSIBLE}; the prolongation limits are sex-specific, so no single interval is entered`,
  },
  {
    id: 'troponin',
    name: 'Cardiac troponin',
    synonyms: ['ctn', 'ctnt', 'ctni', 'hs_troponin', 'cardiac_troponin'],
    kind: 'lab',
    canonicalUnit: 'ng/L',
    units: ['ng/L', 'ng/mL', 'ug/L', 'pg/mL'],
    conventionalUnit: 'ng/mL',
    ulnMultiples: true,
    source:
      'Reported in ng/L by high-sensitivity assays (Thygesen K et al., Fourth Universal Definition of Myocardial Infarction, Circulation 2018;138:e618-51)',
    gaps: `${NO_PLAUSIBLE}; the upper reference limit is the assay-specific 99th percentile (Thygesen 2018), so none is entered`,
  },

  // ---- Tumour markers ----
  {
    id: 'ca19_9',
    name: 'Carbohydrate antigen 19-9',
    synonyms: ['ca199', 'ca_19_9'],
    kind: 'lab',
    canonicalUnit: 'U/mL',
    units: ['U/mL', 'kU/L'],
    conventionalUnit: 'kU/L',
    normal: { max: 37, unit: 'U/mL', source: 'Ballehaninna UK, Chamberlain RS, J Gastrointest Oncol 2012;3:105-19 (upper limit of normal 37 U/mL)' },
    ulnMultiples: true,
    source: 'Reported in U/mL by the CA 19-9 immunoassays (Ballehaninna UK, Chamberlain RS, J Gastrointest Oncol 2012;3:105-19)',
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'cea',
    name: 'Carcinoembryonic antigen',
    synonyms: ['carcinoembryonic_antigen'],
    kind: 'lab',
    canonicalUnit: 'ng/mL',
    units: ['ng/mL', 'ug/L'],
    conventionalUnit: 'ug/L',
    normal: { min: 0, max: 3.4, unit: 'ng/mL', source: CTA_TABLE },
    ulnMultiples: true,
    source: 'Reported in ng/mL (ug/L) by the CEA immunoassays (Duffy MJ, Clin Chem 2001;47:624-30)',
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'afp',
    name: 'Alpha-fetoprotein',
    synonyms: ['alpha_fetoprotein'],
    kind: 'lab',
    canonicalUnit: 'ng/mL',
    units: ['ng/mL', 'ug/L'],
    conventionalUnit: 'ug/L',
    ulnMultiples: true,
    source: 'Reported in ng/mL (EASL Clinical Practice Guidelines: Management of hepatocellular carcinoma, J Hepatol 2018;69:182-236)',
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}; IU/mL (also used for AFP) is an arbitrary unit that does not convert to ng/mL in UCUM and is not listed`,
  },
  {
    id: 'ca125',
    name: 'Cancer antigen 125',
    synonyms: ['ca_125', 'ca_12_5', 'cancer_antigen_125'],
    kind: 'lab',
    canonicalUnit: 'U/mL',
    units: ['U/mL', 'kU/L'],
    conventionalUnit: 'kU/L',
    normal: { max: 35, unit: 'U/mL', source: 'Bast RC Jr et al., N Engl J Med 1983;309:883-7 (35 U/mL)' },
    ulnMultiples: true,
    source: 'Reported in U/mL by the CA 125 immunoassays (Bast RC Jr et al., N Engl J Med 1983;309:883-7)',
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'psa',
    name: 'Prostate-specific antigen',
    synonyms: ['prostate_specific_antigen', 'total_psa'],
    kind: 'lab',
    canonicalUnit: 'ng/mL',
    units: ['ng/mL', 'ug/L'],
    conventionalUnit: 'ug/L',
    ulnMultiples: false,
    source: 'Reported in ng/mL (ug/L) by the PSA immunoassays',
    gaps: `${NO_PLAUSIBLE}; no reference interval: the NCI advises there is no specific normal or abnormal PSA level (as the ${ABIM_RANGES} state)`,
  },

  // ---- Viral loads ----
  {
    id: 'hbv_dna',
    name: 'Hepatitis B virus DNA',
    synonyms: ['hbvdna', 'hbv_viral_load'],
    kind: 'lab',
    canonicalUnit: '{copies}/mL',
    units: ['{copies}/mL'],
    ulnMultiples: false,
    viralLoad: true,
    source:
      'Viral loads are reported per mL; copies and IU are not converted here, as the factor depends on the assay (EASL HBV guideline, J Hepatol 2017;67:370-98)',
    gaps: `${NO_PLAUSIBLE}; IU/mL, the unit of current guidelines, does not convert to copies/mL (assay-dependent factor) and is not listed`,
  },
  {
    id: 'hcv_rna',
    name: 'Hepatitis C virus RNA',
    synonyms: ['hcvrna', 'hcv_viral_load'],
    kind: 'lab',
    canonicalUnit: '[IU]/mL',
    units: ['[IU]/mL'],
    ulnMultiples: false,
    viralLoad: true,
    source: 'Reported in IU/mL per the WHO international standard for HCV RNA (Saldanha J et al., Vox Sang 1999;76:149-58)',
    gaps: `${NO_PLAUSIBLE}; copies/mL does not convert to IU/mL (assay-dependent factor), and ucum-lhc converts [IU] only to itself, so IU/L is not listed either`,
  },
  {
    id: 'hiv_rna',
    name: 'HIV-1 RNA',
    synonyms: ['hivrna', 'hiv_viral_load', 'hiv1_rna'],
    kind: 'lab',
    canonicalUnit: '{copies}/mL',
    units: ['{copies}/mL'],
    ulnMultiples: false,
    viralLoad: true,
    source: 'Reported in copies/mL (DHHS Guidelines for the Use of Antiretroviral Agents in Adults and Adolescents with HIV)',
    gaps: NO_PLAUSIBLE,
  },

  // ---- Vitals ----
  {
    id: 'systolic_bp',
    name: 'Systolic blood pressure',
    synonyms: ['sbp', 'systolic_blood_pressure'],
    kind: 'vital',
    canonicalUnit: 'mm[Hg]',
    units: ['mm[Hg]', 'kPa'],
    conventionalUnit: 'kPa',
    normal: { max: 120, unit: 'mm[Hg]', source: 'Whelton PK et al., 2017 ACC/AHA blood pressure guideline: normal is below 120 mm Hg systolic' },
    ulnMultiples: false,
    source: 'Whelton PK et al., 2017 ACC/AHA blood pressure guideline (mm Hg)',
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'diastolic_bp',
    name: 'Diastolic blood pressure',
    synonyms: ['dbp', 'diastolic_blood_pressure'],
    kind: 'vital',
    canonicalUnit: 'mm[Hg]',
    units: ['mm[Hg]', 'kPa'],
    conventionalUnit: 'kPa',
    normal: { max: 80, unit: 'mm[Hg]', source: 'Whelton PK et al., 2017 ACC/AHA blood pressure guideline: normal is below 80 mm Hg diastolic' },
    ulnMultiples: false,
    source: 'Whelton PK et al., 2017 ACC/AHA blood pressure guideline (mm Hg)',
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'heart_rate',
    name: 'Heart rate',
    synonyms: ['pulse', 'pulse_rate'],
    kind: 'vital',
    canonicalUnit: '/min',
    units: ['/min', '{beats}/min'],
    normal: { min: 60, max: 100, unit: '/min', source: 'American Heart Association: a normal resting heart rate for adults is 60 to 100 beats per minute' },
    ulnMultiples: false,
    source: 'Beats per minute',
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'weight',
    name: 'Body weight',
    synonyms: ['body_weight'],
    kind: 'vital',
    canonicalUnit: 'kg',
    units: ['kg', 'g', '[lb_av]'],
    conventionalUnit: '[lb_av]',
    plausible: {
      min: 0,
      max: 635,
      unit: 'kg',
      source: 'max: heaviest person on record, Jon Brower Minnoch, about 635 kg (Guinness World Records); min: a mass is not negative',
    },
    ulnMultiples: false,
    source: 'SI base unit of mass',
    gaps: 'no reference interval applies',
  },
  {
    id: 'height',
    name: 'Body height',
    synonyms: ['body_height', 'stature'],
    kind: 'vital',
    canonicalUnit: 'cm',
    units: ['cm', 'm', 'mm', '[in_i]'],
    conventionalUnit: '[in_i]',
    plausible: {
      min: 0,
      max: 272,
      unit: 'cm',
      source: 'max: tallest person on record, Robert Wadlow, 272 cm (Guinness World Records); min: a length is not negative',
    },
    ulnMultiples: false,
    source: 'Centimetres, the unit of the BSA formulas (Du Bois D, Du Bois EF, Arch Intern Med 1916;17:863-71)',
    gaps: 'no reference interval applies',
  },
  {
    id: 'bmi',
    name: 'Body mass index',
    synonyms: ['body_mass_index'],
    kind: 'vital',
    canonicalUnit: 'kg/m2',
    units: ['kg/m2'],
    normal: { min: 18.5, max: 24.9, unit: 'kg/m2', source: 'WHO Technical Report Series 894 (2000), normal range 18.5-24.9 kg/m2' },
    ulnMultiples: false,
    source: 'Weight in kg divided by the square of height in m (WHO Technical Report Series 894, 2000)',
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'bsa',
    name: 'Body surface area',
    synonyms: ['body_surface_area'],
    kind: 'measurement',
    canonicalUnit: 'm2',
    units: ['m2'],
    ulnMultiples: false,
    source: 'Square metres (Du Bois D, Du Bois EF, Arch Intern Med 1916;17:863-71)',
    gaps: `${NO_PLAUSIBLE}; no reference interval applies`,
  },

  // ---- Scores ----
  {
    id: 'ecog',
    name: 'ECOG performance status',
    synonyms: ['ps', 'performance_status', 'ecog_ps', 'who_ps', 'zubrod'],
    kind: 'score',
    units: [],
    scale: [0, 1, 2, 3, 4, 5],
    ulnMultiples: false,
    source: 'Oken MM et al., Am J Clin Oncol 1982;5:649-55 (grades 0-5)',
  },
  {
    id: 'karnofsky',
    name: 'Karnofsky performance status',
    synonyms: ['kps', 'karnofsky_performance_status', 'karnofsky_score'],
    kind: 'score',
    units: [],
    scale: steps(0, 100, 10),
    ulnMultiples: false,
    source:
      'Karnofsky DA, Burchenal JH, in MacLeod CM (ed.), Evaluation of Chemotherapeutic Agents, Columbia University Press 1949:191-205 (0-100 in steps of 10)',
    gaps: "protocols often write a % sign ('70%'); the row has no unit, so such a threshold is kept as written",
  },
  {
    id: 'child_pugh',
    name: 'Child-Pugh class',
    synonyms: ['childpugh', 'child_pugh_class'],
    kind: 'score',
    units: [],
    scale: ['A', 'B', 'C'],
    ulnMultiples: false,
    source: 'Pugh RN et al., Br J Surg 1973;60:646-49 (classes A-C)',
    gaps: 'the points (5-15: A 5-6, B 7-9, C 10-15, Pugh 1973) are not in the scale, which the checks read as ordered classes',
  },
  {
    id: 'meld',
    name: 'MELD score',
    synonyms: ['meld_score', 'model_for_end_stage_liver_disease'],
    kind: 'score',
    units: [],
    scale: steps(6, 40),
    ulnMultiples: false,
    source:
      'Kamath PS et al., Hepatology 2001;33:464-70 (formula); 6-40 as computed under OPTN/UNOS policy (laboratory values below 1.0 set to 1.0, score capped at 40)',
  },

  // ---- Measurements ----
  {
    id: 'tumor_diameter',
    name: 'Tumour diameter',
    synonyms: ['tumour_diameter', 'tumor_size', 'tumour_size', 'lesion_diameter'],
    kind: 'measurement',
    canonicalUnit: 'mm',
    units: ['mm', 'cm'],
    conventionalUnit: 'cm',
    ulnMultiples: false,
    source: 'RECIST 1.1 measures lesions in mm (Eisenhauer EA et al., Eur J Cancer 2009;45:228-47)',
    gaps: `${NO_PLAUSIBLE}; no reference interval applies`,
  },
  {
    id: 'age',
    name: 'Age',
    synonyms: [],
    kind: 'measurement',
    canonicalUnit: 'a',
    units: ['a', 'mo', 'wk', 'd'],
    plausible: {
      min: 0,
      max: 122,
      unit: 'a',
      source: 'max: oldest person on record, Jeanne Calment, 122 years 164 days (Guinness World Records); min: birth',
    },
    ulnMultiples: false,
    source: 'Years (UCUM a, the Julian year)',
    gaps: 'no reference interval applies',
  },
];

const byName = new Map<string, Analyte>();
for (const analyte of ANALYTES) {
  byName.set(analyte.id, analyte);
  for (const synonym of analyte.synonyms) byName.set(synonym, analyte);
}

/** Finds an analyte by its identifier or a synonym, ignoring case. */
export function findAnalyte(name: string): Analyte | undefined {
  return byName.get(name) ?? byName.get(name.toLowerCase());
}
