/**
 * What the server and the extension agree on: the semantic token legend and the settings.
 * The extension's package.json `contributes` mirrors these (checked by a test).
 */

/** Semantic token types, in legend order. Custom types are declared in package.json with a super type. */
export const TOKEN_TYPES = [
  'keyword',
  'drug',
  'analyte',
  'unit',
  'number',
  'arm',
  'intervention',
  'string',
  'comment',
  'operator',
  'enumMember',
  'property',
] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

/** Semantic token modifiers, in legend order. */
export const TOKEN_MODIFIERS = ['declaration', 'readonly'] as const;
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

/** The `trial.*` settings. */
import { DEFAULT_REFERENCE_PATIENT } from '../knowledge/reference-patient';

export interface Settings {
  /** Body surface area of the reference patient, m2, for hover's absolute doses. */
  readonly referenceBsa: number;
  /** Body weight of the reference patient, kg. */
  readonly referenceWeight: number;
  /** GFR of the reference patient, mL/min, for doses by target AUC (the Calvert formula). */
  readonly referenceGfr: number;
  /** Severity overrides by code or name: `{ "TPL104": "warning", "names.unused-drug": "off" }`. */
  readonly rules: Readonly<Record<string, 'off' | 'hint' | 'information' | 'warning' | 'error'>>;
  readonly inlayHints: boolean;
}

/** The reference patient of the absolute doses, unless settings say otherwise (knowledge/reference-patient.ts). */
export const DEFAULT_SETTINGS: Settings = {
  referenceBsa: DEFAULT_REFERENCE_PATIENT.bsa,
  referenceWeight: DEFAULT_REFERENCE_PATIENT.weight,
  referenceGfr: DEFAULT_REFERENCE_PATIENT.gfr,
  rules: {},
  inlayHints: true,
};
