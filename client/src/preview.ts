/**
 * The live preview of a `.trial` document, beside it or in its place, as Markdown's preview
 * works: it follows the active `.trial` editor, updates shortly after each keystroke (by a
 * message, so the page keeps its scroll position), a click on a row or timeline mark reveals its
 * line, and the editor and the preview scroll together both ways. It survives a window reload (a
 * webview serializer; the page keeps its document's URI as its state). The content comes from
 * the language server (`trial/preview`); the page shell, its Content-Security-Policy, nonce and
 * script come from the same renderer the CLI uses.
 */

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createNonce, renderPage } from '../../server/src/summary/page';
import {
  asPreviewState,
  asRevealMessage,
  asScrolledMessage,
  EXPORT_REQUEST,
  isReadyMessage,
  PREVIEW_DEBOUNCE_MS,
  PREVIEW_REQUEST,
  scrollToMessage,
  updateMessage,
  type ExportParams,
  type ExportResult,
  type PreviewResult,
  type PreviewState,
} from '../../server/src/summary/preview-protocol';

const VIEW_TYPE = 'trial.preview';

/** Scripts run only with the page's nonce; the page loads nothing from disk or network. */
const WEBVIEW_OPTIONS: vscode.WebviewOptions = { enableScripts: true, localResourceRoots: [] };

function isTrial(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
  return document?.languageId === 'trial';
}

function setting(name: 'scrollPreviewWithEditor' | 'scrollEditorWithPreview', document: vscode.TextDocument): boolean {
  return vscode.workspace.getConfiguration('trial.preview', document.uri).get<boolean>(name, true);
}

/** One preview panel that follows the active `.trial` editor. */
class Preview implements vscode.Disposable {
  private document: vscode.TextDocument;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private rendered = false;
  /** The page has loaded its script and takes messages. */
  private ready = false;
  /** Where to scroll the page once it is ready: an offset asked for before it loaded. */
  private pendingScroll: number | undefined;
  /** The editor line the preview last scrolled the editor to; the editor's echo of it is not sent back. */
  private lineRevealedFromPreview: number | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    document: vscode.TextDocument,
    private readonly client: LanguageClient,
    private readonly onDispose: () => void,
  ) {
    this.document = document;
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isTrial(editor.document) && editor.document !== this.document) this.show(editor.document);
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => this.editorScrolled(event.textEditor)),
    );
    void this.refresh();
  }

  get uri(): vscode.Uri {
    return this.document.uri;
  }

  /** Shows another document; its page starts afresh. */
  show(document: vscode.TextDocument): void {
    this.document = document;
    this.rendered = false;
    void this.refresh();
  }

  /** Scrolls the page to the element nearest `offset`, now or when the page has loaded. */
  scrollTo(offset: number): void {
    if (!this.ready) {
      this.pendingScroll = offset;
      return;
    }
    void this.panel.webview.postMessage(scrollToMessage(offset));
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), PREVIEW_DEBOUNCE_MS);
  }

  private async refresh(): Promise<void> {
    const document = this.document;
    let result: PreviewResult | null;
    try {
      await this.client.start().catch(() => undefined);
      result = await this.client.sendRequest<PreviewResult | null>(PREVIEW_REQUEST, { uri: document.uri.toString() });
    } catch (error) {
      result = null;
      this.client.outputChannel.appendLine(`Preview of ${document.uri.toString()} failed: ${String(error)}`);
    }
    if (document !== this.document || !result) return;
    this.panel.title = `Preview ${path.basename(document.uri.path)}`;
    if (this.rendered) {
      await this.panel.webview.postMessage(updateMessage(result.body));
      return;
    }
    const state: PreviewState = { uri: document.uri.toString() };
    this.ready = false;
    this.panel.webview.html = renderPage(result.body, { nonce: createNonce(), title: result.title, cspSource: this.panel.webview.cspSource, state });
    this.rendered = true;
    // A new page starts where the editor is.
    const editor = this.editorOf(document);
    if (editor && this.pendingScroll === undefined && setting('scrollPreviewWithEditor', document)) this.pendingScroll = this.topOffset(editor);
  }

  private receive(message: unknown): void {
    if (isReadyMessage(message)) {
      this.ready = true;
      const pending = this.pendingScroll;
      this.pendingScroll = undefined;
      if (pending !== undefined) this.scrollTo(pending);
      return;
    }
    const scrolled = asScrolledMessage(message);
    if (scrolled) {
      this.previewScrolled(scrolled.offset);
      return;
    }
    const reveal = asRevealMessage(message);
    if (!reveal) return;
    const document = this.document;
    const position = document.positionAt(reveal.offset);
    const visible = this.editorOf(document);
    void vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      selection: new vscode.Range(position, position),
    });
  }

  private editorOf(document: vscode.TextDocument): vscode.TextEditor | undefined {
    return vscode.window.visibleTextEditors.find((editor) => editor.document === document);
  }

  /**
   * The offset the preview scrolls to for the first line the editor shows: the end of that line,
   * so that an element starting within the line (an indented dose, a criterion after `include`)
   * is the one shown, and not the element before it.
   */
  private topOffset(editor: vscode.TextEditor): number {
    const top = editor.visibleRanges[0]?.start.line ?? 0;
    return editor.document.offsetAt(editor.document.lineAt(Math.min(top, editor.document.lineCount - 1)).range.end);
  }

  private editorScrolled(editor: vscode.TextEditor): void {
    if (editor.document !== this.document || !setting('scrollPreviewWithEditor', editor.document)) return;
    const top = editor.visibleRanges[0]?.start.line ?? 0;
    // The editor moved because the preview moved it: sending its position back would start a loop.
    if (this.lineRevealedFromPreview !== undefined) {
      const echo = top === this.lineRevealedFromPreview;
      this.lineRevealedFromPreview = undefined;
      if (echo) return;
    }
    this.scrollTo(this.topOffset(editor));
  }

  private previewScrolled(offset: number): void {
    const editor = this.editorOf(this.document);
    if (!editor || !setting('scrollEditorWithPreview', this.document)) return;
    const line = this.document.positionAt(offset).line;
    if ((editor.visibleRanges[0]?.start.line ?? 0) === line) return;
    this.lineRevealedFromPreview = line;
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

/** Registers the preview and export commands, and the serializer that restores a preview after a reload. */
export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient): void {
  let preview: Preview | undefined;

  const attach = (panel: vscode.WebviewPanel, document: vscode.TextDocument) => {
    preview = new Preview(panel, document, client, () => (preview = undefined));
    return preview;
  };

  const open = (document: vscode.TextDocument, column: vscode.ViewColumn): Preview => {
    if (preview) {
      if (preview.uri.toString() !== document.uri.toString()) preview.show(document);
      preview.panel.reveal(column, true);
      return preview;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      `Preview ${path.basename(document.uri.path)}`,
      { viewColumn: column, preserveFocus: true },
      WEBVIEW_OPTIONS,
    );
    return attach(panel, document);
  };

  const openActive = (toSide: boolean) => {
    const document = vscode.window.activeTextEditor?.document;
    if (!isTrial(document)) {
      void vscode.window.showInformationMessage('Open a .trial file to preview it.');
      return;
    }
    open(document, toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active));
  };

  /** The "Preview" code lens: the preview to the side, scrolled to the arm the lens stands over. */
  const showPreview = async (uri?: unknown, offset?: unknown) => {
    const document = typeof uri === 'string' ? await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)) : vscode.window.activeTextEditor?.document;
    if (!isTrial(document)) return;
    const shown = open(document, vscode.ViewColumn.Beside);
    if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0) shown.scrollTo(offset);
  };

  const exportAs = async (format: ExportParams['format']) => {
    const document = vscode.window.activeTextEditor?.document;
    if (!isTrial(document)) {
      void vscode.window.showInformationMessage('Open a .trial file to export it.');
      return;
    }
    const result = await client.sendRequest<ExportResult | null>(EXPORT_REQUEST, { uri: document.uri.toString(), format });
    if (!result) return;
    const exported = await vscode.workspace.openTextDocument({ content: result.text, language: result.language });
    await vscode.window.showTextDocument(exported, { viewColumn: vscode.ViewColumn.Beside });
    if (result.errors > 0) {
      void vscode.window.showWarningMessage(`${path.basename(document.uri.path)} has ${result.errors} error(s); the export leaves out what they affect.`);
    }
  };

  const serializer: vscode.WebviewPanelSerializer = {
    async deserializeWebviewPanel(panel, rawState) {
      const state = asPreviewState(rawState);
      panel.webview.options = WEBVIEW_OPTIONS;
      let document: vscode.TextDocument | undefined;
      try {
        document = state ? await vscode.workspace.openTextDocument(vscode.Uri.parse(state.uri)) : undefined;
      } catch {
        document = undefined;
      }
      if (!isTrial(document) || preview) {
        // The file is gone (or another preview was restored first): nothing to show.
        panel.dispose();
        return;
      }
      attach(panel, document);
    },
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('trial.openPreview', () => openActive(false)),
    vscode.commands.registerCommand('trial.openPreviewToSide', () => openActive(true)),
    vscode.commands.registerCommand('trial.showPreview', showPreview),
    vscode.commands.registerCommand('trial.exportCtgov', () => exportAs('ctgov')),
    vscode.commands.registerCommand('trial.exportUsdm', () => exportAs('usdm')),
    vscode.commands.registerCommand('trial.exportMarkdown', () => exportAs('markdown')),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, serializer),
    { dispose: () => preview?.dispose() },
  );
}
