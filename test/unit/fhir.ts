/**
 * Synthetic FHIR R4 patients for the pre-screening tests: small builders of the resources a
 * Bundle holds. Every patient is made up here; none comes from a real person.
 */

export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';

type Json = Record<string, unknown>;

/** A Bundle of the given resources, each an entry. */
export function bundle(...resources: Json[]): Json {
  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource, i) => ({ fullUrl: `urn:uuid:test-${i}`, resource })) };
}

export function patient(fields: { birthDate?: string; gender?: string; id?: string } = {}): Json {
  return { resourceType: 'Patient', id: fields.id ?? 'p1', ...fields };
}

/** A UCUM quantity (`unit` as shown, `code` the UCUM code). */
export function quantity(value: number, code: string): Json {
  return { value, unit: code, system: UCUM, code };
}

interface ObservationOptions {
  readonly id?: string;
  readonly date?: string;
  readonly status?: string;
  /** The reference range: upper and lower limits of normal, in `unit` unless `rangeUnit` says otherwise. */
  readonly high?: number;
  readonly low?: number;
  readonly rangeUnit?: string;
  readonly extra?: Json;
}

/** An Observation with a LOINC code and a UCUM valueQuantity. */
export function lab(loinc: string, value: number, unit: string, options: ObservationOptions = {}): Json {
  const range: Json = {};
  if (options.high !== undefined) range.high = quantity(options.high, options.rangeUnit ?? unit);
  if (options.low !== undefined) range.low = quantity(options.low, options.rangeUnit ?? unit);
  return {
    resourceType: 'Observation',
    id: options.id ?? `obs-${loinc}`,
    status: options.status ?? 'final',
    code: { coding: [{ system: LOINC, code: loinc }] },
    effectiveDateTime: options.date ?? '2024-04-20',
    valueQuantity: quantity(value, unit),
    ...(Object.keys(range).length ? { referenceRange: [range] } : {}),
    ...options.extra,
  };
}

/** An Observation of a score as an integer (as the mCODE performance-status profiles record it). */
export function score(loinc: string, value: number, options: ObservationOptions = {}): Json {
  return {
    resourceType: 'Observation',
    id: options.id ?? `score-${loinc}`,
    status: 'final',
    code: { coding: [{ system: LOINC, code: loinc }] },
    effectiveDateTime: options.date ?? '2024-04-20',
    valueInteger: value,
    ...options.extra,
  };
}

/** A MedicationStatement naming its medication in text. */
export function medication(name: string, fields: { id?: string; status?: string; date?: string } = {}): Json {
  return {
    resourceType: 'MedicationStatement',
    id: fields.id ?? `ms-${name.toLowerCase().replace(/\W+/g, '-')}`,
    status: fields.status ?? 'completed',
    medicationCodeableConcept: { text: name },
    effectiveDateTime: fields.date ?? '2023-06-01',
  };
}

export function condition(text: string): Json {
  return { resourceType: 'Condition', id: `c-${text.toLowerCase().replace(/\W+/g, '-')}`, code: { text } };
}

/** LOINC codes of the analyte table the tests use. */
export const CODES = {
  albumin: '1751-7',
  alt: '1742-6',
  ast: '1920-8',
  platelets: '777-3',
  hemoglobin: '718-7',
  hbvDna: '42595-9',
  hcvRna: '11011-4',
  inr: '6301-6',
  creatinine: '2160-0',
  bilirubin: '1975-2',
  ecog: '89247-1',
} as const;
