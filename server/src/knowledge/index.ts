/**
 * Lookups over the knowledge tables by any name a protocol may use: generic name, synonym,
 * brand or development code, case-insensitively.
 */

import { closestMatches, editDistance } from '../util/text';
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

/** A known drug within one edit of `name` (a letter added, dropped, changed, or two neighbours swapped), by any of its names. */
export function drugOneEditFrom(name: string): Drug | undefined {
  const key = normalize(name);
  // Short names sit one edit from many words; a typo is told from a new name only in longer ones.
  if (key.length < 5) return undefined;
  for (const [known, drug] of drugsByName) if (known.length >= 5 && oneEditApart(key, known)) return drug;
  return undefined;
}

function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (editDistance(a, b, 1) <= 1) return true;
  if (a.length !== b.length) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
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
