/**
 * The VS Code extension: starts the Trial Protocol language server (bundled as dist/server.js)
 * and connects it to `trial` documents. Wiring only; every language feature lives in the server.
 */

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerPreview } from './preview';
import { registerReports, type ReportsApi } from './reports';

/** What `activate` returns, for the extension tests: the running language client, and the report panels' link handling. */
export interface TrialExtensionApi {
  readonly client: LanguageClient;
  readonly reports: ReportsApi;
}

const CLIENT_ID = 'trial';
const CLIENT_NAME = 'Trial Protocol Language';

let client: LanguageClient | undefined;

/** Starts the language server and registers the extension's commands. */
export async function activate(context: vscode.ExtensionContext): Promise<TrialExtensionApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // TransportKind.ipc makes the client pass `--node-ipc` to the server.
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const outputChannel = vscode.window.createOutputChannel(CLIENT_NAME);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'trial' },
      { scheme: 'untitled', language: 'trial' },
    ],
    synchronize: { configurationSection: 'trial' },
    outputChannel,
  };
  // The client id `trial` makes the client read the `trial.trace.server` setting.
  const languageClient = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client = languageClient;
  context.subscriptions.push(
    outputChannel,
    vscode.commands.registerCommand('trial.restartServer', () => languageClient.restart()),
  );
  registerPreview(context, languageClient);
  const reports = registerReports(context, languageClient);
  try {
    await languageClient.start();
  } catch (error) {
    // The client has already shown the failure; activation still succeeds so that the restart
    // command stays available once the cause (a broken build, a crash at startup) is fixed.
    outputChannel.appendLine(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { client: languageClient, reports };
}

/** Stops the language server when VS Code unloads the extension. */
export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.needsStop()) await running.stop();
}
