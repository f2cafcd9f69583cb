/**
 * Folds text for forgiving comparison: lower case, ß → ss, diacritics stripped, and the ASCII
 * spellings ae/oe/ue collapsed, so "Behörden", "Behoerden" and "Behorden" meet.
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replaceAll("ß", "ss")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/([aou])e/g, "$1");
}

/** Splits folded text into words of letters and digits. */
export function tokenize(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}
