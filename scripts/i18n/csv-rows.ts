import { flatten, pluralCategoriesOf, pluralParts, pluralStems, type Tree, unflatten } from "./keys.js";

/** One row of a translator's spreadsheet. */
export interface CsvRow {
  key: string;
  de: string;
  en: string;
  translation: string;
  reason: "missing" | "changed";
}

/** Every key a locale needs, in German's order, plural stems expanded to the locale's CLDR categories. */
export function wantedKeys(german: unknown, intlTag: string): string[] {
  const de = flatten(german);
  const stems = pluralStems(de.keys());
  const categories = pluralCategoriesOf(intlTag);
  const out: string[] = [];
  for (const key of de.keys()) {
    const { stem, category } = pluralParts(key);
    if (!category) out.push(key);
    else if (!out.includes(`${stem}_${categories[0]}`) && stems.has(stem)) {
      for (const c of categories) out.push(`${stem}_${c}`);
    }
  }
  return out;
}

/** The source text shown for a key: the same key, or for a plural form German's "one"/"other". */
function sourceText(source: Map<string, string>, key: string): string {
  const { stem, category } = pluralParts(key);
  if (source.has(key) || !category) return source.get(key) ?? "";
  return source.get(category === "one" ? `${stem}_one` : `${stem}_other`) ?? "";
}

/**
 * The rows to translate: keys missing or empty in the locale, and keys whose German text differs
 * from `reviewedGerman` (German at the last review), if given.
 */
export function exportRows(
  german: unknown,
  english: unknown,
  current: unknown,
  intlTag: string,
  reviewedGerman?: unknown,
): CsvRow[] {
  const de = flatten(german);
  const en = flatten(english);
  const own = flatten(current);
  const before = reviewedGerman === undefined ? undefined : flatten(reviewedGerman);
  const rows: CsvRow[] = [];
  for (const key of wantedKeys(german, intlTag)) {
    const translation = own.get(key) ?? "";
    const text = sourceText(de, key);
    const changed = before !== undefined && sourceText(before, key) !== text;
    if (translation.trim() === "" || changed) {
      rows.push({
        key,
        de: text,
        en: sourceText(en, key),
        translation,
        reason: translation.trim() ? "changed" : "missing",
      });
    }
  }
  return rows;
}

/**
 * Merges translated rows into a locale: non-empty translations replace the current text; the result
 * follows German's key order, with keys German no longer has dropped.
 */
export function importRows(
  german: unknown,
  current: unknown,
  intlTag: string,
  rows: readonly { key: string; translation: string }[],
): Tree {
  const own = flatten(current);
  for (const row of rows) if (row.translation.trim() !== "") own.set(row.key, row.translation);
  const entries: [string, string][] = [];
  for (const key of wantedKeys(german, intlTag)) {
    const text = own.get(key);
    if (text !== undefined) entries.push([key, text]);
  }
  return unflatten(entries);
}
