/**
 * How the amendment diff and the pre-screening show a criterion: as its author wrote it, read
 * from the source text by its span. Reading the source rather than printing the model keeps
 * every criterion form showable, including forms added to the language after these modules.
 */

import { WINDOW_RELATION_WORDS } from '../language/vocabulary';
import { partText } from '../model/print';
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

/**
 * How the registry's text writes what qualifies a limit: the analyte in words (`ALT`), the signs
 * `≤` `≥`, conditions and events unquoted, moments in words (`first dose`). The language's own
 * form comes from its printer (`partText` in model/print.ts).
 */
export interface ClauseWords {
  analyte(name: string): string;
  comparator(sign: string): string;
  quoted(text: string): string;
  moment(word: string): string;
}

/** A limit's value with its unit or ULN multiple: `3 x ULN`, `60 mL/min`, `1000`. */
function limitValueText(limit: { readonly valueText: string; readonly multipleOf?: string; readonly unit?: string }): string {
  if (limit.multipleOf) return `${limit.valueText} x ${limit.multipleOf}`;
  return limit.unit ? `${limit.valueText} ${limit.unit}` : limit.valueText;
}

function conditionText(condition: S.WithoutSpans<S.Condition>, words: ClauseWords): string {
  if (condition.kind === 'text') return `if ${words.quoted(condition.text)}`;
  return `if ${words.analyte(condition.analyte)} ${words.comparator(condition.comparator)} ${limitValueText(condition)}`;
}

function windowText(window: S.WithoutSpans<S.TimeWindow>, words: ClauseWords): string {
  const anchor = window.anchor.kind === 'moment' ? words.moment(window.anchor.moment) : words.quoted(window.anchor.text);
  return `${WINDOW_RELATION_WORDS[window.relation]} ${window.value} ${window.unit} ${window.direction} ${anchor}`;
}

/**
 * What a criterion says beyond its main limit, with a leading space, or '' when nothing: its
 * condition, its alternatives and its time window. Every renderer of a criterion appends it, so
 * that no limit is shown without what qualifies it: as the language writes it, or in `words`.
 */
export function clausesText(criterion: S.WithoutSpans<S.Criterion>, words?: ClauseWords): string {
  if (!words) {
    const written = partText.clauses(criterion);
    return written ? ` ${written}` : '';
  }
  const parts: string[] = [];
  if (criterion.kind === 'threshold') {
    if (criterion.condition) parts.push(conditionText(criterion.condition, words));
    for (const alternative of criterion.alternatives ?? [])
      parts.push(`or ${words.comparator(alternative.comparator)} ${limitValueText(alternative)} ${conditionText(alternative.condition, words)}`);
  }
  if ((criterion.kind === 'threshold' || criterion.kind === 'text' || criterion.kind === 'prior') && criterion.window)
    parts.push(windowText(criterion.window, words));
  return parts.length ? ` ${parts.join(' ')}` : '';
}
