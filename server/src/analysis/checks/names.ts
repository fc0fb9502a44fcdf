/**
 * Names: unknown drugs and analytes (with "did you mean"), drugs used without a declaration or
 * declared and never used, duplicate identifiers, and drugs written by a brand or code name.
 */

import type * as S from '../../model/schema';
import { criteriaOf, dosesOfArm } from '../../model/walk';
import { drugOneEditFrom, suggestAnalytes, suggestDrugs } from '../../knowledge/index';
import { deleteLineFix, preferred, replaceFix, type Check, type CheckContext } from '../check';
import { kept } from '../../util/kept';

interface DrugUse {
  readonly name: string;
  /** The span of the name in the model (moved with it when its arm is kept after an edit). */
  readonly span: S.Span;
}

/** The drug names of each arm and of the eligibility's prior-therapy criteria, found once: both are complete when lowered and never changed after. */
const armUses = kept<S.Arm, readonly DrugUse[]>('armUses');
const eligibilityUses = kept<S.Eligibility, readonly DrugUse[]>('eligibilityUses');

function usesInArm(arm: S.Arm): DrugUse[] {
  const found: DrugUse[] = [];
  for (const { dose } of dosesOfArm(arm)) {
    found.push({ name: dose.drug, span: dose.drugSpan });
    // `placebo matching pembrolizumab`: the drug it matches is a name like any other.
    if (dose.amount.form === 'matching') found.push({ name: dose.amount.drug, span: dose.amount.drugSpan });
  }
  return found;
}

function usesInEligibility(eligibility: S.Eligibility): DrugUse[] {
  const found: DrugUse[] = [];
  for (const { criterion } of criteriaOf(eligibility)) {
    if (criterion.kind === 'prior') for (const item of criterion.items) if (item.isDrug) found.push({ name: item.name, span: item.span });
  }
  return found;
}

/** Every drug name used in the arms and prior-therapy criteria, in source order. */
function drugUses(protocol: S.Protocol): DrugUse[] {
  const uses: DrugUse[] = [];
  for (const arm of protocol.arms) for (const use of armUses.of(arm, usesInArm)) uses.push(use);
  if (protocol.eligibility) for (const use of eligibilityUses.of(protocol.eligibility, usesInEligibility)) uses.push(use);
  return uses;
}

function reportDuplicates<T>(items: readonly T[], id: (item: T) => string, at: (item: T) => S.Span, what: string, context: CheckContext): void {
  const first = new Map<string, T>();
  for (const item of items) {
    const earlier = first.get(id(item));
    if (!earlier) {
      first.set(id(item), item);
      continue;
    }
    context.accept('TPL205', `The ${what} '${id(item)}' is already declared; identifiers must be unique.`, at(item), {
      related: [{ ...at(earlier), message: `first declaration of '${id(item)}'` }],
    });
  }
}

/** `; did you mean 'a' or 'b'?`, or `otherwise` when nothing is close: the end of a one-sentence message. */
function didYouMean(suggestions: readonly string[], otherwise: string): string {
  return suggestions.length ? `; did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?` : otherwise;
}

/** A fix per suggested name; the only suggestion, when there is one, is the obvious fix. */
function suggestionFixes(suggestions: readonly string[], at: S.Span) {
  return suggestions.map((suggestion) => {
    const fix = replaceFix(`Change to '${suggestion}'`, at, suggestion);
    return suggestions.length === 1 ? preferred(fix) : fix;
  });
}

/** True when the file declares the drug an investigational product (`investigational yes`, or the class says so). */
export function isInvestigational(declaration: S.DrugDecl | undefined): boolean {
  if (!declaration) return false;
  return declaration.investigational === 'yes' || /\binvestigational\b/i.test(declaration.class ?? '');
}

/**
 * Reports a drug name the table does not know: an error when it is one edit away from a known
 * drug and not declared (its doses would flow into totals and exports under a wrong name), a
 * warning otherwise, with a fix per close name. A declared investigational product is clean.
 */
function checkDrugName(name: string, at: S.Span, context: CheckContext, declared: ReadonlyMap<string, S.DrugDecl>): void {
  const drug = context.drug(name);
  if (drug) {
    if (drug.id !== name && drug.id !== name.toLowerCase()) {
      context.accept('TPL206', `'${name}' is ${drug.id}; protocols read best with the generic name.`, at, {
        fixes: [replaceFix(`Write '${drug.id}'`, at, drug.id)],
      });
    }
    return;
  }
  const declaration = declared.get(name);
  if (isInvestigational(declaration)) return;
  const typoOf = declaration ? undefined : drugOneEditFrom(name);
  if (typoOf) {
    context.accept('TPL211', `'${name}' is one edit from ${typoOf.id} and is not declared: did you mean '${typoOf.id}'?`, at, {
      fixes: [preferred(replaceFix(`Change to '${typoOf.id}'`, at, typoOf.id))],
    });
    return;
  }
  const suggestions = suggestDrugs(name);
  // A declared drug with no close known name is an investigational product the table cannot know.
  if (declaration && suggestions.length === 0) return;
  const hint = didYouMean(suggestions, ', so its doses cannot be checked.');
  context.accept('TPL201', `Unknown drug '${name}'${hint}`, at, {
    fixes: suggestionFixes(suggestions, at),
  });
}

export const nameChecks: Check = {
  protocol(protocol, context) {
    reportDuplicates(
      protocol.arms,
      (arm) => arm.id,
      (arm) => arm.idSpan,
      'arm',
      context,
    );
    reportDuplicates(
      protocol.drugs,
      (drug) => drug.id,
      (drug) => drug.idSpan,
      'drug',
      context,
    );
    reportDuplicates(
      protocol.interventions,
      (intervention) => intervention.id,
      (intervention) => intervention.idSpan,
      'intervention',
      context,
    );

    const declared = new Map(protocol.drugs.map((drug) => [drug.id, drug] as const));
    for (const drug of protocol.drugs) checkDrugName(drug.id, drug.idSpan, context, declared);

    const uses = drugUses(protocol);
    const reportedUndeclared = new Set<string>();
    // A name the table knows by its generic name and the file declares needs no finding anywhere:
    // looked at once, not at each of its uses (a long protocol uses each drug hundreds of times).
    const clean = new Set<string>();
    for (const use of uses) {
      if (clean.has(use.name)) continue;
      if (declared.has(use.name) && context.drug(use.name)?.id === use.name) {
        clean.add(use.name);
        continue;
      }
      checkDrugName(use.name, use.span, context, declared);
      if (protocol.drugs.length > 0 && !declared.has(use.name) && !reportedUndeclared.has(use.name)) {
        reportedUndeclared.add(use.name);
        const anchor = protocol.drugs[protocol.drugs.length - 1].span;
        context.accept('TPL202', `'${use.name}' is used without a drug declaration.`, use.span, {
          fixes: [{ title: `Declare drug '${use.name}'`, edits: [{ offset: anchor.offset + anchor.length, length: 0, newText: `\ndrug ${use.name}` }] }],
        });
      }
    }

    const used = new Set(uses.map((use) => use.name));
    for (const drug of protocol.drugs) {
      if (used.has(drug.id)) continue;
      const fix = deleteLineFix(`Remove the declaration of '${drug.id}'`, context.text, drug.span, /^\s*$/);
      context.accept('TPL203', `The drug '${drug.id}' is declared but no arm or criterion uses it.`, drug.idSpan, { fixes: fix ? [fix] : [] });
    }
  },

  criterion(criterion, _where, context) {
    if (criterion.kind !== 'threshold' && criterion.kind !== 'score') return;
    checkAnalyteName(criterion.analyte, criterion.analyteSpan, context);
    if (criterion.kind !== 'threshold') return;
    for (const condition of [criterion.condition, ...(criterion.alternatives ?? []).map((alternative) => alternative.condition)])
      if (condition?.kind === 'limit') checkAnalyteName(condition.analyte, condition.analyteSpan, context);
  },

  dose(dose, _where, context) {
    if (dose.condition?.kind === 'limit') checkAnalyteName(dose.condition.analyte, dose.condition.analyteSpan, context);
  },
};

/** An analyte the table does not know, in a criterion or a condition, with a fix per close name. */
function checkAnalyteName(name: string, at: S.Span, context: CheckContext): void {
  if (context.analyte(name)) return;
  const suggestions = suggestAnalytes(name);
  const hint = didYouMean(suggestions, ', so its unit and range cannot be checked.');
  context.accept('TPL204', `Unknown analyte '${name}'${hint}`, at, { fixes: suggestionFixes(suggestions, at) });
}
