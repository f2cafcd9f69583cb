/**
 * Folds a place name into a search key: lower case, ß → ss, diacritics stripped, the ASCII
 * spellings ae/oe/ue collapsed onto a/o/u, punctuation to spaces and "St." to "Sankt", so that
 * "Köln", "Koeln" and "koln" or "Frankfurt (Oder)" and "frankfurt oder" share one key.
 */
export function placeKey(name: string): string {
  let key = name.toLowerCase();
  // Fast paths matter: the gazetteer folds some 40,000 names when it is built.
  if (/[^ -~]/.test(key))
    key = key
      .replaceAll("ß", "ss")
      .normalize("NFD")
      .replace(/\p{M}+/gu, "");
  // Collapsing (rather than expanding ö → oe) lets "koln", "köln" and "koeln" meet in one key.
  key = key.replace(/([aou])e/g, "$1");
  if (/[^a-z0-9]/.test(key)) key = key.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  if (key.includes("st ")) key = key.replace(/(^| )st(?= )/g, "$1sankt");
  return key;
}

/** Connectors after which a German place name carries a qualifier ("Frankfurt am Main", "Halle an der Saale"). */
const QUALIFIER =
  /^(.{3,}?) (am|an der|an den|an|im|in|in der|bei|ob der|vor der|auf der|unter der|uber der)( |$)/;

/**
 * Shorter keys a place is also known by: without the bracketed or slashed qualifier, without the
 * Sorbian/Frisian second name and without "am Main"-style suffixes. Used as second-tier matches,
 * so "Frankfurt" finds both Frankfurts and "Werder" finds "Werder (Havel)".
 */
export function placeKeyVariants(name: string): string[] {
  // Most names are a single plain word; skipping them keeps building the index fast.
  if (!/[\s(/,]/.test(name)) return [];
  const variants = new Set<string>();
  const add = (raw: string) => {
    const key = placeKey(raw);
    if (key.length >= 3) variants.add(key);
  };
  add(name.replace(/\s*\(.*?\)\s*/g, " "));
  add(name.split("/")[0] ?? "");
  add(name.split(" - ")[0] ?? "");
  add(name.split(",")[0] ?? "");
  for (const key of [...variants, placeKey(name)]) {
    const qualified = QUALIFIER.exec(key);
    if (qualified?.[1]) variants.add(qualified[1]);
  }
  variants.delete(placeKey(name));
  return [...variants];
}
