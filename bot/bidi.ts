/** FIRST STRONG ISOLATE: starts a run laid out by its own first strong letter. */
export const FSI = "\u2068";
/** POP DIRECTIONAL ISOLATE: ends the run an FSI started. */
export const PDI = "\u2069";

/** A letter written left to right (Latin, Cyrillic, Greek, Ge'ez, …). */
const LTR_LETTER = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Ethiopic}]/u;
/** A letter written right to left. */
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;
/** A run already isolated, which needs no second isolate around it. */
const ISOLATED_RUN = /[\u2066-\u2068][^\u2069]*\u2069/gu;

/**
 * True when text put into right-to-left prose needs an isolate: it holds left-to-right letters, or
 * European digits without any right-to-left letter ("12.05.2025", "+49 221 123"). Right-to-left text
 * with numbers ("١٠ كم") and runs already isolated are left alone.
 */
export function needsIsolation(text: string): boolean {
  const outside = text.replace(ISOLATED_RUN, "");
  if (LTR_LETTER.test(outside)) return true;
  return /[0-9]/.test(outside) && !RTL_LETTER.test(outside);
}

/**
 * Wraps a piece of data (a project name, a place, an address, a URL, "1.8 km") in FSI … PDI so it
 * keeps its own order inside right-to-left text; unchanged in left-to-right languages.
 */
export function isolate(text: string, dir: "ltr" | "rtl"): string {
  return dir === "rtl" && needsIsolation(text) ? `${FSI}${text}${PDI}` : text;
}

/** i18next's own option names, which are not interpolation values. */
const I18NEXT_OPTIONS = new Set([
  "lng",
  "lngs",
  "ns",
  "context",
  "defaultValue",
  "keyPrefix",
  "postProcess",
  "ordinal",
]);

/** Interpolation values, with every string value that needs it isolated (right-to-left only). */
export function isolateValues(values: Record<string, unknown>, dir: "ltr" | "rtl"): Record<string, unknown> {
  if (dir !== "rtl") return values;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    out[key] = typeof value === "string" && !I18NEXT_OPTIONS.has(key) ? isolate(value, dir) : value;
  }
  return out;
}

/** Closes isolates left open (e.g. by cutting a label short), so one label cannot disturb the next. */
export function closeIsolates(text: string): string {
  let open = 0;
  for (const ch of text) {
    if (ch === FSI || ch === "\u2066" || ch === "\u2067") open++;
    else if (ch === PDI && open > 0) open--;
  }
  return text + PDI.repeat(open);
}
