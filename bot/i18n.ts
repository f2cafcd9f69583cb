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
  // The language's own strings, then German's (i18next's fallback; de-simple falls back to de too).
  const chain = [lng, DEFAULT_LANGUAGE].filter((code, k, all) => all.indexOf(code) === k);
  const tables = chain.map((code) => ({ code, table: ownStrings(code) }));
  const lookup = (key: string, count: unknown): string | undefined => {
    if (count !== undefined && typeof count !== "number") return undefined;
    for (const { code, table } of tables) {
      // i18next's order within each language: `_zero` for 0, the plural form (the suffix of the
      // language the string is in, as on fallback), then the key itself ("results.range" has one
      // form for every count; without that step each such call went the slow way through i18next).
      const text =
        count === undefined
          ? table.get(key)
          : ((count === 0 ? table.get(`${key}_zero`) : undefined) ??
            table.get(`${key}${pluralSuffix(code, count)}`) ??
            table.get(key));
      if (text !== undefined) return text;
    }
    return undefined;
  };
  return (key, options) => {
    const opts = options ? isolateValues(options, dir) : options;
    // Fast path (no context): a map lookup, plurals by i18next's own rule, and a placeholder pass,
    // the same result as i18next's (test/i18n-fast-path.test.ts) at a fraction of its cost.
    if (opts === undefined || opts.context === undefined) {
      const text = lookup(key, opts?.count);
      if (text !== undefined) return interpolate(text, opts, lng);
    }
    return String(fixed(key, opts as never));
  };
}

/** i18next itself, without the fast path: the reference the fast path is tested against. */
export function referenceTranslator(language: string): Translate {
  const lng = isSupportedLanguage(language) ? language : DEFAULT_LANGUAGE;
  const fixed = i18nInstance().getFixedT(lng);
  const dir = directionOf(lng);
  return (key, options) => String(fixed(key, (options ? isolateValues(options, dir) : options) as never));
}

/** The plural suffix i18next picks for a count ("_one", "_few" …), from its own resolver. */
function pluralSuffix(lng: string, count: number): string {
  const services = i18nInstance().services as unknown as {
    pluralResolver: { getSuffix(code: string, count: number): string };
  };
  return services.pluralResolver.getSuffix(lng, count);
}

/** Every string of one language (its Slack texts under "slack."), by dotted key. */
const ownTables = new Map<string, ReadonlyMap<string, string>>();

function ownStrings(code: string): ReadonlyMap<string, string> {
  const cached = ownTables.get(code);
  if (cached) return cached;
  const table = new Map<string, string>();
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(node)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (typeof v === "string") table.set(key, v);
      else if (v && typeof v === "object" && !Array.isArray(v)) walk(v as Record<string, unknown>, key);
    }
  };
  walk(RESOURCES[code] ?? {}, "");
  const slack = SLACK_RESOURCES[code];
  if (slack) walk(slack as Record<string, unknown>, "slack");
  ownTables.set(code, table);
  return table;
}

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** i18next's interpolation as this app configures it: numbers in the locale's digits, a missing value left as is. */
function interpolate(text: string, options: Record<string, unknown> | undefined, lng: string): string {
  if (!text.includes("{{")) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = options?.[name];
    if (value === undefined) return whole;
    if (value === null) return "";
    return typeof value === "number" ? formatNumber(value, lng) : String(value);
  });
}

/** True when the key (or its plural forms) exists for the language, without fallback. */
export function hasKey(language: string, key: string): boolean {
  return i18nInstance().exists(key, { lng: language, fallbackLng: false } as never);
}

/** Formatted distances by language and value; bounded (cleared when full). */
const kmTexts = new Map<string, string>();
const MAX_KM_TEXTS = 4096;

/**
 * A distance for the locale: "1,8 km" in German, "1.8 km" in English, "١٫٨ كم" in Sorani…
 * Remembered: a results page formats each (rounded) distance three times and the same few recur,
 * while each Intl format call costs microseconds of main-thread time.
 */
export function formatKm(km: number, language: string): string {
  const key = `${language} ${Object.is(km, -0) ? "-0" : km}`;
  const known = kmTexts.get(key);
  if (known !== undefined) return known;
  const text = formatKmNow(km, language);
  if (kmTexts.size >= MAX_KM_TEXTS) kmTexts.clear();
  kmTexts.set(key, text);
  return text;
}

function formatKmNow(km: number, language: string): string {
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
  const key = `${inLanguage}|${code}`;
  const known = languageNames.get(key);
  if (known !== undefined) return known;
  const names = displayNames(intlTag(inLanguage), "language", { type: "language", fallback: "code" });
  let name = code;
  try {
    name = names?.of(code) ?? code;
  } catch {
    name = code;
  }
  // Few pairs exist (24 × the codes projects list), and DisplayNames.of is slow per call.
  if (languageNames.size < 10_000) languageNames.set(key, name);
  return name;
}

const languageNames = new Map<string, string>();
