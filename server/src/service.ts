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
import { diffProtocols, type AmendmentDiff } from './summary/diff';
import { diffHtml, type DiffNames } from './summary/diff-report';
import { localDate, screenPatient, type ScreenReport } from './summary/screen';
import { readPatientBundle } from './summary/screen-fhir';
import { screenHtml } from './summary/screen-report';
import { createLineIndex } from './util/lines';
import { fixAll, quickFixes, type CodeAction } from './features/actions';
import { complete } from './features/completion';
import { applyEdits, formatDocument, formatRange } from './features/format';
import { hover } from './features/hover';
import { definition, highlights, prepareRename, references, rename } from './features/navigation';
import { foldingRanges, itemOutline, outline, outlineOfText, selectionRanges } from './features/structure';
import { codeLenses } from './features/lenses';
import { suppressionFixes } from './features/suppress';
import { inlayHints, semanticTokenGroups, semanticTokens } from './features/tokens';
import type { Span } from './model/schema';

export type { Analysis, Diagnostic, RuleSetting, AmendmentDiff, DiffNames, ScreenReport };
export { PatientInputError } from './summary/screen-fhir';
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
  /** The amendment diff of two versions of a protocol, clause by clause (see summary/diff.ts). */
  diff(before: Analysis, after: Analysis): AmendmentDiff;
  /** The preview's HTML content for a diff: an ICH M11-style summary of changes whose rows link to both versions. */
  diffBody(diff: AmendmentDiff, names: DiffNames): string;
  /**
   * Screens a patient (a parsed FHIR R4 Bundle) against a document's eligibility at `date`
   * (`YYYY-MM-DD`, default today); throws PatientInputError, with one line, on bad input.
   */
  screen(document: Analysis, bundle: unknown, date?: string): ScreenReport;
  /** The preview's HTML content for a screening; rows link to the criteria's lines. */
  screenBody(report: ScreenReport, names: { readonly protocol: string; readonly patient: string }): string;
  hover: typeof hover;
  complete: typeof complete;
  outline: typeof outline;
  itemOutline: typeof itemOutline;
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
  /** The quick fixes of the diagnostics that touch `range`: the checks' own, then one to suppress each diagnostic with a comment. */
  quickFixes(document: CheckedDocument, range: Span): CodeAction[];
  fixAll: typeof fixAll;
  codeLenses: typeof codeLenses;
  semanticTokens: typeof semanticTokens;
  semanticTokenGroups: typeof semanticTokenGroups;
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
    diff: (before, after) => diffProtocols(before, after),
    diffBody: diffHtml,
    screen: (document, bundle, date = localDate()) => screenPatient(document, readPatientBundle(bundle), date),
    screenBody: screenHtml,
    hover,
    complete,
    outline,
    itemOutline,
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
    quickFixes: (document, range) => [...quickFixes(document, range), ...suppressionFixes(document, range)],
    fixAll,
    codeLenses,
    semanticTokens,
    semanticTokenGroups,
    inlayHints,
  };
}
