import { FOCUS_AREAS } from "../../core/focus.js";
import { COMMANDS, type LanguageData, LanguageDataSchema } from "../../core/language-data.js";
import type { CsvRow } from "./csv-rows.js";

/**
 * The understanding data (`locales/understanding/<code>.json`) as spreadsheet rows, so translators
 * keep it in the same CSV as the interface texts: one row per list, key `understanding:<field>`,
 * the entries separated by " | " (maps as "form = value").
 */
const PREFIX = "understanding:";
const SEPARATOR = " | ";

type Field = { key: string; get: (d: LanguageData) => string; set: (d: LanguageData, text: string) => void };

const list = (text: string) =>
  text
    .split("|")
    .map((w) => w.trim())
    .filter((w) => w !== "");

function pairs(text: string): [string, string][] {
  return list(text).flatMap((entry) => {
    const at = entry.lastIndexOf("=");
    return at > 0 ? [[entry.slice(0, at).trim(), entry.slice(at + 1).trim()] as [string, string]] : [];
  });
}

const LIST_FIELDS = [
  "notNeeds",
  "joiners",
  "ageUnits",
  "ageBefore",
  "children",
  "prepositions",
  "placeSuffixes",
  "falseFriends",
  "volunteer",
  "cues",
  "latinCues",
] as const;

const FIELDS: Field[] = [
  ...FOCUS_AREAS.map(
    (f): Field => ({
      key: `needs.${f}`,
      get: (d) => d.needs[f].join(SEPARATOR),
      set: (d, t) => {
        d.needs[f] = list(t);
      },
    }),
  ),
  ...COMMANDS.map(
    (c): Field => ({
      key: `commands.${c}`,
      get: (d) => d.commands[c].join(SEPARATOR),
      set: (d, t) => {
        d.commands[c] = list(t);
      },
    }),
  ),
  ...LIST_FIELDS.map(
    (name): Field => ({
      key: name,
      get: (d) => d[name].join(SEPARATOR),
      set: (d, t) => {
        d[name] = list(t);
      },
    }),
  ),
  {
    key: "numbers",
    get: (d) =>
      Object.entries(d.numbers)
        .map(([w, n]) => `${w} = ${n}`)
        .join(SEPARATOR),
    set: (d, t) => {
      d.numbers = Object.fromEntries(pairs(t).map(([w, n]) => [w, Number(n)]));
    },
  },
  {
    key: "grades",
    get: (d) =>
      Object.entries(d.grades)
        .map(([w, n]) => `${w} = ${n}`)
        .join(SEPARATOR),
    set: (d, t) => {
      d.grades = Object.fromEntries(pairs(t).map(([w, n]) => [w, Number(n)]));
    },
  },
  {
    key: "places",
    get: (d) =>
      Object.entries(d.places)
        .map(([w, p]) => `${w} = ${p}`)
        .join(SEPARATOR),
    set: (d, t) => {
      d.places = Object.fromEntries(pairs(t));
    },
  },
];

/**
 * Rows for the locale's understanding lists: those it lacks ("missing") and, with `all`, every
 * list for review ("changed" when German's list differs from the German reviewed last).
 */
export function understandingRows(
  german: unknown,
  english: unknown,
  current: unknown,
  all: boolean,
  reviewedGerman?: unknown,
): CsvRow[] {
  const de = LanguageDataSchema.parse(german);
  const en = LanguageDataSchema.parse(english);
  const own = LanguageDataSchema.safeParse(current ?? {});
  const before = reviewedGerman === undefined ? undefined : LanguageDataSchema.safeParse(reviewedGerman);
  const rows: CsvRow[] = [];
  for (const field of FIELDS) {
    const translation = own.success ? field.get(own.data) : "";
    const changed = before?.success === true && field.get(before.data) !== field.get(de);
    if (translation === "" || changed || all) {
      rows.push({
        key: `${PREFIX}${field.key}`,
        de: field.get(de),
        en: field.get(en),
        translation,
        reason: translation === "" ? "missing" : "changed",
      });
    }
  }
  return rows;
}

/** Whether a CSV row belongs to the understanding data. */
export const isUnderstandingRow = (key: string) => key.startsWith(PREFIX);

/** Merges understanding rows into the locale's data; a row left empty keeps the list as it is. */
export function importUnderstandingRows(
  current: unknown,
  rows: readonly { key: string; translation: string }[],
): LanguageData {
  const parsed = LanguageDataSchema.safeParse(current ?? {});
  const data = parsed.success ? parsed.data : LanguageDataSchema.parse({ needs: {} });
  for (const row of rows) {
    const field = FIELDS.find((f) => `${PREFIX}${f.key}` === row.key);
    if (field && row.translation.trim() !== "") field.set(data, row.translation);
  }
  return LanguageDataSchema.parse(data);
}
