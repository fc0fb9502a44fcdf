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
const itemTokens = perItem<SemanticToken>((token, delta) => ({ ...token, offset: token.offset + delta }));

/** A run of the document's tokens: one top-level item's (`item` set), or those between items. */
export interface TokenGroup {
  readonly item?: T.TopItem;
  readonly tokens: readonly SemanticToken[];
}

/** The semantic tokens of the document, in source order: each top-level item's (kept while the item is), and those between items. */
export function semanticTokens(analysis: Analysis): SemanticToken[] {
  const tokens: SemanticToken[] = [];
  for (const group of semanticTokenGroups(analysis)) for (const token of group.tokens) tokens.push(token);
  return tokens;
}

/**
 * The semantic tokens in source order, in groups: each top-level item's, kept while the item is
 * (so the fronts may keep what they make of them too), and the tokens between items.
 */
export function semanticTokenGroups(analysis: Analysis): TokenGroup[] {
  const { tree, tokens: read, comments } = analysis.parse;
  const groups: TokenGroup[] = [];
  let nextRead = 0;
  let nextComment = 0;
  /** The keywords the tree has no node for, and the comments, before `end` (from where the last call stopped). */
  const loose = (end: number, into: SemanticToken[]) => {
    for (; nextRead < read.length && read[nextRead] < end; nextRead += 3) {
      if (read[nextRead + 2] !== TokenKind.Identifier) continue; // a Name node, or not an identifier
      const word = analysis.text.slice(read[nextRead], read[nextRead] + read[nextRead + 1]);
      if (wordDoc(word) !== undefined) into.push({ offset: read[nextRead], length: read[nextRead + 1], type: 'keyword', modifiers: [] });
    }
    for (; nextComment < comments.length && comments[nextComment].offset < end; nextComment++) {
      const comment = comments[nextComment];
      into.push({ offset: comment.offset, length: comment.length, type: 'comment', modifiers: [] });
    }
  };
  const byOffset = (a: SemanticToken, b: SemanticToken) => a.offset - b.offset;
  for (const item of tree.items) {
    const gap: SemanticToken[] = [];
    loose(item.offset, gap);
    if (gap.length) groups.push({ tokens: gap.sort(byOffset) });
    const end = item.offset + item.length;
    const own = itemTokens.of(item, () => {
      const found: SemanticToken[] = [];
      nodeTokens(item, tree, undefined, found);
      loose(end, found);
      return found.sort(byOffset);
    });
    // Past what `loose` read inside the item, or would have if the item's tokens were kept.
    while (nextRead < read.length && read[nextRead] < end) nextRead += 3;
    while (nextComment < comments.length && comments[nextComment].offset < end) nextComment++;
    groups.push({ item, tokens: own });
  }
  const rest: SemanticToken[] = [];
  loose(Infinity, rest);
  if (rest.length) groups.push({ tokens: rest.sort(byOffset) });
  return groups;
}

/** The tokens of a node's names, numbers, units, strings and operators, classified by where they stand. */
function nodeTokens(node: T.Node, parent: T.Node | undefined, grandparent: T.Node | undefined, tokens: SemanticToken[]): void {
  switch (node.kind) {
    case 'Name': {
      const classified = parent && nameType(node, parent, grandparent);
      if (classified) tokens.push({ offset: node.offset, length: node.length, ...classified });
      return;
    }
    case 'Num':
    case 'DateLit':
      tokens.push({ offset: node.offset, length: node.length, type: 'number', modifiers: [] });
      return;
    case 'Unit':
      tokens.push({ offset: node.offset, length: node.length, type: 'unit', modifiers: [] });
      return;
    case 'Str':
      tokens.push({ offset: node.offset, length: node.length, type: 'string', modifiers: [] });
      return;
    case 'Op':
      tokens.push({ offset: node.offset, length: node.length, type: 'operator', modifiers: [] });
      return;
  }
  T.forEachChild(node, (child) => nodeTokens(child, node, parent, tokens));
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
