/**
 * The language service: the one facade the CLI, the language server and the tests call.
 * It knows nothing of LSP or of VS Code; it takes text and returns offsets-based results.
 */

import { analyzeText, type Analysis } from './analysis/analysis';
import { applyRules, resolveRules, type Diagnostic, type RuleSetting } from './language/rules';
import { toCtgov, toMarkdownExport } from './summary/ctgov';
import { renderBody } from './summary/html';
import type { ExportParams, ExportResult } from './summary/preview-protocol';
import { summarize, type TrialSummary } from './summary/summary';
import { exportUsdm } from './summary/usdm';
import { createLineIndex } from './util/lines';
import { fixAll, quickFixes } from './features/actions';
import { complete } from './features/completion';
import { applyEdits, formatDocument, formatRange } from './features/format';
import { hover } from './features/hover';
import { definition, highlights, prepareRename, references, rename } from './features/navigation';
import { foldingRanges, outline, outlineOfText, selectionRanges } from './features/structure';
import { inlayHints, semanticTokens } from './features/tokens';

export type { Analysis, Diagnostic, RuleSetting };
export { resolveRules };

export interface ServiceOptions {
  /** Severity overrides by code (`TPL104`) or name (`model.unknown-unit`). */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
}

/** An analysis with its diagnostics: its findings under the service's rules. */
export interface CheckedDocument extends Analysis {
  readonly diagnostics: readonly Diagnostic[];
}

export interface ProtocolService {
  /** Parses, lowers and checks a document, and applies the service's rules. Never throws. */
  analyze(text: string): CheckedDocument;
  /** An analysis (from the host) with its diagnostics under the service's rules. */
  checked(analysis: Analysis): CheckedDocument;
  /** The structured summary of a document. */
  summary(text: string): TrialSummary;
  /** The preview's HTML content for an analysed document (see summary/html.ts). */
  previewBody(document: CheckedDocument): string;
  /** The document as a ClinicalTrials.gov protocolSection (JSON), a CDISC USDM v4 document (JSON) or Markdown; `errors` counts the errors whose facts it leaves out. */
  exportDocument(document: CheckedDocument, format: ExportParams['format']): ExportResult;
  hover: typeof hover;
  complete: typeof complete;
  outline: typeof outline;
  /** The outline from the syntax alone (parse only): for files of the workspace that are not open. */
  outlineOfText: typeof outlineOfText;
  foldingRanges: typeof foldingRanges;
  selectionRanges: typeof selectionRanges;
  definition: typeof definition;
  references: typeof references;
  highlights: typeof highlights;
  prepareRename: typeof prepareRename;
  rename: typeof rename;
  formatDocument: typeof formatDocument;
  formatRange: typeof formatRange;
  /** Applies non-overlapping edits (from formatDocument, fixAll, a quick fix) to a text. */
  applyEdits: typeof applyEdits;
  quickFixes: typeof quickFixes;
  fixAll: typeof fixAll;
  semanticTokens: typeof semanticTokens;
  inlayHints: typeof inlayHints;
}

/** Creates the service. */
export function createProtocolService(options: ServiceOptions = {}): ProtocolService {
  const { settings } = resolveRules(options.rules);

  function checked(analysis: Analysis): CheckedDocument {
    return { ...analysis, diagnostics: applyRules(analysis.findings, settings) };
  }

  return {
    analyze: (text) => checked(analyzeText(text)),
    checked,
    summary: (text) => summarize(analyzeText(text).protocol),
    previewBody(analysis) {
      const lines = createLineIndex(analysis.text);
      return renderBody({ protocol: analysis.protocol, diagnostics: analysis.diagnostics, lineOf: (offset) => lines.position(offset).line + 1 });
    },
    exportDocument(analysis, format) {
      const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
      if (format === 'markdown') return { text: toMarkdownExport(analysis.protocol), language: 'markdown', errors };
      const json = format === 'ctgov' ? toCtgov(analysis.protocol) : exportUsdm(analysis.protocol);
      return { text: JSON.stringify(json, null, 2) + '\n', language: 'json', errors };
    },
    hover,
    complete,
    outline,
    outlineOfText,
    foldingRanges,
    selectionRanges,
    definition,
    references,
    highlights,
    prepareRename,
    rename,
    formatDocument,
    formatRange,
    applyEdits,
    quickFixes,
    fixAll,
    semanticTokens,
    inlayHints,
  };
}
