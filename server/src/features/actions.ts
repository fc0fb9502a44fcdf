/**
 * Code actions: the quick fixes the checks attach to their diagnostics, for a range, and a
 * "fix all" that applies every preferred fix that does not overlap another.
 */

import type { Fix, TextEdit } from '../language/codes';
import type { Span } from '../model/schema';
import type { Diagnostic } from '../language/rules';

/** What the actions read: the diagnostics as published, with the fixes the checks attached. */
export interface WithDiagnostics {
  readonly diagnostics: readonly Diagnostic[];
}

export interface CodeAction {
  readonly title: string;
  readonly kind: 'quickfix' | 'source.fixAll';
  readonly edits: readonly TextEdit[];
  /** The diagnostic the action fixes, for quick fixes. */
  readonly diagnostic?: Diagnostic;
  /** The diagnostics the action fixes, for "fix all" (in document order, each with the preferred fix applied). */
  readonly diagnostics?: readonly Diagnostic[];
  readonly preferred?: boolean;
}

function overlaps(a: Span, b: Span): boolean {
  return a.offset <= b.offset + b.length && b.offset <= a.offset + a.length;
}

/** The quick fixes of the diagnostics that touch `range`. */
export function quickFixes(analysis: WithDiagnostics, range: Span): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of analysis.diagnostics) {
    if (!diagnostic.fixes || !overlaps(diagnostic, range)) continue;
    for (const fix of diagnostic.fixes) actions.push({ title: fix.title, kind: 'quickfix', edits: fix.edits, diagnostic, preferred: fix.preferred });
  }
  return actions;
}

/** One action applying every preferred fix in the document, skipping any that would overlap an earlier one. */
export function fixAll(analysis: WithDiagnostics): CodeAction | undefined {
  const chosen: Fix[] = [];
  const fixed: Diagnostic[] = [];
  const taken: Span[] = [];
  for (const diagnostic of analysis.diagnostics) {
    const fix = diagnostic.fixes?.find((f) => f.preferred);
    if (!fix || fix.edits.some((edit) => taken.some((span) => overlaps(span, edit)))) continue;
    chosen.push(fix);
    fixed.push(diagnostic);
    taken.push(...fix.edits);
  }
  if (chosen.length === 0) return undefined;
  return { title: `Fix all (${chosen.length})`, kind: 'source.fixAll', edits: chosen.flatMap((fix) => fix.edits), diagnostics: fixed };
}
