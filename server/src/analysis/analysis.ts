/**
 * One document analysed: its text, its syntax, the protocol it means, and every problem found
 * — without severities, which are applied when publishing (language/rules.ts). Analyses are
 * immutable values; the host (host.ts) hands out a new one for each version of a document.
 */

import type { Finding } from '../language/codes';
import { lower } from '../model/lower';
import type { Protocol } from '../model/schema';
import { parse, type ParseResult } from '../syntax/parser';
import { validate } from './validate';

export interface Analysis {
  readonly text: string;
  readonly parse: ParseResult;
  readonly protocol: Protocol;
  /** Syntax errors, lowering findings and check findings, in document order. */
  readonly findings: readonly Finding[];
}

/** Parses, lowers and checks a document from scratch. Never throws. */
export function analyzeText(text: string): Analysis {
  const parsed = parse(text);
  const lowered = lower(parsed.tree);
  const checked = validate(lowered.protocol, text);
  const findings = [...parsed.errors, ...lowered.findings, ...checked].sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
  return { text, parse: parsed, protocol: lowered.protocol, findings };
}
