/**
 * Walks over the resolved protocol that several layers need: every dose with where it stands,
 * every criterion with its nesting, and the criteria that must all hold or any of which excludes.
 * One place knows the shape of arms and eligibility; checks, features and the summary iterate.
 */

import type * as S from './schema';

/** A dose and where it stands: its arm, its phase, and its cycle if it is in one. */
export interface DoseAt {
  readonly dose: S.Dose;
  readonly arm: S.Arm;
  readonly phase: S.TreatmentPhase;
  readonly cycle?: S.Cycle;
}

/** Every dose of every arm, in source order. */
export function* dosesOf(protocol: S.Protocol): Generator<DoseAt> {
  for (const arm of protocol.arms) {
    for (const phase of arm.phases) {
      for (const step of phase.steps) {
        if (step.kind === 'cycle') for (const dose of step.doses) yield { dose, arm, phase, cycle: step };
        else if (step.kind === 'dose') yield { dose: step.dose, arm, phase };
      }
    }
  }
}

/** A criterion and where it stands: inclusion or exclusion, and the group it is in, if any. */
export interface CriterionAt {
  readonly criterion: S.Criterion;
  readonly polarity: 'include' | 'exclude';
  readonly group?: Extract<S.Criterion, { kind: 'group' }>;
}

/** Every criterion, groups and their members alike, inclusion first, in source order. */
export function* criteriaOf(eligibility: S.Eligibility | undefined): Generator<CriterionAt> {
  if (!eligibility) return;
  function* visit(criteria: readonly S.Criterion[], polarity: CriterionAt['polarity'], group?: CriterionAt['group']): Generator<CriterionAt> {
    for (const criterion of criteria) {
      yield { criterion, polarity, group };
      if (criterion.kind === 'group') yield* visit(criterion.criteria, polarity, criterion);
    }
  }
  yield* visit(eligibility.inclusion, 'include');
  yield* visit(eligibility.exclusion, 'exclude');
}

/** The criteria that must all hold: top-level inclusions and the members of `all` groups among them. */
export function conjunction(criteria: readonly S.Criterion[]): S.Criterion[] {
  return criteria.flatMap((criterion) => (criterion.kind === 'group' ? (criterion.mode === 'all' ? conjunction(criterion.criteria) : []) : [criterion]));
}

/** The criteria any one of which excludes: top-level exclusions and the members of `any` groups among them. */
export function disjunction(criteria: readonly S.Criterion[]): S.Criterion[] {
  return criteria.flatMap((criterion) => (criterion.kind === 'group' ? (criterion.mode === 'any' ? disjunction(criterion.criteria) : []) : [criterion]));
}
