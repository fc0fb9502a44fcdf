/**
 * Semantic tokens (drugs, analytes, units, numbers, keywords, arms, interventions…) and inlay
 * hints (a dose's normalised value and its total per cycle). Both read the syntax tree and the
 * model; neither knows LSP's encoding, which the server applies at its edge.
 */

import { findAnalyte } from '../knowledge/analytes';
import { findDrug } from '../knowledge/index';
import { formatNumber } from '../util/text';
import type * as S from '../model/schema';
import { criteriaOf, dosesOf } from '../model/walk';
import type { Analysis } from '../analysis/analysis';
import { doseImplication } from '../summary/summary';
import { ENUM_WORDS, wordDoc } from '../language/docs';
import { FIELD_KEYWORDS } from '../language/fields';
import * as T from '../syntax/tree';
import type { TokenModifier, TokenType } from './legend';
import { perItem } from './per-item';
import { TokenKind } from '../syntax/scanner';
import { firstNotBelow } from '../util/search';

export interface SemanticToken {
  readonly offset: number;
  readonly length: number;
  readonly type: TokenType;
  readonly modifiers: readonly TokenModifier[];
}

/** Classifies a name by where it stands in the tree. */
function nameType(name: T.Name, parent: T.Node, grandparent: T.Node | undefined): { type: TokenType; modifiers: TokenModifier[] } | undefined {
  switch (parent.kind) {
    case 'Dose':
      return parent.drug === name ? { type: 'drug', modifiers: [] } : { type: 'keyword', modifiers: [] };
    case 'Drug':
      return parent.id === name ? { type: 'drug', modifiers: ['declaration'] } : { type: 'keyword', modifiers: [] };
    case 'Arm':
      if (parent.id === name) return { type: 'arm', modifiers: ['declaration'] };
      return parent.armType === name ? { type: 'enumMember', modifiers: [] } : { type: 'keyword', modifiers: [] };
    case 'Intervention':
      if (parent.id === name) return { type: 'intervention', modifiers: ['declaration'] };
      return parent.type === name ? { type: 'enumMember', modifiers: [] } : { type: 'keyword', modifiers: [] };
    case 'Threshold':
    case 'Score':
      if (parent.analyte === name) return { type: 'analyte', modifiers: [] };
      return { type: parent.kind === 'Threshold' ? 'keyword' : 'enumMember', modifiers: [] };
    case 'Prior':
      return parent.keyword === name ? { type: 'keyword', modifiers: [] } : { type: 'drug', modifiers: [] };
    case 'Field':
      if (parent.name === name) return { type: 'property', modifiers: [] };
      if (parent.name.text === 'uses') return { type: 'intervention', modifiers: [] };
      return { type: 'enumMember', modifiers: [] };
    case 'Route':
    case 'Frequency':
      return { type: 'enumMember', modifiers: [] };
    case 'Days':
    case 'Duration':
    case 'Cycle':
    case 'Age':
      return { type: 'keyword', modifiers: [] };
    case 'Outcome':
      return parent.outcomeKind === name ? { type: 'enumMember', modifiers: [] } : { type: 'keyword', modifiers: [] };
    default:
      if (FIELD_KEYWORDS.has(name.text) && grandparent?.kind !== 'Field') return { type: 'keyword', modifiers: [] };
      return ENUM_WORDS.has(name.text) ? { type: 'enumMember', modifiers: [] } : { type: 'keyword', modifiers: [] };
  }
}

/** Each item's tokens, kept while the item is (see per-item.ts). */
const itemTokens = perItem<SemanticToken>((token, delta) => ({
  offset: token.offset + delta,
  length: token.length,
  type: token.type,
  modifiers: token.modifiers,
}));

/**
 * A run of the document's tokens: one top-level item's (`item` set), or those between items.
 * `tokens()` computes them, or gives those kept for the item (moved if it moved): a front that
 * keeps its own form of an item's tokens need not ask.
 */
export interface TokenGroup {
  readonly item?: T.TopItem;
  tokens(): readonly SemanticToken[];
}

/** The semantic tokens of the document, in source order: each top-level item's (kept while the item is), and those between items. */
export function semanticTokens(analysis: Analysis): SemanticToken[] {
  const tokens: SemanticToken[] = [];
  for (const group of semanticTokenGroups(analysis)) for (const token of group.tokens()) tokens.push(token);
  return tokens;
}

/** The semantic tokens in source order, in groups: each top-level item's, and the tokens between items. */
export function semanticTokenGroups(analysis: Analysis): TokenGroup[] {
  const { tree, tokens: read, comments } = analysis.parse;
  const byOffset = (a: SemanticToken, b: SemanticToken) => a.offset - b.offset;
  /** The keywords the tree has no node for, and the comments, in `[start, end)`. */
  const loose = (start: number, end: number): SemanticToken[] => {
    const found: SemanticToken[] = [];
    for (let i = 3 * firstNotBelow(read.length / 3, (k) => read[3 * k] < start); i < read.length && read[i] < end; i += 3) {
      if (read[i + 2] !== TokenKind.Identifier) continue; // a Name node, or not an identifier
      const word = analysis.text.slice(read[i], read[i] + read[i + 1]);
      if (wordDoc(word) !== undefined) found.push({ offset: read[i], length: read[i + 1], type: 'keyword', modifiers: [] });
    }
    for (let i = firstNotBelow(comments.length, (k) => comments[k].offset < start); i < comments.length && comments[i].offset < end; i++)
      found.push({ offset: comments[i].offset, length: comments[i].length, type: 'comment', modifiers: [] });
    return found.sort(byOffset);
  };
  const groups: TokenGroup[] = [];
  let from = 0;
  for (const item of tree.items) {
    const gap = loose(from, item.offset);
    if (gap.length) groups.push({ tokens: () => gap });
    const end = item.offset + item.length;
    groups.push({
      item,
      tokens: () =>
        itemTokens.of(item, () => {
          const found: SemanticToken[] = [];
          nodeTokens(item, tree, undefined, found);
          for (const token of loose(item.offset, end)) found.push(token);
          return found.sort(byOffset);
        }),
    });
    from = end;
  }
  const rest = loose(from, Infinity);
  if (rest.length) groups.push({ tokens: () => rest });
  return groups;
}

/** The token type of each literal node, whatever it stands in. */
const LITERAL_TYPES: Partial<Record<T.Node['kind'], TokenType>> = { Num: 'number', DateLit: 'number', Unit: 'unit', Str: 'string', Op: 'operator' };

/** The tokens of a node's names, numbers, units, strings and operators, classified by where they stand. */
function nodeTokens(node: T.Node, parent: T.Node | undefined, grandparent: T.Node | undefined, tokens: SemanticToken[]): void {
  if (node.kind === 'Name') {
    const classified = parent && nameType(node, parent, grandparent);
    if (classified) tokens.push({ offset: node.offset, length: node.length, ...classified });
    return;
  }
  const literal = LITERAL_TYPES[node.kind];
  if (literal) tokens.push({ offset: node.offset, length: node.length, type: literal, modifiers: [] });
  else T.forEachChild(node, (child) => nodeTokens(child, node, parent, tokens));
}

export interface InlayHint {
  readonly offset: number;
  readonly label: string;
  readonly tooltip?: string;
}

/** `= 1000 mg/m2 · 2000 mg/m2/cycle`, `· up to 35 total`, `· until progression`: what a dose line implies, after it. */
function doseHints(protocol: S.Protocol, dose: S.Dose, cycle: S.Cycle | undefined): InlayHint[] {
  if (dose.amount.form === 'unstated' || dose.amount.form === 'matching') return [];
  const implied = doseImplication(protocol, dose);
  const parts: string[] = [];
  const normalized = dose.amount.form === 'quantity' ? dose.amount.normalized : undefined;
  if (normalized && `${formatNumber(normalized.value)} ${normalized.unit}` !== implied.written)
    parts.push(`= ${formatNumber(normalized.value)} ${normalized.unit}`);
  const quantity = (value: { value: number; max?: number; unit: string }) =>
    `${formatNumber(value.value)}${value.max === undefined ? '' : `-${formatNumber(value.max)}`} ${value.unit}`;
  // Inside a cycle: what one cycle gives; outside: the course's total (or that it has none).
  if (cycle) {
    if (implied.perCycle) parts.push(`${quantity(implied.perCycle)}/cycle`);
  } else if (implied.cumulative) parts.push(`${quantity(implied.cumulative)} total`);
  else if (implied.cumulativeTotal) parts.push(`${implied.cumulativeTotal.kind === 'upTo' ? 'up to ' : ''}${quantity(implied.cumulativeTotal)} total`);
  if (implied.administrations.kind === 'open') parts.push('open-ended');
  if (parts.length === 0) return [];
  const drug = findDrug(dose.drug);
  return [{ offset: dose.span.offset + dose.span.length, label: ` ${parts.join(' · ')}`, tooltip: drug ? `${drug.id}: ${drug.class}` : undefined }];
}

/** Inlay hints in a range: each dose line's normalised dose and its total per cycle (or per course). */
export function inlayHints(analysis: Analysis, range: { offset: number; length: number }): InlayHint[] {
  const hints: InlayHint[] = [];
  const inRange = (span: S.Span) => range.offset <= span.offset + span.length && span.offset <= range.offset + range.length;
  for (const { dose, cycle } of dosesOf(analysis.protocol)) if (inRange(dose.span)) hints.push(...doseHints(analysis.protocol, dose, cycle));
  for (const { criterion } of criteriaOf(analysis.protocol.eligibility)) {
    if (criterion.kind !== 'threshold' || !criterion.normalized || !criterion.ucum || !inRange(criterion.span)) continue;
    if (criterion.normalized.unit === criterion.ucum && criterion.normalized.value === criterion.value) continue;
    hints.push({
      offset: criterion.span.offset + criterion.span.length,
      label: ` = ${formatNumber(criterion.normalized.value)} ${criterion.normalized.unit}`,
      tooltip: findAnalyte(criterion.analyte)?.name,
    });
  }
  return hints.sort((a, b) => a.offset - b.offset);
}
