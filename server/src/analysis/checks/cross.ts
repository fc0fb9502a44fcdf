/**
 * The label against the eligibility: creatinine-clearance bands where the label reduces or
 * forbids a drug (TPL260), organ-function and blood-count limits the label requires (TPL262),
 * flat doses of weight-banded drugs (TPL261), premedication the label requires (TPL263), and
 * conditions a drug class's trials exclude (TPL264). Every limit the eligibility sets is read
 * the same way (`limitsOn`): inclusions and exclusions alike, and a limit inside an any-of group
 * counts, as protocols write alternatives there ("creatinine <= 1.5 x ULN or CrCl >= 60 mL/min").
 */

import type * as S from '../../model/schema';
import { conjunction, criteriaOf, disjunction, dosesOf, dosesOfArm } from '../../model/walk';
import { friendlyUnit, normalizeForAnalyte, resolveUnit } from '../../model/units';
import type { Analyte } from '../../knowledge/analytes';
import {
  CLASS_EXCLUSIONS,
  DRUGS,
  type Drug,
  type LabCondition,
  type PremedicationAgent,
  type RenalRule,
  type Requirement,
  type WeightRule,
} from '../../knowledge/drugs';
import { formatNumber } from '../../util/text';
import { textAt, type Check, type CheckContext, type ThresholdCriterion } from '../check';
import { describeLabel } from './doses';
import { admittedSide } from './lab-limits';
import { kept } from '../../util/kept';

/** A bound the eligibility puts on the values of admitted patients, in the criterion's normalised unit. */
export interface AdmittedLimit {
  readonly side: 'upper' | 'lower';
  readonly value: number;
  /** The normalised unit: the analyte's canonical unit, a separate unit, or `x ULN` / `x LLN`. */
  readonly unit: string;
  /** True when the value itself is not admitted (`> 50`, or an exclusion `<= 50`). */
  readonly strict: boolean;
  readonly criterion: ThresholdCriterion;
  /**
   * True when the limit is one alternative of an inclusion's any-of group (`creatinine <= 1.5 x
   * ULN or creatinine clearance > 50 mL/min`): a patient may meet another member instead, so it
   * bounds no one for certain. Such limits say the protocol speaks of the analyte, never what it admits.
   */
  readonly alternative: boolean;
}

const bindingCache = kept<S.Eligibility, ReadonlySet<S.Criterion>>('bindingCache');

/** The criteria that bind every admitted patient (not one alternative among others), once per eligibility block. */
function bindingCriteria(eligibility: S.Eligibility | undefined): ReadonlySet<S.Criterion> {
  if (!eligibility) return new Set();
  return bindingCache.of(eligibility, (block) => new Set([...conjunction(block.inclusion), ...disjunction(block.exclusion)]));
}

/**
 * Every bound the eligibility puts on an analyte: an inclusion `<= v` and an exclusion `> v` both
 * admit values up to v. Members of an exclusion's all-of group exclude only together, so they
 * bound nothing alone and are left out.
 */
export function limitsOn(eligibility: S.Eligibility | undefined, analyteId: string, context: CheckContext): readonly AdmittedLimit[] {
  if (!eligibility) return [];
  return limitsCache.of(eligibility, () => findLimits(eligibility, context)).get(analyteId) ?? NO_LIMITS;
}

const NO_LIMITS: readonly AdmittedLimit[] = [];

/**
 * The limits on each analyte, found once per eligibility block: a block is complete when lowered
 * and never changed after (one an edit did not touch is kept, moved in place, with its criteria).
 */
const limitsCache = kept<S.Eligibility, ReadonlyMap<string, readonly AdmittedLimit[]>>('limitsCache');

/** Every analyte's limits, in one pass over the criteria (a long eligibility has thousands; the checks ask about dozens of analytes). */
function findLimits(eligibility: S.Eligibility, context: CheckContext): Map<string, AdmittedLimit[]> {
  const byAnalyte = new Map<string, AdmittedLimit[]>();
  const binding = bindingCriteria(eligibility);
  for (const { criterion, polarity, group } of criteriaOf(eligibility)) {
    if (criterion.kind !== 'threshold' || !criterion.normalized) continue;
    const analyteId = context.analyte(criterion.analyte)?.id;
    if (analyteId === undefined) continue;
    if (polarity === 'exclude' && group?.mode === 'all') continue;
    // A limit with a condition binds only the patients the condition picks out.
    if (criterion.condition) continue;
    const side = admittedSide(criterion, polarity);
    const loosest = loosestValue(criterion, side);
    if (loosest === undefined) continue;
    const { value, unit } = loosest;
    // An inclusion `> v` and an exclusion `<= v` leave v itself out.
    const exclusive = criterion.comparator === '>' || criterion.comparator === '<';
    const strict = polarity === 'include' ? exclusive : !exclusive && criterion.comparator !== '=';
    const alternative = !binding.has(criterion);
    let limits = byAnalyte.get(analyteId);
    if (!limits) byAnalyte.set(analyteId, (limits = []));
    if (side) limits.push({ side, value, unit, strict, criterion, alternative });
    else if (criterion.comparator === '=')
      limits.push({ side: 'upper', value, unit, strict: false, criterion, alternative }, { side: 'lower', value, unit, strict: false, criterion, alternative });
  }
  return byAnalyte;
}

/**
 * What a criterion admits at its loosest: its own value, or an alternative's that loosens it
 * (`<= 1.5 x ULN or <= 3 x ULN if …` admits up to 3 x ULN). Undefined when an alternative cannot be
 * compared (another unit, or another side): the criterion then bounds no one for certain.
 */
function loosestValue(criterion: ThresholdCriterion, side: 'upper' | 'lower' | undefined): { value: number; unit: string } | undefined {
  let { value } = criterion.normalized!;
  const { unit } = criterion.normalized!;
  for (const alternative of criterion.alternatives ?? []) {
    const below = (comparator: string) => comparator === '<' || comparator === '<=';
    if (alternative.normalized?.unit !== unit || alternative.comparator === '=' || below(alternative.comparator) !== below(criterion.comparator) || !side)
      return undefined;
    value = side === 'upper' ? Math.max(value, alternative.normalized.value) : Math.min(value, alternative.normalized.value);
  }
  return { value, unit };
}

/** The tightest of the limits on one side, in one unit, that bound every admitted patient. */
function tightest(limits: readonly AdmittedLimit[], side: 'upper' | 'lower', unit: string): AdmittedLimit | undefined {
  let best: AdmittedLimit | undefined;
  for (const limit of limits) {
    if (limit.side !== side || limit.unit !== unit || limit.alternative) continue;
    if (!best || (side === 'upper' ? limit.value < best.value : limit.value > best.value)) best = limit;
  }
  return best;
}

/** A label condition in the analyte's normalised unit, and the side of the admitted values it bounds. */
function normalizeCondition(condition: LabCondition, analyte: Analyte): { side: 'upper' | 'lower'; value: number; unit: string } | undefined {
  const side = condition.comparator === '<' || condition.comparator === '<=' ? 'upper' : 'lower';
  if (condition.multipleOf) return { side, value: condition.value, unit: `x ${condition.multipleOf}` };
  const ucum = condition.unit ? resolveUnit(condition.unit).ucum : undefined;
  const normalized = ucum && normalizeForAnalyte(condition.value, ucum, analyte);
  return normalized ? { side, ...normalized } : undefined;
}

/** `bilirubin <= 1 x ULN`, `neutrophils >= 1500 /mm3`: as a criterion would write it. */
function describeCondition(condition: LabCondition, context: CheckContext): string {
  const name = context.analyte(condition.analyte)?.id ?? condition.analyte;
  const amount = condition.multipleOf
    ? `${formatNumber(condition.value)} x ${condition.multipleOf}`
    : `${formatNumber(condition.value)} ${condition.unit ?? ''}`.trim();
  return `${name} ${condition.comparator} ${amount}`;
}

/** Analytes that stand for one another in eligibility: a limit on any member addresses the function. */
const ANALYTE_FAMILIES: readonly (readonly string[])[] = [
  ['creatinine', 'creatinine_clearance', 'egfr'],
  ['wbc', 'neutrophils'],
];

const wordsCache = kept<S.Eligibility, string>('wordsCache');

/** The words of every free-text criterion, note and group label, lower case: where limits stand that no threshold holds. */
function eligibilityWords(eligibility: S.Eligibility | undefined): string {
  return eligibility ? wordsCache.of(eligibility, gatherWords) : '';
}

function gatherWords(eligibility: S.Eligibility): string {
  const words: string[] = [];
  for (const { criterion } of criteriaOf(eligibility)) {
    if (criterion.kind === 'text') words.push(criterion.text);
    if (criterion.kind === 'group' && criterion.label) words.push(criterion.label);
    if (criterion.kind === 'prior') for (const item of criterion.items) words.push(item.name);
    if (criterion.note) words.push(criterion.note);
  }
  return words.join('\n').toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One pattern per analyte, built once: any of its names as a whole word. */
const analytePatterns = new WeakMap<Analyte, RegExp>();

/** True when a text names the analyte by its identifier, name or a synonym. */
function mentions(text: string, analyte: Analyte): boolean {
  let pattern = analytePatterns.get(analyte);
  if (!pattern) {
    const names = [analyte.id, analyte.name, ...analyte.synonyms].map((name) => name.replace(/_/g, ' ').toLowerCase()).filter((name) => name.length >= 3);
    pattern = new RegExp(`(?<![a-z0-9])(?:${names.map(escapeRegExp).join('|')})(?![a-z0-9])`);
    analytePatterns.set(analyte, pattern);
  }
  return pattern.test(text);
}

/** How a requirement stands against the eligibility: met, not comparable (a limit in another unit, a family member, or words), or missing or too loose. */
type Verdict = { kind: 'met' } | { kind: 'unknown' } | { kind: 'missing' } | { kind: 'looser'; limit: AdmittedLimit };

function judge(condition: LabCondition, eligibility: S.Eligibility, words: string, context: CheckContext): Verdict {
  const analyte = context.analyte(condition.analyte);
  const required = analyte && normalizeCondition(condition, analyte);
  if (!analyte || !required) return { kind: 'unknown' };
  const limits = limitsOn(eligibility, analyte.id, context);
  const limit = tightest(limits, required.side, required.unit);
  if (limit && (required.side === 'upper' ? limit.value <= required.value : limit.value >= required.value)) return { kind: 'met' };
  // A limit the check cannot compare (another unit, the other side) may well be the one meant; so may one offered as an alternative.
  if (limits.some((other) => other.side === required.side && (other.unit !== required.unit || other.alternative))) return { kind: 'unknown' };
  if (limit) return { kind: 'looser', limit };
  const family = ANALYTE_FAMILIES.find((members) => members.includes(analyte.id)) ?? [];
  if (family.some((member) => member !== analyte.id && limitsOn(eligibility, member, context).length > 0)) return { kind: 'unknown' };
  if (mentions(words, analyte)) return { kind: 'unknown' };
  return { kind: 'missing' };
}

/** True when the eligibility keeps every patient out of the requirement's `when` (ALP at or below 2.5 x ULN). */
function conditionExcluded(when: LabCondition, eligibility: S.Eligibility, context: CheckContext): boolean {
  const analyte = context.analyte(when.analyte);
  const condition = analyte && normalizeCondition(when, analyte);
  if (!analyte || !condition) return false;
  // The condition `ALP > 2.5 x ULN` never holds when the admitted values stop at or below 2.5 x ULN.
  const opposite = condition.side === 'upper' ? 'lower' : 'upper';
  const limit = tightest(limitsOn(eligibility, analyte.id, context), opposite, condition.unit);
  if (!limit) return false;
  return opposite === 'upper' ? limit.value <= condition.value : limit.value >= condition.value;
}

/** What the arms give: the first dose line of each drug (by knowledge row id), and the knowledge row of every name dose lines use. */
interface Given {
  readonly first: ReadonlyMap<string, S.Dose>;
  readonly rows: ReadonlyMap<string, Drug | undefined>;
}

function givenIn(protocol: S.Protocol, context: CheckContext): Given {
  const first = new Map<string, S.Dose>();
  const rows = new Map<string, Drug | undefined>();
  for (const arm of protocol.arms) {
    for (const { dose } of dosesOfArm(arm)) {
      if (rows.has(dose.drug)) continue;
      const drug = context.drug(dose.drug);
      rows.set(dose.drug, drug);
      if (drug && !first.has(drug.id)) first.set(drug.id, dose);
    }
  }
  return { first, rows };
}

/** Related information: the label's regimens, at the dose. */
function labelled(drug: Drug, dose: S.Dose) {
  const regimens = describeLabel(drug, drug.basis);
  return regimens ? [{ ...dose.span, message: `labelled: ${regimens}` }] : [];
}

/** True when a renal rule of the drug already says what the requirement says (pemetrexed: CrCl >= 45 mL/min), so TPL260 reports it. */
function coveredByRenalRule(requirement: Requirement, drug: Drug): boolean {
  if (requirement.analyte !== 'creatinine_clearance' || requirement.when) return false;
  return drug.rules.some((rule) => rule.kind === 'renal' && rule.action === 'contraindicated' && rule.crclBelow === requirement.value);
}

/**
 * TPL262: the label's organ-function and blood-count requirements that the eligibility does not
 * set, or sets looser; one finding per drug, saying of each requirement what the eligibility has.
 */
function checkRequirements(protocol: S.Protocol, drug: Drug, dose: S.Dose, words: string, context: CheckContext): void {
  const eligibility = protocol.eligibility;
  if (!eligibility) return;
  const gaps: { requirement: Requirement; verdict: Extract<Verdict, { kind: 'missing' | 'looser' }> }[] = [];
  for (const requirement of drug.requires ?? []) {
    if (coveredByRenalRule(requirement, drug)) continue;
    if (requirement.when && conditionExcluded(requirement.when, eligibility, context)) continue;
    const verdict = judge(requirement, eligibility, words, context);
    if (verdict.kind === 'missing' || verdict.kind === 'looser') gaps.push({ requirement, verdict });
  }
  if (gaps.length === 0) return;
  const parts = gaps.map(({ requirement, verdict }) => {
    const when = requirement.when ? ` when ${describeCondition(requirement.when, context)}` : '';
    const has =
      verdict.kind === 'missing'
        ? 'none set'
        : `the eligibility admits ${verdict.limit.side === 'upper' ? 'up to' : 'down to'} ${formatNumber(verdict.limit.value)} ${friendlyUnit(verdict.limit.unit)}`;
    return `${describeCondition(requirement, context)}${when} (${has})`;
  });
  context.accept('TPL262', `${drug.id}: its label requires ${andList(parts)}.`, dose.drugSpan, {
    related: [
      ...gaps.flatMap(({ verdict }) =>
        verdict.kind === 'looser'
          ? [{ ...verdict.limit.criterion.span, message: `the looser criterion: ${textAt(context.text, verdict.limit.criterion.span)}` }]
          : [],
      ),
      ...gaps.map(({ requirement }) => ({ ...dose.span, message: `the label: ${requirement.text} Source: ${requirement.source}` })),
      ...labelled(drug, dose),
    ],
  });
}

/** `of 30-51 mL/min`, `below 30 mL/min`: the band a renal rule covers, after "a creatinine clearance". */
function describeBand(rule: RenalRule): string {
  // Bands are held in whole mL/min with an exclusive top (30-50 is from 30, below 51): shown as the label writes them.
  if (rule.crclFrom !== undefined && rule.crclBelow !== undefined)
    return `of ${rule.crclFrom}-${Number.isInteger(rule.crclBelow) ? rule.crclBelow - 1 : rule.crclBelow} mL/min`;
  if (rule.crclBelow !== undefined) return `below ${rule.crclBelow} mL/min`;
  return `at or above ${rule.crclFrom} mL/min`;
}

/** What a renal rule does to the dose, in a few words; the label's own text is in the hover. */
function describeAction(rule: RenalRule): string {
  if (rule.action === 'contraindicated') return 'contraindicates it';
  return rule.doseFraction !== undefined ? `reduces the dose to ${formatNumber(rule.doseFraction * 100)}%` : 'reduces the dose';
}

/** TPL260: a band where the label reduces or forbids the drug, which the lowest admitted clearance falls into. */
function checkRenal(protocol: S.Protocol, dose: S.Dose, rules: readonly RenalRule[], context: CheckContext): void {
  if (!protocol.eligibility || rules.length === 0) return;
  const limits = limitsOn(protocol.eligibility, 'creatinine_clearance', context);
  const lower = tightest(limits, 'lower', 'mL/min');
  // A limit offered only as an alternative (creatinine <= 1.5 x ULN or CrCl > 50) lets in whoever meets the other instead.
  const offered = lower ? undefined : limits.find((limit) => limit.alternative && limit.side === 'lower' && limit.unit === 'mL/min');
  // The label's bands are in whole mL/min (30-50 is held as below 51), so `> 50` admits 51 and up.
  const lowest = lower && (lower.strict && Number.isInteger(lower.value) ? lower.value + 1 : lower.value);
  for (const rule of rules) {
    if (rule.action === 'caution' || rule.crclBelow === undefined) continue;
    // The band is admitted when the lowest admitted clearance falls below the band's top.
    if (lowest !== undefined && lowest >= rule.crclBelow) continue;
    const admitted = lower
      ? `admits creatinine clearance from ${formatNumber(lower.value)} mL/min`
      : offered
        ? 'limits creatinine clearance only as one alternative of an any-of group'
        : 'sets no creatinine clearance limit';
    const shown = lower ?? offered;
    context.accept(
      'TPL260',
      `The label of ${dose.drug} ${describeAction(rule)} at a creatinine clearance ${describeBand(rule)}, but the eligibility ${admitted}.`,
      dose.drugSpan,
      {
        related: shown ? [{ ...shown.criterion.span, message: `the creatinine clearance criterion: ${textAt(context.text, shown.criterion.span)}` }] : [],
      },
    );
  }
}

/** The weight band a line's condition gives (`if weight < 60 kg`), in kg; undefined for any other condition. */
function weightBand(condition: S.Condition | undefined): { below: boolean; inclusive: boolean; kg: number } | undefined {
  if (condition?.kind !== 'limit' || condition.analyte !== 'weight' || condition.normalized?.unit !== 'kg') return undefined;
  const comparator = condition.comparator;
  if (comparator === '=') return undefined;
  return { below: comparator === '<' || comparator === '<=', inclusive: comparator === '<=' || comparator === '>=', kg: condition.normalized.value };
}

function checkWeight(protocol: S.Protocol, dose: S.Dose, rules: readonly WeightRule[], context: CheckContext): void {
  const amount = dose.amount;
  if (amount.form !== 'quantity' || amount.normalized?.basis !== 'flat') return;
  const band = weightBand(dose.condition);
  for (const rule of rules) {
    const value = amount.normalized.value;
    if (value !== rule.doseBelow && value !== rule.doseAtOrAbove) continue;
    if (band) {
      // A line for one weight band (`if weight < 60 kg`): it must be the label's band and its dose.
      const labelled = band.below ? rule.doseBelow : rule.doseAtOrAbove;
      const labelBand = band.below ? !band.inclusive : band.inclusive;
      if (band.kg === rule.thresholdKg && labelBand && value === labelled) continue;
      const condition = textAt(context.text, dose.condition!.span);
      context.accept(
        'TPL261',
        `${dose.drug}: the label (${rule.indication}) gives ${rule.doseBelow} mg below ${rule.thresholdKg} kg and ${rule.doseAtOrAbove} mg at or above; this line gives ${formatNumber(value)} mg ${condition.replace(/^if\s+/, 'when ')} (${rule.source}).`,
        dose.valueSpan ?? dose.span,
      );
      continue;
    }
    const lower = tightest(limitsOn(protocol.eligibility, 'weight', context), 'lower', 'kg');
    const onlyHeavy = lower !== undefined && lower.value >= rule.thresholdKg;
    const wrongBand = onlyHeavy && value === rule.doseBelow;
    if (onlyHeavy && !wrongBand) continue;
    const message = wrongBand
      ? `${dose.drug}: the eligibility admits only patients of ${rule.thresholdKg} kg or more, whose labelled dose is ${rule.doseAtOrAbove} mg (${rule.indication}), not ${formatNumber(value)} mg.`
      : `${dose.drug}: the label (${rule.indication}) gives ${rule.doseBelow} mg below ${rule.thresholdKg} kg and ${rule.doseAtOrAbove} mg at or above, but this line gives ${formatNumber(value)} mg at every weight.`;
    context.accept('TPL261', message, dose.valueSpan ?? dose.span);
  }
}

/** Everything a protocol says in words outside its eligibility: interventions, arm descriptions, dose notes, drug declarations. */
function protocolWords(protocol: S.Protocol): string {
  const words: string[] = [];
  for (const intervention of protocol.interventions) words.push(intervention.id, intervention.name, intervention.description ?? '', ...intervention.otherNames);
  for (const arm of protocol.arms) words.push(arm.label, arm.description ?? '');
  for (const { dose } of dosesOf(protocol)) words.push(...dose.notes);
  for (const drug of protocol.drugs) words.push(drug.id, drug.label ?? '', drug.note ?? '', drug.class ?? '', ...drug.aka);
  return words.join('\n').replace(/_/g, ' ').toLowerCase();
}

/** Every name a drug row is known by, as a protocol's text writes it. */
function namesOf(drug: Drug): string[] {
  return [drug.id, ...drug.synonyms, ...drug.brands].map((name) => name.replace(/_/g, ' ').toLowerCase()).filter((name) => name.length >= 3);
}

/** True when the protocol gives or names the agent: a dose line or declaration of its drug or class, or its name in the text. */
function agentNamed(agent: PremedicationAgent, protocol: S.Protocol, given: Given, words: string, context: CheckContext): boolean {
  const isAgent = (drug: Drug | undefined): drug is Drug =>
    drug !== undefined && ((agent.drugs ?? []).includes(drug.id) || (drug.classes ?? []).some((tag) => (agent.classes ?? []).includes(tag)));
  for (const drug of given.rows.values()) if (isAgent(drug)) return true;
  for (const declaration of protocol.drugs) if (isAgent(context.drug(declaration.id))) return true;
  return agentPattern(agent, isAgent).test(words);
}

/** One pattern per agent, built once: its words and every name of its drugs, as the start of a word. */
const agentPatterns = new WeakMap<PremedicationAgent, RegExp>();

function agentPattern(agent: PremedicationAgent, isAgent: (drug: Drug) => boolean): RegExp {
  let pattern = agentPatterns.get(agent);
  if (!pattern) {
    const names = [...(agent.words ?? []), ...DRUGS.filter(isAgent).flatMap(namesOf)].map((name) => escapeRegExp(name.toLowerCase()));
    pattern = new RegExp(`(?<![a-z0-9])(?:${names.join('|')})`);
    agentPatterns.set(agent, pattern);
  }
  return pattern;
}

/** `a`, `a and b`, `a, b and c`. */
function andList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function checkPremedication(protocol: S.Protocol, drug: Drug, dose: S.Dose, given: Given, words: string, context: CheckContext): void {
  const premedication = drug.premedication;
  if (!premedication?.agents?.length) return;
  const missing = premedication.agents.filter((agent) => !agentNamed(agent, protocol, given, words, context)).map((agent) => agent.name);
  if (missing.length === 0) return;
  context.accept('TPL263', `${drug.id}: its label requires ${andList(missing)} alongside it, which the protocol never names.`, dose.drugSpan, {
    related: [
      { ...dose.span, message: `the label: ${premedication.text}` },
      { ...dose.span, message: `source: ${premedication.source}` },
    ],
  });
}

function checkClassExclusions(protocol: S.Protocol, given: ReadonlyMap<string, S.Dose>, context: CheckContext): void {
  if (!protocol.eligibility) return;
  const words = eligibilityWords(protocol.eligibility);
  for (const exclusion of CLASS_EXCLUSIONS) {
    if (new RegExp(exclusion.pattern, 'i').test(words)) continue;
    for (const [id, dose] of given) {
      const drug = context.drug(id)!;
      if (!(drug.classes ?? []).some((tag) => exclusion.classes.includes(tag))) continue;
      context.accept('TPL264', `${drug.id}: trials of its class exclude ${exclusion.condition}, which the eligibility never mentions.`, dose.drugSpan, {
        related: [
          { ...dose.span, message: exclusion.text },
          { ...dose.span, message: `source: ${exclusion.source}` },
        ],
      });
      break;
    }
  }
}

export const crossChecks: Check = {
  protocol(protocol, context) {
    const given = givenIn(protocol, context);
    const eligibilityText = eligibilityWords(protocol.eligibility);
    // The protocol's words are gathered only when a drug has a premedication to look for.
    let words: string | undefined;
    const protocolText = () => (words ??= protocolWords(protocol));
    for (const [id, dose] of given.first) {
      const drug = context.drug(id)!;
      checkRenal(
        protocol,
        dose,
        drug.rules.filter((rule): rule is RenalRule => rule.kind === 'renal'),
        context,
      );
      checkRequirements(protocol, drug, dose, eligibilityText, context);
      if (drug.premedication?.agents?.length) checkPremedication(protocol, drug, dose, given, protocolText(), context);
    }
    // A weight-banded drug: every line with a weight band (a protocol writes one line per band),
    // and its first line without one (one finding per drug, as for the other label checks).
    const weightRules = new Map<string, WeightRule[]>();
    for (const [name, drug] of given.rows) {
      const rules = drug?.rules.filter((rule): rule is WeightRule => rule.kind === 'weight');
      if (rules?.length) weightRules.set(name, rules);
    }
    const flatSeen = new Set<string>();
    for (const { dose } of weightRules.size ? dosesOf(protocol) : []) {
      const rules = weightRules.get(dose.drug);
      const drug = given.rows.get(dose.drug);
      if (!drug || !rules) continue;
      if (!weightBand(dose.condition)) {
        if (flatSeen.has(drug.id)) continue;
        flatSeen.add(drug.id);
      }
      checkWeight(protocol, dose, rules, context);
    }
    checkClassExclusions(protocol, given.first, context);
  },
};
