import { describe, expect, it } from "vitest";
import { CSV_COLUMNS } from "../core/project-import.js";
import { parseProjectsCsv } from "../core/project-import-text.js";

const opts = { now: () => new Date("2024-06-01T09:00:00.000Z") };
const BASE: Record<string, string> = {
  id: "lesepaten-koeln",
  name: "Lesepaten Köln",
  organisation: "Beispiel e.V.",
  short_description: "Ehrenamtliche lesen mit Kindern.",
  focus: "reading",
  age_min: "6",
  age_max: "12",
  languages: "de;ar",
  postcode: "50667",
  place: "Köln",
  state: "NW",
  lat: "50.93",
  lon: "6.96",
};

function csv(extra: Record<string, string>): string {
  const columns = [...CSV_COLUMNS, ...Object.keys(extra)];
  const values = { ...BASE, ...extra };
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${columns.join(",")}\n${columns.map((c) => cell(values[c] ?? "")).join(",")}\n`;
}

describe("importing descriptions in further languages", () => {
  it("reads description_<lang> and short_description_<lang> columns into the descriptions map", () => {
    const parsed = parseProjectsCsv(
      csv({
        short_description_ar: "متطوعون يقرؤون مع الأطفال.",
        description_ar: "تلتقي الثنائيات كل أسبوع للقراءة.",
        description_tr: "Tandemler her hafta okumak için buluşuyor.",
      }),
      opts,
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.valid[0]?.descriptions).toEqual({
      ar: { short: "متطوعون يقرؤون مع الأطفال.", long: "تلتقي الثنائيات كل أسبوع للقراءة." },
      // No summary column: the description serves as the summary.
      tr: {
        short: "Tandemler her hafta okumak için buluşuyor.",
        long: "Tandemler her hafta okumak için buluşuyor.",
      },
    });
  });

  it("still warns about columns that are not a language", () => {
    const parsed = parseProjectsCsv(csv({ description_arabic: "x" }), opts);
    expect(parsed.warnings).toEqual(["unknown columns ignored: description_arabic"]);
  });
});
