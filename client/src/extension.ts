/**
 * The VS Code extension: starts the Trial Protocol language server (bundled as dist/server.js)
 * and connects it to `trial` documents. Wiring only; every language feature lives in the server.
 * The extension adds what only an editor has: the preview, the status bar item, and code links
 * that open the rule's documentation.
 */

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerPreview } from './preview';
import { registerReports, type ReportsApi } from './reports';
import { registerRuleDocumentation, withRuleLink } from './rules';
import { registerStatus } from './status';

/** What `activate` returns, for the extension tests: the running language client, the report panels' link handling, and what the extension logged. */
export interface TrialExtensionApi {
  readonly client: LanguageClient;
  readonly reports: ReportsApi;
  /** The text written to the extension's output channel since activation (its last megabyte). */
  outputText(): string;
}

const CLIENT_ID = 'trial';
const CLIENT_NAME = 'Trial Protocol Language';

/**
 * Client commands the server may attach to its results (see server.ts): the "Preview" code lens
 * and asking for completion again after a keyword whose next word has completions.
 */
const CLIENT_COMMANDS = ['trial.showPreview', 'editor.action.triggerSuggest'];

/** How much of the output channel `outputText` keeps. */
const RECORDED_OUTPUT_LIMIT = 1 << 20;

let client: LanguageClient | undefined;

/** The message vscode-languageclient 9 logs as an error whenever the server process ends, a normal exit included. */
const NORMAL_EXIT = 'Server process exited with code 0.';

/**
 * The language client, except that the server's normal exit (code 0, which it gives only after
 * shutdown and exit: a restart, or VS Code closing) is logged as information rather than as
 * an `[Error]`. Any other exit code or a signal is still an error.
 */
class TrialLanguageClient extends LanguageClient {
  override error(message: string, data?: unknown, showNotification?: boolean | 'force'): void {
    if (message === NORMAL_EXIT) this.info(message, data, false);
    else super.error(message, data, showNotification);
  }
}

/** An output channel that also keeps what is written to it, so that a test can read the log. */
function recordingChannel(channel: vscode.OutputChannel): { channel: vscode.OutputChannel; text(): string } {
  let recorded = '';
  const record = (value: string) => {
    recorded = (recorded + value).slice(-RECORDED_OUTPUT_LIMIT);
  };
  const recording: vscode.OutputChannel = {
    name: channel.name,
    append(value) {
      record(value);
      channel.append(value);
    },
    appendLine(value) {
      record(`${value}\n`);
      channel.appendLine(value);
    },
    replace(value) {
      recorded = '';
      record(value);
      channel.replace(value);
    },
    clear() {
      recorded = '';
      channel.clear();
    },
    show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean) {
      if (typeof columnOrPreserveFocus === 'boolean') channel.show(columnOrPreserveFocus);
      else channel.show(columnOrPreserveFocus, preserveFocus);
    },
    hide: () => channel.hide(),
    dispose: () => channel.dispose(),
  };
  return { channel: recording, text: () => recorded };
}

/** Starts the language server and registers the extension's commands, preview, status item and rule documentation. */
export async function activate(context: vscode.ExtensionContext): Promise<TrialExtensionApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // TransportKind.ipc makes the client pass `--node-ipc` to the server.
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = recordingChannel(vscode.window.createOutputChannel(CLIENT_NAME));
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'trial' },
      { scheme: 'untitled', language: 'trial' },
    ],
    synchronize: { configurationSection: 'trial' },
    outputChannel: output.channel,
    initializationOptions: { clientCommands: CLIENT_COMMANDS },
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(withRuleLink)),
    },
  };
  // The client id `trial` makes the client read the `trial.trace.server` setting.
  const languageClient = new TrialLanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client = languageClient;
  context.subscriptions.push(
    output.channel,
    vscode.commands.registerCommand('trial.restartServer', () => languageClient.restart()),
  );
  registerPreview(context, languageClient);
  const reports = registerReports(context, languageClient);
  registerRuleDocumentation(context);
  registerStatus(context, languageClient);
  try {
    await languageClient.start();
  } catch (error) {
    // The client has already shown the failure; activation still succeeds so that the restart
    // command stays available once the cause (a broken build, a crash at startup) is fixed.
    output.channel.appendLine(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { client: languageClient, reports, outputText: output.text };
}

/** Stops the language server when VS Code unloads the extension. */
export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.needsStop()) await running.stop();
}
