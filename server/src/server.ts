/**
 * The language server: the thin LSP front over the language service. Each handler gets the
 * document, calls the service, and converts offsets to LSP positions (0-based, UTF-16) at this
 * edge. A handler that fails logs the error and returns an empty result: the server never dies
 * on a document. Start with `--stdio` (any LSP editor) or `--node-ipc` (the VS Code client).
 */

import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import * as v8 from 'node:v8';
import { pathToFileURL, fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  DocumentHighlightKind,
  ErrorCodes,
  FileChangeType,
  FoldingRangeKind,
  InsertTextFormat,
  MarkupKind,
  Message,
  ProposedFeatures,
  ResponseError,
  SymbolKind,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type Connection,
  type ConnectionOptions,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol,
  type InitializeResult,
  type Position,
  type SemanticTokens,
  type SemanticTokensDelta,
  type Range,
  type RequestMessage,
  type TextEdit as LspTextEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeAnchor, type TextEdit } from './language/codes';
import type { CompletionKind } from './features/completion';
import { DEFAULT_SETTINGS, TOKEN_MODIFIERS, TOKEN_TYPES, type Settings } from './features/legend';
import type { OutlineKind, OutlineSymbol } from './features/structure';
import { keptPerItem } from './features/per-item';
import type { SemanticToken } from './features/tokens';
import type { Span } from './model/schema';
import { createLineIndex, type LineIndex } from './util/lines';
import { createProtocolHost, type DocumentEdit } from './host';
import { createProtocolService, type CheckedDocument } from './service';
import { EXPORT_REQUEST, PREVIEW_REQUEST, type ExportParams, type ExportResult, type PreviewParams, type PreviewResult } from './summary/preview-protocol';
import { DIFF_REQUEST, SCREEN_REQUEST, type DiffParams, type DiffResult, type ScreenParams, type ScreenResult } from './summary/preview-protocol';
import { diffJson } from './summary/diff-report';
import { isCalendarDate } from './summary/screen';
import { PatientInputError } from './summary/screen-fhir';
import { screenJson } from './summary/screen-report';
import { createFramingGuard } from './framing';
import { createWorkspaceIndex } from './workspace';
import { kept } from './util/kept';

const USAGE = 'Usage: trial-language-server --stdio | --node-ipc | --socket=PORT';

/** The kind of "fix all": its own sub-kind, so `editor.codeActionsOnSave` can ask for `source.fixAll.trial` alone (ESLint's convention). */
const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.trial`;

/**
 * Client commands the server may attach to results, when the client lists them in
 * `initializationOptions.clientCommands` (the VS Code extension does): the "Preview" code lens,
 * and asking for completion again after a keyword whose next word has completions.
 */
const PREVIEW_COMMAND = 'trial.showPreview';
const SUGGEST_COMMAND = 'editor.action.triggerSuggest';

// ---- conversions at the edge ---------------------------------------------------------------

function toRange(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.offset), end: document.positionAt(span.offset + span.length) };
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

function toSpan(document: TextDocument, range: Range): Span {
  const start = document.offsetAt(range.start);
  return { offset: start, length: Math.max(0, document.offsetAt(range.end) - start) };
}

function toEdits(document: TextDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((edit) => ({ range: toRange(document, edit), newText: edit.newText }));
}

// ---- parameters at the edge ----------------------------------------------------------------
// A request's parameters are the client's word: a position that is not two unsigned integers
// (negative, fractional, NaN, a string, missing) is answered with InvalidParams, as LSP asks,
// rather than turned into an offset that means nothing. A position past the end of a line or of
// the document is valid LSP and is clamped by `offsetAt`.

/** The largest `uinteger` of LSP. */
const MAX_UINTEGER = 2 ** 31 - 1;

function invalidParams(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

/** A value as a message shows it: short, whatever it is. */
function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  return (JSON.stringify(value) ?? String(value)).slice(0, 80);
}

function isUinteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && 0 <= value && value <= MAX_UINTEGER;
}

/** `params.textDocument.uri`, or InvalidParams. */
function documentUri(params: unknown): string {
  const uri = (params as { textDocument?: { uri?: unknown } } | null | undefined)?.textDocument?.uri;
  if (typeof uri !== 'string') throw invalidParams(`textDocument.uri must be a string, not ${shown(uri)}`);
  return uri;
}

/** A position of two unsigned integers, or InvalidParams naming the parameter. */
function validPosition(value: unknown, name: string): Position {
  const position = value as { line?: unknown; character?: unknown } | null | undefined;
  if (typeof position !== 'object' || position === null || !isUinteger(position.line) || !isUinteger(position.character)) {
    throw invalidParams(`${name} must be {line, character} with two non-negative integers, not ${shown(value)}`);
  }
  return { line: position.line, character: position.character };
}

/** A range of two valid positions, or InvalidParams naming the parameter. */
function validRange(value: unknown, name: string): Range {
  const range = value as { start?: unknown; end?: unknown } | null | undefined;
  if (typeof range !== 'object' || range === null) throw invalidParams(`${name} must be a range, not ${shown(value)}`);
  return { start: validPosition(range.start, `${name}.start`), end: validPosition(range.end, `${name}.end`) };
}

/** `params.uri` of the extension's own requests (preview, export), or InvalidParams. */
function customUri(params: unknown): string {
  const uri = (params as { uri?: unknown } | null | undefined)?.uri;
  if (typeof uri !== 'string') throw invalidParams(`uri must be a string, not ${shown(uri)}`);
  return uri;
}

const EXPORT_FORMATS: readonly ExportParams['format'][] = ['ctgov', 'usdm', 'markdown'];

/** The document and position of a position request (hover, completion, definition…), checked. */
function positionParams(params: unknown): { uri: string; position: Position } {
  return { uri: documentUri(params), position: validPosition((params as { position?: unknown }).position, 'position') };
}

const SEVERITIES = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const COMPLETION_KINDS: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  drug: CompletionItemKind.Function,
  analyte: CompletionItemKind.Variable,
  unit: CompletionItemKind.Unit,
  value: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
  operator: CompletionItemKind.Operator,
  reference: CompletionItemKind.Reference,
};

const SYMBOL_KINDS: Record<OutlineKind, SymbolKind> = {
  trial: SymbolKind.Module,
  drug: SymbolKind.Function,
  intervention: SymbolKind.Interface,
  arm: SymbolKind.Class,
  phase: SymbolKind.Namespace,
  cycle: SymbolKind.Event,
  dose: SymbolKind.Method,
  surgery: SymbolKind.Event,
  eligibility: SymbolKind.Struct,
  group: SymbolKind.Array,
  criterion: SymbolKind.Boolean,
  outcome: SymbolKind.Field,
};

/** The docs of the diagnostic codes, shipped beside the server (dist/ or server/out/). */
function diagnosticsDocs(): string | undefined {
  for (const candidate of [path.resolve(__dirname, '..', 'docs', 'diagnostics.md'), path.resolve(__dirname, '..', '..', 'docs', 'diagnostics.md')]) {
    if (existsSync(candidate)) return pathToFileURL(candidate).href;
  }
  return undefined;
}

/** Reads the `trial` section of the client's settings into the service's settings. */
function readSettings(raw: unknown): Settings {
  const section = (raw ?? {}) as { referencePatient?: { bsa?: unknown; weight?: unknown; gfr?: unknown }; rules?: unknown; inlayHints?: { enabled?: unknown } };
  const number = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback);
  const rules = typeof section.rules === 'object' && section.rules !== null ? (section.rules as Settings['rules']) : {};
  return {
    referenceBsa: number(section.referencePatient?.bsa, DEFAULT_SETTINGS.referenceBsa),
    referenceWeight: number(section.referencePatient?.weight, DEFAULT_SETTINGS.referenceWeight),
    referenceGfr: number(section.referencePatient?.gfr, DEFAULT_SETTINGS.referenceGfr),
    rules,
    inlayHints: typeof section.inlayHints?.enabled === 'boolean' ? section.inlayHints.enabled : DEFAULT_SETTINGS.inlayHints,
  };
}

/**
 * How far V8 lets the heap grow past what the last full collection kept, in percent. Each
 * keystroke leaves garbage (the previous version's analysis, large answers such as the outline),
 * and V8's default growth lets the heap settle far above its working size; a tight limit makes V8
 * collect sooner on its own, so the resident set stays near the working size without the server
 * ever forcing a collection. Measured with `npm run bench -- --memory` (docs/performance.md): at
 * 10,000 lines the resident set stays at 160-175 MiB over 2,000 edits (245-285 MiB with V8's
 * default), for about 10 ms more per refresh set; 15 % held it at 150-160 MiB for about 15 ms.
 */
const HEAP_GROWING_PERCENT = 60;

/** How long a workspace-symbols request may spend reading files of the workspace, in ms; the rest is read between requests. */
const WORKSPACE_REQUEST_BUDGET_MS = 300;

/** How long one slice of reading the workspace in the background may take before other messages are served, in ms. */
const WORKSPACE_SLICE_MS = 20;

// ---- the lifecycle -----------------------------------------------------------------------------

/** The method a refused request is turned into, so that the connection answers it with the refusal's error. */
const REFUSED_REQUEST = 'trial/refusedRequest';

interface Refusal {
  readonly code: number;
  readonly message: string;
}

/**
 * What LSP says of a request at each point of the server's life: before `initialize`, every
 * request but `initialize` gets ServerNotInitialized (-32002); `initialize` twice is an
 * InvalidRequest (-32600); after `shutdown`, every request is an InvalidRequest. Notifications
 * other than `exit` are dropped before `initialize` and after `shutdown`. Applied to every
 * message before the connection dispatches it, so it holds for every method, known or not.
 * (`exit` itself is the connection's: code 0 after `shutdown`, 1 without.)
 */
export function createLifecycleGate(): { readonly options: ConnectionOptions; install(connection: Connection): void } {
  let phase: 'waiting' | 'running' | 'shut down' = 'waiting';
  const refusal = (method: string): Refusal | undefined => {
    if (phase === 'waiting' && method !== 'initialize') {
      return { code: ErrorCodes.ServerNotInitialized, message: `The server is not initialized: '${method}' must come after 'initialize'.` };
    }
    if (phase === 'running' && method === 'initialize')
      return { code: ErrorCodes.InvalidRequest, message: "The server is already initialized: 'initialize' is sent once." };
    if (phase === 'shut down') return { code: ErrorCodes.InvalidRequest, message: `The server is shut down: '${method}' is refused; only 'exit' is accepted.` };
    return undefined;
  };
  return {
    options: {
      messageStrategy: {
        handleMessage(message, next) {
          if (Message.isRequest(message)) {
            const refused = refusal(message.method);
            if (refused) {
              next({ jsonrpc: message.jsonrpc, id: message.id, method: REFUSED_REQUEST, params: refused } as RequestMessage);
              return;
            }
            if (message.method === 'initialize') phase = 'running';
            if (message.method === 'shutdown') phase = 'shut down';
          } else if (Message.isNotification(message) && phase !== 'running' && message.method !== 'exit') {
            return;
          }
          next(message);
        },
      },
    },
    install(connection) {
      connection.onRequest(REFUSED_REQUEST, (refused: Partial<Refusal> | null) =>
        // Only the gate's own rewriting carries a refusal; a client that names the method gets what an unknown one gets.
        typeof refused?.code === 'number'
          ? new ResponseError(refused.code, String(refused.message))
          : new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${REFUSED_REQUEST}`),
      );
    },
  };
}

/** Starts the server on a connection. */
export function startServer(connection: Connection): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  // The documents as the editor holds them, for positions (LSP's lines and UTF-16 columns), and the
  // host that analyses them. Edits go to both: the host takes them as offsets into the previous text.
  const documents = new Map<string, TextDocument>();
  const host = createProtocolHost();
  const docsUrl = diagnosticsDocs();
  let settings: Settings = DEFAULT_SETTINGS;
  const service = createProtocolService();
  let configurationSupported = false;
  const checkedCache = new Map<string, { version: number; checked: CheckedDocument }>();
  const scheduled = new Map<string, NodeJS.Immediate>();

  // The files of the workspace that are not open: parsed once, kept fresh by file events.
  const workspaceIndex = createWorkspaceIndex({
    outline: (text) => service.outlineOfText(text),
    symbolKind: (kind) => SYMBOL_KINDS[kind],
    log: (line) => connection.console.warn(line),
  });
  /** Reads what the index has queued in slices between other messages, so a keystroke never waits on the workspace. */
  let indexing: NodeJS.Immediate | undefined;
  function indexInBackground(): void {
    if (indexing) return;
    indexing = setImmediate(() => {
      indexing = undefined;
      if (workspaceIndex.work(performance.now() + WORKSPACE_SLICE_MS)) indexInBackground();
    });
  }

  /** The analysis of a document's latest version with its diagnostics under the current rules. */
  function analysisOf(document: TextDocument): CheckedDocument {
    const cached = checkedCache.get(document.uri);
    if (cached && cached.version === document.version) return cached.checked;
    const snapshot = host.snapshot(document.uri) ?? host.open(document.uri, document.getText(), document.version);
    const analysis = snapshot.analysis();
    const checked = { ...analysis, diagnostics: host.diagnostics(analysis) };
    checkedCache.set(document.uri, { version: document.version, checked });
    return checked;
  }

  function setRules(rules: Settings['rules']): void {
    host.setRules(rules);
    checkedCache.clear();
  }

  /**
   * Runs a handler on a document; a failure is logged and answered with `empty`. A document that
   * is not open is answered with `empty` too; an error the handler means the client to see (a
   * ResponseError) goes to the client.
   */
  function guarded<R>(uri: string, empty: R, handler: (document: TextDocument, analysis: CheckedDocument) => R): R {
    const document = documents.get(uri);
    if (!document) return empty;
    try {
      return handler(document, analysisOf(document));
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      connection.console.error(`trial: request on ${uri} failed: ${(error as Error)?.stack ?? String(error)}`);
      return empty;
    }
  }

  function toDiagnostics(document: TextDocument, analysis: CheckedDocument): LspDiagnostic[] {
    return analysis.diagnostics.map((d) => ({
      range: toRange(document, d),
      severity: SEVERITIES[d.severity],
      code: d.code,
      codeDescription: docsUrl ? { href: `${docsUrl}#${codeAnchor(d.code)}` } : undefined,
      source: 'trial',
      message: d.message,
      relatedInformation: d.related?.map((r) => ({ location: { uri: document.uri, range: toRange(document, r) }, message: r.message })),
    }));
  }

  /** Publishes diagnostics for the document's latest version; work for an older version is dropped. */
  function schedule(document: TextDocument): void {
    const pending = scheduled.get(document.uri);
    if (pending) clearImmediate(pending);
    scheduled.set(
      document.uri,
      setImmediate(() => {
        scheduled.delete(document.uri);
        const current = documents.get(document.uri);
        if (!current) return;
        try {
          const analysis = analysisOf(current);
          void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics: toDiagnostics(current, analysis) });
        } catch (error) {
          connection.console.error(`trial: checking ${current.uri} failed: ${(error as Error)?.stack ?? String(error)}`);
        }
      }),
    );
  }

  async function refreshSettings(): Promise<void> {
    const before = JSON.stringify(settings);
    if (configurationSupported) {
      try {
        settings = readSettings(await connection.workspace.getConfiguration('trial'));
      } catch (error) {
        connection.console.error(`trial: reading settings failed: ${String(error)}`);
      }
    }
    // Unchanged settings leave the published diagnostics as they are; new rules re-publish
    // without re-analysing.
    if (JSON.stringify(settings) === before) return;
    setRules(settings.rules);
    for (const document of documents.values()) schedule(document);
  }

  let clientCommands = new Set<string>();
  let fileEventsRegistrable = false;
  connection.onInitialize((params): InitializeResult => {
    const listed = (params.initializationOptions as { clientCommands?: unknown } | undefined)?.clientCommands;
    clientCommands = new Set(Array.isArray(listed) ? listed.filter((command): command is string => typeof command === 'string') : []);
    configurationSupported = params.capabilities.workspace?.configuration === true;
    fileEventsRegistrable = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    workspaceIndex.setFolders(
      (params.workspaceFolders ?? []).flatMap((folder) =>
        typeof folder?.uri === 'string' && folder.uri.startsWith('file:') ? [fileURLToPath(folder.uri)] : [],
      ),
    );
    const initial = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    if (initial) {
      settings = readSettings(initial);
      setRules(settings.rules);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', '>', '<', '='], resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        renameProvider: { prepareProvider: true },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        codeLensProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }, full: { delta: true }, range: true },
        inlayHintProvider: true,
      },
      serverInfo: { name: 'trial-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (configurationSupported) void refreshSettings();
    if (fileEventsRegistrable) {
      // With file events the index trusts what it read until an event says otherwise; without, each request looks at sizes and times.
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.trial' }] }).then(
        () => workspaceIndex.setWatching(true),
        (error: unknown) =>
          connection.console.warn(
            `trial: the client refused to watch *.trial files (${String(error)}); workspace symbols look at each file's size and time instead`,
          ),
      );
    }
    indexInBackground();
  });
  connection.onDidChangeConfiguration((change) => {
    if (!configurationSupported) {
      settings = readSettings((change.settings as { trial?: unknown } | undefined)?.trial);
      setRules(settings.rules);
      for (const document of documents.values()) schedule(document);
      return;
    }
    void refreshSettings();
  });

  connection.onDidOpenTextDocument(({ textDocument }) => {
    const document = TextDocument.create(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
    documents.set(document.uri, document);
    host.open(document.uri, textDocument.text, textDocument.version);
    schedule(document);
  });
  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    let document = documents.get(textDocument.uri);
    if (!document) return;
    // Each change applies to the text the previous one left: offsets are taken change by change.
    const edits: DocumentEdit[] = [];
    for (const change of contentChanges) {
      if ('range' in change) {
        const start = document.offsetAt(change.range.start);
        edits.push({ offset: start, length: Math.max(0, document.offsetAt(change.range.end) - start), newText: change.text });
      } else {
        edits.push({ offset: 0, length: document.getText().length, newText: change.text });
      }
      document = TextDocument.update(document, [change], textDocument.version);
    }
    documents.set(document.uri, document);
    host.applyChange(document.uri, edits, textDocument.version);
    schedule(document);
  });
  connection.onDidCloseTextDocument(({ textDocument }) => {
    documents.delete(textDocument.uri);
    host.close(textDocument.uri);
    checkedCache.delete(textDocument.uri);
    sentTokens.delete(textDocument.uri);
    void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  });

  connection.onHover((params) => {
    const { uri, position } = positionParams(params);
    return guarded(uri, null, (document, analysis) => {
      const result = service.hover(analysis, document.offsetAt(position), settings);
      return result ? { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: toRange(document, result) } : null;
    });
  });

  connection.onCompletion((params) => {
    const { uri, position } = positionParams(params);
    return guarded(uri, [] as CompletionItem[], (document, analysis) => {
      const { items, replace } = service.complete(analysis, document.offsetAt(position));
      const range = toRange(document, replace);
      return items.map((item): CompletionItem => ({
        label: item.label,
        kind: COMPLETION_KINDS[item.kind],
        detail: item.detail,
        documentation: item.documentation ? { kind: MarkupKind.Markdown, value: item.documentation } : undefined,
        sortText: item.sortText,
        insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range, newText: item.insertText ?? item.label },
        command: item.retrigger && clientCommands.has(SUGGEST_COMMAND) ? { title: 'Suggest', command: SUGGEST_COMMAND } : undefined,
      }));
    });
  });

  connection.onDefinition((params) => {
    const { uri, position } = positionParams(params);
    return guarded(uri, null, (document, analysis) => {
      const span = service.definition(analysis, document.offsetAt(position));
      return span ? { uri: document.uri, range: toRange(document, span) } : null;
    });
  });

  connection.onReferences((params) => {
    const { uri, position } = positionParams(params);
    const includeDeclaration = (params as { context?: { includeDeclaration?: unknown } }).context?.includeDeclaration === true;
    return guarded(uri, [], (document, analysis) =>
      service.references(analysis, document.offsetAt(position), { includeDeclaration }).map((span) => ({ uri: document.uri, range: toRange(document, span) })),
    );
  });

  connection.onDocumentHighlight((params) => {
    const { uri, position } = positionParams(params);
    return guarded(uri, [], (document, analysis) =>
      service
        .highlights(analysis, document.offsetAt(position))
        .map((h) => ({ range: toRange(document, h.span), kind: h.write ? DocumentHighlightKind.Write : DocumentHighlightKind.Read })),
    );
  });

  connection.onPrepareRename((params) => {
    const { uri, position } = positionParams(params);
    return guarded(uri, null, (document, analysis) => {
      const target = service.prepareRename(analysis, document.offsetAt(position));
      return target ? { range: toRange(document, target.span), placeholder: target.placeholder } : null;
    });
  });

  connection.onRenameRequest((params) => {
    const { uri, position } = positionParams(params);
    const newName: unknown = (params as { newName?: unknown }).newName;
    if (typeof newName !== 'string') throw invalidParams(`newName must be a string, not ${shown(newName)}`);
    const document = documents.get(uri);
    if (!document) return null;
    const result = guarded(uri, undefined, (doc, analysis) => service.rename(analysis, doc.offsetAt(position), newName));
    if (!result) return null;
    // A refused rename is an error the user must see, not an empty edit.
    if ('error' in result) throw new Error(result.error);
    return { changes: { [document.uri]: toEdits(document, result.edits) } };
  });

  const toSymbol = (lines: LineIndex, symbol: OutlineSymbol): DocumentSymbol => {
    const range = (span: Span): Range => ({ start: lines.position(span.offset), end: lines.position(span.offset + span.length) });
    return {
      name: symbol.name,
      ...(symbol.detail !== undefined ? { detail: symbol.detail } : {}),
      kind: SYMBOL_KINDS[symbol.kind],
      range: range(symbol.span),
      selectionRange: range(symbol.selection),
      ...(symbol.children.length ? { children: symbol.children.map((child) => toSymbol(lines, child)) } : {}),
    };
  };

  /** A symbol and its children moved `lines` lines down (up when negative). */
  const movedSymbol = (symbol: DocumentSymbol, lines: number): DocumentSymbol => {
    const range = ({ start, end }: Range): Range => ({
      start: { line: start.line + lines, character: start.character },
      end: { line: end.line + lines, character: end.character },
    });
    return {
      ...symbol,
      range: range(symbol.range),
      selectionRange: range(symbol.selectionRange),
      ...(symbol.children ? { children: symbol.children.map((child) => movedSymbol(child, lines)) } : {}),
    };
  };

  /** Each top-level item's symbols as sent: kept while the item starts at the same column, moved by the lines it moved. */
  const itemSymbols = keptPerItem<Position, readonly DocumentSymbol[]>(samePosition, (symbols, from, to) =>
    from.character === to.character ? symbols.map((symbol) => movedSymbol(symbol, to.line - from.line)) : undefined,
  );

  connection.onDocumentSymbol((params) =>
    guarded(documentUri(params), [], (_document, analysis) => {
      const lines = lineIndexOf(analysis);
      const symbols: DocumentSymbol[] = [];
      for (const item of analysis.parse.tree.items) {
        const kept = itemSymbols.of(item, lines.position(item.offset), () => service.itemOutline(analysis, item).map((symbol) => toSymbol(lines, symbol)));
        for (const symbol of kept) symbols.push(symbol);
      }
      return symbols;
    }),
  );

  connection.onWorkspaceSymbol((params) => {
    const query: unknown = (params as { query?: unknown } | null | undefined)?.query;
    if (typeof query !== 'string') throw invalidParams(`query must be a string, not ${shown(query)}`);
    const lower = query.toLowerCase();
    const results: WorkspaceSymbol[] = [];
    for (const document of documents.values()) {
      try {
        const visit = (symbol: OutlineSymbol, container?: string) => {
          if (symbol.kind !== 'criterion' && symbol.name.toLowerCase().includes(lower)) {
            results.push({
              name: symbol.name,
              kind: SYMBOL_KINDS[symbol.kind],
              containerName: container,
              location: { uri: document.uri, range: toRange(document, symbol.selection) },
            });
          }
          for (const child of symbol.children) visit(child, symbol.name);
        };
        for (const symbol of service.outline(analysisOf(document))) visit(symbol);
      } catch (error) {
        connection.console.error(`trial: workspace symbols of ${document.uri} failed: ${(error as Error)?.stack ?? String(error)}`);
      }
    }
    try {
      results.push(...workspaceIndex.symbols(lower, (uri) => documents.has(uri), performance.now() + WORKSPACE_REQUEST_BUDGET_MS));
    } catch (error) {
      connection.console.error(`trial: workspace symbols failed: ${(error as Error)?.stack ?? String(error)}`);
    }
    indexInBackground();
    return results.slice(0, 1000);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const kinds = { [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted' } as const;
    for (const change of changes ?? []) {
      const kind = kinds[change.type];
      if (kind && typeof change.uri === 'string') workspaceIndex.fileChanged(change.uri, kind);
    }
    indexInBackground();
  });

  connection.onDocumentFormatting((params) => guarded(documentUri(params), [], (document, analysis) => toEdits(document, service.formatDocument(analysis))));
  connection.onDocumentRangeFormatting((params) => {
    const uri = documentUri(params);
    const range = validRange(params.range, 'range');
    return guarded(uri, [], (document, analysis) => toEdits(document, service.formatRange(analysis, toSpan(document, range))));
  });

  connection.onCodeAction((params) => {
    const uri = documentUri(params);
    const range = validRange(params.range, 'range');
    const requested: unknown = (params as { context?: { only?: unknown } }).context?.only;
    const only = Array.isArray(requested) ? requested.filter((kind): kind is string => typeof kind === 'string') : undefined;
    return guarded(uri, [] as CodeAction[], (document, analysis) => {
      const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
      const actions: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) {
        const diagnostics = toDiagnostics(document, analysis);
        for (const action of service.quickFixes(analysis, toSpan(document, range))) {
          const index = analysis.diagnostics.indexOf(action.diagnostic!);
          actions.push({
            title: action.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: index >= 0 ? [diagnostics[index]] : [],
            isPreferred: action.preferred,
            edit: { changes: { [document.uri]: toEdits(document, action.edits) } },
          });
        }
      }
      if (wants(FIX_ALL_KIND)) {
        const all = service.fixAll(analysis);
        if (all) actions.push({ title: all.title, kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: toEdits(document, all.edits) } } });
      }
      return actions;
    });
  });

  connection.onFoldingRanges((params) =>
    guarded(documentUri(params), [], (document, analysis) =>
      service.foldingRanges(analysis).flatMap((range) => {
        const start = document.positionAt(range.startOffset).line;
        const end = document.positionAt(range.endOffset).line;
        if (end <= start) return [];
        // Keep the closing brace's line visible: fold to the line before it.
        const endLine = range.kind ? end : end - 1;
        return endLine > start
          ? [
              {
                startLine: start,
                endLine,
                kind: range.kind === 'comment' ? FoldingRangeKind.Comment : range.kind === 'region' ? FoldingRangeKind.Region : undefined,
              },
            ]
          : [];
      }),
    ),
  );

  connection.onSelectionRanges((params) => {
    const uri = documentUri(params);
    const given: unknown = (params as { positions?: unknown }).positions;
    if (!Array.isArray(given)) throw invalidParams(`positions must be an array of positions, not ${shown(given)}`);
    const positions = given.map((position, i) => validPosition(position, `positions[${i}]`));
    return guarded(uri, [], (document, analysis) => {
      const offsets = positions.map((position) => document.offsetAt(position));
      return service.selectionRanges(analysis, offsets).map((spans, i) => {
        type Selection = { range: Range; parent?: Selection };
        let result: Selection | undefined;
        for (const span of [...spans].reverse()) result = { range: toRange(document, span), parent: result };
        return result ?? { range: { start: positions[i], end: positions[i] } };
      });
    });
  });

  /** The line starts of an analysed version, found once. */
  const lineIndexes = kept<CheckedDocument['parse'], LineIndex>('lineIndexes');
  function lineIndexOf(analysis: CheckedDocument): LineIndex {
    return lineIndexes.of(analysis.parse, () => createLineIndex(analysis.text));
  }

  /**
   * Tokens at absolute LSP positions, five integers a token: line, character, length, type and
   * modifier bits. LSP tokens lie on one line: a multi-line block comment is given line by line.
   */
  function absoluteTokens(lines: LineIndex, tokens: readonly SemanticToken[]): Int32Array {
    let data = new Int32Array(5 * tokens.length);
    let n = 0;
    const put = (line: number, character: number, length: number, type: number, modifiers: number) => {
      if (n + 5 > data.length) {
        const grown = new Int32Array(2 * data.length + 5);
        grown.set(data);
        data = grown;
      }
      data[n++] = line;
      data[n++] = character;
      data[n++] = length;
      data[n++] = type;
      data[n++] = modifiers;
    };
    // Tokens come in source order: positions are found walking forward through the lines.
    const positionAt = lines.cursor();
    for (const token of tokens) {
      let modifiers = 0;
      for (const modifier of token.modifiers) modifiers |= 1 << TOKEN_MODIFIERS.indexOf(modifier);
      const type = TOKEN_TYPES.indexOf(token.type);
      const start = positionAt(token.offset);
      const end = positionAt(token.offset + token.length);
      if (start.line === end.line) {
        if (end.character > start.character) put(start.line, start.character, end.character - start.character, type, modifiers);
        continue;
      }
      for (let line = start.line; line <= end.line; line++) {
        const from = line === start.line ? start.character : 0;
        const to = line === end.line ? end.character : lines.lineLength(line);
        if (to > from) put(line, from, to - from, type, modifiers);
      }
    }
    return data.subarray(0, n);
  }

  /**
   * Each top-level item's tokens at absolute positions, and the line they were found at: kept
   * while the item starts at the same column; the encoding adds the lines the item has moved
   * since, so that a move copies nothing.
   */
  const itemTokens = keptPerItem<Position, { readonly line: number; readonly data: Int32Array }>(samePosition, (kept, from, to) =>
    from.character === to.character ? kept : undefined,
  );

  /**
   * A document's semantic tokens (those on the lines of `range`, or all) in LSP's encoding: five
   * integers a token, line and start relative to the token before.
   */
  function encodeTokens(analysis: CheckedDocument, range?: Range): Int32Array {
    const lines = lineIndexOf(analysis);
    const parts: { data: Int32Array; lines: number }[] = [];
    let count = 0;
    for (const group of service.semanticTokenGroups(analysis)) {
      let part: { data: Int32Array; lines: number };
      if (group.item) {
        const at = lines.position(group.item.offset);
        const kept = itemTokens.of(group.item, at, () => ({ line: at.line, data: absoluteTokens(lines, group.tokens()) }));
        part = { data: kept.data, lines: at.line - kept.line };
      } else part = { data: absoluteTokens(lines, group.tokens()), lines: 0 };
      parts.push(part);
      count += part.data.length;
    }
    const encoded = new Int32Array(count);
    let n = 0;
    let previousLine = 0;
    let previousCharacter = 0;
    for (const { data, lines: moved } of parts) {
      for (let i = 0; i < data.length; i += 5) {
        const line = data[i] + moved;
        const character = data[i + 1];
        if (range && (line < range.start.line || line > range.end.line)) continue;
        if (range && line === range.end.line && character >= range.end.character) continue;
        if (range && line === range.start.line && character + data[i + 2] <= range.start.character) continue;
        encoded[n++] = line - previousLine;
        encoded[n++] = line === previousLine ? character - previousCharacter : character;
        encoded[n++] = data[i + 2];
        encoded[n++] = data[i + 3];
        encoded[n++] = data[i + 4];
        previousLine = line;
        previousCharacter = character;
      }
    }
    return encoded.subarray(0, n);
  }

  /** Integers as the plain array LSP's JSON carries. */
  function toArray(data: Int32Array, from = 0, to = data.length): number[] {
    const out = new Array<number>(to - from);
    for (let i = from; i < to; i++) out[i - from] = data[i];
    return out;
  }

  /**
   * The last full token set sent for each open document, so that the next request after an edit
   * may send only what changed (semanticTokens/full/delta): a keystroke re-sends a few integers,
   * not every token of the file.
   */
  const sentTokens = new Map<string, { resultId: string; data: Int32Array }>();
  let tokenResults = 0;

  function nextTokens(document: TextDocument, analysis: CheckedDocument): { resultId: string; data: Int32Array } {
    const data = encodeTokens(analysis);
    const resultId = String(++tokenResults);
    sentTokens.set(document.uri, { resultId, data });
    return { resultId, data };
  }

  connection.languages.semanticTokens.on((params) =>
    guarded(documentUri(params), { data: [] } as SemanticTokens, (document, analysis): SemanticTokens => {
      const { resultId, data } = nextTokens(document, analysis);
      return { resultId, data: toArray(data) };
    }),
  );

  connection.languages.semanticTokens.onDelta((params) =>
    guarded(documentUri(params), { edits: [] } as SemanticTokensDelta | SemanticTokens, (document, analysis) => {
      const before = sentTokens.get(document.uri);
      const { resultId, data } = nextTokens(document, analysis);
      // The edits are against the result the client names; an unknown one (or none) gets the whole set, as the protocol allows.
      if (!before || before.resultId !== params.previousResultId) return { resultId, data: toArray(data) };
      // One edit: what lies between the common start and the common end of the two sets.
      const old = before.data;
      const shorter = Math.min(old.length, data.length);
      let start = 0;
      while (start < shorter && old[start] === data[start]) start++;
      let common = 0;
      while (common < shorter - start && old[old.length - 1 - common] === data[data.length - 1 - common]) common++;
      if (start === old.length && start === data.length) return { resultId, edits: [] };
      return { resultId, edits: [{ start, deleteCount: old.length - common - start, data: toArray(data, start, data.length - common) }] };
    }),
  );

  connection.languages.semanticTokens.onRange((params) => {
    const range = validRange(params.range, 'range');
    // A range request answers for the visible lines only and leaves the delta state alone.
    return guarded(documentUri(params), { data: [] }, (_document, analysis) => ({ data: toArray(encodeTokens(analysis, range)) }));
  });

  connection.languages.inlayHint.on((params) => {
    const uri = documentUri(params);
    const range = validRange(params.range, 'range');
    return guarded(uri, [], (document, analysis) => {
      if (!settings.inlayHints) return [];
      return service
        .inlayHints(analysis, toSpan(document, range))
        .map((hint) => ({ position: document.positionAt(hint.offset), label: hint.label, tooltip: hint.tooltip, paddingLeft: false }));
    });
  });

  connection.onCodeLens((params) =>
    guarded(documentUri(params), [] as CodeLens[], (document, analysis) =>
      service
        .codeLenses(analysis)
        .filter((lens) => lens.action !== 'preview' || clientCommands.has(PREVIEW_COMMAND))
        .map((lens) => ({
          range: toRange(document, lens),
          command: {
            title: lens.title,
            // A lens that only informs still needs a command to be shown; an empty one runs nothing.
            command: lens.action === 'preview' ? PREVIEW_COMMAND : '',
            arguments: lens.action === 'preview' ? [document.uri, lens.offset] : undefined,
          },
        })),
    ),
  );

  connection.onRequest(PREVIEW_REQUEST, (params: PreviewParams): PreviewResult | null =>
    guarded(customUri(params), null, (document, analysis) => ({
      uri: document.uri,
      version: document.version,
      title: analysis.protocol.trial?.nctId ?? path.basename(document.uri),
      body: service.previewBody(analysis),
    })),
  );

  connection.onRequest(EXPORT_REQUEST, (params: ExportParams): ExportResult | null => {
    const uri = customUri(params);
    if (!EXPORT_FORMATS.includes(params.format)) throw invalidParams(`format must be one of ${EXPORT_FORMATS.join(', ')}, not ${shown(params.format)}`);
    return guarded(uri, null, (_document, analysis) => service.exportDocument(analysis, params.format));
  });

  connection.onRequest(DIFF_REQUEST, (params: DiffParams): DiffResult | null =>
    guarded(params?.uri, null, (document, analysis) => {
      if (typeof params.against?.text !== 'string') return null;
      const names = { old: String(params.against.name ?? 'other version'), new: path.basename(document.uri) };
      const diff = service.diff(service.analyze(params.against.text), analysis);
      return { title: `Compare ${names.old} ↔ ${names.new}`, body: service.diffBody(diff, names), changes: diffJson(diff).changes };
    }),
  );

  connection.onRequest(SCREEN_REQUEST, (params: ScreenParams): ScreenResult | null =>
    guarded(params?.uri, null, (document, analysis): ScreenResult | null => {
      if (typeof params.bundle !== 'string') return null;
      const name = String(params.name ?? 'the patient');
      if (params.date !== undefined && !isCalendarDate(params.date)) return { error: `the screening date must be YYYY-MM-DD, not '${String(params.date)}'` };
      let json: unknown;
      try {
        json = JSON.parse(params.bundle);
      } catch (error) {
        return { error: `${name}: is not valid JSON (${(error as Error).message})` };
      }
      try {
        const report = service.screen(analysis, json, params.date);
        const names = { protocol: path.basename(document.uri), patient: name };
        return { title: `Screen ${name}`, body: service.screenBody(report, names), ...screenJson(report) };
      } catch (error) {
        if (error instanceof PatientInputError) return { error: `${name}: ${error.message}` };
        throw error;
      }
    }),
  );

  connection.listen();
}

/**
 * Over stdio, standard output is the protocol: a stray `console.log` from any module would break
 * the next message. The connection does this re-routing itself when it opens standard input on
 * its own; with the framing guard in between, it is done here.
 */
function routeConsole(connection: Connection): void {
  const log = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = log;
  console.info = (...args: unknown[]) => connection.console.info(format(...args));
  console.debug = log;
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
}

/** The process entry: refuses a missing transport flag with one line, like the CLI. */
export function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (
    !args.some(
      (arg) => arg === '--stdio' || arg === '--node-ipc' || arg.startsWith('--socket') || arg.startsWith('--pipe') || arg.startsWith('--clientProcessId'),
    )
  ) {
    process.stderr.write(`trial-language-server: no transport given. ${USAGE}\n`);
    process.exit(2);
  }
  const gate = createLifecycleGate();
  let connection: Connection;
  if (args.includes('--stdio')) {
    // Standard input goes through the framing guard, which finds the next message after a wrong Content-Length.
    let report = (line: string): void => void process.stderr.write(`${line}\n`);
    const input = process.stdin.pipe(createFramingGuard((line) => report(line)));
    connection = createConnection(ProposedFeatures.all, input, process.stdout, gate.options);
    report = (line) => {
      process.stderr.write(`${line}\n`);
      connection.console.error(line);
    };
    routeConsole(connection);
  } else {
    connection = createConnection(ProposedFeatures.all, gate.options);
  }
  gate.install(connection);
  // A bug must not take the editor's language support down with it.
  process.on('uncaughtException', (error) => connection.console.error(`trial: uncaught: ${error?.stack ?? String(error)}`));
  startServer(connection);
}

main();
