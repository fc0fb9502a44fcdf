/**
 * The import and the export on the 120 real ClinicalTrials.gov records of ../shared/ctgov-corpus:
 * every record imports (through the function; a sample through `trial import` too, exit 0),
 * checks with no error, exports back with every registry field the schema knows as it was, puts
 * no criterion on the other side, and gives back its eligibility text. The corpus figures
 * (criteria, computable criteria) are printed.
 */

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as S from '../../server/src/model/schema';
import { createProtocolService } from '../../server/src/service';
import { toCtgov } from '../../server/src/summary/ctgov';
import { ProtocolSection } from '../../server/src/summary/ctgov-schema';
import { fromCtgov } from '../../server/src/summary/import';
import { readEligibilityText } from '../../server/src/summary/prose';
import { CORPUS_DIR } from './usdm-check';

const ROOT = resolve(__dirname, '..', '..');
const service = createProtocolService();

interface Imported {
  readonly file: string;
  readonly record: { protocolSection: Record<string, unknown> };
  readonly text: string;
  readonly analysis: ReturnType<typeof service.analyze>;
}

let cache: Imported[] | undefined;

function corpusFiles(): string[] {
  return existsSync(CORPUS_DIR)
    ? readdirSync(CORPUS_DIR)
        .filter((file) => file.endsWith('.json'))
        .sort()
    : [];
}

function imported(): Imported[] {
  cache ??= corpusFiles().map((file) => {
    const record = JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8')) as Imported['record'];
    const text = fromCtgov(record).text;
    return { file, record, text, analysis: service.analyze(text) };
  });
  return cache;
}

function leaves(criteria: readonly S.Criterion[]): S.Criterion[] {
  return criteria.flatMap((criterion) => (criterion.kind === 'group' ? leaves(criterion.criteria) : [criterion]));
}

/** Whitespace runs as one space, the ends trimmed. */
function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The side of the criteria text at an offset, read independently of the prose reader: the last
 * "Inclusion Criteria" or "Exclusion Criteria" before it that stands as a heading (at the start
 * of a line, or right after a list item's end in a one-line text), with any qualifier word.
 */
function sideAt(text: string, offset: number): 'inclusion' | 'exclusion' | undefined {
  let side: 'inclusion' | 'exclusion' | undefined;
  const heading = /(?:^|\n)[ \t*#_-]*(?:[\w-]+ )?(inclusion|exclusion) criteria\b|\s(Inclusion|Exclusion) Criteria:/gi;
  for (const match of text.slice(0, offset).matchAll(heading)) side = (match[1] ?? match[2]).toLowerCase() as 'inclusion' | 'exclusion';
  return side;
}

/** A record's protocolSection as the schema reads it, without the eligibility text (compared on its own). */
function registryFields(section: unknown): unknown {
  const parsed = ProtocolSection.parse(section);
  if (parsed.eligibilityModule) delete parsed.eligibilityModule.eligibilityCriteria;
  return parsed;
}

describe('ClinicalTrials.gov corpus: import, check, export', function () {
  this.timeout(300_000);

  before(function () {
    if (corpusFiles().length === 0) {
      if (process.env.CI) throw new Error(`the corpus is missing from ${CORPUS_DIR}`);
      this.skip();
    }
  });

  it('imports every record and checks each with no error', function () {
    const all = imported();
    assert.equal(all.length, 120, 'the corpus holds 120 records');
    const errors = all.flatMap(({ file, analysis, text }) =>
      analysis.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => `${file}: ${d.code} ${d.message} at ${JSON.stringify(text.slice(d.offset, d.offset + 40))}`),
    );
    assert.deepEqual(errors, []);
  });

  it('exports every registry field the schema knows as the record had it', function () {
    const mismatches = imported().flatMap(({ file, record, analysis }) => {
      const back = toCtgov(analysis.protocol);
      const [expected, actual] = [registryFields(record.protocolSection), registryFields(back)];
      try {
        assert.deepEqual(actual, expected);
        return [];
      } catch (error) {
        return [`${file}: ${(error as Error).message.split('\n').slice(0, 12).join(' ')}`];
      }
    });
    assert.deepEqual(mismatches, []);
  });

  it('gives back every record’s eligibility text, exactly', function () {
    const differing = imported().flatMap(({ file, record, analysis }) => {
      const original = (record.protocolSection.eligibilityModule as { eligibilityCriteria?: string } | undefined)?.eligibilityCriteria;
      if (original === undefined) return [];
      const back = toCtgov(analysis.protocol).eligibilityModule?.eligibilityCriteria ?? '';
      return back === original ? [] : normalized(back) === normalized(original) ? [`${file}: whitespace only`] : [file];
    });
    assert.deepEqual(differing, []);
  });

  it('puts no criterion on the other side', function () {
    const moved = imported().flatMap(({ file, record, analysis }) => {
      const original = (record.protocolSection.eligibilityModule as { eligibilityCriteria?: string } | undefined)?.eligibilityCriteria ?? '';
      const eligibility = analysis.protocol.eligibility;
      if (!eligibility) return [];
      // Where each criterion was read from, in the record's text; its side there, by the headings alone.
      let offset = 0;
      const found: string[] = [];
      const reading = readEligibilityText(original);
      for (const segment of reading.segments) {
        const start = offset;
        offset += segment.text.length;
        if (!segment.criterion || !segment.side) continue;
        const side = sideAt(original, start + 1);
        if (side && side !== segment.side) found.push(`${file}: ${segment.side} ${JSON.stringify(segment.text.slice(0, 60))} stands under ${side}`);
      }
      // And the protocol holds the criteria the reading put on each side, in number.
      if (leaves(eligibility.inclusion).length !== leaves(reading.inclusion).length) found.push(`${file}: inclusion criteria differ in number`);
      if (leaves(eligibility.exclusion).length !== leaves(reading.exclusion).length) found.push(`${file}: exclusion criteria differ in number`);
      return found;
    });
    assert.deepEqual(moved, []);
  });

  it('counts the computable criteria', function () {
    let criteria = 0;
    let computable = 0;
    for (const { analysis } of imported()) {
      const eligibility = analysis.protocol.eligibility;
      if (!eligibility) continue;
      const all = leaves([...eligibility.inclusion, ...eligibility.exclusion]);
      criteria += all.length;
      computable += all.filter((criterion) => criterion.kind === 'threshold' || criterion.kind === 'score').length;
    }
    console.log(`      corpus: ${computable} computable criteria (thresholds and scores) of ${criteria} criteria in ${imported().length} records`);
    assert.ok(computable >= 100, `only ${computable} computable criteria`);
  });

  it('imports a sample through `trial import`, exit 0, the same document as the function', function () {
    const built = join(ROOT, 'server', 'out', 'cli.js');
    if (!existsSync(built)) throw new Error(`the CLI is not built: ${built} is missing; run \`npx tsc -b\` first`);
    const sample = imported().filter((_, i) => i % 12 === 0);
    for (const { file, text } of sample) {
      const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'trial.js'), 'import', join(CORPUS_DIR, file)], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(result.status, 0, `${file}: ${result.stderr}`);
      assert.equal(result.stdout, text, file);
      for (const line of result.stderr.trimEnd().split('\n')) assert.match(line, /^trial: note: \S/, file);
    }
  });
});
