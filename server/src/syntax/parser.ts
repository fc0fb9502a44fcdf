/**
 * The hand-written recursive-descent parser. `parse(text)` always returns a tree and a list of
 * errors and never throws. Recovery works at statement and block boundaries: after a mistake
 * the parser skips to the next line-starting token, `;` or `}` of the block it is in (skipping
 * nested blocks whole), so independent mistakes are reported once each, and at most one error
 * is reported per token.
 */

import type { Finding } from '../language/codes';
import { FIELD_SPECS, type ArgShape, type FieldContext, type FieldSpec } from '../language/fields';
import { ADMINISTRATION_MODE, STOP_REASON } from '../language/enums';
import {
  COURSE_UNITS,
  CYCLE_LENGTH_UNITS,
  DOSE_LINE_WORDS,
  DURATION_UNITS,
  INFUSION_UNITS,
  isFrequencyWord,
  isRouteWord,
  PHASE_KEYWORDS,
  TOP_LEVEL_KEYWORDS,
  WINDOW_RELATIONS,
  WINDOW_UNITS,
} from '../language/vocabulary';
import { createScanner, isUsableNumber, TokenError, TokenKind, type Comment } from './scanner';
import type * as T from './tree';
import { firstNotBelow } from '../util/search';
import type { Mutable } from '../util/types';

export type SyntaxError = Finding;

export interface ParseResult {
  readonly tree: T.DocumentNode;
  readonly errors: readonly SyntaxError[];
  readonly comments: readonly Comment[];
  /**
   * Every token the parser read, in order, three numbers each: offset, length, and the kind with
   * `TOKEN_NAMED` set when the tree holds the token as a Name node. Features read tokens here
   * (keywords the tree keeps no node for, the formatter's layout) instead of scanning again.
   */
  readonly tokens: Int32Array;
  /**
   * The document's top-level statements as the parser met them, in order: each with where it
   * starts, the token before it, its item (if it parsed to one) and the errors found in it. The
   * parse of a region depends only on its text, the token before it and the token after it,
   * which is what lets `reparse` keep the regions an edit did not reach.
   */
  readonly regions: readonly Region[];
}

/**
 * One top-level statement of a document and what its parse found (see ParseResult.regions); or
 * one statement of the eligibility block (see `statements`).
 */
export interface Region<I extends T.Node = T.TopItem> {
  /** Offset of its first token, and that token's end. */
  readonly start: number;
  readonly firstEnd: number;
  /** The token before its first (0 and 0 for the first region). */
  readonly prevStart: number;
  readonly prevEnd: number;
  readonly item?: I;
  /** The syntax errors reported while it was parsed (those of the end of the file go to the last region). */
  readonly errors: readonly SyntaxError[];
  /**
   * For an eligibility block whose `}` closes it: the statements of its body, as regions of
   * their own, so that an edit inside the block is parsed again only in the statements it
   * reaches. Their offsets, and their errors' (which are also in the block's own list), count
   * from the block's `start`: moving the block leaves them as they are.
   */
  readonly statements?: readonly Region<T.EligibilityItem>[];
}

/** One change between two texts: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new. */
export interface TextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** Set in a token's kind word (ParseResult.tokens) when the tree holds it as a Name node. */
export const TOKEN_NAMED = 1 << 8;

/** How deep blocks may nest; deeper blocks are reported and skipped, so the parser's stack stays bounded. */
export const MAX_NESTING = 64;

/** Words that continue a limit after its number (`or`, `if`, a time window): never read as its unit. */
const LIMIT_WORDS: ReadonlySet<string> = new Set(['or', 'if', ...Object.keys(WINDOW_RELATIONS)]);

/** Words that continue a dose line, so they are never read as its unit. */
function isDoseKeyword(word: string): boolean {
  return isRouteWord(word) || isFrequencyWord(word) || DOSE_LINE_WORDS.has(word);
}

const TOKEN_DESCRIPTIONS: Record<TokenKind, string> = {
  [TokenKind.EOF]: 'the end of the file',
  [TokenKind.Identifier]: 'a word',
  [TokenKind.Number]: 'a number',
  [TokenKind.Date]: 'a date',
  [TokenKind.String]: 'a string',
  [TokenKind.Unit]: 'a unit',
  [TokenKind.OpenBrace]: '`{`',
  [TokenKind.CloseBrace]: '`}`',
  [TokenKind.Comma]: '`,`',
  [TokenKind.Semicolon]: '`;`',
  [TokenKind.Slash]: '`/`',
  [TokenKind.Dash]: '`-`',
  [TokenKind.Greater]: '`>`',
  [TokenKind.GreaterEqual]: '`>=`',
  [TokenKind.Less]: '`<`',
  [TokenKind.LessEqual]: '`<=`',
  [TokenKind.Equal]: '`=`',
  [TokenKind.Unknown]: 'a character',
};

const ARG_DESCRIPTIONS: Record<ArgShape, string> = {
  string: 'a string in double quotes',
  stringList: 'a list of strings',
  word: 'a word',
  wordList: 'a list of words',
  nameList: 'a list of identifiers',
  number: 'a number',
  date: 'a date (YYYY-MM-DD or YYYY-MM)',
  phase: 'a phase (early_1, 1, 1/2, 2, 2/3, 3, 4 or na)',
  wordOrString: 'a word or a string',
};

/** Parses a `.trial` document. Never throws. */
export function parse(text: string): ParseResult {
  const run = parseRegions(text, { prevStart: 0, prevEnd: 0 });
  return {
    tree: { kind: 'Document', offset: 0, length: text.length, items: itemsOf(run.regions) },
    errors: errorsOf(run.head, run.regions),
    comments: run.comments,
    tokens: run.tokens,
    regions: run.regions,
  };
}

/** Where a run of the parser starts: just after the token before its first region. */
interface Resume {
  readonly prevStart: number;
  readonly prevEnd: number;
}

interface Run {
  /** Errors reported before the first region (an empty document's). */
  readonly head: readonly SyntaxError[];
  readonly regions: Region[];
  /** A run inside the eligibility block's body: its statements, and how it ended (`at` the offset of the token it ended at). */
  readonly body?: { readonly statements: Region<T.EligibilityItem>[]; readonly end: BodyEnd; readonly at: number };
  readonly comments: readonly Comment[];
  readonly tokens: Int32Array;
}

/** How the statements of a block ended: at its `}`, at the end of the file or a top-level keyword, or where `stop` said. */
type BodyEnd = 'closed' | 'unclosed' | 'stopped';

/** Asked before each statement: true when the parse has reached one it can keep. */
type Stop = (start: number, prevStart: number, prevEnd: number) => boolean;

function itemsOf<I extends T.Node>(regions: readonly Region<I>[]): I[] {
  const items: I[] = [];
  for (const region of regions) if (region.item) items.push(region.item);
  return items;
}

function errorsOf(head: readonly SyntaxError[], regions: readonly Region<T.Node>[]): SyntaxError[] {
  const errors = [...head];
  for (const region of regions) for (const error of region.errors) errors.push(error);
  return errors.sort((a, b) => a.offset - b.offset);
}

/**
 * Parses top-level statements from `resume` on, until the end of the text or until `stop` says
 * the parse has reached a region it can keep (it is asked before each statement). With `inBody`,
 * parses statements of the eligibility block's body instead (counted from `inBody.base`, the
 * block's start), until its `}` or `stop`.
 */
function parseRegions(text: string, resume: Resume, stop?: Stop, inBody?: { readonly base: number }): Run {
  const scanner = createScanner(text, resume.prevEnd);
  let errors: SyntaxError[] = [];
  const reportedOffsets = new Set<number>();
  let previousEnd = resume.prevEnd;
  let previousStart = resume.prevStart;
  let tokens = new Int32Array(3 * 1024);
  let tokenCount = 0;
  let depth = 0;

  function recordToken(flags: number): void {
    if (3 * tokenCount + 3 > tokens.length) {
      const grown = new Int32Array(tokens.length * 2);
      grown.set(tokens);
      tokens = grown;
    }
    tokens[3 * tokenCount] = scanner.tokenOffset();
    tokens[3 * tokenCount + 1] = scanner.tokenLength();
    tokens[3 * tokenCount + 2] = scanner.token() | flags;
    tokenCount++;
  }

  // ---- token helpers ----------------------------------------------------------------------

  const tok = () => scanner.token();
  const offset = () => scanner.tokenOffset();
  const end = () => scanner.tokenOffset() + scanner.tokenLength();
  const tokText = () => scanner.tokenValue();
  const atLineStart = () => scanner.precededByLineBreak() || previousEnd === 0;
  /** True when the current token belongs to the statement being parsed (same line, not a terminator). */
  const onSameLine = () => !scanner.precededByLineBreak() && tok() !== TokenKind.EOF && tok() !== TokenKind.Semicolon && tok() !== TokenKind.CloseBrace;
  const isWord = (word: string) => tok() === TokenKind.Identifier && tokText() === word;

  function report(code: Finding['code'], message: string, start: number, length: number): void {
    if (reportedOffsets.has(start)) return;
    reportedOffsets.add(start);
    errors.push({ code, message, offset: start, length: Math.max(0, length) });
  }

  /** Reports a scanner-level problem of the current token, once. */
  function reportTokenError(): void {
    switch (tok()) {
      case TokenKind.Unknown:
        report('TPL001', `Unexpected character '${scanner.tokenText()}'.`, offset(), scanner.tokenLength());
        return;
      case TokenKind.EOF:
        if (scanner.tokenError() === TokenError.UnterminatedComment) {
          report('TPL004', 'This comment has no closing */.', scanner.tokenErrorOffset(), 2);
        }
        return;
    }
    switch (scanner.tokenError()) {
      case TokenError.UnterminatedString:
        report('TPL002', 'This string has no closing quote on its line.', offset(), scanner.tokenLength());
        break;
      case TokenError.InvalidEscape:
        // A backslash may be the last character of the file: the range never passes the end.
        report('TPL003', 'Unknown escape; use \\" \\\\ \\n \\t or \\uXXXX.', scanner.tokenErrorOffset(), Math.min(2, end() - scanner.tokenErrorOffset()));
        break;
      case TokenError.InvalidNumber:
        report(
          'TPL005',
          isUsableNumber(scanner.tokenNumber())
            ? `'${scanner.tokenText()}' is not a number: only powers of ten (10^N) are allowed.`
            : `'${scanner.tokenText()}' is too large: numbers go up to 10^18.`,
          offset(),
          scanner.tokenLength(),
        );
        break;
    }
  }

  function next(flags = 0): void {
    recordToken(flags);
    reportTokenError();
    previousStart = offset();
    previousEnd = end();
    scanner.scan();
    if (tok() === TokenKind.EOF) reportTokenError();
  }

  function describeCurrent(): string {
    if (tok() === TokenKind.Identifier) return `'${tokText()}'`;
    if (tok() === TokenKind.Number || tok() === TokenKind.Date) return `'${scanner.tokenText()}'`;
    return TOKEN_DESCRIPTIONS[tok()];
  }

  /**
   * Reports that `what` is missing. When the current token is on the statement's line it is the
   * culprit; otherwise the statement ended early and the last token read is marked.
   */
  function reportMissing(what: string, after: string): void {
    if (tok() === TokenKind.Unknown) {
      reportTokenError();
    } else if (onSameLine()) {
      report('TPL010', `Expected ${what} after ${after}, found ${describeCurrent()}.`, offset(), scanner.tokenLength());
    } else {
      report('TPL010', `Expected ${what} after ${after}.`, previousStart, previousEnd - previousStart);
    }
  }

  /** Skips the rest of the current statement, nested blocks included; stops before `}` and after `;`. */
  function skipStatement(): void {
    let first = true;
    while (tok() !== TokenKind.EOF) {
      if (!first && scanner.precededByLineBreak()) return;
      first = false;
      if (tok() === TokenKind.CloseBrace) return;
      if (tok() === TokenKind.Semicolon) {
        next();
        return;
      }
      if (tok() === TokenKind.OpenBrace) {
        skipBlock();
        continue;
      }
      next();
    }
  }

  /** Skips a balanced `{ … }` starting at the current `{`. */
  function skipBlock(): void {
    let depth = 0;
    while (tok() !== TokenKind.EOF) {
      if (tok() === TokenKind.OpenBrace) depth++;
      if (tok() === TokenKind.CloseBrace) {
        depth--;
        if (depth === 0) {
          next();
          return;
        }
      }
      next();
    }
  }

  /**
   * After a complete statement: anything left on its line is reported once and skipped, unless
   * it starts the block's next statement (`design { allocation randomized  model parallel }`).
   */
  function finishStatement(what: string, startsStatement?: (word: string) => boolean): void {
    if (tok() === TokenKind.Semicolon) {
      next();
      return;
    }
    if (!onSameLine()) return;
    if (startsStatement && tok() === TokenKind.Identifier && startsStatement(tokText())) return;
    if (tok() === TokenKind.Unknown) reportTokenError();
    else report('TPL013', `Did not expect ${describeCurrent()} after ${what}; a statement ends at a line break or ';'.`, offset(), scanner.tokenLength());
    skipStatement();
  }

  // ---- leaves ------------------------------------------------------------------------------

  function name(): T.Name {
    const node: T.Name = { kind: 'Name', offset: offset(), length: scanner.tokenLength(), text: tokText() };
    next(TOKEN_NAMED);
    return node;
  }

  function str(): T.Str {
    const node: T.Str = { kind: 'Str', offset: offset(), length: scanner.tokenLength(), value: tokText() };
    next();
    return node;
  }

  function num(): T.Num {
    const node: T.Num = { kind: 'Num', offset: offset(), length: scanner.tokenLength(), value: scanner.tokenNumber(), text: scanner.tokenText() };
    next();
    return node;
  }

  function dateLit(): T.DateLit {
    const node: T.DateLit = { kind: 'DateLit', offset: offset(), length: scanner.tokenLength(), text: tokText() };
    next();
    return node;
  }

  function op(): T.Op | undefined {
    let text: T.Op['text'];
    switch (tok()) {
      case TokenKind.Greater:
        text = '>';
        break;
      case TokenKind.GreaterEqual:
        text = '>=';
        break;
      case TokenKind.Less:
        text = '<';
        break;
      case TokenKind.LessEqual:
        text = '<=';
        break;
      case TokenKind.Equal:
        text = '=';
        break;
      default:
        return undefined;
    }
    const node: T.Op = { kind: 'Op', offset: offset(), length: scanner.tokenLength(), text };
    next();
    return node;
  }

  function expectString(after: string): T.Str | undefined {
    if (tok() === TokenKind.String && onSameLine()) return str();
    reportMissing('a string in double quotes', after);
    return undefined;
  }

  function expectNumber(after: string): T.Num | undefined {
    if (tok() === TokenKind.Number && onSameLine()) return num();
    reportMissing('a number', after);
    return undefined;
  }

  function expectName(what: string, after: string): T.Name | undefined {
    if (tok() === TokenKind.Identifier && onSameLine()) return name();
    reportMissing(what, after);
    return undefined;
  }

  /** Reads a unit written right after a number on the same line, if one is there. */
  function optionalUnit(): T.UnitLit | undefined {
    if (!onSameLine()) return undefined;
    const kind = tok();
    if (kind === TokenKind.String || kind === TokenKind.Comma || kind === TokenKind.OpenBrace || kind === TokenKind.Number || kind === TokenKind.Date)
      return undefined;
    if (kind === TokenKind.Identifier && (isDoseKeyword(tokText()) || LIMIT_WORDS.has(tokText()))) return undefined;
    if (scanner.rescanAsUnit() !== TokenKind.Unit) return undefined;
    const node: T.UnitLit = { kind: 'Unit', offset: offset(), length: scanner.tokenLength(), text: tokText() };
    next();
    return node;
  }

  /**
   * Completes a node literal with its range, from `start` to the end of the last token read.
   * The literal is fresh and owned here, so it is completed in place: a spread copy of every
   * field was most of the parser's time.
   */
  function nodeFrom<N extends T.NodeBase>(start: number, fields: Omit<N, 'offset' | 'length'>): N {
    const node = fields as unknown as { offset: number; length: number };
    node.offset = start;
    node.length = Math.max(previousEnd, start) - start;
    return node as unknown as N;
  }

  // ---- blocks ------------------------------------------------------------------------------

  /**
   * Parses `{ item* }` at the current `{`. `parseItem` parses one statement or returns
   * undefined after reporting; the loop guarantees progress either way.
   */
  function block<I>(parseItem: () => I | undefined): T.Block<I> {
    const start = offset();
    if (depth >= MAX_NESTING) {
      report('TPL015', `Blocks nest more than ${MAX_NESTING} deep here; this block is skipped.`, start, 1);
      skipBlock();
      return { kind: 'Block', offset: start, length: previousEnd - start, items: [], closed: true };
    }
    depth++;
    try {
      return blockItems(start, parseItem);
    } finally {
      depth--;
    }
  }

  function blockItems<I>(start: number, parseItem: () => I | undefined): T.Block<I> {
    next(); // {
    const items: I[] = [];
    while (true) {
      if (tok() === TokenKind.CloseBrace) {
        next();
        return { kind: 'Block', offset: start, length: previousEnd - start, items, closed: true };
      }
      if (tok() === TokenKind.EOF || (tok() === TokenKind.Identifier && TOP_LEVEL_KEYWORDS.has(tokText()) && atLineStart())) {
        report('TPL012', 'This { has no closing }.', start, 1);
        return { kind: 'Block', offset: start, length: Math.max(previousEnd, start + 1) - start, items, closed: false };
      }
      if (tok() === TokenKind.Semicolon) {
        next();
        continue;
      }
      const before = offset();
      const item = parseItem();
      if (item !== undefined) items.push(item);
      if (offset() === before && tok() !== TokenKind.CloseBrace && tok() !== TokenKind.EOF) {
        // No progress: the item parser reported and left the token; skip the statement.
        skipStatement();
      }
    }
  }

  function optionalBlock<I>(parseItem: () => I | undefined): T.Block<I> | undefined {
    if (tok() === TokenKind.OpenBrace) return block(parseItem);
    return undefined;
  }

  function requiredBlock<I>(parseItem: () => I | undefined, after: string): T.Block<I> | undefined {
    if (tok() === TokenKind.OpenBrace) return block(parseItem);
    reportMissing('`{`', after);
    skipStatement();
    return undefined;
  }

  // ---- fields ------------------------------------------------------------------------------

  function unknownStatement(context: string, expected: readonly string[]): void {
    if (tok() === TokenKind.Unknown) reportTokenError();
    else if (tok() === TokenKind.Identifier) {
      report('TPL011', `'${tokText()}' is not a statement in ${context}; expected ${listWords(expected)}.`, offset(), scanner.tokenLength());
    } else {
      report('TPL013', `Did not expect ${describeCurrent()} in ${context}; expected ${listWords(expected)}.`, offset(), scanner.tokenLength());
    }
    skipStatement();
  }

  function fieldItem(context: FieldContext): T.Field | undefined {
    const specs = FIELD_SPECS[context];
    if (tok() !== TokenKind.Identifier || !Object.hasOwn(specs, tokText())) {
      unknownStatement(contextDescription(context), Object.keys(specs));
      return undefined;
    }
    return field(specs[tokText()], (word) => Object.hasOwn(specs, word));
  }

  function field(spec: FieldSpec, startsStatement?: (word: string) => boolean): T.Field {
    const start = offset();
    const keyword = name();
    const args: T.FieldArg[] = [];
    const after = `'${keyword.text}'`;
    for (const arg of spec.args) {
      if (arg.introducedBy) {
        if (!(isWord(arg.introducedBy) && onSameLine())) continue;
        next();
      } else if (arg.optional && !canStartArg(arg.shape)) {
        continue;
      }
      const parsed = fieldArg(arg.shape, arg.introducedBy ? `'${arg.introducedBy}'` : after);
      if (parsed.length === 0) break;
      args.push(...parsed);
    }
    let body: T.Block<T.Field> | undefined;
    if (spec.block) {
      const context = spec.block;
      body = spec.blockOptional ? optionalBlock(() => fieldItem(context)) : requiredBlock(() => fieldItem(context), after);
    }
    const node = nodeFrom<T.Field>(start, { kind: 'Field', name: keyword, args, block: body });
    finishStatement(after, startsStatement);
    return node;
  }

  function canStartArg(shape: ArgShape): boolean {
    if (!onSameLine()) return false;
    switch (shape) {
      case 'string':
      case 'stringList':
        return tok() === TokenKind.String;
      case 'word':
      case 'wordList':
      case 'nameList':
        return tok() === TokenKind.Identifier;
      case 'number':
        return tok() === TokenKind.Number;
      case 'date':
        return tok() === TokenKind.Date;
      case 'phase':
        return tok() === TokenKind.Number || tok() === TokenKind.Identifier;
      case 'wordOrString':
        return tok() === TokenKind.Identifier || tok() === TokenKind.String;
    }
  }

  /** Parses one argument of `shape`; returns no nodes after reporting when it is missing. */
  function fieldArg(shape: ArgShape, after: string): T.FieldArg[] {
    if (!canStartArg(shape)) {
      reportMissing(ARG_DESCRIPTIONS[shape], after);
      return [];
    }
    switch (shape) {
      case 'string':
        return [str()];
      case 'word':
        return [name()];
      case 'number':
        return [num()];
      case 'date':
        return [dateLit()];
      case 'wordOrString':
        return [tok() === TokenKind.String ? str() : name()];
      case 'phase': {
        if (tok() === TokenKind.Identifier) return [name()];
        const start = offset();
        const numerator = num();
        if (tok() !== TokenKind.Slash || !onSameLine()) return [numerator];
        next();
        const denominator = expectNumber("'/'");
        return [nodeFrom<T.Fraction>(start, { kind: 'Fraction', numerator, denominator })];
      }
      case 'stringList':
      case 'wordList':
      case 'nameList': {
        const items: T.FieldArg[] = [shape === 'stringList' ? str() : name()];
        while (tok() === TokenKind.Comma) {
          next();
          // A list may continue on the next line after a trailing comma.
          if (shape === 'stringList' ? tok() === TokenKind.String : tok() === TokenKind.Identifier) {
            items.push(shape === 'stringList' ? str() : name());
          } else {
            reportMissing(shape === 'stringList' ? 'a string' : 'an identifier', "','");
            break;
          }
        }
        return items;
      }
    }
  }

  // ---- top level ---------------------------------------------------------------------------

  function trial(): T.TrialNode {
    const start = offset();
    const keyword = name();
    const id = expectName('the NCT number (NCT and 8 digits)', "'trial'");
    const body = requiredBlock(() => fieldItem('trial'), id ? `'${id.text}'` : "'trial'");
    const node = nodeFrom<T.TrialNode>(start, { kind: 'Trial', keyword, id, body });
    finishStatement('the trial block');
    return node;
  }

  function drug(): T.DrugNode {
    const start = offset();
    const keyword = name();
    const id = expectName("the drug's generic name", "'drug'");
    const label = tok() === TokenKind.String && onSameLine() ? str() : undefined;
    const body = optionalBlock(() => fieldItem('drug'));
    const node = nodeFrom<T.DrugNode>(start, { kind: 'Drug', keyword, id, label, body });
    finishStatement('the drug declaration');
    return node;
  }

  function intervention(): T.InterventionNode {
    const start = offset();
    const keyword = name();
    const id = expectName('an identifier for the intervention', "'intervention'");
    const type = id ? expectName('the intervention type (drug, procedure, biological…)', `'${id.text}'`) : undefined;
    const interventionName = type ? expectString(`'${type.text}'`) : undefined;
    const body = optionalBlock(() => fieldItem('intervention'));
    const node = nodeFrom<T.InterventionNode>(start, { kind: 'Intervention', keyword, id, type, name: interventionName, body });
    if (!id || !type || !interventionName) skipStatementIfOnLine();
    else finishStatement('the intervention');
    return node;
  }

  function skipStatementIfOnLine(): void {
    if (onSameLine()) skipStatement();
  }

  function arm(): T.ArmNode {
    const start = offset();
    const keyword = name();
    const id = expectName('an identifier for the arm', "'arm'");
    let label: T.Str | undefined;
    let armType: T.Name | undefined;
    if (id) label = expectString(`'${id.text}'`);
    // The type may be left out, as the registry's groups of observational studies have none.
    if (label && tok() !== TokenKind.OpenBrace) armType = expectName('the arm type (experimental, active_comparator, no_intervention…)', 'the label');
    // A mistake in the header still lets the body be read, so its own mistakes are found.
    while (onSameLine() && tok() !== TokenKind.OpenBrace) next();
    const body = requiredBlock(armItem, 'the arm header');
    const node = nodeFrom<T.ArmNode>(start, { kind: 'Arm', keyword, id, label, armType, body });
    finishStatement('the arm');
    return node;
  }

  function armItem(): T.ArmItem | undefined {
    if (tok() === TokenKind.Identifier) {
      const word = tokText();
      if (word === 'description') return field(FIELD_SPECS.arm.description);
      if (word === 'uses') return field(FIELD_SPECS.arm.uses);
      if (startsPhase()) return phase();
    }
    return regimenItem('an arm');
  }

  /** True when the token after the current one is `{`: skips whitespace and comments, without copying the text. */
  function peekIsOpenBrace(): boolean {
    let pos = end();
    while (pos < text.length) {
      const ch = text.charCodeAt(pos);
      if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 11 || ch === 12 || ch === 0xa0 || ch === 0xfeff || ch === 0x2028 || ch === 0x2029) {
        pos++;
      } else if (ch === 47 && text.charCodeAt(pos + 1) === 47) {
        while (pos < text.length && text.charCodeAt(pos) !== 10 && text.charCodeAt(pos) !== 13) pos++;
      } else if (ch === 47 && text.charCodeAt(pos + 1) === 42) {
        const close = text.indexOf('*/', pos + 2);
        if (close < 0) return false;
        pos = close + 2;
      } else {
        return ch === 123;
      }
    }
    return false;
  }

  let lookahead: ReturnType<typeof createScanner> | undefined;

  /** The kind and text of the token after the current one, without moving: a scan from its end. */
  function peek(): { kind: TokenKind; text: string; lineBreak: boolean } {
    // One lookahead scanner for the whole parse: a scanner is a closure of many functions, and a
    // day list peeks after every comma.
    lookahead ??= createScanner(text);
    const ahead = lookahead;
    ahead.reset(end());
    const kind = ahead.scan();
    return { kind, text: kind === TokenKind.Identifier ? ahead.tokenValue() : ahead.tokenText(), lineBreak: ahead.precededByLineBreak() };
  }

  /** A phase starts with its word followed by `{`, `optional` or its label. */
  function startsPhase(): boolean {
    if (!(tok() === TokenKind.Identifier && PHASE_KEYWORDS.has(tokText()))) return false;
    if (peekIsOpenBrace()) return true;
    const after = peek();
    return !after.lineBreak && ((after.kind === TokenKind.Identifier && after.text === 'optional') || after.kind === TokenKind.String);
  }

  function phase(): T.PhaseNode {
    const start = offset();
    const phaseName = name();
    const optional = isWord('optional') && onSameLine() ? name() : undefined;
    const label = tok() === TokenKind.String && onSameLine() ? str() : undefined;
    const body = requiredBlock(
      () => {
        if (startsPhase()) {
          report('TPL011', `Phases do not nest: close '${phaseName.text}' before starting '${tokText()}'.`, offset(), scanner.tokenLength());
          skipStatement();
          return undefined;
        }
        return regimenItem(`the ${phaseName.text} phase`);
      },
      label ? 'the phase label' : `'${(optional ?? phaseName).text}'`,
    );
    const node = nodeFrom<T.PhaseNode>(start, { kind: 'Phase', name: phaseName, optional, label, body });
    finishStatement(`the ${phaseName.text} phase`);
    return node;
  }

  function regimenItem(context: string): T.RegimenItem | undefined {
    if (tok() !== TokenKind.Identifier) {
      unknownStatement(context, ['a dose line', 'cycle', 'surgery', 'choice']);
      return undefined;
    }
    if (isWord('cycle')) return cycle();
    if (isWord('surgery')) return surgery();
    if (isWord('choice')) return choice(regimenItem);
    return dose();
  }

  function surgery(): T.SurgeryNode {
    const start = offset();
    const keyword = name();
    const note = tok() === TokenKind.String && onSameLine() ? str() : undefined;
    const node = nodeFrom<T.SurgeryNode>(start, { kind: 'Surgery', keyword, note });
    finishStatement("'surgery'");
    return node;
  }

  /** `choice ["label"] { option "label" { … } … }`; each option holds what `item` parses. */
  function choice(item: (context: string) => T.RegimenItem | undefined): T.ChoiceNode {
    const start = offset();
    const keyword = name();
    const label = tok() === TokenKind.String && onSameLine() ? str() : undefined;
    const body = requiredBlock(
      () => {
        if (!isWord('option')) {
          unknownStatement('a choice', ['option']);
          return undefined;
        }
        const optionStart = offset();
        const optionKeyword = name();
        const optionLabel = expectString("'option'");
        const optionBody = requiredBlock(() => item('an option'), optionLabel ? 'the option label' : "'option'");
        const node = nodeFrom<T.OptionNode>(optionStart, { kind: 'Option', keyword: optionKeyword, label: optionLabel, body: optionBody });
        finishStatement('the option');
        return node;
      },
      label ? 'the choice label' : "'choice'",
    );
    const node = nodeFrom<T.ChoiceNode>(start, { kind: 'Choice', keyword, label, body });
    finishStatement('the choice');
    return node;
  }

  /** A statement inside a cycle: a dose line, or a choice of dose lines. */
  function cycleItem(context: string): T.RegimenItem | undefined {
    if (tok() === TokenKind.Identifier && !isWord('cycle') && !isWord('surgery')) return isWord('choice') ? choice(cycleItem) : dose();
    unknownStatement(context === 'an option' ? 'an option of a choice in a cycle' : 'a cycle', ['a dose line', 'choice']);
    return undefined;
  }

  function cycle(): T.CycleNode {
    const start = offset();
    const keyword = name();
    const cycleLength = expectNumber("'cycle'");
    let cycleLengthUnit: T.Name | undefined;
    const clauses: T.CourseClause[] = [];
    if (cycleLength) {
      if (tok() === TokenKind.Identifier && Object.hasOwn(CYCLE_LENGTH_UNITS, tokText()) && onSameLine()) cycleLengthUnit = name();
      else reportMissing("'days' or 'weeks'", `'${cycleLength.text}'`);
    }
    while (cycleLengthUnit && onSameLine() && tok() !== TokenKind.OpenBrace) {
      if (tok() === TokenKind.Comma && clauses.length) {
        next();
        continue;
      }
      const clause = courseClause();
      if (!clause) break;
      clauses.push(clause);
    }
    // Skip a damaged header up to its body, so the doses inside are still read.
    if (onSameLine() && tok() !== TokenKind.OpenBrace) {
      if (cycleLengthUnit)
        report(
          'TPL013',
          `Did not expect ${describeCurrent()} in the cycle header; expected 'x' and a count, 'up to', 'for', 'until', or '{'.`,
          offset(),
          scanner.tokenLength(),
        );
      while (onSameLine() && tok() !== TokenKind.OpenBrace) next();
    }
    const body = requiredBlock(() => cycleItem('a cycle') as T.DoseNode | T.ChoiceNode | undefined, 'the cycle header');
    const node = nodeFrom<T.CycleNode>(start, { kind: 'Cycle', keyword, cycleLength, cycleLengthUnit, clauses, body });
    finishStatement('the cycle');
    return node;
  }

  /** One clause of how a course ends: `x N`, `up to N unit`, `for N unit`, `until reason {or reason}`; undefined if none starts here. */
  function courseClause(): T.CourseClause | undefined {
    if (tok() !== TokenKind.Identifier) return undefined;
    const word = tokText();
    const start = offset();
    if (word === 'x') {
      next();
      const value = expectNumber("'x'");
      return nodeFrom<T.CountMod>(start, { kind: 'Count', value });
    }
    if (/^x[0-9]+$/.test(word)) {
      const value = gluedCount();
      return nodeFrom<T.CountMod>(start, { kind: 'Count', value });
    }
    if (word === 'up') return upTo();
    if (word === 'for') return duration();
    if (word === 'until') return until();
    return undefined;
  }

  function upTo(): T.UpToMod {
    const start = offset();
    next(); // up
    if (isWord('to') && onSameLine()) next();
    else reportMissing("'to'", "'up'");
    const value = expectNumber("'up to'");
    let unit: T.Name | undefined;
    if (value) {
      if (tok() === TokenKind.Identifier && Object.hasOwn(COURSE_UNITS, tokText()) && onSameLine()) unit = name();
      else reportMissing("'cycles', 'doses', 'days', 'weeks', 'months' or 'years'", `'${value.text}'`);
    }
    return nodeFrom<T.UpToMod>(start, { kind: 'UpTo', value, unit });
  }

  function duration(): T.DurationMod {
    const start = offset();
    next(); // for
    const value = expectNumber("'for'");
    let unit: T.Name | undefined;
    if (value) {
      if (tok() === TokenKind.Identifier && Object.hasOwn(DURATION_UNITS, tokText()) && onSameLine()) unit = name();
      else reportMissing("'days', 'weeks', 'months', 'years' or 'cycles'", `'${value.text}'`);
    }
    return nodeFrom<T.DurationMod>(start, { kind: 'Duration', value, unit });
  }

  function until(): T.UntilMod {
    const start = offset();
    const keyword = name();
    const reasons: T.Name[] = [];
    while (true) {
      if (tok() === TokenKind.Identifier && onSameLine()) reasons.push(name());
      else {
        reportMissing(`a reason (${STOP_REASON.words.join(', ')})`, reasons.length ? "'or'" : "'until'");
        break;
      }
      if (!(isWord('or') && onSameLine())) break;
      next();
    }
    return nodeFrom<T.UntilMod>(start, { kind: 'Until', keyword, reasons });
  }

  /** `x3` written without a space: the count is the digits after the x. */
  function gluedCount(): T.Num {
    const word = tokText();
    const node: T.Num = { kind: 'Num', offset: offset() + 1, length: word.length - 1, value: Number(word.slice(1)), text: word.slice(1) };
    next();
    return node;
  }

  function dose(): T.DoseNode {
    const start = offset();
    const drugName = name();
    const amount = doseAmount(drugName, "a dose (a number and unit, AUC N, 'matching' a drug, or dose unstated)");
    const modifiers: T.DoseModifier[] = [];
    while (onSameLine()) {
      // Commas separate the clauses of how a course ends: `until progression, up to 2 years`.
      if (tok() === TokenKind.Comma && modifiers.length) {
        next();
        continue;
      }
      const modifier = doseModifier();
      if (!modifier) break;
      modifiers.push(modifier);
    }
    const node = nodeFrom<T.DoseNode>(start, { kind: 'Dose', drug: drugName, amount, modifiers });
    if (onSameLine()) {
      if (tok() === TokenKind.Unknown) reportTokenError();
      else {
        report(
          'TPL011',
          `Did not expect ${describeCurrent()} in a dose line; expected a route, a frequency, 'day', 'days', 'for', 'x', 'up to', 'until', 'cycles', 'over', 'max', 'loading', 'if' or a note string.`,
          offset(),
          scanner.tokenLength(),
        );
      }
      skipStatement();
    } else if (tok() === TokenKind.Semicolon) {
      next();
    }
    return node;
  }

  /** A number, optionally a range `A-B` of them: `5`, `5-6`. */
  function numberRange(after: string): { value?: T.Num; valueMax?: T.Num } {
    const value = expectNumber(after);
    if (!value || !(tok() === TokenKind.Dash && onSameLine())) return { value };
    next();
    return { value, valueMax: expectNumber("'-'") };
  }

  function doseAmount(drugName: T.Name | undefined, what: string): T.Amount | undefined {
    const start = offset();
    if (tok() === TokenKind.Number && onSameLine()) {
      const { value, valueMax } = numberRange('the dose');
      const unit = optionalUnit();
      if (!unit && value) reportMissing('a unit (mg, mg/m2, mg/kg…)', `the dose ${(valueMax ?? value).text}`);
      return nodeFrom<T.Amount>(start, { kind: 'Amount', form: 'quantity', value, valueMax, unit });
    }
    if (isWord('AUC') && onSameLine()) {
      next();
      const { value, valueMax } = numberRange("'AUC'");
      return nodeFrom<T.Amount>(start, { kind: 'Amount', form: 'auc', value, valueMax });
    }
    if (isWord('dose') && onSameLine()) {
      next();
      if (isWord('unstated') && onSameLine()) {
        next();
        return nodeFrom<T.Amount>(start, { kind: 'Amount', form: 'unstated' });
      }
      reportMissing("'unstated'", "'dose'");
      return undefined;
    }
    if (isWord('matching') && onSameLine()) {
      next();
      const matching = expectName('the drug the placebo matches', "'matching'");
      return nodeFrom<T.Amount>(start, { kind: 'Amount', form: 'matching', matching });
    }
    if (drugName && tok() === TokenKind.Identifier && drugName.text.length > 0 && !onSameLine()) {
      // A lone word on its line: most likely a statement this block does not know.
      report('TPL011', `'${drugName.text}' is not a statement here; a dose line is a drug, an amount and a schedule.`, drugName.offset, drugName.length);
      return undefined;
    }
    reportMissing(what, drugName ? `'${drugName.text}'` : `'${describePrevious()}'`);
    return undefined;
  }

  function describePrevious(): string {
    return text.slice(previousStart, previousEnd);
  }

  function doseModifier(): T.DoseModifier | undefined {
    if (tok() === TokenKind.String) return str();
    if (tok() !== TokenKind.Identifier) return undefined;
    const word = tokText();
    const start = offset();
    if (isRouteWord(word)) return { kind: 'Route', offset: start, length: scanner.tokenLength(), name: name() };
    if (isFrequencyWord(word)) return { kind: 'Frequency', offset: start, length: scanner.tokenLength(), name: name() };
    if (ADMINISTRATION_MODE.entry(word)) return { kind: 'Mode', offset: start, length: scanner.tokenLength(), name: name() };
    if (word === 'day' || word === 'days') {
      const keyword = name();
      const items = dayList(keyword);
      return nodeFrom<T.DaysMod>(start, { kind: 'Days', keyword, items });
    }
    if (word === 'cycle' || word === 'cycles') {
      const keyword = name();
      const items = dayList(keyword, 'a cycle number');
      return nodeFrom<T.CyclesMod>(start, { kind: 'Cycles', keyword, items });
    }
    if (word === 'from') {
      const from = name();
      const keyword = isWord('cycle') && onSameLine() ? name() : undefined;
      if (!keyword) {
        reportMissing("'cycle' and its number", "'from'");
        return nodeFrom<T.CyclesMod>(start, { kind: 'Cycles', keyword: from, from, items: [] });
      }
      const items = dayList(keyword, 'a cycle number').slice(0, 1);
      return nodeFrom<T.CyclesMod>(start, { kind: 'Cycles', keyword, from, items });
    }
    if (word === 'over') {
      next();
      const value = expectNumber("'over'");
      let unit: T.Name | undefined;
      if (value) {
        if (tok() === TokenKind.Identifier && Object.hasOwn(INFUSION_UNITS, tokText()) && onSameLine()) unit = name();
        else reportMissing("'min' or 'hours'", `'${value.text}'`);
      }
      return nodeFrom<T.OverMod>(start, { kind: 'Over', value, unit });
    }
    if (word === 'max' || word === 'loading') {
      const keyword = name();
      const amount = doseAmount(undefined, word === 'max' ? 'the largest dose (a number and unit)' : 'the loading dose (a number and unit)');
      return nodeFrom<T.AmountMod>(start, { kind: word === 'max' ? 'Max' : 'Loading', keyword, amount });
    }
    if (word === 'if') return condition();
    return courseClause();
  }

  /** `if "text"` or `if analyte op value [unit | x ULN]`. */
  function condition(): T.ConditionNode {
    const start = offset();
    const keyword = name();
    if (tok() === TokenKind.String && onSameLine()) return nodeFrom<T.ConditionNode>(start, { kind: 'Condition', keyword, text: str() });
    if (!(tok() === TokenKind.Identifier && onSameLine())) {
      reportMissing('a condition (an analyte and a limit, or a string)', "'if'");
      return nodeFrom<T.ConditionNode>(start, { kind: 'Condition', keyword });
    }
    const analyte = name();
    const comparator = op();
    if (!comparator) {
      reportMissing('a comparator (>, >=, <, <=, =)', `'${analyte.text}'`);
      return nodeFrom<T.ConditionNode>(start, { kind: 'Condition', keyword, analyte });
    }
    const { value, multipleOf, unit } = limitValue(comparator);
    return nodeFrom<T.ConditionNode>(start, { kind: 'Condition', keyword, analyte, op: comparator, value, multipleOf, unit });
  }

  /** A limit's value after its comparator: a number, then `x ULN`/`x LLN` or a unit. */
  function limitValue(comparator: T.Op): { value?: T.Num; multipleOf?: T.Name; unit?: T.UnitLit } {
    const value = expectNumber(`'${comparator.text}'`);
    if (!value) return {};
    if (isWord('x') && onSameLine()) {
      next();
      if ((isWord('ULN') || isWord('LLN')) && onSameLine()) return { value, multipleOf: name() };
      reportMissing("'ULN' or 'LLN' (for a power of ten write x10^9/L as one unit)", "'x'");
      return { value };
    }
    return { value, unit: optionalUnit() };
  }

  /** Numbers and ranges separated by commas: `1, 8`, `1-14`; also cycle numbers. */
  function dayList(keyword: T.Name, what = 'a day number'): T.DayRange[] {
    const items: T.DayRange[] = [];
    let after = `'${keyword.text}'`;
    while (true) {
      if (!(tok() === TokenKind.Number && (onSameLine() || after === "','"))) {
        reportMissing(what, after);
        return items;
      }
      const start = offset();
      const from = num();
      let to: T.Num | undefined;
      if (tok() === TokenKind.Dash && onSameLine()) {
        next();
        to = expectNumber("'-'");
      }
      items.push(nodeFrom<T.DayRange>(start, { kind: 'DayRange', from, to }));
      // A comma continues the list only when a number follows; otherwise it separates clauses.
      if (tok() !== TokenKind.Comma || peek().kind !== TokenKind.Number) return items;
      next();
      after = "','";
    }
  }

  /** The statements of the last eligibility block parsed, when its `}` closed it (see Region.statements). */
  let statements: Region<T.EligibilityItem>[] | undefined;

  function eligibility(): T.EligibilityNode {
    const start = offset();
    const keyword = name();
    statements = undefined;
    let body: T.Block<T.EligibilityItem> | undefined;
    if (tok() === TokenKind.OpenBrace) body = eligibilityBlock(start);
    else {
      reportMissing('`{`', "'eligibility'");
      skipStatement();
    }
    const node = nodeFrom<T.EligibilityNode>(start, { kind: 'Eligibility', keyword, body });
    finishStatement('the eligibility block');
    return node;
  }

  /** The eligibility's `{ … }`, as `block` parses a block, keeping each statement as a region counted from `base`. */
  function eligibilityBlock(base: number): T.Block<T.EligibilityItem> {
    const start = offset();
    depth++;
    try {
      next(); // {
      const body = statementRegions(base);
      const items = itemsOf(body.statements);
      if (body.end === 'closed') {
        next();
        statements = body.statements;
        return { kind: 'Block', offset: start, length: previousEnd - start, items, closed: true };
      }
      report('TPL012', 'This { has no closing }.', start, 1);
      return { kind: 'Block', offset: start, length: Math.max(previousEnd, start + 1) - start, items, closed: false };
    } finally {
      depth--;
    }
  }

  /**
   * The statements of the eligibility's body, each a region with its own errors (they go to the
   * enclosing list too), counted from `base` (the block's start), as `blockItems` reads a block's: up to its `}` (not read), the end of the
   * file or a top-level keyword at the start of a line, or a statement `stop` keeps.
   */
  function statementRegions(base: number, until?: Stop): { statements: Region<T.EligibilityItem>[]; end: BodyEnd } {
    const found: Region<T.EligibilityItem>[] = [];
    const outer = errors;
    try {
      while (true) {
        if (tok() === TokenKind.CloseBrace) return { statements: found, end: 'closed' };
        if (tok() === TokenKind.EOF || (tok() === TokenKind.Identifier && TOP_LEVEL_KEYWORDS.has(tokText()) && atLineStart()))
          return { statements: found, end: 'unclosed' };
        const start = offset();
        if (until?.(start, previousStart, previousEnd)) return { statements: found, end: 'stopped' };
        const firstEnd = end();
        const prevStart = previousStart;
        const prevEnd = previousEnd;
        errors = [];
        let item: T.EligibilityItem | undefined;
        if (tok() === TokenKind.Semicolon) next();
        else {
          item = eligibilityItem();
          // No progress: the item parser reported and left the token; skip the statement.
          if (offset() === start && tok() !== TokenKind.CloseBrace && tok() !== TokenKind.EOF) skipStatement();
        }
        for (const error of errors) outer.push(error);
        // Counted from `base` (see Region.statements); written out, as spreading was slow for thousands of statements.
        const own = errors.length ? errors.map((error) => ({ ...error, offset: error.offset - base })) : errors;
        const region: Mutable<Region<T.EligibilityItem>> = {
          start: start - base,
          firstEnd: firstEnd - base,
          prevStart: prevStart - base,
          prevEnd: prevEnd - base,
          errors: own,
        };
        if (item) region.item = item;
        found.push(region);
      }
    } finally {
      errors = outer;
    }
  }

  function eligibilityItem(): T.EligibilityItem | undefined {
    if (isWord('age')) return age();
    if (tok() === TokenKind.Identifier && Object.hasOwn(FIELD_SPECS.eligibility, tokText())) return field(FIELD_SPECS.eligibility[tokText()]);
    if (isWord('include') || isWord('exclude')) {
      const start = offset();
      const polarity = name();
      let item: T.Criterion | undefined;
      if (onSameLine()) item = criterion(`'${polarity.text}'`);
      else reportMissing('a criterion', `'${polarity.text}'`);
      const node = nodeFrom<T.CriterionStatement>(start, { kind: 'CriterionStatement', polarity, criterion: item });
      finishStatement('the criterion');
      return node;
    }
    unknownStatement('the eligibility block', ['age', ...Object.keys(FIELD_SPECS.eligibility), 'include', 'exclude']);
    return undefined;
  }

  function age(): T.AgeNode {
    const start = offset();
    const keyword = name();
    const comparator = op();
    let min: T.Num | undefined;
    let max: T.Num | undefined;
    let unit: T.Name | undefined;
    let minUnit: T.Name | undefined;
    const first = expectNumber(comparator ? `'${comparator.text}'` : "'age'");
    if (first) {
      if (comparator) {
        if (comparator.text === '<' || comparator.text === '<=') max = first;
        else min = first;
      } else {
        min = first;
        // `age 6 months to 17 years`: each limit in its own unit, as the registry gives them.
        if (tok() === TokenKind.Identifier && !isWord('to') && onSameLine()) minUnit = name();
        if (isWord('to') && onSameLine()) {
          next();
          max = expectNumber("'to'");
        } else {
          reportMissing("'to' and the upper age", `'${first.text}'`);
        }
      }
      if (first && (max || comparator)) unit = expectName("the unit ('years', 'months', 'weeks' or 'days')", `'${(max ?? first).text}'`);
    }
    const node = nodeFrom<T.AgeNode>(start, { kind: 'Age', keyword, min, max, op: comparator, unit, minUnit });
    finishStatement("'age'");
    return node;
  }

  function criterion(after: string): T.Criterion | undefined {
    const start = offset();
    if (tok() === TokenKind.String) {
      const textNode = str();
      return nodeFrom<T.TextCriterion>(start, { kind: 'Text', text: textNode, window: optionalWindow() });
    }
    if (tok() !== TokenKind.Identifier) {
      reportMissing('a criterion (an analyte and threshold, a score, prior, any, all, or a string)', after);
      return undefined;
    }
    const word = tokText();
    if (word === 'any' || word === 'all') {
      const mode = name();
      const label = tok() === TokenKind.String && onSameLine() ? str() : undefined;
      const body = requiredBlock(groupItem, label ? 'the group label' : `'${mode.text}'`);
      return nodeFrom<T.GroupCriterion>(start, { kind: 'Group', mode, label, body, note: optionalNote() });
    }
    if (word === 'prior') {
      const keyword = name();
      const items: (T.Name | T.Str)[] = [];
      while (true) {
        if ((tok() === TokenKind.String || tok() === TokenKind.Identifier) && (onSameLine() || items.length > 0)) {
          items.push(tok() === TokenKind.String ? str() : name());
        } else {
          reportMissing('a drug or a drug class in quotes', items.length ? "','" : "'prior'");
          break;
        }
        if (tok() !== TokenKind.Comma) break;
        next();
      }
      return nodeFrom<T.PriorCriterion>(start, { kind: 'Prior', keyword, items, window: optionalWindow(), note: optionalNote() });
    }
    const analyte = name();
    const comparator = op();
    if (comparator) {
      const { value, multipleOf, unit } = limitValue(comparator);
      const condition = isWord('if') && onSameLine() ? conditionNode() : undefined;
      const alternatives: T.AlternativeNode[] = [];
      while (value && isWord('or') && onSameLine()) alternatives.push(alternative());
      const window = optionalWindow();
      return nodeFrom<T.ThresholdCriterion>(start, {
        kind: 'Threshold',
        analyte,
        op: comparator,
        value,
        multipleOf,
        unit,
        condition,
        alternatives,
        window,
        note: optionalNote(),
      });
    }
    if ((tok() === TokenKind.Number || tok() === TokenKind.Identifier) && onSameLine()) {
      const from = scoreValue();
      let to: T.Num | T.Name | undefined;
      if (tok() === TokenKind.Dash && onSameLine()) {
        next();
        if ((tok() === TokenKind.Number || tok() === TokenKind.Identifier) && onSameLine()) to = scoreValue();
        else reportMissing('the upper end of the range', "'-'");
      }
      return nodeFrom<T.ScoreCriterion>(start, { kind: 'Score', analyte, from, to, note: optionalNote() });
    }
    reportMissing('a comparator (>, >=, <, <=, =) or a score', `'${analyte.text}'`);
    return undefined;
  }

  function conditionNode(): T.ConditionNode {
    return condition();
  }

  /** `or <= 5 x ULN if "liver metastases"`: another limit of the same analyte, with the condition under which it applies. */
  function alternative(): T.AlternativeNode {
    const start = offset();
    const keyword = name(); // or
    const comparator = op();
    if (!comparator) {
      reportMissing('a comparator and another limit', "'or'");
      return nodeFrom<T.AlternativeNode>(start, { kind: 'Alternative', keyword });
    }
    const { value, multipleOf, unit } = limitValue(comparator);
    const condition = isWord('if') && onSameLine() ? conditionNode() : undefined;
    if (value && !condition) reportMissing("'if' and when this limit applies", `the limit ${value.text}`);
    return nodeFrom<T.AlternativeNode>(start, { kind: 'Alternative', keyword, op: comparator, value, multipleOf, unit, condition });
  }

  /** `within 28 days before randomization`, `more than 6 months after "surgery"`, if one stands here. */
  function optionalWindow(): T.WindowNode | undefined {
    if (!(tok() === TokenKind.Identifier && onSameLine() && Object.hasOwn(WINDOW_RELATIONS, tokText()))) return undefined;
    const relation = WINDOW_RELATIONS[tokText()];
    if (relation.second) {
      const after = peek();
      if (after.lineBreak || after.kind !== TokenKind.Identifier || after.text !== relation.second) return undefined;
    }
    const start = offset();
    const words = [name()];
    if (relation.second) words.push(name());
    const value = expectNumber(`'${words.map((w) => w.text).join(' ')}'`);
    let unit: T.Name | undefined;
    let direction: T.Name | undefined;
    let anchor: T.Name | T.Str | undefined;
    if (value) {
      if (tok() === TokenKind.Identifier && Object.hasOwn(WINDOW_UNITS, tokText()) && onSameLine()) unit = name();
      else reportMissing("'days', 'weeks', 'months' or 'years'", `'${value.text}'`);
    }
    if (unit && (isWord('before') || isWord('after')) && onSameLine()) {
      direction = name();
      if (tok() === TokenKind.String && onSameLine()) anchor = str();
      else if (tok() === TokenKind.Identifier && onSameLine()) anchor = name();
      else reportMissing('an anchor (enrollment, randomization, registration, first_dose, or an event in quotes)', `'${direction.text}'`);
    }
    return nodeFrom<T.WindowNode>(start, { kind: 'Window', relation: words, value, unit, direction, anchor });
  }

  function scoreValue(): T.Num | T.Name {
    return tok() === TokenKind.Number ? num() : name();
  }

  function optionalNote(): T.Str | undefined {
    return tok() === TokenKind.String && onSameLine() ? str() : undefined;
  }

  function groupItem(): T.Criterion | undefined {
    if (isWord('include') || isWord('exclude')) {
      report('TPL011', `Criteria inside a group take no '${tokText()}': the group's own statement says it.`, offset(), scanner.tokenLength());
      next();
    }
    const item = criterion('the group');
    finishStatement('the criterion');
    return item;
  }

  function outcome(): T.OutcomeNode {
    const start = offset();
    const keyword = name();
    let outcomeKind: T.Name | undefined;
    if (tok() === TokenKind.Identifier && onSameLine()) outcomeKind = name();
    const measure = expectString(outcomeKind ? `'${outcomeKind.text}'` : "'outcome'");
    const body = optionalBlock(() => fieldItem('outcome'));
    const node = nodeFrom<T.OutcomeNode>(start, { kind: 'Outcome', keyword, outcomeKind, measure, body });
    finishStatement('the outcome');
    return node;
  }

  function topItem(): T.TopItem | undefined {
    if (tok() === TokenKind.Identifier) {
      switch (tokText()) {
        case 'trial':
          return trial();
        case 'drug':
          return drug();
        case 'intervention':
          return intervention();
        case 'arm':
          return arm();
        case 'eligibility':
          return eligibility();
        case 'outcome':
          return outcome();
      }
    }
    if (tok() === TokenKind.CloseBrace) {
      report('TPL013', 'This } closes no block.', offset(), 1);
      next();
      return undefined;
    }
    unknownStatement('a document', [...TOP_LEVEL_KEYWORDS]);
    return undefined;
  }

  // ---- document ----------------------------------------------------------------------------

  scanner.scan();
  if (inBody) {
    depth = 1;
    const body = statementRegions(inBody.base, stop);
    return { head: [], regions: [], body: { ...body, at: offset() }, comments: scanner.comments(), tokens: tokens.slice(0, 3 * tokenCount) };
  }
  if (tok() === TokenKind.EOF) reportTokenError();
  const head = errors;
  const regions: Region[] = [];
  while (tok() !== TokenKind.EOF) {
    const start = offset();
    if (stop?.(start, previousStart, previousEnd)) break;
    const region = { start, firstEnd: end(), prevStart: previousStart, prevEnd: previousEnd };
    errors = [];
    let item: T.TopItem | undefined;
    statements = undefined;
    if (tok() === TokenKind.Semicolon) {
      next();
    } else {
      item = topItem();
      if (offset() === start && tok() !== TokenKind.EOF) skipStatement();
    }
    // Set by `eligibility()` while the item was parsed (TypeScript cannot see that assignment here).
    const found = statements as Region<T.EligibilityItem>[] | undefined;
    if (!item) regions.push({ ...region, errors });
    else if (item.kind === 'Eligibility' && found) regions.push({ ...region, item, errors, statements: found });
    else regions.push({ ...region, item, errors });
  }
  return { head, regions, comments: scanner.comments(), tokens: tokens.slice(0, 3 * tokenCount) };
}

function listWords(words: readonly string[]): string {
  const quoted = words.map((w) => (w.includes(' ') ? w : `'${w}'`));
  if (quoted.length <= 1) return quoted.join('');
  if (quoted.length > 8) return `${quoted.slice(0, 8).join(', ')}…`;
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

function contextDescription(context: FieldContext): string {
  switch (context) {
    case 'trial':
      return 'the trial block';
    case 'design':
      return 'the design block';
    case 'site':
      return 'a site block';
    case 'contact':
      return 'a contact block';
    case 'party':
      return 'a responsible_party block';
    case 'secondary_id':
      return 'a secondary_id block';
    case 'ipd_document':
      return 'an available_ipd block';
    case 'drug':
      return 'a drug block';
    case 'intervention':
      return 'an intervention block';
    case 'outcome':
      return 'an outcome block';
    case 'arm':
      return 'an arm';
    case 'eligibility':
      return 'the eligibility block';
  }
}

/** A region moved by `delta` (its statements, relative to its start, stay as they are). */
function movedRegion<I extends T.Node>(region: Region<I>, delta: number): Region<I> {
  // Written out: spreading the region was slow for the thousands of statements of a long eligibility block.
  const moved: Mutable<Region<I>> = {
    start: region.start + delta,
    firstEnd: region.firstEnd + delta,
    prevStart: region.prevStart + delta,
    prevEnd: region.prevEnd + delta,
    errors: region.errors.length ? region.errors.map((error) => ({ ...error, offset: error.offset + delta })) : region.errors,
  };
  if (region.item) moved.item = region.item;
  if (region.statements) moved.statements = region.statements;
  return moved;
}

/**
 * A `stop` for a parse after a change: true at the first statement that starts where one of
 * `old` started (moved by the change's length), after the same token, when that token lies
 * wholly after the change (only then does it parse as before); `found` is given its index.
 */
function stopAtKept(old: readonly Region<T.Node>[], change: TextChange, found: (index: number) => void, base = 0): Stop {
  const delta = change.newEnd - change.oldEnd;
  return (start, prevStart, prevEnd) => {
    if (prevStart < change.newEnd) return false;
    // `old` counts from `base` (a block's statements).
    const was = start - delta - base;
    const at = firstNotBelow(old.length, (i) => old[i].start < was);
    if (at < old.length && old[at].start === was && old[at].prevStart === prevStart - delta - base && old[at].prevEnd === prevEnd - delta - base) {
      found(at);
      return true;
    }
    return false;
  };
}

/**
 * The tokens and comments after a parse again: the previous ones before `resume` (the first
 * region parsed again), the run's, and the previous ones from `movedFrom` on (where the kept
 * text starts, in the previous text), moved by `delta`.
 */
function splice(previous: ParseResult, resume: Region<T.Node>, run: Run, movedFrom: number, delta: number): { tokens: Int32Array; comments: Comment[] } {
  const oldTokens = previous.tokens;
  const keptTokens = firstNotBelow(oldTokens.length / 3, (i) => oldTokens[3 * i] < resume.start);
  const comments: Comment[] = previous.comments.slice(
    0,
    firstNotBelow(previous.comments.length, (i) => previous.comments[i].offset < resume.prevEnd),
  );
  for (const comment of run.comments) comments.push(comment);
  const movedTokens = oldTokens.subarray(3 * firstNotBelow(oldTokens.length / 3, (i) => oldTokens[3 * i] < movedFrom));
  const tokens = new Int32Array(3 * keptTokens + run.tokens.length + movedTokens.length);
  tokens.set(oldTokens.subarray(0, 3 * keptTokens));
  tokens.set(run.tokens, 3 * keptTokens);
  const movedAt = 3 * keptTokens + run.tokens.length;
  tokens.set(movedTokens, movedAt);
  for (let i = movedAt; i < tokens.length; i += 3) tokens[i] += delta;
  for (let i = firstNotBelow(previous.comments.length, (i) => previous.comments[i].offset < movedFrom); i < previous.comments.length; i++) {
    const comment = previous.comments[i];
    comments.push({ offset: comment.offset + delta, length: comment.length, block: comment.block });
  }
  return { tokens, comments };
}

/**
 * Parses `text`, the previous result's text changed by `change`, again only where the change
 * can matter: from the first region whose parse could see the change (a region's parse reads
 * the token after it) to the first region after the change that starts where it started, after
 * the same token. The regions before are kept as they are and the ones after are moved in place
 * by `shift` (their nodes then belong to the new result). A change inside the eligibility
 * block's body is parsed again the same way among its statements. The result equals `parse(text)`.
 */
export function reparse(previous: ParseResult, text: string, change: TextChange, shift: (item: T.Node, delta: number) => void): ParseResult {
  const old = previous.regions;
  const delta = change.newEnd - change.oldEnd;
  // The first region whose parse reaches the change: its own text, or the first token of the next.
  const from = firstNotBelow(old.length, (i) => (i + 1 < old.length ? old[i + 1].firstEnd : Infinity) < change.start);
  if (old.length === 0 || from >= old.length) return parse(text);
  const within = reparseStatements(previous, text, change, from, shift);
  if (within) return within;
  const resume = old[from];
  let keptFrom = -1;
  const run = parseRegions(
    text,
    resume,
    stopAtKept(old, change, (index) => (keptFrom = index)),
  );
  const regions: Region[] = old.slice(0, from);
  for (const region of run.regions) regions.push(region);
  // The regions from the one the parse stopped at (if it stopped) are the previous ones, moved.
  for (const region of keptFrom < 0 ? [] : old.slice(keptFrom)) {
    if (region.item) shift(region.item, delta);
    regions.push(movedRegion(region, delta));
  }
  const { tokens, comments } = splice(previous, resume, run, keptFrom < 0 ? Infinity : old[keptFrom].start, delta);
  return {
    tree: { kind: 'Document', offset: 0, length: text.length, items: itemsOf(regions) },
    errors: errorsOf(from === 0 ? run.head : [], regions),
    comments,
    tokens,
    regions,
  };
}

/**
 * A change that lies inside the body of the eligibility block (region `index`), between its `{`
 * and its `}`: parses again only the statements the change reaches, as `reparse` does regions;
 * the block's other statements are kept, and moved in place if after the change. Undefined when
 * the change is not inside a closed body, or the body no longer ends at the same `}`: the caller
 * parses the whole region again.
 */
function reparseStatements(
  previous: ParseResult,
  text: string,
  change: TextChange,
  index: number,
  shift: (item: T.Node, delta: number) => void,
): ParseResult | undefined {
  const region = previous.regions[index];
  const old = region.statements;
  const item = region.item;
  if (!old?.length || item?.kind !== 'Eligibility' || !item.body?.closed) return undefined;
  const body = item.body;
  const close = body.offset + body.length - 1;
  // The statements count from the block's start, which lies before the change and stays.
  const base = region.start;
  if (change.start < old[0].prevEnd + base || change.oldEnd > close) return undefined;
  const delta = change.newEnd - change.oldEnd;
  // The first statement whose parse reaches the change: its own text, or the next statement's first token (or the `}`).
  const from = firstNotBelow(old.length, (i) => (i + 1 < old.length ? old[i + 1].firstEnd + base : close + 1) < change.start);
  const resume = movedRegion(old[from], base);
  let keptFrom = -1;
  const run = parseRegions(
    text,
    resume,
    stopAtKept(old, change, (at) => (keptFrom = at), base),
    { base },
  );
  const parsed = run.body!;
  if (parsed.end === 'closed' && parsed.at === close + delta) keptFrom = old.length;
  else if (parsed.end !== 'stopped') return undefined;

  const statements = old.slice(0, from);
  for (const statement of parsed.statements) statements.push(statement);
  for (const statement of old.slice(keptFrom)) {
    if (statement.item) shift(statement.item, delta);
    statements.push(movedRegion(statement, delta));
  }
  // The block's errors: its statements', then its own after its `}`, in the order a parse reports them.
  const errors: SyntaxError[] = [];
  for (const statement of statements) for (const error of statement.errors) errors.push({ ...error, offset: error.offset + base });
  for (const error of region.errors) if (error.offset > close) errors.push({ ...error, offset: error.offset + delta });
  const eligibility: T.EligibilityNode = {
    kind: 'Eligibility',
    offset: item.offset,
    length: item.length + delta,
    keyword: item.keyword,
    body: { kind: 'Block', offset: body.offset, length: body.length + delta, items: itemsOf(statements), closed: true },
  };
  const regions: Region[] = previous.regions.slice(0, index);
  regions.push({ ...region, item: eligibility, errors, statements });
  for (const after of previous.regions.slice(index + 1)) {
    if (after.item) shift(after.item, delta);
    regions.push(movedRegion(after, delta));
  }
  const { tokens, comments } = splice(previous, resume, run, keptFrom < old.length ? old[keptFrom].start + base : close, delta);
  return {
    tree: { kind: 'Document', offset: 0, length: text.length, items: itemsOf(regions) },
    errors: errorsOf([], regions),
    comments,
    tokens,
    regions,
  };
}
