/**
 * The reference patient for whom absolute doses are shown (hover, summary, inlay hints), and the
 * Calvert formula that turns a carboplatin target AUC into mg. The patient's values are defaults
 * a user may change (settings `trial.referencePatient.*`); each says where it comes from. They
 * describe no real patient: they make doses per body surface, per body weight and by target AUC
 * comparable in mg.
 */

export interface ReferencePatient {
  /** Body surface area, m2. */
  readonly bsa: number;
  /** Body weight, kg. */
  readonly weight: number;
  /** Glomerular filtration rate, mL/min, for the Calvert formula. */
  readonly gfr: number;
}

export const DEFAULT_REFERENCE_PATIENT: ReferencePatient & { readonly sources: Readonly<Record<keyof ReferencePatient, string>> } = {
  bsa: 1.73,
  weight: 70,
  gfr: 125,
  sources: {
    bsa: 'The standard adult body surface area to which GFR is normalised (1.73 m2; NKF K/DOQI clinical practice guidelines for chronic kidney disease, 2002, guideline 4).',
    weight: 'The reference adult man of ICRP Publication 23, Report of the Task Group on Reference Man (1975): 70 kg.',
    gfr: "The GFR cap of the FDA's carboplatin dosing notice (125 mL/min): AUC doses shown for the reference patient are the most the notice allows.",
  },
};

/**
 * The Calvert formula: carboplatin dose (mg) = target AUC (mg/mL·min) × (GFR (mL/min) + 25).
 * The cap on GFR and on the dose is the drug row's `calvert` (knowledge/drugs).
 */
export const CALVERT = {
  addedToGfr: 25,
  source:
    'Calvert AH et al., Carboplatin dosage: prospective evaluation of a simple formula based on renal function, J Clin Oncol 1989;7:1748-56; FDA label carboplatin injection, section 2 (formula dosing).',
} as const;
