/**
 * Severities: the default of each code (codes.ts) overridden by the user's rules, applied when
 * findings are published, so a change of settings re-publishes without re-analysing.
 */

import { Codes, findCode, type Code, type Finding, type Severity } from './codes';

/** A finding with its effective severity. */
export interface Diagnostic extends Finding {
  readonly severity: Severity;
}

/** A rule override: a code's severity, or `off`. */
export type RuleSetting = Severity | 'off';

export const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'hint', 'information', 'warning', 'error'];

/** Overrides resolved to codes. */
export type RuleSettings = ReadonlyMap<Code, RuleSetting>;

/** Resolves rule overrides by code (`TPL104`) or name (`model.unknown-unit`); unknown keys are returned to the caller. */
export function resolveRules(rules: Readonly<Record<string, RuleSetting>> = {}): { settings: RuleSettings; unknown: string[] } {
  const settings = new Map<Code, RuleSetting>();
  const unknown: string[] = [];
  for (const [key, setting] of Object.entries(rules)) {
    const info = findCode(key);
    if (info) settings.set(info.code as Code, setting);
    else unknown.push(key);
  }
  return { settings, unknown };
}

/** The findings with their effective severities, rules turned off left out, in document order. */
export function applyRules(findings: readonly Finding[], settings: RuleSettings): Diagnostic[] {
  const result: Diagnostic[] = [];
  for (const finding of findings) {
    const setting = settings.get(finding.code) ?? Codes[finding.code].severity;
    if (setting === 'off') continue;
    result.push({ ...finding, severity: setting });
  }
  return result;
}
