/**
 * The command line contract (DESIGN.md, "Command line contract"; docs/cli.md), end to end: each
 * test spawns `node bin/trial.js …` from the repository root against the built CLI in
 * server/out, and checks the exit code, stdout and stderr exactly where the contract fixes them.
 * Every spawn has a timeout, so input that would make the CLI wait (a FIFO with no writer) fails
 * the test instead of hanging it.
 */

import assert from 'node:assert/strict';
import { spawnSync, type StdioOptions } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MAX_INPUT_BYTES } from '../../server/src/cli/input';
import { COMPLETE_TRIAL } from './fixtures';

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

interface RunOptions {
  /** Variables added to the environment (which otherwise has no colour variable set). */
  readonly env?: Readonly<Record<string, string>>;
  /** What standard input holds (by default: nothing, at once at its end). */
  readonly input?: string | Buffer;
  /** Standard input as a file descriptor (a device) instead. */
  readonly stdinFd?: number;
  readonly timeoutMs?: number;
}

/** The environment of the CLI under test: the test's own, without what would turn colour on or off. */
function plainEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'NODE_DISABLE_COLORS']) delete env[name];
  return env;
}

function trialWith(options: RunOptions, ...args: string[]): RunResult {
  const stdio: StdioOptions = options.stdinFd === undefined ? 'pipe' : [options.stdinFd, 'pipe', 'pipe'];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
    env: { ...plainEnvironment(), ...options.env },
    input: options.input,
    stdio,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function trial(...args: string[]): RunResult {
  return trialWith({}, ...args);
}

/** The line `check` ends its text output with, on stderr: `2 errors, 3 warnings in 2 files`, `no problems in 1 file`. */
function summaryLine(diagnostics: readonly { severity: string }[], files: number): string {
  const nouns = [
    ['error', 'error', 'errors'],
    ['warning', 'warning', 'warnings'],
    ['information', 'info', 'info'],
    ['hint', 'hint', 'hints'],
  ];
  const parts = nouns
    .map(([severity, one, many]) => [diagnostics.filter((d) => d.severity === severity).length, one, many] as const)
    .filter(([count]) => count > 0)
    .map(([count, one, many]) => `${count} ${count === 1 ? one : many}`);
  return `${parts.length === 0 ? 'no problems' : parts.join(', ')} in ${files} ${files === 1 ? 'file' : 'files'}\n`;
}

/** The ANSI escape that starts every colour or style. */
const ESCAPE = '\u001b[';

function stripColour(text: string): string {
  // eslint-disable-next-line no-control-regex -- the escape character is what is matched
  return text.replace(/\u001b\[[0-9;]*m/g, '');
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
    writeFileSync(cleanFile, COMPLETE_TRIAL);
  });

  after(function () {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('check', function () {
    it('exits 0 with no error lines on the two samples', function () {
      const result = trial('check', SAMPLE_A, SAMPLE_B);
      assert.equal(result.stderr, summaryLine(textDiagnostics(result.stdout), 2));
      const errors = textDiagnostics(result.stdout).filter((d) => d.severity === 'error');
      assert.deepEqual(errors, []);
      assert.equal(result.status, 0, result.stdout);
    });

    it('prints one file:line:col: severity code: message line per diagnostic and exits 1 on errors', function () {
      const result = trial('check', badFile);
      assert.equal(result.status, 1);
      const found = textDiagnostics(result.stdout);
      assert.equal(result.stderr, summaryLine(found, 1));
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
      const after = textDiagnostics(result.stdout);
      assert.equal(result.stderr, summaryLine(after, 1));
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
      const after = textDiagnostics(result.stdout);
      assert.equal(result.stderr, summaryLine(after, 1));
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
      assertUsageFailure(trial('summary', SAMPLE_A, '--rule', 'TPL101=off'), 'a check option given to summary');
      assertUsageFailure(trial('format', '--frobnicate', SAMPLE_A), 'unknown option to format');
      assertUsageFailure(trial('check', '-Z', SAMPLE_A), 'unknown short option');
      assertUsageFailure(trial('--frobnicate'), 'unknown option before any command');
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

  describe('check: the summary line', function () {
    it('ends the text output with the counts on stderr, and stdout holds only diagnostic lines', function () {
      const bad = trial('check', badFile, statusFile);
      assert.equal(bad.stderr, summaryLine(textDiagnostics(bad.stdout), 2));
      assert.match(bad.stderr, /^\d+ errors?(, \d+ (warnings?|info|hints?))* in 2 files\n$/);
      const clean = trial('check', cleanFile);
      assert.equal(clean.stdout, '');
      assert.equal(clean.stderr, 'no problems in 1 file\n');
      assert.equal(clean.status, 0);
    });

    it('is left out of --format json, whose stdout is JSON and nothing else', function () {
      const result = trial('check', '--format', 'json', badFile, statusFile);
      assert.equal(result.stderr, '');
      assert.ok(Array.isArray(JSON.parse(result.stdout)));
    });
  });

  describe('colour', function () {
    it('colours the severity and the summary line with FORCE_COLOR=1, even when piped, and changes nothing else', function () {
      const plain = trial('check', badFile);
      const coloured = trialWith({ env: { FORCE_COLOR: '1' } }, 'check', badFile);
      assert.equal(coloured.status, plain.status);
      assert.ok(coloured.stdout.includes(`${ESCAPE}31merror`), `errors in red: ${JSON.stringify(coloured.stdout.slice(0, 200))}`);
      assert.ok(coloured.stderr.includes(ESCAPE), 'the summary line is coloured');
      assert.equal(stripColour(coloured.stdout), plain.stdout);
      assert.equal(stripColour(coloured.stderr), plain.stderr);
    });

    it('has no colour with NO_COLOR=1, when piped, or with FORCE_COLOR=0', function () {
      const environments: Readonly<Record<string, string>>[] = [{ NO_COLOR: '1' }, {}, { FORCE_COLOR: '0' }];
      for (const env of environments) {
        const result = trialWith({ env }, 'check', badFile);
        assert.equal(result.status, 1);
        assert.ok(!result.stdout.includes(ESCAPE) && !result.stderr.includes(ESCAPE), `no escape with ${JSON.stringify(env)}`);
      }
    });

    it('never colours JSON', function () {
      const result = trialWith({ env: { FORCE_COLOR: '1' } }, 'check', '--format', 'json', badFile);
      assert.ok(!result.stdout.includes(ESCAPE));
      assert.ok(Array.isArray(JSON.parse(result.stdout)));
    });
  });

  describe('directories and standard input', function () {
    let tree = '';

    before(function () {
      // One TPL101 in each file, so that each file shows up in the output under its name.
      tree = join(dir, 'tree');
      const status = 'trial NCT00000001 {\n  status runing\n}\n';
      for (const file of ['b.trial', 'a.trial', 'sub/c.trial', 'sub/deeper/d.trial', '.hidden/e.trial', 'node_modules/f.trial', 'a.txt', 'sub/g.json']) {
        mkdirSync(join(tree, file, '..'), { recursive: true });
        writeFileSync(join(tree, file), status);
      }
    });

    it("checks a directory's .trial files, recursively and sorted, skipping dot-folders and node_modules", function () {
      const result = trial('check', '--format', 'json', tree);
      assert.equal(result.status, 1);
      const files = (JSON.parse(result.stdout) as JsonDiagnostic[]).filter(only(['TPL101'])).map((d) => d.file);
      assert.deepEqual(files, [join(tree, 'a.trial'), join(tree, 'b.trial'), join(tree, 'sub', 'c.trial'), join(tree, 'sub', 'deeper', 'd.trial')]);
      const text = trial('check', tree);
      assert.equal(text.stderr, summaryLine(textDiagnostics(text.stdout), 4));
    });

    it('mixes files and directories in the order given, each file once', function () {
      const result = trial('check', '--format', 'json', statusFile, join(tree, 'sub'), join(tree, 'sub', 'c.trial'));
      const files = (JSON.parse(result.stdout) as JsonDiagnostic[]).filter(only(['TPL101'])).map((d) => d.file);
      assert.deepEqual(files, [statusFile, join(tree, 'sub', 'c.trial'), join(tree, 'sub', 'deeper', 'd.trial')]);
    });

    it('reads - from standard input and reports it as <stdin>', function () {
      const fromFile = trial('check', '--format', 'json', badFile);
      const fromInput = trialWith({ input: BAD }, 'check', '--format', 'json', '-');
      assert.equal(fromInput.status, fromFile.status);
      assert.deepEqual(
        JSON.parse(fromInput.stdout),
        (JSON.parse(fromFile.stdout) as JsonDiagnostic[]).map((d) => ({ ...d, file: '<stdin>' })),
      );
      const text = trialWith({ input: BAD }, 'check', statusFile, '-');
      assert.deepEqual([...new Set(textDiagnostics(text.stdout).map((d) => d.file))], [statusFile, '<stdin>']);
      assert.equal(text.stderr, summaryLine(textDiagnostics(text.stdout), 2));
    });

    it('takes - for summary and import too', function () {
      const summary = trialWith({ input: readFileSync(join(ROOT, SAMPLE_A)) }, 'summary', '--json', '-');
      assert.equal(summary.status, 0);
      assert.equal((JSON.parse(summary.stdout) as { trial?: { nctId?: string } }).trial?.nctId, 'NCT04669496');
      const imported = trialWith({ input: '{"protocolSection": {"identificationModule": {"nctId": "NCT00000002"}}}' }, 'import', '-');
      assert.equal(imported.status, 0, imported.stderr);
      assert.match(imported.stdout, /NCT00000002/);
    });
  });

  describe('check --max-warnings and --quiet', function () {
    /** statusFile with its one error turned off: warnings only. */
    const WITHOUT_ERRORS = ['--rule', 'TPL101=off'];

    function warningCount(): number {
      const items = JSON.parse(trial('check', '--format', 'json', ...WITHOUT_ERRORS, statusFile).stdout) as JsonDiagnostic[];
      assert.deepEqual(
        items.filter((d) => d.severity === 'error'),
        [],
      );
      const warnings = items.filter((d) => d.severity === 'warning').length;
      assert.ok(warnings > 0, 'the fixture has warnings to count');
      return warnings;
    }

    it('exits 1 when there are more warnings than N, 0 when there are N', function () {
      const warnings = warningCount();
      const atLimit = trial('check', ...WITHOUT_ERRORS, '--max-warnings', String(warnings), statusFile);
      assert.equal(atLimit.status, 0);
      assert.equal(atLimit.stderr, summaryLine(textDiagnostics(atLimit.stdout), 1));
      const over = trial('check', ...WITHOUT_ERRORS, `--max-warnings=${warnings - 1}`, statusFile);
      assert.equal(over.status, 1);
      assert.equal(
        over.stderr,
        summaryLine(textDiagnostics(over.stdout), 1) + `trial: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${warnings - 1}\n`,
      );
      assert.equal(trial('check', ...WITHOUT_ERRORS, '--max-warnings', String(warnings - 1), '--format', 'json', statusFile).status, 1);
    });

    it('--quiet prints the errors only, and the exit code is unchanged', function () {
      const all = trial('check', badFile);
      const quiet = trial('check', '--quiet', badFile);
      const errors = textDiagnostics(all.stdout).filter((d) => d.severity === 'error');
      assert.ok(textDiagnostics(all.stdout).length > errors.length, 'the fixture has more than errors');
      assert.deepEqual(textDiagnostics(quiet.stdout), errors);
      assert.equal(quiet.stderr, summaryLine(errors, 1));
      assert.equal(quiet.status, all.status);
      const json = JSON.parse(trial('check', '-q', '--format', 'json', badFile).stdout) as JsonDiagnostic[];
      assert.deepEqual(
        json.map((d) => d.severity),
        errors.map(() => 'error'),
      );
    });

    it('--quiet hides warnings but they still count against --max-warnings', function () {
      const result = trial('check', '--quiet', ...WITHOUT_ERRORS, '--max-warnings', '0', statusFile);
      assert.equal(result.stdout, '');
      assert.equal(result.status, 1);
      assert.match(result.stderr, /^no problems in 1 file\ntrial: \d+ warnings?, more than --max-warnings 0\n$/);
    });

    it('refuses a --max-warnings that is not a whole number', function () {
      for (const value of ['x', '-1', '1.5', '']) assertUsageFailure(trial('check', `--max-warnings=${value}`, SAMPLE_A), `--max-warnings=${value}`);
      assertUsageFailure(trial('check', SAMPLE_A, '--max-warnings'), '--max-warnings without a value');
      assertUsageFailure(trial('check', '--quiet=yes', SAMPLE_A), 'a value given to a flag');
    });
  });

  describe('check --fix', function () {
    // Line 2: a viral load that lost its superscript (TPL241, a warning, fixed to 10^4);
    // line 3: an age range written backwards (TPL245, an error, fixed by swapping the limits).
    const FIXABLE = 'eligibility {\n  exclude hbv_dna > 104 copies/mL\n  age 70 to 18 years\n}\n';
    const FIXED = 'eligibility {\n  exclude hbv_dna > 10^4 copies/mL\n  age 18 to 70 years\n}\n';
    const FIX_CODES = ['TPL241', 'TPL245'];
    // After the eligibility, so that the fixed lines keep their numbers: a document needs its trial block (TPL256).
    const TRIAL = 'trial NCT00000001 { title "A trial" }\n';

    it('fixes in place, reports each fix on stderr, prints what remains, and exits 0 when no error remains', function () {
      const file = join(dir, 'fixable.trial');
      writeFileSync(file, FIXABLE + TRIAL);
      const before = JSON.parse(trial('check', '--format', 'json', file).stdout) as JsonDiagnostic[];
      assert.deepEqual(
        before.filter(only(FIX_CODES)).map((d) => [d.line, d.column, d.severity, d.code]),
        [
          [2, 21, 'warning', 'TPL241'],
          [3, 3, 'error', 'TPL245'],
        ],
      );
      const result = trial('check', '--fix', file);
      assert.equal(readFileSync(file, 'utf8'), FIXED + TRIAL);
      const remaining = textDiagnostics(result.stdout);
      assert.deepEqual(remaining.filter(only(FIX_CODES)), []);
      assert.deepEqual(
        remaining.map((d) => d.code),
        before.filter((d) => !FIX_CODES.includes(d.code)).map((d) => d.code),
        'what remains is what was not fixed',
      );
      assert.equal(result.stderr, `${file}:2:21: fixed TPL241: Change to 10^4\n${file}:3:3: fixed TPL245: Swap the limits\n` + summaryLine(remaining, 1));
      assert.equal(result.status, expectedExit(remaining));
      assert.equal(result.status, 0);
    });

    it('exits 1 when an error it cannot fix remains', function () {
      const file = join(dir, 'half-fixable.trial');
      writeFileSync(file, `trial NCT00000001 {\n  status runing\n}\n${FIXABLE}`);
      const result = trial('check', '--fix', '--format', 'json', file);
      assert.equal(readFileSync(file, 'utf8'), `trial NCT00000001 {\n  status runing\n}\n${FIXED}`);
      const remaining = JSON.parse(result.stdout) as JsonDiagnostic[];
      assert.deepEqual(
        remaining.filter((d) => d.severity === 'error').map((d) => d.code),
        ['TPL101'],
      );
      assert.match(result.stderr, /fixed TPL245/);
      assert.equal(result.status, 1);
    });

    it('leaves a file with nothing to fix as it is, and keeps a byte order mark', function () {
      const untouched = trial('check', '--fix', statusFile);
      assert.equal(readFileSync(statusFile, 'utf8'), 'trial NCT00000001 {\n  status runing\n}\n');
      assert.ok(!untouched.stderr.includes('fixed'));
      assert.equal(untouched.status, 1);
      const file = join(dir, 'bom.trial');
      writeFileSync(file, `\ufeff${FIXABLE}`);
      trial('check', '--fix', file);
      assert.equal(readFileSync(file, 'utf8'), `\ufeff${FIXED}`);
    });

    it('refuses standard input, which it cannot rewrite', function () {
      assertUsageFailure(trialWith({ input: FIXABLE }, 'check', '--fix', '-'), '--fix -');
    });
  });

  describe('format', function () {
    const MESSY = 'arm a "A" other {\ncycle 21 days x 3 {\n oxaliplatin 85 mg/m2 day 1\n}\n\n\n  surgery }\n';
    const TIDY = 'arm a "A" other {\n  cycle 21 days x 3 {\n    oxaliplatin 85 mg/m2 day 1\n  }\n\n  surgery }\n';
    let messy = '';
    let tidy = '';

    beforeEach(function () {
      messy = join(dir, 'messy.trial');
      tidy = join(dir, 'tidy.trial');
      writeFileSync(messy, MESSY);
      writeFileSync(tidy, TIDY);
    });

    it('prints the formatted text of one file, and changes nothing', function () {
      const result = trial('format', messy);
      assert.equal(result.stdout, TIDY);
      assert.equal(result.stderr, '');
      assert.equal(result.status, 0);
      assert.equal(readFileSync(messy, 'utf8'), MESSY);
      assert.equal(trialWith({ input: MESSY }, 'format', '-').stdout, TIDY);
    });

    it('--check lists the files not formatted and exits 1, or exits 0 when all are', function () {
      const result = trial('format', '--check', tidy, messy);
      assert.equal(result.stdout, `${messy}\n`);
      assert.equal(result.status, 1);
      assert.equal(result.stderr, '1 of 2 files not formatted; `trial format --write` formats them\n');
      assert.equal(readFileSync(messy, 'utf8'), MESSY);
      const clean = trial('format', '-c', tidy, SAMPLE_A, SAMPLE_B);
      assert.equal(clean.stdout, '');
      assert.equal(clean.stderr, '3 files already formatted\n');
      assert.equal(clean.status, 0);
    });

    it('--check --format json lists every file with whether it is formatted', function () {
      const result = trial('format', '--check', '--format', 'json', tidy, messy);
      assert.equal(result.status, 1);
      assert.equal(result.stderr, '');
      assert.deepEqual(JSON.parse(result.stdout), [
        { file: tidy, formatted: true },
        { file: messy, formatted: false },
      ]);
    });

    it('--write rewrites in place what is not formatted, after which --check passes', function () {
      const result = trial('format', '--write', tidy, messy);
      assert.equal(result.status, 0);
      assert.equal(result.stdout, `${messy}\n`);
      assert.equal(result.stderr, 'formatted 1 of 2 files\n');
      assert.equal(readFileSync(messy, 'utf8'), TIDY);
      assert.equal(trial('format', '--check', tidy, messy).status, 0);
    });

    it('refuses --check with --write, several files to print, json without a list, and --write -', function () {
      assertUsageFailure(trial('format', '--check', '--write', tidy), '--check --write');
      assertUsageFailure(trial('format', tidy, messy), 'two files to print');
      assertUsageFailure(trial('format'), 'no file');
      assertUsageFailure(trial('format', '--format', 'json', tidy), '--format json while printing');
      assertUsageFailure(trialWith({ input: MESSY }, 'format', '--write', '-'), '--write -');
    });
  });

  describe('--format on each command that prints data', function () {
    it('summary --format json|html|markdown, with --json and --html kept as aliases', function () {
      const json = trial('summary', '--format', 'json', SAMPLE_A);
      assert.equal(json.status, 0);
      assert.equal(json.stdout, trial('summary', '--json', SAMPLE_A).stdout);
      assert.equal(trial('summary', '-f', 'json', '--json', SAMPLE_A).stdout, json.stdout, 'an alias that agrees');
      assert.equal((JSON.parse(json.stdout) as { trial?: { nctId?: string } }).trial?.nctId, 'NCT04669496');
      const markdown = trial('summary', '--format=markdown', SAMPLE_A);
      assert.equal(markdown.stdout, trial('summary', SAMPLE_A).stdout);
      for (const args of [['--format', 'html'], ['--html']]) {
        const html = trial('summary', ...args, SAMPLE_A);
        assert.equal(html.status, 0);
        assert.match(html.stdout, /^<!DOCTYPE html>/i, args.join(' '));
      }
      assertUsageFailure(trial('summary', '--format', 'xml', SAMPLE_A), 'summary --format xml');
      assertUsageFailure(trial('summary', '--json', '--format', 'html', SAMPLE_A), 'two formats');
      assertUsageFailure(trial('summary', '--json', '--html', SAMPLE_A), '--json --html');
    });

    it('export --format ctgov|markdown, the same as --ctgov and --markdown', function () {
      const ctgov = trial('export', '--format', 'ctgov', SAMPLE_A);
      assert.equal(ctgov.status, 0);
      assert.equal(ctgov.stdout, trial('export', '--ctgov', SAMPLE_A).stdout);
      assert.equal((JSON.parse(ctgov.stdout) as { identificationModule?: { nctId?: string } }).identificationModule?.nctId, 'NCT04669496');
      assert.equal(trial('export', '-f', 'markdown', SAMPLE_A).stdout, trial('export', '--markdown', SAMPLE_A).stdout);
      assertUsageFailure(trial('export', '--ctgov', '--markdown', SAMPLE_A), 'two targets');
      assertUsageFailure(trial('export', SAMPLE_A), 'no target');
    });
  });

  describe('hostile input: one line, exit 2, and never a hang', function () {
    /** A spawn that would block reading shows up as a timeout (status null), not as a hung suite. */
    const QUICKLY = { timeoutMs: 15_000 };

    it('refuses a device (/dev/zero) by its type, without reading it', function () {
      if (!existsSync('/dev/zero')) this.skip();
      for (const args of [
        ['check', '/dev/zero'],
        ['summary', '/dev/zero'],
        ['import', '/dev/zero'],
        ['format', '--check', '/dev/zero'],
      ]) {
        const result = trialWith(QUICKLY, ...args);
        assertUsageFailure(result, args.join(' '));
        assert.match(result.stderr, /\/dev\/zero: is a character device/);
      }
    });

    it('refuses a device as standard input', function () {
      if (!existsSync('/dev/zero')) this.skip();
      const zero = openSync('/dev/zero', 'r');
      try {
        const result = trialWith({ ...QUICKLY, stdinFd: zero }, 'check', '-');
        assertUsageFailure(result, 'check - < /dev/zero');
        assert.match(result.stderr, /<stdin>: is a character device/);
      } finally {
        closeSync(zero);
      }
    });

    it('refuses a FIFO that has no writer, at once', function () {
      const fifo = join(dir, 'fifo.trial');
      const made = spawnSync('mkfifo', [fifo]);
      if (made.error || made.status !== 0) this.skip();
      for (const args of [
        ['check', fifo],
        ['import', fifo],
        ['summary', fifo],
      ]) {
        const result = trialWith(QUICKLY, ...args);
        assertUsageFailure(result, args.join(' '));
        assert.match(result.stderr, /is a FIFO/);
      }
      // Found in a directory, too.
      const folder = join(dir, 'with-fifo');
      mkdirSync(folder);
      assert.equal(spawnSync('mkfifo', [join(folder, 'x.trial')]).status, 0);
      assertUsageFailure(trialWith(QUICKLY, 'check', folder), 'a FIFO under a directory');
    });

    it(`refuses a file over the ${MAX_INPUT_BYTES / 1024 / 1024} MiB limit before reading it`, function () {
      const big = join(dir, 'big.trial');
      writeFileSync(big, '');
      truncateSync(big, MAX_INPUT_BYTES + 1); // sparse: no disk used, no time spent
      for (const args of [
        ['check', big],
        ['import', big],
      ]) {
        const result = trialWith(QUICKLY, ...args);
        assertUsageFailure(result, args.join(' '));
        assert.match(result.stderr, /over the 64 MiB input limit/);
      }
      // Exactly at the limit is allowed through to the next check (here: all NUL bytes, so binary).
      truncateSync(big, MAX_INPUT_BYTES);
      assert.match(trialWith(QUICKLY, 'check', big).stderr, /is a binary file/);
      rmSync(big);
    });

    it('refuses standard input over the limit', function () {
      const result = trialWith({ ...QUICKLY, input: Buffer.alloc(MAX_INPUT_BYTES + 1, 0x20) }, 'check', '-');
      assertUsageFailure(result, 'a pipe over the limit');
      assert.match(result.stderr, /<stdin>: is over the 64 MiB input limit/);
    });

    it('refuses a directory where a file is required', function () {
      const folder = join(dir, 'tree-for-one-file');
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'a.trial'), 'trial NCT00000001 { }\n');
      for (const args of [
        ['summary', folder],
        ['export', '--ctgov', folder],
        ['import', folder],
        ['format', folder],
      ]) {
        const result = trial(...args);
        assertUsageFailure(result, args.join(' '));
        assert.match(result.stderr, /is a directory/);
      }
    });
  });

  describe('the VS Code problem matcher ($trial)', function () {
    interface ProblemMatcher {
      readonly name: string;
      readonly severity?: string;
      readonly pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number };
    }

    function matcher(): ProblemMatcher {
      const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { problemMatchers?: readonly ProblemMatcher[] } };
      const found = manifest.contributes.problemMatchers?.find((candidate) => candidate.name === 'trial');
      assert.ok(found, 'package.json contributes a problem matcher named trial');
      return found;
    }

    it("matches every line of check's output, field by field", function () {
      const { pattern } = matcher();
      const regexp = new RegExp(pattern.regexp);
      const result = trial('check', badFile, SAMPLE_A);
      const expected = textDiagnostics(result.stdout);
      assert.ok(expected.length > 3);
      const matched = result.stdout
        .trimEnd()
        .split('\n')
        .map((line) => {
          const match = regexp.exec(line);
          assert.ok(match, `the matcher misses ${JSON.stringify(line)}`);
          const group = (index: number) => match[index];
          return {
            file: group(pattern.file),
            line: Number(group(pattern.line)),
            column: Number(group(pattern.column)),
            severity: group(pattern.severity),
            code: group(pattern.code),
            message: group(pattern.message),
          };
        });
      assert.deepEqual(matched, expected);
    });

    it('does not take the summary line or a fix report for a problem, and reads information and hint as info', function () {
      const problemMatcher = matcher();
      const regexp = new RegExp(problemMatcher.pattern.regexp);
      for (const line of ['2 errors, 3 warnings in 2 files', 'no problems in 1 file', 'a.trial:3:3: fixed TPL245: Swap the limits', 'trial: note: something']) {
        assert.equal(regexp.exec(line), null, line);
      }
      // VS Code knows error, warning and info (and reads hint as info); anything else gets the matcher's default severity.
      assert.equal(problemMatcher.severity, 'info');
    });
  });

  describe('--help and --version', function () {
    it('--help exits 0 and lists the commands', function () {
      for (const args of [['--help'], ['-h']]) {
        const result = trial(...args);
        assert.equal(result.status, 0, args.join(' '));
        assert.equal(result.stderr, '');
        assert.match(result.stdout, /^Usage:/);
        assert.match(result.stdout, /trial check FILE/);
        assert.match(result.stdout, /trial summary FILE/);
        for (const command of Object.keys(COMMAND_OPTIONS)) assert.match(result.stdout, new RegExp(`^  trial ${command} `, 'm'), command);
        assert.match(result.stdout, /Exit codes:/);
      }
    });

    /** Each command's options, as its help must list them (besides -h, --help). */
    const COMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = {
      check: ['-f, --format text|json', '--rule CODE=SEVERITY', '--max-warnings N', '-q, --quiet', '--fix'],
      format: ['-c, --check', '-w, --write', '-f, --format text|json'],
      summary: ['-f, --format markdown|json|html', '--json', '--html'],
      export: ['--ctgov', '--markdown', '-f, --format ctgov|usdm|markdown'],
      import: [],
    };

    for (const [command, options] of Object.entries(COMMAND_OPTIONS)) {
      it(`${command} --help prints the usage and options of ${command}, and only of ${command}`, function () {
        for (const flag of ['--help', '-h']) {
          const result = trial(command, flag);
          assert.equal(result.status, 0, `${command} ${flag}`);
          assert.equal(result.stderr, '');
          assert.match(result.stdout, new RegExp(`^Usage: trial ${command} `));
          for (const option of [...options, '-h, --help']) assert.ok(result.stdout.includes(option), `${command} --help lists '${option}':\n${result.stdout}`);
          const others = Object.keys(COMMAND_OPTIONS).filter((other) => other !== command);
          for (const other of others) assert.ok(!result.stdout.includes(`trial ${other} `), `no usage of ${other} in ${command} --help`);
        }
      });
    }

    it('--help wins over a mistake on the same line', function () {
      const result = trial('check', '--frobnicate', '--help');
      assert.equal(result.status, 0);
      assert.match(result.stdout, /^Usage: trial check /);
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
