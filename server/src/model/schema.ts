/**
 * The resolved protocol: what a `.trial` file means, independent of how it was written.
 * zod schemas are the single definition of its shape (the enumerations' values come from
 * language/enums.ts); the TypeScript types are inferred from them. Every
 * element that came from the source keeps its `span` (offset and length) so later layers can
 * point back at it.
 */

import { z } from 'zod';
import * as E from '../language/enums';
import { DOSE_BASES } from '../language/units';

export const Span = z.object({ offset: z.number().int().nonnegative(), length: z.number().int().nonnegative() });
export type Span = z.infer<typeof Span>;

export const StudyType = z.enum(E.STUDY_TYPE.words);
export const Phase = z.enum(E.PHASE.words);
export const Status = z.enum(E.STATUS.words);
export const Qualifier = z.enum(E.QUALIFIER.words);
export const Allocation = z.enum(E.ALLOCATION.words);
export const InterventionModel = z.enum(E.INTERVENTION_MODEL.words);
export const Masking = z.enum(E.MASKING.words);
export const MaskedRole = z.enum(E.MASKED_ROLE.words);
export const Purpose = z.enum(E.PURPOSE.words);
export const AgencyClass = z.enum(E.AGENCY_CLASS.words);
export const ResponsibleRole = z.enum(E.RESPONSIBLE_ROLE.words);
export const InvestigatorRole = z.enum(E.INVESTIGATOR_ROLE.words);
export const ReferenceType = z.enum(E.REFERENCE_TYPE.words);
export const YesNo = z.enum(E.YES_NO.words);
export const IpdSharing = z.enum(E.IPD_SHARING.words);
export const Results = z.enum(E.RESULTS.words);
export const ArmType = z.enum(E.ARM_TYPE.words);
export const InterventionType = z.enum(E.INTERVENTION_TYPE.words);
export const Route = z.enum(E.ROUTE.words);
export const PhaseName = z.enum(E.PHASE_NAME.words);
export const Sex = z.enum(E.SEX.words);
export const OutcomeKind = z.enum(E.OUTCOME_KIND.words);
export const Comparator = z.enum(['>', '>=', '<', '<=', '=']);
export const AgeUnit = z.enum(E.AGE_UNIT.words);

export const DateValue = z.object({
  /** ISO 8601, `YYYY-MM-DD` or `YYYY-MM`. */
  date: z.string(),
  qualifier: Qualifier.optional(),
  span: Span,
});
export type DateValue = z.infer<typeof DateValue>;

export const Organization = z.object({ name: z.string(), class: AgencyClass.optional(), span: Span });
export const Investigator = z.object({ name: z.string(), role: InvestigatorRole, affiliation: z.string().optional(), span: Span });
export const Site = z.object({
  facility: z.string(),
  city: z.string().optional(),
  state: z.string().optional(),
  zip: z.string().optional(),
  country: z.string().optional(),
  status: Status.optional(),
  span: Span,
});
export const Reference = z.object({ type: ReferenceType, pmid: z.number().int().positive().optional(), citation: z.string(), span: Span });

export const Design = z.object({
  allocation: Allocation.optional(),
  model: InterventionModel.optional(),
  masking: Masking.optional(),
  whoMasked: z.array(MaskedRole).optional(),
  purpose: Purpose.optional(),
});

export const Trial = z.object({
  nctId: z.string().optional(),
  nctIdSpan: Span.optional(),
  span: Span,
  /** Where each field was written (its first occurrence), by keyword. */
  fieldSpans: z.record(z.string(), Span),
  orgStudyId: z.string().optional(),
  secondaryIds: z.array(z.string()),
  title: z.string().optional(),
  officialTitle: z.string().optional(),
  acronym: z.string().optional(),
  summary: z.string().optional(),
  description: z.string().optional(),
  type: StudyType.optional(),
  phase: Phase.optional(),
  status: Status.optional(),
  enrollment: z.object({ count: z.number().int().nonnegative(), qualifier: Qualifier.optional(), span: Span }).optional(),
  start: DateValue.optional(),
  primaryCompletion: DateValue.optional(),
  completion: DateValue.optional(),
  firstSubmitted: DateValue.optional(),
  firstPosted: DateValue.optional(),
  lastUpdate: DateValue.optional(),
  lastVerified: DateValue.optional(),
  conditions: z.array(z.string()),
  keywords: z.array(z.string()),
  countries: z.array(z.string()),
  meshConditions: z.array(z.string()),
  meshInterventions: z.array(z.string()),
  design: Design,
  sponsor: Organization.optional(),
  collaborators: z.array(Organization),
  responsibleParty: z.union([z.object({ role: ResponsibleRole }), z.object({ name: z.string() })]).optional(),
  investigators: z.array(Investigator),
  sites: z.array(Site),
  references: z.array(Reference),
  ipdSharing: IpdSharing.optional(),
  fdaRegulatedDrug: YesNo.optional(),
  fdaRegulatedDevice: YesNo.optional(),
  results: Results.optional(),
});
export type Trial = z.infer<typeof Trial>;

export const DrugDecl = z.object({
  id: z.string(),
  label: z.string().optional(),
  route: Route.optional(),
  aka: z.array(z.string()),
  class: z.string().optional(),
  note: z.string().optional(),
  /** `investigational yes`: a product no label covers, whose name and doses are not checked. */
  investigational: YesNo.optional(),
  span: Span,
  idSpan: Span,
});
export type DrugDecl = z.infer<typeof DrugDecl>;

export const Intervention = z.object({
  id: z.string(),
  type: InterventionType,
  name: z.string(),
  description: z.string().optional(),
  otherNames: z.array(z.string()),
  span: Span,
  idSpan: Span,
});
export type Intervention = z.infer<typeof Intervention>;

/** The dose's basis: what the normalised unit is per. */
export const DoseBasis = z.enum(DOSE_BASES);

/** A dose in a mass, per body surface or per body weight, normalised to mg, mg/m2 or mg/kg (IU for unit-dosed drugs). */
export const NormalizedDose = z.object({ value: z.number(), unit: z.string(), basis: DoseBasis });

export const Amount = z.discriminatedUnion('form', [
  z.object({
    form: z.literal('quantity'),
    value: z.number(),
    /** The upper end of a range (`1000-1250 mg/m2`); the dose is `value` to `valueMax`. */
    valueMax: z.number().optional(),
    /** The unit as written. */
    unit: z.string(),
    /** The UCUM code of the written unit. */
    ucum: z.string().optional(),
    /** The dose in mg, mg/m2 or mg/kg (or IU, IU/m2, IU/kg for unit-dosed drugs). */
    normalized: NormalizedDose.optional(),
    /** The upper end of the range, normalised. */
    normalizedMax: NormalizedDose.optional(),
  }),
  z.object({
    form: z.literal('auc'),
    value: z.number(),
    valueMax: z.number().optional(),
    unit: z.literal('mg/mL.min'),
    normalized: z.object({ value: z.number(), unit: z.literal('mg/mL.min'), basis: z.literal('auc') }),
  }),
  z.object({ form: z.literal('unstated') }),
  /** A placebo that matches a named drug: `placebo matching pembrolizumab`. */
  z.object({ form: z.literal('matching'), drug: z.string(), drugSpan: Span }),
]);
export type Amount = z.infer<typeof Amount>;

export const Frequency = z.object({
  /** As written: `bid`, `q3w`. */
  text: z.string(),
  /** Administrations per dosing day (bid is 2). */
  perDay: z.number().int().positive().optional(),
  /** Days between administrations (q3w is 21, daily is 1). */
  intervalDays: z.number().int().positive().optional(),
});

export const CourseUnit = z.enum(['days', 'weeks', 'months', 'years', 'cycles', 'doses']);

/** A length of a course: `9 weeks`, `2 years`, `35 cycles`, `8 doses`. */
export const Duration = z.object({
  value: z.number().positive(),
  unit: CourseUnit,
  /** The length in days, where the unit fixes it (months and years do not: calendar lengths vary). */
  days: z.number().positive().optional(),
  span: Span.optional(),
});
export type Duration = z.infer<typeof Duration>;

export const StopReason = z.enum(E.STOP_REASON.words);

/**
 * How a course ends (a cycle block, or a dose line outside cycles): an exact count (`x 8`), a
 * fixed length (`for 9 weeks`), a cap (`up to 35 cycles`), open-ended (`until progression`), or
 * a combination — whichever comes first.
 */
export const CourseEnd = {
  /** `x N`: exactly N cycles (a cycle block) or administrations (a dose line). */
  count: z.number().int().positive().optional(),
  /** `for N …`: a course of that length. */
  duration: Duration.optional(),
  durationSpan: Span.optional(),
  /** `up to N …`: at most that many cycles, doses or that long. */
  upTo: Duration.optional(),
  /** `until …`: open-ended, stopped for these reasons. */
  until: z.array(StopReason).optional(),
};

export const DayItem = z.object({ from: z.number().int(), to: z.number().int(), span: Span });

/** A limit's condition: `if weight < 60 kg`, `if creatinine > 1.5 x ULN`, `if "liver metastases"`. */
export const Condition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string(), span: Span }),
  z.object({
    kind: z.literal('limit'),
    analyte: z.string(),
    analyteSpan: Span,
    comparator: Comparator,
    value: z.number(),
    valueText: z.string(),
    multipleOf: z.enum(['ULN', 'LLN']).optional(),
    unit: z.string().optional(),
    ucum: z.string().optional(),
    normalized: z.object({ value: z.number(), unit: z.string() }).optional(),
    span: Span,
  }),
]);
export type Condition = z.infer<typeof Condition>;

export const AdministrationMode = z.enum(E.ADMINISTRATION_MODE.words);

export const Dose = z.object({
  drug: z.string(),
  drugSpan: Span,
  span: Span,
  amount: Amount,
  /** The number and the unit as written, for checks that point at them. */
  valueSpan: Span.optional(),
  unitSpan: Span.optional(),
  route: Route.optional(),
  frequency: Frequency.optional(),
  /** Days of the cycle, 1-based, sorted and distinct. */
  days: z.array(z.number().int().positive()).optional(),
  /** The day items as written (`1`, `8`, `1-14`). */
  dayItems: z.array(DayItem).optional(),
  frequencySpan: Span.optional(),
  ...CourseEnd,
  /** The cycles of its block the dose is given in: `cycles 1-4`, `cycles 1, 3` (items), or `from cycle 9`. */
  cycles: z.union([z.object({ items: z.array(DayItem) }), z.object({ from: z.number().int().positive() })]).optional(),
  cyclesSpan: Span.optional(),
  /** How it is given: `bolus`, `infusion`, `continuous`. */
  mode: AdministrationMode.optional(),
  /** How long each administration runs (`over 46 hours`), in minutes. */
  infusionMinutes: z.number().positive().optional(),
  infusionSpan: Span.optional(),
  /** A cap on each administration (`max 2 mg`). */
  max: Amount.optional(),
  maxSpan: Span.optional(),
  /** The first administration's dose, when it differs (`loading 8 mg/kg`). */
  loading: Amount.optional(),
  loadingSpan: Span.optional(),
  /** When the line applies (`if weight < 60 kg`): a band, counted on its own. */
  condition: Condition.optional(),
  /** Where the course-end clauses stand, for diagnostics about them. */
  endSpan: Span.optional(),
  notes: z.array(z.string()),
});
export type Dose = z.infer<typeof Dose>;

/** Alternatives inside a cycle: the doses of each option, by their index in the cycle's `doses`. */
export const CycleChoice = z.object({
  label: z.string().optional(),
  options: z.array(z.object({ label: z.string(), doses: z.array(z.number().int().nonnegative()), span: Span })),
  span: Span,
});

export const Cycle = z.object({
  kind: z.literal('cycle'),
  lengthDays: z.number().int().positive(),
  /** As written: `21 days`, `3 weeks`. */
  lengthText: z.string(),
  ...CourseEnd,
  /** Every dose of the cycle, in source order, those in choices too. */
  doses: z.array(Dose),
  /** The cycle's choices, if any: which of its doses are alternatives to which. */
  choices: z.array(CycleChoice),
  span: Span,
  /** From `cycle` to the last word of its header. */
  headerSpan: Span,
});
export type Cycle = z.infer<typeof Cycle>;

export const Surgery = z.object({ kind: z.literal('surgery'), note: z.string().optional(), span: Span });
export const DoseStep = z.object({ kind: z.literal('dose'), dose: Dose });

export type Step =
  | Cycle
  | z.infer<typeof Surgery>
  | z.infer<typeof DoseStep>
  | { kind: 'choice'; label?: string; options: { label: string; steps: Step[]; span: Span }[]; span: Span };

/** Alternatives between regimens (by histology, by investigator's choice), each counted on its own. */
export const ChoiceStep: z.ZodType<Extract<Step, { kind: 'choice' }>> = z.lazy(() =>
  z.object({
    kind: z.literal('choice'),
    label: z.string().optional(),
    options: z.array(z.object({ label: z.string(), steps: z.array(Step), span: Span })),
    span: Span,
  }),
);
export const Step: z.ZodType<Step> = z.lazy(() => z.union([Cycle, Surgery, DoseStep, ChoiceStep]));

export const TreatmentPhase = z.object({
  /** Absent for steps written directly in the arm. */
  name: PhaseName.optional(),
  /** `optional`: a phase that may be skipped (optional maintenance, crossover). */
  optional: z.boolean().optional(),
  label: z.string().optional(),
  steps: z.array(Step),
  span: Span,
});
export type TreatmentPhase = z.infer<typeof TreatmentPhase>;

export const Arm = z.object({
  id: z.string(),
  label: z.string(),
  /** Absent when the source's type word is missing or not allowed (reported). */
  type: ArmType.optional(),
  description: z.string().optional(),
  interventions: z.array(z.string()),
  phases: z.array(TreatmentPhase),
  typeSpan: Span.optional(),
  span: Span,
  idSpan: Span,
});
export type Arm = z.infer<typeof Arm>;

export const NormalizedValue = z.object({ value: z.number(), unit: z.string() });

interface CriterionBase {
  note?: string;
  span: Span;
}

/** `within 28 days before randomization`: when an event happened, relative to an anchor. */
export const TimeWindow = z.object({
  relation: z.enum(['within', 'more_than', 'at_least', 'less_than']),
  value: z.number().positive(),
  unit: z.enum(['days', 'weeks', 'months', 'years']),
  direction: z.enum(['before', 'after']),
  /** A defined moment of the trial, or an event in words (`"surgery"`). */
  anchor: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('moment'), moment: z.enum(E.WINDOW_ANCHOR.words) }),
    z.object({ kind: z.literal('event'), text: z.string() }),
  ]),
  span: Span,
});
export type TimeWindow = z.infer<typeof TimeWindow>;

/** `or <= 5 x ULN if "liver metastases"`: another limit that holds when its condition does. */
export const AlternativeLimit = z.object({
  comparator: Comparator,
  value: z.number(),
  valueText: z.string(),
  valueSpan: Span,
  multipleOf: z.enum(['ULN', 'LLN']).optional(),
  unit: z.string().optional(),
  ucum: z.string().optional(),
  normalized: z.object({ value: z.number(), unit: z.string() }).optional(),
  condition: Condition,
  span: Span,
});
export type AlternativeLimit = z.infer<typeof AlternativeLimit>;
export type Criterion =
  | (CriterionBase & { kind: 'text'; text: string; window?: TimeWindow })
  | (CriterionBase & {
      kind: 'threshold';
      analyte: string;
      analyteSpan: Span;
      comparator: z.infer<typeof Comparator>;
      value: number;
      /** The value as written: `10^4`, `1.5`. */
      valueText: string;
      valueSpan: Span;
      multipleOf?: 'ULN' | 'LLN';
      unit?: string;
      unitSpan?: Span;
      ucum?: string;
      normalized?: z.infer<typeof NormalizedValue>;
      /** `if creatinine > 1.5 x ULN`: the limit applies only when this holds. */
      condition?: Condition;
      /** Other limits that hold instead when their conditions do. */
      alternatives?: AlternativeLimit[];
      window?: TimeWindow;
    })
  | (CriterionBase & { kind: 'score'; analyte: string; analyteSpan: Span; from: number | string; to?: number | string; valueSpan: Span })
  | (CriterionBase & { kind: 'prior'; items: { name: string; isDrug: boolean; span: Span }[]; window?: TimeWindow })
  | (CriterionBase & { kind: 'group'; mode: 'any' | 'all'; label?: string; criteria: Criterion[] });

const criterionBase = { note: z.string().optional(), span: Span };
export const Criterion: z.ZodType<Criterion> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('text'), text: z.string(), window: TimeWindow.optional(), ...criterionBase }),
    z.object({
      kind: z.literal('threshold'),
      analyte: z.string(),
      analyteSpan: Span,
      comparator: Comparator,
      value: z.number(),
      valueText: z.string(),
      valueSpan: Span,
      multipleOf: z.enum(['ULN', 'LLN']).optional(),
      unit: z.string().optional(),
      unitSpan: Span.optional(),
      ucum: z.string().optional(),
      normalized: NormalizedValue.optional(),
      condition: Condition.optional(),
      alternatives: z.array(AlternativeLimit).optional(),
      window: TimeWindow.optional(),
      ...criterionBase,
    }),
    z.object({
      kind: z.literal('score'),
      analyte: z.string(),
      analyteSpan: Span,
      from: z.union([z.number(), z.string()]),
      to: z.union([z.number(), z.string()]).optional(),
      valueSpan: Span,
      ...criterionBase,
    }),
    z.object({
      kind: z.literal('prior'),
      items: z.array(z.object({ name: z.string(), isDrug: z.boolean(), span: Span })),
      window: TimeWindow.optional(),
      ...criterionBase,
    }),
    z.object({ kind: z.literal('group'), mode: z.enum(['any', 'all']), label: z.string().optional(), criteria: z.array(Criterion), ...criterionBase }),
  ]),
);

export const AgeLimit = z.object({ value: z.number().nonnegative(), unit: AgeUnit, span: Span });

export const Eligibility = z.object({
  minimumAge: AgeLimit.optional(),
  maximumAge: AgeLimit.optional(),
  sex: Sex.optional(),
  healthyVolunteers: YesNo.optional(),
  /** The `age` statement. */
  ageSpan: Span.optional(),
  inclusion: z.array(Criterion),
  exclusion: z.array(Criterion),
  span: Span,
});
export type Eligibility = z.infer<typeof Eligibility>;

export const Outcome = z.object({
  kind: OutcomeKind.optional(),
  measure: z.string(),
  timeFrame: z.string().optional(),
  description: z.string().optional(),
  span: Span,
});
export type Outcome = z.infer<typeof Outcome>;

export const Protocol = z.object({
  trial: Trial.optional(),
  drugs: z.array(DrugDecl),
  interventions: z.array(Intervention),
  arms: z.array(Arm),
  eligibility: Eligibility.optional(),
  outcomes: z.array(Outcome),
});
export type Protocol = z.infer<typeof Protocol>;

/** A model value without its source offsets (`span`, `…Span`, `…Spans`), at every depth: what leaves the editor. */
export type WithoutSpans<X> = X extends readonly (infer E)[]
  ? WithoutSpans<E>[]
  : X extends object
    ? { [K in keyof X as K extends 'span' | `${string}Span` | `${string}Spans` ? never : K]: WithoutSpans<X[K]> }
    : X;
