import type { Queryable } from "./database.js";

/** The windows new web visitors are counted in, per client address. */
export interface NewVisitorLimits {
  perMinute: number;
  perDay: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * Counts one new visitor for a client (a keyed hash of its address) and says whether it is still
 * within both limits. Counted in the database, so every instance shares the count. One statement
 * (one round trip): the day is counted only when the minute's limit let the visitor in.
 */
export async function admitNewVisitor(
  q: Queryable,
  clientKey: string,
  now: Date,
  limits: NewVisitorLimits,
): Promise<boolean> {
  const t = now.getTime();
  const rows = await q.query<{ minute: number; day: number | null }>(
    `WITH minute AS (
       INSERT INTO new_visitor_counts (client_key, window_start, count) VALUES ($1, $2, 1)
       ON CONFLICT (client_key, window_start) DO UPDATE SET count = new_visitor_counts.count + 1
       RETURNING count),
     day AS (
       INSERT INTO new_visitor_counts (client_key, window_start, count)
       SELECT $3, $4, 1 FROM minute WHERE minute.count <= $5
       ON CONFLICT (client_key, window_start) DO UPDATE SET count = new_visitor_counts.count + 1
       RETURNING count)
     SELECT (SELECT count FROM minute) AS minute, (SELECT count FROM day) AS day`,
    [
      `m:${clientKey}`,
      new Date(t - (t % MINUTE_MS)).toISOString(),
      `d:${clientKey}`,
      new Date(t - (t % DAY_MS)).toISOString(),
      limits.perMinute,
    ],
  );
  const row = rows[0];
  if (!row || Number(row.minute) > limits.perMinute || row.day === null) return false;
  return Number(row.day) <= limits.perDay;
}

/** Forgets windows that ended more than a day ago; run by housekeeping. */
export async function pruneNewVisitorCounts(q: Queryable, now: Date): Promise<number> {
  const rows = await q.query("DELETE FROM new_visitor_counts WHERE window_start < $1 RETURNING 1", [
    new Date(now.getTime() - 2 * DAY_MS).toISOString(),
  ]);
  return rows.length;
}
