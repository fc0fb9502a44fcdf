/**
 * The patient a pre-screening reads: a FHIR R4 Bundle (http://hl7.org/fhir/R4/bundle.html), the
 * format EHRs export, validated with zod as far as the screening reads it. The Bundle holds one
 * Patient (birthDate, gender), Observations (a LOINC `code`, a UCUM `valueQuantity` or a
 * `valueInteger`, the lab's `referenceRange`, an effective date), Conditions, and
 * MedicationStatements (a coded or named medication, or a reference to a Medication in the
 * Bundle). Objects are not strict: a real export holds many more fields, which parsing drops;
 * resources of other types are skipped. Anything the screening reads that is malformed is bad
 * input, named by its path in one line.
 */

import { z } from 'zod';

/** Bad input: not JSON, not FHIR, not a Bundle, no Patient, or a malformed resource; the message is one line. */
export class PatientInputError extends Error {}

/** The code system of LOINC in FHIR. */
export const LOINC_SYSTEM = 'http://loinc.org';
/** The code system of UCUM in FHIR. */
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';

/** FHIR `date`: a year, a year and month, or a full date. */
const FHIR_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
/** FHIR `dateTime`: a date, or a full date with a time and a zone. */
const FHIR_DATE_TIME =
  /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00)))?)?)?$/;

const FhirDate = z.string().regex(FHIR_DATE, 'not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)');
const FhirDateTime = z.string().regex(FHIR_DATE_TIME, 'not a FHIR dateTime');

export const Coding = z.object({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() });
export const CodeableConcept = z.object({ coding: z.array(Coding).optional(), text: z.string().optional() });
export const Quantity = z.object({
  value: z.number().optional(),
  comparator: z.enum(['<', '<=', '>=', '>']).optional(),
  unit: z.string().optional(),
  system: z.string().optional(),
  code: z.string().optional(),
});
const Period = z.object({ start: FhirDateTime.optional(), end: FhirDateTime.optional() });
const Reference = z.object({ reference: z.string().optional(), display: z.string().optional() });

export const ReferenceRange = z.object({
  low: Quantity.optional(),
  high: Quantity.optional(),
  type: CodeableConcept.optional(),
  appliesTo: z.array(CodeableConcept).optional(),
  text: z.string().optional(),
});

export const Patient = z.object({
  resourceType: z.literal('Patient'),
  id: z.string().optional(),
  birthDate: FhirDate.optional(),
  gender: z.enum(['male', 'female', 'other', 'unknown']).optional(),
});

export const Observation = z.object({
  resourceType: z.literal('Observation'),
  id: z.string().optional(),
  status: z.string().optional(),
  code: CodeableConcept,
  effectiveDateTime: FhirDateTime.optional(),
  effectivePeriod: Period.optional(),
  effectiveInstant: FhirDateTime.optional(),
  issued: FhirDateTime.optional(),
  valueQuantity: Quantity.optional(),
  valueInteger: z.number().int().optional(),
  valueCodeableConcept: CodeableConcept.optional(),
  valueString: z.string().optional(),
  valueBoolean: z.boolean().optional(),
  dataAbsentReason: CodeableConcept.optional(),
  referenceRange: z.array(ReferenceRange).optional(),
});

export const Condition = z.object({
  resourceType: z.literal('Condition'),
  id: z.string().optional(),
  code: CodeableConcept.optional(),
  clinicalStatus: CodeableConcept.optional(),
  verificationStatus: CodeableConcept.optional(),
  onsetDateTime: FhirDateTime.optional(),
  recordedDate: FhirDateTime.optional(),
});

export const MedicationStatement = z.object({
  resourceType: z.literal('MedicationStatement'),
  id: z.string().optional(),
  status: z.string().optional(),
  medicationCodeableConcept: CodeableConcept.optional(),
  medicationReference: Reference.optional(),
  effectiveDateTime: FhirDateTime.optional(),
  effectivePeriod: Period.optional(),
});

export const Medication = z.object({ resourceType: z.literal('Medication'), id: z.string().optional(), code: CodeableConcept.optional() });

const Resource = z.looseObject({ resourceType: z.string() });
const Entry = z.object({ fullUrl: z.string().optional(), resource: Resource.optional() });
export const Bundle = z.object({ resourceType: z.literal('Bundle'), type: z.string().optional(), entry: z.array(Entry).optional() });

export type Coding = z.infer<typeof Coding>;
export type CodeableConcept = z.infer<typeof CodeableConcept>;
export type Quantity = z.infer<typeof Quantity>;
export type ReferenceRange = z.infer<typeof ReferenceRange>;
export type Observation = z.infer<typeof Observation>;
export type Condition = z.infer<typeof Condition>;
export type MedicationStatement = z.infer<typeof MedicationStatement>;
export type Medication = z.infer<typeof Medication>;

/** A resource of the Bundle with how it is cited in evidence: `Observation/alb-1`, or its place in the Bundle. */
export interface Cited<R> {
  readonly resource: R;
  readonly citation: string;
}

/** The patient as the screening reads them. */
export interface PatientRecord {
  readonly patient: z.infer<typeof Patient>;
  readonly patientCitation: string;
  readonly observations: readonly Cited<Observation>[];
  readonly conditions: readonly Cited<Condition>[];
  readonly medicationStatements: readonly Cited<MedicationStatement>[];
  /** The Bundle's Medication resources, by `Medication/id` and by fullUrl, for medicationReference. */
  readonly medications: ReadonlyMap<string, Medication>;
}

/** The resources the screening reads, by type; others are skipped. */
const READ_RESOURCES = { Patient, Observation, Condition, MedicationStatement, Medication } as const;

/** A zod issue as one line: `entry[3].resource.valueQuantity.value: expected number, received string`. */
function issueLine(prefix: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  return `${prefix}${path}: ${issue.message}`;
}

/** Checks that a FHIR date names a day that exists (the pattern allows 2023-02-30). */
function realDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return true;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}

/** Reads a parsed JSON value as a patient Bundle; throws PatientInputError with one line when it is not one. */
export function readPatientBundle(json: unknown): PatientRecord {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new PatientInputError('is not a FHIR resource: a JSON object was expected');
  const resourceType = (json as { resourceType?: unknown }).resourceType;
  if (typeof resourceType !== 'string') throw new PatientInputError('is not a FHIR resource: it has no resourceType');
  if (resourceType !== 'Bundle') throw new PatientInputError(`is a FHIR ${resourceType}, not a Bundle`);
  const bundle = Bundle.safeParse(json);
  if (!bundle.success) throw new PatientInputError(issueLine('Bundle', bundle.error));
  const patients: z.infer<typeof Patient>[] = [];
  const patientCitations: string[] = [];
  const observations: Cited<Observation>[] = [];
  const conditions: Cited<Condition>[] = [];
  const medicationStatements: Cited<MedicationStatement>[] = [];
  const medications = new Map<string, Medication>();
  (bundle.data.entry ?? []).forEach((entry, index) => {
    const raw = entry.resource;
    if (!raw) return;
    const type = raw.resourceType;
    if (!(type in READ_RESOURCES)) return;
    const schema = READ_RESOURCES[type as keyof typeof READ_RESOURCES];
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new PatientInputError(issueLine(`entry[${index}].resource (${type})`, parsed.error));
    const resource = parsed.data;
    const citation = resource.id ? `${type}/${resource.id}` : (entry.fullUrl ?? `entry[${index}]`);
    for (const date of datesOf(resource)) {
      if (!realDate(date)) throw new PatientInputError(`entry[${index}].resource (${type}): ${date} is not a date of the calendar`);
    }
    switch (resource.resourceType) {
      case 'Patient':
        patients.push(resource);
        patientCitations.push(citation);
        break;
      case 'Observation':
        observations.push({ resource, citation });
        break;
      case 'Condition':
        conditions.push({ resource, citation });
        break;
      case 'MedicationStatement':
        medicationStatements.push({ resource, citation });
        break;
      case 'Medication':
        if (resource.id) medications.set(`Medication/${resource.id}`, resource);
        if (entry.fullUrl) medications.set(entry.fullUrl, resource);
        break;
    }
  });
  if (patients.length === 0) throw new PatientInputError('the Bundle holds no Patient');
  if (patients.length > 1) throw new PatientInputError(`the Bundle holds ${patients.length} Patients; screen one patient at a time`);
  return { patient: patients[0], patientCitation: patientCitations[0], observations, conditions, medicationStatements, medications };
}

/** The dates a resource carries, for the calendar check. */
function datesOf(resource: { resourceType: string } & Record<string, unknown>): string[] {
  const dates: string[] = [];
  for (const key of ['birthDate', 'effectiveDateTime', 'effectiveInstant', 'issued', 'onsetDateTime', 'recordedDate']) {
    const value = resource[key];
    if (typeof value === 'string') dates.push(value);
  }
  const period = resource.effectivePeriod as { start?: string; end?: string } | undefined;
  if (period?.start) dates.push(period.start);
  if (period?.end) dates.push(period.end);
  return dates;
}
