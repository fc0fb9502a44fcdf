/**
 * Code links that land on the rule. The server links each diagnostic's code to its section of
 * docs/diagnostics.md (a file URL with the heading's anchor, which any LSP client can open). In
 * VS Code, opening that file shows Markdown source from its top, so the extension points the link
 * at `trial-rule:/TPL220 dose.outside-label`, which opens a read-only editor rendering that one section with VS
 * Code's own Markdown renderer (`markdown.api.render`), and a link to the whole page in the
 * Markdown preview at the rule's anchor. A custom editor is used because the hover and the
 * problem peek open a code link as a resource and never run a `command:` link.
 */

import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { findCode } from '../../server/src/language/codes';
import { escapeHtml } from '../../server/src/summary/page';

/** The scheme of a rule's documentation: `trial-rule:/TPL220`. */
export const RULE_SCHEME = 'trial-rule';
const RULE_VIEW_TYPE = 'trial.rule';

/** The anchor of a code's heading as VS Code's Markdown preview and GitHub make it: `tpl220-doseoutside-label`. */
export function ruleAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[\][!/'"#$%&()*+,./:;<=>?@\\^{|}~`]/g, '')
    .replace(/^-+|-+$/g, '');
}

/** The code's section of docs/diagnostics.md: its heading text and its Markdown, or undefined. */
export function ruleSection(docs: string, code: string): { heading: string; markdown: string } | undefined {
  for (const section of docs.split(/\n(?=## )/)) {
    const heading = /^## (.+)$/m.exec(section)?.[1];
    if (heading && heading.split(/\s/)[0] === code) return { heading: heading.replace(/`/g, ''), markdown: section.trim() };
  }
  return undefined;
}

/** The documentation URI of a code: `trial-rule:/TPL220 dose.outside-label`, whose name is the tab's label. */
export function ruleUri(code: string): vscode.Uri {
  const name = findCode(code)?.name;
  return vscode.Uri.from({ scheme: RULE_SCHEME, path: `/${code}${name ? ` ${name}` : ''}` });
}

/** Points a diagnostic's code link at its rule's documentation; other diagnostics are returned as they are. */
export function withRuleLink(diagnostic: vscode.Diagnostic): vscode.Diagnostic {
  const code = diagnostic.code;
  if (typeof code !== 'object' || typeof code.value !== 'string' || !/^TPL\d{3}$/.test(code.value)) return diagnostic;
  diagnostic.code = { value: code.value, target: ruleUri(code.value) };
  return diagnostic;
}

const STYLE = `
body { font-family: var(--vscode-markdown-font-family, var(--vscode-font-family)); font-size: var(--vscode-markdown-font-size, 14px); line-height: 1.6; padding: 0 26px; max-width: 880px; color: var(--vscode-foreground); }
code { font-family: var(--vscode-editor-font-family); font-size: 0.95em; }
pre { background: var(--vscode-textCodeBlock-background); padding: 10px 14px; overflow-x: auto; }
a { color: var(--vscode-textLink-foreground); }
.more { border-top: 1px solid var(--vscode-panel-border); margin-top: 2em; padding-top: 0.6em; color: var(--vscode-descriptionForeground); }
`;

/** Opens rule documentation: a read-only editor per code, and the command the whole page opens with. */
export function registerRuleDocumentation(context: vscode.ExtensionContext): void {
  const docsPath = context.asAbsolutePath('docs/diagnostics.md');
  const docsUri = vscode.Uri.file(docsPath);

  const provider: vscode.CustomReadonlyEditorProvider = {
    openCustomDocument: (uri) => ({ uri, dispose: () => undefined }),
    async resolveCustomEditor(document, panel) {
      const code = document.uri.path.replace(/^\//, '').split(' ')[0];
      let docs = '';
      try {
        docs = readFileSync(docsPath, 'utf8');
      } catch {
        // Shown below as a missing section.
      }
      const section = ruleSection(docs, code);
      const anchor = section ? ruleAnchor(section.heading) : '';
      const whole = docsUri.with({ fragment: anchor });
      const openWhole = `command:markdown.showPreview?${encodeURIComponent(JSON.stringify([whole.toString()]))}`;
      const body = section
        ? String(await vscode.commands.executeCommand<string>('markdown.api.render', section.markdown))
        : `<p>${escapeHtml(code)} is not listed in the documentation of this version of the extension.</p>`;
      panel.title = section ? section.heading : code;
      panel.webview.options = { enableScripts: false, enableCommandUris: ['markdown.showPreview'], localResourceRoots: [] };
      panel.webview.html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<style>${STYLE}</style><title>${escapeHtml(panel.title)}</title></head>
<body data-code="${escapeHtml(code)}" data-anchor="${escapeHtml(anchor)}">${body}
<p class="more">Every code, how to change a code's severity (the <code>trial.rules</code> setting) and how to silence one line (<code>// trial-disable-next-line ${escapeHtml(code)}</code>): <a href="${escapeHtml(openWhole)}">all diagnostic codes</a>.</p>
</body></html>`;
    },
  };

  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(RULE_VIEW_TYPE, provider, { supportsMultipleEditorsPerDocument: true }),
    vscode.commands.registerCommand('trial.showRule', (code: unknown) =>
      typeof code === 'string' ? vscode.commands.executeCommand('vscode.open', ruleUri(code)) : undefined,
    ),
  );
}
