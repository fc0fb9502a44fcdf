/**
 * One line of documentation for any word of the language, wherever it stands: keywords, field
 * keywords, enum values and frequencies, all read from the tables that define them.
 */

import { ENUMS, type EnumDef } from './enums';
import { FIELD_SPECS } from './fields';
import { frequencyMeaning, KEYWORD_DOCS } from './vocabulary';

/** The documentation line of an enum value, naming its enumeration: `Ongoing, but no longer recruiting. (a status value)`. */
export function enumValueDoc(values: EnumDef, word: string): string | undefined {
  const entry = values.entry(word);
  return entry && `${entry.doc} (a ${values.name} value)`;
}

/** Every enum value, for classifying words that stand as values. */
export const ENUM_WORDS: ReadonlySet<string> = new Set(ENUMS.flatMap((values) => [...values.words, ...Object.keys(values.aliases)]));

/** The documentation line of a word, wherever it stands, or undefined. */
export function wordDoc(word: string): string | undefined {
  if (Object.hasOwn(KEYWORD_DOCS, word)) return KEYWORD_DOCS[word];
  for (const specs of Object.values(FIELD_SPECS)) if (Object.hasOwn(specs, word)) return specs[word].doc;
  for (const values of ENUMS) {
    const doc = enumValueDoc(values, word);
    if (doc) return doc;
  }
  return frequencyMeaning(word)?.doc;
}
