/**
 * How the language spells units: friendly forms protocols write and the UCUM codes they stand
 * for, the friendly form each UCUM code is shown in, the units completion and "did you mean"
 * offer, and how registry text spells them. Spellings only, no clinical facts: each maps to the
 * UCUM code of the very same unit. Plain data: every layer may import it.
 */

/** What a dose is per: a flat dose, per body surface, per body weight, or a target AUC. */
export const DOSE_BASES = ['flat', 'bsa', 'weight', 'auc'] as const;
export type DoseBasis = (typeof DOSE_BASES)[number];

/** How each basis is written and said: the unit of its labelled doses, the words for it, and the units a dose line may be written in. */
export const DOSE_BASIS: {
  readonly [B in DoseBasis]: { readonly unit: string; readonly words: string; readonly choices: readonly string[] };
} = {
  bsa: { unit: 'mg/m2', words: 'per body surface', choices: ['mg/m2', 'g/m2', 'mcg/m2', 'IU/m2'] },
  weight: { unit: 'mg/kg', words: 'per body weight', choices: ['mg/kg', 'mcg/kg', 'IU/kg'] },
  flat: { unit: 'mg', words: 'as a flat dose', choices: ['mg', 'g', 'mcg', 'IU'] },
  auc: { unit: 'mg/mL·min', words: 'by target AUC', choices: [] },
};

/**
 * Friendly spellings protocols use, mapped to UCUM. These are spellings, not clinical facts:
 * each maps to the UCUM code of the very same unit.
 */
export const FRIENDLY_UNITS: Readonly<Record<string, string>> = {
  mcg: 'ug',
  µg: 'ug',
  μg: 'ug',
  'mcg/m2': 'ug/m2',
  'mcg/kg': 'ug/kg',
  'µg/kg': 'ug/kg',
  IU: '[IU]',
  'IU/m2': '[IU]/m2',
  'IU/kg': '[IU]/kg',
  'IU/mL': '[IU]/mL',
  'IU/L': '[IU]/L',
  'copies/mL': '{copies}/mL',
  'copies/ml': '{copies}/mL',
  mmHg: 'mm[Hg]',
  'µmol/L': 'umol/L',
  'μmol/L': 'umol/L',
  sec: 's',
  year: 'a',
  years: 'a',
  month: 'mo',
  months: 'mo',
  week: 'wk',
  weeks: 'wk',
  day: 'd',
  days: 'd',
  ml: 'mL',
  'ml/min': 'mL/min',
  'mL/min/1.73m2': 'mL/min/{1.73_m2}',
  'U/ml': 'U/mL',
  'g/dl': 'g/dL',
  'mg/dl': 'mg/dL',
  'u/L': 'U/L',
  // Units laboratories report that ucum-lhc reads only in its own spelling.
  'mEq/L': 'meq/L',
  'mIU/L': 'm[IU]/L',
  'mIU/mL': 'm[IU]/mL',
  'uIU/mL': 'u[IU]/mL',
  'µIU/mL': 'u[IU]/mL',
  'μIU/mL': 'u[IU]/mL',
  'cells/uL': '{cells}/uL',
  'cells/µL': '{cells}/uL',
  'cells/mm3': '{cells}/mm3',
  'g/24h': 'g/(24.h)',
  'mg/24h': 'mg/(24.h)',
};

/** The friendly spelling of UCUM codes whose UCUM form protocols rarely write. */
export const FRIENDLY_FORMS: Readonly<Record<string, string>> = {
  '{copies}/mL': 'copies/mL',
  '[IU]': 'IU',
  '[IU]/mL': 'IU/mL',
  '[IU]/L': 'IU/L',
  '[IU]/m2': 'IU/m2',
  '[IU]/kg': 'IU/kg',
  'mm[Hg]': 'mmHg',
  ug: 'mcg',
  'ug/kg': 'mcg/kg',
  'ug/m2': 'mcg/m2',
  '[lb_av]': 'lb',
  'meq/L': 'mEq/L',
  'm[IU]/L': 'mIU/L',
  'u[IU]/mL': 'µIU/mL',
};

/** Units protocols commonly write, for "did you mean" on an unknown unit. */
export const COMMON_UNITS: readonly string[] = [
  'mg',
  'g',
  'mcg',
  'mg/m2',
  'g/m2',
  'mg/kg',
  'mcg/kg',
  'IU',
  'IU/m2',
  'IU/kg',
  'x10^9/L',
  'x10^12/L',
  'g/dL',
  'g/L',
  'mg/dL',
  'umol/L',
  'mmol/L',
  'U/L',
  'U/mL',
  'IU/mL',
  'copies/mL',
  'ng/mL',
  'pmol/L',
  'nmol/L',
  'mL/min',
  'mmHg',
  's',
  '%',
  'cm',
  'mm',
  'kg',
  'm2',
];

/** Spellings of units in registry text, by their lower-case compact form, as the language writes them. */
export const REGISTRY_UNIT_SPELLINGS: Readonly<Record<string, string>> = {
  'g/dl': 'g/dL',
  'g/l': 'g/L',
  'mg/dl': 'mg/dL',
  'mg/l': 'mg/L',
  'ml/min': 'mL/min',
  'ml/s': 'mL/s',
  'u/ml': 'U/mL',
  'u/l': 'U/L',
  'ku/l': 'kU/L',
  'iu/ml': 'IU/mL',
  'copies/ml': 'copies/mL',
  'ng/ml': 'ng/mL',
  'ng/l': 'ng/L',
  'pg/ml': 'pg/mL',
  'µg/l': 'ug/L',
  'μg/l': 'ug/L',
  'ug/l': 'ug/L',
  mmhg: 'mmHg',
  'µmol/l': 'µmol/L',
  'μmol/l': 'µmol/L',
  'umol/l': 'µmol/L',
  'mmol/l': 'mmol/L',
  'mmol/mol': 'mmol/mol',
  '/mm3': '/mm3',
  '/ul': '/uL',
  '/µl': '/uL',
  '/μl': '/uL',
  s: 's',
  sec: 's',
  seconds: 's',
  ms: 'ms',
  cm: 'cm',
  mm: 'mm',
  kg: 'kg',
  '%': '%',
};
