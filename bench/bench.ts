/**
 * `npm run bench`: the engine and the language server on generated protocols of 300, 3,000,
 * 10,000 and 30,000 lines. For each size: parse + lower + validate time (min, median) and
 * throughput, against JSON.parse of the same protocol's summary JSON timed in the same run (the
 * floor); per-keystroke latency over stdio with a real LSP client (didChange to
 * publishDiagnostics), including an edit that introduces an error and one that removes it; hover
 * and completion latency; the server's resident memory. `--json` prints one JSON object;
 * `--sizes 300` picks sizes; `--quick` runs fewer repetitions (the CI smoke run).
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

/** The running server and a JSON-RPC connection to it. */
interface Server {
  readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  /** Resolves with the time diagnostics for `version` of `uri` arrive. */
  diagnosticsFor(uri: string, version: number): Promise<{ at: number; count: number; errors: number }>;
}

function startServer(): Server {
  const bundled = path.join(ROOT, 'dist', 'server.js');
  const entry = existsSync(bundled) ? bundled : path.join(ROOT, 'server', 'out', 'server.js');
  const child = spawn(process.execPath, [entry, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting = new Map<string, (value: { at: number; count: number; errors: number }) => void>();
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number; diagnostics: { severity?: number }[] }) => {
    const key = `${params.uri}@${params.version}`;
    const resolve = waiting.get(key);
    if (!resolve) return;
    waiting.delete(key);
    resolve({ at: performance.now(), count: params.diagnostics.length, errors: params.diagnostics.filter((d) => d.severity === 1).length });
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

async function main(): Promise<void> {
  const results: Record<string, unknown> = {
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    sizes: {} as Record<string, unknown>,
  };
  if (FILE) {
    const text = readFileSync(FILE, 'utf8');
    const row = { lines: text.split('\n').length, engine: engine(text), lsp: await lsp(text) };
    (results.sizes as Record<string, unknown>)[FILE] = row;
    if (!asJson) print(row);
  }
  for (const lines of FILE ? [] : SIZES) {
    const text = generateProtocol(lines);
    const row = { lines, engine: engine(text), lsp: await lsp(text) };
    (results.sizes as Record<string, unknown>)[lines] = row;
    if (!asJson) print(row);
  }
  if (asJson) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
}

function print(row: { lines: number; engine: ReturnType<typeof engine>; lsp: Awaited<ReturnType<typeof lsp>> }): void {
  const { engine: e, lsp: l } = row;
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
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
