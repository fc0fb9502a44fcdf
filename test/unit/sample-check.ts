/**
 * What the sample tests share: a sample's summary after checking that it has no error and exactly
 * the diagnostics its test expects, and walks over the summary's doses and criteria.
 */

import * as assert from 'node:assert/strict';
import { createProtocolService } from '../../server/src/service';
import type { SummaryCriterion, SummaryDose, SummaryStep, TrialSummary } from '../../server/src/summary/summary';
import { sample } from './util';

const service = createProtocolService();

/**
 * The summary of `samples/<name>`, after asserting that it checks with no error and keeps exactly
 * the `expected` diagnostics, in order: each `CODE severity words of its message`.
 */
export function checkedSummary(name: string, expected: readonly string[]): TrialSummary {
  const text = sample(name);
  const diagnostics = service.analyze(text).diagnostics;
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`),
    [],
    `${name} must check without any error`,
  );
  assert.equal(diagnostics.length, expected.length, diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  expected.forEach((line, i) => {
    const [code, severity, ...words] = line.split(' ');
    const actual = diagnostics[i];
    assert.deepEqual([actual.code, actual.severity], [code, severity]);
    assert.ok(actual.message.includes(words.join(' ')), `${actual.code}: ${actual.message}`);
  });
  return service.summary(text);
}

export type CycleStep = Extract<SummaryStep, { kind: 'cycle' }>;

export interface DoseInArm {
  readonly phase?: string;
  readonly optional?: boolean;
  readonly cycle?: CycleStep;
  readonly dose: SummaryDose;
}

/** Every dose of an arm with its phase and the cycle it sits in, phase by phase. */
export function doses(summary: TrialSummary, armId: string): DoseInArm[] {
  const arm = summary.arms.find((a) => a.id === armId);
  assert.ok(arm, `arm ${armId}`);
  const out: DoseInArm[] = [];
  for (const phase of arm.phases) {
    for (const step of phase.steps) {
      if (step.kind === 'cycle') for (const dose of step.doses) out.push({ phase: phase.name, optional: phase.optional, cycle: step, dose });
      if (step.kind === 'dose') out.push({ phase: phase.name, optional: phase.optional, dose: step.dose });
    }
  }
  return out;
}

/** Criteria with the members of their groups, groups first. */
export function flatten(criteria: readonly SummaryCriterion[]): SummaryCriterion[] {
  return criteria.flatMap((c) => (c.kind === 'group' ? [c, ...flatten(c.criteria)] : [c]));
}

/** The thresholds on an analyte, at any depth; fails when there is none. */
export function thresholdOf(criteria: readonly SummaryCriterion[], analyte: string): Extract<SummaryCriterion, { kind: 'threshold' }>[] {
  const found = flatten(criteria).filter((c): c is Extract<SummaryCriterion, { kind: 'threshold' }> => c.kind === 'threshold' && c.analyte === analyte);
  assert.ok(found.length > 0, `no threshold on ${analyte}`);
  return found;
}
