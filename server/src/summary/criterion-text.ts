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

/** How a renderer writes an analyte and a comparator: as the language does (`alt`, `<=`), or as the registry's text does (`ALT`, `≤`). */
export interface ClauseWords {
  analyte(name: string): string;
  comparator(sign: string): string;
  /** A text condition or event: quoted as the language writes it, or plain. */
  quoted(text: string): string;
  /** A window's anchor: `first_dose`, or `first dose`. */
  moment(word: string): string;
}

export const LANGUAGE_WORDS: ClauseWords = {
  analyte: (name) => name,
  comparator: (sign) => sign,
  quoted: (text) => `"${oneLine(text)}"`,
  moment: (word) => word,
};

/** A limit's value with its unit or ULN multiple: `3 x ULN`, `60 mL/min`, `1000`. */
function limitValueText(limit: { readonly valueText: string; readonly multipleOf?: string; readonly unit?: string }): string {
  if (limit.multipleOf) return `${limit.valueText} x ${limit.multipleOf}`;
  return limit.unit ? `${limit.valueText} ${limit.unit}` : limit.valueText;
}

/** A condition: `if creatinine > 1.5 x ULN`, `if "liver metastases"`. */
export function conditionText(condition: S.WithoutSpans<S.Condition> | S.Condition, words: ClauseWords = LANGUAGE_WORDS): string {
  if (condition.kind === 'text') return `if ${words.quoted(condition.text)}`;
  return `if ${words.analyte(condition.analyte)} ${words.comparator(condition.comparator)} ${limitValueText(condition)}`;
}

/** An alternative limit with its condition: `<= 5 x ULN if "liver metastases"`. */
export function alternativeText(alternative: S.WithoutSpans<S.AlternativeLimit> | S.AlternativeLimit, words: ClauseWords = LANGUAGE_WORDS): string {
  return `${words.comparator(alternative.comparator)} ${limitValueText(alternative)} ${conditionText(alternative.condition, words)}`;
}

const WINDOW_RELATION_WORDS: Readonly<Record<S.TimeWindow['relation'], string>> = {
  within: 'within',
  more_than: 'more than',
  at_least: 'at least',
  less_than: 'less than',
};

/** A time window: `within 28 days before randomization`, `more than 6 months after "surgery"`. */
export function windowText(window: S.WithoutSpans<S.TimeWindow> | S.TimeWindow, words: ClauseWords = LANGUAGE_WORDS): string {
  const anchor = window.anchor.kind === 'moment' ? words.moment(window.anchor.moment) : words.quoted(window.anchor.text);
  return `${WINDOW_RELATION_WORDS[window.relation]} ${window.value} ${window.unit} ${window.direction} ${anchor}`;
}

/**
 * What a criterion says beyond its main limit, with a leading space, or '' when nothing: its
 * condition, its alternatives and its time window (`if creatinine > 1.5 x ULN`,
 * `or <= 5 x ULN if "liver metastases"`, `within 28 days before randomization`). Every renderer
 * of a criterion appends it, so that no limit is shown without what qualifies it.
 */
export function clausesText(criterion: S.WithoutSpans<S.Criterion> | S.Criterion, words: ClauseWords = LANGUAGE_WORDS): string {
  const parts: string[] = [];
  if (criterion.kind === 'threshold') {
    if (criterion.condition) parts.push(conditionText(criterion.condition, words));
    for (const alternative of criterion.alternatives ?? []) parts.push(`or ${alternativeText(alternative, words)}`);
  }
  if ((criterion.kind === 'threshold' || criterion.kind === 'text' || criterion.kind === 'prior') && criterion.window)
    parts.push(windowText(criterion.window, words));
  return parts.length ? ` ${parts.join(' ')}` : '';
}
