import { describe, expect, it } from "vitest";
import { exportRows, importRows } from "../scripts/i18n/csv-rows.js";
import { flatten, variables } from "../scripts/i18n/keys.js";
import {
  checkButtons,
  checkDirection,
  checkGlossary,
  checkLocale,
  checkParity,
  checkReadme,
  checkUsage,
  type Glossary,
  namesTerm,
} from "../scripts/i18n/rules.js";
import { scanKeyUsage } from "../scripts/i18n/usage.js";

const GERMAN = {
  start: { who: "Wer fragt?" },
  results: { header_one: "{{count}} Projekt um {{place}}", header_other: "{{count}} Projekte um {{place}}" },
  role: { family: "👪 Familie" },
  focus: { reading: "Lesen", school: "Schule" },
};

const SOURCE = `
  ask(ctx, t("start.who"), [choice("role:family", t("role.family"))]);
  say(ctx, ctx.t("results.header", { count, place }));
  choice(\`focus:\${f}\`, ctx.t(\`focus.\${f}\`));
`;
const usage = scanKeyUsage(SOURCE, new Set(Object.keys(GERMAN)));

describe("i18n check rules", () => {
  it("accepts a complete Arabic locale with all six plural forms, {{count}} optional in forms", () => {
    const ar = {
      start: { who: "من يسأل؟" },
      results: {
        header_zero: "لا مشاريع حول {{place}}",
        header_one: "مشروع واحد حول {{place}}",
        header_two: "مشروعان حول {{place}}",
        header_few: "{{count}} مشاريع حول {{place}}",
        header_many: "{{count}} مشروعًا حول {{place}}",
        header_other: "{{count}} مشروع حول {{place}}",
      },
      role: { family: "👪 عائلة" },
      focus: { reading: "القراءة", school: "المدرسة" },
    };
    expect(checkLocale("ar", "ar", GERMAN, ar)).toEqual([]);
  });

  it("reports missing keys, missing plural forms, empty texts, wrong variables and extra keys", () => {
    const broken = {
      start: { who: "" },
      results: { header_one: "{{count}} Projekt", header_other: "{{count}} Projekte um {{ort}}" },
      role: {},
      focus: { reading: "Lesen", school: "Schule", sport: "Sport" },
    };
    const messages = checkLocale("uk", "uk", GERMAN, broken).map((p) => `${p.key}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        "start.who: empty",
        "role.family: missing",
        expect.stringMatching(/^results.header_few: missing plural form "few"/),
        expect.stringMatching(/^results.header_many: missing plural form "many"/),
        "results.header_one: variable {{place}} missing",
        "results.header_other: unknown variable {{ort}}",
        "results.header_other: variable {{place}} missing",
        "focus.sport: not in German (locales/de.json)",
      ]),
    );
  });

  it("reports plural forms a language does not have", () => {
    const vi = {
      ...GERMAN,
      results: { header_one: "x {{place}}", header_other: "{{count}} dự án {{place}}" },
    };
    const messages = checkLocale("vi", "vi", GERMAN, vi).map((p) => p.message);
    expect(messages.some((m) => m.startsWith('plural form "one" is not used'))).toBe(true);
  });

  it("finds keys the code does not use, and keys the code uses that German lacks", () => {
    const extra = { ...GERMAN, old: { text: "weg damit" } };
    const more = scanKeyUsage(`${SOURCE} t("start.gone")`, new Set(Object.keys(extra)));
    const problems = checkUsage(extra, more).map((p) => `${p.key}: ${p.message}`);
    expect(problems).toEqual([
      "old.text: not used in bot/ or adapters/ (remove it, or use it)",
      "start.gone: used in the code but missing in locales/de.json",
    ]);
    expect(checkUsage(GERMAN, usage)).toEqual([]);
  });

  it("knows which keys are button labels and flags long ones", () => {
    expect([...usage.buttons].sort()).toEqual(["focus.", "role.family"]);
    const long = { ...GERMAN, role: { family: "👪 Eine sehr lange Beschriftung für einen Knopf" } };
    expect(checkButtons("de", long, usage).map((p) => p.key)).toEqual(["role.family"]);
    expect(checkButtons("de", GERMAN, usage)).toEqual([]);
  });

  it("flags a right-to-left text registered as ltr and the other way round", () => {
    expect(checkDirection("fa", "ltr", { a: "پسرم کمک می‌خواهد" })).toHaveLength(1);
    expect(checkDirection("fa", "rtl", { a: "پسرم کمک می‌خواهد" })).toEqual([]);
    expect(checkDirection("de", "rtl", { a: "Hallo" })).toHaveLength(1);
  });

  it("checks the Slack texts for parity", () => {
    expect(checkParity("slack", { a: "x {{n}}" }, { a: "y {{n}}" })).toEqual([]);
    expect(checkParity("slack", { a: "x {{n}}", b: "z" }, { a: "y" }).map((p) => p.key)).toEqual(["a", "b"]);
  });

  it("needs a README status line with the right direction per locale", () => {
    const readme =
      "| code | language | direction | status |\n|---|---|---|---|\n| `ar` | العربية | rtl | reviewed |\n";
    expect(checkReadme(readme, [{ code: "ar", dir: "rtl" }])).toEqual([]);
    expect(checkReadme(readme, [{ code: "fa", dir: "rtl" }])).toHaveLength(1);
    expect(checkReadme(readme.replace("| rtl |", "| ltr |"), [{ code: "ar", dir: "rtl" }])).toHaveLength(1);
  });

  it("reads variables with spaces and formats", () => {
    expect(variables("{{ count }} und {{date, datetime}}")).toEqual(["count", "date"]);
  });
});

describe("translator spreadsheets", () => {
  const ENGLISH = {
    start: { who: "Who is asking?" },
    results: {
      header_one: "{{count}} project near {{place}}",
      header_other: "{{count}} projects near {{place}}",
    },
    role: { family: "👪 Family" },
    focus: { reading: "Reading", school: "School" },
  };

  it("exports missing keys with the locale's plural forms, and keys whose German changed since the review", () => {
    const uk = {
      start: { who: "Хто питає?" },
      role: { family: "👪 Сім'я" },
      focus: { reading: "Читання", school: "Школа" },
    };
    const rows = exportRows(GERMAN, ENGLISH, uk, "uk");
    expect(rows.map((r) => r.key)).toEqual([
      "results.header_one",
      "results.header_few",
      "results.header_many",
      "results.header_other",
    ]);
    expect(rows[1]).toMatchObject({ de: "{{count}} Projekte um {{place}}", reason: "missing" });
    const before = { ...GERMAN, focus: { reading: "Lesen lernen", school: "Schule" } };
    const changed = exportRows(GERMAN, ENGLISH, uk, "uk", before).filter((r) => r.reason === "changed");
    expect(changed.map((r) => r.key)).toEqual(["focus.reading"]);
  });

  it("imports translations in German's key order and leaves out keys German no longer has", () => {
    const current = { focus: { school: "Школа", old: "x" }, start: { who: "Хто питає?" } };
    const merged = importRows(GERMAN, current, "uk", [
      { key: "results.header_one", translation: "{{count}} проєкт біля {{place}}" },
      { key: "focus.reading", translation: "Читання" },
      { key: "role.family", translation: "" },
    ]);
    expect(Object.keys(merged)).toEqual(["start", "results", "focus"]);
    expect([...flatten(merged).keys()]).toEqual([
      "start.who",
      "results.header_one",
      "focus.reading",
      "focus.school",
    ]);
  });
});

describe("glossary", () => {
  const glossary: Glossary = {
    terms: { certificateOfConduct: "довідка про несудимість", mentor: "наставник / наставниця" },
    forms: { certificateOfConduct: ["довідк про несудим"] },
    avoid: ["ментор"],
    allowed: ["(Patenschaft)"],
  };
  const required = { certificateOfConduct: ["volunteer.certificate"], mentor: ["reason.volunteers"] };

  it("holds the texts it requires a term in to the locale's word or one of its forms", () => {
    const good = {
      volunteer: { certificate: "Потрібна розширена довідку про несудимість." },
      reason: { volunteers: "шукає наставників" },
    };
    expect(checkGlossary("uk", good, glossary, required)).toEqual([]);
    const bad = {
      volunteer: { certificate: "Потрібна справка (erweitertes Führungszeugnis)." },
      reason: { volunteers: "шукає волонтерів" },
    };
    expect(checkGlossary("uk", bad, glossary, required).map((p) => p.key)).toEqual([
      "volunteer.certificate",
      "reason.volunteers",
    ]);
  });

  it("names a missing key or a term the locale has no word for", () => {
    const problems = checkGlossary(
      "uk",
      { a: "x" },
      { ...glossary, terms: {} },
      { consent: ["a"], mentor: ["b"] },
    );
    expect(problems.map((p) => p.message)).toEqual([
      'the glossary has no word for "consent"',
      "the glossary requires a term in a key that does not exist",
    ]);
  });

  it("still flags avoided words", () => {
    expect(checkGlossary("uk", { a: "ментор допоможе" }, glossary)).toHaveLength(1);
  });

  it("matches word starts in sequence, across the zero-width non-joiner", () => {
    expect(namesTerm("بەڵگەنامەی بێ‌تاوانیی فراوان", "بەڵگەنامەی بێ‌تاوانی")).toBe(true);
    expect(namesTerm("Sie brauchen ein erweitertes Führungszeugnis", "erweitertes Führungszeugnis")).toBe(
      true,
    );
    expect(namesTerm("Führungszeugnis, erweitertes", "erweitertes Führungszeugnis")).toBe(false);
    expect(namesTerm("Patinnen und Paten", "Pate / Patin")).toBe(true);
  });
});
