/**
 * The one table of diagnostic codes. A code never changes meaning once released; each has a
 * stable name, a default severity that settings and `trial check --rule` may override, and a
 * one-line summary used by the docs test (every code here must be listed in docs/diagnostics.md).
 * This module is plain data, so every layer (syntax included) may import it.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface CodeInfo {
  readonly code: string;
  readonly name: string;
  readonly severity: Severity;
  readonly summary: string;
}

function defineCodes<const T extends Record<string, Omit<CodeInfo, 'code'>>>(table: T): { readonly [K in keyof T]: CodeInfo } {
  const result: Record<string, CodeInfo> = {};
  for (const [code, info] of Object.entries(table)) result[code] = { code, ...info };
  return result as { readonly [K in keyof T]: CodeInfo };
}

export const Codes = defineCodes({
  // Syntax: the scanner and parser.
  TPL001: { name: 'syntax.unexpected-character', severity: 'error', summary: 'A character that no token of the language starts with.' },
  TPL002: { name: 'syntax.unterminated-string', severity: 'error', summary: 'A string without its closing quote on the same line.' },
  TPL003: { name: 'syntax.invalid-escape', severity: 'error', summary: 'A backslash escape other than \\" \\\\ \\n \\t \\uXXXX.' },
  TPL004: { name: 'syntax.unterminated-comment', severity: 'error', summary: 'A /* comment without its closing */.' },
  TPL005: { name: 'syntax.invalid-number', severity: 'error', summary: 'A power other than 10^N, or a ^ without an exponent.' },
  TPL010: { name: 'syntax.expected', severity: 'error', summary: 'A statement is missing a part (a value, a unit, a brace).' },
  TPL011: { name: 'syntax.unknown-statement', severity: 'error', summary: 'A word that does not start a statement where it stands.' },
  TPL012: { name: 'syntax.unclosed-block', severity: 'error', summary: 'A { whose closing } is missing.' },
  TPL013: { name: 'syntax.unexpected-token', severity: 'error', summary: 'A token that cannot stand where it stands (a stray } or ,).' },
  // Model: lowering the tree to the resolved protocol.
  TPL101: { name: 'model.invalid-value', severity: 'error', summary: 'A value outside the allowed set of its field (a status, a phase, a route).' },
  TPL102: { name: 'model.invalid-date', severity: 'error', summary: 'A date that does not exist in the calendar.' },
  TPL103: { name: 'model.duplicate-field', severity: 'error', summary: 'A field or dose modifier given twice where it may appear once.' },
  TPL104: { name: 'model.unknown-unit', severity: 'error', summary: 'A unit that is neither a UCUM unit nor one of the friendly forms.' },
  TPL105: {
    name: 'model.not-a-dose-unit',
    severity: 'error',
    summary: 'A dose unit that is not a mass, a mass per body surface or per body weight, or international units.',
  },
  TPL106: { name: 'model.unresolved-reference', severity: 'error', summary: 'A reference to an intervention that is not declared.' },
  TPL107: { name: 'model.duplicate-block', severity: 'error', summary: 'A second trial or eligibility block in one file.' },
  TPL108: {
    name: 'model.invalid-range',
    severity: 'error',
    summary: 'A range whose end comes before its start (days 14-1), or a zero or fractional day, cycle or count.',
  },
  TPL109: { name: 'model.unit-mismatch', severity: 'error', summary: "A threshold whose unit cannot be converted to its analyte's canonical unit." },
  // Names.
  TPL201: { name: 'names.unknown-drug', severity: 'warning', summary: 'A drug the knowledge table does not know, perhaps misspelt.' },
  TPL202: { name: 'names.undeclared-drug', severity: 'information', summary: 'A drug used in an arm without a drug declaration.' },
  TPL203: { name: 'names.unused-drug', severity: 'warning', summary: 'A declared drug that no arm uses.' },
  TPL204: { name: 'names.unknown-analyte', severity: 'warning', summary: 'An analyte or score the knowledge table does not know, perhaps misspelt.' },
  TPL205: { name: 'names.duplicate-id', severity: 'error', summary: 'Two arms, drugs or interventions with the same identifier.' },
  TPL206: { name: 'names.synonym', severity: 'hint', summary: 'A drug written by a brand, code or other name rather than its generic name.' },
  // Units.
  TPL210: {
    name: 'units.dose-basis',
    severity: 'warning',
    summary: "A dose whose unit does not fit the drug's labelled dose basis (mg where mg/m2 is labelled).",
  },
  // Doses.
  TPL220: { name: 'dose.outside-label', severity: 'warning', summary: 'A dose outside the labelled per-administration range.' },
  TPL221: { name: 'dose.beyond-bound', severity: 'error', summary: 'A dose so far above the label that it is almost surely a typo.' },
  // Schedules.
  TPL230: { name: 'schedule.day-outside-cycle', severity: 'error', summary: 'A dosing day after the last day of its cycle.' },
  TPL231: { name: 'schedule.course-length', severity: 'warning', summary: 'A continuous course whose length differs from the cycles it runs beside.' },
  TPL232: { name: 'schedule.frequency-days', severity: 'warning', summary: 'A frequency that contradicts the dosing days (q3w on days 1 and 8).' },
  TPL233: { name: 'schedule.missing-cycle-count', severity: 'warning', summary: 'A cycle without its number of repetitions.' },
  TPL234: { name: 'schedule.missing-days', severity: 'warning', summary: 'A dose inside a cycle with neither days nor a frequency.' },
  // Eligibility.
  TPL240: {
    name: 'eligibility.implausible-value',
    severity: 'warning',
    summary: "A threshold outside the analyte's physiologically plausible range for its unit.",
  },
  TPL241: {
    name: 'eligibility.lost-superscript',
    severity: 'warning',
    summary: 'A viral load or count written 104 or x109/L where a superscript was lost (10^4, x10^9/L).',
  },
  TPL242: { name: 'eligibility.unsatisfiable', severity: 'error', summary: 'Inclusion criteria that no patient can meet together.' },
  TPL243: { name: 'eligibility.excludes-everyone', severity: 'error', summary: 'An exclusion that removes every patient the inclusion admits.' },
  TPL244: { name: 'eligibility.redundant', severity: 'warning', summary: 'A criterion that repeats or is implied by another.' },
  TPL245: { name: 'eligibility.age-range', severity: 'error', summary: 'An age range whose lower limit is above its upper limit, or outside human ages.' },
  TPL246: {
    name: 'eligibility.uln-not-applicable',
    severity: 'warning',
    summary: 'A ULN or LLN multiple for an analyte that has no such reference limit in use.',
  },
  TPL247: { name: 'eligibility.score-out-of-scale', severity: 'error', summary: 'A score or class that its scale does not have (ECOG 6, Child-Pugh D).' },
  TPL248: { name: 'eligibility.age-outside-limits', severity: 'warning', summary: "An age criterion outside the trial's stated age limits." },
  // Registry fields, as ClinicalTrials.gov's PRS checks them.
  TPL250: { name: 'registry.nct-id', severity: 'error', summary: 'An NCT number that is not NCT and 8 digits.' },
  TPL251: {
    name: 'registry.date-order',
    severity: 'error',
    summary: 'Dates out of order (start after primary completion, primary completion after completion…).',
  },
  TPL252: { name: 'registry.enrollment', severity: 'error', summary: 'An enrollment of 0 outside a withdrawn study.' },
  TPL253: { name: 'registry.design-arms', severity: 'warning', summary: 'Allocation or model inconsistent with the number of arms.' },
  TPL254: { name: 'registry.required-field', severity: 'warning', summary: 'A field the registry requires is missing.' },
  TPL255: { name: 'registry.outcome', severity: 'warning', summary: 'An outcome without a time frame, or no primary outcome.' },
  TPL256: { name: 'registry.missing-trial', severity: 'error', summary: 'A document without a trial block (an empty document included).' },
  // Cross-checks between eligibility and drugs, where a label ties them.
  TPL260: {
    name: 'cross.renal-threshold',
    severity: 'warning',
    summary: "A creatinine clearance limit that admits patients a drug's label contraindicates or reduces.",
  },
  TPL261: { name: 'cross.weight-dose', severity: 'information', summary: 'A flat dose of a drug whose label sets the dose by body weight.' },
});

export type Code = keyof typeof Codes;

/** A replacement of `length` characters at `offset` by `newText`. */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly newText: string;
}

/** A quick fix: a title and the edits that apply it. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** True when the fix is the one obvious correction (applied by "fix all"). */
  readonly preferred?: boolean;
}

/** Another place a diagnostic involves (the criterion an exclusion contradicts). */
export interface RelatedLocation {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}

/** A problem found in a document, located by offset and length; severity comes from the rule table. */
export interface Finding {
  readonly code: Code;
  readonly message: string;
  readonly offset: number;
  readonly length: number;
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedLocation[];
}

/** Looks a code up by its code (`TPL010`) or its name (`syntax.expected`). */
export function findCode(codeOrName: string): CodeInfo | undefined {
  const table: Readonly<Record<string, CodeInfo>> = Codes;
  if (table[codeOrName]) return table[codeOrName];
  return Object.values(table).find((info) => info.name === codeOrName);
}
