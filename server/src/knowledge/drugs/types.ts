/**
 * The shape of a drug row: names, class, routes, dose basis, labelled per-administration doses,
 * and the label's limits and rules. Every number carries its source (label and section, or the
 * paper that defines a regimen) in the entry that holds it.
 */

import type { ROUTE } from '../../language/enums';
import type { DoseBasis } from '../../language/units';

export { DOSE_BASIS, type DoseBasis } from '../../language/units';

export type DrugRoute = (typeof ROUTE.words)[number];

/**
 * When a labelled dose is given, in a form from which the dose per week follows: either
 * `cycleDays` with the dosing `days` of each cycle (or `continuousDays`, days 1 to N), or a
 * fixed `intervalDays` between administrations; `perDay` administrations on each dosing day.
 */
export interface DoseRegimen {
  /** The length of a cycle in days (21 for "every 3 weeks" chemotherapy). */
  readonly cycleDays?: number;
  /** The dosing days of each cycle, 1-based (irinotecan 1, 8, 15, 22 of 42). */
  readonly days?: readonly number[];
  /** Days between administrations where there is no cycle (weekly is 7, daily is 1). */
  readonly intervalDays?: number;
  /** Administrations on each dosing day (twice daily is 2); 1 when absent. */
  readonly perDay?: number;
  /** Dosing on every day from day 1 to this day of the cycle (capecitabine days 1-14: 14). */
  readonly continuousDays?: number;
}

/** A labelled dose per administration, in the unit of the drug's basis (or of `basis`, where given). */
export interface LabelledDose {
  /** mg/m2 (bsa), mg/kg (weight), mg (flat) or the target AUC in mg/mL·min (auc). */
  readonly min: number;
  readonly max: number;
  /** The schedule as the label gives it, e.g. "days 1 and 8 of a 21-day cycle". */
  readonly schedule: string;
  readonly indication: string;
  /** The label and section the numbers come from. */
  readonly source: string;
  /** This dose's basis where it differs from the drug's (nivolumab 3 mg/kg in a flat-dosed row). */
  readonly basis?: DoseBasis;
  /** The schedule in numbers, where the label states it completely. */
  readonly regimen?: DoseRegimen;
  /** The infusion time the label gives for this regimen, in minutes. */
  readonly infusionMinutes?: { readonly min?: number; readonly max?: number };
}

/** A dose that depends on body weight (lenvatinib in HCC: 8 mg below 60 kg, 12 mg at or above). */
export interface WeightRule {
  readonly kind: 'weight';
  readonly thresholdKg: number;
  readonly doseBelow: number;
  readonly doseAtOrAbove: number;
  readonly indication: string;
  readonly source: string;
}

/** A creatinine-clearance band (mL/min) where the label reduces the dose or forbids the drug. */
export interface RenalRule {
  readonly kind: 'renal';
  /** The band's lower bound, inclusive; absent for "below …". */
  readonly crclFrom?: number;
  /** The band's upper bound, exclusive; absent for "at or above …". */
  readonly crclBelow?: number;
  readonly action: 'contraindicated' | 'reduce' | 'caution';
  /** The fraction of the dose to give in the band, where the label states one. */
  readonly doseFraction?: number;
  readonly text: string;
  readonly source: string;
}

export type DrugRule = WeightRule | RenalRule;

/** A labelled limit on how long or how many times a drug is given (pembrolizumab: up to 24 months). */
export interface CourseLimit {
  readonly maxMonths?: number;
  readonly maxAdministrations?: number;
  /** The most days of treatment (tretinoin induction: 90). */
  readonly maxDays?: number;
  /** The most cycles of a cyclic regimen (temozolomide maintenance: 6). */
  readonly maxCycles?: number;
  /** The indication or regimen the limit belongs to, where it is not the drug's every use. */
  readonly indication?: string;
  readonly text: string;
  readonly source: string;
}

/** A cumulative or per-cycle amount, in a UCUM unit (`mg/m2`, `[USP'U]`). */
export interface AmountLimit {
  readonly value: number;
  readonly unit: string;
  readonly text: string;
  readonly source: string;
}

/** A route the label forbids, usually because it kills (vinca alkaloids intrathecally). */
export interface ForbiddenRoute {
  readonly route: DrugRoute;
  readonly text: string;
  readonly source: string;
}

/**
 * A route that another product of the same active substance is labelled for: a subcutaneous
 * co-formulation with hyaluronidase, an oral form authorised in another jurisdiction. Its doses are
 * that product's, not the row's.
 */
export interface OtherProductRoute {
  readonly route: DrugRoute;
  readonly product: string;
  readonly source: string;
}

/** The infusion time the label requires of every administration, in minutes. */
export interface InfusionLimit {
  readonly minMinutes?: number;
  readonly maxMinutes?: number;
  readonly text: string;
  readonly source: string;
}

/** A lab value compared with a threshold: `analyte comparator value` in `unit` or as a multiple of the ULN or LLN. */
export interface LabCondition {
  /** An analyte id from analytes.ts. */
  readonly analyte: string;
  readonly comparator: '>' | '>=' | '<' | '<=';
  readonly value: number;
  readonly unit?: string;
  readonly multipleOf?: 'ULN' | 'LLN';
}

/**
 * A value a patient must have to be given the drug, as the label states it: the patient must
 * satisfy `analyte comparator value` (docetaxel: bilirubin <= 1 x ULN), and where `when` is
 * given, only while that other condition holds (docetaxel: AST <= 1.5 x ULN when ALP > 2.5 x ULN).
 */
export interface Requirement extends LabCondition {
  /** The requirement applies only to patients who meet this condition. */
  readonly when?: LabCondition;
  readonly text: string;
  readonly source: string;
}

/** One agent a premedication names, as a check can find it in a protocol: by drug row, by class tag, or by the words the label uses. */
export interface PremedicationAgent {
  /** How a message names it: 'folic acid', 'a corticosteroid'. */
  readonly name: string;
  /** Drug rows that are this agent (`folic_acid`). */
  readonly drugs?: readonly string[];
  /** Class tags any of whose drugs is this agent (`corticosteroid`). */
  readonly classes?: readonly DrugClassTag[];
  /** Other words that name it in a protocol's text ('glucocorticoid'). */
  readonly words?: readonly string[];
}

/** What the label says must be given before or alongside the drug. */
export interface Premedication {
  readonly text: string;
  readonly source: string;
  /** The agents the text names, each of which a protocol should name; read from `text`, so sourced with it. */
  readonly agents?: readonly PremedicationAgent[];
}

/**
 * A condition the trials of a drug class exclude, for the class's safety, which a protocol giving
 * such a drug is expected to exclude too (PD-1/PD-L1 antibodies and autoimmune disease).
 */
export interface ClassExclusion {
  readonly classes: readonly DrugClassTag[];
  /** How a message names the condition. */
  readonly condition: string;
  /** A regular expression (source text, case-insensitive) that finds the condition in a criterion's words. */
  readonly pattern: string;
  readonly text: string;
  readonly source: string;
}

/** Carboplatin's Calvert formula limits: the GFR is capped, and so the dose per unit of target AUC. */
export interface CalvertLimit {
  /** The highest GFR (mL/min) to put into the formula. */
  readonly maxGfr: number;
  /** The highest dose in mg per unit of target AUC (target AUC x (maxGfr + 25)). */
  readonly maxDosePerAuc: number;
  readonly text: string;
  readonly source: string;
}

/** Machine-readable class tags, for checks across drugs (two PD-1 antibodies in one arm). */
export const DRUG_CLASS_TAGS = [
  'pd1',
  'pdl1',
  'ctla4',
  'anthracycline',
  'anthracenedione',
  'platinum',
  'taxane',
  'vinca',
  'epothilone',
  'halichondrin',
  'fluoropyrimidine',
  'antifolate',
  'nucleoside_analogue',
  'hypomethylating',
  'alkylating',
  'nitrogen_mustard',
  'topoisomerase1',
  'topoisomerase2',
  'antitumour_antibiotic',
  'egfr_tki',
  'egfr_antibody',
  'her2',
  'vegf',
  'vegfr_tki',
  'alk',
  'ros1',
  'braf',
  'mek',
  'kras',
  'fgfr',
  'idh',
  'parp',
  'cdk46',
  'mtor',
  'bcr_abl',
  'btk',
  'bcl2',
  'proteasome',
  'imid',
  'cd20',
  'cd38',
  'cd30',
  'adc',
  'antiandrogen',
  'androgen_synthesis',
  'gnrh',
  'serm',
  'serd',
  'aromatase',
  'corticosteroid',
  'bisphosphonate',
  'rankl',
  'gcsf',
  'antiemetic',
  'nk1',
  'ht3',
  'vitamin',
  'uroprotectant',
  'folate_rescue',
  'retinoid',
  'arsenic',
  'placebo',
] as const;

export type DrugClassTag = (typeof DRUG_CLASS_TAGS)[number];

export interface Drug {
  /** The generic name, lower case, as `.trial` files write it. */
  readonly id: string;
  /** Other generic spellings and abbreviations (`5-fu` for fluorouracil). */
  readonly synonyms: readonly string[];
  readonly brands: readonly string[];
  /** Development codes (`JS001` for toripalimab). */
  readonly codes: readonly string[];
  readonly class: string;
  /** The class as tags a check can compare. */
  readonly classes?: readonly DrugClassTag[];
  readonly routes: readonly DrugRoute[];
  /** Routes of other products of the same substance (Tecentriq Hybreza SC beside Tecentriq IV). */
  readonly otherRoutes?: readonly OtherProductRoute[];
  readonly basis: DoseBasis;
  readonly doses: readonly LabelledDose[];
  /** A per-administration bound beyond which the number is almost surely a typo, where a source gives one. */
  readonly hardMax?: { readonly value: number; readonly source: string };
  readonly rules: readonly DrugRule[];
  /** Labelled maximum durations or numbers of administrations. */
  readonly courseLimits?: readonly CourseLimit[];
  /** The cumulative (lifetime) dose the label warns against exceeding. */
  readonly lifetimeMax?: AmountLimit;
  /** The label's statement on the most to give in one cycle. */
  readonly perCycleMax?: AmountLimit;
  /** Routes the label forbids. */
  readonly forbiddenRoutes?: readonly ForbiddenRoute[];
  /** The infusion time the label requires. */
  readonly infusion?: InfusionLimit;
  /** Organ function and blood counts the label requires of a patient before the drug is given. */
  readonly requires?: readonly Requirement[];
  /** What the label says to give before or with the drug. */
  readonly premedication?: Premedication;
  /** Carboplatin only: the FDA's cap on the GFR in the Calvert formula. */
  readonly calvert?: CalvertLimit;
  /** The label the row as a whole comes from. */
  readonly source: string;
  /** What the row leaves empty for want of a source. */
  readonly gaps?: string;
}

/**
 * The dose per week of a labelled dose, in its unit per week, where its regimen says enough:
 * docetaxel 75 mg/m2 every 21 days is 25 mg/m2 a week.
 */
export function weeklyDose(dose: LabelledDose, amount: number = dose.max): number | undefined {
  const regimen = dose.regimen;
  if (!regimen) return undefined;
  const perDay = regimen.perDay ?? 1;
  if (regimen.cycleDays !== undefined) {
    const dosingDays = regimen.days?.length ?? regimen.continuousDays;
    if (dosingDays === undefined) return undefined;
    return (amount * perDay * dosingDays * 7) / regimen.cycleDays;
  }
  if (regimen.intervalDays !== undefined) return (amount * perDay * 7) / regimen.intervalDays;
  return undefined;
}
