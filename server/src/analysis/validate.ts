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
 * What an arm's checks found, kept by the caller between versions of a document: `get` gives
 * the findings of an arm checked before under the same trial block, else undefined.
 */
export interface ArmFindingsCache {
  get(arm: S.Arm, trial: S.Trial | undefined): readonly Finding[] | undefined;
  set(arm: S.Arm, trial: S.Trial | undefined, findings: readonly Finding[]): void;
}

/**
 * Runs every check over a protocol: the document-wide handlers (`protocol`, `trial`,
 * `eligibility`, `criterion`), and each arm's (`arm`, `phase`, `cycle`, `dose`) on a protocol
 * holding only that arm and the trial block, so that what they find depends on nothing else
 * and an arm's findings can be kept while neither changes (`cache`).
 */
export function validate(protocol: S.Protocol, text: string, checks: readonly Check[] = CHECKS, cache?: ArmFindingsCache): Finding[] {
  const drugCache = new Map<string, Drug | undefined>();
  const contextFor = (scope: S.Protocol, findings: Finding[]): CheckContext => ({
    protocol: scope,
    text,
    accept(code, message, at, extras) {
      findings.push({ code, message, offset: at.offset, length: at.length, ...extras });
    },
    drug(name) {
      if (!drugCache.has(name)) drugCache.set(name, findDrug(name));
      return drugCache.get(name);
    },
    analyte: findAnalyte,
  });

  const findings: Finding[] = [];
  const context = contextFor(protocol, findings);
  for (const check of checks) {
    check.protocol?.(protocol, context);
    if (protocol.trial) check.trial?.(protocol.trial, context);
  }
  for (const arm of protocol.arms) {
    const cached = cache?.get(arm, protocol.trial);
    if (cached) {
      for (const finding of cached) findings.push(finding);
      continue;
    }
    const own: Finding[] = [];
    const scope: S.Protocol = { trial: protocol.trial, drugs: [], interventions: [], arms: [arm], outcomes: [] };
    const armContext = contextFor(scope, own);
    for (const check of checks) {
      check.arm?.(arm, armContext);
      for (const phase of arm.phases) {
        check.phase?.(phase, arm, armContext);
        for (const step of phase.steps) if (step.kind === 'cycle') check.cycle?.(step, arm, armContext);
      }
      if (check.dose) for (const at of dosesOfArm(arm)) check.dose(at.dose, at, armContext);
    }
    cache?.set(arm, protocol.trial, own);
    for (const finding of own) findings.push(finding);
  }
  for (const check of checks) {
    if (protocol.eligibility) check.eligibility?.(protocol.eligibility, context);
    if (check.criterion) for (const at of criteriaOf(protocol.eligibility)) check.criterion(at.criterion, at, context);
  }
  return findings;
}
