/**
 * Shared value conventions for both database drivers, so rows look the same whether they come
 * from PGlite or PostgreSQL: timestamps as ISO 8601 strings in UTC, int8 and numeric as numbers,
 * json/jsonb parsed. Parameters bound to json/jsonb are JSON text when given as a string and
 * JSON-encoded otherwise.
 */

/** PostgreSQL type oids we normalise. */
export const OID = {
  INT8: 20,
  JSON: 114,
  DATE: 1082,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
  NUMERIC: 1700,
  JSONB: 3802,
} as const;

/** timestamptz text ("2024-05-01 10:00:00.123+00") → "2024-05-01T10:00:00.123Z". */
export function parseTimestamptz(text: string): string {
  const d = new Date(text);
  // "infinity" and friends have no ISO form; keep the database's word rather than throwing mid-row.
  return Number.isNaN(d.getTime()) ? text : d.toISOString();
}

/** timestamp without time zone is read as UTC, the only zone this app stores. */
export function parseTimestamp(text: string): string {
  return parseTimestamptz(/[zZ]|[+-]\d\d(:?\d\d)?$/.test(text) ? text : `${text}Z`);
}

/** int8 as a JS number: ids and counts here stay far below 2^53. */
export function parseInt8(text: string): number {
  return Number(text);
}

/** numeric as a JS number; the app stores no values that need more than double precision. */
export function parseNumeric(text: string): number {
  return Number(text);
}

export function parseJson(text: string): unknown {
  return JSON.parse(text);
}

/** A string is taken as JSON text already (so callers may pass JSON.stringify output); anything else is encoded. */
export function serializeJson(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Dates are sent as ISO strings; strings pass through for the server to parse. */
export function serializeTimestamp(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}
