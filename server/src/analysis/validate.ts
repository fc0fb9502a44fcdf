/**
 * Validation: checks over the resolved protocol and the knowledge tables. Each check is a small
 * set of handlers, registered by the kind of model element it looks at, that reports through
 * one `accept(code, message, at, extras)`. The walker visits every element once and calls the
 * handlers of every check for it.
 */

import type { Code, Finding, Fix, RelatedLocation } from '../language/codes';
import type * as S from '../model/schema';
import { criteriaOf, dosesOf, type CriterionAt, type DoseAt } from '../model/walk';
import { findAnalyte, type Analyte } from '../knowledge/analytes';
import { findDrug, type Drug } from '../knowledge/index';
import { crossChecks } from './checks/cross';
import { doseChecks } from './checks/doses';
import { eligibilityChecks } from './checks/eligibility';
import { nameChecks } from './checks/names';
import { registryChecks } from './checks/registry';
import { scheduleChecks } from './checks/schedules';

export type ThresholdCriterion = Extract<S.Criterion, { kind: 'threshold' }>;

/** Where a dose stands (see model/walk.ts). */
export type DoseContext = DoseAt;

/** Where a criterion stands: inclusion or exclusion, and the group it is in, if any. */
export type CriterionContext = Omit<CriterionAt, 'criterion'>;

export interface CheckContext {
  readonly protocol: S.Protocol;
  readonly text: string;
  accept(code: Code, message: string, at: S.Span, extras?: { fixes?: readonly Fix[]; related?: readonly RelatedLocation[] }): void;
  /** The knowledge row of a drug written by any of its names, cached per document. */
  drug(name: string): Drug | undefined;
  analyte(name: string): Analyte | undefined;
}

/** A check: handlers by element kind. Every handler is optional. */
export interface Check {
  protocol?(protocol: S.Protocol, context: CheckContext): void;
  trial?(trial: S.Trial, context: CheckContext): void;
  arm?(arm: S.Arm, context: CheckContext): void;
  phase?(phase: S.TreatmentPhase, arm: S.Arm, context: CheckContext): void;
  cycle?(cycle: S.Cycle, arm: S.Arm, context: CheckContext): void;
  dose?(dose: S.Dose, where: DoseContext, context: CheckContext): void;
  eligibility?(eligibility: S.Eligibility, context: CheckContext): void;
  criterion?(criterion: S.Criterion, where: CriterionContext, context: CheckContext): void;
}

/** Every check, in the order their findings are produced. */
export const CHECKS: readonly Check[] = [nameChecks, doseChecks, scheduleChecks, eligibilityChecks, registryChecks, crossChecks];

/** Runs every check over a protocol. Never throws: a failing check is reported, not propagated. */
export function validate(protocol: S.Protocol, text: string, checks: readonly Check[] = CHECKS): Finding[] {
  const findings: Finding[] = [];
  const drugCache = new Map<string, Drug | undefined>();
  const context: CheckContext = {
    protocol,
    text,
    accept(code, message, at, extras) {
      findings.push({ code, message, offset: at.offset, length: at.length, ...extras });
    },
    drug(name) {
      if (!drugCache.has(name)) drugCache.set(name, findDrug(name));
      return drugCache.get(name);
    },
    analyte: findAnalyte,
  };

  for (const check of checks) {
    check.protocol?.(protocol, context);
    if (protocol.trial) check.trial?.(protocol.trial, context);
    for (const arm of protocol.arms) {
      check.arm?.(arm, context);
      for (const phase of arm.phases) {
        check.phase?.(phase, arm, context);
        for (const step of phase.steps) if (step.kind === 'cycle') check.cycle?.(step, arm, context);
      }
    }
    if (check.dose) for (const at of dosesOf(protocol)) check.dose(at.dose, at, context);
    if (protocol.eligibility) check.eligibility?.(protocol.eligibility, context);
    if (check.criterion) for (const at of criteriaOf(protocol.eligibility)) check.criterion(at.criterion, at, context);
  }
  return findings;
}

/** The text a span covers. */
export function textAt(text: string, span: S.Span): string {
  return text.slice(span.offset, span.offset + span.length);
}

/** A fix that replaces the text of one span. */
export function replaceFix(title: string, at: S.Span, newText: string): Fix {
  return { title, edits: [{ offset: at.offset, length: at.length, newText }] };
}

/** The one obvious correction: also applied by "fix all". */
export function preferred(fix: Fix): Fix {
  return { ...fix, preferred: true };
}

/**
 * A fix that deletes the statement holding `at` when it stands alone on its line (with its
 * `include`/`exclude` keyword and line break); undefined when the line holds more.
 */
export function deleteLineFix(title: string, text: string, at: S.Span, statementPattern = /^\s*(?:include|exclude)?\s*$/): Fix | undefined {
  const lineStart = text.lastIndexOf('\n', at.offset - 1) + 1;
  const lineEndIndex = text.indexOf('\n', at.offset + at.length);
  const lineEnd = lineEndIndex < 0 ? text.length : lineEndIndex + 1;
  const before = text.slice(lineStart, at.offset);
  const after = text.slice(at.offset + at.length, lineEndIndex < 0 ? text.length : lineEndIndex);
  if (!statementPattern.test(before) || !/^\s*(?:\/\/.*)?$/.test(after)) return undefined;
  return { title, edits: [{ offset: lineStart, length: lineEnd - lineStart, newText: '' }] };
}
