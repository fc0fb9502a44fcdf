/**
 * The one table of diagnostic codes. A code never changes meaning once released; each has a
 * stable name, a default severity that settings and `trial check --rule` may override, and a
 * one-line summary used by the docs test (every code here must be listed in docs/diagnostics.md).
 * This module is plain data, so every layer (syntax included) may import it.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface CodeInfo {
  readonly code: string;
  readonly name: string;
  readonly severity: Severity;
  readonly summary: string;
}

function defineCodes<const T extends Record<string, Omit<CodeInfo, 'code'>>>(table: T): { readonly [K in keyof T]: CodeInfo } {
  const result: Record<string, CodeInfo> = {};
  for (const [code, info] of Object.entries(table)) result[code] = { code, ...info };
  return result as { readonly [K in keyof T]: CodeInfo };
}

export const Codes = defineCodes({
  // Syntax: the scanner and parser.
  TPL001: { name: 'syntax.unexpected-character', severity: 'error', summary: 'A character that no token of the language starts with.' },
  TPL002: { name: 'syntax.unterminated-string', severity: 'error', summary: 'A string without its closing quote on the same line.' },
  TPL003: { name: 'syntax.invalid-escape', severity: 'error', summary: 'A backslash escape other than \\" \\\\ \\n \\t \\uXXXX.' },
  TPL004: { name: 'syntax.unterminated-comment', severity: 'error', summary: 'A /* comment without its closing */.' },
  TPL005: { name: 'syntax.invalid-number', severity: 'error', summary: 'A power other than 10^N, or a ^ without an exponent.' },
  TPL010: { name: 'syntax.expected', severity: 'error', summary: 'A statement is missing a part (a value, a unit, a brace).' },
  TPL011: { name: 'syntax.unknown-statement', severity: 'error', summary: 'A word that does not start a statement where it stands.' },
  TPL012: { name: 'syntax.unclosed-block', severity: 'error', summary: 'A { whose closing } is missing.' },
  TPL013: { name: 'syntax.unexpected-token', severity: 'error', summary: 'A token that cannot stand where it stands (a stray } or ,).' },
  // Model: lowering the tree to the resolved protocol.
  TPL101: { name: 'model.invalid-value', severity: 'error', summary: 'A value outside the allowed set of its field (a status, a phase, a route).' },
  TPL102: { name: 'model.invalid-date', severity: 'error', summary: 'A date that does not exist in the calendar.' },
  TPL103: { name: 'model.duplicate-field', severity: 'error', summary: 'A field or dose modifier given twice where it may appear once.' },
  TPL104: { name: 'model.unknown-unit', severity: 'error', summary: 'A unit that is neither a UCUM unit nor one of the friendly forms.' },
  TPL105: {
    name: 'model.not-a-dose-unit',
    severity: 'error',
    summary: 'A dose unit that is not a mass, a mass per body surface or per body weight, or international units.',
  },
  TPL106: { name: 'model.unresolved-reference', severity: 'error', summary: 'A reference to an intervention that is not declared.' },
  TPL107: { name: 'model.duplicate-block', severity: 'error', summary: 'A second trial or eligibility block in one file.' },
  TPL108: {
    name: 'model.invalid-range',
    severity: 'error',
    summary: 'A range whose end comes before its start (days 14-1), or a zero or fractional day, cycle or count.',
  },
  TPL109: { name: 'model.unit-mismatch', severity: 'error', summary: "A threshold whose unit cannot be converted to its analyte's canonical unit." },
});

export type Code = keyof typeof Codes;

/** A problem found in a document, located by offset and length; severity comes from the rule table. */
export interface Finding {
  readonly code: Code;
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}

/** Looks a code up by its code (`TPL010`) or its name (`syntax.expected`). */
export function findCode(codeOrName: string): CodeInfo | undefined {
  const table: Readonly<Record<string, CodeInfo>> = Codes;
  if (table[codeOrName]) return table[codeOrName];
  return Object.values(table).find((info) => info.name === codeOrName);
}
