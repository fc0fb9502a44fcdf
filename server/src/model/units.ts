/**
 * Units through UCUM (the NLM's @lhncbc/ucum-lhc): friendly forms written in protocols are
 * mapped to UCUM codes, validated, and converted. No unit algebra is written by hand here.
 */

import * as ucum from '@lhncbc/ucum-lhc';
import { COMMON_UNITS, FRIENDLY_FORMS, FRIENDLY_UNITS } from '../language/units';
import type { Analyte } from '../knowledge/analytes';
import { closestMatches } from '../util/text';

interface UcumUtils {
  validateUnitString(
    unit: string,
    suggest?: boolean,
  ): {
    status: 'valid' | 'invalid' | 'error';
    ucumCode: string | null;
    unit: { name: string } | null;
    msg: string[];
    suggestions?: { units: [string, string, string][] }[];
  };
  convertUnitTo(
    from: string,
    value: number,
    to: string,
    options?: { molecularWeight?: number },
  ): { status: 'succeeded' | 'failed' | 'error'; toVal: number | null; msg: string[]; fromUnit?: { isSpecial_?: boolean } };
}

const utils: UcumUtils = (ucum as unknown as { UcumLhcUtils: { getInstance(): UcumUtils } }).UcumLhcUtils.getInstance();

/** `x10^9/L` -> `10*9/L`, `x10^12/L` -> `10*12/L`. */
const POWER_UNIT = /^[x×]10\^(-?\d+)(.*)$/;

export interface UnitResolution {
  /** The UCUM code, when the unit is valid. */
  readonly ucum?: string;
  /** UCUM's own message when the unit is not valid. */
  readonly problem?: string;
  /** Valid UCUM units close to the written one, for the message. */
  readonly suggestions: readonly string[];
}

const resolutionCache = new Map<string, UnitResolution>();

/** Maps a unit as written to UCUM and validates it. Cached: protocols repeat few units. */
export function resolveUnit(written: string): UnitResolution {
  const cached = resolutionCache.get(written);
  if (cached) return cached;
  const resolution = resolveUncached(written);
  resolutionCache.set(written, resolution);
  return resolution;
}

function resolveUncached(written: string): UnitResolution {
  let candidate = FRIENDLY_UNITS[written] ?? written;
  const power = POWER_UNIT.exec(candidate);
  if (power) candidate = `10*${power[1]}${power[2]}`;
  candidate = candidate.replace(/µ|μ/g, 'u');
  try {
    const result = utils.validateUnitString(candidate, true);
    if (result.status === 'valid' && result.ucumCode) return { ucum: result.ucumCode, suggestions: [] };
    const suggestions: string[] = [];
    for (const group of result.suggestions ?? []) for (const unit of group.units) suggestions.push(unit[0]);
    return { problem: result.msg.join(' ') || `'${written}' is not a UCUM unit.`, suggestions: suggestions.slice(0, 5) };
  } catch {
    return { problem: `'${written}' is not a UCUM unit.`, suggestions: [] };
  }
}

const factorCache = new Map<string, number | null>();

/**
 * Converts `value` from one UCUM unit to another, with a molar mass (g/mol) where mass and
 * substance amount meet. Returns undefined when the units do not convert.
 */
export function convert(value: number, from: string, to: string, molarMass?: number): number | undefined {
  if (from === to) return value;
  const key = `${from}\u0000${to}\u0000${molarMass ?? ''}`;
  let factor = factorCache.get(key);
  if (factor === undefined) {
    factor = conversionFactor(from, to, molarMass);
    factorCache.set(key, factor);
  }
  if (factor === null) return undefined;
  return roundSignificant(value * factor);
}

/** The linear factor between two units, or null when they do not convert linearly. */
function conversionFactor(from: string, to: string, molarMass?: number): number | null {
  try {
    const options = molarMass === undefined ? undefined : { molecularWeight: molarMass };
    const result = utils.convertUnitTo(from, 1, to, options);
    if (result.status !== 'succeeded' || result.toVal === null) return null;
    if (result.fromUnit?.isSpecial_) return null; // offset scales (temperature) are not linear
    return result.toVal;
  } catch {
    return null;
  }
}

/**
 * A threshold value in `ucum` normalised for an analyte: converted to its canonical unit when
 * the unit is one of its `units` or equal by definition to one of them (`equivalentUnits`: IU/L
 * for U/L, mEq/L for mmol/L, which ucum-lhc does not convert); kept in its own unit when the
 * analyte accepts it but never converts it (`separateUnits`: HBV DNA in IU/mL against copies/mL).
 * Undefined when the analyte is not written in that unit.
 */
export function normalizeForAnalyte(value: number, ucum: string, analyte: Analyte): { value: number; unit: string } | undefined {
  const canonical = analyte.canonicalUnit;
  if (!canonical) return undefined;
  // Only the units the analyte is reported in convert: a dimensionless ratio would otherwise
  // "convert" to another (HbA1c mmol/mol is not a tenth of its %), and a count to a fraction.
  if (analyte.units.includes(ucum)) {
    const converted = convert(value, ucum, canonical, analyte.molarMass);
    return converted === undefined ? undefined : { value: converted, unit: canonical };
  }
  const equivalent = analyte.equivalentUnits?.find((entry) => entry.unit === ucum);
  if (equivalent) {
    const converted = convert(roundSignificant(value * equivalent.factor), equivalent.equals, canonical, analyte.molarMass);
    return converted === undefined ? undefined : { value: converted, unit: canonical };
  }
  if (analyte.separateUnits?.some((entry) => entry.unit === ucum)) return { value, unit: ucum };
  return undefined;
}

/** Trims floating-point noise (1000.0000000001) without changing any meaningful digit. */
function roundSignificant(value: number): number {
  return Number(value.toPrecision(12));
}

/** UCUM codes shown in the friendly form protocols write (`10*9/L` as `x10^9/L`). */
export function friendlyUnit(ucumCode: string): string {
  const power = /^10\*(-?\d+)(.*)$/.exec(ucumCode);
  if (power) return `x10^${power[1]}${power[2]}`;
  return FRIENDLY_FORMS[ucumCode] ?? ucumCode;
}

/**
 * A unit whose superscript was lost in copying: `109/L`, `*109/L`, `x109/L` for x10^9/L. Returns
 * the intended friendly unit, or undefined.
 */
export function lostSuperscriptUnit(written: string): string | undefined {
  const match = /^[x*×]?10([1-9]|1[0-2])\/([A-Za-zµμ]+)$/.exec(written);
  return match ? `x10^${match[1]}/${match[2]}` : undefined;
}

/** Suggestions for an unknown unit: close common units first, then UCUM's own. */
export function suggestUnits(written: string, ucumSuggestions: readonly string[]): string[] {
  return [...new Set([...closestMatches(written, COMMON_UNITS, 3), ...ucumSuggestions])].slice(0, 3);
}
