import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { neutraliseFormula, neutraliseRow, restoreFormula } from "../scripts/i18n/csv-formula.js";

describe("translators' CSV: no formulas", () => {
  const dangerous = [
    '=HYPERLINK("https://evil.example","klick")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
  ];

  it("prefixes every cell a spreadsheet would evaluate, and only those", () => {
    for (const cell of dangerous) expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    for (const cell of ["Hallo", "1 + 1", "E-Mail", " =x", "'quoted"])
      expect(neutraliseFormula(cell)).toBe(cell);
  });

  it("survives a CSV round trip: exported safe, imported as it was", () => {
    const rows = dangerous.map((de, i) => ({ key: `k.${i}`, de, translation: de }));
    const csv = stringify(rows.map(neutraliseRow), { header: true, columns: ["key", "de", "translation"] });
    const cells = parse(csv, { columns: true }) as { key: string; de: string; translation: string }[];
    for (const c of cells) expect(c.de.startsWith("'")).toBe(true);
    expect(cells.map((c) => restoreFormula(c.translation))).toEqual(dangerous);
    expect(restoreFormula("'quoted")).toBe("'quoted");
  });
});
