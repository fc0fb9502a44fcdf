/**
 * Helpers shared by the language-server tests: fixtures by name, the samples, what the language
 * service itself says about a text (the reference the server's answers are compared with), and
 * compact renderings of LSP results that make a failing assertion readable.
 */

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem, Diagnostic, Range } from 'vscode-languageserver-protocol/node';
import { createProtocolService } from '../../server/src/service';
import { fixture } from '../unit/util';
import { offsetAt, positionAt, ROOT, type Fixture } from './client';
import { FIXTURES, type FixtureName } from './fixtures';

export const service = createProtocolService();

/** A fixture of the table, split into its text and cursor. */
export function load(name: FixtureName): Fixture {
  const { text, cursor } = fixture(FIXTURES[name]);
  return { text, cursor };
}

export const SAMPLES = ['NCT04669496.trial', 'NCT03951597.trial'] as const;

/** A sample's text. */
export function sample(name: string): string {
  return readFileSync(path.join(ROOT, 'samples', name), 'utf8');
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** The LSP range of an offset span. */
export function rangeOf(text: string, offset: number, length: number): Range {
  return { start: positionAt(text, offset), end: positionAt(text, offset + length) };
}

/** The range of the `occurrence`-th (0-based) occurrence of `needle` in `text`; fails when there is none. */
export function rangeOfText(text: string, needle: string, occurrence = 0): Range {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`'${needle}' occurs fewer than ${occurrence + 1} times in the fixture`);
  }
  return rangeOf(text, offset, needle.length);
}

const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 } as const;

/** One line per diagnostic: code, severity, and the text its range covers with its position. */
export function describeDiagnostics(text: string, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics
    .map(
      (d) =>
        `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${JSON.stringify(textAt(text, d.range))}`,
    )
    .sort();
}

/** The same lines for what the language service reports on the text: what the server must publish. */
export function expectedDiagnostics(text: string): string[] {
  return describeDiagnostics(
    text,
    service
      .analyze(text)
      .diagnostics.map((d) => ({ code: d.code, severity: SEVERITY[d.severity], range: rangeOf(text, d.offset, d.length), message: d.message })),
  );
}

/** Completion items in the order an editor shows them: by sortText, else by label. */
export function sortedCompletions(items: readonly CompletionItem[]): CompletionItem[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label));
}

/** The labels of completion items, in editor order. */
export function labels(items: readonly CompletionItem[]): string[] {
  return sortedCompletions(items).map((item) => item.label);
}
