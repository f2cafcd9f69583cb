import i18next, { type i18n, type Resource } from "i18next";
import { LOCALE_RESOURCES, SLACK_RESOURCES } from "../locales/index.js";
import { isolate, isolateValues } from "./bidi.js";
import { dateTimeFormat, displayNames, listFormat, numberFormat } from "./intl-formatters.js";
import { DEFAULT_LANGUAGE, directionOf, intlTag, isSupportedLanguage } from "./locales.js";

/** The translation resources of every supported language (locales/<code>.json, wired in locales/index.ts). */
export const RESOURCES: Record<string, Record<string, unknown>> = LOCALE_RESOURCES;

/** A translate function bound to one language. Keys are dotted paths into locales/<lang>.json. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

let instance: i18n | undefined;

/**
 * An i18next formatter module: numbers interpolated into a text ("{{count}} Projekte", "{{n}}.") are
 * written with the locale's digits (Persian ۳ in Persian); other values pass unchanged.
 */
const numberFormatter = {
  type: "formatter" as const,
  init: () => {},
  add: () => {},
  addCached: () => {},
  format: (value: unknown, _format: string | undefined, lng: string | undefined): unknown =>
    typeof value === "number" && lng ? formatNumber(value, lng) : value,
};

/** The one i18next instance, initialised synchronously on first use. */
function i18nInstance(): i18n {
  if (instance) return instance;
  const resources: Resource = {};
  for (const [code, translation] of Object.entries(RESOURCES)) {
    const slack = SLACK_RESOURCES[code];
    resources[code] = { translation: slack ? { ...translation, slack } : translation };
  }
  const created = i18next.createInstance().use(numberFormatter as never);
  void created.init({
    resources,
    lng: DEFAULT_LANGUAGE,
    // Every locale falls back to German (the check guarantees no key is missing; this is a safety net).
    fallbackLng: { "de-simple": ["de"], default: [DEFAULT_LANGUAGE] },
    initAsync: false,
    interpolation: { escapeValue: false, alwaysFormat: true },
    returnNull: false,
    showSupportNotice: false,
  } as Parameters<i18n["init"]>[0]);
  instance = created;
  return created;
}

/**
 * A translate function for `language` (German for unsupported codes or missing keys). In
 * right-to-left languages, interpolated data (names, places, addresses, numbers with units) is
 * wrapped in Unicode isolates so it keeps its order.
 */
export function translator(language: string): Translate {
  const lng = isSupportedLanguage(language) ? language : DEFAULT_LANGUAGE;
  const fixed = i18nInstance().getFixedT(lng);
  const dir = directionOf(lng);
  return (key, options) => String(fixed(key, (options ? isolateValues(options, dir) : options) as never));
}

/** True when the key (or its plural forms) exists for the language, without fallback. */
export function hasKey(language: string, key: string): boolean {
  return i18nInstance().exists(key, { lng: language, fallbackLng: false } as never);
}

/** A distance for the locale: "1,8 km" in German, "1.8 km" in English, "١٫٨ كم" in Sorani… */
export function formatKm(km: number, language: string): string {
  const tag = intlTag(language);
  const digits = km < 10 ? 1 : 0;
  const options = { maximumFractionDigits: digits, minimumFractionDigits: 0 };
  const unit = numberFormat(tag, `km${digits}`, { ...options, style: "unit", unit: "kilometer" });
  if (unit) return unit.format(km);
  const plain = numberFormat(tag, `plain${digits}`, options);
  return `${plain ? plain.format(km) : String(km)} km`;
}

/** A plain number for the locale (Persian digits in Persian, Latin ones in German; "1000", "10.000"). */
export function formatNumber(value: number, language: string): string {
  const tag = intlTag(language);
  const format = numberFormat(tag, "min2", { useGrouping: "min2" } as Intl.NumberFormatOptions);
  return format ? format.format(value) : String(value);
}

/** A date for the locale in German time and the Gregorian calendar ("3. Mai 2025", "3 May 2025"). */
export function formatDate(date: Date, language: string): string {
  const format = dateTimeFormat(intlTag(language), "medium-berlin", {
    dateStyle: "medium",
    timeZone: "Europe/Berlin",
    calendar: "gregory",
  });
  return format ? format.format(date) : date.toISOString().slice(0, 10);
}

/** Locales whose Intl data lacks list patterns, and the locale whose patterns fit them. */
const LIST_FALLBACK: Readonly<Record<string, string>> = { ckb: "fa" };

/** A list joined for the locale ("A, B und C"); in right-to-left text each Latin-script item is isolated. */
export function joinList(items: string[], language: string): string {
  const dir = directionOf(language);
  const parts = items.map((item) => isolate(item, dir));
  const format = listFormat(LIST_FALLBACK[language] ?? intlTag(language), "and", {
    style: "long",
    type: "conjunction",
  });
  return format ? format.format(parts) : parts.join(", ");
}

/** A language's name in the reader's language ("ar" → "Arabisch" in German); the code when unknown. */
export function languageName(code: string, inLanguage: string): string {
  const names = displayNames(intlTag(inLanguage), "language", { type: "language", fallback: "code" });
  if (!names) return code;
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
