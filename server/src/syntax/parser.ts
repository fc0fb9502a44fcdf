/**
 * The hand-written recursive-descent parser. `parse(text)` always returns a tree and a list of
 * errors and never throws. Recovery works at statement and block boundaries: after a mistake
 * the parser skips to the next line-starting token, `;` or `}` of the block it is in (skipping
 * nested blocks whole), so independent mistakes are reported once each, and at most one error
 * is reported per token.
 */

import type { Finding } from '../language/codes';
import { FIELD_SPECS, type ArgShape, type FieldContext, type FieldSpec } from '../language/fields';
import { CYCLE_LENGTH_UNITS, DURATION_UNITS, isFrequencyWord, isRouteWord, PHASE_KEYWORDS, TOP_LEVEL_KEYWORDS } from '../language/vocabulary';
import { createScanner, isUsableNumber, TokenError, TokenKind, type Comment } from './scanner';
import type * as T from './tree';

export type SyntaxError = Finding;

export interface ParseResult {
  readonly tree: T.DocumentNode;
  readonly errors: readonly SyntaxError[];
  readonly comments: readonly Comment[];
}

/** Words that continue a dose line, so they are never read as its unit. */
function isDoseKeyword(word: string): boolean {
  return isRouteWord(word) || isFrequencyWord(word) || word === 'day' || word === 'days' || word === 'for' || word === 'x';
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
  const scanner = createScanner(text);
  const errors: SyntaxError[] = [];
  const reportedOffsets = new Set<number>();
  let previousEnd = 0;
  let previousStart = 0;

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

  function next(): void {
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
    next();
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
    if (kind === TokenKind.Identifier && isDoseKeyword(tokText())) return undefined;
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
      if (PHASE_KEYWORDS.has(word) && peekIsOpenBrace()) return phase();
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

  function phase(): T.PhaseNode {
    const start = offset();
    const phaseName = name();
    const body = block(() => {
      if (tok() === TokenKind.Identifier && PHASE_KEYWORDS.has(tokText()) && peekIsOpenBrace()) {
        report('TPL011', `Phases do not nest: close '${phaseName.text}' before starting '${tokText()}'.`, offset(), scanner.tokenLength());
        skipStatement();
        return undefined;
      }
      return regimenItem(`the ${phaseName.text} phase`);
    });
    const node = nodeFrom<T.PhaseNode>(start, { kind: 'Phase', name: phaseName, body });
    finishStatement(`the ${phaseName.text} phase`);
    return node;
  }

  function regimenItem(context: string): T.RegimenItem | undefined {
    if (tok() !== TokenKind.Identifier) {
      unknownStatement(context, ['a dose line', 'cycle', 'surgery']);
      return undefined;
    }
    if (isWord('cycle')) return cycle();
    if (isWord('surgery')) return surgery();
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

  function cycle(): T.CycleNode {
    const start = offset();
    const keyword = name();
    const cycleLength = expectNumber("'cycle'");
    let cycleLengthUnit: T.Name | undefined;
    let count: T.Num | undefined;
    if (cycleLength) {
      if (tok() === TokenKind.Identifier && Object.hasOwn(CYCLE_LENGTH_UNITS, tokText()) && onSameLine()) cycleLengthUnit = name();
      else reportMissing("'days' or 'weeks'", `'${cycleLength.text}'`);
    }
    if (cycleLengthUnit && isWord('x') && onSameLine()) {
      next();
      count = expectNumber("'x'");
    } else if (cycleLengthUnit && tok() === TokenKind.Identifier && /^x[0-9]+$/.test(tokText()) && onSameLine()) {
      count = gluedCount();
    }
    // Skip a damaged header up to its body, so the doses inside are still read.
    if (onSameLine() && tok() !== TokenKind.OpenBrace) {
      if (cycleLengthUnit)
        report('TPL013', `Did not expect ${describeCurrent()} in the cycle header; expected 'x' and a count, or '{'.`, offset(), scanner.tokenLength());
      while (onSameLine() && tok() !== TokenKind.OpenBrace) next();
    }
    const body = requiredBlock(() => {
      if (tok() === TokenKind.Identifier && !isWord('cycle') && !isWord('surgery')) return dose();
      unknownStatement('a cycle', ['a dose line']);
      return undefined;
    }, 'the cycle header');
    const node = nodeFrom<T.CycleNode>(start, { kind: 'Cycle', keyword, cycleLength, cycleLengthUnit, count, body });
    finishStatement('the cycle');
    return node;
  }

  /** `x3` written without a space: the count is the digits after the x. */
  function gluedCount(): T.Num {
    const text = tokText();
    const node: T.Num = { kind: 'Num', offset: offset() + 1, length: text.length - 1, value: Number(text.slice(1)), text: text.slice(1) };
    next();
    return node;
  }

  function dose(): T.DoseNode {
    const start = offset();
    const drugName = name();
    const amount = doseAmount(drugName);
    const modifiers: T.DoseModifier[] = [];
    while (onSameLine()) {
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
          `Did not expect ${describeCurrent()} in a dose line; expected a route (IV, PO…), a frequency (daily, bid, q3w…), 'day', 'days', 'for', 'x' or a note string.`,
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

  function doseAmount(drugName: T.Name): T.Amount | undefined {
    const start = offset();
    if (tok() === TokenKind.Number && onSameLine()) {
      const value = num();
      const unit = optionalUnit();
      if (!unit) reportMissing('a unit (mg, mg/m2, mg/kg…)', `the dose ${value.text}`);
      return nodeFrom<T.Amount>(start, { kind: 'Amount', form: 'quantity', value, unit });
    }
    if (isWord('AUC') && onSameLine()) {
      next();
      const value = expectNumber("'AUC'");
      return nodeFrom<T.Amount>(start, { kind: 'Amount', form: 'auc', value });
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
    if (tok() === TokenKind.Identifier && drugName.text.length > 0 && !onSameLine()) {
      // A lone word on its line: most likely a statement this block does not know.
      report('TPL011', `'${drugName.text}' is not a statement here; a dose line is a drug, an amount and a schedule.`, drugName.offset, drugName.length);
      return undefined;
    }
    reportMissing('a dose (a number and unit, AUC N, or dose unstated)', `'${drugName.text}'`);
    return undefined;
  }

  function doseModifier(): T.DoseModifier | undefined {
    if (tok() === TokenKind.String) return str();
    if (tok() !== TokenKind.Identifier) return undefined;
    const word = tokText();
    const start = offset();
    if (isRouteWord(word)) return { kind: 'Route', offset: start, length: scanner.tokenLength(), name: name() };
    if (isFrequencyWord(word)) return { kind: 'Frequency', offset: start, length: scanner.tokenLength(), name: name() };
    if (word === 'day' || word === 'days') {
      const keyword = name();
      const items = dayList(keyword);
      return nodeFrom<T.DaysMod>(start, { kind: 'Days', keyword, items });
    }
    if (word === 'for') {
      next();
      const value = expectNumber("'for'");
      let unit: T.Name | undefined;
      if (value) {
        if (tok() === TokenKind.Identifier && Object.hasOwn(DURATION_UNITS, tokText()) && onSameLine()) unit = name();
        else reportMissing("'days', 'weeks', 'months' or 'cycles'", `'${value.text}'`);
      }
      return nodeFrom<T.DurationMod>(start, { kind: 'Duration', value, unit });
    }
    if (word === 'x') {
      next();
      const value = expectNumber("'x'");
      return nodeFrom<T.CountMod>(start, { kind: 'Count', value });
    }
    if (/^x[0-9]+$/.test(word)) {
      const value = gluedCount();
      return nodeFrom<T.CountMod>(start, { kind: 'Count', value });
    }
    return undefined;
  }

  function dayList(keyword: T.Name): T.DayRange[] {
    const items: T.DayRange[] = [];
    let after = `'${keyword.text}'`;
    while (true) {
      if (!(tok() === TokenKind.Number && (onSameLine() || after === "','"))) {
        reportMissing('a day number', after);
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
      if (tok() !== TokenKind.Comma) return items;
      next();
      after = "','";
    }
  }

  function eligibility(): T.EligibilityNode {
    const start = offset();
    const keyword = name();
    const body = requiredBlock(eligibilityItem, "'eligibility'");
    const node = nodeFrom<T.EligibilityNode>(start, { kind: 'Eligibility', keyword, body });
    finishStatement('the eligibility block');
    return node;
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
      return nodeFrom<T.TextCriterion>(start, { kind: 'Text', text: textNode });
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
      return nodeFrom<T.PriorCriterion>(start, { kind: 'Prior', keyword, items, note: optionalNote() });
    }
    const analyte = name();
    const comparator = op();
    if (comparator) {
      const value = expectNumber(`'${comparator.text}'`);
      let multipleOf: T.Name | undefined;
      let unit: T.UnitLit | undefined;
      if (value) {
        if (isWord('x') && onSameLine()) {
          next();
          if ((isWord('ULN') || isWord('LLN')) && onSameLine()) multipleOf = name();
          else reportMissing("'ULN' or 'LLN' (for a power of ten write x10^9/L as one unit)", "'x'");
        } else {
          unit = optionalUnit();
        }
      }
      return nodeFrom<T.ThresholdCriterion>(start, { kind: 'Threshold', analyte, op: comparator, value, multipleOf, unit, note: optionalNote() });
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
  if (tok() === TokenKind.EOF) reportTokenError();
  const items: T.TopItem[] = [];
  while (tok() !== TokenKind.EOF) {
    if (tok() === TokenKind.Semicolon) {
      next();
      continue;
    }
    const before = offset();
    const item = topItem();
    if (item) items.push(item);
    if (offset() === before && tok() !== TokenKind.EOF) skipStatement();
  }
  const tree: T.DocumentNode = { kind: 'Document', offset: 0, length: text.length, items };
  errors.sort((a, b) => a.offset - b.offset);
  return { tree, errors, comments: scanner.comments() };
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
