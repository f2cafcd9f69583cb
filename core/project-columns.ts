import { STATE_NAMES_DE, STATES, type State } from "./state.js";

/** How a CSV cell is read. */
export type CellKind = "text" | "lowerlist" | "int" | "number" | "bool" | "state";

/** CSV column → where it goes in a Project (dotted path), and how the cell is read. */
const COLUMNS: Record<string, { path: string; kind: CellKind }> = {
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

/** `description_ar`, `short_description_tr`: a project's texts in a further language (German is the main text). */
const LANGUAGE_DESCRIPTION = /^(short_)?description_([a-z]{2,3})$/;

/** Where a (normalised) column goes; undefined for a column the importer does not know. */
export function columnTarget(column: string): { path: string; kind: CellKind } | undefined {
  const fixed = COLUMNS[column];
  if (fixed) return fixed;
  const m = LANGUAGE_DESCRIPTION.exec(column);
  if (!m?.[2] || m[2] === "de") return undefined;
  return { path: `descriptions.${m[2]}.${m[1] ? "short" : "long"}`, kind: "text" };
}

/** "Short Description" → "short_description". */
export function normaliseHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

const TRUE = new Set(["1", "true", "yes", "y", "ja", "j", "x", "wahr"]);
const FALSE = new Set(["0", "false", "no", "n", "nein", "falsch"]);
const STATE_BY_NAME = new Map<string, State>(
  Object.entries(STATE_NAMES_DE).map(([code, name]) => [name.toLowerCase(), code as State]),
);

/** Reads one cell; an empty cell gives neither value nor error. */
export function readCell(raw: string, kind: CellKind): { value?: unknown; error?: string } {
  const v = raw.trim();
  if (v === "") return {};
  switch (kind) {
    case "text":
      return { value: v };
    case "lowerlist":
      // ";" is the documented separator; "|" and "," also work, e.g. in files saved with ";" delimiters.
      return {
        value: v
          .split(/[;|,]/)
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean),
      };
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

/** Sets a dotted path ("volunteers.wanted", "descriptions.ar.short"), creating objects on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  const last = keys.pop() as string;
  let cur = target;
  for (const k of keys) {
    cur[k] ??= {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[last] = value;
}

/** Picks "," or ";" from the header line (spreadsheets in German locales save with ";"). */
export function detectDelimiter(headerLine: string): "," | ";" {
  const line = headerLine.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  return (line.match(/;/g)?.length ?? 0) > (line.match(/,/g)?.length ?? 0) ? ";" : ",";
}
