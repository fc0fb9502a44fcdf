/**
 * Walks over the resolved protocol that several layers need: every dose with where it stands,
 * every criterion with its nesting, and the criteria that must all hold or any of which excludes.
 * One place knows the shape of arms and eligibility; checks, features and the summary iterate.
 */

import type * as S from './schema';
import { kept } from '../util/kept';

/** One alternative a dose is part of: the choice's label and the option's. */
export interface OptionAt {
  readonly choice?: string;
  readonly option: string;
}

/** A dose and where it stands: its arm, its phase, its cycle if it is in one, and the options it is part of. */
export interface DoseAt {
  readonly dose: S.Dose;
  readonly arm: S.Arm;
  readonly phase: S.TreatmentPhase;
  readonly cycle?: S.Cycle;
  /** The options of choices that hold it, outermost first; empty when it is given to everyone in the arm. */
  readonly options: readonly OptionAt[];
}

/** The option of a cycle's choices that holds its `index`-th dose, if any. */
function cycleOption(cycle: S.Cycle, index: number): OptionAt | undefined {
  for (const choice of cycle.choices) {
    for (const option of choice.options) if (option.doses.includes(index)) return { choice: choice.label, option: option.label };
  }
  return undefined;
}

/** Adds the doses of `steps` to `into`, with where each stands. */
function stepDoses(steps: readonly S.Step[], arm: S.Arm, phase: S.TreatmentPhase, options: readonly OptionAt[], into: DoseAt[]): void {
  for (const step of steps) {
    if (step.kind === 'cycle') {
      const doses = step.doses;
      for (let index = 0; index < doses.length; index++) {
        const option = step.choices.length ? cycleOption(step, index) : undefined;
        into.push({ dose: doses[index], arm, phase, cycle: step, options: option ? [...options, option] : options });
      }
    } else if (step.kind === 'dose') into.push({ dose: step.dose, arm, phase, options });
    else if (step.kind === 'choice') {
      for (const option of step.options) stepDoses(option.steps, arm, phase, [...options, { choice: step.label, option: option.label }], into);
    }
  }
}

/** Every dose of every arm, in source order, those in choices too. */
export function dosesOf(protocol: S.Protocol): DoseAt[] {
  const all: DoseAt[] = [];
  for (const arm of protocol.arms) for (const at of dosesOfArm(arm)) all.push(at);
  return all;
}

const NO_OPTIONS: readonly OptionAt[] = [];

/**
 * The doses of each arm, found once: an arm is complete when lowered and never changed after
 * (an arm an edit did not touch is kept, moved in place, with its doses).
 */
const armDoses = kept<S.Arm, readonly DoseAt[]>('armDoses');

/** Every dose of one arm, in source order, those in choices too. */
export function dosesOfArm(arm: S.Arm): readonly DoseAt[] {
  return armDoses.of(arm, findDoses);
}

function findDoses(arm: S.Arm): DoseAt[] {
  const found: DoseAt[] = [];
  for (const phase of arm.phases) stepDoses(phase.steps, arm, phase, NO_OPTIONS, found);
  return found;
}

/** Every cycle block of an arm's phase, those in choices too. */
export function cyclesOf(steps: readonly S.Step[], into: S.Cycle[] = []): S.Cycle[] {
  for (const step of steps) {
    if (step.kind === 'cycle') into.push(step);
    else if (step.kind === 'choice') for (const option of step.options) cyclesOf(option.steps, into);
  }
  return into;
}

/** A criterion and where it stands: inclusion or exclusion, and the group it is in, if any. */
export interface CriterionAt {
  readonly criterion: S.Criterion;
  readonly polarity: 'include' | 'exclude';
  readonly group?: Extract<S.Criterion, { kind: 'group' }>;
}

/**
 * The criteria of each eligibility block, found once: a block is complete when lowered and never
 * changed after (one an edit did not touch is kept, moved in place, with its criteria).
 */
const blockCriteria = kept<S.Eligibility, readonly CriterionAt[]>('blockCriteria');

/** Every criterion, groups and their members alike, inclusion first, in source order. */
export function criteriaOf(eligibility: S.Eligibility | undefined): readonly CriterionAt[] {
  return eligibility ? blockCriteria.of(eligibility, findCriteria) : [];
}

function findCriteria(eligibility: S.Eligibility): CriterionAt[] {
  const all: CriterionAt[] = [];
  const visit = (criteria: readonly S.Criterion[], polarity: CriterionAt['polarity'], group?: CriterionAt['group']) => {
    for (const criterion of criteria) {
      all.push({ criterion, polarity, group });
      if (criterion.kind === 'group') visit(criterion.criteria, polarity, criterion);
    }
  };
  visit(eligibility.inclusion, 'include');
  visit(eligibility.exclusion, 'exclude');
  return all;
}

/** The criteria that must all hold: top-level inclusions and the members of `all` groups among them (a group of one member is that member). */
export function conjunction(criteria: readonly S.Criterion[]): S.Criterion[] {
  return flattened(criteria, 'all', []);
}

/** The criteria any one of which excludes: top-level exclusions and the members of `any` groups among them (a group of one member is that member). */
export function disjunction(criteria: readonly S.Criterion[]): S.Criterion[] {
  return flattened(criteria, 'any', []);
}

/** The criteria, with the members of groups of `mode` (or of one member) in place of the group, and other groups left out. */
function flattened(criteria: readonly S.Criterion[], mode: 'all' | 'any', into: S.Criterion[]): S.Criterion[] {
  for (const criterion of criteria) {
    if (criterion.kind !== 'group') into.push(criterion);
    else if (criterion.mode === mode || criterion.criteria.length === 1) flattened(criterion.criteria, mode, into);
  }
  return into;
}

/** A cycle's doses in order, those of each choice grouped under it: a dose everyone gets, or a choice of options. */
export type CycleEntry<D> =
  | { readonly kind: 'dose'; readonly dose: D }
  | { readonly kind: 'choice'; readonly label?: string; readonly options: readonly { readonly label: string; readonly doses: readonly D[] }[] };

/**
 * The entries of a cycle block (of the model or of the summary): each dose in order, and each
 * choice once, where its first dose stands, with its options' doses.
 */
export function cycleEntries<D>(cycle: {
  readonly doses: readonly D[];
  readonly choices: readonly { readonly label?: string; readonly options: readonly { readonly label: string; readonly doses: readonly number[] }[] }[];
}): CycleEntry<D>[] {
  const entries: CycleEntry<D>[] = [];
  const choiceOf = new Map<number, (typeof cycle.choices)[number]>();
  for (const choice of cycle.choices) for (const option of choice.options) for (const index of option.doses) choiceOf.set(index, choice);
  const shown = new Set<(typeof cycle.choices)[number]>();
  cycle.doses.forEach((dose, index) => {
    const choice = choiceOf.get(index);
    if (!choice) entries.push({ kind: 'dose', dose });
    else if (!shown.has(choice)) {
      shown.add(choice);
      entries.push({
        kind: 'choice',
        ...(choice.label !== undefined ? { label: choice.label } : {}),
        options: choice.options.map((option) => ({ label: option.label, doses: option.doses.map((i) => cycle.doses[i]) })),
      });
    }
  });
  return entries;
}
