/**
 * The language server: the thin LSP front over the language service. Each handler gets the
 * document, calls the service, and converts offsets to LSP positions (0-based, UTF-16) at this
 * edge. A handler that fails logs the error and returns an empty result: the server never dies
 * on a document. Start with `--stdio` (any LSP editor) or `--node-ipc` (the VS Code client).
 */

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { pathToFileURL, fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  DocumentHighlightKind,
  FoldingRangeKind,
  InsertTextFormat,
  MarkupKind,
  ProposedFeatures,
  SemanticTokensBuilder,
  SymbolKind,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol,
  type InitializeResult,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeAnchor, type TextEdit } from './language/codes';
import type { CompletionKind } from './features/completion';
import { DEFAULT_SETTINGS, TOKEN_MODIFIERS, TOKEN_TYPES, type Settings } from './features/legend';
import type { OutlineKind, OutlineSymbol } from './features/structure';
import type { Span } from './model/schema';
import { createProtocolHost, type DocumentEdit } from './host';
import { createProtocolService, type CheckedDocument } from './service';
import { EXPORT_REQUEST, PREVIEW_REQUEST, type ExportParams, type ExportResult, type PreviewParams, type PreviewResult } from './summary/preview-protocol';
import { DIFF_REQUEST, SCREEN_REQUEST, type DiffParams, type DiffResult, type ScreenParams, type ScreenResult } from './summary/preview-protocol';
import { diffJson } from './summary/diff-report';
import { isCalendarDate } from './summary/screen';
import { PatientInputError } from './summary/screen-fhir';
import { screenJson } from './summary/screen-report';

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

function toSpan(document: TextDocument, range: Range): Span {
  const start = document.offsetAt(range.start);
  return { offset: start, length: Math.max(0, document.offsetAt(range.end) - start) };
}

function toEdits(document: TextDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((edit) => ({ range: toRange(document, edit), newText: edit.newText }));
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
 * A full garbage collection, where V8 allows one to be asked for. Re-analysing a document on
 * every keystroke leaves garbage that V8 collects lazily, letting the heap grow far past its
 * working size; collecting once the editor is idle returns it, off the keystroke path.
 */
function fullCollection(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const collect = vm.runInNewContext('gc') as unknown;
    return typeof collect === 'function' ? (collect as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/** How long the documents must be quiet before the idle collection runs, in ms. */
const IDLE_COLLECTION_MS = 1000;

/** Starts the server on a connection. */
export function startServer(connection: Connection): void {
  const collect = fullCollection();
  let idleTimer: NodeJS.Timeout | undefined;
  const collectWhenIdle = () => {
    if (!collect) return;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(collect, IDLE_COLLECTION_MS);
    idleTimer.unref();
  };
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

  /** Runs a handler on a document; a failure is logged and answered with `empty`. */
  function guarded<R>(uri: string | undefined, empty: R, handler: (document: TextDocument, analysis: CheckedDocument) => R): R {
    const document = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!document) return empty;
    try {
      return handler(document, analysisOf(document));
    } catch (error) {
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
          collectWhenIdle();
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

  let workspaceFolders: string[] = [];
  let clientCommands = new Set<string>();
  connection.onInitialize((params): InitializeResult => {
    const listed = (params.initializationOptions as { clientCommands?: unknown } | undefined)?.clientCommands;
    clientCommands = new Set(Array.isArray(listed) ? listed.filter((command): command is string => typeof command === 'string') : []);
    configurationSupported = params.capabilities.workspace?.configuration === true;
    workspaceFolders = (params.workspaceFolders ?? []).flatMap((folder) => (folder.uri.startsWith('file:') ? [fileURLToPath(folder.uri)] : []));
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
        semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }, full: true },
        inlayHintProvider: true,
      },
      serverInfo: { name: 'trial-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (configurationSupported) void refreshSettings();
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
    void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  });

  connection.onHover((params) =>
    guarded(params.textDocument.uri, null, (document, analysis) => {
      const result = service.hover(analysis, document.offsetAt(params.position), settings);
      return result ? { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: toRange(document, result) } : null;
    }),
  );

  connection.onCompletion((params) =>
    guarded(params.textDocument.uri, [] as CompletionItem[], (document, analysis) => {
      const { items, replace } = service.complete(analysis, document.offsetAt(params.position));
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
    }),
  );

  connection.onDefinition((params) =>
    guarded(params.textDocument.uri, null, (document, analysis) => {
      const span = service.definition(analysis, document.offsetAt(params.position));
      return span ? { uri: document.uri, range: toRange(document, span) } : null;
    }),
  );

  connection.onReferences((params) =>
    guarded(params.textDocument.uri, [], (document, analysis) =>
      service
        .references(analysis, document.offsetAt(params.position), { includeDeclaration: params.context.includeDeclaration })
        .map((span) => ({ uri: document.uri, range: toRange(document, span) })),
    ),
  );

  connection.onDocumentHighlight((params) =>
    guarded(params.textDocument.uri, [], (document, analysis) =>
      service
        .highlights(analysis, document.offsetAt(params.position))
        .map((h) => ({ range: toRange(document, h.span), kind: h.write ? DocumentHighlightKind.Write : DocumentHighlightKind.Read })),
    ),
  );

  connection.onPrepareRename((params) =>
    guarded(params.textDocument.uri, null, (document, analysis) => {
      const target = service.prepareRename(analysis, document.offsetAt(params.position));
      return target ? { range: toRange(document, target.span), placeholder: target.placeholder } : null;
    }),
  );

  connection.onRenameRequest((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const result = guarded(params.textDocument.uri, undefined, (doc, analysis) => service.rename(analysis, doc.offsetAt(params.position), params.newName));
    if (!result) return null;
    // A refused rename is an error the user must see, not an empty edit.
    if ('error' in result) throw new Error(result.error);
    return { changes: { [document.uri]: toEdits(document, result.edits) } };
  });

  const toSymbol = (document: TextDocument, symbol: OutlineSymbol): DocumentSymbol => ({
    name: symbol.name,
    detail: symbol.detail,
    kind: SYMBOL_KINDS[symbol.kind],
    range: toRange(document, symbol.span),
    selectionRange: toRange(document, symbol.selection),
    children: symbol.children.map((child) => toSymbol(document, child)),
  });

  connection.onDocumentSymbol((params) =>
    guarded(params.textDocument.uri, [], (document, analysis) => service.outline(analysis).map((symbol) => toSymbol(document, symbol))),
  );

  connection.onWorkspaceSymbol((params) => {
    try {
      const query = params.query.toLowerCase();
      const results: WorkspaceSymbol[] = [];
      for (const document of workspaceDocuments()) {
        const analysis = documents.get(document.uri) ? analysisOf(document) : service.analyze(document.getText());
        const visit = (symbol: OutlineSymbol, container?: string) => {
          if (symbol.kind !== 'criterion' && symbol.name.toLowerCase().includes(query)) {
            results.push({
              name: symbol.name,
              kind: SYMBOL_KINDS[symbol.kind],
              containerName: container,
              location: { uri: document.uri, range: toRange(document, symbol.selection) },
            });
          }
          for (const child of symbol.children) visit(child, symbol.name);
        };
        for (const symbol of service.outline(analysis)) visit(symbol);
      }
      return results.slice(0, 1000);
    } catch (error) {
      connection.console.error(`trial: workspace symbols failed: ${String(error)}`);
      return [];
    }
  });

  /** The open documents, then the `.trial` files of the workspace folders that are not open. */
  function workspaceDocuments(): TextDocument[] {
    const open = [...documents.values()];
    const openUris = new Set(open.map((d) => d.uri));
    const found: TextDocument[] = [...open];
    const walk = (dir: string, depth: number) => {
      if (depth > 6 || found.length > 500) return;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'out' || entry.name === 'dist') continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full, depth + 1);
        else if (entry.name.endsWith('.trial') && statSync(full).size < 5_000_000) {
          const uri = pathToFileURL(full).href;
          if (!openUris.has(uri)) found.push(TextDocument.create(uri, 'trial', 0, readFileSync(full, 'utf8')));
        }
      }
    };
    for (const folder of workspaceFolders) {
      try {
        walk(folder, 0);
      } catch (error) {
        connection.console.error(`trial: reading ${folder} failed: ${String(error)}`);
      }
    }
    return found;
  }

  connection.onDocumentFormatting((params) =>
    guarded(params.textDocument.uri, [], (document, analysis) => toEdits(document, service.formatDocument(analysis))),
  );
  connection.onDocumentRangeFormatting((params) =>
    guarded(params.textDocument.uri, [], (document, analysis) => toEdits(document, service.formatRange(analysis, toSpan(document, params.range)))),
  );

  connection.onCodeAction((params) =>
    guarded(params.textDocument.uri, [] as CodeAction[], (document, analysis) => {
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
      const actions: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) {
        const diagnostics = toDiagnostics(document, analysis);
        for (const action of service.quickFixes(analysis, toSpan(document, params.range))) {
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
    }),
  );

  connection.onFoldingRanges((params) =>
    guarded(params.textDocument.uri, [], (document, analysis) =>
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

  connection.onSelectionRanges((params) =>
    guarded(params.textDocument.uri, [], (document, analysis) => {
      const offsets = params.positions.map((position) => document.offsetAt(position));
      return service.selectionRanges(analysis, offsets).map((spans, i) => {
        type Selection = { range: Range; parent?: Selection };
        let result: Selection | undefined;
        for (const span of [...spans].reverse()) result = { range: toRange(document, span), parent: result };
        return result ?? { range: { start: params.positions[i], end: params.positions[i] } };
      });
    }),
  );

  connection.languages.semanticTokens.on((params) =>
    guarded(params.textDocument.uri, { data: [] }, (document, analysis) => {
      const builder = new SemanticTokensBuilder();
      for (const token of service.semanticTokens(analysis)) {
        const modifiers = token.modifiers.reduce((bits, m) => bits | (1 << TOKEN_MODIFIERS.indexOf(m)), 0);
        const type = TOKEN_TYPES.indexOf(token.type);
        const start = document.positionAt(token.offset);
        const end = document.positionAt(token.offset + token.length);
        // LSP tokens lie on one line: a multi-line block comment is sent line by line.
        for (let line = start.line; line <= end.line; line++) {
          const from = line === start.line ? start.character : 0;
          const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
          const to = line === end.line ? end.character : lineText.length;
          if (to > from) builder.push(line, from, to - from, type, modifiers);
        }
      }
      return builder.build();
    }),
  );

  connection.languages.inlayHint.on((params) =>
    guarded(params.textDocument.uri, [], (document, analysis) => {
      if (!settings.inlayHints) return [];
      return service
        .inlayHints(analysis, toSpan(document, params.range))
        .map((hint) => ({ position: document.positionAt(hint.offset), label: hint.label, tooltip: hint.tooltip, paddingLeft: false }));
    }),
  );

  connection.onCodeLens((params) =>
    guarded(params.textDocument.uri, [] as CodeLens[], (document, analysis) =>
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
    guarded(params?.uri, null, (document, analysis) => ({
      uri: document.uri,
      version: document.version,
      title: analysis.protocol.trial?.nctId ?? path.basename(document.uri),
      body: service.previewBody(analysis),
    })),
  );

  connection.onRequest(EXPORT_REQUEST, (params: ExportParams): ExportResult | null =>
    guarded(params?.uri, null, (_document, analysis) => service.exportDocument(analysis, params.format)),
  );

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
  const connection = createConnection(ProposedFeatures.all);
  // A bug must not take the editor's language support down with it.
  process.on('uncaughtException', (error) => connection.console.error(`trial: uncaught: ${error?.stack ?? String(error)}`));
  startServer(connection);
}

main();
