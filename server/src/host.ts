/**
 * The host: the documents an editor has open, each as its text and an analysis per version.
 * It takes edits as the editor sends them (offsets into the previous text), hands out the
 * analysis of the latest version on demand, and applies severities only when diagnostics are
 * published, so a change of rules re-publishes without re-analysing. The language server is its
 * one front; the CLI and the tests analyse single texts through the service.
 *
 * An analysis is computed when first asked for and then kept for its version: a burst of edits
 * between two requests costs one analysis, made from the document's last analysis so that only
 * what the edits reached is done again (analysis/analysis.ts). Its result always equals a
 * from-scratch analysis of the same text (test/unit/host.test.ts and incremental.test.ts prove it
 * on random edit sequences). Hold a snapshot rather than its analysis across edits: the analysis
 * of an older version is used up when the next one is made from it.
 */

import type { Finding } from './language/codes';
import { applyRules, resolveRules, type Diagnostic, type RuleSetting, type RuleSettings } from './language/rules';
import { analyzeText, isUsable, type Analysis } from './analysis/analysis';

/** One edit: replace `length` characters at `offset` of the text as it stood before this edit with `newText`. */
export interface DocumentEdit {
  readonly offset: number;
  readonly length: number;
  readonly newText: string;
}

/** A version of a document: its text, and its analysis, computed on first use. */
export interface DocumentSnapshot {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  analysis(): Analysis;
}

export interface ProtocolHost {
  /** Opens (or replaces) a document. */
  open(uri: string, text: string, version: number): DocumentSnapshot;
  /** Applies edits in order, each to the text the previous one left; returns the new version. */
  applyChange(uri: string, edits: readonly DocumentEdit[], version: number): DocumentSnapshot;
  close(uri: string): void;
  /** The latest version of an open document. */
  snapshot(uri: string): DocumentSnapshot | undefined;
  uris(): string[];
  /** Replaces the severity overrides; returns the codes and names it did not know. */
  setRules(rules: Readonly<Record<string, RuleSetting>>): string[];
  /** The diagnostics of an analysis under the current rules. */
  diagnostics(analysis: Analysis): Diagnostic[];
}

/** Applies sequential edits to a text. Edits out of range are clamped, as editors expect of a stale range. */
export function applyEdits(text: string, edits: readonly DocumentEdit[]): string {
  let result = text;
  for (const edit of edits) {
    const start = Math.max(0, Math.min(edit.offset, result.length));
    const end = Math.max(start, Math.min(edit.offset + edit.length, result.length));
    result = result.slice(0, start) + edit.newText + result.slice(end);
  }
  return result;
}

/**
 * The analyses of one document's versions: each made from the last one made, so that only what
 * the edits between them reached is done again. That uses the last one up (analysis.ts), so a
 * snapshot whose analysis was used up makes a fresh one if asked again.
 */
interface Lineage {
  last?: Analysis;
}

function snapshotOf(uri: string, version: number, text: string, lineage: Lineage): DocumentSnapshot {
  let analysis: Analysis | undefined;
  return {
    uri,
    version,
    text,
    analysis() {
      if (analysis && isUsable(analysis)) return analysis;
      analysis = analyzeText(text, lineage.last);
      lineage.last = analysis;
      return analysis;
    },
  };
}

/** Creates a host with no documents open. */
export function createProtocolHost(rules: Readonly<Record<string, RuleSetting>> = {}): ProtocolHost {
  const documents = new Map<string, DocumentSnapshot>();
  const lineages = new Map<string, Lineage>();
  let settings: RuleSettings = resolveRules(rules).settings;

  return {
    open(uri, text, version) {
      const lineage: Lineage = {};
      lineages.set(uri, lineage);
      const snapshot = snapshotOf(uri, version, text, lineage);
      documents.set(uri, snapshot);
      return snapshot;
    },
    applyChange(uri, edits, version) {
      const previous = documents.get(uri);
      let lineage = lineages.get(uri);
      if (!lineage) lineages.set(uri, (lineage = {}));
      const snapshot = snapshotOf(uri, version, applyEdits(previous?.text ?? '', edits), lineage);
      documents.set(uri, snapshot);
      return snapshot;
    },
    close(uri) {
      documents.delete(uri);
      lineages.delete(uri);
    },
    snapshot: (uri) => documents.get(uri),
    uris: () => [...documents.keys()],
    setRules(next) {
      const resolved = resolveRules(next);
      settings = resolved.settings;
      return resolved.unknown;
    },
    diagnostics: (analysis) => applyRules(analysis.findings, settings),
  };
}

export type { Analysis, Diagnostic, Finding };
