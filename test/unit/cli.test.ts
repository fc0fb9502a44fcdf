/**
 * The command line contract (DESIGN.md, "Command line contract"), end to end: each test spawns
 * `node bin/trial.js …` from the repository root against the built CLI in server/out, and
 * checks the exit code, stdout and stderr exactly where the contract fixes them.
 */

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'trial.js');
const BUILT_CLI = join(ROOT, 'server', 'out', 'cli.js');
const SAMPLE_A = 'samples/NCT04669496.trial';
const SAMPLE_B = 'samples/NCT03951597.trial';

interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function trial(...args: string[]): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `file:line:col: severity code: message`, the text format's one line per diagnostic. */
const TEXT_LINE = /^(.+):(\d+):(\d+): (error|warning|information|hint) (TPL\d{3}): (.+)$/;

interface TextDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
}

/** Splits text output into diagnostics, failing on any line that is not of the contract's form. */
function textDiagnostics(stdout: string): TextDiagnostic[] {
  if (stdout === '') return [];
  assert.ok(stdout.endsWith('\n'), `output should end with a line break: ${JSON.stringify(stdout)}`);
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const match = TEXT_LINE.exec(line);
      assert.ok(match, `not a 'file:line:col: severity code: message' line: ${JSON.stringify(line)}`);
      return { file: match[1], line: Number(match[2]), column: Number(match[3]), severity: match[4], code: match[5], message: match[6] };
    });
}

/** Exit 2, exactly one line on stderr and no stack trace, nothing on stdout. */
function assertUsageFailure(result: RunResult, what: string): void {
  assert.equal(result.status, 2, `${what}: exit code (stderr: ${JSON.stringify(result.stderr)})`);
  assert.equal(result.stdout, '', `${what}: nothing on stdout`);
  assert.match(result.stderr, /^[^\n]+\n$/, `${what}: exactly one line on stderr, got ${JSON.stringify(result.stderr)}`);
  assert.ok(!result.stderr.split('\n').some((line) => line.startsWith('    at ')), `${what}: no stack trace`);
  assert.ok(!/internal error/.test(result.stderr), `${what}: a usage error, not an internal one: ${result.stderr}`);
}

interface JsonDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
}

/**
 * The fixtures below hold syntax and model mistakes (TPL0xx, TPL1xx). The analysis checks
 * (TPL2xx: registry completeness, names, doses…) may add their own findings on the same small
 * files; tests that pin exact lists look at the codes they are about, and tests of the exit code
 * check that no other error is present, so they stay meaningful as checks are added.
 */
const only = (codes: readonly string[]) => (d: { code: string }) => codes.includes(d.code);
const MISTAKE_CODES = ['TPL001', 'TPL002', 'TPL010', 'TPL101'];

/** The exit code the contract gives for this output: 1 when any line is an error, 0 otherwise. */
function expectedExit(diagnostics: readonly { severity: string }[]): number {
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

describe('trial CLI', function () {
  this.timeout(60_000);

  let dir = '';
  /** The file with three known mistakes. */
  let badFile = '';
  /** A file whose only syntax or model mistake is `status runing` (TPL101). */
  let statusFile = '';
  /** A file with nothing in it to report. */
  let cleanFile = '';

  // Line 2: `  status runing`       -> TPL101 at column 10 ('runing' starts after 2 spaces + 'status ').
  // Line 3: `  title "unterminated` -> TPL002 at column 9 (the opening quote).
  // Line 7: `  oxaliplatin 85 day 1` -> TPL010 at column 18 ('day', where the unit should be).
  const BAD = ['trial NCT00000001 {', '  status runing', '  title "unterminated', '}', '', 'arm a "A" experimental {', '  oxaliplatin 85 day 1', '}', ''].join(
    '\n',
  );

  before(function () {
    if (!existsSync(BUILT_CLI)) {
      throw new Error(`the CLI is not built: ${BUILT_CLI} is missing; run \`npx tsc -b\` (or \`npm test\`, which builds first)`);
    }
    dir = mkdtempSync(join(tmpdir(), 'trial-cli-test-'));
    badFile = join(dir, 'bad.trial');
    writeFileSync(badFile, BAD);
    statusFile = join(dir, 'status.trial');
    writeFileSync(statusFile, 'trial NCT00000001 {\n  status runing\n}\n');
    cleanFile = join(dir, 'clean.trial');
    writeFileSync(cleanFile, '// A document with nothing in it yet.\n');
  });

  after(function () {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('check', function () {
    it('exits 0 with no error lines on the two samples', function () {
      const result = trial('check', SAMPLE_A, SAMPLE_B);
      assert.equal(result.stderr, '');
      const errors = textDiagnostics(result.stdout).filter((d) => d.severity === 'error');
      assert.deepEqual(errors, []);
      assert.equal(result.status, 0, result.stdout);
    });

    it('prints one file:line:col: severity code: message line per diagnostic and exits 1 on errors', function () {
      const result = trial('check', badFile);
      assert.equal(result.stderr, '');
      assert.equal(result.status, 1);
      const found = textDiagnostics(result.stdout);
      assert.deepEqual(
        found.filter(only(MISTAKE_CODES)).map((d) => [d.file, d.line, d.column, d.severity, d.code]),
        [
          [badFile, 2, 10, 'error', 'TPL101'],
          [badFile, 3, 9, 'error', 'TPL002'],
          [badFile, 7, 18, 'error', 'TPL010'],
        ],
      );
      for (const d of found) assert.ok(d.message.trim().length > 0, 'a message');
      assert.match(found.filter(only(['TPL101']))[0].message, /'runing'/);
      // One line per diagnostic: the same diagnostics, in the same order, as the JSON format.
      const json = JSON.parse(trial('check', '--format', 'json', badFile).stdout) as JsonDiagnostic[];
      assert.deepEqual(
        found.map((d) => [d.file, d.line, d.column, d.severity, d.code, d.message]),
        json.map((d) => [d.file, d.line, d.column, d.severity, d.code, d.message]),
      );
    });

    it('reports the files in the order given, each with its own name', function () {
      const result = trial('check', statusFile, badFile);
      assert.equal(result.status, 1);
      assert.deepEqual(
        textDiagnostics(result.stdout)
          .filter(only(MISTAKE_CODES))
          .map((d) => [d.file, d.line, d.column, d.code]),
        [
          [statusFile, 2, 10, 'TPL101'],
          [badFile, 2, 10, 'TPL101'],
          [badFile, 3, 9, 'TPL002'],
          [badFile, 7, 18, 'TPL010'],
        ],
      );
      const files = textDiagnostics(result.stdout).map((d) => d.file);
      assert.ok(files.lastIndexOf(statusFile) < files.indexOf(badFile), `all of the first file, then the second: ${files.join(', ')}`);
    });

    it('counts columns in UTF-16 code units after non-ASCII text', function () {
      // `trial NCT00000001 { title "Größe ✓😀" ! }`: 'trial ' is columns 1-6, the id 7-17, ' { ' 18-20,
      // 'title ' 21-26, the quote 27, G r ö ß e 28-32, space 33, ✓ 34, 😀 35-36 (a surrogate pair),
      // the quote 37, space 38: '!' is column 39 (38 in code points, 46 in UTF-8 bytes).
      const file = join(dir, 'multibyte.trial');
      writeFileSync(file, 'trial NCT00000001 { title "Größe ✓😀" ! }\n', 'utf8');
      const text = trial('check', file);
      assert.equal(text.status, 1);
      assert.deepEqual(
        textDiagnostics(text.stdout)
          .filter(only(['TPL001']))
          .map((d) => [d.line, d.column, d.code]),
        [[1, 39, 'TPL001']],
      );
      const json = trial('check', '--format', 'json', file);
      const [d] = (JSON.parse(json.stdout) as JsonDiagnostic[]).filter(only(['TPL001']));
      assert.deepEqual([d.line, d.column, d.endLine, d.endColumn], [1, 39, 1, 40]);
    });

    it('counts columns in UTF-16 code units on a later line too', function () {
      // Line 2: `  title "Größe ✓" ` then `!`: 2 spaces, 'title ' 3-8, the quote 9, G r ö ß e 10-14, space 15,
      // ✓ 16, the quote 17, space 18: '!' is column 19.
      const file = join(dir, 'multibyte2.trial');
      writeFileSync(file, 'trial NCT00000001 {\n  title "Größe ✓" !\n}\n', 'utf8');
      const result = trial('check', file);
      assert.equal(result.status, 1);
      assert.deepEqual(
        textDiagnostics(result.stdout)
          .filter(only(['TPL001']))
          .map((d) => [d.line, d.column, d.code]),
        [[2, 19, 'TPL001']],
      );
    });
  });

  describe('check --format json', function () {
    const KEYS = ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity'];

    it('prints an array of {file, line, column, endLine, endColumn, severity, code, message}, 1-based, end exclusive', function () {
      const result = trial('check', '--format', 'json', badFile);
      assert.equal(result.stderr, '');
      assert.equal(result.status, 1);
      const parsed = JSON.parse(result.stdout) as unknown;
      assert.ok(Array.isArray(parsed));
      for (const item of parsed as Record<string, unknown>[]) assert.deepEqual(Object.keys(item).sort(), KEYS);
      const items = (parsed as JsonDiagnostic[]).filter(only(MISTAKE_CODES));
      // The same message as the text format gives for the same diagnostic.
      const textMessage = textDiagnostics(trial('check', badFile).stdout).filter(only(['TPL101']))[0].message;
      assert.deepEqual(items[0], {
        file: badFile,
        line: 2,
        column: 10,
        endLine: 2,
        endColumn: 16, // 'runing' is columns 10-15; the end is exclusive.
        severity: 'error',
        code: 'TPL101',
        message: textMessage,
      });
      // The unterminated string runs from its quote (column 9) to the end of its line: '"unterminated' is 13 units.
      assert.deepEqual(
        items.map((d) => [d.line, d.column, d.endLine, d.endColumn, d.severity, d.code]),
        [
          [2, 10, 2, 16, 'error', 'TPL101'],
          [3, 9, 3, 22, 'error', 'TPL002'],
          [7, 18, 7, 21, 'error', 'TPL010'],
        ],
      );
    });

    it('prints [] and exits 0 for a clean file', function () {
      const result = trial('check', '--format', 'json', cleanFile);
      assert.equal(result.stderr, '');
      assert.equal(result.status, 0);
      assert.equal(result.stdout.trim(), '[]');
      assert.deepEqual(JSON.parse(result.stdout), []);
    });

    it('prints no error for the samples, and exits 0', function () {
      const result = trial('check', '--format', 'json', SAMPLE_A, SAMPLE_B);
      assert.equal(result.stderr, '');
      const items = JSON.parse(result.stdout) as JsonDiagnostic[];
      for (const item of items) assert.deepEqual(Object.keys(item).sort(), KEYS);
      assert.deepEqual(
        items.filter((d) => d.severity === 'error'),
        [],
      );
      assert.equal(result.status, 0);
    });

    it('accepts --format=json and --format text', function () {
      assert.deepEqual(JSON.parse(trial('check', '--format=json', cleanFile).stdout), []);
      const text = trial('check', '--format', 'text', statusFile);
      assert.equal(text.status, 1);
      assert.deepEqual(
        textDiagnostics(text.stdout)
          .filter(only(MISTAKE_CODES))
          .map((d) => [d.line, d.column, d.code]),
        [[2, 10, 'TPL101']],
      );
    });
  });

  describe('check --rule', function () {
    it('CODE=warning demotes an error, and the exit code follows', function () {
      const before = textDiagnostics(trial('check', statusFile).stdout);
      // The fixture's one error is TPL101; anything else on it must not be an error, or the exit code proves nothing.
      assert.deepEqual(
        before.filter((d) => d.severity === 'error').map((d) => d.code),
        ['TPL101'],
      );
      const result = trial('check', '--rule', 'TPL101=warning', statusFile);
      assert.equal(result.stderr, '');
      const after = textDiagnostics(result.stdout);
      assert.deepEqual(
        after.filter(only(['TPL101'])).map((d) => [d.file, d.line, d.column, d.severity, d.code]),
        [[statusFile, 2, 10, 'warning', 'TPL101']],
      );
      assert.equal(after.length, before.length, 'the same diagnostics, one with a new severity');
      assert.equal(result.status, 0);
    });

    it('name=off suppresses the code, and the exit code follows', function () {
      const before = textDiagnostics(trial('check', statusFile).stdout);
      const result = trial('check', '--rule', 'model.invalid-value=off', statusFile);
      assert.equal(result.stderr, '');
      const after = textDiagnostics(result.stdout);
      assert.deepEqual(after.filter(only(['TPL101'])), []);
      assert.deepEqual(
        after,
        before.filter((d) => d.code !== 'TPL101'),
        'only TPL101 is gone',
      );
      assert.equal(result.status, 0);
    });

    it('demotes only the code named; other errors still give exit 1', function () {
      const result = trial('check', '--rule', 'TPL101=hint', badFile);
      assert.equal(result.status, 1);
      assert.deepEqual(
        textDiagnostics(result.stdout)
          .filter(only(MISTAKE_CODES))
          .map((d) => [d.line, d.column, d.severity, d.code]),
        [
          [2, 10, 'hint', 'TPL101'],
          [3, 9, 'error', 'TPL002'],
          [7, 18, 'error', 'TPL010'],
        ],
      );
    });

    it('takes several rules, by code and by name, and --rule=X inline; JSON shows the new severity', function () {
      const result = trial(
        'check',
        '--format',
        'json',
        '--rule=syntax.unterminated-string=off',
        '--rule',
        'TPL010=information',
        '--rule',
        'model.invalid-value=warning',
        badFile,
      );
      assert.equal(result.stderr, '');
      const items = JSON.parse(result.stdout) as JsonDiagnostic[];
      assert.deepEqual(
        items.filter(only(MISTAKE_CODES)).map((d) => [d.line, d.severity, d.code]),
        [
          [2, 'warning', 'TPL101'],
          [7, 'information', 'TPL010'],
        ],
      );
      assert.equal(result.status, expectedExit(items));
      // With the other checks' errors (if any) turned off as well, nothing is an error: exit 0.
      const others = [...new Set(items.filter((d) => d.severity === 'error').map((d) => d.code))].flatMap((code) => ['--rule', `${code}=off`]);
      const quiet = trial(
        'check',
        '--rule=syntax.unterminated-string=off',
        '--rule',
        'TPL010=information',
        '--rule',
        'model.invalid-value=warning',
        ...others,
        badFile,
      );
      assert.deepEqual(
        textDiagnostics(quiet.stdout).filter((d) => d.severity === 'error'),
        [],
      );
      assert.equal(quiet.status, 0);
    });

    it('exits 1 exactly when an error is printed', function () {
      for (const args of [
        [badFile],
        [statusFile],
        [cleanFile],
        [SAMPLE_A],
        ['--rule', 'TPL101=error', statusFile],
        ['--rule', 'TPL101=information', statusFile],
      ]) {
        const result = trial('check', ...args);
        assert.equal(result.status, expectedExit(textDiagnostics(result.stdout)), args.join(' '));
      }
    });
  });

  describe('bad input: exit 2, one line on stderr, nothing on stdout', function () {
    it('no arguments', function () {
      assertUsageFailure(trial(), 'no arguments');
    });

    it('an unknown command', function () {
      assertUsageFailure(trial('frobnicate', SAMPLE_A), 'unknown command');
    });

    it('an unknown option', function () {
      assertUsageFailure(trial('check', '--frobnicate', 'x.trial'), 'unknown option');
      assertUsageFailure(trial('check', SAMPLE_A, '--frobnicate'), 'unknown option after the file');
      assertUsageFailure(trial('summary', SAMPLE_A, '--format', 'json'), 'a check option given to summary');
    });

    it('a missing file', function () {
      const missing = join(dir, 'no-such-file.trial');
      const result = trial('check', missing);
      assertUsageFailure(result, 'missing file');
      assert.ok(result.stderr.includes(missing), `the message names the file: ${result.stderr}`);
    });

    it('a directory', function () {
      const sub = join(dir, 'a-directory.trial');
      mkdirSync(sub, { recursive: true });
      assertUsageFailure(trial('check', sub), 'directory');
    });

    it('a binary file', function () {
      const file = join(dir, 'binary.trial');
      writeFileSync(file, Buffer.from([0x74, 0x72, 0x69, 0x61, 0x6c, 0x00, 0x01, 0x02, 0x00, 0xff, 0x0a]));
      assertUsageFailure(trial('check', file), 'binary file');
      assertUsageFailure(trial('summary', file), 'binary file to summary');
    });

    it('a file that is not valid UTF-8', function () {
      const file = join(dir, 'latin1.trial');
      // 'trial NCT00000001 { title "Gr' then 0xF6 (ö in Latin-1, an invalid byte in UTF-8).
      writeFileSync(file, Buffer.concat([Buffer.from('trial NCT00000001 { title "Gr', 'ascii'), Buffer.from([0xf6]), Buffer.from('sse" }\n', 'ascii')]));
      assertUsageFailure(trial('check', file), 'invalid UTF-8');
    });

    it('--format xml', function () {
      assertUsageFailure(trial('check', '--format', 'xml', SAMPLE_A), '--format xml');
      assertUsageFailure(trial('check', SAMPLE_A, '--format'), '--format without a value');
    });

    it('--rule with an unknown code or name', function () {
      assertUsageFailure(trial('check', '--rule', 'nonsense=off', SAMPLE_A), '--rule nonsense=off');
      assertUsageFailure(trial('check', '--rule', 'TPL999=off', SAMPLE_A), '--rule TPL999=off');
    });

    it('--rule with an unknown setting or no setting', function () {
      assertUsageFailure(trial('check', '--rule', 'TPL010=loud', SAMPLE_A), '--rule TPL010=loud');
      assertUsageFailure(trial('check', '--rule', 'TPL010', SAMPLE_A), '--rule TPL010');
    });

    it('summary with two files', function () {
      assertUsageFailure(trial('summary', SAMPLE_A, SAMPLE_B), 'summary with two files');
    });

    it('summary with no file, and check with no file', function () {
      assertUsageFailure(trial('summary'), 'summary with no file');
      assertUsageFailure(trial('summary', '--json'), 'summary --json with no file');
      assertUsageFailure(trial('check'), 'check with no file');
    });

    it('prints nothing on stdout when one of several files is missing, even after a file with diagnostics', function () {
      const missing = join(dir, 'missing-too.trial');
      assertUsageFailure(trial('check', badFile, missing), 'bad file then a missing one');
      assertUsageFailure(trial('check', '--format', 'json', badFile, SAMPLE_A, missing), 'json: a missing file last');
    });
  });

  describe('summary', function () {
    it('--json prints the structured summary', function () {
      const result = trial('summary', SAMPLE_A, '--json');
      assert.equal(result.stderr, '');
      assert.equal(result.status, 0);
      const summary = JSON.parse(result.stdout) as {
        trial?: { nctId?: string; enrollment?: { count?: number } };
        arms: { id: string }[];
      };
      assert.equal(summary.trial?.nctId, 'NCT04669496');
      assert.equal(summary.trial?.enrollment?.count, 178);
      assert.deepEqual(
        summary.arms.map((arm) => arm.id),
        ['neoadjuvant', 'traditional'],
      );
    });

    it('--json before the file works too', function () {
      const result = trial('summary', '--json', SAMPLE_B);
      assert.equal(result.status, 0);
      assert.equal((JSON.parse(result.stdout) as { trial?: { nctId?: string } }).trial?.nctId, 'NCT03951597');
    });

    it('prints Markdown without --json', function () {
      const result = trial('summary', SAMPLE_A);
      assert.equal(result.stderr, '');
      assert.equal(result.status, 0);
      assert.ok(result.stdout.startsWith('# NCT04669496'), `starts with the heading: ${JSON.stringify(result.stdout.slice(0, 80))}`);
      assert.throws(() => JSON.parse(result.stdout) as unknown);
    });
  });

  describe('--help and --version', function () {
    it('--help exits 0 and prints usage', function () {
      for (const args of [['--help'], ['-h'], ['check', '--help']]) {
        const result = trial(...args);
        assert.equal(result.status, 0, args.join(' '));
        assert.equal(result.stderr, '');
        assert.match(result.stdout, /^Usage:/);
        assert.match(result.stdout, /trial check FILE/);
        assert.match(result.stdout, /trial summary FILE/);
      }
    });

    it("--version prints package.json's version", function () {
      const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
      const result = trial('--version');
      assert.equal(result.status, 0);
      assert.equal(result.stderr, '');
      assert.equal(result.stdout, `${version}\n`);
    });
  });
});
