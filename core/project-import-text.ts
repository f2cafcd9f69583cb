import { parse } from "csv-parse/sync";
import type { Project } from "./project.js";
import { detectDelimiter } from "./project-columns.js";
import {
  type ImportFormat,
  type ImportIssue,
  type ImportOptions,
  ProjectRowReader,
} from "./project-import.js";

/** A whole catalogue validated in memory (small files, tests); large files are streamed by the importer. */
export interface ParsedImport {
  format: ImportFormat;
  rowsRead: number;
  valid: Project[];
  /** One entry per issue; a row may have several. */
  issues: ImportIssue[];
  invalidRows: number;
  /** File-level remarks that do not reject a row (unknown columns). */
  warnings: string[];
}

/** A CSV record as csv-parse gives it with `info` and `raw`. */
export interface CsvRecord {
  record: string[];
  info: { lines: number };
  raw: string;
}

/** csv-parse options of the template format; the delimiter comes from the header line. */
export function csvParseOptions(delimiter: string) {
  return {
    bom: true,
    info: true,
    raw: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
  } as const;
}

/** The line a record starts on: info.lines is where it ends, and quoted cells may span lines. */
export function recordStartLine(r: CsvRecord): number {
  return r.info.lines - (r.raw.replace(/^[\r\n]+|[\r\n]+$/g, "").match(/\n/g)?.length ?? 0);
}

function collect(format: ImportFormat, reader: ProjectRowReader): ParsedImport {
  return { format, rowsRead: 0, valid: [], issues: [], invalidRows: 0, warnings: reader.warnings };
}

function finish(out: ParsedImport, reader: ProjectRowReader): ParsedImport {
  out.rowsRead = reader.rowsRead;
  out.invalidRows = reader.invalidRows;
  return out;
}

/** Reads the CSV template format (see data/projects-template.csv) from text. */
export function parseProjectsCsv(text: string, opts: ImportOptions = {}): ParsedImport {
  const reader = new ProjectRowReader("csv", opts);
  const out = collect("csv", reader);
  const records = parse(text, csvParseOptions(detectDelimiter(text))) as unknown as CsvRecord[];
  const [head, ...rows] = records;
  if (!head) return finish(out, reader);
  reader.csvHeader(head.record);
  for (const r of rows) {
    const result = reader.csvRow(r.record, recordStartLine(r));
    if (result.ok) out.valid.push(result.project);
    else out.issues.push(...result.issues);
  }
  return finish(out, reader);
}

/** The items of a JSON catalogue: an array of projects or `{ "projects": [...] }`; an issue otherwise. */
export function jsonCatalogueItems(text: string): { items: unknown[] } | { issue: ImportIssue } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { issue: { line: 0, field: "(file)", message: `not valid JSON: ${(err as Error).message}` } };
  }
  const items = Array.isArray(doc) ? doc : (doc as { projects?: unknown } | null)?.projects;
  if (!Array.isArray(items)) {
    return {
      issue: { line: 0, field: "(file)", message: "expected an array of projects or { projects: [...] }" },
    };
  }
  return { items };
}

/** Reads projects in the stored Project shape from JSON text. */
export function parseProjectsJson(text: string, opts: ImportOptions = {}): ParsedImport {
  const reader = new ProjectRowReader("json", opts);
  const out = collect("json", reader);
  const doc = jsonCatalogueItems(text);
  if ("issue" in doc) {
    out.issues.push(doc.issue);
    return finish(out, reader);
  }
  doc.items.forEach((item, index) => {
    const result = reader.jsonItem(item, index + 1);
    if (result.ok) out.valid.push(result.project);
    else out.issues.push(...result.issues);
  });
  return finish(out, reader);
}

/** The format a file name says (.csv or .json). */
export function importFormatOf(fileName: string): ImportFormat {
  if (/\.json$/i.test(fileName)) return "json";
  if (/\.csv$/i.test(fileName)) return "csv";
  throw new Error("expected a .csv or .json file");
}

/** Parses by file extension (.csv or .json). */
export function parseProjectsFile(fileName: string, text: string, opts: ImportOptions = {}): ParsedImport {
  return importFormatOf(fileName) === "json" ? parseProjectsJson(text, opts) : parseProjectsCsv(text, opts);
}
