/**
 * The scanner: turns text into tokens on demand, one at a time, as closures over the text.
 * It never throws; malformed input becomes an `Unknown` token or a token with an error flag,
 * and the parser decides what to report.
 */

export const enum TokenKind {
  EOF,
  Identifier,
  Number,
  Date,
  String,
  Unit,
  OpenBrace,
  CloseBrace,
  Comma,
  Semicolon,
  Slash,
  Dash,
  Greater,
  GreaterEqual,
  Less,
  LessEqual,
  Equal,
  Unknown,
}

/** What went wrong inside a token, if anything. */
export const enum TokenError {
  None,
  UnterminatedString,
  InvalidEscape,
  UnterminatedComment,
  InvalidNumber,
}

export interface Comment {
  readonly offset: number;
  readonly length: number;
  readonly block: boolean;
}

export interface Scanner {
  /** Advances to the next token and returns its kind. */
  scan(): TokenKind;
  /** Moves to `offset` and forgets the comments seen, for a lookahead scanner used again and again. */
  reset(offset: number): void;
  /** Re-reads the current token, from its start, as a unit (`mg/m2`, `x10^9/L`, `%`). */
  rescanAsUnit(): TokenKind;
  token(): TokenKind;
  tokenOffset(): number;
  tokenLength(): number;
  /** The token's source text. */
  tokenText(): string;
  /** For strings, the decoded value; for numbers, the literal text. */
  tokenValue(): string;
  /** For numbers, the numeric value (`10^4` is 10000). */
  tokenNumber(): number;
  tokenError(): TokenError;
  /** Offset of the error inside the token (an invalid escape), else the token start. */
  tokenErrorOffset(): number;
  /** True when a line break stands between the previous token and this one. */
  precededByLineBreak(): boolean;
  /** Every comment seen so far, in order. */
  comments(): readonly Comment[];
}

/** The largest number literal the language reads; larger ones are reported (TPL005). */
export const MAX_NUMBER = 1e18;

/** True for a number the later layers can compute with: one the scanner accepted. */
export function isUsableNumber(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= MAX_NUMBER;
}

const CH_LF = 10;
const CH_CR = 13;
const CH_QUOTE = 34;
const CH_BACKSLASH = 92;
const CH_SLASH = 47;
const CH_STAR = 42;
const CH_DOT = 46;
const CH_CARET = 94;
const CH_DASH = 45;
const CH_0 = 48;
const CH_9 = 57;

function isDigit(ch: number): boolean {
  return CH_0 <= ch && ch <= CH_9;
}

function isIdentifierStart(ch: number): boolean {
  return (65 <= ch && ch <= 90) || (97 <= ch && ch <= 122) || ch === 95;
}

function isIdentifierPart(ch: number): boolean {
  return isIdentifierStart(ch) || isDigit(ch);
}

function isWhitespace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 11 || ch === 12 || ch === 0xa0 || ch === 0xfeff;
}

function isLineBreak(ch: number): boolean {
  return ch === CH_LF || ch === CH_CR || ch === 0x2028 || ch === 0x2029;
}

/**
 * Characters a unit may contain: UCUM's printable set less the ones that separate statements
 * and lists in this language. Braces are allowed only balanced (`{copies}/mL`).
 */
function isUnitChar(ch: number): boolean {
  if (ch <= 32 || ch === 0xa0) return false;
  switch (ch) {
    case 44: // ,
    case 59: // ;
    case CH_QUOTE:
    case 40: // (
    case 41: // )
      return false;
  }
  return true;
}

/**
 * Where a unit's parenthesised part ends (`g/(24.h)`: after the `)`), when the `(` at `start` is
 * closed, nested parentheses too, before any character a unit may not hold; -1 otherwise, and the
 * unit stops before the `(`. UCUM groups with parentheses; the language uses them nowhere else.
 */
function parenthesisEnd(text: string, start: number): number {
  let depth = 0;
  for (let pos = start; pos < text.length; pos++) {
    const ch = text.charCodeAt(pos);
    if (ch === 40) depth++;
    else if (ch === 41) {
      depth--;
      if (depth === 0) return pos + 1;
    } else if (
      !isUnitChar(ch) ||
      ch === 123 ||
      ch === 125 ||
      (ch === CH_SLASH && (text.charCodeAt(pos + 1) === CH_SLASH || text.charCodeAt(pos + 1) === CH_STAR))
    )
      return -1;
  }
  return -1;
}

/** True when `text` reads back as exactly one unit token (what `rescanAsUnit` takes whole). */
export function isUnitText(text: string): boolean {
  if (text.length === 0) return false;
  let depth = 0;
  for (let pos = 0; pos < text.length; pos++) {
    const ch = text.charCodeAt(pos);
    if (ch === 40) {
      const end = parenthesisEnd(text, pos);
      if (end < 0) return false;
      pos = end - 1;
      continue;
    }
    if (!isUnitChar(ch)) return false;
    if (ch === 123) depth++;
    else if (ch === 125) {
      if (depth === 0) return false;
      depth--;
    } else if (ch === CH_SLASH && (text.charCodeAt(pos + 1) === CH_SLASH || text.charCodeAt(pos + 1) === CH_STAR)) {
      return false;
    }
  }
  return true;
}

/** Creates a scanner over `text`, starting at `start` (the start of a statement or item). */
export function createScanner(text: string, start = 0): Scanner {
  const length = text.length;
  let pos = start;
  let kind = TokenKind.EOF;
  let tokenStart = 0;
  let value = '';
  let numberValue = NaN;
  let error = TokenError.None;
  let errorOffset = 0;
  let lineBreakBefore = false;
  const commentList: Comment[] = [];

  function skipTrivia(): void {
    lineBreakBefore = false;
    while (pos < length) {
      const ch = text.charCodeAt(pos);
      if (isWhitespace(ch)) {
        pos++;
      } else if (isLineBreak(ch)) {
        lineBreakBefore = true;
        pos++;
      } else if (ch === CH_SLASH && text.charCodeAt(pos + 1) === CH_SLASH) {
        const start = pos;
        pos += 2;
        while (pos < length && !isLineBreak(text.charCodeAt(pos))) pos++;
        commentList.push({ offset: start, length: pos - start, block: false });
      } else if (ch === CH_SLASH && text.charCodeAt(pos + 1) === CH_STAR) {
        const start = pos;
        const end = text.indexOf('*/', pos + 2);
        if (end < 0) {
          // An unterminated block comment swallows the rest of the file; the parser reports it
          // through the EOF token's error.
          pos = length;
          commentList.push({ offset: start, length: pos - start, block: true });
          error = TokenError.UnterminatedComment;
          errorOffset = start;
          return;
        }
        if (/[\n\r\u2028\u2029]/.test(text.slice(start, end))) lineBreakBefore = true;
        pos = end + 2;
        commentList.push({ offset: start, length: pos - start, block: true });
      } else {
        return;
      }
    }
  }

  function scanDigits(): void {
    while (pos < length && isDigit(text.charCodeAt(pos))) pos++;
  }

  /** Reads a date `YYYY-MM[-DD]` if one starts here, by character codes (numbers are frequent). */
  function tryDate(): boolean {
    // Character codes read in place (a closure made for every number cost more than the test).
    if (!(
      isDigit(text.charCodeAt(pos + 1)) &&
      isDigit(text.charCodeAt(pos + 2)) &&
      isDigit(text.charCodeAt(pos + 3)) &&
      text.charCodeAt(pos + 4) === CH_DASH &&
      isDigit(text.charCodeAt(pos + 5)) &&
      isDigit(text.charCodeAt(pos + 6))
    ))
      return false;
    let length = 7;
    if (text.charCodeAt(pos + 7) === CH_DASH && isDigit(text.charCodeAt(pos + 8)) && isDigit(text.charCodeAt(pos + 9))) length = 10;
    // A date is not part of a longer word or range (`2021-01-20x`, `2021-01-2022`).
    const next = text.charCodeAt(pos + length);
    if (isIdentifierPart(next) || next === CH_DASH) return false;
    value = text.slice(pos, pos + length);
    pos += length;
    return true;
  }

  function scanNumber(): TokenKind {
    if (tryDate()) return TokenKind.Date;
    scanDigits();
    if (text.charCodeAt(pos) === CH_DOT && isDigit(text.charCodeAt(pos + 1))) {
      pos++;
      scanDigits();
    }
    const mantissaText = text.slice(tokenStart, pos);
    numberValue = Number(mantissaText);
    if (text.charCodeAt(pos) === CH_CARET) {
      // A power: only 10^N is meaningful, but any base is read here and judged by the parser.
      pos++;
      const expStart = pos;
      if (text.charCodeAt(pos) === CH_DASH) pos++;
      scanDigits();
      if (pos === expStart || (pos === expStart + 1 && text.charCodeAt(expStart) === CH_DASH)) {
        error = TokenError.InvalidNumber;
        errorOffset = tokenStart;
      } else {
        numberValue = Math.pow(numberValue, Number(text.slice(expStart, pos)));
        if (mantissaText !== '10') {
          error = TokenError.InvalidNumber;
          errorOffset = tokenStart;
        }
      }
    }
    if (!(numberValue <= MAX_NUMBER) && error === TokenError.None) {
      // No clinical quantity comes near 10^18, and below it every unit conversion stays finite
      // (10^400 would be Infinity, 10^308 g would overflow once converted to mg).
      error = TokenError.InvalidNumber;
      errorOffset = tokenStart;
    }
    // Letters glued to a number (`85mg`) are left for the parser: it rescans them as a unit.
    value = text.slice(tokenStart, pos);
    return TokenKind.Number;
  }

  function scanString(): TokenKind {
    pos++; // opening quote
    let result = '';
    let chunkStart = pos;
    while (true) {
      if (pos >= length || isLineBreak(text.charCodeAt(pos))) {
        result += text.slice(chunkStart, pos);
        if (error === TokenError.None) {
          error = TokenError.UnterminatedString;
          errorOffset = tokenStart;
        }
        break;
      }
      const ch = text.charCodeAt(pos);
      if (ch === CH_QUOTE) {
        result += text.slice(chunkStart, pos);
        pos++;
        break;
      }
      if (ch === CH_BACKSLASH) {
        result += text.slice(chunkStart, pos);
        const escapeStart = pos;
        pos++;
        const next = text.charAt(pos);
        pos++;
        switch (next) {
          case '"':
            result += '"';
            break;
          case '\\':
            result += '\\';
            break;
          case 'n':
            result += '\n';
            break;
          case 't':
            result += '\t';
            break;
          case 'u': {
            const hex = text.slice(pos, pos + 4);
            if (/^[0-9a-fA-F]{4}$/.test(hex)) {
              result += String.fromCharCode(parseInt(hex, 16));
              pos += 4;
            } else if (error === TokenError.None) {
              error = TokenError.InvalidEscape;
              errorOffset = escapeStart;
            }
            break;
          }
          default:
            if (next === '' || isLineBreak(next.charCodeAt(0))) {
              pos--; // leave the line break for the unterminated-string path
            } else {
              result += next;
            }
            if (error === TokenError.None) {
              error = TokenError.InvalidEscape;
              errorOffset = escapeStart;
            }
        }
        chunkStart = pos;
        continue;
      }
      pos++;
    }
    value = result;
    return TokenKind.String;
  }

  function scan(): TokenKind {
    error = TokenError.None;
    numberValue = NaN;
    skipTrivia();
    tokenStart = pos;
    if (error === TokenError.None) errorOffset = pos;
    if (pos >= length) {
      value = '';
      return (kind = TokenKind.EOF);
    }
    const ch = text.charCodeAt(pos);
    if (isIdentifierStart(ch)) {
      pos++;
      while (pos < length && isIdentifierPart(text.charCodeAt(pos))) pos++;
      value = text.slice(tokenStart, pos);
      return (kind = TokenKind.Identifier);
    }
    if (isDigit(ch)) return (kind = scanNumber());
    if (ch === CH_QUOTE) return (kind = scanString());
    pos++;
    value = text.charAt(tokenStart);
    switch (ch) {
      case 123:
        return (kind = TokenKind.OpenBrace);
      case 125:
        return (kind = TokenKind.CloseBrace);
      case 44:
        return (kind = TokenKind.Comma);
      case 59:
        return (kind = TokenKind.Semicolon);
      case CH_SLASH:
        return (kind = TokenKind.Slash);
      case CH_DASH:
      case 0x2013: // en dash, as in "days 1–14" pasted from a document
        return (kind = TokenKind.Dash);
      case 62: // >
        if (text.charCodeAt(pos) === 61) {
          pos++;
          value = '>=';
          return (kind = TokenKind.GreaterEqual);
        }
        return (kind = TokenKind.Greater);
      case 60: // <
        if (text.charCodeAt(pos) === 61) {
          pos++;
          value = '<=';
          return (kind = TokenKind.LessEqual);
        }
        return (kind = TokenKind.Less);
      case 61: // =
        return (kind = TokenKind.Equal);
      case 0x2265: // ≥
        value = '>=';
        return (kind = TokenKind.GreaterEqual);
      case 0x2264: // ≤
        value = '<=';
        return (kind = TokenKind.LessEqual);
    }
    // Keep a surrogate pair together so a range never splits a character.
    if (0xd800 <= ch && ch <= 0xdbff && pos < length) {
      const low = text.charCodeAt(pos);
      if (0xdc00 <= low && low <= 0xdfff) pos++;
    }
    value = text.slice(tokenStart, pos);
    return (kind = TokenKind.Unknown);
  }

  function rescanAsUnit(): TokenKind {
    pos = tokenStart;
    error = TokenError.None;
    let depth = 0;
    while (pos < length) {
      const ch = text.charCodeAt(pos);
      if (ch === 40) {
        const end = parenthesisEnd(text, pos);
        if (end < 0) break;
        pos = end;
        continue;
      }
      if (!isUnitChar(ch)) break;
      if (ch === 123) depth++;
      else if (ch === 125) {
        if (depth === 0) break;
        depth--;
      } else if (ch === CH_SLASH && (text.charCodeAt(pos + 1) === CH_SLASH || text.charCodeAt(pos + 1) === CH_STAR)) {
        break; // a comment starts here
      }
      pos++;
    }
    if (pos === tokenStart) return kind;
    value = text.slice(tokenStart, pos);
    return (kind = TokenKind.Unit);
  }

  function reset(offset: number): void {
    pos = offset;
    kind = TokenKind.EOF;
    error = TokenError.None;
    commentList.length = 0;
  }

  return {
    scan,
    reset,
    rescanAsUnit,
    token: () => kind,
    tokenOffset: () => tokenStart,
    tokenLength: () => pos - tokenStart,
    tokenText: () => text.slice(tokenStart, pos),
    tokenValue: () => value,
    tokenNumber: () => numberValue,
    tokenError: () => error,
    tokenErrorOffset: () => errorOffset,
    precededByLineBreak: () => lineBreakBefore,
    comments: () => commentList,
  };
}
