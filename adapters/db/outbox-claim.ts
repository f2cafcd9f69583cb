import type { Database, Queryable } from "./database.js";

/** last_error of a row while an attempt is under way. */
const IN_FLIGHT = "in_flight";

/** One claimed outbox row. `attempts` already counts the attempt being made. */
export interface OutboxRow {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
  lastError: string | null;
  /** An earlier attempt may have taken effect (see migration 004). */
  maybeSent: boolean;
  handoffId: string | null;
  createdAt: string;
}

/**
 * Leases due rows of the given topics: locks them with FOR UPDATE SKIP LOCKED (so concurrent
 * dispatchers never take the same row), counts the attempt and pushes available_at past the lease,
 * then commits. A dispatcher that dies mid-send leaves the row to be taken again after the lease.
 */
export async function claimOutbox(
  db: Database,
  topics: readonly string[],
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<OutboxRow[]> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{
      id: string;
      topic: string;
      payload: Record<string, unknown>;
      attempts: number;
      last_error: string | null;
      maybe_sent: boolean;
      handoff_id: string | null;
      created_at: string;
    }>(
      `SELECT id::text AS id, topic, payload, attempts, last_error, maybe_sent, handoff_id, created_at FROM outbox
       WHERE sent_at IS NULL AND failed_at IS NULL AND available_at <= $1 AND topic = ANY($2::text[])
       ORDER BY available_at, id LIMIT $3
       FOR UPDATE SKIP LOCKED`,
      [now.toISOString(), [...topics], limit],
    );
    if (rows.length === 0) return [];
    // 'in_flight' stays behind if this attempt dies; the next claim then counts it as maybe sent.
    await tx.query(
      `UPDATE outbox SET attempts = attempts + 1, available_at = $2, last_error = '${IN_FLIGHT}',
         maybe_sent = maybe_sent OR last_error IS NOT DISTINCT FROM '${IN_FLIGHT}'
       WHERE id = ANY($1::bigint[])`,
      [rows.map((r) => r.id), new Date(now.getTime() + leaseMs).toISOString()],
    );
    return rows.map((r) => ({
      id: r.id,
      topic: r.topic,
      payload: r.payload,
      attempts: Number(r.attempts) + 1,
      lastError: r.last_error,
      maybeSent: r.maybe_sent || r.last_error === IN_FLIGHT,
      handoffId: r.handoff_id,
      createdAt: r.created_at,
    }));
  });
}

/** Marks a row sent; false when it was already marked (another dispatcher after a lease expiry). */
export async function markOutboxSent(q: Queryable, id: string, now: Date): Promise<boolean> {
  const rows = await q.query(
    "UPDATE outbox SET sent_at = $2, last_error = NULL WHERE id = $1 AND sent_at IS NULL RETURNING 1",
    [id, now.toISOString()],
  );
  return rows.length > 0;
}

/**
 * Puts a row back for a later attempt. `error` is a short code, never message text; `maybeSent`
 * says the failed attempt may still have reached Slack (5xx, network error).
 */
export async function rescheduleOutbox(
  q: Queryable,
  id: string,
  availableAt: Date,
  error: string,
  maybeSent: boolean,
): Promise<void> {
  await q.query(
    `UPDATE outbox SET available_at = $2, last_error = $3, maybe_sent = maybe_sent OR $4
     WHERE id = $1 AND sent_at IS NULL`,
    [id, availableAt.toISOString(), error, maybeSent],
  );
}

/** Gives up on a row (permanent error or too many attempts); it stays for operators to inspect. */
export async function failOutbox(q: Queryable, id: string, now: Date, error: string): Promise<void> {
  await q.query("UPDATE outbox SET failed_at = $2, last_error = $3 WHERE id = $1 AND sent_at IS NULL", [
    id,
    now.toISOString(),
    error,
  ]);
}
