import type { z } from "zod";
import type { PostcodeLocator } from "./origin.js";
import { type Project, ProjectSchema } from "./project.js";
import { columnTarget, normaliseHeader, readCell, setPath } from "./project-columns.js";

export type { PostcodeLocator } from "./origin.js";
export { CSV_COLUMNS } from "./project-columns.js";

export type ImportFormat = "csv" | "json";

export interface ImportIssue {
  /** CSV: the line in the file (header = line 1). JSON: the 1-based position in the array. */
  line: number;
  /** The CSV column, or the JSON path, that is wrong ("(row)" when it concerns the whole row). */
  field: string;
  message: string;
}

export interface ImportOptions {
  locate?: PostcodeLocator;
  /** Timestamp for rows without updated_at. */
  now?: () => Date;
}

export type RowResult = { ok: true; project: Project } | { ok: false; issues: ImportIssue[] };

/** "line 3, field contact_email: Invalid email address" (JSON items say "item"). */
export function formatIssue(issue: ImportIssue, format: ImportFormat = "csv"): string {
  return `${format === "csv" ? "line" : "item"} ${issue.line}, field ${issue.field}: ${issue.message}`;
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

/**
 * Validates a catalogue one row at a time, so a file of any size can be streamed through it: CSV
 * rows (after `csvHeader`) and JSON items take the same path to a Project — defaults, the location
 * from the postcode, ProjectSchema, and the duplicate-id check. Only ids seen so far are kept.
 */
export class ProjectRowReader {
  rowsRead = 0;
  invalidRows = 0;
  /** File-level remarks that do not reject a row (unknown or missing columns). */
  readonly warnings: string[] = [];
  private headers: string[] = [];
  /** Project path → the CSV column it came from, for issues in the user's terms. */
  private columnByPath = new Map<string, string>();
  private readonly seen = new Map<string, number>();
  private readonly now: () => Date;

  constructor(
    readonly format: ImportFormat,
    private readonly opts: ImportOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /** Takes the CSV header row; unknown columns are reported once and ignored. */
  csvHeader(cells: readonly string[]): void {
    this.headers = cells.map(normaliseHeader);
    const unknown = this.headers.filter((h) => h !== "" && !columnTarget(h));
    if (unknown.length > 0) this.warnings.push(`unknown columns ignored: ${unknown.join(", ")}`);
    for (const col of ["name", "postcode"]) {
      if (!this.headers.includes(col)) this.warnings.push(`column ${col} is missing`);
    }
    for (const h of this.headers) {
      const target = columnTarget(h);
      if (target) this.columnByPath.set(target.path, h);
    }
  }

  /**
   * One CSV row: lists separated by ";", booleans as yes/no (ja/nein, true/false, 1/0). A row
   * without id gets one derived from name and postcode, without updated_at the import time, and
   * without lat/lon the postcode's location.
   */
  csvRow(cells: readonly string[], line: number): RowResult {
    this.rowsRead++;
    const issues: ImportIssue[] = [];
    const badColumns = new Set<string>();
    const obj: Record<string, unknown> = {};
    const width = this.headers.length;
    if (cells.length > width && cells.slice(width).some((c) => c.trim() !== "")) {
      issues.push({ line, field: "(row)", message: `has ${cells.length} cells but the header has ${width}` });
    }
    this.headers.forEach((h, i) => {
      const target = columnTarget(h);
      if (!target) return;
      const { value, error } = readCell(cells[i] ?? "", target.kind);
      if (error) {
        issues.push({ line, field: h, message: error });
        badColumns.add(h);
      } else if (value !== undefined) {
        setPath(obj, target.path, value);
      }
    });
    // The long description may be empty (the short one is what lists show).
    obj.description ??= "";
    obj.volunteers ??= {};
    const vol = obj.volunteers as Record<string, unknown>;
    // An empty "wanted" cell means the project is not asking for volunteers.
    if (vol.wanted === undefined && !badColumns.has("volunteers_wanted")) vol.wanted = false;
    obj.contact ??= {};
    if (obj.id === undefined && typeof obj.name === "string") {
      obj.id = deriveProjectId(obj.name, typeof obj.postcode === "string" ? obj.postcode : "");
    }
    return this.accept(obj, line, issues, badColumns, (path) => this.columnByPath.get(path) ?? path);
  }

  /** One JSON item in the stored Project shape. */
  jsonItem(item: unknown, line: number): RowResult {
    this.rowsRead++;
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      this.invalidRows++;
      return { ok: false, issues: [{ line, field: "(item)", message: "expected an object" }] };
    }
    return this.accept({ ...(item as Record<string, unknown>) }, line, [], new Set(), (path) => path);
  }

  /** The one path both formats share: defaults, location, schema, duplicate id. */
  private accept(
    obj: Record<string, unknown>,
    line: number,
    issues: ImportIssue[],
    badColumns: Set<string>,
    fieldName: (path: string) => string,
  ): RowResult {
    obj.updatedAt ??= this.now().toISOString();
    summariseDescriptions(obj);
    fillLocation(obj, this.opts.locate, line, issues, badColumns, fieldName);
    const result = ProjectSchema.safeParse(obj);
    if (result.success && issues.length === 0) {
      const first = this.seen.get(result.data.id);
      if (first === undefined) {
        this.seen.set(result.data.id, line);
        return { ok: true, project: result.data };
      }
      const where = this.format === "csv" ? "on line" : "in item";
      issues.push({
        line,
        field: "id",
        message: `duplicate id ${result.data.id}, first used ${where} ${first}`,
      });
    }
    if (!result.success) {
      for (const issue of zodIssues(result.error, obj, line, fieldName)) {
        // CSV derives a missing id from the name, so only the missing name is worth reporting.
        const derivable = this.format === "csv" && issue.field === "id" && obj.name === undefined;
        if (!badColumns.has(issue.field) && !derivable) issues.push(issue);
      }
    }
    this.invalidRows++;
    return { ok: false, issues: dedupe(issues) };
  }
}

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

/** Longest one-line summary (the schema's limit for `short`). */
const MAX_SUMMARY = 300;

/** A language given only a description gets its start as the summary ("description_tr" alone). */
function summariseDescriptions(obj: Record<string, unknown>): void {
  const all = obj.descriptions;
  if (typeof all !== "object" || all === null) return;
  for (const d of Object.values(all as Record<string, { short?: unknown; long?: unknown }>)) {
    if (typeof d !== "object" || d === null || d.short !== undefined || typeof d.long !== "string") continue;
    const chars = Array.from(d.long);
    d.short = chars.length > MAX_SUMMARY ? `${chars.slice(0, MAX_SUMMARY - 1).join("")}…` : d.long;
  }
}
