import { describe, expect, it } from "vitest";
import { understandingTables } from "../bot/understanding-tables.js";
import { ageInWords } from "../core/age-hint.js";
import { FOCUS_AREAS } from "../core/focus.js";
import { interestToFocus as focusWith } from "../core/interest.js";
import { normaliseDigits } from "../core/postcode-input.js";
import { wordsOf } from "../core/text-fold.js";
import { UNDERSTANDING_DATA } from "../locales/understanding/index.js";

const tables = understandingTables();
const interestToFocus = (text: string, language?: string) => focusWith(text, tables, [language]);
const ageHintFromText = (text: string) =>
  ageInWords(
    wordsOf(text).map((w) => w.fold),
    ["de", "en"].map((c) => tables.languages.get(c)).filter((l) => l !== undefined),
  );

describe("interestToFocus", () => {
  it.each([
    ["Lesen", "reading"],
    ["vorlesen", "reading"],
    ["Lesepate", "reading"],
    ["books", "reading"],
    ["Hausaufgaben", "school"],
    ["Nachhilfe in Mathe", "school"],
    ["homework", "school"],
    ["Ausbildung", "work"],
    ["Bewerbung schreiben", "work"],
    ["apprenticeship", "work"],
    ["Behörden", "arriving"],
    ["paperwork", "arriving"],
    ["Fußball", "leisure"],
    ["music", "leisure"],
    ["Mentor", "mentoring"],
    ["buddy", "mentoring"],
  ])("maps %s to %s", (text, focus) => {
    expect(interestToFocus(text)).toEqual([focus]);
  });

  it.each([
    ["Hausaufgabn", "school"],
    ["homwork", "school"],
    ["Ausbildug", "work"],
    ["apprentiseship", "work"],
    ["Nachhilfee", "school"],
  ])("forgives the typo in %s", (text, focus) => {
    expect(interestToFocus(text)).toEqual([focus]);
  });

  it("folds umlauts and ß either way", () => {
    expect(interestToFocus("Fussball")).toEqual(["leisure"]);
    expect(interestToFocus("Behoerden")).toEqual(["arriving"]);
    expect(interestToFocus("BEHORDEN")).toEqual(["arriving"]);
    expect(interestToFocus("Bücher")).toEqual(["reading"]);
  });

  it("matches phrases as a whole, so a phrase's words do not count on their own", () => {
    expect(interestToFocus("Deutsch lernen")).toEqual(["reading"]);
    expect(interestToFocus("Lernen")).toEqual(["school"]);
    expect(interestToFocus("wir sind neu in Deutschland")).toEqual(["arriving"]);
    expect(interestToFocus("we are new in germany")).toEqual(["arriving"]);
    expect(interestToFocus("neu in Deutchland")).toEqual(["arriving"]);
  });

  it("finds several focus areas in the order they are mentioned", () => {
    expect(interestToFocus("my son needs help with homework and reading")).toEqual(["school", "reading"]);
    expect(interestToFocus("Praktikum, Bewerbung und Fußball")).toEqual(["work", "leisure"]);
  });

  it("finds a synonym inside a German compound word", () => {
    expect(interestToFocus("Mathenachhilfe")).toEqual(["school"]);
    expect(interestToFocus("Fußballverein")).toEqual(["leisure"]);
  });

  it("does not read where someone lives as a need", () => {
    expect(interestToFocus("wir wohnen in 50667 Köln", "de")).toEqual([]);
    expect(interestToFocus("Hilfe bei der Wohnungssuche", "de")).toEqual(["arriving"]);
  });

  it("does not stretch short words into others", () => {
    expect(interestToFocus("I'm ready")).toEqual([]);
    expect(interestToFocus("wir leben in Deutschland")).toEqual([]);
    expect(interestToFocus("")).toEqual([]);
    expect(interestToFocus("Hallo, wie geht es?")).toEqual([]);
  });

  it("reads an ambiguous word as a need only with a second cue", () => {
    // Dari and Pashto "کار" is work, but also any task or doing; Somali "Jarmalka" is Germany or German.
    expect(interestToFocus("می‌خواهم با اطفال کار کنم", "prs")).toEqual([]);
    expect(interestToFocus("پسرم دنبال کار می‌گردد", "prs")).toEqual(["work"]);
    expect(interestToFocus("در کار مکتب ضعیف است", "prs")).toEqual(["school"]);
    expect(interestToFocus("دفترونه څنګه کار کوي", "ps")).toEqual(["arriving"]);
    expect(interestToFocus("زه کار لټوم", "ps")).toEqual(["work"]);
    expect(interestToFocus("waxaan ku nool nahay Jarmalka", "so")).toEqual([]);
    expect(interestToFocus("waxaan rabaa inaan barto af Jarmalka", "so")).toEqual(["reading"]);
    expect(interestToFocus("dhawaan ayaan Jarmalka nimid", "so")).toEqual(["arriving"]);
  });

  it("reads learning a language as reading, not as school", () => {
    expect(interestToFocus("د الماني ژبې زده کړې ته اړتیا لري", "ps")).toEqual(["reading"]);
    expect(interestToFocus("په ښوونځي کې زده کړه", "ps")).toEqual(["school"]);
  });

  it("uses the given language first and falls back to all languages", () => {
    expect(interestToFocus("Hausaufgaben", "de")).toEqual(["school"]);
    // English text announced as German still matches through the fallback.
    expect(interestToFocus("homework", "de")).toEqual(["school"]);
    expect(interestToFocus("homework", "ar")).toEqual(["school"]);
    expect(interestToFocus("reading", "en-GB")).toEqual(["reading"]);
  });

  it("has a synonym list for every focus area in every language", () => {
    for (const [language, data] of Object.entries(UNDERSTANDING_DATA)) {
      const needs = (data as { needs: Record<string, string[]> }).needs;
      for (const area of FOCUS_AREAS) expect(needs[area]?.length, `${language}/${area}`).toBeGreaterThan(2);
    }
  });
});

describe("ageHintFromText", () => {
  it.each([
    ["8 Jahre", 8],
    ["Sie ist 8 Jahre alt", 8],
    ["meine 12-jährige Tochter", 12],
    ["8 years", 8],
    ["an 8-year-old boy", 8],
    ["my son is 12", 12],
    ["Mein Sohn ist 12.", 12],
    ["she's 9", 9],
    ["Alter: 7", 7],
    ["age 15", 15],
  ])("reads %s as %i", (text, age) => {
    expect(ageHintFromText(text)).toBe(age);
  });

  it.each([["Hallo"], ["PLZ 50667"], ["es ist 10 km weg"], ["I am 45 and want to help"], ["am 12. Mai"]])(
    "finds no child's age in %s",
    (text) => {
      expect(ageHintFromText(text)).toBeUndefined();
    },
  );
});

describe("age in every locale's words", () => {
  const ageIn = (text: string, ...codes: string[]) =>
    ageInWords(
      wordsOf(normaliseDigits(text)).map((w) => w.fold),
      codes.map((c) => tables.languages.get(c)).filter((l) => l !== undefined),
    );
  it.each([
    ["meine achtjährige Tochter", "de", 8],
    ["Tochter 15", "de", 15],
    ["kızım on beş yaşında", "tr", 15],
    ["Oğlum on bir yaşında", "tr", 11],
    ["yirmi bir yaşındayım", "tr", 21],
    ["Синові вісім років", "uk", 8],
    ["Моему сыну 9 лет", "ru", 9],
    ["ابني عمره ٩ سنوات", "ar", 9],
    ["پسرم ۹ سالشه", "fa", 9],
    ["زوی مې لس کلن دی", "ps", 10],
    ["ወደይ ዓሰርተ ዓመት እዩ", "ti", 10],
    ["Ilmahaygu waa toban jir", "so", 10],
    ["Синът ми е на 9 години", "bg", 9],
    ["Ο γιος μου είναι 9 χρονών", "el", 9],
    ["Unser Kind (3. Klasse)", "de", 8],
    ["my daughter's in 4th grade", "en", 9],
    ["Ma fille est en CE2", "fr", 8],
    ["دخترم کلاس سوم است", "fa", 8],
    ["keça min pola sêyemîn e", "ku", 8],
    ["vajza është në klasën e tretë", "sq", 8],
  ])("reads %s (%s) as %i", (text, code, age) => {
    expect(ageIn(text, code)).toBe(age);
  });

  it("takes no 'bir' (a) or 'un' (a) for one year", () => {
    expect(ageIn("Oğlum bir mentor arıyor", "tr")).toBeUndefined();
    expect(ageIn("il a un problème en maths", "fr")).toBeUndefined();
  });
});
