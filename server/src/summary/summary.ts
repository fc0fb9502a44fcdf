/**
 * Protocol -> structured summary: every fact of the model (without source offsets), plus what
 * the schedule implies: administrations per cycle and in total, and the dose per cycle and over
 * the whole course. The CLI prints it as JSON or as text; the preview renders it.
 */

import { DEFAULT_REFERENCE_PATIENT, type ReferencePatient } from '../knowledge/reference-patient';
import { doseAmounts, type DoseAmounts, type Quantity, type Total } from '../model/amounts';
import { scheduleOf, type Count } from '../model/schedule';
import type * as S from '../model/schema';

export type { WithoutSpans } from '../model/schema';
import type { WithoutSpans } from '../model/schema';

/** What one dose line implies, from the schedule engine (model/schedule.ts) and its amounts (model/amounts.ts). */
export interface DoseImplication {
  /** The dose as written: `1 g/m2`, `AUC 5`, `dose unstated`, `matching pembrolizumab`. */
  readonly written: string;
  /** Administrations in each cycle it is given in, for doses inside a cycle. */
  readonly administrationsPerCycle?: number;
  /** Given every N cycles of its block (q6w in 21-day cycles: 2). */
  readonly everyCycles?: number;
  /** The cycles of its block it is given in. */
  readonly cycles?: Count;
  /** Administrations over the whole course: exact, a range, up to a cap, open-ended or not stated. */
  readonly administrations: Count;
  /** Administrations over the whole course, when exact (the same as `administrations.value`). */
  readonly totalAdministrations?: number;
  /** The normalised dose given in one cycle (mg for the reference patient, for doses by AUC). */
  readonly perCycle?: Quantity;
  /** Dose intensity: the average dose per week over its pattern. */
  readonly perWeek?: Quantity;
  /** The normalised dose over the whole course, when the total is exact. */
  readonly cumulative?: Quantity;
  /** The dose over the whole course as a range or a cap ("up to"), when it is not exact. */
  readonly cumulativeTotal?: Total;
  /** Why the course is open-ended: its reasons to stop. */
  readonly until?: readonly string[];
  /** The length of its repeating pattern, in days, for open-ended courses (per-period figures). */
  readonly periodDays?: number;
  /** Administrations in one period of its pattern. */
  readonly perPeriod?: number;
  /** For the reference patient, in mg (doses per body surface or weight, by AUC, or with a cap). */
  readonly reference?: DoseAmounts['reference'] & { readonly patient: ReferencePatient };
  /** Why an amount cannot be computed (the dose is unstated, a placebo…). */
  readonly missing?: string;
}

/** A criterion without source offsets. */
export type SummaryCriterion = WithoutSpans<S.Criterion>;

export type SummaryDose = WithoutSpans<S.Dose> & { readonly implied: DoseImplication };
export type SummaryStep =
  | (WithoutSpans<Omit<S.Cycle, 'doses'>> & { readonly doses: SummaryDose[]; readonly cycles: Count })
  | WithoutSpans<Extract<S.Step, { kind: 'surgery' }>>
  | { readonly kind: 'dose'; readonly dose: SummaryDose }
  | { readonly kind: 'choice'; readonly label?: string; readonly options: { readonly label: string; readonly steps: SummaryStep[] }[] };
export type SummaryArm = WithoutSpans<Omit<S.Arm, 'phases'>> & {
  readonly phases: {
    readonly name?: S.TreatmentPhase['name'];
    readonly optional?: boolean;
    readonly label?: string;
    readonly steps: SummaryStep[];
  }[];
  /** The drugs this arm gives, in order of first appearance. */
  readonly drugs: string[];
};

export interface TrialSummary {
  readonly trial?: WithoutSpans<S.Trial>;
  readonly drugs: WithoutSpans<S.DrugDecl>[];
  readonly interventions: WithoutSpans<S.Intervention>[];
  readonly arms: SummaryArm[];
  readonly eligibility?: WithoutSpans<S.Eligibility>;
  readonly outcomes: WithoutSpans<S.Outcome>[];
}

/** Keys that hold source offsets: `span`, `unitSpan`, `fieldSpans`… */
const SPAN_KEY = /^span$|Spans?$/;

/** A deep copy without the source offsets, which mean nothing outside the editor. */
export function withoutSpans<X>(value: X): WithoutSpans<X> {
  return JSON.parse(JSON.stringify(value, (key, inner: unknown) => (SPAN_KEY.test(key) ? undefined : inner))) as WithoutSpans<X>;
}

/** A number for people: `1000`, `1.5`. */
function numberText(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** `85 mg/m2`, `1000-1250 mg/m2`, `AUC 5`, `AUC 5-6`, `dose unstated`, `matching pembrolizumab`. */
export function writtenAmount(amount: S.Amount): string {
  switch (amount.form) {
    case 'quantity':
      return `${numberText(amount.value)}${amount.valueMax === undefined ? '' : `-${numberText(amount.valueMax)}`} ${amount.unit}`;
    case 'auc':
      return `AUC ${numberText(amount.value)}${amount.valueMax === undefined ? '' : `-${numberText(amount.valueMax)}`}`;
    case 'unstated':
      return 'dose unstated';
    case 'matching':
      return `matching ${amount.drug}`;
  }
}

/** What a dose line of a protocol implies, for a reference patient (the defaults unless given). */
export function doseImplication(protocol: S.Protocol, dose: S.Dose, patient: ReferencePatient = DEFAULT_REFERENCE_PATIENT): DoseImplication {
  const written = writtenAmount(dose.amount);
  const schedule = scheduleOf(protocol).of(dose);
  if (!schedule) return { written, administrations: { kind: 'unknown' } };
  const amounts = doseAmounts(schedule, patient);
  const total = schedule.total;
  return {
    written,
    ...(schedule.perCycle !== undefined ? { administrationsPerCycle: schedule.perCycle } : {}),
    ...(schedule.cycleStep !== undefined && schedule.cycleStep > 1 ? { everyCycles: schedule.cycleStep } : {}),
    ...(schedule.cyclesGiven ? { cycles: schedule.cyclesGiven } : {}),
    administrations: total,
    ...(total.kind === 'exact' ? { totalAdministrations: total.value } : {}),
    ...(amounts.perCycle ? { perCycle: amounts.perCycle } : {}),
    ...(amounts.perWeek ? { perWeek: amounts.perWeek } : {}),
    ...(amounts.cumulative?.kind === 'exact' && amounts.cumulative.max === undefined
      ? { cumulative: { value: amounts.cumulative.value, unit: amounts.cumulative.unit } }
      : amounts.cumulative
        ? { cumulativeTotal: amounts.cumulative }
        : {}),
    ...(schedule.until?.length ? { until: [...schedule.until] } : {}),
    ...(total.kind === 'open' || total.kind === 'unknown' ? { periodDays: schedule.periodDays, perPeriod: schedule.perPeriod } : {}),
    ...(amounts.reference ? { reference: { ...amounts.reference, patient } } : {}),
    ...(amounts.missing ? { missing: amounts.missing } : {}),
  };
}

function summaryDose(protocol: S.Protocol, dose: S.Dose): SummaryDose {
  return { ...withoutSpans(dose), implied: doseImplication(protocol, dose) };
}

function summaryArm(protocol: S.Protocol, arm: S.Arm): SummaryArm {
  const drugs: string[] = [];
  const note = (drug: string) => {
    if (!drugs.includes(drug)) drugs.push(drug);
  };
  const summarizeStep = (step: S.Step): SummaryStep => {
    switch (step.kind) {
      case 'cycle':
        step.doses.forEach((dose) => note(dose.drug));
        return {
          ...withoutSpans({ ...step, doses: [] }),
          cycles: scheduleOf(protocol).cycleOf(step)?.cycles ?? { kind: 'unknown' },
          doses: step.doses.map((dose) => summaryDose(protocol, dose)),
        };
      case 'dose':
        note(step.dose.drug);
        return { kind: 'dose', dose: summaryDose(protocol, step.dose) };
      case 'surgery':
        return withoutSpans(step);
      case 'choice':
        return { kind: 'choice', label: step.label, options: step.options.map((option) => ({ label: option.label, steps: option.steps.map(summarizeStep) })) };
    }
  };
  const phases = arm.phases.map((phase) => ({
    name: phase.name,
    ...(phase.optional ? { optional: true } : {}),
    ...(phase.label !== undefined ? { label: phase.label } : {}),
    steps: phase.steps.map(summarizeStep),
  }));
  const { phases: _phases, ...rest } = arm;
  return { ...withoutSpans(rest), phases, drugs };
}

/** Builds the structured summary of a protocol. */
export function summarize(protocol: S.Protocol): TrialSummary {
  return {
    trial: protocol.trial && withoutSpans(protocol.trial),
    drugs: withoutSpans(protocol.drugs),
    interventions: withoutSpans(protocol.interventions),
    arms: protocol.arms.map((arm) => summaryArm(protocol, arm)),
    eligibility: protocol.eligibility && withoutSpans(protocol.eligibility),
    outcomes: withoutSpans(protocol.outcomes),
  };
}
