/**
 * Go to definition, references, document highlights and rename, for drugs, arms and
 * interventions. Names are identifiers in the tree; strings and comments are never touched.
 */

import type { TextEdit } from '../language/codes';
import type { Span } from '../model/schema';
import type { Analysis } from '../analysis/analysis';
import { PHASE_KEYWORDS, TOP_LEVEL_KEYWORDS } from '../language/vocabulary';
import { occurrenceAt, occurrences, sameSymbol, type Occurrence } from './occurrences';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Words that start or shape statements where names stand: a drug renamed `surgery` or `cycle`
 * would turn its dose lines into other statements, so such names are refused.
 */
const RESERVED = new Set([
  ...TOP_LEVEL_KEYWORDS,
  ...PHASE_KEYWORDS,
  'cycle',
  'surgery',
  'uses',
  'description',
  'include',
  'exclude',
  'age',
  'sex',
  'healthy_volunteers',
  'any',
  'all',
  'prior',
  'AUC',
  'dose',
  'day',
  'days',
  'for',
  'x',
]);

function target(analysis: Analysis, offset: number): { all: Occurrence[]; at: Occurrence } | undefined {
  const all = occurrences(analysis.parse.tree);
  const at = occurrenceAt(all, offset);
  return at && { all, at };
}

/** Where the symbol under the cursor is declared, if it is. */
export function definition(analysis: Analysis, offset: number): Span | undefined {
  const found = target(analysis, offset);
  if (!found) return undefined;
  return sameSymbol(found.all, found.at).find((o) => o.declaration)?.span;
}

/** Every place the symbol under the cursor is named. */
export function references(analysis: Analysis, offset: number, options: { includeDeclaration: boolean }): Span[] {
  const found = target(analysis, offset);
  if (!found) return [];
  return sameSymbol(found.all, found.at)
    .filter((o) => options.includeDeclaration || !o.declaration)
    .map((o) => o.span);
}

/** The occurrences to highlight: the declaration as written, uses as read. */
export function highlights(analysis: Analysis, offset: number): { span: Span; write: boolean }[] {
  const found = target(analysis, offset);
  if (!found) return [];
  return sameSymbol(found.all, found.at).map((o) => ({ span: o.span, write: o.declaration }));
}

/** The name to rename under the cursor, or undefined where nothing can be renamed. */
export function prepareRename(analysis: Analysis, offset: number): { span: Span; placeholder: string } | undefined {
  const found = target(analysis, offset);
  return found && { span: found.at.span, placeholder: found.at.name };
}

export type RenameResult = { readonly edits: TextEdit[] } | { readonly error: string };

/** Renames the symbol under the cursor everywhere it is named. */
export function rename(analysis: Analysis, offset: number, newName: string): RenameResult {
  const found = target(analysis, offset);
  if (!found) return { error: 'Only drugs, arms and interventions can be renamed.' };
  if (!IDENTIFIER.test(newName)) return { error: `'${newName}' is not an identifier: letters, digits and _, not starting with a digit.` };
  if (RESERVED.has(newName)) return { error: `'${newName}' is a keyword of the language; choose another name.` };
  // Any existing name of the same kind, declared or only used, would merge two symbols into one.
  const clash = found.all.find((o) => o.kind === found.at.kind && o.name === newName);
  if (clash && newName !== found.at.name) return { error: `A ${found.at.kind} named '${newName}' already exists.` };
  return { edits: sameSymbol(found.all, found.at).map((o) => ({ offset: o.span.offset, length: o.span.length, newText: newName })) };
}
