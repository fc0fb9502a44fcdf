/**
 * Analytes, clinical scores and measurements that eligibility criteria name. Each row says
 * which unit thresholds are normalised to and, where a conversion needs one, the molar mass,
 * with the source of every number in the row itself. Rows hold no plausible ranges yet: those
 * come with the validation checks, each with its own source.
 */

export type AnalyteKind = 'lab' | 'score' | 'vital' | 'measurement';

export interface Analyte {
  /** The identifier used in `.trial` files. */
  readonly id: string;
  readonly name: string;
  /** Other names and abbreviations a protocol may use. */
  readonly synonyms: readonly string[];
  readonly kind: AnalyteKind;
  /** The UCUM unit thresholds are normalised to; absent for scores and ULN-only tests. */
  readonly canonicalUnit?: string;
  /** g/mol, for converting mass and substance concentrations (mg/dL and µmol/L). */
  readonly molarMass?: number;
  /** For scores: the values the scale has. */
  readonly scale?: readonly (number | string)[];
  /** Where the row's numbers and scale come from. */
  readonly source: string;
}

/** SI units as the canonical choice, the convention of clinical chemistry reporting. */
const SI_CONVENTION = 'SI unit per the IFCC/IUPAC convention for clinical laboratory reporting (Young DS, Ann Intern Med 1987;106:114-29)';

export const ANALYTES: readonly Analyte[] = [
  { id: 'neutrophils', name: 'Absolute neutrophil count', synonyms: ['anc', 'neutrophil_count'], kind: 'lab', canonicalUnit: '10*9/L', source: SI_CONVENTION },
  { id: 'platelets', name: 'Platelet count', synonyms: ['plt', 'platelet_count'], kind: 'lab', canonicalUnit: '10*9/L', source: SI_CONVENTION },
  { id: 'wbc', name: 'White blood cell count', synonyms: ['leukocytes', 'white_blood_cells'], kind: 'lab', canonicalUnit: '10*9/L', source: SI_CONVENTION },
  { id: 'hemoglobin', name: 'Hemoglobin', synonyms: ['hb', 'hgb', 'haemoglobin'], kind: 'lab', canonicalUnit: 'g/L', source: SI_CONVENTION },
  { id: 'albumin', name: 'Serum albumin', synonyms: ['alb', 'serum_albumin'], kind: 'lab', canonicalUnit: 'g/L', source: SI_CONVENTION },
  {
    id: 'bilirubin',
    name: 'Total bilirubin',
    synonyms: ['tbil', 'total_bilirubin', 'serum_bilirubin'],
    kind: 'lab',
    canonicalUnit: 'umol/L',
    molarMass: 584.7,
    source: `${SI_CONVENTION}; molar mass 584.7 g/mol from PubChem CID 5280352 (bilirubin, C33H36N4O6)`,
  },
  {
    id: 'creatinine',
    name: 'Serum creatinine',
    synonyms: ['scr', 'cr', 'serum_creatinine'],
    kind: 'lab',
    canonicalUnit: 'umol/L',
    molarMass: 113.12,
    source: `${SI_CONVENTION}; molar mass 113.12 g/mol from PubChem CID 588 (creatinine, C4H7N3O)`,
  },
  {
    id: 'creatinine_clearance',
    name: 'Creatinine clearance',
    synonyms: ['crcl'],
    kind: 'lab',
    canonicalUnit: 'mL/min',
    source: 'Cockcroft DW, Gault MH. Nephron 1976;16:31-41 (reported in mL/min)',
  },
  { id: 'alt', name: 'Alanine aminotransferase', synonyms: ['sgpt', 'alanine_aminotransferase'], kind: 'lab', canonicalUnit: 'U/L', source: SI_CONVENTION },
  { id: 'ast', name: 'Aspartate aminotransferase', synonyms: ['sgot', 'aspartate_aminotransferase'], kind: 'lab', canonicalUnit: 'U/L', source: SI_CONVENTION },
  {
    id: 'inr',
    name: 'International normalised ratio',
    synonyms: ['pt_inr'],
    kind: 'lab',
    canonicalUnit: '1',
    source: 'WHO Expert Committee on Biological Standardization, 33rd report (1983): the INR is a dimensionless ratio',
  },
  { id: 'pt', name: 'Prothrombin time', synonyms: ['prothrombin_time'], kind: 'lab', canonicalUnit: 's', source: SI_CONVENTION },
  { id: 'tsh', name: 'Thyroid stimulating hormone', synonyms: ['thyrotropin'], kind: 'lab', canonicalUnit: 'm[IU]/L', source: SI_CONVENTION },
  {
    id: 't3',
    name: 'Triiodothyronine',
    synonyms: ['triiodothyronine', 'total_t3'],
    kind: 'lab',
    canonicalUnit: 'nmol/L',
    molarMass: 650.97,
    source: `${SI_CONVENTION}; molar mass 650.97 g/mol from PubChem CID 5920 (liothyronine, C15H12I3NO4)`,
  },
  {
    id: 't4',
    name: 'Thyroxine',
    synonyms: ['thyroxine', 'total_t4'],
    kind: 'lab',
    canonicalUnit: 'nmol/L',
    molarMass: 776.87,
    source: `${SI_CONVENTION}; molar mass 776.87 g/mol from PubChem CID 5819 (levothyroxine, C15H11I4NO4)`,
  },
  {
    id: 'ca19_9',
    name: 'Carbohydrate antigen 19-9',
    synonyms: ['ca199', 'ca_19_9'],
    kind: 'lab',
    canonicalUnit: 'U/mL',
    source: 'Reported in U/mL by the CA 19-9 immunoassays (Ballehaninna UK, Chamberlain RS, J Gastrointest Oncol 2012;3:105-19)',
  },
  {
    id: 'cea',
    name: 'Carcinoembryonic antigen',
    synonyms: [],
    kind: 'lab',
    canonicalUnit: 'ng/mL',
    source: 'Reported in ng/mL (ug/L) by the CEA immunoassays (Duffy MJ, Clin Chem 2001;47:624-30)',
  },
  {
    id: 'afp',
    name: 'Alpha-fetoprotein',
    synonyms: ['alpha_fetoprotein'],
    kind: 'lab',
    canonicalUnit: 'ng/mL',
    source: 'Reported in ng/mL (EASL Clinical Practice Guidelines: Management of hepatocellular carcinoma, J Hepatol 2018;69:182-236)',
  },
  {
    id: 'hbv_dna',
    name: 'Hepatitis B virus DNA',
    synonyms: ['hbvdna', 'hbv_viral_load'],
    kind: 'lab',
    canonicalUnit: '{copies}/mL',
    source:
      'Viral loads are reported per mL; copies and IU are not converted here, as the factor depends on the assay (EASL HBV guideline, J Hepatol 2017;67:370-98)',
  },
  {
    id: 'hcv_rna',
    name: 'Hepatitis C virus RNA',
    synonyms: ['hcvrna', 'hcv_viral_load'],
    kind: 'lab',
    canonicalUnit: '[IU]/mL',
    source: 'Reported in IU/mL per the WHO international standard for HCV RNA (Saldanha J et al., Vox Sang 1999;76:149-58)',
  },
  {
    id: 'systolic_bp',
    name: 'Systolic blood pressure',
    synonyms: ['sbp'],
    kind: 'vital',
    canonicalUnit: 'mm[Hg]',
    source: 'Whelton PK et al., 2017 ACC/AHA blood pressure guideline (mm Hg)',
  },
  {
    id: 'diastolic_bp',
    name: 'Diastolic blood pressure',
    synonyms: ['dbp'],
    kind: 'vital',
    canonicalUnit: 'mm[Hg]',
    source: 'Whelton PK et al., 2017 ACC/AHA blood pressure guideline (mm Hg)',
  },
  {
    id: 'tumor_diameter',
    name: 'Tumour diameter',
    synonyms: ['tumour_diameter', 'tumor_size'],
    kind: 'measurement',
    canonicalUnit: 'mm',
    source: 'RECIST 1.1 measures lesions in mm (Eisenhauer EA et al., Eur J Cancer 2009;45:228-47)',
  },
  { id: 'weight', name: 'Body weight', synonyms: ['body_weight'], kind: 'vital', canonicalUnit: 'kg', source: 'SI base unit of mass' },
  {
    id: 'ecog',
    name: 'ECOG performance status',
    synonyms: ['ps', 'performance_status', 'ecog_ps'],
    kind: 'score',
    scale: [0, 1, 2, 3, 4, 5],
    source: 'Oken MM et al., Am J Clin Oncol 1982;5:649-55 (grades 0-5)',
  },
  {
    id: 'child_pugh',
    name: 'Child-Pugh class',
    synonyms: ['childpugh', 'child_pugh_class'],
    kind: 'score',
    scale: ['A', 'B', 'C'],
    source: 'Pugh RN et al., Br J Surg 1973;60:646-49 (classes A-C)',
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
