/**
 * One measurement of bench/import-rss.bench.ts, in its own process so its peak RSS is its own:
 *   tsx bench/import-rss-child.ts <mode> <file> [dataDir]
 * Prints one JSON line: { mode, rows, ms, peakRssMb }.
 */
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import {
  IMPORT_PGLITE,
  importProjectsFile,
  locatorFromGazetteerData,
} from "../adapters/db/import-projects.js";
import { openDatabase } from "../adapters/db/open-database.js";
import { readGazetteerData } from "../adapters/node-data-files.js";
import { parseProjectsFile } from "../core/project-import-text.js";

const [mode, fileArg, dataDir] = process.argv.slice(2);
if (!mode || !fileArg) throw new Error("usage: import-rss-child <mode> <file> [dataDir]");
const file: string = fileArg;

async function measure(): Promise<number> {
  switch (mode) {
    case "read": {
      // Baseline: the file streamed from disk and dropped, nothing kept.
      let bytes = 0;
      for await (const chunk of createReadStream(file)) bytes += (chunk as Buffer).length;
      return bytes > 0 ? -1 : 0;
    }
    case "gazetteer-and-db": {
      // Baseline: what every import loads before the first row (the gazetteer and the database).
      locatorFromGazetteerData(await readGazetteerData());
      const db = await openDatabase({
        dataDir,
        databaseUrl: process.env.BENCH_DATABASE_URL,
        ...IMPORT_PGLITE,
      });
      await db.close();
      return 0;
    }
    case "whole": {
      // The previous importer's way: the whole text parsed and every Project held before writing.
      const locate = locatorFromGazetteerData(await readGazetteerData());
      return parseProjectsFile(file, await readFile(file, "utf8"), { locate }).valid.length;
    }
    case "dry-run": {
      const locate = locatorFromGazetteerData(await readGazetteerData());
      return (await importProjectsFile(file, { dryRun: true, locate })).valid;
    }
    case "import": {
      const locate = locatorFromGazetteerData(await readGazetteerData());
      // As `npm run import` opens it (see data/scripts/import-projects.ts).
      const db = await openDatabase({
        dataDir,
        databaseUrl: process.env.BENCH_DATABASE_URL,
        ...IMPORT_PGLITE,
      });
      try {
        return (await importProjectsFile(file, { db, locate })).upserted;
      } finally {
        await db.close();
      }
    }
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

const started = performance.now();
const rows = await measure();
const ms = Math.round(performance.now() - started);
// maxRSS is in KiB: the process's peak resident set, all the way from start.
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ mode, rows, ms, peakRssMb }));
