/**
 * The `trial` command line: a thin front over the language service. Each command is a row of
 * COMMANDS (its option table, from which parsing and help are made, and its runner). Positions
 * printed are 1-based. Exit codes: 0 nothing found, 1 problems found, 2 bad usage or unreadable
 * input (one line on stderr), 3 an internal failure (one line on stderr; a bug to report).
 * docs/cli.md is the reference.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { commandHelp, overviewHelp, parseCommandLine, UsageError, wordList, type CommandSpec, type ParsedCommandLine } from './cli/arguments';
import { errorCode, expandOperands, readStandardInput, readTextFile, STANDARD_INPUT_NAME, STANDARD_INPUT_OPERAND, type InputText } from './cli/input';
import { painterFor, type ColourTarget, type Paint, type Style } from './cli/style';
import type { Severity } from './language/codes';
import { createProtocolService, PatientInputError, resolveRules, type Diagnostic, type ProtocolService, type RuleSetting } from './service';
import { diffJson, diffMarkdown, diffSummaryLine, diffText } from './summary/diff-report';
import { isCalendarDate, localDate } from './summary/screen';
import { screenJson, screenText } from './summary/screen-report';
import { CtgovImportError, fromCtgov } from './summary/import';
import { createNonce, renderPage } from './summary/html';
import { renderMarkdown } from './summary/markdown';
import { createLineIndex } from './util/lines';

/** Where the CLI reads and writes; main() wires it to the process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Colours text bound for stdout (or leaves it plain: piped, NO_COLOR…). */
  readonly paintOut: Paint;
  /** Colours text bound for stderr. */
  readonly paintErr: Paint;
  /** Standard input, asked for only when `-` is given (a function, so that no stream is opened otherwise). */
  standardInput(): NodeJS.ReadableStream;
}

/** A command: its spec (options, help) and what it does; returns the exit code. */
interface Command extends CommandSpec {
  run(args: ParsedCommandLine, io: Io): Promise<number>;
}

const SETTINGS: readonly RuleSetting[] = ['off', 'hint', 'information', 'warning', 'error'];

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** How the summary line counts each severity: singular, plural. */
const SEVERITY_NOUNS: Readonly<Record<Severity, readonly [string, string]>> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  information: ['info', 'info'],
  hint: ['hint', 'hints'],
};

const SEVERITY_STYLES: Readonly<Record<Severity, Style>> = { error: 'red', warning: 'yellow', information: 'blue', hint: 'gray' };

const EXIT_CODES: readonly (readonly [number, string])[] = [
  [0, 'Nothing to report.'],
  [
    1,
    'Problems found: an error, or more warnings than --max-warnings (check); a file not formatted (format --check); errors left out of an export (export) or of a comparison (diff).',
  ],
  [
    2,
    'Bad usage or unreadable input (a missing, binary, oversized or non-UTF-8 file, a device, a FIFO, a directory where a file is needed): one line on stderr.',
  ],
  [3, 'An internal failure: one line on stderr (a bug; please report it).'],
];

// ---------------------------------------------------------------------------------------------
// check

/** A diagnostic as the CLI prints it: 1-based lines and columns (UTF-16 code units), end exclusive. */
interface LocatedDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

function locate(file: string, text: string, diagnostics: readonly Diagnostic[]): LocatedDiagnostic[] {
  const lines = createLineIndex(text);
  return diagnostics.map((d) => {
    const start = lines.position(d.offset);
    const end = lines.position(d.offset + d.length);
    return {
      file,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      severity: d.severity,
      code: d.code,
      message: d.message,
    };
  });
}

function ruleSettings(values: readonly string[]): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  for (const value of values) {
    const match = /^([^=]+)=(.+)$/.exec(value);
    if (!match || !SETTINGS.includes(match[2] as RuleSetting)) throw new UsageError(`--rule takes CODE=${SETTINGS.join('|')}, not '${value}'`);
    rules[match[1]] = match[2] as RuleSetting;
  }
  const unknown = resolveRules(rules).unknown;
  if (unknown.length) throw new UsageError(`--rule names no known code: ${unknown.join(', ')}`);
  return rules;
}

function maxWarningsOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number (0 or more), not '${value}'`);
  return Number(value);
}

/** `2 errors, 3 warnings in 2 files`, `no problems in 1 file`: what `check` printed, counted. */
function summaryLine(shown: readonly LocatedDiagnostic[], fileCount: number, paint: Paint): string {
  const files = counted(fileCount, ['file', 'files']);
  const parts = SEVERITIES.map((severity) => [severity, shown.filter((d) => d.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => counted(count, SEVERITY_NOUNS[severity]));
  if (parts.length === 0) return paint('green', `no problems in ${files}`);
  const line = `${parts.join(', ')} in ${files}`;
  if (shown.some((d) => d.severity === 'error')) return paint(SEVERITY_STYLES.error, line);
  return shown.some((d) => d.severity === 'warning') ? paint(SEVERITY_STYLES.warning, line) : line;
}

function counted(count: number, [one, many]: readonly [string, string]): string {
  return `${count} ${count === 1 ? one : many}`;
}

function diagnosticLine(d: LocatedDiagnostic, paint: Paint): string {
  return `${d.file}:${d.line}:${d.column}: ${paint(SEVERITY_STYLES[d.severity], d.severity)} ${paint('gray', d.code)}: ${d.message}\n`;
}

/** Applies the document's safe fixes (fixAll: the preferred ones) in place, reports each on stderr, and returns the new text. */
function applySafeFixes(document: InputText, service: ProtocolService, io: Io): string {
  const action = service.fixAll(service.analyze(document.text));
  if (!action) return document.text;
  const fixedText = service.applyEdits(document.text, action.edits);
  writeInPlace(document, fixedText);
  const fixed = action.diagnostics ?? [];
  locate(document.file, document.text, fixed).forEach((d, i) => {
    const title = fixed[i].fixes?.find((fix) => fix.preferred)?.title ?? 'fixed';
    io.err(`${d.file}:${d.line}:${d.column}: ${io.paintErr('green', 'fixed')} ${d.code}: ${title}\n`);
  });
  return fixedText;
}

async function check(args: ParsedCommandLine, io: Io): Promise<number> {
  const format = args.strings.get('format') ?? 'text';
  const rules = ruleSettings(args.lists.get('rule') ?? []);
  const maxWarnings = maxWarningsOption(args.strings.get('max-warnings'));
  if (args.operands.length === 0) throw new UsageError('check needs a FILE, a DIR or - (standard input)');
  const files = expandOperands(args.operands);
  if (args.flags.has('fix') && files.includes(STANDARD_INPUT_OPERAND)) throw new UsageError('--fix rewrites files in place, and standard input is not one');
  // Read every file first, so that a bad argument fails before any output.
  const documents = await readInputs(files, '.trial', io);
  const service = createProtocolService({ rules });
  const all: LocatedDiagnostic[] = [];
  for (const document of documents) {
    const text = args.flags.has('fix') ? applySafeFixes(document, service, io) : document.text;
    all.push(...locate(document.file, text, service.analyze(text).diagnostics));
  }
  const shown = args.flags.has('quiet') ? all.filter((d) => d.severity === 'error') : all;
  if (format === 'json') {
    io.out(JSON.stringify(shown, null, 2) + '\n');
  } else {
    for (const d of shown) io.out(diagnosticLine(d, io.paintOut));
    // On stderr, so that stdout holds exactly one line per diagnostic for scripts, grep and problem matchers.
    io.err(summaryLine(shown, documents.length, io.paintErr) + '\n');
  }
  // Warnings count against --max-warnings even when --quiet hides them: the limit is about the files, not the output.
  const warnings = all.filter((d) => d.severity === 'warning').length;
  const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
  if (tooManyWarnings) io.err(`trial: ${counted(warnings, ['warning', 'warnings'])}, more than --max-warnings ${maxWarnings}\n`);
  return all.some((d) => d.severity === 'error') || tooManyWarnings ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// format

/** A file's place in `format --check` and `format --write`: was it formatted already? */
interface FormatResult {
  file: string;
  formatted: boolean;
}

function formattedText(service: ProtocolService, text: string): string {
  return service.applyEdits(text, service.formatDocument(service.analyze(text)));
}

async function format(args: ParsedCommandLine, io: Io): Promise<number> {
  const json = args.strings.get('format') === 'json';
  const checking = args.flags.has('check');
  const writing = args.flags.has('write');
  if (checking && writing) throw new UsageError('format takes one of --check and --write, not both');
  const service = createProtocolService();
  if (!checking && !writing) {
    if (json) throw new UsageError('format --format json lists files: give it with --check or --write');
    const document = await readInput(oneOperand(args, 'format', 'FILE (or --check or --write for several)'), '.trial', io);
    io.out(formattedText(service, document.text));
    return 0;
  }
  if (args.operands.length === 0) throw new UsageError('format needs a FILE, a DIR or - (standard input)');
  const files = expandOperands(args.operands);
  if (writing && files.includes(STANDARD_INPUT_OPERAND)) throw new UsageError('--write rewrites files in place, and standard input is not one');
  const documents = await readInputs(files, '.trial', io);
  const results: FormatResult[] = [];
  for (const document of documents) {
    const formatted = formattedText(service, document.text);
    results.push({ file: document.file, formatted: formatted === document.text });
    if (writing && formatted !== document.text) writeInPlace(document, formatted);
  }
  const unformatted = results.filter((result) => !result.formatted);
  if (json) {
    io.out(JSON.stringify(results, null, 2) + '\n');
  } else {
    for (const result of unformatted) io.out(`${result.file}\n`);
    const files = counted(results.length, ['file', 'files']);
    if (unformatted.length === 0) io.err(io.paintErr('green', `${files} already formatted`) + '\n');
    else if (writing) io.err(`formatted ${unformatted.length} of ${files}\n`);
    else io.err(io.paintErr('yellow', `${unformatted.length} of ${files} not formatted; \`trial format --write\` formats them`) + '\n');
  }
  return checking && unformatted.length > 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// summary, export, import

/** The one output format asked for, by --format or by one of its alias flags; two that disagree are a usage error. */
function chosenFormat(args: ParsedCommandLine, command: string, aliases: Readonly<Record<string, string>>): string | undefined {
  const chosen = new Set<string>();
  const named = args.strings.get('format');
  if (named !== undefined) chosen.add(named);
  for (const [flag, format] of Object.entries(aliases)) if (args.flags.has(flag)) chosen.add(format);
  if (chosen.size > 1) throw new UsageError(`${command} takes one output format, not ${[...chosen].join(' and ')}`);
  return [...chosen][0];
}

async function summary(args: ParsedCommandLine, io: Io): Promise<number> {
  const as = chosenFormat(args, 'summary', { json: 'json', html: 'html' }) ?? 'markdown';
  const document = await readInput(oneOperand(args, 'summary', 'FILE'), '.trial', io);
  const service = createProtocolService();
  if (as === 'html') {
    const analysis = service.analyze(document.text);
    const title = analysis.protocol.trial?.nctId ?? path.basename(document.file);
    io.out(renderPage(service.previewBody(analysis), { nonce: createNonce(), title }));
    return 0;
  }
  const result = service.summary(document.text);
  io.out(as === 'json' ? JSON.stringify(result, null, 2) + '\n' : renderMarkdown(result));
  return 0;
}

async function exportDocument(args: ParsedCommandLine, io: Io): Promise<number> {
  const as = chosenFormat(args, 'export', { ctgov: 'ctgov', usdm: 'usdm', markdown: 'markdown' });
  if (as !== 'ctgov' && as !== 'usdm' && as !== 'markdown') throw new UsageError('export needs --ctgov, --usdm or --markdown');
  const document = await readInput(oneOperand(args, 'export', 'FILE'), '.trial', io);
  const service = createProtocolService();
  const { text, errors } = service.exportDocument(service.analyze(document.text), as);
  io.out(text);
  if (errors === 0) return 0;
  const file = document.file;
  io.err(
    `trial: ${file}: ${counted(errors, ['error', 'errors'])}; the export leaves out what ${errors === 1 ? 'it affects' : 'they affect'} (see \`trial check ${file}\`)\n`,
  );
  return 1;
}

async function importRecord(args: ParsedCommandLine, io: Io): Promise<number> {
  const { file, text } = await readInput(oneOperand(args, 'import', 'RECORD.json'), 'JSON', io);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: is not valid JSON (${oneLine((error as Error).message)})`);
  }
  let result: ReturnType<typeof fromCtgov>;
  try {
    result = fromCtgov(json);
  } catch (error) {
    if (error instanceof CtgovImportError) throw new UsageError(`${file}: ${oneLine(error.message)}`);
    throw error;
  }
  io.out(result.text);
  for (const note of result.notes) io.err(`trial: note: ${oneLine(note)}\n`);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// diff

/** The errors of each document as a line on stderr; returns whether there were any. */
function reportErrorsLeftOut(documents: readonly { file: string; errors: number }[], what: string, io: Io): boolean {
  for (const { file, errors } of documents) {
    if (errors === 0) continue;
    io.err(
      `trial: ${file}: ${counted(errors, ['error', 'errors'])}; ${what} leaves out what ${errors === 1 ? 'it affects' : 'they affect'} (see \`trial check ${file}\`)\n`,
    );
  }
  return documents.some((document) => document.errors > 0);
}

async function diff(args: ParsedCommandLine, io: Io): Promise<number> {
  const as = args.strings.get('format') ?? 'text';
  if (args.operands.length !== 2) throw new UsageError('diff needs two files, OLD.trial and NEW.trial');
  if (args.operands.every((operand) => operand === STANDARD_INPUT_OPERAND)) throw new UsageError('diff reads standard input (-) for one file only');
  const [before, after] = await readInputs(args.operands, '.trial', io);
  const service = createProtocolService();
  const oldDocument = service.analyze(before.text);
  const newDocument = service.analyze(after.text);
  const result = service.diff(oldDocument, newDocument);
  const names = { old: before.file, new: after.file };
  if (as === 'json') io.out(JSON.stringify(diffJson(result), null, 2) + '\n');
  else if (as === 'markdown') io.out(diffMarkdown(result, names));
  else if (as === 'html')
    io.out(renderPage(service.diffBody(result, names), { nonce: createNonce(), title: `Summary of changes: ${path.basename(after.file)}` }));
  else {
    io.out(diffText(result, io.paintOut));
    io.err(`${diffSummaryLine(result)} (${before.file} -> ${after.file})\n`);
  }
  const errorsOf = (document: ReturnType<ProtocolService['analyze']>) => document.diagnostics.filter((d) => d.severity === 'error').length;
  const hadErrors = reportErrorsLeftOut(
    [
      { file: before.file, errors: errorsOf(oldDocument) },
      { file: after.file, errors: errorsOf(newDocument) },
    ],
    'the comparison',
    io,
  );
  return hadErrors ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// screen

async function screen(args: ParsedCommandLine, io: Io): Promise<number> {
  const as = args.strings.get('format') ?? 'text';
  const date = args.strings.get('date') ?? localDate();
  if (!isCalendarDate(date)) throw new UsageError(`--date takes a date of the calendar, YYYY-MM-DD, not '${date}'`);
  if (args.operands.length !== 2) throw new UsageError('screen needs a PROTOCOL.trial and a PATIENT.json (a FHIR R4 Bundle)');
  if (args.operands.every((operand) => operand === STANDARD_INPUT_OPERAND)) throw new UsageError('screen reads standard input (-) for one file only');
  const protocolInput = await readInput(args.operands[0], '.trial', io);
  const patientInput = await readInput(args.operands[1], 'JSON', io);
  let json: unknown;
  try {
    json = JSON.parse(patientInput.text);
  } catch (error) {
    throw new UsageError(`${patientInput.file}: is not valid JSON (${oneLine((error as Error).message)})`);
  }
  const service = createProtocolService();
  const document = service.analyze(protocolInput.text);
  let report: ReturnType<ProtocolService['screen']>;
  try {
    report = service.screen(document, json, date);
  } catch (error) {
    if (error instanceof PatientInputError) throw new UsageError(`${patientInput.file}: ${oneLine(error.message)}`);
    throw error;
  }
  io.out(as === 'json' ? JSON.stringify(screenJson(report), null, 2) + '\n' : screenText(report, io.paintOut));
  // The verdict is the answer whatever it is; a protocol with errors is still screened, with a warning.
  reportErrorsLeftOut([{ file: protocolInput.file, errors: document.diagnostics.filter((d) => d.severity === 'error').length }], 'the screening', io);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// input and output

function oneOperand(args: ParsedCommandLine, command: string, what: string): string {
  if (args.operands.length === 0) throw new UsageError(`${command} needs a ${what}`);
  if (args.operands.length > 1) throw new UsageError(`${command} takes one ${what}`);
  return args.operands[0];
}

function readInput(operand: string, kind: string, io: Io): Promise<InputText> {
  return operand === STANDARD_INPUT_OPERAND ? readStandardInput(io.standardInput(), kind) : Promise.resolve(readTextFile(operand, kind));
}

async function readInputs(files: readonly string[], kind: string, io: Io): Promise<InputText[]> {
  const documents: InputText[] = [];
  for (const file of files) documents.push(await readInput(file, kind, io));
  return documents;
}

/** Rewrites a file with new text, keeping its byte order mark if it had one. */
function writeInPlace(document: InputText, text: string): void {
  try {
    writeFileSync(document.file, document.byteOrderMark ? `\ufeff${text}` : text);
  } catch (error) {
    throw new UsageError(`${document.file}: cannot be written (${errorCode(error)})`);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// the commands

const FILES = 'FILE|DIR|-...';
const WHERE_FILES_COME_FROM = `Each FILE is read as given; each DIR gives its .trial files, recursively and sorted by name, skipping dot-folders and node_modules; - is standard input, reported as ${STANDARD_INPUT_NAME}.`;

const COMMANDS: readonly Command[] = [
  {
    name: 'check',
    synopsis: FILES,
    summary: 'Print a file:line:col: severity code: message line per diagnostic.',
    description: [
      'Checks .trial files. Prints one line per diagnostic, file:line:col: severity code: message (lines and columns 1-based, columns in UTF-16 code units), then a summary line on stderr: "2 errors, 3 warnings in 2 files" or "no problems in 2 files".',
      WHERE_FILES_COME_FROM,
      'Exits 1 when any diagnostic is an error or there are more warnings than --max-warnings, 0 otherwise.',
    ],
    options: [
      {
        name: 'format',
        type: 'string',
        short: 'f',
        valueName: 'text|json',
        choices: ['text', 'json'],
        description:
          'text (the default), or json: an array of {file, line, column, endLine, endColumn, severity, code, message} on stdout, with no summary line.',
      },
      {
        name: 'rule',
        type: 'string',
        multiple: true,
        valueName: 'CODE=SEVERITY',
        description: "Override a code's severity, by code (TPL104) or name (model.unknown-unit): off, hint, information, warning or error.",
      },
      { name: 'max-warnings', type: 'string', valueName: 'N', description: 'Exit 1 when there are more than N warnings (counted even with --quiet).' },
      { name: 'quiet', type: 'boolean', short: 'q', description: 'Report errors only.' },
      {
        name: 'fix',
        type: 'boolean',
        description:
          'Apply the safe quick fixes (the preferred fix of each diagnostic) in place, report each on stderr, then check again and print what remains.',
      },
    ],
    run: check,
  },
  {
    name: 'format',
    synopsis: `[--check|--write] ${FILES}`,
    summary: 'Print a formatted file, list unformatted files (--check) or rewrite them (--write).',
    description: [
      'Formats .trial files: indentation, spacing and blank lines. With neither --check nor --write, prints the formatted text of one FILE (or -) on stdout.',
      WHERE_FILES_COME_FROM,
      'With --check, exits 1 when a file is not formatted; 0 otherwise.',
    ],
    options: [
      { name: 'check', type: 'boolean', short: 'c', description: 'List the files that are not formatted, one per line; change nothing.' },
      { name: 'write', type: 'boolean', short: 'w', description: 'Rewrite the files that are not formatted, in place, and list them.' },
      {
        name: 'format',
        type: 'string',
        short: 'f',
        valueName: 'text|json',
        choices: ['text', 'json'],
        description: 'With --check or --write: text (the default), or json: an array of {file, formatted}, formatted telling whether the file already was.',
      },
    ],
    run: format,
  },
  {
    name: 'summary',
    synopsis: 'FILE|-',
    summary: "Print the trial's structured summary: Markdown, JSON or an HTML page.",
    description: [
      "Prints the trial's structured summary: as Markdown, as JSON (every fact of the model, with what the schedules imply), or as the editor's preview, a self-contained HTML page.",
    ],
    options: [
      {
        name: 'format',
        type: 'string',
        short: 'f',
        valueName: 'markdown|json|html',
        choices: ['markdown', 'json', 'html'],
        description: 'markdown (the default), json or html.',
      },
      { name: 'json', type: 'boolean', description: 'The same as --format json.' },
      { name: 'html', type: 'boolean', description: 'The same as --format html.' },
    ],
    run: summary,
  },
  {
    name: 'export',
    synopsis: '--ctgov|--usdm|--markdown FILE|-',
    summary: 'Print the trial as a ClinicalTrials.gov API v2 protocolSection (JSON), a CDISC USDM v4 document (JSON) or Markdown.',
    description: [
      'Prints the trial as a ClinicalTrials.gov API v2 protocolSection (JSON), as a CDISC USDM v4.0.0 Wrapper (JSON; docs/usdm.md), or as the Markdown summary. Exits 1 when the file has errors (what they affect is left out, and a line on stderr says so), 0 otherwise.',
    ],
    options: [
      { name: 'ctgov', type: 'boolean', description: 'The ClinicalTrials.gov protocolSection, as JSON.' },
      { name: 'usdm', type: 'boolean', description: 'The CDISC USDM v4.0.0 Wrapper, as JSON.' },
      { name: 'markdown', type: 'boolean', description: 'The Markdown summary.' },
      {
        name: 'format',
        type: 'string',
        short: 'f',
        valueName: 'ctgov|usdm|markdown',
        choices: ['ctgov', 'usdm', 'markdown'],
        description: 'The same as --ctgov, --usdm or --markdown.',
      },
    ],
    run: exportDocument,
  },
  {
    name: 'import',
    synopsis: 'RECORD.json|-',
    summary: 'Print the .trial document of a ClinicalTrials.gov API v2 record.',
    description: [
      "Prints the .trial document of a ClinicalTrials.gov API v2 record (a study as the API returns it, or its protocolSection). Each conversion decision goes to stderr as a 'trial: note: ...' line. A file that is not JSON, or not an API v2 study, is bad input (exit 2).",
    ],
    options: [],
    run: importRecord,
  },
  {
    name: 'diff',
    synopsis: 'OLD.trial NEW.trial',
    summary: 'Print the changes between two versions of a protocol, clause by clause.',
    description: [
      "Compares two versions of a protocol clause by clause: registry fields, arms, phases, doses (value, unit, route, frequency, days, cycle, duration, count), age and sex limits, and criteria (added, removed, threshold changed). Criteria are matched by meaning (analyte and bound, score, prior therapy, text), not by line; thresholds are compared in their analyte's canonical unit, so 3 g/dL against 30 g/L is no change. Each eligibility change says whether it tightens or loosens eligibility.",
      'Text prints one line per change and a summary line on stderr. Either file may be - (standard input). Exits 1 when either file has errors (what they affect is left out of the comparison, and a line on stderr says so), 0 otherwise, with or without changes.',
    ],
    options: [
      {
        name: 'format',
        type: 'string',
        short: 'f',
        valueName: 'text|json|markdown|html',
        choices: ['text', 'json', 'markdown', 'html'],
        description:
          'text (the default); json: {changes: [{kind, what, old, new, oldLine, newLine, direction}]}; markdown or html: an ICH M11-style summary-of-changes table (section, description of change, brief rationale left blank).',
      },
    ],
    run: diff,
  },
  {
    name: 'screen',
    synopsis: 'PROTOCOL.trial PATIENT.json',
    summary: 'Pre-screen a patient (a FHIR R4 Bundle) against the eligibility, criterion by criterion.',
    description: [
      "Screens a patient against the protocol's eligibility. The patient is a FHIR R4 Bundle: a Patient (birthDate, gender), Observations with LOINC codes, UCUM valueQuantity and referenceRange (the lab's ULN and LLN), Conditions and MedicationStatements. Each criterion, those inside any/all groups too, gets pass, fail or unknown with its evidence: the Observation, its value in the criterion's unit, the ULN used, its date, or why it is unknown (nothing is guessed). The verdict is ineligible if a criterion fails, eligible if all pass, else undetermined.",
      'Exits 0 whatever the verdict; 2 on bad input (not JSON, not FHIR, not a Bundle, no Patient, a malformed resource) with one line on stderr.',
    ],
    options: [
      {
        name: 'format',
        type: 'string',
        short: 'f',
        valueName: 'text|json',
        choices: ['text', 'json'],
        description: 'text (the default), or json: {verdict, criteria: [{line, kind, text, outcome, evidence}]}.',
      },
      {
        name: 'date',
        type: 'string',
        valueName: 'YYYY-MM-DD',
        description: 'The screening date: ages are computed at it, and records dated after it are not read. Default: today.',
      },
    ],
    run: screen,
  },
];

/** Runs the CLI and returns the exit code; never throws. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [word, ...rest] = argv;
    if (word === undefined) throw new UsageError('no command given; try `trial --help`');
    if (word === '--help' || word === '-h') {
      io.out(overviewHelp(COMMANDS, EXIT_CODES));
      return 0;
    }
    if (word === '--version') {
      io.out(`${version()}\n`);
      return 0;
    }
    const command = COMMANDS.find((known) => known.name === word);
    if (!command) {
      if (word.startsWith('-')) throw new UsageError(`unknown option '${word}'; try \`trial --help\``);
      throw new UsageError(`unknown command '${word}'; expected ${wordList(COMMANDS.map((known) => known.name))}`);
    }
    const args = parseCommandLine(command, rest);
    if (args.flags.has('help')) {
      io.out(commandHelp(command));
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`trial: ${error.message}\n`);
      return 2;
    }
    io.err(`trial: internal error: ${oneLine(String((error as Error | undefined)?.message ?? error))} (please report this)\n`);
    return 3;
  }
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(`${__dirname}/../../package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The process entry point used by bin/trial.js. */
export function main(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // A reader that stops early (`trial check … | head`) is not an error of ours.
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const io: Io = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    paintOut: painterFor(process.stdout as ColourTarget, process.env),
    paintErr: painterFor(process.stderr as ColourTarget, process.env),
    standardInput: () => process.stdin,
  };
  void run(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
