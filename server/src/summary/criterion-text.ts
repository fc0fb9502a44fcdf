/**
 * How the amendment diff and the pre-screening show a criterion: as its author wrote it, read
 * from the source text by its span. Reading the source rather than printing the model keeps
 * every criterion form showable, including forms added to the language after these modules.
 */

import type * as S from '../model/schema';
import type { DocumentNode, EligibilityItem } from '../syntax/tree';

/** Whitespace runs (line breaks included) as one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A criterion as written, on one line, without its `include`/`exclude`: `platelets >= 90 x10^9/L`;
 * a group by its head only: `any "high recurrence risk"`.
 */
export function criterionSource(text: string, criterion: S.Criterion): string {
  const written = text.slice(criterion.span.offset, criterion.span.offset + criterion.span.length);
  if (criterion.kind === 'group') {
    const brace = written.indexOf('{');
    return oneLine(brace >= 0 ? written.slice(0, brace) : written);
  }
  return oneLine(written);
}

/** The text of a span, on one line. */
export function spanSource(text: string, span: S.Span): string {
  return oneLine(text.slice(span.offset, span.offset + span.length));
}

/**
 * The span of an eligibility field statement (`sex all`, `healthy_volunteers no`), which the
 * model keeps without one; read from the syntax tree. Undefined when the statement is absent.
 */
export function eligibilityFieldSpan(tree: DocumentNode | undefined, keyword: string): S.Span | undefined {
  for (const item of tree?.items ?? []) {
    if (item.kind !== 'Eligibility') continue;
    const found = item.body?.items.find((statement: EligibilityItem) => statement.kind === 'Field' && statement.name.text === keyword);
    if (found) return { offset: found.offset, length: found.length };
  }
  return undefined;
}

/**
 * The positions on its analyte's scale that a score criterion admits (`ecog 0-1` on 0-5 is
 * positions 0 and 1); undefined when the analyte has no scale or a value is not on it.
 */
export function scoreRange(scale: readonly (number | string)[] | undefined, from: number | string, to: number | string | undefined): number[] | undefined {
  if (!scale) return undefined;
  const start = scale.findIndex((value) => String(value) === String(from));
  const end = to === undefined ? start : scale.findIndex((value) => String(value) === String(to));
  if (start < 0 || end < 0) return undefined;
  const positions: number[] = [];
  for (let i = Math.min(start, end); i <= Math.max(start, end); i++) positions.push(i);
  return positions;
}
