/**
 * Property tests: on any text at all, the parser, lowering, the service and the summary never
 * throw, and everything they report stays inside the document. Two families of documents:
 * random token soup biased toward the language's own characters, and mutations of the two
 * samples (slices deleted, duplicated, swapped; tokens inserted; the text truncated).
 *
 * The seed is fixed so CI is deterministic; on failure fast-check prints the seed, the path and
 * the shrunk counterexample, so the failure can be replayed with `{ seed, path }`.
 */

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { Codes, type Finding } from '../../server/src/language/codes';
import { lower, schemaFindings } from '../../server/src/model/lower';
import { createProtocolService } from '../../server/src/service';
import { renderMarkdown } from '../../server/src/summary/markdown';
import { summarize } from '../../server/src/summary/summary';
import { parse } from '../../server/src/syntax/parser';
import { forEachChild, type Node } from '../../server/src/syntax/tree';
import { mutatedSample, randomDocument, SAMPLE_FILES, SAMPLES } from './documents';

const ROOT = resolve(__dirname, '..', '..');

const SEED = 20240611;
const RANDOM_RUNS = 10000;
const MUTATION_RUNS = 5000;

const service = createProtocolService();

// ---- the properties checked on every document --------------------------------------------

function describeFinding(finding: Finding): string {
  return JSON.stringify(finding);
}

/** A finding lies inside the text, has a known code and says something. */
function assertFindingValid(finding: Finding, text: string, from: string): void {
  const where = `${from} ${describeFinding(finding)} in a text of length ${text.length}`;
  assert.ok(Number.isInteger(finding.offset) && Number.isInteger(finding.length), `integer offset and length: ${where}`);
  assert.ok(finding.offset >= 0, `offset >= 0: ${where}`);
  assert.ok(finding.length >= 0, `length >= 0: ${where}`);
  assert.ok(finding.offset + finding.length <= text.length, `offset + length <= text.length: ${where}`);
  assert.ok(Object.hasOwn(Codes, finding.code), `a code in the Codes table: ${where}`);
  assert.equal(typeof finding.message, 'string', `a string message: ${where}`);
  assert.ok(finding.message.trim().length > 0, `a non-empty message: ${where}`);
}

/** Every node lies inside the text, and every child inside its parent. */
function assertTreeWellFormed(root: Node, text: string): void {
  const check = (node: Node, parent: Node | undefined): void => {
    const where = `${node.kind} at ${node.offset}+${node.length}${parent ? ` in ${parent.kind} at ${parent.offset}+${parent.length}` : ''} (text length ${text.length})`;
    assert.ok(Number.isInteger(node.offset) && Number.isInteger(node.length), `integer offset and length: ${where}`);
    assert.ok(node.offset >= 0 && node.length >= 0, `non-negative range: ${where}`);
    assert.ok(node.offset + node.length <= text.length, `inside the text: ${where}`);
    if (parent) {
      assert.ok(node.offset >= parent.offset && node.offset + node.length <= parent.offset + parent.length, `inside its parent: ${where}`);
    }
    forEachChild(node, (child) => check(child, node));
  };
  check(root, undefined);
}

function checkDocument(text: string): void {
  // Parsing: never throws, deterministic, errors valid and at most one per start offset.
  const parsed = parse(text);
  assert.deepStrictEqual(parse(text), parsed, 'parsing the same text twice gives the same result');
  const starts = new Set<number>();
  for (const error of parsed.errors) {
    assertFindingValid(error, text, 'parser error');
    assert.ok(
      !starts.has(error.offset),
      `two parser errors start at offset ${error.offset}: ${JSON.stringify(parsed.errors.filter((e) => e.offset === error.offset))}`,
    );
    starts.add(error.offset);
  }
  assertTreeWellFormed(parsed.tree, text);

  // Lowering: never throws, findings valid.
  const lowered = lower(parsed.tree);
  for (const finding of lowered.findings) assertFindingValid(finding, text, 'lowering finding');
  // Lowering validates each value where it reads it, so the whole model fits the zod schema.
  assert.deepEqual(schemaFindings(lowered.protocol), [], 'the lowered protocol satisfies the Protocol schema');

  // The service: never throws, diagnostics valid and sorted by offset.
  const analysis = service.analyze(text);
  for (const diagnostic of analysis.diagnostics) assertFindingValid(diagnostic, text, 'diagnostic');
  for (let i = 1; i < analysis.diagnostics.length; i++) {
    assert.ok(
      analysis.diagnostics[i - 1].offset <= analysis.diagnostics[i].offset,
      `diagnostics sorted by offset: ${describeFinding(analysis.diagnostics[i - 1])} before ${describeFinding(analysis.diagnostics[i])}`,
    );
  }

  // The summary and its Markdown: never throw, and the summary holds only finite numbers.
  const summary = summarize(analysis.protocol);
  const markdown = renderMarkdown(summary);
  assert.equal(typeof markdown, 'string');
  assertNoNullOrNonFinite(summary, 'summary');
}

/**
 * The summary's types have no null and no non-finite number; an Infinity or NaN computed on the
 * way would come out of its JSON round trip as null, and then print as `null` or break a renderer.
 */
function assertNoNullOrNonFinite(value: unknown, path: string): void {
  assert.notEqual(value, null, `${path} is null`);
  if (typeof value === 'number') assert.ok(Number.isFinite(value), `${path} is ${value}`);
  else if (Array.isArray(value)) value.forEach((item, i) => assertNoNullOrNonFinite(item, `${path}[${i}]`));
  else if (typeof value === 'object')
    for (const [key, inner] of Object.entries(value as object)) if (inner !== undefined) assertNoNullOrNonFinite(inner, `${path}.${key}`);
}

// ---- the tests ----------------------------------------------------------------------------

/**
 * Minimal inputs that these properties once found to break a promise. Each runs on every test
 * run, as its own test, whatever the random search happens to reach under the seed.
 */
const REGRESSIONS: readonly string[] = [
  // A string ending in a backslash at the end of the file: TPL003 at offset 1 with length 2, past the text's end.
  '"\\',
  // A power of ten beyond a double: the dose was Infinity, its summary value null, and renderMarkdown threw.
  'arm a "" other{x 10^400 mg}',
  // The same in a threshold with a unit.
  'eligibility{include platelets>1 x10^400/L}',
  // A finite dose whose normalised value overflows (10^308 g is 10^311 mg): the same throw in renderMarkdown.
  'arm a "" other{x 10^308 g}',
  // The same for a threshold converted to its analyte's canonical unit (g/dL to g/L).
  'eligibility{include hemoglobin>=10^308 g/dL}',
  // A dose whose per-cycle and cumulative amounts overflow: null in the summary where a number belongs.
  'arm a "" other{cycle 21 days x 3 {x 10^308 mg daily days 1-21}}',
  // A day at or above 2^53: lowering's day loop (`day++` from 10^16 to 10^16) never ended.
  'arm a "" other{x 1 mg day 10^16}',
];

/** How long a regression may take in a child process before it counts as a hang. */
const HANG_LIMIT_MS = 5_000;

/**
 * Runs parse, lower, analyze, summarize and renderMarkdown on `text` in a child process, so
 * that an endless loop fails the test instead of hanging the whole run (mocha's timeout cannot
 * interrupt synchronous code). Returns the child's result once it has finished.
 */
function runInChild(text: string): { status: number | null; stdout: string; stderr: string } {
  const module = (path: string) => JSON.stringify(join(ROOT, 'server', 'src', path));
  const script = [
    `const text = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));`,
    `const { parse } = require(${module('syntax/parser.ts')});`,
    `const { lower } = require(${module('model/lower.ts')});`,
    `const { createProtocolService } = require(${module('service.ts')});`,
    `const { summarize } = require(${module('summary/summary.ts')});`,
    `const { renderMarkdown } = require(${module('summary/markdown.ts')});`,
    `lower(parse(text).tree);`,
    `renderMarkdown(summarize(createProtocolService().analyze(text).protocol));`,
    `process.stdout.write('finished\\n');`,
  ].join('\n');
  const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
    cwd: ROOT,
    input: JSON.stringify(text),
    encoding: 'utf8',
    timeout: HANG_LIMIT_MS,
  });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' || result.signal === 'SIGTERM') {
    assert.fail(`parse/lower/analyze/summarize did not finish within ${HANG_LIMIT_MS} ms on ${JSON.stringify(text)} (an endless loop?)`);
  }
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('properties: parse, lower, analyze and summarize on any text', function () {
  this.timeout(120_000);

  it('the unmodified samples pass every check and give no error', function () {
    for (const [i, text] of SAMPLES.entries()) {
      checkDocument(text);
      assert.deepEqual(
        service.analyze(text).diagnostics.filter((d) => d.severity === 'error'),
        [],
        SAMPLE_FILES[i],
      );
    }
  });

  // The exact diagnostics the samples keep (each explained in docs/diagnostics.md) are asserted in samples.test.ts.

  it('the empty document and a few edge texts pass every check', function () {
    for (const text of ['', ' ', '\n', '\uFEFF', '\uD800', '😀', '"', '/*', '{', '}', 'trial', 'trial X {', '10^', 'x10^9/L']) checkDocument(text);
  });

  for (const text of REGRESSIONS) {
    it(`regression: ${JSON.stringify(text)}`, function () {
      const child = runInChild(text);
      // A throw shows here, in this process, with its stack trace.
      checkDocument(text);
      assert.equal(child.status, 0, `the child process failed where this one did not:\n${child.stderr}`);
      assert.equal(child.stdout, 'finished\n', 'the child process ran every stage');
    });
  }

  it(`random token soup (${RANDOM_RUNS} documents)`, function () {
    fc.assert(fc.property(randomDocument, checkDocument), { numRuns: RANDOM_RUNS, seed: SEED });
  });

  it(`mutated samples (${MUTATION_RUNS} documents)`, function () {
    fc.assert(fc.property(mutatedSample, checkDocument), { numRuns: MUTATION_RUNS, seed: SEED + 1 });
  });
});
