import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LanguageDataSchema } from "../core/language-data.js";
import { importUnderstandingRows, understandingRows } from "../scripts/i18n/understanding-rows.js";

const read = (code: string): unknown =>
  JSON.parse(readFileSync(new URL(`../locales/understanding/${code}.json`, import.meta.url), "utf8"));

describe("understanding data in the translators' spreadsheet", () => {
  it("exports every list of a locale with --words and imports it back unchanged", () => {
    const rows = understandingRows(read("de"), read("en"), read("tr"), true);
    expect(rows.map((r) => r.key)).toContain("understanding:needs.reading");
    expect(rows.find((r) => r.key === "understanding:places")?.de).toBe("");
    const back = importUnderstandingRows(undefined, rows);
    expect(back).toEqual(LanguageDataSchema.parse(read("tr")));
  });

  it("exports only the lists a new locale lacks, and fills them from the translation column", () => {
    const rows = understandingRows(read("de"), read("en"), undefined, false);
    expect(rows.every((r) => r.reason === "missing")).toBe(true);
    const filled = rows.map((r) =>
      r.key === "understanding:needs.school" ? { ...r, translation: "okul | ödev" } : r,
    );
    expect(importUnderstandingRows(undefined, filled).needs.school).toEqual(["okul", "ödev"]);
  });
});
