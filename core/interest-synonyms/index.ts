import { DE_SYNONYMS } from "./de.js";
import { EN_SYNONYMS } from "./en.js";
import type { InterestSynonyms } from "./types.js";

export type { InterestSynonyms } from "./types.js";

/**
 * Synonym lists by language code. Adding a language is one file plus one line here; the
 * order is the fallback order when the text's language is unknown.
 */
export const INTEREST_SYNONYMS: Readonly<Record<string, InterestSynonyms>> = {
  de: DE_SYNONYMS,
  en: EN_SYNONYMS,
};
