/**
 * Imports mentoring projects from a CSV (see data/projects-template.csv) or JSON file into the
 * database the app uses (DATABASE_URL, else PGlite under DATA_DIR).
 *
 *   npm run import -- projects.csv [--dry-run]
 *
 * Exit codes: 0 when at least one row was valid (and, unless --dry-run, written), 1 when no row
 * was valid or the file could not be read, 2 on wrong usage.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../adapters/config.js";
import {
  IMPORT_PGLITE,
  importProjectsFile,
  locatorFromGazetteerData,
} from "../../adapters/db/import-projects.js";
import { openDatabase } from "../../adapters/db/open-database.js";
import type { GazetteerData } from "../../core/gazetteer-data.js";
import type { PostcodeLocator } from "../../core/origin.js";
import { formatIssue } from "../../core/project-import.js";

const GAZETTEER = fileURLToPath(new URL("../gazetteer.json", import.meta.url));

function loadLocator(): PostcodeLocator | undefined {
  if (!existsSync(GAZETTEER)) return undefined;
  return locatorFromGazetteerData(JSON.parse(readFileSync(GAZETTEER, "utf8")) as GazetteerData);
}

async function main(argv: string[]): Promise<number> {
  const dryRun = argv.includes("--dry-run");
  const files = argv.filter((a) => !a.startsWith("--"));
  const file = files[0];
  if (files.length !== 1 || file === undefined || argv.some((a) => a.startsWith("--") && a !== "--dry-run")) {
    process.stderr.write("usage: npm run import -- <file.csv|file.json> [--dry-run]\n");
    return 2;
  }

  const locate = loadLocator();
  if (!locate) process.stderr.write("note: data/gazetteer.json not found; rows need lat and lon\n");
  let db: Awaited<ReturnType<typeof openDatabase>> | undefined;
  if (!dryRun) {
    const config = loadConfig(process.env);
    db = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      ...IMPORT_PGLITE,
    });
  }
  try {
    // Rows stream through: issues are printed as they are found, valid rows written in batches.
    const s = await importProjectsFile(file, {
      ...(locate ? { locate } : {}),
      ...(db ? { db } : {}),
      dryRun,
      onWarning: (w) => process.stderr.write(`warning: ${w}\n`),
      onIssue: (issue, format) => process.stderr.write(`${formatIssue(issue, format)}\n`),
    });
    process.stdout.write(
      `rows read: ${s.rowsRead}, valid: ${s.valid}, invalid: ${s.invalid}, upserted: ${s.upserted}${dryRun ? " (dry run)" : ""}\n`,
    );
    return s.valid > 0 ? 0 : 1;
  } finally {
    await db?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // The message only: a driver error could otherwise carry connection details.
    process.stderr.write(`import failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
