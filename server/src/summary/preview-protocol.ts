/**
 * What the extension's preview, its webview and the language server say to each other. Pure
 * data and checks, with no `vscode` import, so the wiring is tested without VS Code.
 */

/** The server request that renders a document's preview content. */
export const PREVIEW_REQUEST = 'trial/preview';
/** The server request that exports a document (`ctgov` JSON, `usdm` JSON or `markdown`). */
export const EXPORT_REQUEST = 'trial/export';

export interface PreviewParams {
  readonly uri: string;
}

export interface PreviewResult {
  readonly uri: string;
  /** The document version the body was rendered from. */
  readonly version: number;
  readonly title: string;
  readonly body: string;
}

export interface ExportParams {
  readonly uri: string;
  readonly format: 'ctgov' | 'usdm' | 'markdown';
}

export interface ExportResult {
  readonly text: string;
  readonly language: 'json' | 'markdown';
  /** Errors in the document: the export leaves out what they affect. */
  readonly errors: number;
}

/** Extension -> webview: new content for the page (the page keeps its scroll position). */
export interface UpdateMessage {
  readonly type: 'update';
  readonly body: string;
}

/** Webview -> extension: reveal the source line at this offset. */
export interface RevealMessage {
  readonly type: 'reveal';
  readonly offset: number;
}

export function updateMessage(body: string): UpdateMessage {
  return { type: 'update', body };
}

/** Accepts only a well-formed reveal message: the webview's content is untrusted. */
export function asRevealMessage(message: unknown): RevealMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, offset } = message as { type?: unknown; offset?: unknown };
  if (type !== 'reveal' || typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) return undefined;
  return { type, offset };
}

/** The delay between the last keystroke and the preview's update, in ms (the issue asks for ≤ 300). */
export const PREVIEW_DEBOUNCE_MS = 150;
