/**
 * The status bar item of a `.trial` editor: the errors and warnings of the file, the state of the
 * language server, and a click that opens the Problems view. Shown while a `.trial` editor is
 * active, like the language's other status.
 */

import * as path from 'node:path';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';

/** What the item says, computed from the counts and the server's state; exported for the tests. */
export function statusText(
  state: 'starting' | 'running' | 'stopped',
  counts: { readonly errors: number; readonly warnings: number },
): { text: string; label: string } {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (state === 'starting') return { text: '$(sync~spin) Trial', label: 'Trial Protocol: the language server is starting' };
  if (state === 'stopped') return { text: '$(debug-disconnect) Trial', label: 'Trial Protocol: the language server is stopped' };
  const { errors, warnings } = counts;
  const text = errors === 0 && warnings === 0 ? '$(check) Trial' : `$(error) ${errors} $(warning) ${warnings} Trial`;
  return { text, label: `Trial Protocol: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}; the language server is running` };
}

/** Creates the item and keeps it current. */
export function registerStatus(context: vscode.ExtensionContext, client: LanguageClient): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('trial.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Trial Protocol';
  item.command = { title: 'Show Problems', command: 'workbench.actions.view.problems' };

  const update = () => {
    const document = vscode.window.activeTextEditor?.document;
    if (document?.languageId !== 'trial') {
      item.hide();
      return;
    }
    const state = client.state === State.Running ? 'running' : client.state === State.Starting ? 'starting' : 'stopped';
    const counts = { errors: 0, warnings: 0 };
    for (const diagnostic of vscode.languages.getDiagnostics(document.uri)) {
      if (diagnostic.source !== 'trial') continue;
      if (diagnostic.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
      else if (diagnostic.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
    }
    const { text, label } = statusText(state, counts);
    item.text = text;
    item.accessibilityInformation = { label, role: 'button' };
    const tooltip = new vscode.MarkdownString(
      `**${path.basename(document.uri.path)}**: ${label.replace(/^Trial Protocol: /, '')}.\n\nClick for the Problems view.`,
    );
    item.tooltip = tooltip;
    item.backgroundColor = state === 'stopped' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };

  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && event.uris.some((uri) => uri.toString() === active)) update();
    }),
    client.onDidChangeState(update),
  );
  update();
  return item;
}
