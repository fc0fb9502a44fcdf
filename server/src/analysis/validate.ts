/**
 * Validation: the registered checks over the resolved protocol and the knowledge tables. The
 * walker visits every model element once and calls the handlers of every check for it; each
 * check reports through one `accept(code, message, at, extras)` (see check.ts).
 */

import type { Finding } from '../language/codes';
import type * as S from '../model/schema';
import { criteriaOf, dosesOfArm } from '../model/walk';
import { findAnalyte } from '../knowledge/analytes';
import { findDrug, type Drug } from '../knowledge/index';
import type { Check, CheckContext } from './check';
import { CHECKS } from './checks/index';

/**
 * What the checks found in one arm or in the eligibility block, kept by the caller between
 * versions of a document: `get` gives the findings of an element checked before under the same
 * `context` (what they may read beyond the element, as a string), else undefined.
 */
export interface FindingsCache {
  get(element: S.Arm | S.Eligibility, context: string): readonly Finding[] | undefined;
  set(element: S.Arm | S.Eligibility, context: string, findings: readonly Finding[]): void;
}

/**
 * What an arm's checks see of the trial block: what the trial is about (its conditions,
 * keywords and titles), which is all a label's indication-specific limits read. The view holds
 * nothing else, so a check that read more would fail its tests rather than be kept stale.
 */
function trialForArms(trial: S.Trial): { view: S.Trial; key: string } {
  const about = { conditions: trial.conditions, keywords: trial.keywords, title: trial.title, officialTitle: trial.officialTitle };
  return { view: about as S.Trial, key: JSON.stringify(about) };
}

/**
 * The context the checks of one scope report through: a class, not an object of closures, so
 * that nothing made for one validation holds the validation's other state (see
 * docs/performance.md, "What a compile job keeps alive").
 */
class ScopeContext implements CheckContext {
  declare readonly protocol: S.Protocol;
  declare readonly text: string;
  declare private readonly findings: Finding[];
  declare private readonly drugs: Map<string, Drug | undefined>;
  declare readonly analyte: (name: string) => ReturnType<typeof findAnalyte>;

  constructor(protocol: S.Protocol, text: string, findings: Finding[], drugs: Map<string, Drug | undefined>) {
    this.protocol = protocol;
    this.text = text;
    this.findings = findings;
    this.drugs = drugs;
    this.analyte = findAnalyte;
  }

  accept(code: Finding['code'], message: string, at: S.Span, extras?: Parameters<CheckContext['accept']>[3]): void {
    this.findings.push({ code, message, offset: at.offset, length: at.length, ...extras });
  }

  drug(name: string): Drug | undefined {
    const known = this.drugs.get(name);
    if (known !== undefined || this.drugs.has(name)) return known;
    const found = findDrug(name);
    this.drugs.set(name, found);
    return found;
  }
}

/** The findings of the arm handlers of `checks` on one arm, in a protocol holding only that arm. */
function checkArm(arm: S.Arm, checks: readonly Check[], context: CheckContext): void {
  for (const check of checks) {
    check.arm?.(arm, context);
    if (check.phase || check.cycle) {
      for (const phase of arm.phases) {
        check.phase?.(phase, arm, context);
        if (check.cycle) for (const step of phase.steps) if (step.kind === 'cycle') check.cycle(step, arm, context);
      }
    }
    if (check.dose) for (const at of dosesOfArm(arm)) check.dose(at.dose, at, context);
  }
}

/** The findings of the eligibility handlers of `checks`, in a protocol holding only the eligibility block. */
function checkEligibility(eligibility: S.Eligibility, checks: readonly Check[], context: CheckContext): void {
  for (const check of checks) {
    check.eligibility?.(eligibility, context);
    if (check.criterion) for (const at of criteriaOf(eligibility)) check.criterion(at.criterion, at, context);
  }
}

/**
 * Runs every check over a protocol: the document-wide handlers (`protocol`, `trial`); each arm's
 * (`arm`, `phase`, `cycle`, `dose`) on a protocol holding only that arm and what the trial is
 * about (`trialForArms`); and the eligibility's (`eligibility`, `criterion`) on one holding only
 * the eligibility block. What those find depends on nothing else, so it can be kept while they
 * do not change (`cache`).
 */
export function validate(protocol: S.Protocol, text: string, checks: readonly Check[] = CHECKS, cache?: FindingsCache): Finding[] {
  const drugs = new Map<string, Drug | undefined>();
  const findings: Finding[] = [];
  const context = new ScopeContext(protocol, text, findings, drugs);
  for (const check of checks) {
    check.protocol?.(protocol, context);
    if (protocol.trial) check.trial?.(protocol.trial, context);
  }
  const about = protocol.trial && trialForArms(protocol.trial);
  const key = about?.key ?? '';
  // Only the checks with something to say about an arm, in their order (most have nothing).
  const armChecks = checks.filter((check) => check.arm || check.phase || check.cycle || check.dose);
  // Each arm's and the eligibility's findings are kept by the caller, or found in a protocol holding only that element.
  for (const arm of protocol.arms) {
    let found = cache?.get(arm, key);
    if (!found) {
      const own: Finding[] = [];
      const scope: S.Protocol = { trial: about?.view, drugs: [], interventions: [], arms: [arm], outcomes: [] };
      checkArm(arm, armChecks, new ScopeContext(scope, text, own, drugs));
      cache?.set(arm, key, own);
      found = own;
    }
    for (const finding of found) findings.push(finding);
  }
  const eligibility = protocol.eligibility;
  if (eligibility) {
    let found = cache?.get(eligibility, '');
    if (!found) {
      const own: Finding[] = [];
      const scope: S.Protocol = { drugs: [], interventions: [], arms: [], outcomes: [], eligibility };
      checkEligibility(eligibility, checks, new ScopeContext(scope, text, own, drugs));
      cache?.set(eligibility, '', own);
      found = own;
    }
    for (const finding of found) findings.push(finding);
  }
  return findings;
}
