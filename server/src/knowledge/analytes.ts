/**
 * Analytes, clinical scores and measurements that eligibility criteria name. Each row says
 * which unit thresholds are normalised to, the units a protocol may write it in and, where a
 * conversion needs one, the molar mass. Every number in a row names its source in the row
 * itself: a plausible range, a reference interval, a molar mass, a scale, a unit equivalence,
 * a CTCAE grade limit, a LOINC code. Where no source was at hand the field is left empty and
 * `gaps` says so: a check never fires on a number nobody can cite.
 *
 * `units` lists only units that convert to `canonicalUnit` through UCUM (checked with
 * `server/src/model/units.ts`). Units laboratories report that UCUM does not convert are
 * typed beside them: `equivalentUnits` for units equal to one of `units` by definition
 * (IU/L and U/L for enzymes, mEq/L and mmol/L for ions, µIU/mL and mIU/L), and
 * `separateUnits` for units accepted but never converted to the canonical one (HBV DNA in
 * IU/mL against copies/mL: the factor depends on the assay).
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

/**
 * A unit equal by definition to one of the analyte's `units` times `factor`, which UCUM does
 * not convert: `1 unit = factor × equals`.
 */
export interface EquivalentUnit {
  /** The UCUM code as `resolveUnit` gives it: `[IU]/L`, `meq/L`, `u[IU]/mL`. */
  readonly unit: string;
  /** One of the analyte's `units`. */
  readonly equals: string;
  readonly factor: number;
  readonly source: string;
}

/** A unit accepted for the analyte but never converted to `canonicalUnit`: thresholds in it are normalised within it. */
export interface SeparateUnit {
  /** The UCUM code as `resolveUnit` gives it. */
  readonly unit: string;
  /** A plausible range in this unit, where a source bounds one. */
  readonly plausible?: SourcedRange;
  readonly source: string;
}

/** A LOINC code for the analyte, for matching patient records. */
export interface LoincCode {
  /** `NNNNN-C`, the last digit a Mod-10 check digit. */
  readonly code: string;
  /** The name the source gives the code (LOINC long common name or short name). */
  readonly display: string;
  /** The UCUM unit the code's results come in, where the source gives one. */
  readonly unit?: string;
  readonly source: string;
}

/** Where a CTCAE grade starts: a multiple of the ULN or LLN, or a value in one of the analyte's units. */
export type GradeLimit = { readonly times: number; readonly of: 'ULN' | 'LLN' } | { readonly value: number; readonly unit: string };

/** One grade of a CTCAE term: for an `increased` term it covers values above `beyond`, for a `decreased` term values below. */
export interface CtcaeGrade {
  readonly grade: 1 | 2 | 3 | 4;
  readonly beyond: GradeLimit;
  /** A condition CTCAE attaches to the grade ("if baseline was normal", "with signs or symptoms"). */
  readonly note?: string;
}

/**
 * A CTCAE v5.0 term graded on the analyte's value. Grades CTCAE defines only clinically
 * ("life-threatening consequences") are not listed.
 */
export interface CtcaeTerm {
  /** The CTCAE v5.0 term: 'Alanine aminotransferase increased'. */
  readonly term: string;
  readonly direction: 'increased' | 'decreased';
  readonly grades: readonly CtcaeGrade[];
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
  /** Units equal by definition to one of `units`, which UCUM does not convert (IU/L for U/L, mEq/L for mmol/L). */
  readonly equivalentUnits?: readonly EquivalentUnit[];
  /** Units accepted but never converted to `canonicalUnit` (HBV DNA in IU/mL against copies/mL). */
  readonly separateUnits?: readonly SeparateUnit[];
  /** The other common unit (US conventional against SI), for the hover's conversion; one of `units`. */
  readonly conventionalUnit?: string;
  /** g/mol, for converting mass and substance concentrations (mg/dL and µmol/L). */
  readonly molarMass?: number;
  /**
   * The range a measured value can take in a living patient or an analyser can report (not
   * the normal range): a threshold outside it is almost surely a unit or typing error. In a
   * unit from `units`.
   */
  readonly plausible?: SourcedRange;
  /** An adult reference interval, where a standard source gives one. In a unit from `units`. */
  readonly normal?: ReferenceInterval;
  /** Whether criteria may sensibly write it as a multiple of the ULN or LLN. */
  readonly ulnMultiples: boolean;
  /**
   * Where `ulnMultiples` is false, the one reference limit criteria are still written against,
   * with the source that shows the convention (LVEF below the institutional LLN).
   */
  readonly limitsOfNormal?: readonly { readonly of: 'ULN' | 'LLN'; readonly source: string }[];
  /** CTCAE v5.0 terms graded on this analyte, with the limit at which each grade starts. */
  readonly ctcae?: readonly CtcaeTerm[];
  /** LOINC codes of the main serum, plasma or blood observations, for matching patient records. */
  readonly loinc?: readonly LoincCode[];
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
/**
 * Why enzyme rows carry no plausible range: the measuring ranges found bound an undiluted
 * sample only, and laboratories dilute and report higher activities.
 */
const NO_ENZYME_PLAUSIBLE =
  'plausible range: no source bounding the activities laboratories report was found (the analyser measuring ranges seen, ' +
  "e.g. Roche cobas c 502 ALT technical range 5-700 U/L per Reditus Laboratories' assay page, bound an undiluted sample " +
  'and diluted samples are reported higher), left empty';
const NO_LOINC = 'LOINC: no code verified against a source in this table yet, left empty';

/** The enzyme unit is the international unit of enzyme activity: IU/L is U/L. */
const IU_PER_L_IS_U_PER_L: EquivalentUnit = {
  unit: '[IU]/L',
  equals: 'U/L',
  factor: 1,
  source:
    "NC-IUB, 'Units of Enzyme Activity', Eur J Biochem 1979;97:319-20: the enzyme unit U (1 umol of substrate per minute) is also called " +
    'the international unit (IU) of enzyme activity, so 1 IU/L = 1 U/L; UCUM reads IU as the arbitrary unit [IU], which ucum-lhc does not convert',
};

/** mEq/L of an ion of charge `charge` in mmol/L. */
function milliequivalents(charge: 1 | 2, ion: string): EquivalentUnit {
  return {
    unit: 'meq/L',
    equals: 'mmol/L',
    factor: 1 / charge,
    source:
      `an equivalent is a mole of charge: mmol/L = mEq/L / |z|, and |z| = ${charge} for ${ion} ` +
      "(calculator.academy, 'mEq/L to mmol/L'; convertmedunits.com, 'mEq/L to mmol/L conversion'); ucum-lhc converts meq only with the charge, which it is not given",
  };
}

const SI_PREFIXES = 'SI prefixes (BIPM, The International System of Units, 9th ed. 2019, table 7)';

// CTCAE v5.0 grade limits. The grades are read from a machine-readable transcription of the
// published criteria and checked against its text columns.
const CTCAE_V5 = 'NCI Common Terminology Criteria for Adverse Events v5.0 (27 Nov 2017)';
const CTCAE_TRANSCRIPTION = 'grades as transcribed in pharmaverse/admiral data-raw/adlb_grading/ncictcaev5.json';

/** The source string of a CTCAE v5.0 term. */
function ctcaeSource(term: string, grades: string): string {
  return `${CTCAE_V5}, term '${term}': ${grades} (${CTCAE_TRANSCRIPTION})`;
}

/** A grade starting at `times` × ULN. */
function aboveUln(grade: CtcaeGrade['grade'], times: number, note?: string): CtcaeGrade {
  return { grade, beyond: { times, of: 'ULN' }, ...(note ? { note } : {}) };
}

/** A grade starting at `times` × LLN. */
function belowLln(grade: CtcaeGrade['grade'], times: number, note?: string): CtcaeGrade {
  return { grade, beyond: { times, of: 'LLN' }, ...(note ? { note } : {}) };
}

/** A grade starting at a value. */
function beyondValue(grade: CtcaeGrade['grade'], value: number, unit: string, note?: string): CtcaeGrade {
  return { grade, beyond: { value, unit }, ...(note ? { note } : {}) };
}

const IF_BASELINE_NORMAL = 'if baseline was normal; multiples of baseline if baseline was abnormal';

/** The CTCAE liver-enzyme pattern: grade 1 above ULN, grades 2-4 above the given multiples. */
function liverTerm(term: string, g2: number, g3: number, g4: number): CtcaeTerm {
  return {
    term,
    direction: 'increased',
    grades: [aboveUln(1, 1, IF_BASELINE_NORMAL), aboveUln(2, g2, IF_BASELINE_NORMAL), aboveUln(3, g3, IF_BASELINE_NORMAL), aboveUln(4, g4, IF_BASELINE_NORMAL)],
    source: ctcaeSource(
      term,
      `grade 1 >ULN-${g2.toFixed(1)} x ULN, grade 2 >${g2.toFixed(1)}, grade 3 >${g3.toFixed(1)}, grade 4 >${g4.toFixed(1)} x ULN if baseline was normal`,
    ),
  };
}

/** CTCAE 'Lipase increased' and 'Serum amylase increased' share their grades. */
function pancreaticTerm(term: string): CtcaeTerm {
  return {
    term,
    direction: 'increased',
    grades: [
      aboveUln(1, 1),
      aboveUln(2, 1.5, 'also >2.0-5.0 x ULN when asymptomatic'),
      aboveUln(3, 2, 'with signs or symptoms; >5.0 x ULN when asymptomatic'),
      aboveUln(4, 5, 'with signs or symptoms'),
    ],
    source: ctcaeSource(
      term,
      'grade 1 >ULN-1.5 x ULN; grade 2 >1.5-2.0 x ULN, or >2.0-5.0 x ULN and asymptomatic; grade 3 >2.0-5.0 x ULN with signs or symptoms, or >5.0 x ULN and asymptomatic; grade 4 >5.0 x ULN with signs or symptoms',
    ),
  };
}

/** A CTCAE count decrease: grade 1 below LLN, grades 2-4 below the given counts in 10^9/L. */
function countDecreased(term: string, g2: number, g3: number, g4: number, unit = '10*9/L'): CtcaeTerm {
  return {
    term,
    direction: 'decreased',
    grades: [belowLln(1, 1), beyondValue(2, g2, unit), beyondValue(3, g3, unit), beyondValue(4, g4, unit)],
    source: ctcaeSource(term, `grade 1 <LLN, grade 2 <${g2}, grade 3 <${g3}, grade 4 <${g4} x 10e9/L`),
  };
}

// LOINC codes, with where each was seen. Codes not seen in one of these are left out.
const LOINC_CBC_PANEL =
  "LOINC panel 58410-2 'CBC panel - Blood by Automated count' (loinc.org/58410-2), member code and LOINC short name as exported to a FHIR " +
  'Questionnaire by NHS North West Genomics (nw-gmsa/nw-gmsa.github.com, input/resources/CBC-panel---Blood-by-Automated-count.R4.json)';
const LOINC_SECONDARY =
  'code and display as they recur in independent public FHIR terminology and example files found by text search ' +
  "(e.g. Uzinfocom's ConceptMap 'lab-research-to-loinc'); not checked against loinc.org in this change";
const LOINC_PROTECT_CHILD = "HL7 Europe PROTECT-CHILD Pediatric Transplant Data IG (hl7-eu/protect-child, input/fsh/lab-test.fsh), ValueSet 'LabTestNameVS'";
/** The HL7 mCODE performance-status profiles, which fix the Observation code and require an integer value. */
const LOINC_MCODE_PERFORMANCE_STATUS =
  'HL7 mCODE IG (HL7/fhir-mCODE-ig, input/fsh/SD_PerformanceStatus.fsh): profiles ECOGPerformanceStatus and KarnofskyPerformanceStatus fix ' +
  'Observation.code and require value[x] as integer';
const LOINC_CMP_PANEL =
  "LOINC panel 24323-8 'Comprehensive metabolic 2000 panel - Serum or Plasma' (loinc.org/24323-8), member code and LOINC short name as exported " +
  'to a FHIR Questionnaire by NHS North West Genomics (nw-gmsa/nw-gmsa.github.com, input/resources/Comprehensive-metabolic-2000-panel---Serum-or-Plasma.R4.json)';

/** A value set of the HL7 dQM CMS content IG, expanded by tx.fhir.org from LOINC 2.82. */
function dqmValueSet(name: string): string {
  return `HL7 dQM CMS Content IG 2026 (build.fhir.org/ig/cqframework/dqm-content-cms-2026), ValueSet '${name}', expanded by tx.fhir.org from LOINC 2.82`;
}

/** The integers from `from` to `to`, by `step`. */
function steps(from: number, to: number, step = 1): number[] {
  const values: number[] = [];
  for (let value = from; value <= to; value += step) values.push(value);
  return values;
}

const COUNT_UNITS = ['10*9/L', '10*3/uL', '10*3/mm3', '/uL', '/mm3', '{cells}/uL'] as const;

/** The analyser ceiling the white-cell rows share; a differential count is part of the white-cell count. */
const WBC_DISPLAY_RANGE =
  'Sysmex XN-L (M145M) instrument specification, parameter list: WBC display range 0.00-999.99 x10^3/uL (analysis range 0.00-440.00 x10^3/uL)';

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
    plausible: {
      min: 0,
      max: 999.99,
      unit: '10*3/uL',
      source: `max: ${WBC_DISPLAY_RANGE}; the neutrophils are part of the white-cell count; min: a count is not negative`,
    },
    ulnMultiples: false,
    ctcae: [countDecreased('Neutrophil count decreased', 1.5, 1.0, 0.5)],
    loinc: [{ code: '751-8', display: 'Neutrophils [#/volume] in Blood by Automated count', source: LOINC_PROTECT_CHILD }],
    source: SI_CONVENTION,
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
    ctcae: [countDecreased('Platelet count decreased', 75, 50, 25)],
    loinc: [
      {
        code: '777-3',
        display: 'Platelets [#/volume] in Blood by Automated count',
        unit: '10*3/uL',
        source: "HL7 US Core STU7 example Observation 'cbc-platelets' (hl7.org/fhir/us/core/STU7/Observation-cbc-platelets.html)",
      },
    ],
    source: SI_CONVENTION,
    gaps:
      'plausible range: no source bounding the platelet count was found (the platelet row of the Sysmex XN-L specification was not in the part ' +
      'of the document at hand), and a lower bound alone (a count is not negative) is not entered, left empty',
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
    plausible: { min: 0, max: 999.99, unit: '10*3/uL', source: `max: ${WBC_DISPLAY_RANGE}; min: a count is not negative` },
    ulnMultiples: false,
    ctcae: [
      countDecreased('White blood cell decreased', 3, 2, 1),
      {
        term: 'Leukocytosis',
        direction: 'increased',
        grades: [beyondValue(3, 100, '10*9/L')],
        source: ctcaeSource('Leukocytosis', 'grade 3 >100,000/mm3; grade 4 is clinical (leucostasis)'),
      },
    ],
    loinc: [{ code: '6690-2', display: 'WBC # Bld Auto', unit: '10*3/uL', source: LOINC_CBC_PANEL }],
    source: SI_CONVENTION,
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
    plausible: {
      min: 0,
      max: 999.99,
      unit: '10*3/uL',
      source: `max: ${WBC_DISPLAY_RANGE}; the lymphocytes are part of the white-cell count; min: a count is not negative`,
    },
    ulnMultiples: false,
    ctcae: [
      countDecreased('Lymphocyte count decreased', 0.8, 0.5, 0.2),
      {
        term: 'Lymphocyte count increased',
        direction: 'increased',
        grades: [beyondValue(2, 4, '10*9/L'), beyondValue(3, 20, '10*9/L')],
        source: ctcaeSource('Lymphocyte count increased', 'grade 2 >4000-20,000/mm3, grade 3 >20,000/mm3'),
      },
    ],
    loinc: [{ code: '731-0', display: 'Lymphocytes [#/volume] in Blood by Automated count', source: LOINC_PROTECT_CHILD }],
    source: SI_CONVENTION,
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
    plausible: {
      min: 0,
      max: 999990,
      unit: '/uL',
      source: `max: CD4 cells are lymphocytes, part of the white-cell count: ${WBC_DISPLAY_RANGE}, that is 999990 /uL; min: a count is not negative`,
    },
    ulnMultiples: false,
    ctcae: [countDecreased('CD4 lymphocytes decreased', 0.5, 0.2, 0.05)],
    source: SI_CONVENTION,
    gaps: NO_LOINC,
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
    ctcae: [
      {
        term: 'Anemia',
        direction: 'decreased',
        grades: [belowLln(1, 1), beyondValue(2, 100, 'g/L'), beyondValue(3, 80, 'g/L', 'transfusion indicated')],
        source: ctcaeSource('Anemia', 'grade 1 Hgb <LLN-100 g/L, grade 2 <100-80 g/L, grade 3 <80 g/L; grade 4 is clinical'),
      },
      {
        term: 'Hemoglobin increased',
        direction: 'increased',
        grades: [aboveUln(1, 1, 'grades 1-3 are increases of >0-2, >2-4 and >4 g/dL above the ULN, not multiples of it')],
        source: ctcaeSource('Hemoglobin increased', 'increase of >0-2 g/dL (grade 1), >2-4 g/dL (grade 2), >4 g/dL (grade 3) above ULN'),
      },
    ],
    loinc: [{ code: '718-7', display: 'Hgb Bld-mCnc', unit: 'g/dL', source: LOINC_CBC_PANEL }],
    source: SI_CONVENTION,
    gaps:
      `plausible range: the ceiling is physical, not observed; reference interval is sex-specific (male 13-18 g/dL, female 12-16 g/dL per ${MSD_TABLE}), so no single interval is entered; ` +
      'mmol/L (of the haem monomer, used in the Netherlands) is not listed: it needs a molar mass this row has no cited source for; ' +
      "no lower bound above 0: survival at a hemoglobin of 0.7 g/dL (7 g/L) is reported (JianQiang Dai's case, as summarised at bloodless.com.br " +
      'and scancrit.com, 23 Sep 2012), so a limit such as 8 g/L is a possible value; it is CTCAE grade 3 anemia (<80 g/L) instead',
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
    loinc: [{ code: '4544-3', display: 'Hct VFr Bld Auto', unit: '%', source: LOINC_CBC_PANEL }],
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
    ctcae: [liverTerm('Blood bilirubin increased', 1.5, 3, 10)],
    loinc: [{ code: '1975-2', display: 'Bilirubin.total [Mass/volume] in Serum or Plasma', unit: 'mg/dL', source: dqmValueSet('Total Bilirubin Lab Tests') }],
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
    loinc: [{ code: '1968-7', display: 'Bilirubin.direct [Mass/volume] in Serum or Plasma', source: LOINC_PROTECT_CHILD }],
    source:
      `${SI_CONVENTION}; direct bilirubin is converted with the bilirubin molar mass, 584.7 g/mol from PubChem CID 5280352, ` +
      `as reference tables do (0.1-0.3 mg/dL = 1.7-5.1 umol/L in ${CTA_TABLE})`,
    gaps: `${NO_PLAUSIBLE}`,
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
    equivalentUnits: [IU_PER_L_IS_U_PER_L],
    ulnMultiples: true,
    ctcae: [liverTerm('Alanine aminotransferase increased', 3, 5, 20)],
    loinc: [
      {
        code: '1742-6',
        display: 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma',
        unit: 'U/L',
        source: dqmValueSet('Alanine Transaminase (ALT/SGPT) Lab Tests'),
      },
    ],
    source: SI_CONVENTION,
    gaps: NO_ENZYME_PLAUSIBLE,
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
    equivalentUnits: [IU_PER_L_IS_U_PER_L],
    ulnMultiples: true,
    ctcae: [liverTerm('Aspartate aminotransferase increased', 3, 5, 20)],
    loinc: [
      {
        code: '1920-8',
        display: 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma',
        unit: 'U/L',
        source: dqmValueSet('Aspartate Transaminase (AST/SGOT) Lab Tests'),
      },
    ],
    source: SI_CONVENTION,
    gaps: NO_ENZYME_PLAUSIBLE,
  },
  {
    id: 'alp',
    name: 'Alkaline phosphatase',
    synonyms: ['alkaline_phosphatase', 'alk_phos'],
    kind: 'lab',
    canonicalUnit: 'U/L',
    units: ['U/L', 'ukat/L'],
    conventionalUnit: 'ukat/L',
    equivalentUnits: [IU_PER_L_IS_U_PER_L],
    ulnMultiples: true,
    ctcae: [liverTerm('Alkaline phosphatase increased', 2.5, 5, 20)],
    loinc: [
      {
        code: '6768-6',
        display: 'Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma',
        unit: 'U/L',
        source: dqmValueSet('Alkaline Phosphatase Lab Tests'),
      },
    ],
    source: SI_CONVENTION,
    gaps: `${NO_ENZYME_PLAUSIBLE}; ${NO_NORMAL} (age-dependent in any case)`,
  },
  {
    id: 'ggt',
    name: 'Gamma-glutamyl transferase',
    synonyms: ['gamma_gt', 'gamma_glutamyl_transferase', 'ggtp'],
    kind: 'lab',
    canonicalUnit: 'U/L',
    units: ['U/L', 'ukat/L'],
    conventionalUnit: 'ukat/L',
    equivalentUnits: [IU_PER_L_IS_U_PER_L],
    ulnMultiples: true,
    ctcae: [liverTerm('GGT increased', 2.5, 5, 20)],
    loinc: [{ code: '2324-2', display: 'Gamma glutamyl transferase [Enzymatic activity/volume] in Serum or Plasma', source: LOINC_PROTECT_CHILD }],
    source: SI_CONVENTION,
    gaps: `${NO_ENZYME_PLAUSIBLE}; ${NO_NORMAL}`,
  },
  {
    id: 'ldh',
    name: 'Lactate dehydrogenase',
    synonyms: ['lactate_dehydrogenase'],
    kind: 'lab',
    canonicalUnit: 'U/L',
    units: ['U/L', 'ukat/L'],
    conventionalUnit: 'ukat/L',
    equivalentUnits: [IU_PER_L_IS_U_PER_L],
    ulnMultiples: true,
    loinc: [{ code: '2532-0', display: 'Lactate dehydrogenase [Enzymatic activity/volume] in Serum or Plasma', source: LOINC_PROTECT_CHILD }],
    source: SI_CONVENTION,
    gaps: `${NO_ENZYME_PLAUSIBLE}; ${NO_NORMAL} (method-dependent); CTCAE v5.0 has no term graded on LDH`,
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
    plausible: {
      min: 0,
      max: 80,
      unit: 'g/L',
      source:
        'max: upper end of the linear range of the dye-binding albumin methods: linearity limit 70 g/L (BioSystems Albumin bromocresol green ' +
        'insert, COD 11547/11573) and 10-80 g/L for bromcresol purple (evaluation in PMID 12697479); min: a concentration is not negative',
    },
    ulnMultiples: true,
    ctcae: [
      {
        term: 'Hypoalbuminemia',
        direction: 'decreased',
        grades: [belowLln(1, 1), beyondValue(2, 30, 'g/L'), beyondValue(3, 20, 'g/L')],
        source: ctcaeSource('Hypoalbuminemia', 'grade 1 <LLN-30 g/L, grade 2 <30-20 g/L, grade 3 <20 g/L; grade 4 is clinical'),
      },
    ],
    loinc: [{ code: '1751-7', display: 'Albumin SerPl-mCnc', unit: 'g/dL', source: LOINC_CMP_PANEL }],
    source: SI_CONVENTION,
  },
  {
    id: 'inr',
    name: 'International normalised ratio',
    synonyms: ['pt_inr', 'international_normalized_ratio'],
    kind: 'lab',
    canonicalUnit: '1',
    units: ['1'],
    ulnMultiples: true,
    ctcae: [
      {
        term: 'INR increased',
        direction: 'increased',
        grades: [
          beyondValue(1, 1.2, '1', 'or >1-1.5 x baseline if on anticoagulation'),
          beyondValue(2, 1.5, '1', 'or >1.5-2.5 x baseline if on anticoagulation'),
          beyondValue(3, 2.5, '1', 'or >2.5 x baseline if on anticoagulation'),
        ],
        source: ctcaeSource('INR increased', 'grade 1 >1.2-1.5, grade 2 >1.5-2.5, grade 3 >2.5 (absolute INR, not multiples of ULN)'),
      },
    ],
    loinc: [
      {
        code: '6301-6',
        display: 'INR in Platelet poor plasma by Coagulation assay',
        unit: '1',
        source: "PACIO Sample Data Depot (MITRE, build.fhir.org/ig/paciowg/sample-data-fsh), example Observation 'betsysmith-johnson01-obs-inr-coag-panel'",
      },
    ],
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
    loinc: [{ code: '5902-2', display: 'Prothrombin time (PT)', source: `${LOINC_PROTECT_CHILD} (display abbreviated there)` }],
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
    ctcae: [
      {
        term: 'Activated partial thromboplastin time prolonged',
        direction: 'increased',
        grades: [aboveUln(1, 1), aboveUln(2, 1.5), aboveUln(3, 2.5, 'or bleeding')],
        source: ctcaeSource(
          'Activated partial thromboplastin time prolonged',
          'grade 1 >ULN-1.5 x ULN, grade 2 >1.5-2.5 x ULN, grade 3 >2.5 x ULN or bleeding',
        ),
      },
    ],
    loinc: [{ code: '14979-9', display: 'aPTT in Platelet poor plasma by Coagulation assay', source: LOINC_PROTECT_CHILD }],
    source: SI_CONVENTION,
    gaps: `${NO_PLAUSIBLE}; reference interval depends on the reagent, none entered`,
  },
  {
    id: 'fibrinogen',
    name: 'Plasma fibrinogen',
    synonyms: ['plasma_fibrinogen', 'fbg'],
    kind: 'lab',
    canonicalUnit: 'g/L',
    units: ['g/L', 'mg/dL'],
    conventionalUnit: 'mg/dL',
    ulnMultiples: true,
    ctcae: [
      {
        term: 'Fibrinogen decreased',
        direction: 'decreased',
        grades: [
          belowLln(1, 1, 'if abnormal at baseline: <25% decrease from baseline'),
          belowLln(2, 0.75, 'if abnormal at baseline: 25-<50% decrease'),
          belowLln(3, 0.5, 'if abnormal at baseline: 50-<75% decrease'),
          belowLln(4, 0.25, 'if abnormal at baseline: 75% decrease; also any absolute value <50 mg/dL'),
        ],
        source: ctcaeSource(
          'Fibrinogen decreased',
          'grade 1 <1.0-0.75 x LLN, grade 2 <0.75-0.5 x LLN, grade 3 <0.5-0.25 x LLN, grade 4 <0.25 x LLN or <50 mg/dL',
        ),
      },
    ],
    source: SI_CONVENTION,
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}; ${NO_LOINC}`,
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
    plausible: {
      min: 0,
      max: 73.8,
      unit: 'mg/dL',
      source:
        'max: the highest serum creatinine on record, 73.8 mg/dL, in a uraemic 23-year-old after renal allograft rejection (Case Rep Nephrol 2021;2021:6048919, ' +
        "'Highest Recorded Serum Creatinine'; the authors note no known level is incompatible with life); min: a concentration is not negative",
    },
    ulnMultiples: true,
    ctcae: [
      {
        term: 'Creatinine increased',
        direction: 'increased',
        grades: [aboveUln(1, 1), aboveUln(2, 1.5, 'or >1.5-3.0 x baseline'), aboveUln(3, 3, 'or >3.0 x baseline'), aboveUln(4, 6)],
        source: ctcaeSource('Creatinine increased', 'grade 1 >ULN-1.5 x ULN, grade 2 >1.5-3.0 x ULN, grade 3 >3.0-6.0 x ULN, grade 4 >6.0 x ULN'),
      },
    ],
    loinc: [{ code: '2160-0', display: 'Creat SerPl-mCnc', unit: 'mg/dL', source: LOINC_CMP_PANEL }],
    source: `${SI_CONVENTION}; molar mass 113.12 g/mol from PubChem CID 588 (creatinine, C4H7N3O)`,
    gaps: 'plausible range: the ceiling is the highest value on record, not a bound of physiology',
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
    gaps:
      'plausible range: no source bounding a measured clearance was found (augmented renal clearance is defined from 130 mL/min/1.73 m2 up, ' +
      `with no ceiling given: Udy AA et al., Crit Care Med 2014;42:520-7), left empty; ${NO_NORMAL}; ` +
      `mL/min/1.73m2 (a clearance indexed to body surface) does not convert to mL/min and is not listed; ${NO_LOINC}`,
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
    loinc: [
      { code: '33914-3', display: 'GFR SerPl Creatinine-bsd frml MDRD', unit: 'mL/min/{1.73_m2}', source: LOINC_CMP_PANEL },
      { code: '62238-1', display: 'GFR SerPlBld Creatinine-bsd fmla CKD-EPI', unit: 'mL/min/{1.73_m2}', source: LOINC_CMP_PANEL },
    ],
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
    loinc: [{ code: '3094-0', display: 'BUN SerPl-mCnc', unit: 'mg/dL', source: LOINC_CMP_PANEL }],
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
    gaps: `${NO_PLAUSIBLE}; ${NO_LOINC}`,
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
      `'g/24h' is read as the UCUM g/(24.h); ${NO_LOINC}`,
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
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}; ${NO_LOINC}`,
  },
  {
    id: 'potassium',
    name: 'Serum potassium',
    synonyms: ['serum_potassium'],
    kind: 'lab',
    canonicalUnit: 'mmol/L',
    units: ['mmol/L'],
    normal: { min: 3.5, max: 5.0, unit: 'mmol/L', source: OXFORD_TABLE },
    plausible: {
      min: 0,
      max: 14,
      unit: 'mmol/L',
      source:
        "max: survival with complete recovery at a serum potassium of 14 mmol/L (Tran HA, 'Extreme hyperkalemia', South Med J 2005;98:729-32, case report; " +
        'the abstract notes that above 10 mmol/L is uniformly held fatal without urgent treatment); min: a concentration is not negative',
    },
    equivalentUnits: [milliequivalents(1, 'K+')],
    ulnMultiples: true,
    ctcae: [
      {
        term: 'Hyperkalemia',
        direction: 'increased',
        grades: [aboveUln(1, 1), beyondValue(2, 5.5, 'mmol/L'), beyondValue(3, 6.0, 'mmol/L'), beyondValue(4, 7.0, 'mmol/L')],
        source: ctcaeSource('Hyperkalemia', 'grade 1 >ULN-5.5, grade 2 >5.5-6.0, grade 3 >6.0-7.0, grade 4 >7.0 mmol/L'),
      },
      {
        term: 'Hypokalemia',
        direction: 'decreased',
        grades: [belowLln(1, 1, 'grade 2 is the same range when symptomatic'), beyondValue(3, 3.0, 'mmol/L'), beyondValue(4, 2.5, 'mmol/L')],
        source: ctcaeSource('Hypokalemia', 'grade 1 <LLN-3.0 mmol/L (grade 2 when symptomatic), grade 3 <3.0-2.5, grade 4 <2.5 mmol/L'),
      },
    ],
    loinc: [{ code: '2823-3', display: 'Potassium SerPl-sCnc', unit: 'mmol/L', source: LOINC_CMP_PANEL }],
    source: SI_CONVENTION,
    gaps: 'plausible range: the ceiling is one survivor’s value, not a bound of physiology; a threshold above it is a unit or typing slip all the same',
  },
  {
    id: 'sodium',
    name: 'Serum sodium',
    synonyms: ['serum_sodium'],
    kind: 'lab',
    canonicalUnit: 'mmol/L',
    units: ['mmol/L'],
    normal: { min: 135, max: 145, unit: 'mmol/L', source: OXFORD_TABLE },
    equivalentUnits: [milliequivalents(1, 'Na+')],
    ulnMultiples: true,
    ctcae: [
      {
        term: 'Hypernatremia',
        direction: 'increased',
        grades: [aboveUln(1, 1), beyondValue(2, 150, 'mmol/L'), beyondValue(3, 155, 'mmol/L'), beyondValue(4, 160, 'mmol/L')],
        source: ctcaeSource('Hypernatremia', 'grade 1 >ULN-150, grade 2 >150-155, grade 3 >155-160, grade 4 >160 mmol/L'),
      },
      {
        term: 'Hyponatremia',
        direction: 'decreased',
        grades: [
          belowLln(1, 1),
          beyondValue(2, 130, 'mmol/L', '125-129 mmol/L and asymptomatic'),
          beyondValue(3, 125, 'mmol/L', '120-124 mmol/L regardless of symptoms; 125-129 mmol/L when symptomatic'),
          beyondValue(4, 120, 'mmol/L'),
        ],
        source: ctcaeSource('Hyponatremia', 'grade 1 <LLN-130, grade 2 125-129 asymptomatic, grade 3 125-129 symptomatic or 120-124, grade 4 <120 mmol/L'),
      },
    ],
    loinc: [{ code: '2951-2', display: 'Sodium SerPl-sCnc', unit: 'mmol/L', source: LOINC_CMP_PANEL }],
    source: SI_CONVENTION,
    gaps:
      'plausible range: left empty; survivals are reported at 92 mmol/L (Shang T et al., "Severe Hyponatremia: A Case Study", PNWU) and at 196 mmol/L ' +
      '(acute soy-sauce ingestion, as reported), with "a handful" above 200 mEq/L (KoreaMed Synapse case report abstract), so no ceiling could be cited; ' +
      'indirect ISE analysers report only up to about 180 mmol/L (">180 mEq/l", Rev Nefrol case "Unmeasurable severe hypernatremia"), which bounds what a lab shows, not what a patient has',
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
    equivalentUnits: [milliequivalents(2, 'Ca2+')],
    ulnMultiples: true,
    ctcae: [
      {
        term: 'Hypercalcemia',
        direction: 'increased',
        grades: [aboveUln(1, 1), beyondValue(2, 2.9, 'mmol/L'), beyondValue(3, 3.1, 'mmol/L'), beyondValue(4, 3.4, 'mmol/L')],
        source: ctcaeSource('Hypercalcemia', 'corrected serum calcium grade 1 >ULN-2.9, grade 2 >2.9-3.1, grade 3 >3.1-3.4, grade 4 >3.4 mmol/L'),
      },
      {
        term: 'Hypocalcemia',
        direction: 'decreased',
        grades: [belowLln(1, 1), beyondValue(2, 2.0, 'mmol/L'), beyondValue(3, 1.75, 'mmol/L'), beyondValue(4, 1.5, 'mmol/L')],
        source: ctcaeSource('Hypocalcemia', 'corrected serum calcium grade 1 <LLN-2.0, grade 2 <2.0-1.75, grade 3 <1.75-1.5, grade 4 <1.5 mmol/L'),
      },
    ],
    loinc: [{ code: '17861-6', display: 'Calcium SerPl-mCnc', unit: 'mg/dL', source: LOINC_CMP_PANEL }],
    source: `${SI_CONVENTION}; molar mass 40.08 g/mol from PubChem CID 5460341 (calcium)`,
    gaps: NO_PLAUSIBLE,
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
    equivalentUnits: [milliequivalents(2, 'Mg2+')],
    ulnMultiples: true,
    ctcae: [
      {
        term: 'Hypermagnesemia',
        direction: 'increased',
        grades: [aboveUln(1, 1), beyondValue(3, 1.23, 'mmol/L'), beyondValue(4, 3.3, 'mmol/L')],
        source: ctcaeSource('Hypermagnesemia', 'grade 1 >ULN-1.23 mmol/L, grade 3 >1.23-3.30, grade 4 >3.30 mmol/L (no grade 2)'),
      },
      {
        term: 'Hypomagnesemia',
        direction: 'decreased',
        grades: [belowLln(1, 1), beyondValue(2, 0.5, 'mmol/L'), beyondValue(3, 0.4, 'mmol/L'), beyondValue(4, 0.3, 'mmol/L')],
        source: ctcaeSource('Hypomagnesemia', 'grade 1 <LLN-0.5, grade 2 <0.5-0.4, grade 3 <0.4-0.3, grade 4 <0.3 mmol/L'),
      },
    ],
    source: `${SI_CONVENTION}; molar mass 24.305 g/mol from PubChem CID 5462224 (magnesium)`,
    gaps: `${NO_PLAUSIBLE}; ${NO_LOINC}`,
  },
  {
    id: 'ionized_calcium',
    name: 'Ionized calcium',
    synonyms: ['ica', 'calcium_ionized', 'ionised_calcium', 'free_calcium'],
    kind: 'lab',
    canonicalUnit: 'mmol/L',
    units: ['mmol/L', 'mg/dL'],
    equivalentUnits: [milliequivalents(2, 'Ca2+')],
    conventionalUnit: 'mg/dL',
    molarMass: 40.08,
    ulnMultiples: true,
    ctcae: [
      {
        term: 'Hypercalcemia',
        direction: 'increased',
        grades: [aboveUln(1, 1), beyondValue(2, 1.5, 'mmol/L'), beyondValue(3, 1.6, 'mmol/L'), beyondValue(4, 1.8, 'mmol/L')],
        source: ctcaeSource('Hypercalcemia', 'ionized calcium grade 1 >ULN-1.5, grade 2 >1.5-1.6, grade 3 >1.6-1.8, grade 4 >1.8 mmol/L'),
      },
      {
        term: 'Hypocalcemia',
        direction: 'decreased',
        grades: [belowLln(1, 1), beyondValue(2, 1.0, 'mmol/L'), beyondValue(3, 0.9, 'mmol/L'), beyondValue(4, 0.8, 'mmol/L')],
        source: ctcaeSource('Hypocalcemia', 'ionized calcium grade 1 <LLN-1.0, grade 2 <1.0-0.9, grade 3 <0.9-0.8, grade 4 <0.8 mmol/L'),
      },
    ],
    source: `${SI_CONVENTION}; molar mass 40.08 g/mol from PubChem CID 5460341 (calcium)`,
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}; ${NO_LOINC}`,
  },
  {
    id: 'phosphate',
    name: 'Serum phosphate (inorganic phosphorus)',
    synonyms: ['phosphorus', 'serum_phosphate', 'inorganic_phosphate', 'serum_phosphorus'],
    kind: 'lab',
    canonicalUnit: 'mmol/L',
    units: ['mmol/L', 'mg/dL'],
    conventionalUnit: 'mg/dL',
    molarMass: 30.974,
    ulnMultiples: true,
    loinc: [{ code: '2777-1', display: 'Phosphate [Mass/volume] in Serum or Plasma', source: LOINC_PROTECT_CHILD }],
    source:
      `${SI_CONVENTION}; mg/dL results are milligrams of phosphorus ('Inorganic Phosphate 2.3-4.8 mgP/dl' in clinbiochemtopics.com, Common Clinical ` +
      'Chemistry Tests), so the molar mass used is the standard atomic weight of phosphorus, 30.974 g/mol (IUPAC CIAAW)',
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}; CTCAE v5.0 grades hypophosphatemia clinically, not on the value`,
  },
  {
    id: 'chloride',
    name: 'Serum chloride',
    synonyms: ['serum_chloride'],
    kind: 'lab',
    canonicalUnit: 'mmol/L',
    units: ['mmol/L'],
    equivalentUnits: [milliequivalents(1, 'Cl-')],
    ulnMultiples: true,
    loinc: [{ code: '2075-0', display: 'Chloride SerPl-sCnc', unit: 'mmol/L', source: LOINC_CMP_PANEL }],
    source: SI_CONVENTION,
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}`,
  },
  {
    id: 'bicarbonate',
    name: 'Serum bicarbonate',
    synonyms: ['hco3', 'serum_bicarbonate'],
    kind: 'lab',
    canonicalUnit: 'mmol/L',
    units: ['mmol/L'],
    equivalentUnits: [milliequivalents(1, 'HCO3-')],
    ulnMultiples: true,
    loinc: [{ code: '1963-8', display: 'HCO3 SerPl-sCnc', unit: 'mmol/L', source: LOINC_CMP_PANEL }],
    source: SI_CONVENTION,
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}`,
  },
  {
    id: 'uric_acid',
    name: 'Serum uric acid',
    synonyms: ['urate', 'serum_uric_acid', 'serum_urate'],
    kind: 'lab',
    canonicalUnit: 'umol/L',
    units: ['umol/L', 'mg/dL', 'mmol/L'],
    conventionalUnit: 'mg/dL',
    molarMass: 168.11,
    ulnMultiples: true,
    ctcae: [
      {
        term: 'Hyperuricemia',
        direction: 'increased',
        grades: [aboveUln(1, 1, 'without physiologic consequences; grade 3 is >ULN with physiologic consequences')],
        source: ctcaeSource('Hyperuricemia', 'grade 1 >ULN without physiologic consequences, grade 3 >ULN with physiologic consequences'),
      },
    ],
    loinc: [{ code: '3084-1', display: 'Uric acid [Mass/volume] in Serum or Plasma', source: LOINC_PROTECT_CHILD }],
    source: `${SI_CONVENTION}; molar mass 168.11 g/mol from PubChem CID 1175 (uric acid, C5H4N4O3)`,
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}`,
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
    equivalentUnits: [
      {
        unit: 'u[IU]/mL',
        equals: 'm[IU]/L',
        factor: 1,
        source: `${SI_PREFIXES}: 1 uIU/mL = 10^-6 IU / 10^-3 L = 10^-3 IU/L = 1 mIU/L; ucum-lhc converts the arbitrary unit [IU] only to itself`,
      },
    ],
    ulnMultiples: true,
    loinc: [{ code: '3016-3', display: 'Thyrotropin [Units/volume] in Serum or Plasma', unit: 'm[IU]/L', source: LOINC_SECONDARY }],
    source: SI_CONVENTION,
    gaps: NO_PLAUSIBLE,
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
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}; ${NO_LOINC}`,
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
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}; ${NO_LOINC}`,
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
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}; ${NO_LOINC}`,
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
    ctcae: [
      {
        term: 'Hypoglycemia',
        direction: 'decreased',
        grades: [belowLln(1, 1), beyondValue(2, 3.0, 'mmol/L'), beyondValue(3, 2.2, 'mmol/L'), beyondValue(4, 1.7, 'mmol/L')],
        source: ctcaeSource('Hypoglycemia', 'grade 1 <LLN-3.0, grade 2 <3.0-2.2, grade 3 <2.2-1.7, grade 4 <1.7 mmol/L'),
      },
    ],
    loinc: [{ code: '2345-7', display: 'Glucose SerPl-mCnc', unit: 'mg/dL', source: LOINC_CMP_PANEL }],
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
    loinc: [
      {
        code: '4548-4',
        display: 'Hemoglobin A1c/Hemoglobin.total in Blood',
        unit: '%',
        source: `${LOINC_PROTECT_CHILD}; HL7 Vulcan RWD IG ValueSet 'ExampleHbA1cTestCodes'`,
      },
    ],
    source: 'NGSP/DCCT-aligned percentage, the unit of the ADA diagnostic criteria',
    gaps:
      'IFCC mmol/mol is not listed: it relates to NGSP % by a linear equation with an offset, not by a unit factor, and UCUM would wrongly ' +
      `convert 1 % to 10 mmol/mol; a threshold written in mmol/mol is mis-normalised by plain UCUM conversion`,
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
    ctcae: [
      {
        term: 'Cholesterol high',
        direction: 'increased',
        grades: [aboveUln(1, 1), beyondValue(2, 7.75, 'mmol/L'), beyondValue(3, 10.34, 'mmol/L'), beyondValue(4, 12.92, 'mmol/L')],
        source: ctcaeSource('Cholesterol high', 'grade 1 >ULN-7.75, grade 2 >7.75-10.34, grade 3 >10.34-12.92, grade 4 >12.92 mmol/L'),
      },
    ],
    loinc: [{ code: '2093-3', display: 'Cholesterol [Mass/volume] in Serum or Plasma', source: LOINC_PROTECT_CHILD }],
    source: `${SI_CONVENTION}; molar mass 386.65 g/mol from PubChem CID 5997 (cholesterol, C27H46O)`,
    gaps: `${NO_PLAUSIBLE}; reference interval: sources give treatment targets (desirable below 200 mg/dL) rather than an interval, none entered`,
  },
  {
    id: 'triglycerides',
    name: 'Serum triglycerides',
    synonyms: ['tg', 'triglyceride', 'serum_triglycerides'],
    kind: 'lab',
    canonicalUnit: 'mmol/L',
    units: ['mmol/L'],
    separateUnits: [
      {
        unit: 'mg/dL',
        source:
          'the US conventional unit (CTCAE v5.0 Hypertriglyceridemia gives both, 150 mg/dL beside 1.71 mmol/L); not converted here, as the ' +
          'conversion rests on a conventional mean molar mass of triglycerides that this row has no cited source for',
      },
    ],
    ulnMultiples: true,
    ctcae: [
      {
        term: 'Hypertriglyceridemia',
        direction: 'increased',
        grades: [
          beyondValue(1, 1.71, 'mmol/L', '150-300 mg/dL'),
          beyondValue(2, 3.42, 'mmol/L'),
          beyondValue(3, 5.7, 'mmol/L'),
          beyondValue(4, 11.4, 'mmol/L'),
        ],
        source: ctcaeSource(
          'Hypertriglyceridemia',
          'grade 1 1.71-3.42, grade 2 >3.42-5.7, grade 3 >5.7-11.4, grade 4 >11.4 mmol/L (150, 300, 500, 1000 mg/dL)',
        ),
      },
    ],
    source: SI_CONVENTION,
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}; ${NO_LOINC}`,
  },
  {
    id: 'creatine_kinase',
    name: 'Creatine kinase',
    synonyms: ['ck', 'cpk', 'creatine_phosphokinase'],
    kind: 'lab',
    canonicalUnit: 'U/L',
    units: ['U/L', 'ukat/L'],
    equivalentUnits: [IU_PER_L_IS_U_PER_L],
    conventionalUnit: 'ukat/L',
    ulnMultiples: true,
    ctcae: [
      {
        term: 'CPK increased',
        direction: 'increased',
        grades: [aboveUln(1, 1), aboveUln(2, 2.5), aboveUln(3, 5), aboveUln(4, 10)],
        source: ctcaeSource('CPK increased', 'grade 1 >ULN-2.5 x ULN, grade 2 >2.5-5 x ULN, grade 3 >5-10 x ULN, grade 4 >10 x ULN'),
      },
    ],
    source: SI_CONVENTION,
    gaps: `${NO_ENZYME_PLAUSIBLE}; ${NO_NORMAL}; ${NO_LOINC}`,
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
    equivalentUnits: [IU_PER_L_IS_U_PER_L],
    ulnMultiples: true,
    ctcae: [pancreaticTerm('Lipase increased')],
    source: SI_CONVENTION,
    gaps: `${NO_ENZYME_PLAUSIBLE}; ${NO_LOINC}`,
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
    equivalentUnits: [IU_PER_L_IS_U_PER_L],
    ulnMultiples: true,
    ctcae: [pancreaticTerm('Serum amylase increased')],
    source: SI_CONVENTION,
    gaps: `${NO_ENZYME_PLAUSIBLE}; the interval is method-dependent (another table gives 53-123 U/L); ${NO_LOINC}`,
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
    limitsOfNormal: [
      {
        of: 'LLN',
        source:
          "Herceptin (trastuzumab) FDA label, section 5.1 Cardiomyopathy: withhold for 'an LVEF value below institutional limits of normal and >= 10% " +
          "absolute decrease in LVEF from pretreatment values' (label text as reproduced at 120ty.net); protocols write 'LVEF >= LLN' in the same sense",
      },
    ],
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
    gaps: `${NO_PLAUSIBLE}; the upper reference limit is the assay-specific 99th percentile (Thygesen 2018), so none is entered; ${NO_LOINC}`,
  },
  {
    id: 'nt_probnp',
    name: 'N-terminal pro-B-type natriuretic peptide',
    synonyms: ['ntprobnp', 'nt_pro_bnp', 'n_terminal_pro_bnp'],
    kind: 'lab',
    canonicalUnit: 'ng/L',
    units: ['ng/L', 'pg/mL'],
    conventionalUnit: 'pg/mL',
    ulnMultiples: true,
    source: 'Reported in pg/mL (= ng/L) (McDonagh TA et al., 2021 ESC Guidelines for heart failure, Eur Heart J 2021;42:3599-726)',
    gaps: `${NO_PLAUSIBLE}; reference limits are age-dependent, none entered; ${NO_LOINC}`,
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
    gaps: `${NO_PLAUSIBLE}; ${NO_LOINC}`,
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
    gaps: `${NO_PLAUSIBLE}; ${NO_LOINC}`,
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
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL}; IU/mL (also used for AFP) is an arbitrary unit that does not convert to ng/mL in UCUM and is not listed; ${NO_LOINC}`,
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
    gaps: `${NO_PLAUSIBLE}; ${NO_LOINC}`,
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
    gaps: `${NO_PLAUSIBLE}; no reference interval: the NCI advises there is no specific normal or abnormal PSA level (as the ${ABIM_RANGES} state); ${NO_LOINC}`,
  },
  {
    id: 'testosterone',
    name: 'Serum testosterone (total)',
    synonyms: ['serum_testosterone', 'total_testosterone'],
    kind: 'lab',
    canonicalUnit: 'nmol/L',
    units: ['nmol/L', 'ng/dL', 'ng/mL'],
    conventionalUnit: 'ng/dL',
    molarMass: 288.42,
    ulnMultiples: false,
    source: `${SI_CONVENTION}; molar mass 288.42 g/mol from PubChem CID 6013 (testosterone, C19H28O2)`,
    gaps: `${NO_PLAUSIBLE}; ${NO_NORMAL} (the castrate level of prostate-cancer protocols is a treatment target, not an interval); ${NO_LOINC}`,
  },

  // ---- Viral loads ----
  {
    id: 'hbv_dna',
    name: 'Hepatitis B virus DNA',
    synonyms: ['hbvdna', 'hbv_viral_load'],
    kind: 'lab',
    canonicalUnit: '{copies}/mL',
    units: ['{copies}/mL'],
    separateUnits: [
      {
        unit: '[IU]/mL',
        source:
          'IU/mL is the unit of the current guideline (EASL HBV guideline, J Hepatol 2017;67:370-98); the factor to copies/mL depends on the assay, ' +
          'so thresholds in IU/mL are normalised within IU/mL and never compared with thresholds in copies/mL',
      },
    ],
    ulnMultiples: false,
    loinc: [
      {
        code: '42595-9',
        display: 'Hepatitis B virus DNA [Units/volume] (viral load) in Serum or Plasma by NAA with probe detection',
        unit: '[IU]/mL',
        source: LOINC_SECONDARY,
      },
    ],
    viralLoad: true,
    source:
      'Viral loads are reported per mL; copies and IU are not converted here, as the factor depends on the assay (EASL HBV guideline, J Hepatol 2017;67:370-98)',
    gaps: NO_PLAUSIBLE,
  },
  {
    id: 'hcv_rna',
    name: 'Hepatitis C virus RNA',
    synonyms: ['hcvrna', 'hcv_viral_load'],
    kind: 'lab',
    canonicalUnit: '[IU]/mL',
    units: ['[IU]/mL'],
    equivalentUnits: [
      {
        unit: '[IU]/L',
        equals: '[IU]/mL',
        factor: 0.001,
        source: `${SI_PREFIXES}: 1 IU/L = 10^-3 IU/mL; ucum-lhc converts the arbitrary unit [IU] only to itself`,
      },
    ],
    ulnMultiples: false,
    viralLoad: true,
    loinc: [
      {
        code: '11011-4',
        display: 'Hepatitis C virus RNA [Units/volume] (viral load) in Serum or Plasma by Probe and target amplification method',
        unit: '[IU]/mL',
        source: `${LOINC_SECONDARY}; later LOINC releases name the method 'NAA with probe detection'`,
      },
    ],
    source: 'Reported in IU/mL per the WHO international standard for HCV RNA (Saldanha J et al., Vox Sang 1999;76:149-58)',
    gaps: `${NO_PLAUSIBLE}; copies/mL does not convert to IU/mL (assay-dependent factor) and is not listed`,
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
    loinc: [
      {
        code: '25836-8',
        display: 'HIV 1 RNA [#/volume] (viral load) in Specimen by NAA with probe detection',
        unit: '{copies}/mL',
        source: "HL7 FHIR IG Rwanda HIV (Jembi, build.fhir.org/ig/jembi/Rwanda-HIV), ValueSet 'vs-test-types', expanded from LOINC 2.78",
      },
    ],
    source: 'Reported in copies/mL (DHHS Guidelines for the Use of Antiretroviral Agents in Adults and Adolescents with HIV)',
    gaps: `${NO_PLAUSIBLE}`,
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
    id: 'oxygen_saturation',
    name: 'Oxygen saturation',
    synonyms: ['spo2', 'sao2', 'o2_saturation', 'oxygen_sat'],
    kind: 'vital',
    canonicalUnit: '%',
    units: ['%'],
    plausible: { min: 0, max: 100, unit: '%', source: PERCENT_BY_DEFINITION },
    ulnMultiples: false,
    source: 'The saturated fraction of hemoglobin, in % (pulse oximetry per ISO 80601-2-61)',
    gaps: NO_NORMAL,
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
  {
    id: 'fev1_percent_predicted',
    name: 'FEV1, % of predicted',
    synonyms: ['fev1', 'fev1_percent', 'fev1_pp', 'fev1_predicted'],
    kind: 'measurement',
    canonicalUnit: '%',
    units: ['%'],
    ulnMultiples: false,
    source:
      'FEV1 as a percentage of the predicted value (Graham BL et al., ATS/ERS standardization of spirometry 2019, Am J Respir Crit Care Med 2019;200:e70-88)',
    gaps: 'plausible range: a percentage of a predicted value is not bounded by 100 %, and no source bounds it, left empty; no reference interval applies',
  },
  {
    id: 'dlco_percent_predicted',
    name: 'DLCO, % of predicted',
    synonyms: ['dlco', 'dlco_percent', 'tlco', 'dlco_predicted'],
    kind: 'measurement',
    canonicalUnit: '%',
    units: ['%'],
    ulnMultiples: false,
    source:
      'Carbon monoxide diffusing capacity as a percentage of the predicted value (Graham BL et al., 2017 ERS/ATS standards for single-breath ' +
      'carbon monoxide uptake in the lung, Eur Respir J 2017;49:1600016)',
    gaps: 'plausible range: a percentage of a predicted value is not bounded by 100 %, and no source bounds it, left empty; no reference interval applies',
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
    loinc: [{ code: '89247-1', display: 'ECOG Performance Status score', source: LOINC_MCODE_PERFORMANCE_STATUS }],
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
    loinc: [{ code: '89243-0', display: 'Karnofsky Performance Status score', source: LOINC_MCODE_PERFORMANCE_STATUS }],
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
  {
    id: 'lansky',
    name: 'Lansky play-performance scale',
    synonyms: ['lansky_score', 'lansky_play_performance', 'lansky_performance_status'],
    kind: 'score',
    units: [],
    scale: steps(0, 100, 10),
    ulnMultiples: false,
    source: 'Lansky SB et al., Cancer 1987;60:1651-6 (0-100 in steps of 10)',
  },
  {
    id: 'nyha',
    name: 'NYHA functional class',
    synonyms: ['nyha_class', 'new_york_heart_association'],
    kind: 'score',
    units: [],
    scale: ['I', 'II', 'III', 'IV'],
    ulnMultiples: false,
    source:
      'The Criteria Committee of the New York Heart Association, Nomenclature and Criteria for Diagnosis of Diseases of the Heart and Great Vessels, ' +
      '9th ed., Little, Brown 1994 (classes I-IV)',
  },
  {
    id: 'albi_grade',
    name: 'ALBI grade',
    synonyms: ['albi', 'albumin_bilirubin_grade'],
    kind: 'score',
    units: [],
    scale: [1, 2, 3],
    ulnMultiples: false,
    source: 'Johnson PJ et al., J Clin Oncol 2015;33:550-8 (albumin-bilirubin grades 1-3)',
    gaps: 'the continuous ALBI score is not in the scale, which the checks read as ordered grades',
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

/** Every unit a threshold on the analyte may be written in: its UCUM units, then the equivalent and the separate ones. */
export function acceptedUnits(analyte: Analyte): string[] {
  return [...analyte.units, ...(analyte.equivalentUnits ?? []).map((entry) => entry.unit), ...(analyte.separateUnits ?? []).map((entry) => entry.unit)];
}

/** Finds an analyte by its identifier or a synonym, ignoring case. */
export function findAnalyte(name: string): Analyte | undefined {
  return byName.get(name) ?? byName.get(name.toLowerCase());
}
