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
.ids, .muted, .clauses { color: var(--vscode-descriptionForeground, #666); }
table { border-collapse: collapse; margin: 0.5em 0 1em; width: 100%; }
th, td { border: 1px solid var(--vscode-panel-border, #ccc); padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
table.facts { width: auto; } table.facts th { font-weight: 600; }
tr.nested td:first-child { padding-left: 1.6em; } tr.depth-2 td:first-child { padding-left: 2.8em; } tr.depth-3 td:first-child { padding-left: 4em; }
[data-offset] { cursor: pointer; } tr[data-offset]:hover, li[data-offset]:hover { background: var(--vscode-list-hoverBackground, #eef); }
.badge { white-space: nowrap; font-size: 0.8em; border: 1px solid var(--vscode-badge-background, #888); border-radius: 3px; padding: 0 0.3em; }
.errors { border: 1px solid var(--vscode-inputValidation-errorBorder, #be1100); background: var(--vscode-inputValidation-errorBackground, #fde7e7); padding: 0.2em 1em; }
.errors a, a { color: var(--vscode-textLink-foreground, #0066bf); }
svg.timeline { max-width: 100%; height: auto; display: block; margin: 0.3em 0 0.8em; }
svg.timeline text { fill: var(--vscode-editor-foreground, #1e1e1e); font-size: 13px; font-family: var(--vscode-font-family, system-ui, sans-serif); }
svg.timeline .phase { fill: var(--vscode-editorWidget-background, #e8e8e8); stroke: var(--vscode-panel-border, #bbb); }
svg.timeline .phase-label { font-weight: 600; }
svg.timeline .lane { stroke: var(--vscode-panel-border, #ddd); stroke-width: 1; }
svg.timeline .cycle.even, svg.swatch .cycle.even { fill: var(--vscode-editor-inactiveSelectionBackground, #e5ebf1); opacity: 0.7; }
svg.timeline .cycle.odd { fill: var(--vscode-editor-background, #ffffff); opacity: 0.4; }
svg.timeline .mark, svg.swatch .mark { fill: var(--vscode-charts-blue, #1a73e8); }
svg.timeline .mark.repeated, svg.swatch .mark.repeated { fill: var(--vscode-charts-purple, #7b1fa2); }
svg.timeline .bar, svg.swatch .bar { fill: var(--vscode-charts-green, #2e7d32); opacity: 0.85; }
svg.timeline .surgery line, svg.swatch .surgery-key { stroke: var(--vscode-charts-red, #c62828); stroke-width: 2; }
svg.timeline .axis-line, svg.timeline .tick { stroke: var(--vscode-descriptionForeground, #666); stroke-width: 1; }
svg.timeline .tick-label, svg.timeline .axis-title { fill: var(--vscode-descriptionForeground, #666); font-size: 12px; }
.timeline-legend { display: flex; flex-wrap: wrap; gap: 0.3em 1.2em; margin: 0.4em 0 0; font-size: 0.9em; color: var(--vscode-descriptionForeground, #666); }
.legend-item { display: inline-flex; align-items: center; gap: 0.35em; } svg.swatch { flex: none; }
p.description, p.summary { white-space: pre-line; }
ul.regimen .phase-name { font-weight: 600; list-style: none; margin-top: 0.4em; } ul.regimen .dose { margin-left: 1.2em; }
@media print { body { color: #000; background: #fff; max-width: none; } [data-offset] { cursor: auto; } .errors { background: #fff; } svg.timeline .mark, svg.timeline .mark.repeated { fill: #000; } }
`;

/**
 * The page's one script. In the editor's webview it reveals a clicked element's line, takes new
 * content without losing its place, keeps its document's URI for a reload (`vscode.setState`),
 * and scrolls with the editor both ways: to the element whose `data-offset` is the nearest at or
 * before the editor's first line, and, when the user scrolls, it sends the offset of the element
 * at its top (not when new content moves the page). The timeline's marks and the error list are
 * left out of the scroll sync: they repeat offsets that the page shows again in source order. A scroll the
 * editor caused is not sent back (that would loop). Outside a webview (`trial summary --html`)
 * only the page is shown.
 */
const SCRIPT = `
(function () {
  const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  if (!vscode) return;
  const content = document.getElementById('content');
  const SYNCED = '[data-offset]:not(svg *):not(.errors *)';
  let scrolledByEditor = -1;
  let sending = false;
  let replacingContent = false;

  const state = content.getAttribute('data-state');
  if (state) vscode.setState(JSON.parse(state));

  function synced() {
    return Array.prototype.slice.call(document.querySelectorAll(SYNCED));
  }
  function offsetOf(element) {
    return Number(element.getAttribute('data-offset'));
  }

  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target.closest('[data-offset]') : null;
    if (!target) return;
    event.preventDefault();
    // A diff page's elements say which of the two documents they come from.
    const side = target.getAttribute('data-side');
    vscode.postMessage(side ? { type: 'reveal', offset: offsetOf(target), side: side } : { type: 'reveal', offset: offsetOf(target) });
  });

  function scrollToOffset(offset) {
    let best = null;
    for (const element of synced()) {
      const at = offsetOf(element);
      // Of elements from the same line, the last: an arm's own section rather than its row in the table of arms.
      if (at <= offset && (best === null || at >= offsetOf(best))) best = element;
    }
    const top = best ? best.getBoundingClientRect().top + window.scrollY - 4 : 0;
    const limit = Math.max(0, document.documentElement.scrollHeight - window.innerHeight);
    const y = Math.round(Math.max(0, Math.min(top, limit)));
    if (Math.abs(window.scrollY - y) < 1) return;
    scrolledByEditor = y;
    window.scrollTo(0, y);
  }

  /** The offset of the element at the top of the view: the last one that starts at or above it. */
  function topOffset() {
    let found = null;
    for (const element of synced()) {
      if (element.getBoundingClientRect().top <= 6) found = element;
      else if (found !== null) break;
    }
    return found === null ? 0 : offsetOf(found);
  }

  window.addEventListener('scroll', function () {
    // New content can move the page; that is not the user scrolling.
    if (replacingContent) return;
    if (scrolledByEditor >= 0 && Math.abs(window.scrollY - scrolledByEditor) < 2) {
      scrolledByEditor = -1;
      return;
    }
    scrolledByEditor = -1;
    if (sending) return;
    sending = true;
    requestAnimationFrame(function () {
      sending = false;
      vscode.postMessage({ type: 'scrolled', offset: topOffset() });
    });
  });

  window.addEventListener('message', function (event) {
    const message = event.data;
    if (!message) return;
    if (message.type === 'update' && typeof message.body === 'string') {
      replacingContent = true;
      content.innerHTML = message.body;
      requestAnimationFrame(function () {
        requestAnimationFrame(function () {
          replacingContent = false;
        });
      });
    }
    if (message.type === 'scrollTo' && typeof message.offset === 'number') scrollToOffset(message.offset);
  });

  vscode.postMessage({ type: 'ready' });
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

/** A self-contained page around a body; `state` is what a webview keeps to be restored after a reload. */
export function renderPage(body: string, options: { nonce: string; title: string; cspSource?: string; state?: unknown }): string {
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
<main id="content"${options.state === undefined ? '' : ` data-state="${e(JSON.stringify(options.state))}"`}>
${body}
</main>
<script nonce="${e(options.nonce)}">${SCRIPT}</script>
</body>
</html>
`;
}
