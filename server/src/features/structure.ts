/**
 * The document's structure: outline symbols (trial, drugs, interventions, arms with their
 * phases, cycles and doses, eligibility with its groups, outcomes), folding ranges and
 * selection ranges. All read the syntax tree, so they work on incomplete documents.
 */

import type { Span } from '../model/schema';
import type { Analysis } from '../analysis/analysis';
import { parse } from '../syntax/parser';
import * as T from '../syntax/tree';
import { perItem } from './per-item';

export type OutlineKind =
  'trial' | 'drug' | 'intervention' | 'arm' | 'phase' | 'cycle' | 'dose' | 'surgery' | 'eligibility' | 'group' | 'criterion' | 'outcome';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: OutlineKind;
  readonly span: Span;
  /** The part to select when the symbol is chosen: its name. */
  readonly selection: Span;
  readonly children: OutlineSymbol[];
}

const span = (node: T.NodeBase): Span => ({ offset: node.offset, length: node.length });

/** What the outline reads: the text, for the words of a cycle header or a criterion. */
interface Source {
  readonly text: string;
}

function text(source: Source, node: { readonly offset: number; readonly length: number }): string {
  return source.text.slice(node.offset, node.offset + node.length).replace(/\s+/g, ' ');
}

function regimenSymbols(items: readonly T.ArmItem[], analysis: Source): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  for (const item of items) {
    switch (item.kind) {
      case 'Phase':
        out.push({
          name: item.name.text,
          kind: 'phase',
          span: span(item),
          selection: span(item.name),
          children: regimenSymbols(item.body?.items ?? [], analysis),
        });
        break;
      case 'Cycle': {
        const header = [item.cycleLength, item.cycleLengthUnit]
          .filter(Boolean)
          .map((n) => text(analysis, n!))
          .join(' ');
        const ends = item.clauses.length
          ? ` ${text(analysis, { offset: item.clauses[0].offset, length: item.clauses[item.clauses.length - 1].offset + item.clauses[item.clauses.length - 1].length - item.clauses[0].offset })}`
          : '';
        out.push({
          name: `cycle ${header}${ends}`,
          kind: 'cycle',
          span: span(item),
          selection: span(item.keyword),
          children: regimenSymbols(item.body?.items ?? [], analysis),
        });
        break;
      }
      case 'Dose':
        out.push({
          name: item.drug.text,
          detail: item.amount ? text(analysis, item.amount) : undefined,
          kind: 'dose',
          span: span(item),
          selection: span(item.drug),
          children: [],
        });
        break;
      case 'Surgery':
        out.push({ name: 'surgery', detail: item.note?.value, kind: 'surgery', span: span(item), selection: span(item.keyword), children: [] });
        break;
      case 'Choice':
        out.push({
          name: `choice${item.label ? ` "${item.label.value}"` : ''}`,
          kind: 'phase',
          span: span(item),
          selection: span(item.keyword),
          children: (item.body?.items ?? []).map((option) => ({
            name: `option${option.label ? ` "${option.label.value}"` : ''}`,
            kind: 'phase' as const,
            span: span(option),
            selection: span(option.keyword),
            children: regimenSymbols(option.body?.items ?? [], analysis),
          })),
        });
        break;
      case 'Field':
        break;
    }
  }
  return out;
}

function criterionSymbols(criterion: T.Criterion, polarity: string, analysis: Source): OutlineSymbol {
  if (criterion.kind === 'Group') {
    return {
      name: `${polarity}${criterion.mode.text}${criterion.label ? ` "${criterion.label.value}"` : ''}`,
      kind: 'group',
      span: span(criterion),
      selection: span(criterion.mode),
      children: (criterion.body?.items ?? []).map((child) => criterionSymbols(child, '', analysis)),
    };
  }
  const name = criterion.kind === 'Text' ? criterion.text.value : text(analysis, criterion);
  return {
    name: `${polarity}${name.length > 80 ? `${name.slice(0, 77)}…` : name}`,
    kind: 'criterion',
    span: span(criterion),
    selection: span(criterion),
    children: [],
  };
}

/** LSP forbids empty or blank symbol names: an unnamed element (`outcome ""`) is named by its kind. */
function named(symbol: OutlineSymbol): OutlineSymbol {
  return { ...symbol, name: symbol.name.trim() || symbol.kind, children: symbol.children.map(named) };
}

/** A symbol and its children moved by `delta`. */
function movedSymbol(symbol: OutlineSymbol, delta: number): OutlineSymbol {
  return {
    ...symbol,
    span: { offset: symbol.span.offset + delta, length: symbol.span.length },
    selection: { offset: symbol.selection.offset + delta, length: symbol.selection.length },
    children: symbol.children.map((child) => movedSymbol(child, delta)),
  };
}

/** Each item's outline, kept while the item is (see per-item.ts). */
const itemOutlines = perItem<OutlineSymbol>(movedSymbol);

/** The outline of the document; every name is non-blank. */
export function outline(analysis: Analysis): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  for (const item of analysis.parse.tree.items) for (const symbol of itemOutline(analysis, item)) out.push(symbol);
  return out;
}

/**
 * The outline of one top-level item of the analysis, kept while the item is: what depends on
 * the item alone can be kept by the fronts too (the server keeps its LSP symbols per item).
 */
export function itemOutline(analysis: Analysis, item: T.TopItem): readonly OutlineSymbol[] {
  return itemOutlines.of(item, () => itemSymbols({ text: analysis.text }, item));
}

/**
 * The outline from the syntax alone, without lowering or checks: what workspace symbols need
 * of a file that is not open.
 */
export function outlineOfText(text: string): OutlineSymbol[] {
  return parse(text).tree.items.flatMap((item) => itemSymbols({ text }, item));
}

/** The brief title a trial block writes, for its symbol's detail. */
function titleOf(trial: T.TrialNode): string | undefined {
  const field = trial.body?.items.find((field) => field.name.text === 'title');
  const value = field?.args[0];
  return value?.kind === 'Str' ? value.value : undefined;
}

/** The symbols of one top-level item (none for an item the outline leaves out); every name is non-blank. */
function itemSymbols(analysis: Source, item: T.TopItem): OutlineSymbol[] {
  const symbol = itemSymbol(analysis, item);
  return symbol ? [named(symbol)] : [];
}

/** A declaration's symbol: named by its identifier (or its kind when it has none), selected there. */
function declared(
  item: T.NodeBase & { readonly id?: T.Name; readonly keyword: T.Name },
  kind: OutlineKind,
  detail: string | undefined,
  children: OutlineSymbol[] = [],
): OutlineSymbol {
  return { name: item.id?.text ?? kind, detail, kind, span: span(item), selection: span(item.id ?? item.keyword), children };
}

function itemSymbol(analysis: Source, item: T.TopItem): OutlineSymbol | undefined {
  switch (item.kind) {
    case 'Trial':
      return declared(item, 'trial', titleOf(item));
    case 'Drug':
      return declared(item, 'drug', item.label?.value);
    case 'Intervention':
      return declared(item, 'intervention', item.name?.value);
    case 'Arm':
      return declared(item, 'arm', item.label?.value, regimenSymbols(item.body?.items ?? [], analysis));
    case 'Eligibility':
      return {
        name: 'eligibility',
        kind: 'eligibility',
        span: span(item),
        selection: span(item.keyword),
        children: (item.body?.items ?? []).flatMap((child) =>
          child.kind === 'CriterionStatement' && child.criterion ? [criterionSymbols(child.criterion, `${child.polarity.text} `, analysis)] : [],
        ),
      };
    case 'Outcome':
      return {
        name: item.measure?.value ?? 'outcome',
        detail: item.outcomeKind?.text,
        kind: 'outcome',
        span: span(item),
        selection: span(item.measure ?? item.keyword),
        children: [],
      };
  }
}

export interface FoldingRange {
  readonly startOffset: number;
  readonly endOffset: number;
  readonly kind?: 'comment' | 'region';
}

/** A line break between two comments or tokens: LF, CRLF or a lone CR, as the scanner and the editor count lines. */
const ONE_LINE_BREAK_BETWEEN = /^[ \t]*(?:\r\n|\r|\n)[ \t]*$/;

/** Each item's folding blocks, kept while the item is (see per-item.ts). */
const itemBlocks = perItem<FoldingRange>((range, delta) => ({ startOffset: range.startOffset + delta, endOffset: range.endOffset + delta }));

/**
 * Folding: every block that spans lines, block comments, runs of line comments and `// region`
 * markers. Lines end at LF, CRLF or a lone CR, as LSP counts them; the tree is walked without
 * recursion, so any depth of nesting folds.
 */
export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const text = analysis.text;
  // A block that spans lines has its first break on its first line: the search is short for every block but one-line ones.
  const spansLines = (start: number, end: number) => {
    for (let i = start; i < end; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 || ch === 13) return true;
    }
    return false;
  };
  for (const item of analysis.parse.tree.items) {
    const blocks = itemBlocks.of(item, () => {
      const own: FoldingRange[] = [];
      const pending: T.Node[] = [item];
      while (pending.length > 0) {
        const node = pending.pop()!;
        if (node.kind === 'Block' && spansLines(node.offset, node.offset + node.length))
          own.push({ startOffset: node.offset, endOffset: node.offset + node.length });
        T.forEachChild(node, (child) => pending.push(child));
      }
      return own.sort((a, b) => a.startOffset - b.startOffset);
    });
    for (const range of blocks) ranges.push(range);
  }
  let run: { start: number; end: number } | undefined;
  const regions: number[] = [];
  for (const comment of analysis.parse.comments) {
    const end = comment.offset + comment.length;
    if (comment.block) {
      if (spansLines(comment.offset, end)) ranges.push({ startOffset: comment.offset, endOffset: end, kind: 'comment' });
      continue;
    }
    const body = text.slice(comment.offset, end);
    if (/^\/\/\s*#?region\b/.test(body)) regions.push(comment.offset);
    else if (/^\/\/\s*#?endregion\b/.test(body) && regions.length) ranges.push({ startOffset: regions.pop()!, endOffset: end, kind: 'region' });
    if (run && ONE_LINE_BREAK_BETWEEN.test(text.slice(run.end, comment.offset))) run.end = end;
    else {
      if (run && spansLines(run.start, run.end)) ranges.push({ startOffset: run.start, endOffset: run.end, kind: 'comment' });
      run = { start: comment.offset, end };
    }
  }
  if (run && spansLines(run.start, run.end)) ranges.push({ startOffset: run.start, endOffset: run.end, kind: 'comment' });
  return ranges;
}

/** For each offset, the nested spans that contain it, innermost first (for "expand selection"). */
export function selectionRanges(analysis: Analysis, offsets: readonly number[]): Span[][] {
  return offsets.map((offset) => {
    const spans: Span[] = [];
    for (const node of T.nodePathAtOffset(analysis.parse.tree, offset).reverse()) {
      const last = spans[spans.length - 1];
      if (!last || last.offset !== node.offset || last.length !== node.length) spans.push(span(node));
    }
    return spans;
  });
}
