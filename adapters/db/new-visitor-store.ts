import type { Queryable } from "./database.js";

/** The windows new web visitors are counted in, per client address. */
export interface NewVisitorLimits {
  perMinute: number;
  perDay: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

async function bump(q: Queryable, key: string, windowStart: Date): Promise<number> {
  const rows = await q.query<{ count: number }>(
    `INSERT INTO new_visitor_counts (client_key, window_start, count) VALUES ($1, $2, 1)
     ON CONFLICT (client_key, window_start) DO UPDATE SET count = new_visitor_counts.count + 1
     RETURNING count`,
    [key, windowStart.toISOString()],
  );
  return Number(rows[0]?.count ?? 0);
}

/**
 * Counts one new visitor for a client (a keyed hash of its address) and says whether it is still
 * within both limits. Counted in the database, so every instance shares the count.
 */
export async function admitNewVisitor(
  q: Queryable,
  clientKey: string,
  now: Date,
  limits: NewVisitorLimits,
): Promise<boolean> {
  const t = now.getTime();
  const minute = await bump(q, `m:${clientKey}`, new Date(t - (t % MINUTE_MS)));
  if (minute > limits.perMinute) return false;
  const day = await bump(q, `d:${clientKey}`, new Date(t - (t % DAY_MS)));
  return day <= limits.perDay;
}

/** Forgets windows that ended more than a day ago; run by housekeeping. */
export async function pruneNewVisitorCounts(q: Queryable, now: Date): Promise<number> {
  const rows = await q.query("DELETE FROM new_visitor_counts WHERE window_start < $1 RETURNING 1", [
    new Date(now.getTime() - 2 * DAY_MS).toISOString(),
  ]);
  return rows.length;
}
