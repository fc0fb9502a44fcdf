/**
 * One document analysed: its text, its syntax, the protocol it means, and every problem found
 * — without severities, which are applied when publishing (language/rules.ts). Analyses are
 * immutable values; the host (host.ts) hands out a new one for each version of a document.
 */

import type { Finding } from '../language/codes';
import { lower } from '../model/lower';
import type { Protocol } from '../model/schema';
import { parse, type ParseResult } from '../syntax/parser';
import { applySuppressions, readSuppressions, type Suppression } from './suppress';
import { validate } from './validate';

export interface Analysis {
  readonly text: string;
  readonly parse: ParseResult;
  readonly protocol: Protocol;
  /** Syntax errors, lowering findings and check findings, in document order, less those a suppression comment silences. */
  readonly findings: readonly Finding[];
  /** The `// trial-disable-next-line` comments of the document. */
  readonly suppressions: readonly Suppression[];
}

/** Parses, lowers and checks a document from scratch. Never throws. */
export function analyzeText(text: string): Analysis {
  const parsed = parse(text);
  const lowered = lower(parsed.tree);
  const checked = validate(lowered.protocol, text);
  const { suppressions, findings: unknownCodes } = readSuppressions(text, parsed.comments);
  const findings = applySuppressions(text, [...parsed.errors, ...lowered.findings, ...checked, ...unknownCodes], suppressions).sort(
    (a, b) => a.offset - b.offset || a.code.localeCompare(b.code),
  );
  return { text, parse: parsed, protocol: lowered.protocol, findings, suppressions };
}
