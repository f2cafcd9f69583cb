/**
 * Spreadsheets run a cell that starts with =, +, -, @, a tab or a carriage return as a formula
 * (`=HYPERLINK(…)` in a translation would become a link the translator clicks). Exported cells
 * starting so get a leading apostrophe, which spreadsheets show as text; import takes it off again.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEUTRALISED = /^'[=+\-@\t\r]/;

/** The cell as text a spreadsheet will not evaluate. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Undoes `neutraliseFormula` for a cell read back from a CSV. */
export function restoreFormula(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

/** Every string field of a row neutralised. */
export function neutraliseRow<R extends object>(row: R): R {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, typeof v === "string" ? neutraliseFormula(v) : v]),
  ) as R;
}
