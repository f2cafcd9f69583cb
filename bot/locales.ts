/** Writing direction of a locale, for adapters to lay out text. */
export type Direction = "ltr" | "rtl";

/** One supported interface language: its code, its own name in its own script, and its direction. */
export interface LocaleInfo {
  code: string;
  nativeName: string;
  dir: Direction;
}

/**
 * The interface languages the bot offers, in picker order. Adding a language means adding its
 * JSON file to locales/, its resources in bot/i18n.ts and one line here; the engine needs no change.
 * Right-to-left codes planned: ar, fa, prs, ps, ckb.
 */
export const LOCALES: readonly LocaleInfo[] = [
  { code: "de", nativeName: "Deutsch", dir: "ltr" },
  { code: "en", nativeName: "English", dir: "ltr" },
];

/** The language used when nothing better is known. */
export const DEFAULT_LANGUAGE = "de";

/** Scripts written right to left, for codes not (yet) in the registry. */
const RTL_CODES = new Set(["ar", "fa", "prs", "ps", "ckb", "he", "ur", "yi"]);

/** The registry entry for a code, if the language is supported. */
export function localeInfo(code: string): LocaleInfo | undefined {
  return LOCALES.find((l) => l.code === code);
}

/** True when the bot can talk in this language. */
export function isSupportedLanguage(code: string): boolean {
  return localeInfo(code) !== undefined;
}

/** The writing direction of a language code. */
export function directionOf(code: string): Direction {
  return localeInfo(code)?.dir ?? (RTL_CODES.has(code) ? "rtl" : "ltr");
}

/**
 * Maps a platform hint ("de-DE", "en_US", "pt-BR", "ar") to a supported code, or undefined.
 * Tries the full tag first (for codes like "de-simple"), then the primary subtag.
 */
export function resolveLanguage(hint: string | undefined): string | undefined {
  if (!hint) return undefined;
  const tag = hint.trim().toLowerCase().replace(/_/g, "-");
  if (isSupportedLanguage(tag)) return tag;
  const primary = tag.split("-")[0] ?? "";
  return isSupportedLanguage(primary) ? primary : undefined;
}
