/**
 * Suppression comments: `// trial-disable-next-line TPL201` silences that code on the next line,
 * `// trial-disable-next-line` without a code silences every code there (syntax errors excepted:
 * a file that does not parse cannot be made to look as if it did). Codes may be given by number
 * or name, separated by commas or spaces; text after ` -- ` is a reason for the reader. Applied
 * in the analysis, so the CLI, the language server and the exports all honour the same comments.
 * A code the table does not know, or a syntax code, is reported in the comment itself (TPL014).
 */

import { findCode, type Code, type Finding } from '../language/codes';
import type { Comment } from '../syntax/scanner';
import { createLineIndex } from '../util/lines';

/** The directive word a suppression comment starts with, after `//`. */
export const SUPPRESSION_DIRECTIVE = 'trial-disable-next-line';

/** One suppression comment: the line it silences and the codes it names (none: every code). */
export interface Suppression {
  /** The 0-based line whose findings are silenced. */
  readonly line: number;
  /** The codes silenced; empty for every code. */
  readonly codes: readonly Code[];
  /** Where the comment's list of codes ends, for a quick fix that adds one. */
  readonly listEnd: number;
}

const DIRECTIVE = new RegExp(`^//\\s*${SUPPRESSION_DIRECTIVE}(?![\\w.-])`);
/** The same, matched in the document at a comment's offset (sticky), without cutting the comment out. */
const DIRECTIVE_AT = new RegExp(`//\\s*${SUPPRESSION_DIRECTIVE}`, 'y');

/** True for a code a suppression comment may not silence: the scanner's and parser's. */
function isSyntaxCode(code: string): boolean {
  return findCode(code)?.name.startsWith('syntax.') === true;
}

/** Reads the suppression comments of a document; names that are not codes come back as findings. */
export function readSuppressions(text: string, comments: readonly Comment[]): { suppressions: Suppression[]; findings: Finding[] } {
  const suppressions: Suppression[] = [];
  const findings: Finding[] = [];
  let lines: ReturnType<typeof createLineIndex> | undefined;
  for (const comment of comments) {
    if (comment.block) continue;
    // Most comments are prose: the directive is looked for in place, and only its comment is cut out.
    DIRECTIVE_AT.lastIndex = comment.offset;
    const found = DIRECTIVE_AT.exec(text);
    if (!found || found.index + found[0].length > comment.offset + comment.length) continue;
    const body = text.slice(comment.offset, comment.offset + comment.length);
    const directive = DIRECTIVE.exec(body);
    if (!directive) continue;
    lines ??= createLineIndex(text);
    // ` -- ` starts the reason; the codes are what comes before it.
    const reasonAt = body.indexOf(' --', directive[0].length);
    const listEnd = reasonAt < 0 ? body.trimEnd().length : reasonAt;
    const list = body.slice(directive[0].length, listEnd);
    const codes: Code[] = [];
    for (const match of list.matchAll(/[^\s,]+/g)) {
      const name = match[0];
      const at = { offset: comment.offset + directive[0].length + match.index, length: name.length };
      const info = findCode(name);
      if (!info) {
        findings.push({ code: 'TPL014', message: `'${name}' is not a diagnostic code, so this comment silences nothing for it.`, ...at });
      } else if (isSyntaxCode(info.code)) {
        findings.push({ code: 'TPL014', message: `${info.code} is a syntax error, which a comment cannot silence.`, ...at });
      } else {
        codes.push(info.code as Code);
      }
    }
    // A comment that names only codes it cannot silence silences nothing, rather than everything.
    const namedAny = /[^\s,]/.test(list);
    if (namedAny && codes.length === 0) continue;
    suppressions.push({ line: lines.position(comment.offset).line + 1, codes, listEnd: comment.offset + listEnd });
  }
  return { suppressions, findings };
}

/** The findings no suppression comment silences. A finding belongs to the line it starts on. */
export function applySuppressions(text: string, findings: readonly Finding[], suppressions: readonly Suppression[]): Finding[] {
  if (suppressions.length === 0) return [...findings];
  const lines = createLineIndex(text);
  const byLine = new Map<number, Suppression[]>();
  for (const suppression of suppressions) byLine.set(suppression.line, [...(byLine.get(suppression.line) ?? []), suppression]);
  return findings.filter((finding) => {
    if (isSyntaxCode(finding.code)) return true;
    const silencing = byLine.get(lines.position(finding.offset).line);
    return !silencing?.some((suppression) => suppression.codes.length === 0 || suppression.codes.includes(finding.code));
  });
}
