import { parse } from "csv-parse/sync";
import type { z } from "zod";
import type { GazetteerData } from "../../core/gazetteer-data.js";
import { type Project, ProjectSchema } from "../../core/project.js";
import { STATE_NAMES_DE, STATES, type State } from "../../core/state.js";
import type { Database } from "./database.js";
import { upsertProjects } from "./project-store.js";

/** Where a postcode lies; used to fill lat/lon (and state/place when empty) of imported rows. */
export type PostcodeLocator = (
  postcode: string,
) => { lat: number; lon: number; state: State; place: string } | undefined;

export interface ImportIssue {
  /** CSV: the line in the file (header = line 1). JSON: the 1-based position in the array. */
  line: number;
  /** The CSV column, or the JSON path, that is wrong ("(row)" when it concerns the whole row). */
  field: string;
  message: string;
}

export interface ParsedImport {
  format: "csv" | "json";
  rowsRead: number;
  valid: Project[];
  /** One entry per issue; a row may have several. */
  issues: ImportIssue[];
  invalidRows: number;
  /** File-level remarks that do not reject a row (unknown columns). */
  warnings: string[];
}

export interface ImportOptions {
  locate?: PostcodeLocator;
  /** Timestamp for rows without updated_at. */
  now?: () => Date;
}

export interface ImportSummary {
  rowsRead: number;
  valid: number;
  invalid: number;
  upserted: number;
}

/** Builds a locator from the committed gazetteer (data/gazetteer.json). */
export function locatorFromGazetteerData(data: GazetteerData): PostcodeLocator {
  const byPostcode = new Map(data.postcodes.map((p) => [p[0], p]));
  return (postcode) => {
    const p = byPostcode.get(postcode);
    return p && { lat: p[1], lon: p[2], state: p[3], place: p[5].split("|")[0] ?? "" };
  };
}

/** "line 3, field contact_email: Invalid email address" (JSON items say "item"). */
export function formatIssue(issue: ImportIssue, format: ParsedImport["format"] = "csv"): string {
  return `${format === "csv" ? "line" : "item"} ${issue.line}, field ${issue.field}: ${issue.message}`;
}

/** Parses by file extension (.csv or .json). */
export function parseProjectsFile(fileName: string, text: string, opts: ImportOptions = {}): ParsedImport {
  if (/\.json$/i.test(fileName)) return parseProjectsJson(text, opts);
  if (/\.csv$/i.test(fileName)) return parseProjectsCsv(text, opts);
  throw new Error("expected a .csv or .json file");
}

// ---------------------------------------------------------------------------------------------
// CSV

type Kind = "text" | "list" | "lowerlist" | "int" | "number" | "bool" | "state";

/** CSV column → where it goes in a Project, and how the cell is read. */
const COLUMNS: Record<string, { path: string; kind: Kind }> = {
  id: { path: "id", kind: "text" },
  name: { path: "name", kind: "text" },
  organisation: { path: "organisation", kind: "text" },
  short_description: { path: "shortDescription", kind: "text" },
  description: { path: "description", kind: "text" },
  short_description_en: { path: "shortDescriptionEn", kind: "text" },
  description_en: { path: "descriptionEn", kind: "text" },
  focus: { path: "focus", kind: "lowerlist" },
  age_min: { path: "ageMin", kind: "int" },
  age_max: { path: "ageMax", kind: "int" },
  audiences: { path: "audiences", kind: "lowerlist" },
  languages: { path: "languages", kind: "lowerlist" },
  volunteers_wanted: { path: "volunteers.wanted", kind: "bool" },
  volunteer_hours_per_week: { path: "volunteers.hoursPerWeek", kind: "number" },
  certificate_of_conduct: { path: "volunteers.certificateOfConduct", kind: "bool" },
  volunteer_notes: { path: "volunteers.notes", kind: "text" },
  address: { path: "address", kind: "text" },
  postcode: { path: "postcode", kind: "text" },
  place: { path: "place", kind: "text" },
  state: { path: "state", kind: "state" },
  lat: { path: "lat", kind: "number" },
  lon: { path: "lon", kind: "number" },
  contact_email: { path: "contact.email", kind: "text" },
  contact_phone: { path: "contact.phone", kind: "text" },
  contact_website: { path: "contact.website", kind: "text" },
  slack_channel_id: { path: "slackChannelId", kind: "text" },
  updated_at: { path: "updatedAt", kind: "text" },
};

/** The column names of the CSV template, in template order. */
export const CSV_COLUMNS = Object.keys(COLUMNS);

const COLUMN_BY_PATH = new Map(Object.entries(COLUMNS).map(([col, c]) => [c.path, col]));

/** `description_<lang>` and `short_description_<lang>`: the project's texts in further languages. */
const LOCALIZED_COLUMN = /^(short_)?description_([a-z]{2,3})$/;

/** Where a localized description column goes (`descriptions.ar.long`), if the header is one. */
function localizedColumn(h: string): { path: string; kind: Kind } | undefined {
  const m = LOCALIZED_COLUMN.exec(h);
  return m?.[2] ? { path: `descriptions.${m[2]}.${m[1] ? "short" : "long"}`, kind: "text" } : undefined;
}

/** A language's texts need both parts: a missing summary is cut from the description, a missing description is empty. */
function completeDescriptions(obj: Record<string, unknown>): void {
  const all = obj.descriptions as Record<string, { short?: string; long?: string }> | undefined;
  if (!all) return;
  for (const d of Object.values(all)) {
    d.long ??= "";
    if (d.short === undefined) {
      const chars = Array.from(d.long);
      d.short = chars.length > 300 ? `${chars.slice(0, 299).join("")}…` : d.long;
    }
  }
}

const TRUE = new Set(["1", "true", "yes", "y", "ja", "j", "x", "wahr"]);
const FALSE = new Set(["0", "false", "no", "n", "nein", "falsch"]);
const STATE_BY_NAME = new Map<string, State>(
  Object.entries(STATE_NAMES_DE).map(([code, name]) => [name.toLowerCase(), code as State]),
);

function normaliseHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** Reads one cell; returns an error message when it cannot be converted. */
function convert(raw: string, kind: Kind): { value?: unknown; error?: string } {
  const v = raw.trim();
  if (v === "") return {};
  switch (kind) {
    case "text":
      return { value: v };
    case "list":
    case "lowerlist": {
      // ";" is the documented separator; "|" and "," also work, e.g. in files saved with ";" delimiters.
      const items = v
        .split(/[;|,]/)
        .map((s) => s.trim())
        .filter(Boolean);
      return { value: kind === "lowerlist" ? items.map((s) => s.toLowerCase()) : items };
    }
    case "int":
    case "number": {
      // German spreadsheets write decimal commas.
      const n = Number(v.replace(",", "."));
      if (!Number.isFinite(n)) return { error: `expected a number, got "${v}"` };
      if (kind === "int" && !Number.isInteger(n)) return { error: `expected a whole number, got "${v}"` };
      return { value: n };
    }
    case "bool": {
      const l = v.toLowerCase();
      if (TRUE.has(l)) return { value: true };
      if (FALSE.has(l)) return { value: false };
      return { error: `expected yes or no, got "${v}"` };
    }
    case "state": {
      const upper = v.toUpperCase();
      if ((STATES as readonly string[]).includes(upper)) return { value: upper };
      const byName = STATE_BY_NAME.get(v.toLowerCase());
      return byName
        ? { value: byName }
        : { error: `expected a state code like NW or a name like Bayern, got "${v}"` };
    }
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, ...rest] = path.split(".") as [string, ...string[]];
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  target[head] ??= {};
  setPath(target[head] as Record<string, unknown>, rest.join("."), value);
}

/** A stable id from name and postcode, for rows without one ("Lesepaten Köln" → "lesepaten-koeln-50667"). */
export function deriveProjectId(name: string, postcode: string): string {
  const slug = name
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50)
    .replace(/-+$/, "");
  return [slug, postcode].filter(Boolean).join("-");
}

/** Picks "," or ";" from the header line (spreadsheets in German locales save with ";"). */
function detectDelimiter(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? "";
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ";" : ",";
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
  raw: string;
}

/**
 * Reads the CSV template format: one project per row, lists separated by ";", booleans as
 * yes/no (ja/nein, true/false, 1/0). Each row is validated with ProjectSchema; a row without
 * id gets one derived from name and postcode, without updated_at the import time, and without
 * lat/lon the postcode's location.
 */
export function parseProjectsCsv(text: string, opts: ImportOptions = {}): ParsedImport {
  const records = parse(text, {
    bom: true,
    info: true,
    raw: true,
    delimiter: detectDelimiter(text.replace(/^\uFEFF/, "")),
    relax_column_count: true,
    skip_empty_lines: true,
  }) as unknown as CsvRecord[];
  const [head, ...rows] = records;
  const out: ParsedImport = {
    format: "csv",
    rowsRead: 0,
    valid: [],
    issues: [],
    invalidRows: 0,
    warnings: [],
  };
  if (!head) return out;
  const headers = head.record.map(normaliseHeader);
  const unknown = headers.filter((h) => h !== "" && !(h in COLUMNS) && !localizedColumn(h));
  if (unknown.length > 0) out.warnings.push(`unknown columns ignored: ${unknown.join(", ")}`);
  for (const col of ["name", "postcode"]) {
    if (!headers.includes(col)) out.warnings.push(`column ${col} is missing`);
  }

  const now = opts.now ?? (() => new Date());
  const seen = new Map<string, number>();
  for (const r of rows) {
    // info.lines is where the record ends; quoted cells may span lines, so count back to its start.
    const line = r.info.lines - (r.raw.replace(/^[\r\n]+|[\r\n]+$/g, "").match(/\n/g)?.length ?? 0);
    out.rowsRead++;
    const issues: ImportIssue[] = [];
    const badColumns = new Set<string>();
    const obj: Record<string, unknown> = {};
    if (r.record.length > headers.length && r.record.slice(headers.length).some((c) => c.trim() !== "")) {
      issues.push({
        line,
        field: "(row)",
        message: `has ${r.record.length} cells but the header has ${headers.length}`,
      });
    }
    headers.forEach((h, i) => {
      const col = COLUMNS[h] ?? localizedColumn(h);
      if (!col) return;
      const { value, error } = convert(r.record[i] ?? "", col.kind);
      if (error) {
        issues.push({ line, field: h, message: error });
        badColumns.add(h);
      } else if (value !== undefined) {
        setPath(obj, col.path, value);
      }
    });
    // The long description may be empty (the short one is what lists show).
    obj.description ??= "";
    completeDescriptions(obj);
    obj.volunteers ??= {};
    const vol = obj.volunteers as Record<string, unknown>;
    // An empty "wanted" cell means the project is not asking for volunteers.
    if (vol.wanted === undefined && !badColumns.has("volunteers_wanted")) vol.wanted = false;
    obj.contact ??= {};
    obj.updatedAt ??= now().toISOString();
    if (obj.id === undefined && typeof obj.name === "string") {
      obj.id = deriveProjectId(obj.name, typeof obj.postcode === "string" ? obj.postcode : "");
    }
    fillLocation(obj, opts.locate, line, issues, badColumns, (path) => COLUMN_BY_PATH.get(path) ?? path);

    const result = ProjectSchema.safeParse(obj);
    if (result.success && issues.length === 0) {
      const first = seen.get(result.data.id);
      if (first !== undefined) {
        issues.push({
          line,
          field: "id",
          message: `duplicate id ${result.data.id}, first used on line ${first}`,
        });
      } else {
        seen.set(result.data.id, line);
        out.valid.push(result.data);
        continue;
      }
    }
    if (!result.success) {
      for (const issue of zodIssues(result.error, obj, line, (path) => COLUMN_BY_PATH.get(path) ?? path)) {
        // A missing id is derived from the name, so only the missing name is worth reporting.
        const derivable = issue.field === "id" && obj.name === undefined;
        if (!badColumns.has(issue.field) && !derivable) issues.push(issue);
      }
    }
    out.issues.push(...dedupe(issues));
    out.invalidRows++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// JSON

/**
 * Reads an array of projects (or `{ "projects": [...] }`) in the stored Project shape. Missing
 * updatedAt becomes the import time and missing lat/lon the postcode's location.
 */
export function parseProjectsJson(text: string, opts: ImportOptions = {}): ParsedImport {
  const out: ParsedImport = {
    format: "json",
    rowsRead: 0,
    valid: [],
    issues: [],
    invalidRows: 0,
    warnings: [],
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    out.issues.push({ line: 0, field: "(file)", message: `not valid JSON: ${(err as Error).message}` });
    return out;
  }
  const items = Array.isArray(doc) ? doc : (doc as { projects?: unknown } | null)?.projects;
  if (!Array.isArray(items)) {
    out.issues.push({
      line: 0,
      field: "(file)",
      message: "expected an array of projects or { projects: [...] }",
    });
    return out;
  }
  const now = opts.now ?? (() => new Date());
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const line = index + 1;
    out.rowsRead++;
    const issues: ImportIssue[] = [];
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      out.issues.push({ line, field: "(item)", message: "expected an object" });
      out.invalidRows++;
      return;
    }
    const obj = { ...(item as Record<string, unknown>) };
    obj.updatedAt ??= now().toISOString();
    fillLocation(obj, opts.locate, line, issues, new Set(), (path) => path);
    const result = ProjectSchema.safeParse(obj);
    if (result.success && issues.length === 0) {
      const first = seen.get(result.data.id);
      if (first === undefined) {
        seen.set(result.data.id, line);
        out.valid.push(result.data);
        return;
      }
      issues.push({
        line,
        field: "id",
        message: `duplicate id ${result.data.id}, first used in item ${first}`,
      });
    }
    if (!result.success) issues.push(...zodIssues(result.error, obj, line, (path) => path));
    out.issues.push(...dedupe(issues));
    out.invalidRows++;
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Shared

/** Fills lat/lon (and state/place when empty) from the postcode when coordinates are missing. */
function fillLocation(
  obj: Record<string, unknown>,
  locate: PostcodeLocator | undefined,
  line: number,
  issues: ImportIssue[],
  badColumns: Set<string>,
  fieldName: (path: string) => string,
): void {
  if (obj.lat !== undefined && obj.lon !== undefined) return;
  if (badColumns.has("lat") || badColumns.has("lon")) return;
  const postcode = obj.postcode;
  if (typeof postcode !== "string" || !/^\d{5}$/.test(postcode)) return; // the schema reports the postcode
  const found = locate?.(postcode);
  if (!found) {
    const why = locate
      ? `postcode ${postcode} is not in the gazetteer`
      : "no gazetteer available to look it up";
    issues.push({ line, field: fieldName("lat"), message: `missing, and ${why}` });
    badColumns.add(fieldName("lat"));
    badColumns.add(fieldName("lon"));
    return;
  }
  obj.lat ??= found.lat;
  obj.lon ??= found.lon;
  obj.state ??= found.state;
  obj.place ??= found.place;
}

function zodIssues(
  error: z.ZodError,
  input: Record<string, unknown>,
  line: number,
  fieldName: (path: string) => string,
): ImportIssue[] {
  return error.issues.map((i) => {
    // Lists report an element index ("focus.1"); the column is what the user can fix.
    const path = i.path.filter((p) => typeof p === "string").join(".");
    const absent = i.path.length > 0 && valueAt(input, i.path) === undefined;
    return { line, field: path === "" ? "(row)" : fieldName(path), message: absent ? "missing" : i.message };
  });
}

function valueAt(obj: unknown, path: readonly PropertyKey[]): unknown {
  let cur = obj;
  for (const key of path) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function dedupe(issues: ImportIssue[]): ImportIssue[] {
  const keys = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.line}|${i.field}|${i.message}`;
    if (keys.has(k)) return false;
    keys.add(k);
    return true;
  });
}

/**
 * Writes the valid rows in one transaction (all or nothing). Nothing is written when there is
 * no valid row or on a dry run.
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
