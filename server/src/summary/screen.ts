/**
 * Pre-screening: one patient (a FHIR R4 Bundle, read by screen-fhir.ts) against a protocol's
 * eligibility, criterion by criterion. Each criterion, those inside any/all groups too, is met,
 * not met or not known from the record; an inclusion that is met passes, an exclusion that is met
 * fails the patient. Every outcome carries its evidence: the Observation, its value in the
 * criterion's unit, the ULN it was read against, its date; or why it is unknown. Nothing is
 * guessed: an observation whose code or unit does not fit, a score not recorded as a number, a
 * free-text criterion, a criterion kind this module does not know: each is `unknown`, with why.
 *
 * Each criterion kind is one entry of SCREENERS; a kind added to the language is `unknown` until
 * it gets one.
 */

import { findAnalyte, type Analyte } from '../knowledge/analytes';
import { DRUG_CLASS_TAGS } from '../knowledge/drugs';
import { findDrug } from '../knowledge/index';
import type * as S from '../model/schema';
import { convert, friendlyUnit, normalizeForAnalyte, resolveUnit } from '../model/units';
import type { DocumentNode } from '../syntax/tree';
import { createLineIndex } from '../util/lines';
import { criterionSource, eligibilityFieldSpan, scoreRange, spanSource } from './criterion-text';
import { LOINC_SYSTEM, UCUM_SYSTEM, type Cited, type MedicationStatement, type Observation, type PatientRecord, type Quantity } from './screen-fhir';

export type Outcome = 'pass' | 'fail' | 'unknown';
export type Verdict = 'eligible' | 'ineligible' | 'undetermined';

/** What an outcome rests on. Every field but `reason` is present only where it applies. */
export interface Evidence {
  /** The Observation read: `Observation/alb-1`. */
  readonly observation?: string;
  /** The MedicationStatement that names a prior therapy. */
  readonly medication?: string;
  /** The code it was matched by: `LOINC 1751-7`. */
  readonly code?: string;
  /** The value in the criterion's unit (for a ULN or LLN limit, as a multiple of it; for age, in the limit's unit). */
  readonly value?: number;
  readonly unit?: string;
  /** The value as the record has it: `35 g/L`. */
  readonly recorded?: string;
  /** The upper or lower limit of normal the value was read against, from the Observation's reference range. */
  readonly uln?: { readonly value: number; readonly unit: string };
  readonly lln?: { readonly value: number; readonly unit: string };
  /** The date of the Observation or statement (`YYYY-MM-DD`, or as precise as the record), null when it has none. */
  readonly date?: string | null;
  /** What was compared, or why the outcome is unknown. */
  readonly reason: string;
}

/** One criterion's result. */
export interface ScreenedCriterion {
  /** The criterion's 1-based line in the protocol. */
  readonly line: number;
  readonly kind: 'inclusion' | 'exclusion';
  /** The criterion as written. */
  readonly text: string;
  readonly outcome: Outcome;
  readonly evidence: Evidence;
  /** 0 for a criterion of the eligibility block, 1 for a member of a group, and so on. */
  readonly depth: number;
  /** Where the criterion stands, for the preview's links. */
  readonly span: S.Span;
}

export interface ScreenReport {
  /** `ineligible` if a criterion fails, `eligible` if all pass, else `undetermined`; read from the top-level criteria, whose groups combine their members. */
  readonly verdict: Verdict;
  readonly criteria: readonly ScreenedCriterion[];
  /** The screening date, `YYYY-MM-DD`: ages are computed at it, and later records are not read. */
  readonly date: string;
  /** The Patient resource: `Patient/p1`. */
  readonly patient: string;
}

/** The protocol side of a screening: its text (for lines and criteria as written), its model and its tree. */
export interface ScreenedProtocol {
  readonly text: string;
  readonly protocol: S.Protocol;
  readonly parse?: { readonly tree: DocumentNode };
}

/** Today as `YYYY-MM-DD` in local time: the default screening date. */
export function localDate(now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whether `text` is a date of the calendar written `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}

/** What a criterion says of the patient: met (true), not met (false) or not known (undefined), and why. */
interface Assessment {
  readonly met: boolean | undefined;
  readonly evidence: Evidence;
}

interface ScreeningContext {
  readonly record: PatientRecord;
  readonly date: string;
}

// ---- three-valued logic ---------------------------------------------------------------------

function any3(values: readonly (boolean | undefined)[]): boolean | undefined {
  if (values.some((value) => value === true)) return true;
  return values.every((value) => value === false) ? false : undefined;
}

function all3(values: readonly (boolean | undefined)[]): boolean | undefined {
  if (values.some((value) => value === false)) return false;
  return values.every((value) => value === true) ? true : undefined;
}

function outcomeOf(met: boolean | undefined, polarity: 'include' | 'exclude'): Outcome {
  if (met === undefined) return 'unknown';
  return met === (polarity === 'include') ? 'pass' : 'fail';
}

/** `a comparator b`, with floating-point noise counted as equality. */
function compares(a: number, comparator: string, b: number): boolean {
  const equal = Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  switch (comparator) {
    case '>':
      return a > b && !equal;
    case '>=':
      return a > b || equal;
    case '<':
      return a < b && !equal;
    case '<=':
      return a < b || equal;
    default:
      return equal;
  }
}

function rounded(value: number): number {
  return Number(value.toPrecision(6));
}

const metWords = (met: boolean | undefined) => (met === undefined ? 'not known' : met ? 'met' : 'not met');

// ---- records --------------------------------------------------------------------------------

/** The date of an Observation or MedicationStatement as the record gives it, without time. */
function recordDate(resource: Observation | MedicationStatement): string | undefined {
  const observation = resource as Partial<Observation>;
  const written = resource.effectiveDateTime ?? resource.effectivePeriod?.start ?? observation.effectiveInstant ?? observation.issued;
  return written?.slice(0, 10);
}

/** Statuses under which a record says nothing about the patient. */
const VOID_STATUSES = new Set(['entered-in-error', 'cancelled', 'not-taken']);

/** Records dated after the screening date are not read: screening looks at what was known on it. */
function onOrBefore(date: string | undefined, screening: string): boolean {
  return date === undefined || date.slice(0, screening.length) <= screening;
}

/** The latest usable Observation with one of `codes` (LOINC), and how many later ones were left out. */
function latestObservation(context: ScreeningContext, codes: readonly string[]): { chosen?: Cited<Observation>; later: number } {
  const matching = context.record.observations.filter(
    ({ resource }) =>
      !VOID_STATUSES.has(resource.status ?? '') &&
      (resource.code.coding ?? []).some((coding) => coding.system === LOINC_SYSTEM && codes.includes(coding.code ?? '')),
  );
  const usable = matching.filter(({ resource }) => onOrBefore(recordDate(resource), context.date));
  // Dated records first, latest first; an undated record is read only when no dated one is.
  const sorted = [...usable].sort((a, b) => (recordDate(b.resource) ?? '').localeCompare(recordDate(a.resource) ?? ''));
  return { chosen: sorted[0], later: matching.length - usable.length };
}

function loincCodeOf(observation: Observation, codes: readonly string[]): string {
  const coding = (observation.code.coding ?? []).find((entry) => entry.system === LOINC_SYSTEM && codes.includes(entry.code ?? ''));
  return `LOINC ${coding?.code ?? codes[0]}`;
}

function quantityText(quantity: Quantity): string {
  return `${quantity.comparator ?? ''}${quantity.value ?? '?'}${(quantity.code ?? quantity.unit) ? ` ${quantity.unit ?? quantity.code}` : ''}`;
}

/** The UCUM code of a quantity's unit; a dimensionless analyte (INR) may be recorded without one. */
function ucumOf(quantity: Quantity, analyte: Analyte): { ucum: string } | { reason: string } {
  if (quantity.code !== undefined && quantity.system === UCUM_SYSTEM) {
    const resolution = resolveUnit(quantity.code);
    return resolution.ucum ? { ucum: resolution.ucum } : { reason: `its unit code '${quantity.code}' is not a valid UCUM unit` };
  }
  if (quantity.code === undefined && quantity.system === undefined && quantity.unit === undefined && analyte.canonicalUnit === '1') return { ucum: '1' };
  const written = quantity.code ?? quantity.unit;
  return {
    reason: written ? `its unit '${written}' is not given as a UCUM code (system ${quantity.system ?? 'absent'}, not ${UCUM_SYSTEM})` : 'its value has no unit',
  };
}

/** An Observation's quantity in the analyte's canonical unit. */
function observedQuantity(
  observation: Observation,
  analyte: Analyte,
): { canonical: number; unit: string; ucum: string; recorded: string } | { reason: string } {
  const quantity = observation.valueQuantity;
  if (!quantity) {
    if (observation.dataAbsentReason)
      return { reason: `it has no value (${observation.dataAbsentReason.text ?? observation.dataAbsentReason.coding?.[0]?.code ?? 'data absent'})` };
    return { reason: 'it has no valueQuantity' };
  }
  if (quantity.value === undefined) return { reason: 'its valueQuantity has no value' };
  if (quantity.comparator) return { reason: `it records a bound (${quantityText(quantity)}), not a value` };
  const unit = ucumOf(quantity, analyte);
  if ('reason' in unit) return unit;
  const normalized = normalizeForAnalyte(quantity.value, unit.ucum, analyte);
  if (!normalized) return { reason: `${quantityText(quantity)} does not convert to ${friendlyUnit(analyte.canonicalUnit ?? '')}, the unit of ${analyte.name}` };
  return { canonical: normalized.value, unit: normalized.unit, ucum: unit.ucum, recorded: quantityText(quantity) };
}

/** A canonical value in the criterion's own unit, where it converts back (for the evidence). */
function inCriterionUnit(value: number, criterion: Threshold, analyte: Analyte): number | undefined {
  const canonical = analyte.canonicalUnit;
  if (!canonical || criterion.ucum === undefined) return undefined;
  if (criterion.ucum === canonical) return rounded(value);
  if (analyte.units.includes(criterion.ucum)) {
    const converted = convert(value, canonical, criterion.ucum, analyte.molarMass);
    return converted === undefined ? undefined : rounded(converted);
  }
  const equivalent = analyte.equivalentUnits?.find((entry) => entry.unit === criterion.ucum);
  if (equivalent) {
    const converted = convert(value, canonical, equivalent.equals, analyte.molarMass);
    return converted === undefined ? undefined : rounded(converted / equivalent.factor);
  }
  return undefined;
}

// ---- criterion kinds ------------------------------------------------------------------------

type Threshold = Extract<S.Criterion, { kind: 'threshold' }>;
type Score = Extract<S.Criterion, { kind: 'score' }>;
type Prior = Extract<S.Criterion, { kind: 'prior' }>;

/** The Observation an analyte criterion reads, or why there is none. */
function observationFor(name: string, context: ScreeningContext): { analyte: Analyte; observation: Cited<Observation>; codes: string[] } | Assessment {
  const analyte = findAnalyte(name);
  if (!analyte) return unknown(`'${name}' is not in the analyte table, so no Observation is read for it`);
  const codes = (analyte.loinc ?? []).map((entry) => entry.code);
  if (codes.length === 0) return unknown(`the analyte table has no LOINC code for ${analyte.name}, so no Observation is read for it`);
  const { chosen, later } = latestObservation(context, codes);
  if (!chosen) {
    const laterNote = later > 0 ? `; ${later} dated after ${context.date} not read` : '';
    return unknown(`no Observation with ${codes.map((code) => `LOINC ${code}`).join(' or ')} (${analyte.name}) on or before ${context.date}${laterNote}`);
  }
  return { analyte, observation: chosen, codes };
}

function unknown(reason: string, evidence: Omit<Evidence, 'reason'> = {}): Assessment {
  return { met: undefined, evidence: { ...evidence, reason } };
}

function isAssessment(value: object): value is Assessment {
  return 'evidence' in value;
}

function assessThreshold(criterion: Threshold, context: ScreeningContext): Assessment {
  const found = observationFor(criterion.analyte, context);
  if (isAssessment(found)) return found;
  const { analyte, observation, codes } = found;
  const base = { observation: observation.citation, code: loincCodeOf(observation.resource, codes), date: recordDate(observation.resource) ?? null };
  if (criterion.multipleOf) return assessRelative(criterion, criterion.multipleOf, analyte, observation, base);
  // A ratio (INR) is written without a unit: the number is in the analyte's unit, 1, by definition.
  const limit = criterion.normalized ?? (criterion.unit === undefined && analyte.canonicalUnit === '1' ? { value: criterion.value, unit: '1' } : undefined);
  if (criterion.unit === undefined && !limit) return unknown('the criterion gives no unit, so no recorded value can be compared with it', base);
  if (!limit) return unknown(`the criterion's unit ${criterion.unit} does not convert to ${friendlyUnit(analyte.canonicalUnit ?? '')}`, base);
  const observed = observedQuantity(observation.resource, analyte);
  if ('reason' in observed) return unknown(`${observation.citation}: ${observed.reason}`, base);
  const recorded = { ...base, recorded: observed.recorded };
  if (observed.unit !== limit.unit) {
    return unknown(
      `${observed.recorded} does not convert to ${criterion.unit ?? limit.unit} (${friendlyUnit(observed.unit)} against ${friendlyUnit(limit.unit)})`,
      recorded,
    );
  }
  const met = compares(observed.canonical, criterion.comparator, limit.value);
  const converted = inCriterionUnit(observed.canonical, criterion, analyte);
  // The value in the criterion's unit where it converts back, else in the analyte's unit; a ratio has none.
  const shown =
    converted !== undefined
      ? { value: converted, unit: criterion.unit }
      : limit.unit === '1'
        ? { value: rounded(observed.canonical) }
        : { value: rounded(observed.canonical), unit: friendlyUnit(observed.unit) };
  const shownValue = `${shown.value}${shown.unit ? ` ${shown.unit}` : ''}`;
  return {
    met,
    evidence: {
      ...recorded,
      ...shown,
      reason: `${shownValue} ${criterion.comparator} ${criterion.valueText}${criterion.unit ? ` ${criterion.unit}` : ''}: ${metWords(met)}`,
    },
  };
}

/** The reference range bound to read a ULN (high) or LLN (low) from: the one range for all patients, or none. */
function referenceBound(observation: Observation, which: 'ULN' | 'LLN'): Quantity | string {
  const side = which === 'ULN' ? 'high' : 'low';
  const ranges = (observation.referenceRange ?? []).filter((range) => range[side]?.value !== undefined);
  if (ranges.length === 0) return `it has no reference range ${side} (${which})`;
  // A range for a subgroup (appliesTo) or of another meaning (type other than normal) is not the lab's normal limit for this patient.
  const normal = ranges.filter(
    (range) =>
      !range.appliesTo?.length &&
      (!range.type || (range.type.coding ?? []).some((coding) => coding.code === 'normal') || range.type.text?.toLowerCase() === 'normal'),
  );
  const candidates = normal.length ? normal : ranges;
  const values = new Set(candidates.map((range) => quantityText(range[side]!)));
  if (values.size > 1)
    return `it has ${values.size} reference ranges with different ${side} limits (${[...values].join(', ')}), and none is marked as the one for this patient`;
  return candidates[0][side]!;
}

function assessRelative(
  criterion: Threshold,
  which: 'ULN' | 'LLN',
  analyte: Analyte,
  observation: Cited<Observation>,
  base: Omit<Evidence, 'reason'>,
): Assessment {
  const observed = observedQuantity(observation.resource, analyte);
  if ('reason' in observed) return unknown(`${observation.citation}: ${observed.reason}`, base);
  const recorded = { ...base, recorded: observed.recorded };
  const bound = referenceBound(observation.resource, which);
  if (typeof bound === 'string') return unknown(`${observation.citation}: ${bound}`, recorded);
  // A range limit written without a unit code is in the value's unit only when it names the same unit or none.
  const value = observation.resource.valueQuantity!;
  const sameUnitAsValue = bound.code === undefined && bound.system === undefined && (bound.unit === undefined || bound.unit === value.unit);
  const boundUnit = sameUnitAsValue ? { ucum: observed.ucum } : ucumOf(bound, analyte);
  if ('reason' in boundUnit) return unknown(`${observation.citation}: its reference range ${which}: ${boundUnit.reason}`, recorded);
  const limitCanonical = normalizeForAnalyte(bound.value!, boundUnit.ucum, analyte);
  if (!limitCanonical || limitCanonical.unit !== observed.unit) {
    return unknown(`${observation.citation}: its ${which} ${quantityText(bound)} does not convert to the value's unit`, recorded);
  }
  if (limitCanonical.value <= 0)
    return unknown(`${observation.citation}: its ${which} is ${quantityText(bound)}, not a limit a multiple can be taken of`, recorded);
  const ratio = observed.canonical / limitCanonical.value;
  const met = compares(observed.canonical, criterion.comparator, criterion.value * limitCanonical.value);
  const limitShown = { value: bound.value!, unit: friendlyUnit(boundUnit.ucum) };
  return {
    met,
    evidence: {
      ...recorded,
      value: rounded(ratio),
      unit: `x ${which}`,
      ...(which === 'ULN' ? { uln: limitShown } : { lln: limitShown }),
      reason: `${observed.recorded} is ${rounded(ratio)} x ${which} (${which} ${bound.value} ${limitShown.unit}); ${criterion.comparator} ${criterion.valueText} x ${which}: ${metWords(met)}`,
    },
  };
}

/** A score as the record gives it: `valueInteger` (as the mCODE performance-status profiles require), or a unitless whole `valueQuantity`. */
function recordedScore(observation: Observation): number | string {
  if (observation.valueInteger !== undefined) return observation.valueInteger;
  const quantity = observation.valueQuantity;
  if (
    quantity?.value !== undefined &&
    Number.isInteger(quantity.value) &&
    !quantity.comparator &&
    (quantity.code === undefined || ['{score}', '1'].includes(quantity.code))
  ) {
    return quantity.value;
  }
  if (observation.valueCodeableConcept) return 'the score is coded (valueCodeableConcept); only a number (valueInteger) is read';
  return 'it records no score as a number (valueInteger)';
}

function assessScore(criterion: Score, context: ScreeningContext): Assessment {
  const found = observationFor(criterion.analyte, context);
  if (isAssessment(found)) return found;
  const { analyte, observation, codes } = found;
  const base = { observation: observation.citation, code: loincCodeOf(observation.resource, codes), date: recordDate(observation.resource) ?? null };
  const score = recordedScore(observation.resource);
  if (typeof score === 'string') return unknown(`${observation.citation}: ${score}`, base);
  const position = (analyte.scale ?? []).findIndex((value) => String(value) === String(score));
  if (position < 0) return unknown(`${observation.citation}: ${score} is not a value of the ${analyte.name} scale`, { ...base, value: score });
  const admitted = scoreRange(analyte.scale, criterion.from, criterion.to);
  const range = criterion.to === undefined ? String(criterion.from) : `${criterion.from}-${criterion.to}`;
  if (!admitted) return unknown(`the criterion's ${range} is not on the ${analyte.name} scale`, { ...base, value: score });
  const met = admitted.includes(position);
  return { met, evidence: { ...base, value: score, reason: `${analyte.name} ${score}; ${range}: ${metWords(met)}` } };
}

/** The names a MedicationStatement gives its medication: text, codings' displays and codes, or those of the Medication it references. */
function medicationNames(statement: MedicationStatement, record: PatientRecord): string[] {
  const concept = statement.medicationCodeableConcept ?? record.medications.get(statement.medicationReference?.reference ?? '')?.code;
  const names = [concept?.text, ...(concept?.coding ?? []).flatMap((coding) => [coding.display, coding.code]), statement.medicationReference?.display];
  return names.filter((name): name is string => typeof name === 'string' && name.trim() !== '');
}

/** The drug class tag a prior-therapy item names (`"PD1 antibody"` names `pd1`), if it names one of the drug table's tags. */
function classTagOf(name: string): string | undefined {
  const tokens = name
    .toLowerCase()
    .replace(/[-‐‑]/g, '')
    .split(/[^a-z0-9]+/);
  return DRUG_CLASS_TAGS.find((tag) => tokens.includes(tag));
}

function assessPrior(criterion: Prior, context: ScreeningContext): Assessment {
  const all = context.record.medicationStatements;
  if (all.length === 0) return unknown('the Bundle holds no MedicationStatement, so its medication history is not known');
  const statements = all
    .filter(({ resource }) => !VOID_STATUSES.has(resource.status ?? '') && onOrBefore(recordDate(resource), context.date))
    .map((statement) => {
      const names = medicationNames(statement.resource, context.record);
      const drugs = names.map((name) => findDrug(name)).filter((drug) => drug !== undefined);
      return { statement, names, drugs };
    });
  const unidentified = statements.filter((entry) => entry.drugs.length === 0);
  const results = criterion.items.map((item) => {
    if (item.isDrug) {
      const target = findDrug(item.name);
      const matches = statements.filter((entry) =>
        target ? entry.drugs.some((drug) => drug.id === target.id) : entry.names.some((name) => name.toLowerCase() === item.name.toLowerCase()),
      );
      return { item, met: matches.length > 0 ? true : false, match: matches[0], why: undefined as string | undefined };
    }
    const tag = classTagOf(item.name);
    if (!tag) return { item, met: undefined, match: undefined, why: `"${item.name}" names no drug class the drug table tags` };
    const matches = statements.filter((entry) => entry.drugs.some((drug) => drug.classes?.includes(tag as (typeof DRUG_CLASS_TAGS)[number])));
    if (matches.length > 0) return { item, met: true, match: matches[0], why: undefined };
    // A medication the drug table does not know may belong to the class: then the class is not ruled out.
    if (unidentified.length > 0)
      return {
        item,
        met: undefined,
        match: undefined,
        why: `${unidentified[0].statement.citation} names a medication the drug table does not know (${unidentified[0].names[0] ?? 'no name'})`,
      };
    return { item, met: false, match: undefined, why: undefined };
  });
  const met = any3(results.map((result) => result.met));
  const matched = results.find((result) => result.met === true);
  if (matched?.match) {
    const { statement, names } = matched.match;
    return {
      met,
      evidence: {
        medication: statement.citation,
        date: recordDate(statement.resource) ?? null,
        reason: `${statement.citation} records ${names[0] ?? 'a medication'}, which is ${matched.item.name}: met`,
      },
    };
  }
  const open = results.filter((result) => result.met === undefined).map((result) => result.why);
  const reason =
    met === false
      ? `none of the ${statements.length} MedicationStatements on or before ${context.date} records ${criterion.items.map((item) => item.name).join(', ')}: not met`
      : `not known: ${open.join('; ')}`;
  return { met, evidence: { reason } };
}

/** The criterion kinds the screening reads; groups are combined from their members in `screenCriterion`. */
const SCREENERS: {
  readonly [K in Exclude<S.Criterion['kind'], 'group'>]: (criterion: Extract<S.Criterion, { kind: K }>, context: ScreeningContext) => Assessment;
} = {
  threshold: assessThreshold,
  score: assessScore,
  prior: assessPrior,
  text: () => unknown('free text: a person must judge it'),
};

// ---- age and sex ----------------------------------------------------------------------------

/** Completed units (years, months, weeks, days) from a birth date to a date, both `YYYY-MM-DD`. */
function completedAge(birth: string, on: string, unit: string): number {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  if (unit === 'years' || unit === 'months') {
    const months = (y - by) * 12 + (m - bm) - (d < bd ? 1 : 0);
    return unit === 'years' ? Math.floor(months / 12) : months;
  }
  const days = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(by, bm - 1, bd)) / 86_400_000);
  return unit === 'weeks' ? Math.floor(days / 7) : days;
}

/** The earliest and latest birth dates a FHIR date allows (`1960` is any day of 1960). */
function birthBounds(birthDate: string): { earliest: string; latest: string } {
  if (birthDate.length === 10) return { earliest: birthDate, latest: birthDate };
  if (birthDate.length === 7) {
    const [year, month] = birthDate.split('-').map(Number);
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return { earliest: `${birthDate}-01`, latest: `${birthDate}-${String(lastDay).padStart(2, '0')}` };
  }
  return { earliest: `${birthDate}-01-01`, latest: `${birthDate}-12-31` };
}

function assessAge(eligibility: S.Eligibility, context: ScreeningContext): Assessment {
  const birthDate = context.record.patient.birthDate;
  if (!birthDate) return unknown(`${context.record.patientCitation} has no birthDate`);
  const { earliest, latest } = birthBounds(birthDate);
  if (earliest > context.date) return unknown(`${context.record.patientCitation} is born (${birthDate}) after the screening date ${context.date}`);
  const unit = (eligibility.minimumAge ?? eligibility.maximumAge)!.unit;
  const youngest = completedAge(latest > context.date ? context.date : latest, context.date, unit);
  const oldest = completedAge(earliest, context.date, unit);
  const checks: (boolean | undefined)[] = [];
  const min = eligibility.minimumAge?.value;
  const max = eligibility.maximumAge?.value;
  if (min !== undefined) checks.push(youngest >= min ? true : oldest < min ? false : undefined);
  if (max !== undefined) checks.push(oldest <= max ? true : youngest > max ? false : undefined);
  const met = all3(checks);
  const age = youngest === oldest ? `${youngest}` : `${youngest}-${oldest}`;
  const limits = min !== undefined && max !== undefined ? `${min} to ${max}` : min !== undefined ? `>= ${min}` : `<= ${max}`;
  return {
    met,
    evidence: {
      ...(youngest === oldest ? { value: youngest, unit } : {}),
      date: context.date,
      reason: `${age} ${unit} on ${context.date} (born ${birthDate}); ${limits} ${unit}: ${metWords(met)}`,
    },
  };
}

function assessSex(sex: string, context: ScreeningContext): Assessment {
  if (sex === 'all') return { met: true, evidence: { reason: 'all sexes are eligible: met' } };
  const gender = context.record.patient.gender;
  if (gender === undefined) return unknown(`${context.record.patientCitation} has no gender`);
  if (gender !== 'female' && gender !== 'male') return unknown(`${context.record.patientCitation}'s gender is '${gender}', which '${sex}' does not decide`);
  const met = gender === sex;
  return { met, evidence: { reason: `gender ${gender}; ${sex}: ${metWords(met)}` } };
}

// ---- the screening --------------------------------------------------------------------------

/** Screens one criterion (and a group's members, listed after it) and returns the rows and whether it is met. */
function screenCriterion(
  criterion: S.Criterion,
  polarity: 'include' | 'exclude',
  depth: number,
  context: ScreeningContext,
  row: (criterion: S.Criterion, depth: number, assessment: Assessment) => ScreenedCriterion,
): { met: boolean | undefined; rows: ScreenedCriterion[] } {
  if (criterion.kind === 'group') {
    const members = criterion.criteria.map((member) => screenCriterion(member, polarity, depth + 1, context, row));
    const values = members.map((member) => member.met);
    const met = criterion.mode === 'any' ? any3(values) : all3(values);
    const counts = [
      `${values.filter((value) => value === true).length} met`,
      `${values.filter((value) => value === false).length} not met`,
      `${values.filter((value) => value === undefined).length} not known`,
    ];
    const assessment: Assessment = { met, evidence: { reason: `${criterion.mode} of ${values.length}: ${counts.join(', ')}; ${metWords(met)}` } };
    return { met, rows: [row(criterion, depth, assessment), ...members.flatMap((member) => member.rows)] };
  }
  const screener = (SCREENERS as Record<string, ((criterion: S.Criterion, context: ScreeningContext) => Assessment) | undefined>)[criterion.kind];
  const assessment = screener ? screener(criterion, context) : unknown(`'${criterion.kind}' criteria are not screened yet`);
  return { met: assessment.met, rows: [row(criterion, depth, assessment)] };
}

/** Screens a patient against a protocol's eligibility at `date` (`YYYY-MM-DD`). */
export function screenPatient(protocol: ScreenedProtocol, record: PatientRecord, date: string): ScreenReport {
  const context: ScreeningContext = { record, date };
  const lines = createLineIndex(protocol.text);
  const lineOf = (span: S.Span) => lines.position(span.offset).line + 1;
  const eligibility = protocol.protocol.eligibility;
  const rows: ScreenedCriterion[] = [];
  const verdictOutcomes: Outcome[] = [];
  const add = (screened: ScreenedCriterion) => {
    rows.push(screened);
    if (screened.depth === 0) verdictOutcomes.push(screened.outcome);
  };
  if (eligibility && (eligibility.minimumAge || eligibility.maximumAge)) {
    const span = eligibility.ageSpan ?? (eligibility.minimumAge ?? eligibility.maximumAge)!.span;
    const assessment = assessAge(eligibility, context);
    add({
      line: lineOf(span),
      kind: 'inclusion',
      text: spanSource(protocol.text, span),
      outcome: outcomeOf(assessment.met, 'include'),
      evidence: assessment.evidence,
      depth: 0,
      span,
    });
  }
  if (eligibility?.sex) {
    const span = eligibilityFieldSpan(protocol.parse?.tree, 'sex') ?? eligibility.span;
    const assessment = assessSex(eligibility.sex, context);
    add({
      line: lineOf(span),
      kind: 'inclusion',
      text: `sex ${eligibility.sex}`,
      outcome: outcomeOf(assessment.met, 'include'),
      evidence: assessment.evidence,
      depth: 0,
      span,
    });
  }
  for (const [criteria, polarity] of [
    [eligibility?.inclusion ?? [], 'include'],
    [eligibility?.exclusion ?? [], 'exclude'],
  ] as const) {
    const row = (criterion: S.Criterion, depth: number, assessment: Assessment): ScreenedCriterion => ({
      line: lineOf(criterion.span),
      kind: polarity === 'include' ? 'inclusion' : 'exclusion',
      text: criterionSource(protocol.text, criterion),
      outcome: outcomeOf(assessment.met, polarity),
      evidence: assessment.evidence,
      depth,
      span: criterion.span,
    });
    for (const criterion of criteria) for (const screened of screenCriterion(criterion, polarity, 0, context, row).rows) add(screened);
  }
  // A protocol that states no criterion decides nothing about the patient.
  const verdict: Verdict = verdictOutcomes.includes('fail')
    ? 'ineligible'
    : verdictOutcomes.length > 0 && verdictOutcomes.every((outcome) => outcome === 'pass')
      ? 'eligible'
      : 'undetermined';
  return { verdict, criteria: rows, date, patient: record.patientCitation };
}
