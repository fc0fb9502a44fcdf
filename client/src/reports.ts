/**
 * The two reports the preview shows beside the live summary: **Trial: Compare with…** (the
 * active `.trial` file against another one, or against its last committed version through the
 * built-in Git extension) and **Trial: Screen a Patient…** (a FHIR R4 Bundle against the active
 * file's eligibility). The server computes both (`trial/diff`, `trial/screen`); each opens in a
 * webview built by the same page renderer as the preview, and a click on a row's link reveals the
 * clause's line, in the old or the new version. Each command returns what it showed (or why it
 * showed nothing), so the extension tests can check it.
 */

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createNonce, renderPage } from '../../server/src/summary/page';
import {
  asRevealMessage,
  DIFF_REQUEST,
  SCREEN_REQUEST,
  type DiffParams,
  type DiffResult,
  type ScreenParams,
  type ScreenResult,
} from '../../server/src/summary/preview-protocol';

const DIFF_VIEW_TYPE = 'trial.compare';
const SCREEN_VIEW_TYPE = 'trial.screen';

/** The ref of the last committed version, for `trial.compareWith`. */
export const LAST_COMMIT = 'HEAD';

/** The largest Bundle read, as the CLI's input limit: 64 MiB. */
const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

/** How long Git may take to start before the comparison gives up, in ms. */
const GIT_START_MS = 15_000;

/** What a report command did: the result it showed, or the one-line problem it showed instead. */
export type CompareOutcome = { readonly changes: DiffResult['changes']; readonly title: string } | { readonly problem: string };
export type ScreenOutcome = Extract<ScreenResult, { verdict: unknown }> | { readonly problem: string };

// ---- the built-in Git extension's API, as far as it is used (extensions/git/src/api/git.d.ts) ----

interface GitRepository {
  readonly rootUri: vscode.Uri;
  show(ref: string, path: string): Promise<string>;
}

interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** The old version to compare with: its text, the document the links reveal in, and its name. */
interface OtherVersion {
  readonly text: string;
  readonly uri: vscode.Uri;
  readonly name: string;
}

function problem(message: string, show: (message: string) => Thenable<unknown> = vscode.window.showErrorMessage): { problem: string } {
  void show(message);
  return { problem: message };
}

function activeTrialDocument(): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document?.languageId === 'trial' ? document : undefined;
}

/** Resolves when the Git API has found its repositories, or rejects after GIT_START_MS. */
function gitInitialized(api: GitApi): Promise<void> {
  if (api.state === 'initialized') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`Git did not finish starting within ${GIT_START_MS / 1000} s`));
    }, GIT_START_MS);
    const subscription = api.onDidChangeState((state) => {
      if (state !== 'initialized') return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

/** The text of `uri` at its last commit, through the built-in Git extension; or the problem, in one line. */
async function committedVersion(uri: vscode.Uri): Promise<OtherVersion | { problem: string }> {
  const name = path.basename(uri.path);
  if (uri.scheme !== 'file') return { problem: `${name} is not a file on disk, so it has no committed version.` };
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return { problem: 'Git is not available: the built-in Git extension (vscode.git) is not installed or is disabled.' };
  let api: GitApi;
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    if (!exports?.enabled) return { problem: 'Git is not available: the Git extension is disabled (setting git.enabled).' };
    api = exports.getAPI(1);
    await gitInitialized(api);
  } catch (error) {
    return { problem: `Git is not available: ${error instanceof Error ? error.message : String(error)}` };
  }
  let repository = api.getRepository(uri);
  if (!repository && api.openRepository) {
    // Files outside the workspace's repositories: ask Git for the repository holding the file's folder.
    repository = await api.openRepository(vscode.Uri.file(path.dirname(uri.fsPath))).catch(() => null);
  }
  if (!repository) return { problem: `${name} is not in a Git repository, so it has no last committed version.` };
  try {
    const text = await repository.show(LAST_COMMIT, uri.fsPath);
    return { text, uri: api.toGitUri(uri, LAST_COMMIT), name: `${name} (last commit)` };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { problem: `${name} has no committed version in ${path.basename(repository.rootUri.fsPath)} (${reason}).` };
  }
}

/** Another `.trial` file's text, as open in the editor (unsaved edits included) or on disk. */
async function otherFile(uri: vscode.Uri, current: vscode.Uri): Promise<OtherVersion | { problem: string }> {
  try {
    const document = await vscode.workspace.openTextDocument(uri);
    const name = path.basename(uri.path) === path.basename(current.path) ? vscode.workspace.asRelativePath(uri) : path.basename(uri.path);
    return { text: document.getText(), uri, name };
  } catch (error) {
    return { problem: `${path.basename(uri.path)} cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A report panel: static content from the server; its links reveal lines in the versions it was made from. */
class ReportPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private sides: { readonly old?: vscode.Uri; readonly new: vscode.Uri };

  constructor(
    readonly panel: vscode.WebviewPanel,
    sides: { readonly old?: vscode.Uri; readonly new: vscode.Uri },
    private readonly onDispose: () => void,
  ) {
    this.sides = sides;
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => void this.reveal(message)),
    );
  }

  show(title: string, body: string, sides: { readonly old?: vscode.Uri; readonly new: vscode.Uri }): void {
    this.sides = sides;
    this.panel.title = title;
    this.panel.webview.html = renderPage(body, { nonce: createNonce(), title, cspSource: this.panel.webview.cspSource });
    this.panel.reveal(undefined, true);
  }

  /** Handles a message of the page: a link's reveal opens its version at its offset. */
  async reveal(message: unknown): Promise<vscode.TextEditor | undefined> {
    const reveal = asRevealMessage(message);
    if (!reveal) return undefined;
    const uri = reveal.side === 'old' ? this.sides.old : this.sides.new;
    if (!uri) return undefined;
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const position = document.positionAt(reveal.offset);
      const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
      return await vscode.window.showTextDocument(document, {
        viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
        selection: new vscode.Range(position, position),
        preview: reveal.side === 'old',
      });
    } catch (error) {
      void vscode.window.showErrorMessage(`Cannot open ${path.basename(uri.path)}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

/** What the extension tests reach of the reports: the handling of a page's message, as a click on a link sends it. */
export interface ReportsApi {
  /** Handles `message` as the open comparison's (`compare`) or screening's (`screen`) page would send it; resolves with the editor revealed. */
  reveal(report: 'compare' | 'screen', message: unknown): Promise<vscode.TextEditor | undefined>;
}

/** Registers Trial: Compare with… and Trial: Screen a Patient…. */
export function registerReports(context: vscode.ExtensionContext, client: LanguageClient): ReportsApi {
  const panels = new Map<string, ReportPanel>();

  const showReport = (viewType: string, title: string, body: string, sides: { readonly old?: vscode.Uri; readonly new: vscode.Uri }) => {
    let report = panels.get(viewType);
    if (!report) {
      const panel = vscode.window.createWebviewPanel(
        viewType,
        title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        // Scripts run only with the page's nonce; the page loads nothing from disk or network.
        { enableScripts: true, localResourceRoots: [] },
      );
      report = new ReportPanel(panel, sides, () => panels.delete(viewType));
      panels.set(viewType, report);
    }
    report.show(title, body, sides);
  };

  /** Compares the active file (the new version) with another file or, given `HEAD`, its last commit; without an argument, asks which. */
  const compareWith = async (target?: vscode.Uri | string): Promise<CompareOutcome> => {
    const document = activeTrialDocument();
    if (!document) return problem('Open a .trial file to compare it.', vscode.window.showInformationMessage);
    let choice = target;
    if (choice === undefined) {
      const picked = await vscode.window.showQuickPick(
        [
          { label: 'Another .trial file…', description: 'pick the old version', value: 'file' as const },
          { label: 'Last committed version', description: 'HEAD, through Git', value: LAST_COMMIT },
        ],
        { placeHolder: `Compare ${path.basename(document.uri.path)} with…` },
      );
      if (!picked) return { problem: 'cancelled' };
      if (picked.value === LAST_COMMIT) choice = LAST_COMMIT;
      else {
        const files = await vscode.window.showOpenDialog({
          canSelectMany: false,
          defaultUri: vscode.Uri.joinPath(document.uri, '..'),
          filters: { 'Trial protocols': ['trial'] },
          openLabel: 'Compare',
        });
        if (!files?.[0]) return { problem: 'cancelled' };
        choice = files[0];
      }
    }
    const other =
      choice === LAST_COMMIT
        ? await committedVersion(document.uri)
        : typeof choice === 'string'
          ? { problem: `Unknown version '${choice}'.` }
          : await otherFile(choice, document.uri);
    if ('problem' in other) return problem(other.problem);
    const params: DiffParams = { uri: document.uri.toString(), against: { text: other.text, name: other.name } };
    let result: DiffResult | null;
    try {
      await client.start().catch(() => undefined);
      result = await client.sendRequest<DiffResult | null>(DIFF_REQUEST, params);
    } catch (error) {
      return problem(`The comparison failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!result) return problem('The language server did not compare the files (see the output channel "Trial Protocol Language").');
    showReport(DIFF_VIEW_TYPE, result.title, result.body, { old: other.uri, new: document.uri });
    return { changes: result.changes, title: result.title };
  };

  /** Screens a patient Bundle (a JSON file; asked for when not given) against the active file, at `date` (default today). */
  const screenPatient = async (bundle?: vscode.Uri, date?: string): Promise<ScreenOutcome> => {
    const document = activeTrialDocument();
    if (!document) return problem('Open a .trial file to screen a patient against it.', vscode.window.showInformationMessage);
    let uri = bundle;
    if (!uri) {
      const files = await vscode.window.showOpenDialog({
        canSelectMany: false,
        filters: { 'FHIR R4 Bundle (JSON)': ['json'] },
        openLabel: 'Screen',
      });
      if (!files?.[0]) return { problem: 'cancelled' };
      uri = files[0];
    }
    const name = path.basename(uri.path);
    let text: string;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_BUNDLE_BYTES) return problem(`${name} is over the ${MAX_BUNDLE_BYTES / 1024 / 1024} MiB input limit.`);
      text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      return problem(`${name} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    const params: ScreenParams = { uri: document.uri.toString(), bundle: text, name, ...(date ? { date } : {}) };
    let result: ScreenResult | null;
    try {
      await client.start().catch(() => undefined);
      result = await client.sendRequest<ScreenResult | null>(SCREEN_REQUEST, params);
    } catch (error) {
      return problem(`The screening failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!result) return problem('The language server did not screen the patient (see the output channel "Trial Protocol Language").');
    if ('error' in result) return problem(result.error);
    showReport(SCREEN_VIEW_TYPE, result.title, result.body, { new: document.uri });
    return result;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('trial.compareWith', compareWith),
    vscode.commands.registerCommand('trial.screenPatient', screenPatient),
    { dispose: () => [...panels.values()].forEach((report) => report.dispose()) },
  );
  return {
    reveal: async (report, message) => panels.get(report === 'compare' ? DIFF_VIEW_TYPE : SCREEN_VIEW_TYPE)?.reveal(message),
  };
}
