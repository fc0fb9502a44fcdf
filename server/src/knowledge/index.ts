/**
 * Lookups over the knowledge tables by any name a protocol may use: generic name, synonym,
 * brand or development code, case-insensitively.
 */

import { closestMatches } from '../util/text';
import { ANALYTES, type Analyte } from './analytes';
import { DRUGS, type Drug } from './drugs';

function normalize(name: string): string {
  return name.toLowerCase().replace(/[\s-]+/g, '_');
}

const drugsByName = new Map<string, Drug>();
for (const drug of DRUGS) {
  for (const name of [drug.id, ...drug.synonyms, ...drug.brands, ...drug.codes]) {
    const key = normalize(name);
    if (!drugsByName.has(key)) drugsByName.set(key, drug);
  }
}

/** Finds a drug by its generic name, a synonym, a brand or a code. */
export function findDrug(name: string): Drug | undefined {
  return drugsByName.get(normalize(name));
}

/** Drug names close to `name` (a likely misspelling), as generic names. */
export function suggestDrugs(name: string): string[] {
  const matches = closestMatches(normalize(name), drugsByName.keys(), 3);
  return [...new Set(matches.map((match) => drugsByName.get(match)!.id))];
}

/** Analyte identifiers close to `name`. */
export function suggestAnalytes(name: string): string[] {
  const names = ANALYTES.flatMap((analyte) => [analyte.id, ...analyte.synonyms]);
  const matches = closestMatches(name.toLowerCase(), names, 3);
  const ids = matches.map((match) => ANALYTES.find((analyte) => analyte.id === match || analyte.synonyms.includes(match))!.id);
  return [...new Set(ids)];
}

export type { Analyte, Drug };
