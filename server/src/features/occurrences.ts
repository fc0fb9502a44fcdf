/**
 * Every place a drug, arm or intervention is named, read off the syntax tree: declarations and
 * uses. Navigation, rename, highlights and semantic tokens all read this one index, so they
 * agree on what a name is (an identifier token, never text inside a string or comment).
 */

import type { Span } from '../model/schema';
import type * as T from '../syntax/tree';

export type SymbolKind = 'drug' | 'arm' | 'intervention';

export interface Occurrence {
  readonly kind: SymbolKind;
  readonly name: string;
  readonly span: Span;
  readonly declaration: boolean;
}

const span = (node: T.NodeBase): Span => ({ offset: node.offset, length: node.length });

function criterionOccurrences(criterion: T.Criterion | undefined, out: Occurrence[]): void {
  if (!criterion) return;
  if (criterion.kind === 'Prior') {
    for (const item of criterion.items) if (item.kind === 'Name') out.push({ kind: 'drug', name: item.text, span: span(item), declaration: false });
  }
  if (criterion.kind === 'Group') for (const child of criterion.body?.items ?? []) criterionOccurrences(child, out);
}

function regimenOccurrences(item: T.ArmItem, out: Occurrence[]): void {
  switch (item.kind) {
    case 'Dose':
      out.push({ kind: 'drug', name: item.drug.text, span: span(item.drug), declaration: false });
      break;
    case 'Cycle':
      for (const dose of item.body?.items ?? []) regimenOccurrences(dose, out);
      break;
    case 'Phase':
      for (const child of item.body?.items ?? []) regimenOccurrences(child, out);
      break;
    case 'Field':
      if (item.name.text === 'uses') {
        for (const arg of item.args) if (arg.kind === 'Name') out.push({ kind: 'intervention', name: arg.text, span: span(arg), declaration: false });
      }
      break;
    case 'Surgery':
      break;
  }
}

/** All occurrences in source order. */
export function occurrences(tree: T.DocumentNode): Occurrence[] {
  const out: Occurrence[] = [];
  for (const item of tree.items) {
    switch (item.kind) {
      case 'Drug':
        if (item.id) out.push({ kind: 'drug', name: item.id.text, span: span(item.id), declaration: true });
        break;
      case 'Intervention':
        if (item.id) out.push({ kind: 'intervention', name: item.id.text, span: span(item.id), declaration: true });
        break;
      case 'Arm':
        if (item.id) out.push({ kind: 'arm', name: item.id.text, span: span(item.id), declaration: true });
        for (const child of item.body?.items ?? []) regimenOccurrences(child, out);
        break;
      case 'Eligibility':
        for (const child of item.body?.items ?? []) if (child.kind === 'CriterionStatement') criterionOccurrences(child.criterion, out);
        break;
    }
  }
  return out.sort((a, b) => a.span.offset - b.span.offset);
}

/** The occurrence under the cursor: a cursor just after a name still counts. */
export function occurrenceAt(all: readonly Occurrence[], offset: number): Occurrence | undefined {
  return all.find((o) => o.span.offset <= offset && offset <= o.span.offset + o.span.length);
}

/** Every occurrence of the same symbol, declaration included. */
export function sameSymbol(all: readonly Occurrence[], target: Occurrence): Occurrence[] {
  return all.filter((o) => o.kind === target.kind && o.name === target.name);
}
