/**
 * Test helpers. Fixtures are short flush-left strings:
 *   - `$0` marks a cursor (removed from the text; its offset is returned);
 *   - a line of only spaces and carets followed by a code (`   ^^^ TPL010`) marks the span of
 *     the line above it (the nearest line that is not itself an annotation) where that
 *     diagnostic is expected. Annotation lines are removed from the text.
 */

import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createProtocolService, type Diagnostic } from '../../server/src/service';
import type { Node } from '../../server/src/syntax/tree';
import { forEachChild } from '../../server/src/syntax/tree';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Expected {
  readonly code: string;
  readonly offset: number;
  readonly length: number;
}

export interface Fixture {
  readonly text: string;
  readonly cursor?: number;
  readonly expected: readonly Expected[];
}

const ANNOTATION = /^(\s*)(\^+)\s+(TPL\d{3})\s*$/;

/** Splits a fixture into its text, cursor and expected diagnostics. */
export function fixture(source: string): Fixture {
  const lines = source.split('\n');
  const kept: string[] = [];
  const expected: Expected[] = [];
  let offset = 0;
  let lastLineStart = -1;
  for (const line of lines) {
    const annotation = ANNOTATION.exec(line);
    if (annotation && lastLineStart >= 0) {
      expected.push({ code: annotation[3], offset: lastLineStart + annotation[1].length, length: annotation[2].length });
      continue;
    }
    kept.push(line);
    lastLineStart = offset;
    offset += line.length + 1;
  }
  let text = kept.join('\n');
  const cursorAt = text.indexOf('$0');
  let cursor: number | undefined;
  if (cursorAt >= 0) {
    cursor = cursorAt;
    text = text.slice(0, cursorAt) + text.slice(cursorAt + 2);
    // Spans after the cursor marker move back by its two characters.
    for (let i = 0; i < expected.length; i++) {
      if (expected[i].offset > cursorAt) expected[i] = { ...expected[i], offset: expected[i].offset - 2 };
    }
  }
  return { text, cursor, expected };
}

function describe(text: string, items: readonly Expected[]): string {
  return items.map((d) => `${d.code} @${d.offset}+${d.length} ${JSON.stringify(text.slice(d.offset, d.offset + d.length))}`).join('\n');
}

/**
 * Asserts that the document's diagnostics are exactly the annotated ones (code, offset,
 * length), no more and no fewer. Returns the diagnostics for further checks.
 */
export function checkDiagnostics(source: string, codes?: (code: string) => boolean): readonly Diagnostic[] {
  const { text, expected } = fixture(source);
  const diagnostics = createProtocolService()
    .analyze(text)
    .diagnostics.filter((d) => !codes || codes(d.code));
  const actual = diagnostics.map((d) => ({ code: d.code, offset: d.offset, length: d.length }));
  const order = (a: Expected, b: Expected) => a.offset - b.offset || a.code.localeCompare(b.code);
  assert.equal(
    describe(text, [...actual].sort(order)),
    describe(text, [...expected].sort(order)),
    `diagnostics differ; messages:\n${diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n')}`,
  );
  return diagnostics;
}

/** Renders a syntax tree as indented lines: kind, range and the leaf text. */
export function dumpTree(node: Node, text: string, indent = ''): string {
  const leaf =
    'text' in node && typeof node.text === 'string'
      ? ` ${JSON.stringify(node.text)}`
      : 'value' in node && typeof node.value === 'string'
        ? ` ${JSON.stringify(node.value)}`
        : '';
  let out = `${indent}${node.kind}@${node.offset}..${node.offset + node.length}${leaf}\n`;
  if ('value' in node && typeof node.value === 'number')
    out = `${indent}${node.kind}@${node.offset}..${node.offset + node.length} ${JSON.stringify(text.slice(node.offset, node.offset + node.length))}=${node.value}\n`;
  forEachChild(node, (child) => {
    out += dumpTree(child, text, indent + '  ');
  });
  return out;
}

/**
 * Compares `actual` with the snapshot file `test/snapshots/NAME`. Missing snapshots are written
 * (outside CI); `UPDATE_SNAPSHOTS=1` rewrites them on purpose. In CI a missing snapshot fails.
 */
export function matchSnapshot(name: string, actual: string): void {
  const file = path.join(ROOT, 'test', 'snapshots', name);
  if (process.env.UPDATE_SNAPSHOTS === '1' || (!existsSync(file) && process.env.CI !== 'true')) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `snapshot ${name} is missing; run the tests once outside CI or with UPDATE_SNAPSHOTS=1`);
  assert.equal(actual, readFileSync(file, 'utf8'), `snapshot ${name} differs; if the change is intended, rerun with UPDATE_SNAPSHOTS=1`);
}

/** Reads a sample by file name. */
export function sample(name: string): string {
  return readFileSync(path.join(ROOT, 'samples', name), 'utf8');
}
