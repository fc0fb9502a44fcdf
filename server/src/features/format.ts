/**
 * Formatting: one canonical layout. Indentation is two spaces per open brace; whitespace between
 * two tokens on a line becomes one space (two before a statement that follows another on the
 * same line, as in `design { allocation randomized  model parallel }`), and tokens written
 * together stay together; line breaks
 * stay where they are, runs of blank lines become one, trailing whitespace goes, and the file ends
 * with one line break. The tokens and the lines they stand on never change, so the document
 * parses to the same model; formatting twice gives the same text.
 */

import type { Analysis } from '../analysis/analysis';
import type { TextEdit } from '../language/codes';
import type { Span } from '../model/schema';
import { MAX_NESTING, TOKEN_NAMED } from '../syntax/parser';
import { INDENT } from '../syntax/print';
import { TokenKind } from '../syntax/scanner';
import { forEachChild, type Node } from '../syntax/tree';

interface Atom {
  readonly offset: number;
  readonly end: number;
  readonly kind: TokenKind | 'comment';
}

/** The parse's tokens and comments, in source order: a merge of two sorted lists. */
function atomsOf(analysis: Analysis): Atom[] {
  const { tokens, comments } = analysis.parse;
  const atoms: Atom[] = [];
  let c = 0;
  for (let t = 0; t < tokens.length; t += 3) {
    const offset = tokens[t];
    while (c < comments.length && comments[c].offset < offset) {
      atoms.push({ offset: comments[c].offset, end: comments[c].offset + comments[c].length, kind: 'comment' });
      c++;
    }
    atoms.push({ offset, end: offset + tokens[t + 1], kind: (tokens[t + 2] & ~TOKEN_NAMED) as TokenKind });
  }
  for (; c < comments.length; c++) atoms.push({ offset: comments[c].offset, end: comments[c].offset + comments[c].length, kind: 'comment' });
  return atoms;
}

/** Without trailing spaces and tabs; a loop, not a regex, so a long run costs its length once. */
function trimTrailing(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Indentation for a brace depth; it stops growing where nesting stops being the language (MAX_NESTING). */
function indentation(depth: number): string {
  return INDENT.repeat(Math.min(Math.max(0, depth), MAX_NESTING));
}

interface Line {
  readonly start: number;
  /** End of the line's content, before its line break. */
  readonly end: number;
  readonly breakText: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    lines.push({ start, end: match.index, breakText: match[0] });
    start = match.index + match[0].length;
  }
  lines.push({ start, end: text.length, breakText: '' });
  return lines;
}

/** Where the statements of every block start. */
function statementStarts(analysis: Analysis): Set<number> {
  const starts = new Set<number>();
  const visit = (node: Node) => {
    if (node.kind === 'Block') for (const item of node.items as readonly Node[]) starts.add(item.offset);
    forEachChild(node, visit);
  };
  visit(analysis.parse.tree);
  return starts;
}

/** The formatted text of each line; lines inside a block comment keep theirs. */
function formatLines(analysis: Analysis): { lines: Line[]; formatted: string[]; blank: boolean[] } {
  const text = analysis.text;
  const lines = linesOf(text);
  const atoms = atomsOf(analysis);
  const starts = statementStarts(analysis);
  const formatted: string[] = [];
  const blank: boolean[] = [];
  let atomIndex = 0;
  let depth = 0;
  let openComment: Atom | undefined;
  for (const line of lines) {
    // A line that a block comment started on an earlier line runs through is kept as written.
    if (openComment && openComment.end > line.start) {
      const content = text.slice(line.start, line.end);
      formatted.push(trimTrailing(content));
      blank.push(false);
      if (openComment.end <= line.end) {
        // The comment ends on this line; tokens after it are laid out as the rest of the line.
        const restAtoms: Atom[] = [];
        while (atomIndex < atoms.length && atoms[atomIndex].offset < line.end) {
          const atom = atoms[atomIndex++];
          if (atom !== openComment) restAtoms.push(atom);
        }
        for (const atom of restAtoms) depth += atom.kind === TokenKind.OpenBrace ? 1 : atom.kind === TokenKind.CloseBrace ? -1 : 0;
        openComment = undefined;
      }
      continue;
    }
    const onLine: Atom[] = [];
    while (atomIndex < atoms.length && atoms[atomIndex].offset < line.end) onLine.push(atoms[atomIndex++]);
    if (onLine.length === 0) {
      formatted.push('');
      blank.push(text.slice(line.start, line.end).trim() === '');
      continue;
    }
    const leadingClose = onLine[0].kind === TokenKind.CloseBrace;
    let out = indentation(leadingClose ? depth - 1 : depth);
    onLine.forEach((atom, i) => {
      if (i > 0 && atom.offset > onLine[i - 1].end) {
        const followsStatement = starts.has(atom.offset) && onLine[i - 1].kind !== TokenKind.OpenBrace && onLine[i - 1].kind !== TokenKind.Semicolon;
        out += followsStatement ? '  ' : ' ';
      }
      const atomEnd = Math.min(atom.end, line.end);
      out += text.slice(atom.offset, atomEnd);
      if (atom.kind === TokenKind.OpenBrace) depth++;
      if (atom.kind === TokenKind.CloseBrace) depth = Math.max(0, depth - 1);
      if (atom.kind === 'comment' && atom.end > line.end) openComment = atom;
    });
    // Trailing whitespace goes, except inside a string left open at the end of the line: that is
    // part of the string's value.
    const last = onLine[onLine.length - 1];
    formatted.push(last.kind === TokenKind.String && last.end >= line.end ? out : trimTrailing(out));
    blank.push(false);
  }
  return { lines, formatted, blank };
}

/** Formats the whole document; returns one edit, or none when the text is already formatted. */
export function formatDocument(analysis: Analysis): TextEdit[] {
  const text = analysis.text;
  const { lines, formatted, blank } = formatLines(analysis);
  const lineBreak = lines.find((line) => line.breakText)?.breakText ?? '\n';
  const out: string[] = [];
  let previousBlank = true; // drops blank lines at the start of the file
  formatted.forEach((line, i) => {
    if (blank[i]) {
      if (!previousBlank) out.push('');
      previousBlank = true;
      return;
    }
    out.push(line);
    previousBlank = false;
  });
  while (out.length && out[out.length - 1] === '') out.pop();
  const result = out.length ? out.join(lineBreak) + lineBreak : '';
  return result === text ? [] : [{ offset: 0, length: text.length, newText: result }];
}

/** Formats the lines a range touches: indentation and spacing only (blank lines are kept). */
export function formatRange(analysis: Analysis, range: Span): TextEdit[] {
  const text = analysis.text;
  const { lines, formatted } = formatLines(analysis);
  const edits: TextEdit[] = [];
  lines.forEach((line, i) => {
    const touches = line.start <= range.offset + range.length && range.offset <= line.end;
    const current = text.slice(line.start, line.end);
    if (touches && formatted[i] !== current) edits.push({ offset: line.start, length: line.end - line.start, newText: formatted[i] });
  });
  return edits;
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset))
    result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  return result;
}
