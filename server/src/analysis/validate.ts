/**
 * Validation: the registered checks over the resolved protocol and the knowledge tables. The
 * walker visits every model element once and calls the handlers of every check for it; each
 * check reports through one `accept(code, message, at, extras)` (see check.ts).
 */

import type { Finding } from '../language/codes';
import type * as S from '../model/schema';
import { criteriaOf, dosesOf } from '../model/walk';
import { findAnalyte } from '../knowledge/analytes';
import { findDrug, type Drug } from '../knowledge/index';
import type { Check, CheckContext } from './check';
import { CHECKS } from './checks/index';

/** Runs every check over a protocol, in registry order. */
export function validate(protocol: S.Protocol, text: string, checks: readonly Check[] = CHECKS): Finding[] {
  const findings: Finding[] = [];
  const drugCache = new Map<string, Drug | undefined>();
  const context: CheckContext = {
    protocol,
    text,
    accept(code, message, at, extras) {
      findings.push({ code, message, offset: at.offset, length: at.length, ...extras });
    },
    drug(name) {
      if (!drugCache.has(name)) drugCache.set(name, findDrug(name));
      return drugCache.get(name);
    },
    analyte: findAnalyte,
  };

  for (const check of checks) {
    check.protocol?.(protocol, context);
    if (protocol.trial) check.trial?.(protocol.trial, context);
    for (const arm of protocol.arms) {
      check.arm?.(arm, context);
      for (const phase of arm.phases) {
        check.phase?.(phase, arm, context);
        for (const step of phase.steps) if (step.kind === 'cycle') check.cycle?.(step, arm, context);
      }
    }
    if (check.dose) for (const at of dosesOf(protocol)) check.dose(at.dose, at, context);
    if (protocol.eligibility) check.eligibility?.(protocol.eligibility, context);
    if (check.criterion) for (const at of criteriaOf(protocol.eligibility)) check.criterion(at.criterion, at, context);
  }
  return findings;
}
