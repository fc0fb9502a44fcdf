/**
 * Pre-screening: one patient (a FHIR R4 Bundle, read by screen-fhir.ts) against a protocol's
 * eligibility, criterion by criterion. Each criterion, those inside any/all groups too, is met,
 * not met or not known from the record; an inclusion that is met passes, an exclusion that is met
 * fails the patient. Every outcome carries its evidence: the Observation, its value in the
 * criterion's unit, the ULN it was read against, its date; or why it is unknown. Nothing is
 * guessed: an observation whose code or unit does not fit, a score not recorded as a number, a
 * free-text criterion, a criterion kind this module does not know: each is `unknown`, with why.
 *
 * A threshold's condition (`if creatinine > 1.5 x ULN`) is read first: a criterion whose
 * condition the record shows not to hold does not bind the patient, and passes. Alternatives
 * (`or <= 5 x ULN if "liver metastases"`) are read against the same Observation, each with its
 * condition; a condition in words is never decided from a FHIR record. A time window keeps only
 * the Observations or therapies dated inside it; the trial's moments (enrollment, randomization,
 * registration, first_dose) are taken as the screening date, an event in words is not placed.
 *
 * Each criterion kind is one entry of SCREENERS; a kind added to the language is `unknown` until
 * it gets one.
 */

import { findAnalyte, type Analyte } from '../knowledge/analytes';
import { DRUG_CLASS_TAGS } from '../knowledge/drugs';
import { findDrug } from '../knowledge/index';
import { partText } from '../model/print';
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

/** The first and last days a FHIR date or dateTime allows: `1960` is any day of 1960, `1960-03` any of March. */
function dateBounds(date: string): { earliest: string; latest: string } {
  const day = date.slice(0, 10);
  if (day.length === 10) return { earliest: day, latest: day };
  if (day.length === 7) {
    const [year, month] = day.split('-').map(Number);
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return { earliest: `${day}-01`, latest: `${day}-${String(lastDay).padStart(2, '0')}` };
  }
  return { earliest: `${day}-01-01`, latest: `${day}-12-31` };
}

// ---- time windows ---------------------------------------------------------------------------

/** The dates a time window admits, at the screening: after `from` (on it too unless `fromStrict`), before `to` (on it too unless `toStrict`). */
interface WindowBounds {
  readonly from?: string;
  readonly fromStrict?: boolean;
  readonly to: string;
  readonly toStrict?: boolean;
  /** The window as written, with its dates: `within 14 days before enrollment (2024-04-17 to 2024-05-01; enrollment taken as the screening date)`. */
  readonly text: string;
}

/** `date` (`YYYY-MM-DD`) moved back by whole days, weeks, months or years; a day its month lacks becomes the month's last (31 March less a month is 29 February in a leap year). */
function calendarBefore(date: string, amount: number, unit: S.TimeWindow['unit']): string {
  const [year, month, day] = date.split('-').map(Number);
  if (unit === 'days' || unit === 'weeks') {
    return new Date(Date.UTC(year, month - 1, day - amount * (unit === 'weeks' ? 7 : 1))).toISOString().slice(0, 10);
  }
  const months = year * 12 + (month - 1) - amount * (unit === 'years' ? 12 : 1);
  const [toYear, toMonth] = [Math.floor(months / 12), months % 12];
  const lastDay = new Date(Date.UTC(toYear, toMonth + 1, 0)).getUTCDate();
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(toYear, 4)}-${pad(toMonth + 1)}-${pad(Math.min(day, lastDay))}`;
}

/**
 * The dates a window admits. The trial's moments (enrollment, randomization, registration,
 * first_dose) have not happened at a pre-screening: each is taken as the screening date. A window
 * after one lies past the screening date, which no record reaches; an event in words (`"surgery"`)
 * has no date in the record. Either is a reason, not bounds.
 */
function windowBounds(window: S.TimeWindow, context: ScreeningContext): WindowBounds | string {
  const words = partText.window(window);
  if (window.anchor.kind === 'event') return `${words}: the window is counted from "${window.anchor.text}", an event whose date the record does not give`;
  const moment = window.anchor.moment;
  const taken = `${moment} taken as the screening date`;
  if (window.direction === 'after') {
    return `${words}: with ${taken} (${context.date}), the window lies after it, and records after the screening date are not read`;
  }
  if (!Number.isInteger(window.value)) return `${words}: ${window.value} is not a whole number of ${window.unit}, so the window has no calendar date`;
  const boundary = calendarBefore(context.date, window.value, window.unit);
  switch (window.relation) {
    case 'within':
      return { from: boundary, to: context.date, text: `${words} (${boundary} to ${context.date}; ${taken})` };
    case 'less_than':
      return { from: boundary, fromStrict: true, to: context.date, text: `${words} (after ${boundary}, to ${context.date}; ${taken})` };
    case 'more_than':
      return { to: boundary, toStrict: true, text: `${words} (before ${boundary}; ${taken}, ${context.date})` };
    case 'at_least':
      return { to: boundary, text: `${words} (on or before ${boundary}; ${taken}, ${context.date})` };
  }
}

/** Whether a date known to lie between `earliest` and `latest` is inside a window, outside it, or may be either. */
function placement(earliest: string, latest: string, bounds: WindowBounds): 'inside' | 'outside' | 'maybe' {
  const afterFrom = (day: string) => bounds.from === undefined || day > bounds.from || (!bounds.fromStrict && day === bounds.from);
  const beforeTo = (day: string) => day < bounds.to || (!bounds.toStrict && day === bounds.to);
  if (afterFrom(earliest) && beforeTo(latest)) return 'inside';
  if (!afterFrom(latest) || !beforeTo(earliest)) return 'outside';
  return 'maybe';
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
function inCriterionUnit(value: number, criterion: Limit, analyte: Analyte): number | undefined {
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

/** An Observation an analyte criterion reads, with what the window (if any) made of its date. */
interface Found {
  readonly analyte: Analyte;
  readonly observation: Cited<Observation>;
  readonly codes: readonly string[];
  /** `the Observation of 2024-04-25 is within 14 days before enrollment (…)`. */
  readonly window?: string;
}

/**
 * The Observation an analyte criterion reads, or why there is none: the latest usable one with
 * one of the analyte's LOINC codes, on or before the screening date, and inside the window if the
 * criterion has one (undated Observations are then not read, and one whose date may or may not be
 * inside, and may be later than the one chosen, leaves the criterion unknown).
 */
function observationFor(name: string, context: ScreeningContext, bounds?: WindowBounds): Found | Assessment {
  const analyte = findAnalyte(name);
  if (!analyte) return unknown(`'${name}' is not in the analyte table, so no Observation is read for it`);
  const codes = (analyte.loinc ?? []).map((entry) => entry.code);
  if (codes.length === 0) return unknown(`the analyte table has no LOINC code for ${analyte.name}, so no Observation is read for it`);
  const matching = context.record.observations.filter(
    ({ resource }) =>
      !VOID_STATUSES.has(resource.status ?? '') &&
      (resource.code.coding ?? []).some((coding) => coding.system === LOINC_SYSTEM && codes.includes(coding.code ?? '')),
  );
  const usable = matching.filter(({ resource }) => onOrBefore(recordDate(resource), context.date));
  // Dated records first, latest first; an undated record is read only when no dated one is.
  const sorted = [...usable].sort((a, b) => (recordDate(b.resource) ?? '').localeCompare(recordDate(a.resource) ?? ''));
  const later = matching.length - usable.length;
  const codesText = `${codes.map((code) => `LOINC ${code}`).join(' or ')} (${analyte.name})`;
  const notRead = (counts: string[]) => {
    const notes = [...counts, ...(later > 0 ? [`${later} dated after ${context.date}`] : [])];
    return notes.length > 0 ? `; ${notes.join(', ')} not read` : '';
  };
  if (!bounds) {
    if (!sorted[0]) return unknown(`no Observation with ${codesText} on or before ${context.date}${notRead([])}`);
    return { analyte, observation: sorted[0], codes };
  }
  const placed = sorted.map((observation) => {
    const date = recordDate(observation.resource);
    const days = date === undefined ? undefined : dateBounds(date);
    return { observation, date, days, where: days ? placement(days.earliest, days.latest, bounds) : undefined };
  });
  const chosen = placed.find((entry) => entry.where === 'inside');
  // A partial date (`2024-04`) may lie inside the window or not, or be later than the one chosen: then which to read is not known.
  const uncertain = placed.find(
    (entry) => entry !== chosen && (entry.where === 'maybe' || entry.where === 'inside') && (!chosen || entry.days!.latest > chosen.days!.earliest),
  );
  if (uncertain) {
    const citation = uncertain.observation.citation;
    const why =
      uncertain.where === 'maybe'
        ? `which may or may not be ${bounds.text}`
        : `which may be later than ${chosen!.observation.citation} of ${chosen!.date}, both ${bounds.text}`;
    return unknown(`${citation} is dated ${uncertain.date}, ${why}`, { observation: citation, date: uncertain.date ?? null });
  }
  if (!chosen) {
    const outside = placed.filter((entry) => entry.where === 'outside').length;
    const undated = placed.filter((entry) => entry.where === undefined).length;
    const counts = [...(outside > 0 ? [`${outside} outside it`] : []), ...(undated > 0 ? [`${undated} undated`] : [])];
    return unknown(`no Observation with ${codesText} dated ${bounds.text}${notRead(counts)}`);
  }
  return { analyte, observation: chosen.observation, codes, window: `the Observation of ${chosen.date} is ${bounds.text}` };
}

function unknown(reason: string, evidence: Omit<Evidence, 'reason'> = {}): Reading {
  return { met: undefined, evidence: { ...evidence, reason } };
}

function isAssessment(value: object): value is Assessment {
  return 'evidence' in value;
}

/** A limit a recorded value is compared with: a threshold's, an alternative's (on the threshold's analyte) or a condition's. */
interface Limit {
  readonly analyte: string;
  readonly comparator: Threshold['comparator'];
  readonly value: number;
  readonly valueText: string;
  readonly multipleOf?: 'ULN' | 'LLN';
  readonly unit?: string;
  readonly ucum?: string;
  readonly normalized?: { readonly value: number; readonly unit: string };
}

/** An assessment of one limit, with the value compared in the limit's terms (`4 x ULN`, `3.6 g/dL`, `72 years`) where there was one. */
interface Reading extends Assessment {
  readonly shown?: string;
}

/** A limit against the record: age from the birth date, any other analyte from its Observation (inside the window, if one is given). */
function readLimit(limit: Limit, context: ScreeningContext, bounds?: WindowBounds): Reading {
  if (findAnalyte(limit.analyte)?.id === 'age') {
    return bounds ? unknown('age is read at the screening date, which a time window does not move') : assessAgeLimit(limit, context);
  }
  const found = observationFor(limit.analyte, context, bounds);
  if (isAssessment(found)) return found;
  const reading = compareLimit(limit, found);
  return found.window ? { ...reading, evidence: { ...reading.evidence, reason: `${reading.evidence.reason}; ${found.window}` } } : reading;
}

/** A limit against the value of an Observation. */
function compareLimit(criterion: Limit, found: Found): Reading {
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
    shown: shownValue,
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

function assessRelative(criterion: Limit, which: 'ULN' | 'LLN', analyte: Analyte, observation: Cited<Observation>, base: Omit<Evidence, 'reason'>): Reading {
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
    shown: `${rounded(ratio)} x ${which}`,
    evidence: {
      ...recorded,
      value: rounded(ratio),
      unit: `x ${which}`,
      ...(which === 'ULN' ? { uln: limitShown } : { lln: limitShown }),
      reason: `${observed.recorded} is ${rounded(ratio)} x ${which} (${which} ${bound.value} ${limitShown.unit}); ${criterion.comparator} ${criterion.valueText} x ${which}: ${metWords(met)}`,
    },
  };
}

type Polarity = 'include' | 'exclude';

/** `"liver metastases"`, `creatinine > 1.5 x ULN`. */
function conditionWords(condition: S.Condition): string {
  return condition.kind === 'text' ? `"${condition.text}"` : `${condition.analyte} ${partText.limit(condition)}`;
}

/** A condition against the record: a limit is read like a threshold (its latest Observation, no window); words never decide. */
function readCondition(condition: S.Condition, context: ScreeningContext): Reading {
  if (condition.kind === 'text') return unknown(`whether ${conditionWords(condition)} holds is free text, which the record cannot tell`);
  return readLimit(condition, context);
}

/** What the record says of a condition: `creatinine 2 x ULN > 1.5 x ULN`, `creatinine 1.1 x ULN is not > 1.5 x ULN`, or why it is not known. */
function conditionState(condition: S.Condition, reading: Reading): string {
  if (condition.kind === 'text' || reading.met === undefined) {
    return condition.kind === 'text' ? reading.evidence.reason : `${conditionWords(condition)} is not known: ${reading.evidence.reason}`;
  }
  return `${condition.analyte} ${reading.shown} ${reading.met ? '' : 'is not '}${partText.limit(condition)}`;
}

/** Evidence without its reason, to give another. */
function facts(evidence: Evidence): Omit<Evidence, 'reason'> {
  const { reason: _reason, ...rest } = evidence;
  return rest;
}

/**
 * A formula over atoms that may be unknown, decided when every way the unknown atoms could be
 * gives the same answer (`x or not x` is true though x is not known), else not known.
 */
function decide(atoms: readonly (boolean | undefined)[], formula: (values: readonly boolean[]) => boolean): boolean | undefined {
  const open = atoms.flatMap((value, index) => (value === undefined ? [index] : []));
  if (open.length > 12) return undefined;
  let answer: boolean | undefined;
  for (let mask = 0; mask < 1 << open.length; mask++) {
    const values = atoms.map((value) => value ?? false);
    open.forEach((index, bit) => (values[index] = ((mask >> bit) & 1) === 1));
    const value = formula(values);
    if (mask > 0 && value !== answer) return undefined;
    answer = value;
  }
  return answer;
}

/** Why a condition is not known, after its words: `which the record cannot tell (free text)`. */
function conditionOpen(condition: S.Condition, reading: Reading): string {
  return condition.kind === 'text' ? 'which the record cannot tell (free text)' : `which is not known: ${reading.evidence.reason}`;
}

/**
 * A threshold criterion: its main limit, under its condition if it has one, and its alternatives,
 * each under its own; the alternatives are limits on the same analyte, read against the same
 * Observation (inside the same window). Each limit binds only the patients its condition picks
 * out. An inclusion is met when a limit that applies is met, or when none applies (the criterion
 * does not bind the patient); an exclusion is met when a limit that applies is met. Conditions are
 * read first: when none applies, the criterion passes, on the conditions' evidence. What the
 * record does not show is decided only when every way it could be gives the same answer: an
 * inclusion whose limit is met passes whatever its condition; one whose limit is not met under a
 * condition not known is unknown. The evidence is the main limit's.
 */
function assessThreshold(criterion: Threshold, context: ScreeningContext, polarity: Polarity): Assessment {
  const alternatives = criterion.alternatives ?? [];
  const condition = criterion.condition;
  const conditionReading = condition && readCondition(condition, context);
  const alternativeConditions = alternatives.map((alternative) => readCondition(alternative.condition, context));
  if (condition && conditionReading?.met === false && alternativeConditions.every((reading) => reading.met === false)) {
    const states = [
      conditionState(condition, conditionReading),
      ...alternatives.map((alternative, i) => conditionState(alternative.condition, alternativeConditions[i])),
    ];
    return { met: polarity === 'include', evidence: { ...facts(conditionReading.evidence), reason: `does not apply: ${states.join(', and ')}` } };
  }
  const bounds = criterion.window ? windowBounds(criterion.window, context) : undefined;
  const read = (limit: Limit) => (typeof bounds === 'string' ? unknown(bounds) : readLimit(limit, context, bounds));
  const main = read(criterion);
  if (!condition && alternatives.length === 0) return main;
  const readings = alternatives.map((alternative) => read({ ...alternative, analyte: criterion.analyte }));
  // Atoms in pairs: each limit's condition (true for a main limit without one), and the limit.
  const atoms = [condition ? conditionReading!.met : true, main.met, ...alternatives.flatMap((_, i) => [alternativeConditions[i].met, readings[i].met])];
  const met = decide(atoms, (values) => {
    const pairs = Array.from({ length: values.length / 2 }, (_, i) => [values[2 * i], values[2 * i + 1]]);
    const holds = pairs.some(([applies, limit]) => applies && limit);
    return polarity === 'include' ? holds || pairs.every(([applies]) => !applies) : holds;
  });
  const evidence = (reason: string): Assessment => ({ met, evidence: { ...facts(main.evidence), reason } });
  if (alternatives.length === 0) {
    // One limit under one condition.
    const state = conditionState(condition!, conditionReading!);
    if (conditionReading!.met === true) return evidence(`applies, as ${state}; ${main.evidence.reason}`);
    if (met !== undefined) return evidence(`${main.evidence.reason}, whether or not ${conditionWords(condition!)}`);
    if (main.met === undefined) return evidence(main.evidence.reason);
    const verb = polarity === 'include' ? 'fails' : 'excludes';
    return evidence(`${main.evidence.reason}, which ${verb} the patient only if ${conditionWords(condition!)}; ${state}`);
  }
  const sameUnknown = (reading: Reading) => reading.met === undefined && main.met === undefined && reading.evidence.reason === main.evidence.reason;
  if (!condition && readings.every(sameUnknown)) return main;
  let mainPart = main.evidence.reason;
  if (condition) {
    const state = conditionState(condition, conditionReading!);
    mainPart =
      conditionReading!.met === true
        ? `${state}, so ${partText.limit(criterion)} applies: ${main.evidence.reason}`
        : conditionReading!.met === false
          ? `${state}, so ${partText.limit(criterion)} does not apply`
          : `${partText.limit(criterion)} applies only if ${conditionWords(condition)}, ${conditionOpen(condition, conditionReading!)}; ${main.evidence.reason}`;
  }
  const details = alternatives.map((alternative, i) => {
    const [reading, applies] = [readings[i], alternativeConditions[i]];
    const heading = `${partText.limit(alternative)} if ${conditionWords(alternative.condition)}`;
    if (reading.met === undefined) return `${heading}: ${sameUnknown(reading) ? 'not known either' : `not known: ${reading.evidence.reason}`}`;
    if (reading.met === false) return `${heading}: not met`;
    if (applies.met === true) return `${heading}: met, as ${conditionState(alternative.condition, applies)}`;
    if (applies.met === false) return `${heading}: met, but ${conditionState(alternative.condition, applies)}`;
    const only = alternative.condition.kind === 'text' ? 'only with' : 'only if';
    return `${heading}: ${reading.shown} meets it ${only} ${conditionWords(alternative.condition)}, ${conditionOpen(alternative.condition, applies)}`;
  });
  return evidence([mainPart, ...details].join('; '));
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

/**
 * When a therapy was last taken, as far as a MedicationStatement says by the screening date: the
 * end of its period; else, for a statement `active` (still taken), the screening date; else its
 * date (effectiveDateTime); else somewhere from the start of its period to the screening date.
 */
function lastTaken(statement: MedicationStatement, screening: string): { earliest: string; latest: string; text: string } | undefined {
  const upTo = (day: string) => (day > screening ? screening : day);
  const end = statement.effectivePeriod?.end;
  if (end) {
    const days = dateBounds(end);
    return { earliest: upTo(days.earliest), latest: upTo(days.latest), text: `ended ${end.slice(0, 10)}` };
  }
  if (statement.status === 'active') return { earliest: screening, latest: screening, text: `active on ${screening}` };
  const at = statement.effectiveDateTime;
  if (at) {
    const days = dateBounds(at);
    return { earliest: upTo(days.earliest), latest: upTo(days.latest), text: `dated ${at.slice(0, 10)}` };
  }
  const start = statement.effectivePeriod?.start;
  if (start) return { earliest: upTo(dateBounds(start).earliest), latest: screening, text: `started ${start.slice(0, 10)}, with no end recorded` };
  return undefined;
}

/**
 * Prior therapy: a MedicationStatement of the drug, or of a drug of the class. Under a time
 * window only the therapies last taken inside it count; one that may or may not be (a partial
 * date, a period without end, no date) leaves the criterion unknown when it names the therapy.
 */
function assessPrior(criterion: Prior, context: ScreeningContext): Assessment {
  const all = context.record.medicationStatements;
  if (all.length === 0) return unknown('the Bundle holds no MedicationStatement, so its medication history is not known');
  const bounds = criterion.window ? windowBounds(criterion.window, context) : undefined;
  if (typeof bounds === 'string') return unknown(bounds);
  const statements = all
    .filter(({ resource }) => !VOID_STATUSES.has(resource.status ?? '') && onOrBefore(recordDate(resource), context.date))
    .map((statement) => {
      const names = medicationNames(statement.resource, context.record);
      const drugs = names.map((name) => findDrug(name)).filter((drug) => drug !== undefined);
      const last = bounds ? lastTaken(statement.resource, context.date) : undefined;
      const where = !bounds ? 'inside' : last ? placement(last.earliest, last.latest, bounds) : 'maybe';
      return { statement, names, drugs, last, where };
    });
  type Entry = (typeof statements)[number];
  // Under a window, a therapy last taken outside it does not count.
  const counted = statements.filter((entry) => entry.where !== 'outside');
  const unidentified = counted.filter((entry) => entry.drugs.length === 0);
  const when = (entry: Entry) => (entry.last ? `${entry.last.text}, which may or may not be` : 'but it has no date to place it') + ` ${bounds?.text}`;
  const results = criterion.items.map((item) => {
    const tag = item.isDrug ? undefined : classTagOf(item.name);
    const target = item.isDrug ? findDrug(item.name) : undefined;
    const isItem = (entry: Entry) =>
      item.isDrug
        ? target
          ? entry.drugs.some((drug) => drug.id === target.id)
          : entry.names.some((name) => name.toLowerCase() === item.name.toLowerCase())
        : tag !== undefined && entry.drugs.some((drug) => drug.classes?.includes(tag as (typeof DRUG_CLASS_TAGS)[number]));
    const inside = counted.find((entry) => entry.where === 'inside' && isItem(entry));
    if (inside) return { item, met: true, match: inside, why: undefined as string | undefined };
    const maybe = counted.find((entry) => entry.where === 'maybe' && isItem(entry));
    if (maybe)
      return { item, met: undefined, match: undefined, why: `${maybe.statement.citation} records ${maybe.names[0] ?? 'a medication'}, ${when(maybe)}` };
    if (item.isDrug || counted.length === 0) return { item, met: false, match: undefined, why: undefined };
    if (!tag) return { item, met: undefined, match: undefined, why: `"${item.name}" names no drug class the drug table tags` };
    // A medication the drug table does not know may belong to the class: then the class is not ruled out.
    if (unidentified.length > 0)
      return {
        item,
        met: undefined,
        match: undefined,
        why: `${unidentified[0].statement.citation} names a medication the drug table does not know (${unidentified[0].names[0] ?? 'no name'})${unidentified[0].where === 'maybe' ? `, ${when(unidentified[0])}` : ''}`,
      };
    return { item, met: false, match: undefined, why: undefined };
  });
  const met = any3(results.map((result) => result.met));
  const matched = results.find((result) => result.met === true);
  const windowText = bounds ? ` ${bounds.text}` : '';
  if (matched?.match) {
    const { statement, names, last } = matched.match;
    return {
      met,
      evidence: {
        medication: statement.citation,
        date: recordDate(statement.resource) ?? null,
        reason: `${statement.citation} records ${names[0] ?? 'a medication'}, which is ${matched.item.name}${last ? `, ${last.text},${windowText}` : ''}: met`,
      },
    };
  }
  const open = results.filter((result) => result.met === undefined).map((result) => result.why);
  const outside = statements.length - counted.length;
  const reason =
    met === false
      ? `none of the ${statements.length} MedicationStatements on or before ${context.date} records ${criterion.items.map((item) => item.name).join(', ')}${bounds ? ` last taken${windowText}` : ''}${outside > 0 ? `; ${outside} of them outside the window` : ''}: not met`
      : `not known: ${open.join('; ')}`;
  return { met, evidence: { reason } };
}

/** The criterion kinds the screening reads; groups are combined from their members in `screenCriterion`. */
const SCREENERS: {
  readonly [K in Exclude<S.Criterion['kind'], 'group'>]: (
    criterion: Extract<S.Criterion, { kind: K }>,
    context: ScreeningContext,
    polarity: Polarity,
  ) => Assessment;
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

/** The patient's age at the screening date in completed `unit`s: the youngest and oldest a partial birth date allows; or why it is not known. */
function ageRange(context: ScreeningContext, unit: string): { youngest: number; oldest: number; birthDate: string } | string {
  const birthDate = context.record.patient.birthDate;
  if (!birthDate) return `${context.record.patientCitation} has no birthDate`;
  const { earliest, latest } = dateBounds(birthDate);
  if (earliest > context.date) return `${context.record.patientCitation} is born (${birthDate}) after the screening date ${context.date}`;
  const youngest = completedAge(latest > context.date ? context.date : latest, context.date, unit);
  return { youngest, oldest: completedAge(earliest, context.date, unit), birthDate };
}

function assessAge(eligibility: S.Eligibility, context: ScreeningContext): Assessment {
  const unit = (eligibility.minimumAge ?? eligibility.maximumAge)!.unit;
  const range = ageRange(context, unit);
  if (typeof range === 'string') return unknown(range);
  const { youngest, oldest, birthDate } = range;
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

/** The units of age a limit may be written in (UCUM), as `completedAge` counts them. */
const AGE_UNITS: Readonly<Record<string, string>> = { a: 'years', mo: 'months', wk: 'weeks', d: 'days' };

/** A limit on age (`if age >= 70 years`), at the screening date; a partial birth date decides only when every day it allows gives the same answer. */
function assessAgeLimit(limit: Limit, context: ScreeningContext): Reading {
  const unit = limit.ucum === undefined ? undefined : AGE_UNITS[limit.ucum];
  if (!unit) return unknown(limit.unit ? `an age in ${limit.unit} is not computed` : 'the limit on age gives no unit (years, months, weeks or days)');
  const range = ageRange(context, unit);
  if (typeof range === 'string') return unknown(range);
  const { youngest, oldest, birthDate } = range;
  const [atYoungest, atOldest] = [compares(youngest, limit.comparator, limit.value), compares(oldest, limit.comparator, limit.value)];
  // Ages between the two are whole numbers: at `=`, one of them may equal the limit.
  const between = limit.comparator === '=' && limit.value > youngest && limit.value < oldest;
  const met = atYoungest === atOldest && !between ? atYoungest : undefined;
  const age = youngest === oldest ? `${youngest}` : `${youngest}-${oldest}`;
  return {
    met,
    shown: `${age} ${unit}`,
    evidence: {
      ...(youngest === oldest ? { value: youngest, unit } : {}),
      date: context.date,
      reason: `${age} ${unit} on ${context.date} (born ${birthDate}); ${partText.limit(limit)}: ${metWords(met)}`,
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
  const screener = (SCREENERS as Record<string, ((criterion: S.Criterion, context: ScreeningContext, polarity: Polarity) => Assessment) | undefined>)[
    criterion.kind
  ];
  const assessment = screener ? screener(criterion, context, polarity) : unknown(`'${criterion.kind}' criteria are not screened yet`);
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
