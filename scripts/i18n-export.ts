/**
 * `npm run i18n:export -- <code> [--since <git-rev>] [--out file.csv] [--words]`: writes a CSV (key,
 * de, en, translation, reason) of the keys a locale lacks and of those whose German text changed
 * since the last review (the revision in locales/review-state.json, or --since), followed by the
 * understanding lists of locales/understanding/<code>.json that are empty or whose German changed
 * (`understanding:<field>` rows; with --words every list, to review what people type).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import { localeInfo } from "../bot/locales.js";
import { neutraliseRow } from "./i18n/csv-formula.js";
import { exportRows } from "./i18n/csv-rows.js";
import { understandingRows } from "./i18n/understanding-rows.js";

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

/** A German file as it was at a git revision (undefined when it did not exist then). */
function germanAt(revision: string, path = "locales/de.json"): unknown {
  try {
    return JSON.parse(
      execFileSync("git", ["show", `${revision}:${path}`], { encoding: "utf8", stdio: "pipe" }),
    );
  } catch {
    return undefined;
  }
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function main(): void {
  const args = process.argv.slice(2);
  const code = args[0];
  const info = code ? localeInfo(code) : undefined;
  if (!code || !info) {
    console.error("usage: npm run i18n:export -- <code> [--since <git-rev>] [--out file.csv]");
    process.exit(2);
  }
  const review = readJson("locales/review-state.json") as Record<string, { revision?: string }>;
  const since = option(args, "--since") ?? review[code]?.revision;
  const path = `locales/${code}.json`;
  const rows = exportRows(
    readJson("locales/de.json"),
    readJson("locales/en.json"),
    existsSync(path) ? readJson(path) : {},
    info.intl,
    since ? germanAt(since) : undefined,
  );
  const words = `locales/understanding/${code}.json`;
  rows.push(
    ...understandingRows(
      readJson("locales/understanding/de.json"),
      readJson("locales/understanding/en.json"),
      existsSync(words) ? readJson(words) : undefined,
      args.includes("--words"),
      since ? germanAt(since, "locales/understanding/de.json") : undefined,
    ),
  );
  const out = option(args, "--out") ?? `i18n-${code}.csv`;
  writeFileSync(
    out,
    stringify(rows.map(neutraliseRow), {
      header: true,
      columns: ["key", "de", "en", "translation", "reason"],
      bom: true,
    }),
  );
  console.log(`${out}: ${rows.length} key(s) to translate${since ? ` (German changes since ${since})` : ""}`);
}

main();
