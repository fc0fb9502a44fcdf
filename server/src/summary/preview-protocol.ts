/**
 * What the extension's preview, its webview and the language server say to each other. Pure
 * data and checks, with no `vscode` import, so the wiring is tested without VS Code.
 */

import type { ChangeJson } from './diff-report';
import type { ScreenedCriterionJson } from './screen-report';

/** The server request that renders a document's preview content. */
export const PREVIEW_REQUEST = 'trial/preview';
/** The server request that exports a document (`ctgov` JSON, `usdm` JSON or `markdown`). */
export const EXPORT_REQUEST = 'trial/export';
/** The server request that compares an open document (the new version) with another text of it (the old one). */
export const DIFF_REQUEST = 'trial/diff';
/** The server request that screens a patient (a FHIR R4 Bundle, as text) against an open document's eligibility. */
export const SCREEN_REQUEST = 'trial/screen';

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

export interface DiffParams {
  /** The open document: the new version. */
  readonly uri: string;
  /** The old version: another .trial file or the last committed text, and the name to show it under. */
  readonly against: { readonly text: string; readonly name: string };
}

export interface DiffResult {
  readonly title: string;
  /** The summary of changes for the page; links carry `data-side` (`old` or `new`) and the offset in that version. */
  readonly body: string;
  readonly changes: readonly ChangeJson[];
}

export interface ScreenParams {
  readonly uri: string;
  /** The Bundle's JSON text. */
  readonly bundle: string;
  /** The name to show the Bundle under (its file name). */
  readonly name: string;
  /** The screening date, `YYYY-MM-DD`; today when absent. */
  readonly date?: string;
}

/** A screening, or the one-line reason the Bundle could not be read. */
export type ScreenResult =
  | {
      readonly title: string;
      /** The per-criterion table for the page; rows carry the criterion's offset. */
      readonly body: string;
      readonly verdict: 'eligible' | 'ineligible' | 'undetermined';
      readonly criteria: readonly ScreenedCriterionJson[];
    }
  | { readonly error: string };

/** Extension -> webview: new content for the page (the page keeps its scroll position). */
export interface UpdateMessage {
  readonly type: 'update';
  readonly body: string;
}

/** Webview -> extension: reveal the source line at this offset (in a diff, of the old or the new version). */
export interface RevealMessage {
  readonly type: 'reveal';
  readonly offset: number;
  readonly side?: 'old' | 'new';
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

/** Accepts only a well-formed reveal message: the webview's content is untrusted. */
export function asRevealMessage(message: unknown): RevealMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, offset, side } = message as { type?: unknown; offset?: unknown; side?: unknown };
  if (type !== 'reveal' || typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) return undefined;
  if (side === 'old' || side === 'new') return { type, offset, side };
  return side === undefined || side === null ? { type, offset } : undefined;
}

/** Accepts only a well-formed scrolled message. */
export function asScrolledMessage(message: unknown): ScrolledMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, offset } = message as { type?: unknown; offset?: unknown };
  if (type !== 'scrolled' || typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) return undefined;
  return { type, offset };
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
