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
  TPL015: {
    name: 'syntax.nesting-too-deep',
    severity: 'error',
    summary: 'Blocks nested deeper than the language allows (64 levels); the deeper block is skipped.',
  },
  // Suppression comments (`// trial-disable-next-line CODE`).
  TPL014: {
    name: 'suppression.unknown-code',
    severity: 'warning',
    summary: 'A suppression comment names a code that does not exist, or a syntax error, which it cannot silence.',
  },
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
  TPL211: {
    name: 'names.misspelt-drug',
    severity: 'error',
    summary: 'A drug name one edit away from a known drug, neither known nor declared investigational: a typo that would flow into totals and exports.',
  },
  TPL212: {
    name: 'eligibility.unit-slip',
    severity: 'warning',
    summary:
      "A threshold beyond every CTCAE grade of its analyte that another of the analyte's units would make an ordinary limit (platelets >= 100000 x10^9/L).",
  },
  TPL213: {
    name: 'eligibility.limit-excludes-normal',
    severity: 'warning',
    summary:
      'A ULN or LLN multiple on the wrong side of 1: an upper limit below 1 x ULN or a lower limit above 1 x LLN excludes patients whose values are normal.',
  },
  TPL214: {
    name: 'eligibility.beyond-grade-4',
    severity: 'warning',
    summary: 'A limit that admits values beyond the CTCAE v5.0 grade 4 (life-threatening) limit of its analyte (bilirubin <= 25 x ULN).',
  },
  // Doses.
  TPL220: { name: 'dose.outside-label', severity: 'warning', summary: 'A dose outside the labelled per-administration range.' },
  TPL221: { name: 'dose.beyond-bound', severity: 'error', summary: 'A dose so far above the label that it is almost surely a typo.' },
  TPL222: { name: 'dose.route-not-labelled', severity: 'warning', summary: "A route that the drug's label does not give (oxaliplatin PO, capecitabine IV)." },
  TPL223: { name: 'dose.forbidden-route', severity: 'error', summary: 'A route the label forbids, usually because it kills (vincristine intrathecally).' },
  TPL224: {
    name: 'dose.infusion-time',
    severity: 'warning',
    summary: "An infusion time ('over 30 min') faster or slower than the label's (docetaxel over 1 hour).",
  },
  TPL225: {
    name: 'dose.schedule-intensity',
    severity: 'warning',
    summary: 'A dose intensity per week above the most intense labelled regimen (docetaxel 75 mg/m2 weekly, against 100 mg/m2 every 3 weeks).',
  },
  TPL226: {
    name: 'dose.course-limit',
    severity: 'warning',
    summary: "A course with more cycles or administrations, or longer, than the label's cap for every indication.",
  },
  TPL227: {
    name: 'dose.lifetime-limit',
    severity: 'warning',
    summary: "A cumulative dose over an arm beyond the drug's lifetime maximum (doxorubicin 550 mg/m2), or an open-ended course of such a drug.",
  },
  TPL228: {
    name: 'dose.per-cycle-limit',
    severity: 'warning',
    summary: "One cycle's total above the label's per-cycle ceiling (cisplatin above 100 mg/m2 a cycle).",
  },
  TPL229: {
    name: 'dose.calvert-cap',
    severity: 'warning',
    summary: "A carboplatin cap ('max N mg') above target AUC x 150 mg, the most the Calvert formula gives with the GFR capped at 125 mL/min.",
  },
  // Schedules.
  TPL230: { name: 'schedule.day-outside-cycle', severity: 'error', summary: 'A dosing day after the last day of its cycle.' },
  TPL231: { name: 'schedule.course-length', severity: 'warning', summary: 'A continuous course whose length differs from the cycles it runs beside.' },
  TPL232: { name: 'schedule.frequency-days', severity: 'warning', summary: 'A frequency that contradicts the dosing days (q3w on days 1 and 8).' },
  TPL233: { name: 'schedule.missing-cycle-count', severity: 'warning', summary: 'A cycle without its number of repetitions.' },
  TPL234: { name: 'schedule.missing-days', severity: 'warning', summary: 'A dose inside a cycle with neither days nor a frequency.' },
  TPL235: {
    name: 'schedule.course-unstated',
    severity: 'warning',
    summary: "A course given at an interval with no end: no 'x N', 'for', 'up to' or 'until', so its total cannot be computed.",
  },
  TPL236: { name: 'schedule.never-given', severity: 'error', summary: 'A dose line whose cycles never come in its block, so it yields no administration.' },
  TPL237: {
    name: 'schedule.course-unit',
    severity: 'error',
    summary: "A course length or a cycle selection that does not apply where it stands ('for 4 cycles' or 'cycles 1-4' outside a cycle block).",
  },
  TPL238: {
    name: 'schedule.course-conflict',
    severity: 'warning',
    summary: "Two ends of one course that disagree ('x 8' and 'for 12 weeks' of 21-day cycles).",
  },
  TPL239: {
    name: 'schedule.label-course-limit',
    severity: 'information',
    summary:
      "A course the label caps in one indication that goes beyond the cap, or a course with no end where the label stops the drug (pembrolizumab 'up to 24 months').",
  },
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
  TPL245: {
    name: 'eligibility.age-range',
    severity: 'error',
    summary: 'An age range whose lower limit is above its upper limit, or a minimum age beyond the ages people reach.',
  },
  TPL246: {
    name: 'eligibility.uln-not-applicable',
    severity: 'warning',
    summary: 'A ULN or LLN multiple for an analyte that has no such reference limit in use.',
  },
  TPL247: { name: 'eligibility.score-out-of-scale', severity: 'error', summary: 'A score or class that its scale does not have (ECOG 6, Child-Pugh D).' },
  TPL248: { name: 'eligibility.age-outside-limits', severity: 'warning', summary: "An age criterion outside the trial's stated age limits." },
  TPL249: {
    name: 'eligibility.age-beyond-life',
    severity: 'information',
    summary: 'A maximum age beyond the ages people reach, which excludes no one (registries write 130 years for no limit).',
  },
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
  TPL257: { name: 'registry.arm-type', severity: 'warning', summary: 'An arm of an interventional study without a type, which the registry requires.' },
  TPL258: {
    name: 'registry.target-duration',
    severity: 'warning',
    summary: 'A target duration the registry cannot take: a whole number and a unit, as "3 Years".',
  },
  // Cross-checks between eligibility and drugs, where a label ties them.
  TPL260: {
    name: 'cross.renal-threshold',
    severity: 'warning',
    summary: "A creatinine clearance limit that admits patients a drug's label contraindicates or reduces.",
  },
  TPL261: { name: 'cross.weight-dose', severity: 'information', summary: 'A flat dose of a drug whose label sets the dose by body weight.' },
  TPL262: {
    name: 'cross.label-requirement',
    severity: 'warning',
    summary: "An organ-function or blood-count limit the drug's label requires that the eligibility does not (docetaxel: bilirubin <= 1 x ULN).",
  },
  TPL263: {
    name: 'cross.premedication',
    severity: 'information',
    summary: 'A premedication the label requires that the protocol never names (pemetrexed: folic acid and vitamin B12).',
  },
  TPL264: {
    name: 'cross.class-exclusion',
    severity: 'information',
    summary: 'A drug class whose trials exclude a condition the eligibility does not (PD-1/PD-L1 antibodies and autoimmune disease).',
  },
  // Conditional limits.
  TPL270: {
    name: 'eligibility.alternative-limit',
    severity: 'warning',
    summary:
      "An alternative limit ('or <= 5 x ULN if …') that admits no one the main limit refuses: it bounds the other side, is no looser, or another criterion caps it.",
  },
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

/**
 * The anchor of a code's heading in docs/diagnostics.md (`## TPL220 \`dose.outside-label\``) as
 * GitHub and VS Code's Markdown preview make it: `tpl220-doseoutside-label`.
 */
export function codeAnchor(code: Code): string {
  return `${code.toLowerCase()}-${Codes[code].name.replace(/[^a-z0-9-]/g, '')}`;
}
