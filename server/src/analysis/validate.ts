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
 * Runs every check over a protocol: the document-wide handlers (`protocol`, `trial`); each arm's
 * (`arm`, `phase`, `cycle`, `dose`) on a protocol holding only that arm and what the trial is
 * about (`trialForArms`); and the eligibility's (`eligibility`, `criterion`) on one holding only
 * the eligibility block. What those find depends on nothing else, so it can be kept while they
 * do not change (`cache`).
 */
export function validate(protocol: S.Protocol, text: string, checks: readonly Check[] = CHECKS, cache?: FindingsCache): Finding[] {
  const drugCache = new Map<string, Drug | undefined>();
  const contextFor = (scope: S.Protocol, findings: Finding[]): CheckContext => ({
    protocol: scope,
    text,
    accept(code, message, at, extras) {
      findings.push({ code, message, offset: at.offset, length: at.length, ...extras });
    },
    drug(name) {
      const known = drugCache.get(name);
      if (known !== undefined || drugCache.has(name)) return known;
      const found = findDrug(name);
      drugCache.set(name, found);
      return found;
    },
    analyte: findAnalyte,
  });
  /** The findings of one arm or of the eligibility: kept, or found by `run` in a protocol holding only `scope`. */
  const own = (element: S.Arm | S.Eligibility, key: string, scope: S.Protocol, run: (context: CheckContext) => void) => {
    const cached = cache?.get(element, key);
    if (cached) return cached;
    const found: Finding[] = [];
    run(contextFor(scope, found));
    cache?.set(element, key, found);
    return found;
  };

  const findings: Finding[] = [];
  const context = contextFor(protocol, findings);
  for (const check of checks) {
    check.protocol?.(protocol, context);
    if (protocol.trial) check.trial?.(protocol.trial, context);
  }
  const about = protocol.trial && trialForArms(protocol.trial);
  // Only the checks with something to say about an arm, in their order (most have nothing).
  const armChecks = checks.filter((check) => check.arm || check.phase || check.cycle || check.dose);
  for (const arm of protocol.arms) {
    const scope: S.Protocol = { trial: about?.view, drugs: [], interventions: [], arms: [arm], outcomes: [] };
    const found = own(arm, about?.key ?? '', scope, (armContext) => {
      for (const check of armChecks) {
        check.arm?.(arm, armContext);
        if (check.phase || check.cycle) {
          for (const phase of arm.phases) {
            check.phase?.(phase, arm, armContext);
            if (check.cycle) for (const step of phase.steps) if (step.kind === 'cycle') check.cycle(step, arm, armContext);
          }
        }
        if (check.dose) for (const at of dosesOfArm(arm)) check.dose(at.dose, at, armContext);
      }
    });
    for (const finding of found) findings.push(finding);
  }
  const eligibility = protocol.eligibility;
  if (eligibility) {
    const scope: S.Protocol = { drugs: [], interventions: [], arms: [], outcomes: [], eligibility };
    const found = own(eligibility, '', scope, (eligibilityContext) => {
      for (const check of checks) {
        check.eligibility?.(eligibility, eligibilityContext);
        if (check.criterion) for (const at of criteriaOf(eligibility)) check.criterion(at.criterion, at, eligibilityContext);
      }
    });
    for (const finding of found) findings.push(finding);
  }
  return findings;
}
