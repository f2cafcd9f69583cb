import i18next, { type i18n, type Resource } from "i18next";
import de from "../locales/de.json" with { type: "json" };
import en from "../locales/en.json" with { type: "json" };
import { DEFAULT_LANGUAGE, isSupportedLanguage } from "./locales.js";

/** The translation resources of every supported language; the languages issue adds files here. */
export const RESOURCES: Record<string, Record<string, unknown>> = { de, en };

/** A translate function bound to one language. Keys are dotted paths into locales/<lang>.json. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

let instance: i18n | undefined;

/** The one i18next instance, initialised synchronously on first use. */
function i18nInstance(): i18n {
  if (instance) return instance;
  const resources: Resource = {};
  for (const [code, translation] of Object.entries(RESOURCES)) resources[code] = { translation };
  const created = i18next.createInstance();
  void created.init({
    resources,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  } as Parameters<i18n["init"]>[0]);
  instance = created;
  return created;
}

/** A translate function for `language` (falls back to German for unsupported codes or missing keys). */
export function translator(language: string): Translate {
  const lng = isSupportedLanguage(language) ? language : DEFAULT_LANGUAGE;
  const fixed = i18nInstance().getFixedT(lng);
  return (key, options) => String(fixed(key, options as never));
}

/** True when the key (or its plural forms) exists for the language, without fallback. */
export function hasKey(language: string, key: string): boolean {
  return i18nInstance().exists(key, { lng: language, fallbackLng: false } as never);
}

/** A distance for the locale: "1,8 km" in German, "1.8 km" in English. */
export function formatKm(km: number, language: string): string {
  const digits = km < 10 ? 1 : 0;
  const n = new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return `${n.format(km)} km`;
}

/** A plain number for the locale. */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

/** A date for the locale in German time ("3. Mai 2025", "3 May 2025"). */
export function formatDate(date: Date, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "Europe/Berlin" }).format(date);
}

/** A language's name in the reader's language ("ar" → "Arabisch" in German); the code when unknown. */
export function languageName(code: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: "language", fallback: "code" }).of(code) ?? code;
  } catch {
    return code;
  }
}
