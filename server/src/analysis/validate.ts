/**
 * Validation: the registered checks over the resolved protocol and the knowledge tables. The
 * walker visits every model element once and calls the handlers of every check for it; each
 * check reports through one `accept(code, message, at, extras)` (see check.ts).
 */

import type { Finding } from '../language/codes';
import type * as S from '../model/schema';
import { criteriaOf, dosesOfArm } from '../model/walk';
import { findAnalyte, type Analyte } from '../knowledge/analytes';
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

  constructor(protocol: S.Protocol, shared: Shared, findings: Finding[]) {
    this.protocol = protocol;
    this.text = shared.text;
    this.drugs = shared.drugs;
    this.findings = findings;
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

  analyte(name: string): Analyte | undefined {
    return findAnalyte(name);
  }
}

/** What every scope of one validation shares: the text, the drugs looked up, the caller's findings cache. */
interface Shared {
  readonly text: string;
  readonly drugs: Map<string, Drug | undefined>;
  readonly cache: FindingsCache | undefined;
}

/**
 * The findings of an arm or the eligibility block: those the cache kept under `key`, or those
 * `run` (a module-level function, not a closure: see `ScopeContext`) finds in `scope`, a
 * protocol holding only that element.
 */
function findingsOf<E extends S.Arm | S.Eligibility>(
  element: E,
  key: string,
  scope: S.Protocol,
  checks: readonly Check[],
  run: (element: E, checks: readonly Check[], context: CheckContext) => void,
  shared: Shared,
): readonly Finding[] {
  const kept = shared.cache?.get(element, key);
  if (kept) return kept;
  const found: Finding[] = [];
  run(element, checks, new ScopeContext(scope, shared, found));
  shared.cache?.set(element, key, found);
  return found;
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
  const shared: Shared = { text, drugs: new Map(), cache };
  const findings: Finding[] = [];
  const context = new ScopeContext(protocol, shared, findings);
  for (const check of checks) {
    check.protocol?.(protocol, context);
    if (protocol.trial) check.trial?.(protocol.trial, context);
  }
  const about = protocol.trial && trialForArms(protocol.trial);
  // Only the checks with something to say about an arm, in their order (most have nothing).
  const armChecks = checks.filter((check) => check.arm || check.phase || check.cycle || check.dose);
  for (const arm of protocol.arms) {
    const scope: S.Protocol = { trial: about?.view, drugs: [], interventions: [], arms: [arm], outcomes: [] };
    for (const finding of findingsOf(arm, about?.key ?? '', scope, armChecks, checkArm, shared)) findings.push(finding);
  }
  const eligibility = protocol.eligibility;
  if (eligibility) {
    const scope: S.Protocol = { drugs: [], interventions: [], arms: [], outcomes: [], eligibility };
    for (const finding of findingsOf(eligibility, '', scope, checks, checkEligibility, shared)) findings.push(finding);
  }
  return findings;
}
