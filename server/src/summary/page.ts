/**
 * The page around the preview's content: its Content-Security-Policy, nonce, style and script.
 * No imports, so the extension can bundle it without the language service.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

const e = escapeHtml;

const STYLE = `
:root { color-scheme: light dark; }
body { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 14px); color: var(--vscode-editor-foreground, #1e1e1e); background: var(--vscode-editor-background, #ffffff); margin: 0 auto; padding: 1em 1.5em; max-width: 1100px; line-height: 1.45; }
h1 { font-size: 1.4em; margin: 0.2em 0; } h2 { font-size: 1.2em; border-bottom: 1px solid var(--vscode-panel-border, #ccc); padding-bottom: 0.2em; } h3 { font-size: 1.05em; }
.ids, .muted { color: var(--vscode-descriptionForeground, #666); }
table { border-collapse: collapse; margin: 0.5em 0 1em; width: 100%; }
th, td { border: 1px solid var(--vscode-panel-border, #ccc); padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
table.facts { width: auto; } table.facts th { font-weight: 600; }
tr.nested td:first-child { padding-left: 1.6em; } tr.depth-2 td:first-child { padding-left: 2.8em; } tr.depth-3 td:first-child { padding-left: 4em; }
[data-offset] { cursor: pointer; } tr[data-offset]:hover, li[data-offset]:hover { background: var(--vscode-list-hoverBackground, #eef); }
.badge { white-space: nowrap; font-size: 0.8em; border: 1px solid var(--vscode-badge-background, #888); border-radius: 3px; padding: 0 0.3em; }
.errors { border: 1px solid var(--vscode-inputValidation-errorBorder, #be1100); background: var(--vscode-inputValidation-errorBackground, #fde7e7); padding: 0.2em 1em; }
.errors a, a { color: var(--vscode-textLink-foreground, #0066bf); }
svg.timeline { max-width: 100%; height: auto; display: block; margin: 0.5em 0; }
svg.timeline text { fill: var(--vscode-editor-foreground, #1e1e1e); font-size: 11px; }
svg.timeline .phase { fill: var(--vscode-editorWidget-background, #e8e8e8); stroke: var(--vscode-panel-border, #bbb); }
svg.timeline .cycle.even { fill: var(--vscode-editor-inactiveSelectionBackground, #e5ebf1); opacity: 0.7; }
svg.timeline .cycle.odd { fill: var(--vscode-editor-background, #ffffff); opacity: 0.4; }
svg.timeline .mark { fill: var(--vscode-charts-blue, #1a73e8); }
svg.timeline .bar { fill: var(--vscode-charts-green, #2e7d32); opacity: 0.8; }
svg.timeline .surgery line { stroke: var(--vscode-charts-red, #c62828); stroke-width: 2; }
svg.timeline .tick { fill: var(--vscode-descriptionForeground, #666); }
p.description, p.summary { white-space: pre-line; }
ul.regimen .phase-name { font-weight: 600; list-style: none; margin-top: 0.4em; } ul.regimen .dose { margin-left: 1.2em; }
@media print { body { color: #000; background: #fff; max-width: none; } [data-offset] { cursor: auto; } .errors { background: #fff; } svg.timeline .mark { fill: #000; } }
`;

const SCRIPT = `
(function () {
  const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target.closest('[data-offset]') : null;
    if (!target || !vscode) return;
    event.preventDefault();
    const side = target.getAttribute('data-side');
    vscode.postMessage(side ? { type: 'reveal', offset: Number(target.getAttribute('data-offset')), side: side } : { type: 'reveal', offset: Number(target.getAttribute('data-offset')) });
  });
  window.addEventListener('message', function (event) {
    const message = event.data;
    if (message && message.type === 'update' && typeof message.body === 'string') {
      document.getElementById('content').innerHTML = message.body;
    }
  });
})();
`;

/** The Content-Security-Policy of the page: nothing remote, only the nonce'd style and script. */
export function contentSecurityPolicy(nonce: string, cspSource?: string): string {
  const images = cspSource ? `data: ${cspSource}` : 'data:';
  return `default-src 'none'; img-src ${images}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'`;
}

/** A fresh nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

/** A self-contained page around a body. */
export function renderPage(body: string, options: { nonce: string; title: string; cspSource?: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy(options.nonce, options.cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(options.title)}</title>
<style nonce="${e(options.nonce)}">${STYLE}</style>
</head>
<body>
<main id="content">
${body}
</main>
<script nonce="${e(options.nonce)}">${SCRIPT}</script>
</body>
</html>
`;
}
