/**
 * Hostile ClinicalTrials.gov records: every string field of the schema (ctgov-schema.ts) holding
 * line breaks, comment closers, quotes, braces and statements of the language; JSON nested ten
 * thousand deep; `__proto__` keys. Each imports into a document that says exactly what the record
 * says — no statement the record did not have, every string back as it was — or is refused with
 * one line (exit 2 from `trial import`).
 */

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { createProtocolService } from '../../server/src/service';
import { toCtgov } from '../../server/src/summary/ctgov';
import { ProtocolSection } from '../../server/src/summary/ctgov-schema';
import { CtgovImportError, fromCtgov } from '../../server/src/summary/import';

const ROOT = resolve(__dirname, '..', '..');
const service = createProtocolService();

/** A string that would end a comment, a string or a block, and start statements, were it written raw. */
function hostile(n: number): string {
  return [
    `field ${n} */ /* "quoted" \\" \\`,
    '}',
    'arm evil "Evil" experimental { surgery }',
    'trial NCT99999999 { enrollment 999  phase 3  status recruiting }',
    'include platelets > 1\r  exclude age >= 0 years\u2028status withdrawn\u2029// comment\ttab \u0000 \u007f \u0085 end',
  ].join('\n');
}

interface Walked {
  /** A record with every field the schema knows, strings hostile. */
  readonly record: unknown;
  /** The paths of the strings the export writes back as they were read (free text, not dates or formatted values). */
  readonly texts: (string | number)[][];
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  entries?: Record<string, string>;
  checks?: unknown[];
};

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Fills every field of a zod schema: strings hostile, enumerations their first value, booleans true, numbers 1, lists one element. */
function walk(schema: z.ZodType): Walked {
  let n = 0;
  const texts: (string | number)[][] = [];
  const fill = (inner: z.ZodType, path: (string | number)[]): unknown => {
    const def = defOf(inner);
    switch (def.type) {
      case 'optional':
        return fill(def.innerType!, path);
      case 'object':
        return Object.fromEntries(Object.entries(def.shape!).map(([key, value]) => [key, fill(value, [...path, key])]));
      case 'array':
        return [fill(def.element!, [...path, 0])];
      case 'enum':
        return Object.values(def.entries!)[0];
      case 'boolean':
        return true;
      case 'number':
        return 1;
      case 'string': {
        const key = String(path[path.length - 1]);
        // Dates, ages and PubMed ids are values of a form the import checks (and leaves out here); the rest is text.
        if (!def.checks?.length && !/date$/i.test(key) && key !== 'nctId') texts.push(path);
        return hostile(n++);
      }
      default:
        throw new Error(`no filler for a ${def.type} at ${path.join('.')}`);
    }
  };
  const record = fill(schema, []) as Record<string, Record<string, unknown>>;
  // The NCT number names the trial block, and the arm and the intervention name each other.
  record.identificationModule.nctId = 'NCT00000001';
  const arms = record.armsInterventionsModule as {
    armGroups: { label: string; interventionNames: string[] }[];
    interventions: { name: string; armGroupLabels: string[] }[];
  };
  arms.armGroups[0].interventionNames = [`Drug: ${arms.interventions[0].name}`];
  arms.interventions[0].armGroupLabels = [arms.armGroups[0].label];
  // A typed responsible party has no old-style name.
  const party = (record.sponsorCollaboratorsModule as { responsibleParty: Record<string, unknown> }).responsibleParty;
  delete party.oldNameTitle;
  delete party.oldOrganization;
  return { record, texts: texts.filter((path) => !['oldNameTitle', 'oldOrganization', 'nctId'].includes(String(path[path.length - 1]))) };
}

function at(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((inner, key) => (inner as Record<string | number, unknown> | undefined)?.[key], value);
}

describe('ClinicalTrials.gov import of hostile records', function () {
  this.timeout(60_000);
  const { record, texts } = walk(ProtocolSection);
  const result = fromCtgov(record);
  const analysis = service.analyze(result.text);

  it('fills every string field of the schema', function () {
    assert.ok(texts.length >= 60, `only ${texts.length} text fields`);
  });

  it('writes a document with no syntax or model error, whose statements are the record’s only', function () {
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error' || Number(d.code.slice(3)) < 200);
    assert.deepEqual(
      errors.map((d) => `${d.code} ${d.message}`),
      [],
    );
    const protocol = analysis.protocol;
    assert.equal(protocol.trial?.nctId, 'NCT00000001');
    assert.equal(protocol.arms.length, 1);
    assert.equal(protocol.interventions.length, 1);
    assert.equal(protocol.drugs.length, 0);
    assert.equal(protocol.trial?.enrollment?.count, 1);
    assert.equal(protocol.trial?.phase, 'na');
    assert.equal(protocol.trial?.status, 'not_yet_recruiting');
    assert.equal(protocol.eligibility?.minimumAge, undefined, 'the hostile age is left out');
    assert.ok(!/^\s*(?:arm evil|trial NCT99999999)/m.test(result.text), 'no line of the document starts a statement from the record');
  });

  it('gives back every text field as it was', function () {
    const back = toCtgov(analysis.protocol);
    const differing = texts.filter((path) => at(back, path) !== at(record, path)).map((path) => path.join('.'));
    assert.deepEqual(differing, []);
  });

  it('survives formatting: the formatted document means the same', function () {
    const formatted = service.applyEdits(result.text, service.formatDocument(service.analyze(result.text)));
    assert.deepEqual(toCtgov(service.analyze(formatted).protocol), toCtgov(analysis.protocol));
  });

  it('refuses a hostile NCT number in one line', function () {
    const bad = { identificationModule: { nctId: 'NCT1 }\ntrial X {' } };
    assert.throws(
      () => fromCtgov(bad),
      (error: unknown) => error instanceof CtgovImportError && !error.message.includes('\n') && /not an NCT number/.test(error.message),
    );
  });

  it('reads __proto__ keys as plain keys, and pollutes no prototype', function () {
    const json = JSON.parse(
      '{"__proto__": {"polluted": "yes"}, "protocolSection": {"__proto__": {"polluted": "yes"}, "identificationModule": {"__proto__": {"nctId": "NCT99999999"}, "nctId": "NCT00000001", "briefTitle": "__proto__"}, "conditionsModule": {"conditions": ["__proto__"], "__proto__": []}}}',
    ) as unknown;
    const imported = fromCtgov(json);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'nctId'), false);
    const protocol = service.analyze(imported.text).protocol;
    assert.equal(protocol.trial?.nctId, 'NCT00000001');
    assert.equal(protocol.trial?.title, '__proto__');
    assert.deepEqual(protocol.trial?.conditions, ['__proto__']);
  });

  it('reads a record nested ten thousand deep without overflowing: the deep value is left out, or the record refused in one line', function () {
    const deep = (open: string, close: string) => `${open.repeat(10_000)}${close.repeat(10_000)}`;
    const cases = [
      `{"protocolSection": {"identificationModule": {"nctId": "NCT00000001"}, "eligibilityModule": {"eligibilityCriteria": ${deep('[', ']')}}}}`,
      `{"protocolSection": {"identificationModule": {"nctId": "NCT00000001", "briefTitle": ${deep('{"a":', '}').replace(/:}/, ':1}')}}}}`,
      `{"protocolSection": {"identificationModule": {"nctId": "NCT00000001"}}, "derivedSection": ${deep('{"x":', '}').replace(/:}/, ':1}')}}`,
      `{"protocolSection": ${deep('{"x":', '}').replace(/:}/, ':1}')}}`,
      deep('[', ']'),
    ];
    for (const text of cases) {
      const json = JSON.parse(text) as unknown;
      try {
        const imported = fromCtgov(json);
        assert.ok(service.analyze(imported.text).diagnostics.every((d) => d.severity !== 'error'));
      } catch (error) {
        assert.ok(error instanceof CtgovImportError, String(error));
        assert.ok(!error.message.includes('\n'));
      }
    }
  });

  describe('through `trial import`', function () {
    let dir = '';
    before(function () {
      const built = join(ROOT, 'server', 'out', 'cli.js');
      if (!existsSync(built)) throw new Error(`the CLI is not built: ${built} is missing; run \`npx tsc -b\` first`);
      dir = mkdtempSync(join(tmpdir(), 'trial-hostile-'));
    });
    after(function () {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    function trialImport(name: string, content: string) {
      const file = join(dir, name);
      writeFileSync(file, content);
      const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'trial.js'), 'import', file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      if (result.error) throw result.error;
      return result;
    }

    it('imports the hostile record, exit 0, one note a line', function () {
      const result = trialImport('hostile.json', JSON.stringify({ protocolSection: record }));
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, fromCtgov({ protocolSection: record }).text);
      for (const line of result.stderr.trimEnd().split('\n')) assert.match(line, /^trial: note: [^\n]*$/);
    });

    for (const [name, content] of [
      ['deep-array.json', `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
      ['deep-section.json', `{"protocolSection": ${'{"x":'.repeat(10_000)}1${'}'.repeat(10_000)}}`],
      ['bad-nct.json', JSON.stringify({ protocolSection: { identificationModule: { nctId: 'NCT1 }\ntrial X {' } } })],
    ] as const) {
      it(`imports ${name} or exits 2 with one line, never a stack trace`, function () {
        const result = trialImport(name, content);
        assert.ok(result.status === 0 || result.status === 2, `exit ${result.status}: ${result.stderr}`);
        if (result.status === 2) assert.match(result.stderr, /^trial: [^\n]+\n$/);
        assert.doesNotMatch(result.stderr, /internal error|\n\s+at /);
      });
    }
  });
});
