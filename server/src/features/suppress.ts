/**
 * The quick fix that silences one diagnostic with a comment on the line before it:
 * `// trial-disable-next-line TPL220`, indented like the line it silences (the comment itself is
 * read by analysis/suppress.ts, so the CLI and the server honour it alike). When that line
 * already holds a suppression comment, the code is added to its list instead of a second comment.
 * Syntax errors get no such fix: a comment cannot silence them.
 */

import { findCode } from '../language/codes';
import type { Diagnostic } from '../language/rules';
import type { Suppression } from '../analysis/suppress';
import { SUPPRESSION_DIRECTIVE } from '../analysis/suppress';
import type { Span } from '../model/schema';
import { commentLines } from '../syntax/print';
import { createLineIndex } from '../util/lines';
import type { CodeAction } from './actions';

/** What the fix reads: the text, its suppression comments and its diagnostics as published. */
export interface SuppressibleDocument {
  readonly text: string;
  readonly suppressions: readonly Suppression[];
  readonly diagnostics: readonly Diagnostic[];
}

function overlaps(a: Span, b: Span): boolean {
  return a.offset <= b.offset + b.length && b.offset <= a.offset + a.length;
}

/** The suppression fixes of the diagnostics that touch `range`: one per code and line. */
export function suppressionFixes(document: SuppressibleDocument, range: Span): CodeAction[] {
  const lines = createLineIndex(document.text);
  const eol = document.text.includes('\r\n') ? '\r\n' : '\n';
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of document.diagnostics) {
    if (!overlaps(diagnostic, range) || findCode(diagnostic.code)?.name.startsWith('syntax.')) continue;
    const line = lines.position(diagnostic.offset).line;
    const key = `${line} ${diagnostic.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const lineStart = lines.offset(line, 0);
    const existing = document.suppressions.find((suppression) => suppression.line === line && suppression.codes.length > 0);
    const edit = existing
      ? { offset: existing.listEnd, length: 0, newText: `, ${diagnostic.code}` }
      : {
          offset: lineStart,
          length: 0,
          newText: `${commentLines(`${SUPPRESSION_DIRECTIVE} ${diagnostic.code}`, indentationAt(document.text, lineStart))[0]}${eol}`,
        };
    actions.push({ title: `Suppress ${diagnostic.code} on this line`, kind: 'quickfix', edits: [edit], diagnostic });
  }
  return actions;
}

/** The spaces and tabs a line starts with. */
function indentationAt(text: string, lineStart: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0];
}
