/**
 * The language service: the one facade the CLI, the language server and the tests call.
 * It knows nothing of LSP or of VS Code; it takes text and returns offsets-based results.
 */

import { Codes, findCode, type Code, type Finding, type Severity } from './language/codes';
import { validate } from './analysis/validate';
import { lower } from './model/lower';
import type { Protocol } from './model/schema';
import { parse, type ParseResult } from './syntax/parser';
import { toCtgov, toMarkdownExport } from './summary/ctgov';
import { renderBody } from './summary/html';
import type { ExportParams, ExportResult } from './summary/preview-protocol';
import { summarize, type TrialSummary } from './summary/summary';
import { exportUsdm } from './summary/usdm';
import { createLineIndex } from './util/lines';
import { fixAll, quickFixes } from './features/actions';
import { complete } from './features/completion';
import { formatDocument, formatRange } from './features/format';
import { hover } from './features/hover';
import { definition, highlights, prepareRename, references, rename } from './features/navigation';
import { foldingRanges, outline, selectionRanges } from './features/structure';
import { inlayHints, semanticTokens } from './features/tokens';

/** A finding with its effective severity. */
export interface Diagnostic extends Finding {
  readonly severity: Severity;
}

/** A rule override: a code's severity, or `off`. */
export type RuleSetting = Severity | 'off';

export interface ServiceOptions {
  /** Severity overrides by code (`TPL104`) or name (`model.unknown-unit`). */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
}

export interface Analysis {
  readonly text: string;
  readonly parse: ParseResult;
  readonly protocol: Protocol;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ProtocolService {
  /** Parses, lowers and checks a document. Never throws. */
  analyze(text: string): Analysis;
  /** The structured summary of a document. */
  summary(text: string): TrialSummary;
  /** The preview's HTML content for an analysed document (see summary/html.ts). */
  previewBody(analysis: Analysis): string;
  /** The document as a ClinicalTrials.gov protocolSection (JSON), a CDISC USDM v4 document (JSON) or Markdown; `errors` counts the errors whose facts it leaves out. */
  exportDocument(analysis: Analysis, format: ExportParams['format']): ExportResult;
  hover: typeof hover;
  complete: typeof complete;
  outline: typeof outline;
  foldingRanges: typeof foldingRanges;
  selectionRanges: typeof selectionRanges;
  definition: typeof definition;
  references: typeof references;
  highlights: typeof highlights;
  prepareRename: typeof prepareRename;
  rename: typeof rename;
  formatDocument: typeof formatDocument;
  formatRange: typeof formatRange;
  quickFixes: typeof quickFixes;
  fixAll: typeof fixAll;
  semanticTokens: typeof semanticTokens;
  inlayHints: typeof inlayHints;
}

/** Resolves rule overrides to a map from code to setting; unknown codes are reported to the caller. */
export function resolveRules(rules: Readonly<Record<string, RuleSetting>> = {}): { settings: Map<Code, RuleSetting>; unknown: string[] } {
  const settings = new Map<Code, RuleSetting>();
  const unknown: string[] = [];
  for (const [key, setting] of Object.entries(rules)) {
    const info = findCode(key);
    if (info) settings.set(info.code as Code, setting);
    else unknown.push(key);
  }
  return { settings, unknown };
}

/** Creates the service. */
export function createProtocolService(options: ServiceOptions = {}): ProtocolService {
  const { settings } = resolveRules(options.rules);

  function withSeverity(findings: readonly Finding[]): Diagnostic[] {
    const result: Diagnostic[] = [];
    for (const finding of findings) {
      const setting = settings.get(finding.code) ?? Codes[finding.code].severity;
      if (setting === 'off') continue;
      result.push({ ...finding, severity: setting });
    }
    return result;
  }

  function analyze(text: string): Analysis {
    const parsed = parse(text);
    const lowered = lower(parsed.tree);
    const checked = validate(lowered.protocol, text);
    const diagnostics = withSeverity([...parsed.errors, ...lowered.findings, ...checked]).sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
    return { text, parse: parsed, protocol: lowered.protocol, diagnostics };
  }

  return {
    analyze,
    summary: (text) => summarize(analyze(text).protocol),
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
    foldingRanges,
    selectionRanges,
    definition,
    references,
    highlights,
    prepareRename,
    rename,
    formatDocument,
    formatRange,
    quickFixes,
    fixAll,
    semanticTokens,
    inlayHints,
  };
}
