import type { UnderstandingTables } from "./language-tables.js";
import { tokenize } from "./text-fold.js";

/**
 * The language whose frequent words (the `cues` of its understanding data) clearly dominate a text:
 * at least two, and twice the next language's, among the candidates. Decides short messages
 * where trigram statistics waver ("We live in Berlin and my son is 8").
 */
export function functionWordLanguage(
  text: string,
  candidates: readonly string[],
  tables: UnderstandingTables,
  owners: ReadonlyMap<string, string> = tables.cueOwner,
): string | undefined {
  const hits = cueCounts(text, owners, candidates);
  const [best, second] = [...hits].sort((a, b) => b[1] - a[1]);
  if (!best || best[1] < 2) return undefined;
  return !second || best[1] >= 2 * second[1] ? best[0] : undefined;
}

/** How many words of the text each candidate language owns. */
export function cueCounts(
  text: string,
  owners: ReadonlyMap<string, string>,
  candidates: readonly string[],
): Map<string, number> {
  const hits = new Map<string, number>();
  for (const token of tokenize(text)) {
    const language = owners.get(token);
    if (language && candidates.includes(language)) hits.set(language, (hits.get(language) ?? 0) + 1);
  }
  return hits;
}
