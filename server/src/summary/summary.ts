/**
 * Protocol -> structured summary: every fact of the model (without source offsets), plus what
 * the schedule implies: administrations per cycle and in total, and the dose per cycle and over
 * the whole course. The CLI prints it as JSON or as text; the preview renders it.
 */

import type * as S from '../model/schema';

export type WithoutSpans<X> = X extends readonly (infer E)[]
  ? WithoutSpans<E>[]
  : X extends object
    ? { [K in keyof X as K extends 'span' | `${string}Span` | `${string}Spans` ? never : K]: WithoutSpans<X[K]> }
    : X;

/** What one dose line implies. */
export interface DoseImplication {
  /** The dose as written: `1 g/m2`, `AUC 5`, `dose unstated`. */
  readonly written: string;
  /** Administrations in one cycle, for doses inside a cycle. */
  readonly administrationsPerCycle?: number;
  /** Administrations over the whole course (all cycles, or the continuous course). */
  readonly totalAdministrations?: number;
  /** The normalised dose given in one cycle. */
  readonly perCycle?: { readonly value: number; readonly unit: string };
  /** The normalised dose over the whole course. */
  readonly cumulative?: { readonly value: number; readonly unit: string };
}

/** A criterion without source offsets. */
export type SummaryCriterion = WithoutSpans<S.Criterion>;

export type SummaryDose = WithoutSpans<S.Dose> & { readonly implied: DoseImplication };
export type SummaryStep =
  | (WithoutSpans<Omit<S.Cycle, 'doses'>> & { readonly doses: SummaryDose[] })
  | WithoutSpans<Extract<S.Step, { kind: 'surgery' }>>
  | { readonly kind: 'dose'; readonly dose: SummaryDose };
export type SummaryArm = WithoutSpans<Omit<S.Arm, 'phases'>> & {
  readonly phases: { readonly name?: S.TreatmentPhase['name']; readonly steps: SummaryStep[] }[];
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

/** `85 mg/m2`, `AUC 5`, `dose unstated`. */
export function writtenAmount(amount: S.Amount): string {
  switch (amount.form) {
    case 'quantity':
      return `${amount.value} ${amount.unit}`;
    case 'auc':
      return `AUC ${amount.value}`;
    case 'unstated':
      return 'dose unstated';
  }
}

/** Administrations of a dose per cycle of `cycleDays` days, when the line says enough. */
function administrationsPerCycle(dose: S.Dose, cycleDays: number): number | undefined {
  const perDay = dose.frequency?.perDay ?? 1;
  if (dose.days) return dose.days.length * perDay;
  if (dose.count) return dose.count;
  const interval = dose.frequency?.intervalDays;
  if (interval) return Math.floor(cycleDays / interval) * perDay;
  return undefined;
}

/** Administrations of a dose given on its own (a course, not in a cycle). */
function courseAdministrations(dose: S.Dose): number | undefined {
  if (dose.count) return dose.count;
  const interval = dose.frequency?.intervalDays;
  const days = dose.duration?.days;
  if (interval && days) return Math.floor(days / interval) * (dose.frequency?.perDay ?? 1);
  if (dose.frequency?.text === 'once') return 1;
  return undefined;
}

function times(amount: S.Amount, count: number | undefined): { value: number; unit: string } | undefined {
  if (count === undefined || amount.form === 'unstated' || !amount.normalized) return undefined;
  return { value: Number((amount.normalized.value * count).toPrecision(12)), unit: amount.normalized.unit };
}

/** What a dose line implies, inside a cycle or on its own. */
export function doseImplication(dose: S.Dose, cycle?: S.Cycle): DoseImplication {
  const written = writtenAmount(dose.amount);
  if (cycle) {
    const perCycle = administrationsPerCycle(dose, cycle.lengthDays);
    const total = perCycle !== undefined && cycle.count !== undefined ? perCycle * cycle.count : undefined;
    return {
      written,
      administrationsPerCycle: perCycle,
      totalAdministrations: total,
      perCycle: times(dose.amount, perCycle),
      cumulative: times(dose.amount, total),
    };
  }
  const total = courseAdministrations(dose);
  return { written, totalAdministrations: total, cumulative: times(dose.amount, total) };
}

function summaryDose(dose: S.Dose, cycle?: S.Cycle): SummaryDose {
  return { ...withoutSpans(dose), implied: doseImplication(dose, cycle) };
}

function summaryArm(arm: S.Arm): SummaryArm {
  const drugs: string[] = [];
  const note = (drug: string) => {
    if (!drugs.includes(drug)) drugs.push(drug);
  };
  const phases = arm.phases.map((phase) => ({
    name: phase.name,
    steps: phase.steps.map((step): SummaryStep => {
      switch (step.kind) {
        case 'cycle':
          step.doses.forEach((dose) => note(dose.drug));
          return { ...withoutSpans({ ...step, doses: [] }), doses: step.doses.map((dose) => summaryDose(dose, step)) };
        case 'dose':
          note(step.dose.drug);
          return { kind: 'dose', dose: summaryDose(step.dose) };
        case 'surgery':
          return withoutSpans(step);
      }
    }),
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
    arms: protocol.arms.map(summaryArm),
    eligibility: protocol.eligibility && withoutSpans(protocol.eligibility),
    outcomes: withoutSpans(protocol.outcomes),
  };
}
