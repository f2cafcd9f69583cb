/**
 * `npm run i18n:import -- <code> file.csv [--reviewed]`: merges the "translation" column of a CSV
 * written by i18n:export (and edited in a spreadsheet) into locales/<code>.json, and its
 * `understanding:` rows into locales/understanding/<code>.json. With --reviewed, the
 * current git revision is recorded in locales/review-state.json as the locale's last review.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { localeInfo } from "../bot/locales.js";
import { restoreFormula } from "./i18n/csv-formula.js";
import { importRows } from "./i18n/csv-rows.js";
import { importUnderstandingRows, isUnderstandingRow } from "./i18n/understanding-rows.js";

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

function main(): void {
  const [code, file, ...rest] = process.argv.slice(2);
  const info = code ? localeInfo(code) : undefined;
  if (!code || !info || !file) {
    console.error("usage: npm run i18n:import -- <code> file.csv [--reviewed]");
    process.exit(2);
  }
  const rows = parse(readFileSync(file, "utf8"), { columns: true, bom: true, skip_empty_lines: true }) as {
    key?: string;
    translation?: string;
  }[];
  const usable = rows
    .filter((r) => r.key && typeof r.translation === "string")
    .map((r) => ({ key: restoreFormula(r.key ?? ""), translation: restoreFormula(r.translation ?? "") }));
  const path = `locales/${code}.json`;
  const merged = importRows(
    readJson("locales/de.json"),
    existsSync(path) ? readJson(path) : {},
    info.intl,
    usable.filter((r) => !isUnderstandingRow(r.key)),
  );
  writeFileSync(path, `${JSON.stringify(merged, null, 2)}\n`);
  const wordRows = usable.filter((r) => isUnderstandingRow(r.key));
  if (wordRows.length > 0) {
    const words = `locales/understanding/${code}.json`;
    const data = importUnderstandingRows(existsSync(words) ? readJson(words) : undefined, wordRows);
    writeFileSync(words, `${JSON.stringify(data, null, 2)}\n`);
    console.log(`${words}: merged ${wordRows.filter((r) => r.translation.trim()).length} list(s)`);
  }
  console.log(
    `${path}: merged ${usable.filter((r) => !isUnderstandingRow(r.key) && r.translation.trim()).length} translation(s) from ${file}`,
  );
  if (rest.includes("--reviewed")) {
    const revision = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
    const state = readJson("locales/review-state.json") as Record<string, unknown>;
    state[code] = { revision, reviewedAt: new Date().toISOString().slice(0, 10) };
    writeFileSync("locales/review-state.json", `${JSON.stringify(state, null, 2)}\n`);
    console.log(`locales/review-state.json: ${code} reviewed at ${revision.slice(0, 8)}`);
  }
  console.log("Now run npm run i18n:check.");
}

main();
