/**
 * The live preview of a `.trial` document, beside it or in its place, as Markdown's preview
 * works: it follows the active `.trial` editor, updates shortly after each keystroke (by a
 * message, so the page keeps its scroll position), and a click on a row or timeline mark reveals
 * its line. The content comes from the language server (`trial/preview`); the page shell, its
 * Content-Security-Policy and nonce come from the same renderer the CLI uses.
 */

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createNonce, renderPage } from '../../server/src/summary/page';
import {
  asRevealMessage,
  EXPORT_REQUEST,
  PREVIEW_DEBOUNCE_MS,
  PREVIEW_REQUEST,
  updateMessage,
  type ExportParams,
  type ExportResult,
  type PreviewResult,
} from '../../server/src/summary/preview-protocol';

const VIEW_TYPE = 'trial.preview';

function isTrial(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
  return document?.languageId === 'trial';
}

/** One preview panel that follows the active `.trial` editor. */
class Preview implements vscode.Disposable {
  private document: vscode.TextDocument;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private rendered = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    document: vscode.TextDocument,
    private readonly client: LanguageClient,
    private readonly onDispose: () => void,
  ) {
    this.document = document;
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.reveal(message)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isTrial(editor.document) && editor.document !== this.document) this.show(editor.document);
      }),
    );
    void this.refresh();
  }

  /** Shows another document; its page starts afresh. */
  show(document: vscode.TextDocument): void {
    this.document = document;
    this.rendered = false;
    void this.refresh();
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
    this.panel.webview.html = renderPage(result.body, { nonce: createNonce(), title: result.title, cspSource: this.panel.webview.cspSource });
    this.rendered = true;
  }

  private reveal(message: unknown): void {
    const reveal = asRevealMessage(message);
    if (!reveal) return;
    const document = this.document;
    const position = document.positionAt(reveal.offset);
    const visible = vscode.window.visibleTextEditors.find((editor) => editor.document === document);
    void vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      selection: new vscode.Range(position, position),
    });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

/** Registers the preview and export commands. */
export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient): void {
  let preview: Preview | undefined;

  const open = (toSide: boolean) => {
    const document = vscode.window.activeTextEditor?.document;
    if (!isTrial(document)) {
      void vscode.window.showInformationMessage('Open a .trial file to preview it.');
      return;
    }
    const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
    if (preview) {
      preview.show(document);
      preview.panel.reveal(column, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      `Preview ${path.basename(document.uri.path)}`,
      { viewColumn: column, preserveFocus: true },
      // Scripts run only with the page's nonce; the page loads nothing from disk or network.
      { enableScripts: true, localResourceRoots: [] },
    );
    preview = new Preview(panel, document, client, () => (preview = undefined));
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

  context.subscriptions.push(
    vscode.commands.registerCommand('trial.openPreview', () => open(false)),
    vscode.commands.registerCommand('trial.openPreviewToSide', () => open(true)),
    vscode.commands.registerCommand('trial.exportCtgov', () => exportAs('ctgov')),
    vscode.commands.registerCommand('trial.exportUsdm', () => exportAs('usdm')),
    vscode.commands.registerCommand('trial.exportMarkdown', () => exportAs('markdown')),
    { dispose: () => preview?.dispose() },
  );
}
