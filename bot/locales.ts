/** Writing direction of a locale, for adapters to lay out text. */
export type Direction = "ltr" | "rtl";

/** One supported interface language: its code, its own name in its own script, its direction and Intl tag. */
export interface LocaleInfo {
  code: string;
  nativeName: string;
  /** The name in English, for docs, logs and the translators' README. */
  englishName: string;
  dir: Direction;
  /** The BCP 47 tag given to Intl (plurals, numbers, dates, lists). */
  intl: string;
}

const entry = (
  code: string,
  nativeName: string,
  englishName: string,
  dir: Direction = "ltr",
  intl = code,
) => ({
  code,
  nativeName,
  englishName,
  dir,
  intl,
});

/**
 * The interface languages the bot offers, in picker order: German, simple German, English, then by
 * how many speakers live in Germany. Adding a language means a JSON file in locales/, a line here
 * and `npm run i18n:index`; the engine needs no change.
 */
export const LOCALES: readonly LocaleInfo[] = [
  entry("de", "Deutsch", "German"),
  entry("de-simple", "Einfache Sprache", "Simple German (Einfache Sprache)", "ltr", "de"),
  entry("en", "English", "English"),
  entry("tr", "Türkçe", "Turkish"),
  entry("uk", "Українська", "Ukrainian"),
  entry("ar", "العربية", "Arabic", "rtl"),
  entry("ru", "Русский", "Russian"),
  entry("pl", "Polski", "Polish"),
  entry("ro", "Română", "Romanian"),
  entry("it", "Italiano", "Italian"),
  entry("hr", "Hrvatski / Bosanski / Srpski", "Croatian / Bosnian / Serbian (Latin)"),
  entry("bg", "Български", "Bulgarian"),
  entry("el", "Ελληνικά", "Greek"),
  entry("sq", "Shqip", "Albanian"),
  entry("fa", "فارسی", "Persian (Farsi)", "rtl"),
  entry("prs", "دری", "Dari", "rtl", "fa-AF"),
  entry("ps", "پښتو", "Pashto", "rtl"),
  entry("ku", "Kurdî (Kurmancî)", "Kurdish (Kurmanji)"),
  entry("ckb", "کوردی (سۆرانی)", "Kurdish (Sorani)", "rtl"),
  entry("ti", "ትግርኛ", "Tigrinya"),
  entry("so", "Soomaali", "Somali"),
  entry("vi", "Tiếng Việt", "Vietnamese"),
  entry("es", "Español", "Spanish"),
  entry("fr", "Français", "French"),
];

/** The language used when nothing better is known. */
export const DEFAULT_LANGUAGE = "de";

/** Platform codes that name a supported language differently (lower case, "-" separated). */
const ALIASES: Readonly<Record<string, string>> = {
  bs: "hr",
  sr: "hr",
  sh: "hr",
  hbs: "hr",
  cnr: "hr",
  "fa-af": "prs",
  kmr: "ku",
  "ku-latn": "ku",
  "ku-arab": "ckb",
  pbu: "ps",
  pbt: "ps",
  pst: "ps",
  gsw: "de",
  "de-x-simple": "de-simple",
  "de-x-easy": "de-simple",
};

/** Scripts written right to left, for codes not in the registry. */
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

/** The Intl tag for a supported code ("prs" → "fa-AF", "de-simple" → "de"); the code itself otherwise. */
export function intlTag(code: string): string {
  return localeInfo(code)?.intl ?? code;
}

/** True when two codes are the same language for a reader (German and simple German, Persian and Dari). */
export function sameLanguage(a: string, b: string): boolean {
  const family = (c: string) => (c === "de-simple" ? "de" : c === "prs" ? "fa" : c);
  return family(a) === family(b);
}

/** One tag to a supported code: the full tag, an alias, then ever shorter prefixes ("sr-Latn-RS" → "sr-latn" → hr). */
function resolveTag(raw: string): string | undefined {
  const parts = raw.trim().toLowerCase().replace(/_/g, "-").split("-").filter(Boolean);
  for (let n = parts.length; n >= 1; n--) {
    const tag = parts.slice(0, n).join("-");
    if (isSupportedLanguage(tag)) return tag;
    const alias = ALIASES[tag];
    if (alias) return alias;
  }
  return undefined;
}

/** The tags of an Accept-Language list, best first (by q-value, then order); q=0 and "*" are dropped. */
function parseLanguageList(list: string): string[] {
  return list
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";").map((s) => s.trim());
      const q = params.find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag, weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((e) => e.tag !== "" && e.tag !== "*" && e.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((e) => e.tag);
}

/**
 * Maps a platform hint to a supported code, or undefined: a Telegram language_code ("de-DE", "en_US",
 * "fa-AF" → prs, "sr" → hr, "kmr" → ku) or a whole Accept-Language list ("uk-UA,uk;q=0.9,en;q=0.8").
 */
export function resolveLanguage(hint: string | undefined): string | undefined {
  if (!hint) return undefined;
  for (const tag of parseLanguageList(hint)) {
    const found = resolveTag(tag);
    if (found) return found;
  }
  return undefined;
}

/** The registry in picker order with the given codes (detected, platform, current) moved to the front. */
export function pickerOrder(first: readonly (string | undefined)[]): LocaleInfo[] {
  const front: LocaleInfo[] = [];
  for (const code of first) {
    const info = code ? localeInfo(code) : undefined;
    if (info && !front.includes(info)) front.push(info);
  }
  return [...front, ...LOCALES.filter((l) => !front.includes(l))];
}
