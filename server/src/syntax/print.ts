/**
 * The one printer of the language: statements as data -> `.trial` text in the canonical layout
 * (two spaces of indentation per block, one space between tokens, one statement per line). Every
 * piece of user text reaches the output through `str` (a string literal with escapes) or a
 * comment line that cannot end early or start a statement, so no text, however hostile, can
 * add a statement. The model printer (model/print.ts), the ClinicalTrials.gov import and the
 * quick fixes that insert statements build on it; the formatter uses its layout.
 */

/** Indentation of one block level. */
export const INDENT = '  ';

/** One token of a statement. */
export type PrintToken =
  { readonly kind: 'word'; readonly text: string } | { readonly kind: 'string'; readonly text: string } | { readonly kind: 'raw'; readonly text: string };

/** A statement: its tokens, comment lines above it, and the block it opens, if any. */
export interface PrintStatement {
  readonly tokens: readonly PrintToken[];
  readonly comments?: readonly string[];
  /** The statements of its `{ … }` block; an empty array prints `{}`. */
  readonly block?: readonly PrintStatement[];
  /** Print the block on one line (`design { allocation randomized  model parallel }`). */
  readonly inline?: boolean;
  /** Tokens after the block's closing brace (a group's note: `} "note"`). */
  readonly tail?: readonly PrintToken[];
}

/** A line on its own: a blank line between items, or a comment with nothing under it. */
export type PrintItem = PrintStatement | { readonly blank: true } | { readonly comment: string };

import { isUnitText } from './scanner';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A keyword or identifier. Anything that is not one is printed as a string literal instead, never as raw text. */
export function word(text: string): PrintToken {
  return IDENTIFIER.test(text) ? { kind: 'word', text } : { kind: 'string', text };
}

/** A string literal. */
export function str(text: string): PrintToken {
  return { kind: 'string', text };
}

/** A number as the language writes it: `85`, `1.5`, `10^4` (a string is taken as written), never in exponent form. */
export function num(value: number | string): PrintToken {
  let text = String(value);
  if (typeof value === 'number' && /e/i.test(text) && Number.isFinite(value) && value >= 0) text = value.toFixed(20).replace(/\.?0+$/, '');
  // As the scanner reads one number: digits, a decimal part, a power (`10^4`; `2^4` is read and reported).
  return /^\d+(?:\.\d+)?(?:\^\d+)?$/.test(text) ? { kind: 'raw', text } : { kind: 'string', text };
}

/**
 * Text the caller knows to be one token of the language: a unit (`mg/m2`, `x10^9/L`), a
 * comparator, a date, a phase (`2/3`), punctuation. Checked to hold no space, quote, brace,
 * semicolon or comment opener, so it cannot end its statement.
 */
export function raw(text: string): PrintToken {
  return /^[^\s"{};]+$/.test(text) && !text.includes('//') && !text.includes('/*') ? { kind: 'raw', text } : { kind: 'string', text };
}

/** A unit, as a dose or threshold writes it (`mg/m2`, `x10^9/L`, `{copies}/mL`); text that would not read back as one unit becomes a string. */
export function unit(text: string): PrintToken {
  return isUnitText(text) ? { kind: 'raw', text } : { kind: 'string', text };
}

/** A string literal of the language: `\"`, `\\`, `\n`, `\t` and `\uXXXX` for other control characters. */
export function quote(text: string): string {
  let out = '"';
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/**
 * Comment lines for a text: each line of it becomes its own `//` line, control characters
 * become spaces, so a line break in the text cannot end the comment and start a statement.
 */
export function commentLines(text: string, indent = ''): string[] {
  return text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((line) =>
      [...line]
        .map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? ' ' : ch))
        .join('')
        .trimEnd(),
    )
    .map((line) => (line ? `${indent}// ${line}` : `${indent}//`));
}

function tokenText(token: PrintToken): string {
  return token.kind === 'string' ? quote(token.text) : token.text;
}

/** Joins tokens with single spaces, except before `,` (lists print as `a, b`). */
export function joinTokens(tokens: readonly PrintToken[]): string {
  let out = '';
  for (const token of tokens) {
    const text = tokenText(token);
    if (out && !(token.kind === 'raw' && text === ',')) out += ' ';
    out += text;
  }
  return out;
}

function statementLines(statement: PrintStatement, depth: number): string[] {
  const indent = INDENT.repeat(depth);
  const lines = (statement.comments ?? []).flatMap((comment) => commentLines(comment, indent));
  // A statement of comments alone: a field left out, with the reason above where it would stand.
  if (statement.tokens.length === 0 && !statement.block) return lines;
  const head = joinTokens(statement.tokens);
  const tail = statement.tail?.length ? ` ${joinTokens(statement.tail)}` : '';
  if (!statement.block) {
    lines.push(indent + head);
    return lines;
  }
  if (statement.inline && !statement.block.some((child) => child.comments?.length)) {
    const inner = statement.block.map((child) => joinTokens(child.tokens)).join('  ');
    lines.push(`${indent}${head}${head ? ' ' : ''}{ ${inner} }${tail}`);
    return lines;
  }
  lines.push(`${indent}${head}${head ? ' ' : ''}{`);
  for (const child of statement.block) lines.push(...statementLines(child, depth + 1));
  lines.push(`${indent}}${tail}`);
  return lines;
}

/** Prints items at the top level (or at `depth`), one statement per line, ending with a line break. */
export function printItems(items: readonly PrintItem[], depth = 0): string {
  const lines: string[] = [];
  for (const item of items) {
    if ('blank' in item) lines.push('');
    else if ('comment' in item) lines.push(...commentLines(item.comment, INDENT.repeat(depth)));
    else lines.push(...statementLines(item, depth));
  }
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** Prints one statement (with its block) at `depth`, without a final line break. */
export function printStatement(statement: PrintStatement, depth = 0): string {
  return statementLines(statement, depth).join('\n');
}

/** A list token sequence: `a, b, c` from tokens. */
export function list(tokens: readonly PrintToken[]): PrintToken[] {
  return tokens.flatMap((token, i) => (i === 0 ? [token] : [{ kind: 'raw' as const, text: ',' }, token]));
}
