/**
 * `trial diff` and `trial screen` end to end: each test spawns `node bin/trial.js …` against the
 * built CLI, and checks exit codes, stdout and the one line on stderr that bad input gets.
 */

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundle, CODES, lab, medication, patient, score } from './fhir';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'trial.js');
const OLD = 'samples/NCT03951597.trial';
const NEW = 'samples/NCT04669496.trial';

function trial(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'NODE_DISABLE_COLORS']) delete env[name];
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Asserts a usage failure: exit 2, nothing on stdout, one line on stderr matching `message`. */
function assertBadInput(result: { status: number | null; stdout: string; stderr: string }, message: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^trial: [^\n]*\n$/);
  assert.match(result.stderr, message);
}

describe('cli: diff and screen', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'trial-reports-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, content: unknown): string {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  }

  describe('diff', () => {
    it('prints one line per change and a summary line on stderr, exit 0', () => {
      const { status, stdout, stderr } = trial('diff', OLD, NEW);
      assert.equal(status, 0, stderr);
      assert.match(stdout, /^changed inclusion: platelets \(lower limit\): >= 100 x10\^9\/L -> >= 90 x10\^9\/L, loosened \(line \d+ -> \d+\)$/m);
      assert.match(stdout, /^changed maximum age: 75 years -> 70 years, tightened/m);
      assert.match(stderr, /^\d+ changes: \d+ tighten eligibility, \d+ loosen it \(samples\/NCT03951597\.trial -> samples\/NCT04669496\.trial\)\n$/);
    });

    it('writes the issue’s JSON, an M11-style Markdown table and a self-contained HTML page', () => {
      const json = JSON.parse(trial('diff', OLD, NEW, '--format', 'json').stdout) as { changes: { what: string; direction: string | null }[] };
      assert.ok(json.changes.some((change) => change.what === 'inclusion: alt (upper limit)' && change.direction === 'loosened'));
      const markdown = trial('diff', OLD, NEW, '--format', 'markdown').stdout;
      assert.match(markdown, /\| Section \| Description of change \| Brief rationale \|/);
      assert.match(markdown, /\| 5\.3 Exclusion Criteria \| Removed exclusion: pt \(lower limit\)/);
      const html = trial('diff', OLD, NEW, '-f', 'html').stdout;
      assert.match(html, /^<!DOCTYPE html>/);
      assert.match(html, /<th>Brief rationale<\/th>/);
      assert.match(html, /data-side="new" data-offset="\d+"/);
    });

    it('prints nothing and exits 0 for a file against itself', () => {
      const { status, stdout, stderr } = trial('diff', NEW, NEW);
      assert.deepEqual([status, stdout, stderr], [0, '', `no changes (${NEW} -> ${NEW})\n`]);
    });

    it('exits 1 when a file has errors, saying the comparison leaves out what they affect', () => {
      const broken = file('broken.trial', 'eligibility {\n  include platelets >= 100 x10^9/L\n  include albumin >= \n}\n');
      const { status, stderr } = trial('diff', broken, NEW, '--format', 'json');
      assert.equal(status, 1);
      assert.match(stderr, /broken\.trial: \d+ errors?; the comparison leaves out what (it affects|they affect)/);
    });

    it('refuses a wrong number of files, an unknown format and a missing file in one line', () => {
      assertBadInput(trial('diff', OLD), /diff needs two files, OLD\.trial and NEW\.trial/);
      assertBadInput(trial('diff', OLD, NEW, '--format', 'pdf'), /--format must be text, json, markdown or html, not 'pdf'/);
      assertBadInput(trial('diff', OLD, 'nope.trial'), /nope\.trial/);
      assertBadInput(trial('diff', '-', '-'), /standard input \(-\) for one file only/);
    });

    it('documents its options in --help', () => {
      const { status, stdout } = trial('diff', '--help');
      assert.equal(status, 0);
      assert.match(stdout, /^Usage: trial diff OLD\.trial NEW\.trial \[options\]/);
      assert.match(stdout, /--format text\|json\|markdown\|html/);
      assert.match(trial('--help').stdout, /\n {2}diff {4}/);
    });
  });

  describe('screen', () => {
    const protocol = 'eligibility {\n  age 18 to 70 years\n  include ecog 0-1\n  include albumin >= 3.5 g/dL\n  exclude prior "PD1 antibody"\n}\n';

    it('prints the verdict and one line per criterion, exit 0 whatever the verdict', () => {
      const trialFile = file('p.trial', protocol);
      const eligible = file(
        'eligible.json',
        bundle(patient({ birthDate: '1970-03-02' }), score(CODES.ecog, 0), lab(CODES.albumin, 40, 'g/L'), medication('Ondansetron')),
      );
      const result = trial('screen', trialFile, eligible, '--date', '2024-05-01');
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout.split('\n')[0], 'Patient/p1 on 2024-05-01: eligible (4 pass, 0 fail, 0 unknown)');
      assert.match(result.stdout, /^line 4 {2}inclusion {2}pass {4}albumin >= 3\.5 g\/dL — 4 g\/dL >= 3\.5 g\/dL: met$/m);
      const ineligible = file(
        'ineligible.json',
        bundle(patient({ birthDate: '1970-03-02' }), score(CODES.ecog, 2), lab(CODES.albumin, 40, 'g/L'), medication('Opdivo')),
      );
      const json = trial('screen', trialFile, ineligible, '--date', '2024-05-01', '--format', 'json');
      assert.equal(json.status, 0, json.stderr);
      const report = JSON.parse(json.stdout) as { verdict: string; criteria: { line: number; outcome: string }[] };
      assert.equal(report.verdict, 'ineligible');
      assert.deepEqual(
        report.criteria.map((criterion) => [criterion.line, criterion.outcome]),
        [
          [2, 'pass'],
          [3, 'fail'],
          [4, 'pass'],
          [5, 'fail'],
        ],
      );
    });

    it('computes age at --date', () => {
      const trialFile = file('age.trial', 'eligibility {\n  age 18 to 70 years\n}\n');
      const patientFile = file('age.json', bundle(patient({ birthDate: '1953-05-01' })));
      assert.match(trial('screen', trialFile, patientFile, '--date', '2024-04-30').stdout, /: eligible/);
      assert.match(trial('screen', trialFile, patientFile, '--date', '2024-05-01').stdout, /: ineligible/);
    });

    it('refuses bad input with exit 2 and one line: not JSON, not FHIR, not a Bundle, no Patient, a bad date', () => {
      const trialFile = file('q.trial', protocol);
      assertBadInput(trial('screen', trialFile, file('not.json', '{"resourceType": "Bundle",')), /not\.json: is not valid JSON/);
      assertBadInput(trial('screen', trialFile, file('not-fhir.json', { hello: 'world' })), /not-fhir\.json: is not a FHIR resource: it has no resourceType/);
      assertBadInput(trial('screen', trialFile, file('patient.json', patient())), /patient\.json: is a FHIR Patient, not a Bundle/);
      assertBadInput(trial('screen', trialFile, file('empty.json', bundle())), /empty\.json: the Bundle holds no Patient/);
      assertBadInput(
        trial('screen', trialFile, file('ok.json', bundle(patient())), '--date', '2024-02-30'),
        /--date takes a date of the calendar, YYYY-MM-DD, not '2024-02-30'/,
      );
      assertBadInput(trial('screen', trialFile), /screen needs a PROTOCOL\.trial and a PATIENT\.json/);
    });

    it('documents its options in --help', () => {
      const { status, stdout } = trial('screen', '--help');
      assert.equal(status, 0);
      assert.match(stdout, /^Usage: trial screen PROTOCOL\.trial PATIENT\.json \[options\]/);
      assert.match(stdout, /--date YYYY-MM-DD/);
      assert.match(stdout, /--format text\|json/);
    });
  });
});
