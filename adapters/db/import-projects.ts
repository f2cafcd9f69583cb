import { createReadStream } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { parse } from "csv-parse";
import { createGazetteer } from "../../core/gazetteer.js";
import type { GazetteerData } from "../../core/gazetteer-data.js";
import { type PostcodeLocator, postcodeLocator } from "../../core/origin.js";
import type { Project } from "../../core/project.js";
import { detectDelimiter } from "../../core/project-columns.js";
import {
  type ImportFormat,
  type ImportIssue,
  type ImportOptions,
  ProjectRowReader,
  type RowResult,
} from "../../core/project-import.js";
import {
  type CsvRecord,
  csvParseOptions,
  importFormatOf,
  jsonCatalogueItems,
  type ParsedImport,
  recordStartLine,
} from "../../core/project-import-text.js";
import type { Database, Queryable } from "./database.js";
import { upsertProjects } from "./project-store.js";

/**
 * How an import opens the embedded database: in this thread (a one-off script needs no worker);
 * the small page cache every embedded database uses keeps 100,000 streamed rows under 500 MB RSS
 * (bench/import-rss.bench.ts).
 */
export const IMPORT_PGLITE = { pgliteWorker: false } as const;

export interface ImportSummary {
  rowsRead: number;
  valid: number;
  invalid: number;
  upserted: number;
}

/** Builds a postcode locator from the committed gazetteer (data/gazetteer.json): the search's own lookup. */
export function locatorFromGazetteerData(data: GazetteerData): PostcodeLocator {
  return postcodeLocator(createGazetteer(data));
}

/**
 * Writes rows validated in memory in one transaction (all or nothing). Nothing is written when
 * there is no valid row or on a dry run.
 */
export async function importProjects(
  db: Database | undefined,
  parsed: ParsedImport,
  opts: { dryRun?: boolean } = {},
): Promise<ImportSummary> {
  const summary = {
    rowsRead: parsed.rowsRead,
    valid: parsed.valid.length,
    invalid: parsed.invalidRows,
    upserted: 0,
  };
  if (opts.dryRun || parsed.valid.length === 0) return summary;
  if (!db) throw new Error("a database is required unless dryRun is set");
  summary.upserted = await db.transaction((tx) => upsertProjects(tx, parsed.valid));
  return summary;
}

export interface FileImportOptions extends ImportOptions {
  /** Where to write; required unless dryRun. */
  db?: Database;
  dryRun?: boolean;
  /** Projects per upsert statement (default 500). */
  batchSize?: number;
  /** Called for each problem as the rows stream by (the CLI prints them). */
  onIssue?: (issue: ImportIssue, format: ImportFormat) => void;
  /** Called for file-level remarks (unknown columns), once the header is read. */
  onWarning?: (warning: string) => void;
}

export interface FileImportResult extends ImportSummary {
  format: ImportFormat;
  warnings: string[];
}

/** The first bytes of a file: enough for the header line, to pick the CSV delimiter before streaming. */
async function head(path: string, bytes = 64 * 1024): Promise<string> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await file.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await file.close();
  }
}

/** Validated rows of a file, one at a time: CSV is streamed; JSON is one document, parsed whole. */
async function* validatedRows(
  path: string,
  reader: ProjectRowReader,
  onWarning: ((w: string) => void) | undefined,
): AsyncGenerator<RowResult> {
  if (reader.format === "json") {
    const doc = jsonCatalogueItems(await readFile(path, "utf8"));
    if ("issue" in doc) {
      yield { ok: false, issues: [doc.issue] };
      return;
    }
    for (let i = 0; i < doc.items.length; i++) {
      yield reader.jsonItem(doc.items[i], i + 1);
      doc.items[i] = undefined; // let the item go once validated
    }
    return;
  }
  const parser = createReadStream(path).pipe(parse(csvParseOptions(detectDelimiter(await head(path)))));
  let header = true;
  for await (const r of parser as AsyncIterable<CsvRecord>) {
    if (header) {
      header = false;
      reader.csvHeader(r.record);
      for (const w of reader.warnings) onWarning?.(w);
      continue;
    }
    yield reader.csvRow(r.record, recordStartLine(r));
  }
}

/**
 * Imports a catalogue file (.csv or .json) row by row: each row is validated as it is read and
 * valid ones are upserted in batches inside one transaction, so a file of 100,000 projects never
 * sits in memory as Projects and a failure leaves the table as it was. Invalid rows are reported
 * through `onIssue` and skipped.
 */
export async function importProjectsFile(
  path: string,
  opts: FileImportOptions = {},
): Promise<FileImportResult> {
  const format = importFormatOf(path);
  const reader = new ProjectRowReader(format, opts);
  const batchSize = opts.batchSize ?? 500;
  let valid = 0;
  let upserted = 0;

  const run = async (tx: Queryable | undefined): Promise<void> => {
    let batch: Project[] = [];
    const flush = async () => {
      if (tx && batch.length > 0) upserted += await upsertProjects(tx, batch);
      batch = [];
    };
    for await (const result of validatedRows(path, reader, opts.onWarning)) {
      if (!result.ok) {
        for (const issue of result.issues) opts.onIssue?.(issue, format);
        continue;
      }
      valid++;
      batch.push(result.project);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  };

  if (opts.dryRun) await run(undefined);
  else {
    if (!opts.db) throw new Error("a database is required unless dryRun is set");
    await opts.db.transaction((tx) => run(tx));
  }
  return {
    format,
    rowsRead: reader.rowsRead,
    valid,
    invalid: reader.invalidRows,
    upserted,
    warnings: reader.warnings,
  };
}
