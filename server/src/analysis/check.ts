/**
 * What a check is and what it is given: handlers by model element kind, and one context that
 * reports through `accept(code, message, at, extras)` and looks drugs and analytes up. The
 * helpers build the fixes checks attach. Checks import this module, never validate.ts, so the
 * registry of checks (checks/index.ts) needs no import cycle.
 */

import type { Code, Fix, RelatedLocation } from '../language/codes';
import type * as S from '../model/schema';
import type { CriterionAt, DoseAt } from '../model/walk';
import type { Analyte } from '../knowledge/analytes';
import type { Drug } from '../knowledge/index';

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

/**
 * A check: handlers by element kind. Every handler is optional. The handlers of an arm's
 * elements (`arm`, `phase`, `cycle`, `dose`) see, in `context.protocol`, only that arm and, of
 * the trial block, what the trial is about (its conditions, keywords and titles): what they find
 * must depend on nothing else, so it can be kept while those stay as they are
 * (analysis/validate.ts). Likewise the eligibility's handlers
 * (`eligibility`, `criterion`) see only the eligibility block. What compares arms, or an arm
 * with the eligibility, belongs in `protocol`.
 */
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
