import type { Queryable } from "./database.js";

/** What the metrics gauges show of the outbox: unsent backlog, age of the oldest unsent row, rows given up. */
export async function outboxStats(
  db: Queryable,
): Promise<{ backlog: number; oldestAgeSeconds: number; failed: number }> {
  const rows = await db.query<{
    backlog: number | string;
    age: number | string | null;
    failed: number | string;
  }>(
    `SELECT count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL) AS backlog,
            extract(epoch FROM now() - min(created_at) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL)) AS age,
            count(*) FILTER (WHERE failed_at IS NOT NULL) AS failed
       FROM outbox`,
  );
  const row = rows[0];
  return {
    backlog: Number(row?.backlog ?? 0),
    oldestAgeSeconds: Math.max(0, Number(row?.age ?? 0)),
    failed: Number(row?.failed ?? 0),
  };
}
