/**
 * `npm run bench`: the engine and the language server on generated protocols of 300, 3,000,
 * 10,000 and 30,000 lines. For each size: parse + lower + validate time (min, median) and
 * throughput, against JSON.parse of the same protocol's summary JSON timed in the same run (the
 * floor); per-keystroke latency over stdio with a real LSP client (didChange to
 * publishDiagnostics), including an edit that introduces an error and one that removes it; hover
 * and completion latency; the server's resident memory. Then the refresh set: didChange with
 * the requests VS Code sends again after a keystroke (semantic tokens, document symbols, folding
 * ranges, inlay hints, code actions), until every answer and the diagnostics have arrived, against
 * a server that does no work (bench/trivial-server.js) in the same run; edits in the eligibility,
 * in an arm, an error in and out; whole-document formatting; each request after a keystroke and
 * alone. Last, the full run measures the server's memory over 2,000 refresh-set keystrokes at
 * 10,000 lines (`--memory`: that alone). `--json` prints one JSON object; `--sizes 300` picks
 * sizes; `--quick` runs fewer repetitions (the CI smoke run) and no memory run.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { createProtocolService } from '../server/src/service';
import { generateProtocol } from './generate';

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const quick = args.includes('--quick');
const sizesArg = args.find((a) => a.startsWith('--sizes'));
const fileArg = args.find((a) => a.startsWith('--file'));
const FILE = fileArg ? (fileArg.includes('=') ? fileArg.split('=')[1] : args[args.indexOf(fileArg) + 1]) : undefined;
const SIZES = sizesArg
  ? (sizesArg.includes('=') ? sizesArg.split('=')[1] : args[args.indexOf(sizesArg) + 1]).split(',').map(Number)
  : [300, 3000, 10000, 30000];
const EDITS = quick ? 30 : 300;
const WARMUP = quick ? 5 : 30;
const QUERIES = quick ? 20 : 200;
/** `--memory`: only the memory measurement (refresh-set keystrokes at 10,000 lines), which the full run also makes. */
const memoryOnly = args.includes('--memory');
const runMemory = memoryOnly || (!quick && !FILE && (!sizesArg || SIZES.includes(10000)));

function stats(samples: number[]): { min: number; median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { min: sorted[0], median: at(0.5), p95: at(0.95) };
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** Times `fn` repeatedly, at least `minRuns` times and about `budgetMs` in all. */
function time(fn: () => unknown, minRuns: number, budgetMs: number): number[] {
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < minRuns || (performance.now() - started < budgetMs && samples.length < 200)) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

function engine(text: string) {
  const service = createProtocolService();
  const summaryJson = JSON.stringify(service.summary(text));
  // Warm both paths, then alternate them so machine noise falls on both alike.
  for (let i = 0; i < 3; i++) {
    service.analyze(text);
    JSON.parse(summaryJson);
  }
  const analyze: number[] = [];
  const parseJson: number[] = [];
  const runs = quick ? 3 : 15;
  for (let i = 0; i < runs; i++) {
    analyze.push(...time(() => service.analyze(text), 1, 0));
    parseJson.push(...time(() => JSON.parse(summaryJson), 5, 0));
  }
  const a = stats(analyze);
  const j = stats(parseJson);
  const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);
  return {
    bytes: text.length,
    summaryJsonBytes: summaryJson.length,
    analyzeMs: { min: round(a.min), median: round(a.median) },
    analyzeMBps: round(mbps(text.length, a.median)),
    jsonParseMs: { min: round(j.min, 3), median: round(j.median, 3) },
    jsonParseMBps: round(mbps(summaryJson.length, j.median)),
    ratioToJsonParse: round(mbps(text.length, a.median) / mbps(summaryJson.length, j.median), 3),
  };
}

/** A diagnostic as published, with what the benchmark reads of it. */
interface PublishedDiagnostic {
  readonly range: { start: { line: number; character: number }; end: { line: number; character: number } };
  readonly severity?: number;
}

/** The diagnostics of one version of a document, and when they arrived. */
interface Published {
  readonly at: number;
  readonly count: number;
  readonly errors: number;
  readonly diagnostics: readonly PublishedDiagnostic[];
}

/** The running server and a JSON-RPC connection to it. */
interface Server {
  readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  /** Resolves with the time diagnostics for `version` of `uri` arrive. */
  diagnosticsFor(uri: string, version: number): Promise<Published>;
}

/** The bundled language server (or tsc's output when there is no bundle). */
const SERVER_ENTRY = existsSync(path.join(ROOT, 'dist', 'server.js')) ? path.join(ROOT, 'dist', 'server.js') : path.join(ROOT, 'server', 'out', 'server.js');
/** The server that does no work (bench/trivial-server.js), the floor of the refresh set. */
const TRIVIAL_ENTRY = path.join(__dirname, 'trivial-server.js');

function startServer(entry = SERVER_ENTRY): Server {
  const child = spawn(process.execPath, [entry, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting = new Map<string, (value: Published) => void>();
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number; diagnostics: PublishedDiagnostic[] }) => {
    const key = `${params.uri}@${params.version}`;
    const resolve = waiting.get(key);
    if (!resolve) return;
    waiting.delete(key);
    resolve({
      at: performance.now(),
      count: params.diagnostics.length,
      errors: params.diagnostics.filter((d) => d.severity === 1).length,
      diagnostics: params.diagnostics,
    });
  });
  connection.listen();
  return {
    process: child,
    connection,
    diagnosticsFor: (uri, version) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} version ${version} within 60 s`)), 60_000);
        waiting.set(`${uri}@${version}`, (value) => {
          clearTimeout(timer);
          resolve(value);
        });
      }),
  };
}

/** Resident memory of a process in MiB, from /proc (Linux). */
function rssMiB(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? round(Number(match[1]) / 1024, 1) : undefined;
  } catch {
    return undefined;
  }
}

async function lsp(text: string) {
  const server = startServer();
  const { connection } = server;
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
  connection.sendNotification('initialized', {});
  const uri = 'file:///bench/protocol.trial';
  let version = 1;
  const opened = server.diagnosticsFor(uri, version);
  const openStart = performance.now();
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'trial', version, text } });
  const openDiagnostics = await opened;
  const openMs = openDiagnostics.at - openStart;
  const rssAfterOpen = rssMiB(server.process.pid!);

  const lines = text.split('\n');
  const middle = Math.floor(lines.length / 2);
  // A comment line in the middle: inserting and deleting a character there changes no fact.
  let line = lines.findIndex((l, i) => i >= middle && l.startsWith('// Arm'));
  if (line < 0) line = lines.findIndex((l) => l.startsWith('//'));
  const column = lines[line].length;
  let inserted = false;
  const edit = async (change: { range: unknown; text: string }) => {
    version++;
    const published = server.diagnosticsFor(uri, version);
    const t0 = performance.now();
    connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const result = await published;
    return { ms: result.at - t0, ...result };
  };
  const toggle = () => {
    const change = inserted
      ? { range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: '' }
      : { range: { start: { line, character: column }, end: { line, character: column } }, text: 'x' };
    inserted = !inserted;
    return edit(change);
  };
  for (let i = 0; i < WARMUP; i++) await toggle();
  const latencies: number[] = [];
  for (let i = 0; i < EDITS; i++) latencies.push((await toggle()).ms);
  if (inserted) await toggle();
  const rssAfterEdits = rssMiB(server.process.pid!);
  // The server collects garbage once the document has been quiet for a second.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const rssAfterIdle = rssMiB(server.process.pid!);

  // An edit that introduces an error (a unit no one knows) and one that removes it, on a dose
  // line with a mg/m2 unit (after the middle, else anywhere; a document with none skips it).
  const isDose = (l: string) => /^\s+[a-z_]+ [0-9.]+ mg\/m2/.test(l);
  let doseLine = lines.findIndex((l, i) => i >= middle && isDose(l));
  if (doseLine < 0) doseLine = lines.findIndex(isDose);
  let introduce: { ms: number } | undefined;
  let remove: { ms: number } | undefined;
  if (doseLine >= 0) {
    const unitAt = lines[doseLine].indexOf('mg/m2');
    const introduced = await edit({ range: { start: { line: doseLine, character: unitAt }, end: { line: doseLine, character: unitAt } }, text: 'x' });
    const removed = await edit({ range: { start: { line: doseLine, character: unitAt }, end: { line: doseLine, character: unitAt + 1 } }, text: '' });
    if (introduced.errors !== openDiagnostics.errors + 1 || removed.errors !== openDiagnostics.errors) {
      throw new Error(`the error edit did not show as expected: ${openDiagnostics.errors} -> ${introduced.errors} -> ${removed.errors}`);
    }
    introduce = introduced;
    remove = removed;
  }

  const request = async (method: string, params: unknown) => {
    const samples: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const t0 = performance.now();
      await connection.sendRequest(method, params);
      samples.push(performance.now() - t0);
    }
    return stats(samples);
  };
  const anyDose = lines.findIndex((l) => /^\s+[a-z_]+ ([0-9.]+ |dose )/.test(l) && !/^\s+(description|include|exclude|cycle|age)\b/.test(l));
  const drugLine = doseLine >= 0 ? doseLine : Math.max(0, anyDose);
  const drugAt = { line: drugLine, character: lines[drugLine].search(/\S/) + 3 };
  const eligibilityLine = Math.max(
    0,
    lines.findIndex((l) => /^\s+include [a-z]/.test(l)),
  );
  const hoverDrug = await request('textDocument/hover', { textDocument: { uri }, position: drugAt });
  const hoverEligibility = await request('textDocument/hover', { textDocument: { uri }, position: { line: eligibilityLine, character: 12 } });
  const completionDrug = await request('textDocument/completion', {
    textDocument: { uri },
    position: { line: drugLine, character: lines[drugLine].length },
  });
  const completionEligibility = await request('textDocument/completion', { textDocument: { uri }, position: { line: eligibilityLine, character: 10 } });

  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  const lat = stats(latencies);
  const ms = (s: { median: number; p95: number }) => ({ median: round(s.median), p95: round(s.p95) });
  return {
    openMs: round(openMs),
    editMs: { median: round(lat.median), p95: round(lat.p95), edits: EDITS },
    introduceErrorMs: introduce && round(introduce.ms),
    removeErrorMs: remove && round(remove.ms),
    hoverDrugMs: ms(hoverDrug),
    hoverEligibilityMs: ms(hoverEligibility),
    completionDrugMs: ms(completionDrug),
    completionEligibilityMs: ms(completionEligibility),
    rssMiB: { afterOpen: rssAfterOpen, afterEdits: rssAfterEdits, afterIdle: rssAfterIdle },
  };
}

// ---- the refresh set ---------------------------------------------------------------------------
// After a keystroke VS Code asks again for what it shows of the document: semantic tokens, the
// outline, folding ranges, the inlay hints of the visible lines and the code actions at the
// cursor. It sends them right after didChange without waiting, and the server, single-threaded,
// answers them all (and publishes the diagnostics) before it reads the next keystroke.

interface LspPosition {
  line: number;
  character: number;
}

interface Change {
  range: { start: LspPosition; end: LspPosition };
  text: string;
}

/** What the benchmark reads of a server's capabilities. */
interface Capabilities {
  semanticTokensProvider?: { full?: boolean | { delta?: boolean }; range?: boolean | object };
  documentSymbolProvider?: unknown;
  foldingRangeProvider?: unknown;
  inlayHintProvider?: unknown;
  codeActionProvider?: unknown;
  codeLensProvider?: unknown;
  documentFormattingProvider?: unknown;
}

/** The requests of the refresh set, by the name the output gives them. */
type RefreshKind = 'semanticTokens' | 'documentSymbol' | 'foldingRange' | 'inlayHint' | 'codeAction';

/** Lines of inlay hints asked for: about a screen around the edit. */
const VISIBLE_LINES = 50;
/** Edits of each variant (eligibility, arm, error in and out). */
const VARIANT_EDITS = quick ? 10 : 100;
const VARIANT_WARMUP = quick ? 2 : 10;
/** Whole-document formatting requests. */
const FORMATS = quick ? 5 : 50;
/** Requests of each kind timed alone, after a keystroke and on an unchanged document. */
const ALONE = quick ? 3 : 20;
/** Refresh-set keystrokes of the memory measurement, at MEMORY_LINES lines. */
const MEMORY_EDITS = 2000;
const MEMORY_LINES = 10000;

const FORMATTING_OPTIONS = { tabSize: 2, insertSpaces: true };

/** A document open on a server, edited as an editor edits it. */
interface Session {
  readonly server: Server;
  readonly capabilities: Capabilities;
  readonly lines: readonly string[];
  readonly openErrors: number;
  /** The refresh-set requests (method, params) the server advertises, for a cursor. */
  requests(cursor: LspPosition): [RefreshKind, string, unknown][];
  /**
   * didChange and the refresh set at once (or only the kinds in `only`; none: the diagnostics
   * alone): the time until every answer and the diagnostics have arrived.
   */
  refresh(change: Change, cursor: LspPosition, only?: readonly RefreshKind[]): Promise<Published & { ms: number }>;
  close(): Promise<void>;
}

async function openSession(server: Server, text: string, capabilitiesToAdvertise?: Capabilities): Promise<Session> {
  const { connection } = server;
  const init = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    workspaceFolders: null,
    initializationOptions: capabilitiesToAdvertise ? { capabilities: capabilitiesToAdvertise } : undefined,
  })) as { capabilities: Capabilities };
  const capabilities = init.capabilities;
  connection.sendNotification('initialized', {});
  const uri = 'file:///bench/refresh.trial';
  const textDocument = { uri };
  let version = 1;
  const opened = server.diagnosticsFor(uri, version);
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'trial', version, text } });
  let latest = await opened;
  const openErrors = latest.errors;
  const lines = text.split('\n');
  const full = capabilities.semanticTokensProvider?.full;
  const delta = typeof full === 'object' && full.delta === true;
  let resultId: string | undefined;

  const requests = (cursor: LspPosition): [RefreshKind, string, unknown][] => {
    const all: [RefreshKind, string, unknown, unknown][] = [
      delta && resultId
        ? ['semanticTokens', 'textDocument/semanticTokens/full/delta', { textDocument, previousResultId: resultId }, full]
        : ['semanticTokens', 'textDocument/semanticTokens/full', { textDocument }, full],
      ['documentSymbol', 'textDocument/documentSymbol', { textDocument }, capabilities.documentSymbolProvider],
      ['foldingRange', 'textDocument/foldingRange', { textDocument }, capabilities.foldingRangeProvider],
      [
        'inlayHint',
        'textDocument/inlayHint',
        {
          textDocument,
          range: {
            start: { line: Math.max(0, cursor.line - VISIBLE_LINES / 2), character: 0 },
            end: { line: Math.min(lines.length - 1, cursor.line + VISIBLE_LINES / 2), character: 0 },
          },
        },
        capabilities.inlayHintProvider,
      ],
      [
        'codeAction',
        'textDocument/codeAction',
        {
          textDocument,
          range: { start: cursor, end: cursor },
          // The diagnostics the editor holds on the cursor's line: those of the version before the edit.
          context: {
            diagnostics: latest.diagnostics.filter((d) => d.range.start.line <= cursor.line && cursor.line <= d.range.end.line),
            triggerKind: 2,
          },
        },
        capabilities.codeActionProvider,
      ],
    ];
    return all.filter(([, , , advertised]) => advertised).map(([kind, method, params]) => [kind, method, params]);
  };

  const change = (edit: Change) => {
    version++;
    const published = server.diagnosticsFor(uri, version);
    connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [edit] });
    return published;
  };

  return {
    server,
    capabilities,
    lines,
    openErrors,
    requests,
    async refresh(edit, cursor, only) {
      const t0 = performance.now();
      const published = change(edit);
      const asked = requests(cursor).filter(([kind]) => !only || only.includes(kind));
      const answers = asked.map(([kind, method, params]) => connection.sendRequest(method, params).then((result) => ({ kind, result, at: performance.now() })));
      const arrived = await Promise.all(answers);
      latest = await published;
      const tokens = arrived.find((answer) => answer.kind === 'semanticTokens');
      if (tokens) resultId = (tokens.result as { resultId?: string } | null)?.resultId;
      const end = Math.max(latest.at, ...arrived.map((answer) => answer.at));
      return { ...latest, ms: end - t0 };
    },
    async close() {
      await connection.sendRequest('shutdown');
      connection.sendNotification('exit');
    },
  };
}

/** An edit typed and taken back: insert `text` at `at`, then delete it, alternately. */
function toggler(at: LspPosition, text: string): { next(): Change; readonly inserted: boolean } {
  let inserted = false;
  return {
    next() {
      const change = inserted
        ? { range: { start: at, end: { line: at.line, character: at.character + text.length } }, text: '' }
        : { range: { start: at, end: at }, text };
      inserted = !inserted;
      return change;
    },
    get inserted() {
      return inserted;
    },
  };
}

/** Refresh-set keystrokes of one edit place: `warmup` unmeasured, then `edits` measured. The edit is taken back at the end. */
async function refreshTimes(session: Session, at: LspPosition, text: string, warmup: number, edits: number, only?: readonly RefreshKind[]) {
  const edit = toggler(at, text);
  for (let i = 0; i < warmup; i++) await session.refresh(edit.next(), at, only);
  const samples: Awaited<ReturnType<Session['refresh']>>[] = [];
  for (let i = 0; i < edits; i++) samples.push(await session.refresh(edit.next(), at, only));
  if (edit.inserted) await session.refresh(edit.next(), at, only);
  return samples;
}

const msStats = (samples: number[]) => {
  const s = stats(samples);
  return { median: round(s.median), p95: round(s.p95), edits: samples.length };
};

/** The places of the generated protocol the refresh set is measured at. */
function places(lines: readonly string[]) {
  const middle = Math.floor(lines.length / 2);
  const from = (start: number, test: (l: string) => boolean) => {
    const after = lines.findIndex((l, i) => i >= start && test(l));
    return after >= 0 ? after : lines.findIndex(test);
  };
  // The existing keystroke's place: the end of a comment line in the middle (an arm's heading in a generated protocol).
  const commentLine = from(middle, (l) => l.startsWith('//'));
  const comment = commentLine >= 0 ? { line: commentLine, character: lines[commentLine].length } : undefined;
  // Inside the eligibility block, halfway down: before the closing quote of a criterion in words.
  const start = lines.findIndex((l) => l.startsWith('eligibility {'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('}'));
  const criterionLine = start >= 0 ? from(Math.floor((start + end) / 2), (l) => /^\s+(include|exclude) ".*"$/.test(l)) : -1;
  const criterion = criterionLine >= 0 ? { line: criterionLine, character: lines[criterionLine].length - 1 } : undefined;
  // Inside an arm: after the amount of a dose in a cycle (85 mg/m2 -> 850 mg/m2).
  const doseAmount = /^(\s+[a-z_]+ )(\d+)( mg)/;
  const armLine = from(middle, (l) => doseAmount.test(l));
  const armMatch = armLine >= 0 ? doseAmount.exec(lines[armLine]) : null;
  const arm = armMatch ? { line: armLine, character: armMatch[1].length + armMatch[2].length } : undefined;
  // An error in and out: a unit no one knows (mg/m2 -> xmg/m2).
  const isDose = (l: string) => /^\s+[a-z_]+ [0-9.]+ mg\/m2/.test(l);
  const errorLine = from(middle, isDose);
  const error = errorLine >= 0 ? { line: errorLine, character: lines[errorLine].indexOf('mg/m2') } : undefined;
  return { comment, criterion, arm, error };
}

async function refreshSet(text: string) {
  const server = startServer();
  const session = await openSession(server, text);
  // The floor: the same keystrokes against a server that does no work, interleaved with the real
  // server's so that the machine's noise falls on both alike.
  const trivialServer = startServer(TRIVIAL_ENTRY);
  const trivial = await openSession(trivialServer, text, session.capabilities);
  const at = places(session.lines);
  if (!at.comment) {
    await Promise.all([session.close(), trivial.close()]);
    return undefined;
  }
  const real = toggler(at.comment, 'x');
  const floor = toggler(at.comment, 'x');
  for (let i = 0; i < WARMUP; i++) {
    await session.refresh(real.next(), at.comment);
    await trivial.refresh(floor.next(), at.comment);
  }
  const keystroke: Awaited<ReturnType<Session['refresh']>>[] = [];
  const trivialKeystroke: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    keystroke.push(await session.refresh(real.next(), at.comment));
    trivialKeystroke.push((await trivial.refresh(floor.next(), at.comment)).ms);
  }
  if (real.inserted) await session.refresh(real.next(), at.comment);
  if (floor.inserted) await trivial.refresh(floor.next(), at.comment);
  await trivial.close();

  const main = msStats(keystroke.map((s) => s.ms));
  const floorStats = msStats(trivialKeystroke);

  const variant = async (place: LspPosition | undefined, insert: string) =>
    place ? msStats((await refreshTimes(session, place, insert, VARIANT_WARMUP, VARIANT_EDITS)).map((s) => s.ms)) : undefined;
  const eligibility = await variant(at.criterion, 'x');
  const arm = await variant(at.arm, '0');
  let introduceError: ReturnType<typeof msStats> | undefined;
  let removeError: ReturnType<typeof msStats> | undefined;
  if (at.error) {
    const samples = await refreshTimes(session, at.error, 'x', VARIANT_WARMUP * 2, VARIANT_EDITS * 2);
    // The warm-up is even, so the measured edits start with an insertion: even ones introduce, odd ones remove.
    const introduced = samples.filter((_, i) => i % 2 === 0);
    const removed = samples.filter((_, i) => i % 2 === 1);
    if (introduced.some((s) => s.errors !== session.openErrors + 1) || removed.some((s) => s.errors !== session.openErrors)) {
      throw new Error(`the error edit did not show as expected with the refresh set (${session.openErrors} errors when opened)`);
    }
    introduceError = msStats(introduced.map((s) => s.ms));
    removeError = msStats(removed.map((s) => s.ms));
  }

  // Each request alone, on the unchanged document (analysed already): what each one adds.
  const { connection } = server;
  const timeRequest = async (method: string, params: unknown, runs: number) => {
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const result = await connection.sendRequest(method, params);
      samples.push(performance.now() - t0);
      if (i === 0) bytes = JSON.stringify(result ?? null).length;
    }
    const s = stats(samples);
    return { median: round(s.median), p95: round(s.p95), bytes };
  };
  const alone: Record<string, { median: number; p95: number; bytes: number }> = {};
  // Each request alone after a keystroke, with the diagnostics (none: the diagnostics alone, the
  // same as the keystroke above with this server): what the refresh set would cost with it only.
  const afterKeystroke: Record<string, ReturnType<typeof msStats>> = {};
  const kinds = session.requests(at.comment).map(([kind]) => kind);
  for (const only of [[], ...kinds.map((kind) => [kind])]) {
    const samples = await refreshTimes(session, at.comment, 'x', 2, ALONE, only);
    afterKeystroke[only[0] ?? 'diagnostics'] = msStats(samples.map((sample) => sample.ms));
  }
  const textDocument = { uri: 'file:///bench/refresh.trial' };
  for (const [kind, method, params] of session.requests(at.comment)) {
    // Semantic tokens alone: the whole set, what a request with no previous result gets (a delta on an unchanged document is empty).
    alone[kind] =
      kind === 'semanticTokens' ? await timeRequest('textDocument/semanticTokens/full', { textDocument }, ALONE) : await timeRequest(method, params, ALONE);
  }
  if (session.capabilities.codeLensProvider) alone.codeLens = await timeRequest('textDocument/codeLens', { textDocument }, ALONE);
  const formatting = session.capabilities.documentFormattingProvider
    ? await timeRequest('textDocument/formatting', { textDocument, options: FORMATTING_OPTIONS }, FORMATS)
    : undefined;
  await session.close();

  return {
    keystrokeMs: main,
    trivialKeystrokeMs: floorStats,
    ratioToTrivial: { median: round(main.median / floorStats.median, 1), p95: round(main.p95 / floorStats.p95, 1) },
    eligibilityMs: eligibility,
    armMs: arm,
    introduceErrorMs: introduceError,
    removeErrorMs: removeError,
    formattingMs: formatting,
    aloneMs: alone,
    afterKeystrokeMs: afterKeystroke,
    semanticTokensMethod: session.requests(at.comment).find(([kind]) => kind === 'semanticTokens')?.[1],
  };
}

/** The server's resident memory before and after MEMORY_EDITS refresh-set keystrokes (no collection is forced). */
async function memory() {
  const text = generateProtocol(MEMORY_LINES);
  const server = startServer();
  const session = await openSession(server, text);
  const pid = server.process.pid!;
  const afterOpen = rssMiB(pid);
  const at = places(session.lines).comment!;
  const edit = toggler(at, 'x');
  for (let i = 0; i < WARMUP; i++) await session.refresh(edit.next(), at);
  const before = rssMiB(pid);
  const started = performance.now();
  const times: number[] = [];
  // The resident set every 250 edits too: one reading falls wherever the collector happens to be.
  const along: (number | undefined)[] = [];
  for (let i = 0; i < MEMORY_EDITS; i++) {
    times.push((await session.refresh(edit.next(), at)).ms);
    if ((i + 1) % 250 === 0) along.push(rssMiB(pid));
  }
  const after = rssMiB(pid);
  const minutes = (performance.now() - started) / 60_000;
  // The server collects garbage once the document has been quiet for a second.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const afterIdle = rssMiB(pid);
  await session.close();
  const growth = (to: number | undefined) => (before && to ? round((to / before - 1) * 100, 1) : undefined);
  return {
    lines: MEMORY_LINES,
    edits: MEMORY_EDITS,
    minutes: round(minutes, 1),
    keystrokeMs: msStats(times),
    rssMiB: { afterOpen, before, after, afterIdle, every250Edits: along },
    growthPercent: { after: growth(after), afterIdle: growth(afterIdle) },
  };
}

async function main(): Promise<void> {
  const machine = {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((load) => round(load)),
  };
  const results: Record<string, unknown> = { machine, sizes: {} as Record<string, unknown> };
  if (!asJson) {
    process.stdout.write(
      `machine: ${machine.cpus} CPUs (${machine.model}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}; load average ${machine.loadAverage.join(' ')}\n\n`,
    );
  }
  const measure = async (lines: number, text: string) => {
    const row = { lines, engine: engine(text), lsp: await lsp(text), refresh: await refreshSet(text) };
    if (!asJson) print(row);
    return row;
  };
  if (!memoryOnly) {
    if (FILE) {
      const text = readFileSync(FILE, 'utf8');
      (results.sizes as Record<string, unknown>)[FILE] = await measure(text.split('\n').length, text);
    }
    for (const lines of FILE ? [] : SIZES) (results.sizes as Record<string, unknown>)[lines] = await measure(lines, generateProtocol(lines));
  }
  if (runMemory) {
    const m = await memory();
    results.memory = m;
    if (!asJson) {
      const [before, after, idle] = [m.rssMiB.before, m.rssMiB.after, m.rssMiB.afterIdle];
      process.stdout.write(
        [
          `== memory: ${m.edits} refresh-set keystrokes at ${m.lines} lines (${m.minutes} min; keystroke median ${m.keystrokeMs.median} ms, p95 ${m.keystrokeMs.p95} ms) ==`,
          `server RSS  after open ${m.rssMiB.afterOpen} MiB  after the warm-up ${before} MiB  after the edits ${after} MiB (${m.growthPercent.after} %)  after 1.5 s idle ${idle} MiB (${m.growthPercent.afterIdle} %)`,
          `every 250 edits  ${m.rssMiB.every250Edits.join(' ')} MiB`,
          '',
        ].join('\n') + '\n',
      );
    }
  }
  machine.loadAverage = os.loadavg().map((load) => round(load));
  if (asJson) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  else process.stdout.write(`load average at the end ${machine.loadAverage.join(' ')}\n`);
}

type Row = { lines: number; engine: ReturnType<typeof engine>; lsp: Awaited<ReturnType<typeof lsp>>; refresh: Awaited<ReturnType<typeof refreshSet>> };

function print(row: Row): void {
  const { engine: e, lsp: l, refresh: r } = row;
  const ms = (s: { median: number; p95: number } | undefined) => (s ? `median ${s.median} ms  p95 ${s.p95} ms` : 'no place for it');
  const lines = [
    `== ${row.lines} lines (${(e.bytes / 1024).toFixed(0)} KiB) ==`,
    `parse+lower+validate  min ${e.analyzeMs.min} ms  median ${e.analyzeMs.median} ms  ${e.analyzeMBps} MB/s`,
    `JSON.parse (summary, ${(e.summaryJsonBytes / 1024).toFixed(0)} KiB)  median ${e.jsonParseMs.median} ms  ${e.jsonParseMBps} MB/s   ratio ${e.ratioToJsonParse}`,
    `open -> diagnostics  ${l.openMs} ms`,
    `keystroke -> diagnostics  median ${l.editMs.median} ms  p95 ${l.editMs.p95} ms  (${l.editMs.edits} edits)`,
    l.introduceErrorMs === undefined
      ? 'no dose line in mg/m2 to put an error in'
      : `introduce an error ${l.introduceErrorMs} ms, remove it ${l.removeErrorMs} ms`,
    `hover     drug median ${l.hoverDrugMs.median} p95 ${l.hoverDrugMs.p95} ms | eligibility median ${l.hoverEligibilityMs.median} p95 ${l.hoverEligibilityMs.p95} ms`,
    `complete  drug median ${l.completionDrugMs.median} p95 ${l.completionDrugMs.p95} ms | eligibility median ${l.completionEligibilityMs.median} p95 ${l.completionEligibilityMs.p95} ms`,
    `server RSS  after open ${l.rssMiB.afterOpen} MiB  right after the edits ${l.rssMiB.afterEdits} MiB  after 1.5 s idle ${l.rssMiB.afterIdle} MiB`,
  ];
  if (!r) lines.push('refresh set: no comment line to edit');
  else {
    lines.push(
      `refresh set (${r.semanticTokensMethod ?? 'no semantic tokens'}, documentSymbol, foldingRange, inlayHint, codeAction + diagnostics):`,
      `  keystroke in a comment  ${ms(r.keystrokeMs)}  (${r.keystrokeMs.edits} edits)`,
      `  trivial server          ${ms(r.trivialKeystrokeMs)}   ratio median ${r.ratioToTrivial.median}x  p95 ${r.ratioToTrivial.p95}x`,
      `  in the eligibility      ${ms(r.eligibilityMs)}`,
      `  in an arm (dose amount) ${ms(r.armMs)}`,
      `  introduce an error      ${ms(r.introduceErrorMs)}`,
      `  remove it               ${ms(r.removeErrorMs)}`,
      `formatting (whole document)  ${ms(r.formattingMs)}`,
      `each request after a keystroke, with the diagnostics (median)  ${Object.entries(r.afterKeystrokeMs)
        .map(([kind, s]) => `${kind} ${s.median} ms`)
        .join(' | ')}`,
      `each request alone, unchanged document (median, answer size)  ${Object.entries(r.aloneMs)
        .map(([kind, s]) => `${kind} ${s.median} ms ${(s.bytes / 1024).toFixed(0)} KiB`)
        .join(' | ')}`,
    );
  }
  lines.push('');
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
