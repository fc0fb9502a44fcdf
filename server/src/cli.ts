/**
 * The `trial` command line: a thin front over the language service. Positions printed are
 * 1-based. Exit codes: 0 no error found, 1 errors found, 2 bad arguments or unreadable input
 * (one line on stderr), 3 an internal failure (one line on stderr; a bug to report).
 */

import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Severity } from './language/codes';
import { createProtocolService, resolveRules, type Diagnostic, type RuleSetting } from './service';
import { CtgovImportError, fromCtgov } from './summary/import';
import { createNonce, renderPage } from './summary/html';
import { renderMarkdown } from './summary/markdown';
import { createLineIndex } from './util/lines';

const USAGE = `Usage:
  trial check FILE... [--format text|json] [--rule CODE=off|hint|information|warning|error]...
  trial summary FILE [--json | --html]
  trial export --ctgov FILE | --usdm FILE | --markdown FILE
  trial import RECORD.json
  trial --help | --version

check    prints file:line:col: severity code: message for each diagnostic; exits 1 when
         any has error severity, 0 otherwise.
summary  prints the trial's structured summary as Markdown, as JSON with --json, or as a
         self-contained HTML page (the editor's preview) with --html.
export   prints the trial as a ClinicalTrials.gov API v2 protocolSection (JSON) with
         --ctgov, as a CDISC USDM v4.0.0 document (JSON) with --usdm, or as the
         Markdown summary with --markdown; exits 1 when the file has
         errors (what they affect is left out), 0 otherwise.
import   prints the .trial document of a ClinicalTrials.gov API v2 record (a study or
         its protocolSection, JSON); each conversion decision goes to stderr as a
         'trial: note: ...' line.
Exit 2 means a bad argument, an unreadable file or a record that is not API v2 JSON.`;

/** A problem with the command line or its input: reported in one line, exit 2. */
class UsageError extends Error {}

const SETTINGS: readonly RuleSetting[] = ['off', 'hint', 'information', 'warning', 'error'];

interface Output {
  out(text: string): void;
  err(text: string): void;
}

type Command = 'check' | 'summary' | 'export' | 'import';

const COMMANDS: readonly Command[] = ['check', 'summary', 'export', 'import'];

interface ParsedArgs {
  command: Command;
  files: string[];
  format: 'text' | 'json';
  /** What `summary` writes. */
  summaryAs: 'markdown' | 'json' | 'html';
  /** What `export` writes. */
  exportAs?: 'ctgov' | 'usdm' | 'markdown';
  rules: Record<string, RuleSetting>;
}

function parseArgs(argv: readonly string[]): ParsedArgs | 'help' | 'version' {
  if (argv.length === 0) throw new UsageError('no command given; try `trial --help`');
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  if (argv[0] === '--version') return 'version';
  const [word, ...rest] = argv;
  const command = COMMANDS.find((known) => known === word);
  if (!command) throw new UsageError(`unknown command '${word}'; expected ${COMMANDS.slice(0, -1).join(', ')} or ${COMMANDS[COMMANDS.length - 1]}`);
  const parsed: ParsedArgs = { command, files: [], format: 'text', summaryAs: 'markdown', rules: {} };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inlineValue] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const found = inlineValue ?? rest[++i];
      if (found === undefined) throw new UsageError(`${flag} needs a value`);
      return found;
    };
    if (command === 'check' && flag === '--format') {
      const format = value();
      if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
      parsed.format = format;
    } else if (command === 'check' && flag === '--rule') {
      const rule = value();
      const match = /^([^=]+)=(.+)$/.exec(rule);
      if (!match || !SETTINGS.includes(match[2] as RuleSetting)) throw new UsageError(`--rule takes CODE=${SETTINGS.join('|')}, not '${rule}'`);
      parsed.rules[match[1]] = match[2] as RuleSetting;
    } else if (command === 'summary' && (flag === '--json' || flag === '--html') && inlineValue === undefined) {
      const as = flag === '--json' ? 'json' : 'html';
      if (parsed.summaryAs !== 'markdown' && parsed.summaryAs !== as) throw new UsageError('summary takes one of --json and --html, not both');
      parsed.summaryAs = as;
    } else if (command === 'export' && (flag === '--ctgov' || flag === '--usdm' || flag === '--markdown') && inlineValue === undefined) {
      const as = flag === '--ctgov' ? 'ctgov' : flag === '--usdm' ? 'usdm' : 'markdown';
      if (parsed.exportAs && parsed.exportAs !== as) throw new UsageError('export takes one format: --ctgov, --usdm or --markdown');
      parsed.exportAs = as;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option '${arg}' for ${command}; try \`trial --help\``);
    } else {
      parsed.files.push(arg);
    }
  }
  if (command === 'export' && !parsed.exportAs) throw new UsageError('export needs --ctgov, --usdm or --markdown');
  if (parsed.files.length === 0) throw new UsageError(`${command} needs ${command === 'import' ? 'a RECORD.json' : 'a FILE'}`);
  if (command !== 'check' && parsed.files.length > 1) throw new UsageError(`${command} takes one ${command === 'import' ? 'RECORD.json' : 'FILE'}`);
  const unknown = resolveRules(parsed.rules).unknown;
  if (unknown.length) throw new UsageError(`--rule names no known code: ${unknown.join(', ')}`);
  return parsed;
}

/** Reads a `.trial` file as UTF-8 text, refusing what is not text. */
export function readDocument(file: string): string {
  return readText(file, '.trial');
}

/** Reads a text file (a `.trial` file, a JSON record: `kind`) as UTF-8, refusing what is not text. */
function readText(file: string, kind: string): string {
  let bytes: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`${file}: is a directory, not a ${kind} file`);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${file}: no such file`);
    if (code === 'EACCES') throw new UsageError(`${file}: permission denied`);
    throw new UsageError(`${file}: cannot be read (${code ?? (error as Error).message})`);
  }
  if (bytes.subarray(0, 8192).includes(0)) throw new UsageError(`${file}: is a binary file, not a ${kind} text file`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${file}: is not UTF-8 text`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

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

function check(args: ParsedArgs, io: Output): number {
  const service = createProtocolService({ rules: args.rules });
  // Read every file first, so a bad argument fails before any output.
  const documents = args.files.map((file) => ({ file, text: readDocument(file) }));
  const all: LocatedDiagnostic[] = [];
  for (const { file, text } of documents) all.push(...locate(file, text, service.analyze(text).diagnostics));
  if (args.format === 'json') io.out(JSON.stringify(all, null, 2) + '\n');
  else for (const d of all) io.out(`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}\n`);
  return all.some((d) => d.severity === 'error') ? 1 : 0;
}

function summary(args: ParsedArgs, io: Output): number {
  const text = readDocument(args.files[0]);
  const service = createProtocolService();
  if (args.summaryAs === 'html') {
    const analysis = service.analyze(text);
    io.out(renderPage(service.previewBody(analysis), { nonce: createNonce(), title: analysis.protocol.trial?.nctId ?? path.basename(args.files[0]) }));
    return 0;
  }
  const result = service.summary(text);
  io.out(args.summaryAs === 'json' ? JSON.stringify(result, null, 2) + '\n' : renderMarkdown(result));
  return 0;
}

function exportDocument(args: ParsedArgs, io: Output): number {
  const file = args.files[0];
  const service = createProtocolService();
  const { text, errors } = service.exportDocument(service.analyze(readDocument(file)), args.exportAs!); // parseArgs requires one
  io.out(text);
  if (errors === 0) return 0;
  io.err(
    `trial: ${file}: ${errors} error${errors === 1 ? '' : 's'}; the export leaves out what ${errors === 1 ? 'it affects' : 'they affect'} (see \`trial check ${file}\`)\n`,
  );
  return 1;
}

function importRecord(args: ParsedArgs, io: Output): number {
  const file = args.files[0];
  const text = readText(file, 'JSON');
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

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

const RUNNERS: Readonly<Record<Command, (args: ParsedArgs, io: Output) => number>> = {
  check,
  summary,
  export: exportDocument,
  import: importRecord,
};

/** Runs the CLI and returns the exit code; never throws. */
export function run(argv: readonly string[], io: Output): number {
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      io.out(USAGE + '\n');
      return 0;
    }
    if (parsed === 'version') {
      io.out(`${version()}\n`);
      return 0;
    }
    return RUNNERS[parsed.command](parsed, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`trial: ${error.message}\n`);
      return 2;
    }
    io.err(`trial: internal error: ${(error as Error)?.message ?? String(error)} (please report this)\n`);
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
  const code = run(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
  process.exitCode = code;
}
