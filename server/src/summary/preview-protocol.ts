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

/** Extension -> webview: the editor scrolled; show the element nearest this source offset at the top. */
export interface ScrollToMessage {
  readonly type: 'scrollTo';
  readonly offset: number;
}

/** Webview -> extension: the preview scrolled (by the user); the element at its top comes from this source offset. */
export interface ScrolledMessage {
  readonly type: 'scrolled';
  readonly offset: number;
}

/** Webview -> extension: the page has loaded and listens for messages. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** What the webview keeps for the preview to be restored after a reload (`vscode.setState`). */
export interface PreviewState {
  readonly uri: string;
}

export function updateMessage(body: string): UpdateMessage {
  return { type: 'update', body };
}

export function scrollToMessage(offset: number): ScrollToMessage {
  return { type: 'scrollTo', offset };
}

function offsetMessage<T extends 'reveal' | 'scrolled'>(message: unknown, type: T): { type: T; offset: number } | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type: actual, offset } = message as { type?: unknown; offset?: unknown };
  if (actual !== type || typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) return undefined;
  return { type, offset };
}

/** Accepts only a well-formed reveal message: the webview's content is untrusted. */
export function asRevealMessage(message: unknown): RevealMessage | undefined {
  return offsetMessage(message, 'reveal');
}

/** Accepts only a well-formed scrolled message. */
export function asScrolledMessage(message: unknown): ScrolledMessage | undefined {
  return offsetMessage(message, 'scrolled');
}

export function isReadyMessage(message: unknown): message is ReadyMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ready';
}

/** Accepts only a state with a URI string (a restored state comes from storage and may be anything). */
export function asPreviewState(state: unknown): PreviewState | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { uri } = state as { uri?: unknown };
  return typeof uri === 'string' && uri.length > 0 ? { uri } : undefined;
}

/** The delay between the last keystroke and the preview's update, in ms (the issue asks for ≤ 300). */
export const PREVIEW_DEBOUNCE_MS = 150;
