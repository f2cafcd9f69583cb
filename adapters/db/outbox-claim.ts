import type { Database, Queryable } from "./database.js";

/** last_error of a row while an attempt is under way. */
const IN_FLIGHT = "in_flight";

/** One claimed outbox row. */
export interface OutboxRow {
  id: string;
  topic: string;
  channel: string;
  payload: Record<string, unknown>;
  /** Failed attempts so far (429s and crashed attempts not counted). */
  attempts: number;
  lastError: string | null;
  /** An earlier attempt may have taken effect (see migration 004). */
  maybeSent: boolean;
  handoffId: string | null;
  createdAt: string;
  /** When this row was first tried (the duplicate search starts there). */
  firstAttemptAt: string;
  /** This claim's lease; only its holder may renew it or mark the row. */
  leaseToken: string;
}

interface ClaimedRow {
  id: string;
  topic: string;
  channel: string;
  payload: Record<string, unknown>;
  attempts: number;
  last_error: string | null;
  maybe_sent: boolean;
  handoff_id: string | null;
  created_at: string;
  first_attempt_at: string;
}

/**
 * Leases up to `limit` due rows of the given topics for one holder: locks them with FOR UPDATE SKIP
 * LOCKED (concurrent dispatchers never take the same row), writes the lease token and pushes
 * available_at past the lease, then commits. A row waits while an earlier row with the same order
 * key is unsent. A holder that dies mid-send leaves 'in_flight' behind; the next claim, after the
 * lease, treats the row as maybe sent.
 */
export async function claimOutbox(
  db: Database,
  topics: readonly string[],
  now: Date,
  leaseMs: number,
  limit: number,
  leaseToken: string = crypto.randomUUID(),
): Promise<OutboxRow[]> {
  if (limit <= 0 || topics.length === 0) return [];
  const rows = await db.query<ClaimedRow>(
    `WITH due AS (
       SELECT o.id FROM outbox o
       WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.available_at <= $1
         AND o.topic = ANY($2::text[])
         AND (o.order_key IS NULL OR NOT EXISTS (
           SELECT 1 FROM outbox p
           WHERE p.order_key = o.order_key AND p.id < o.id AND p.sent_at IS NULL AND p.failed_at IS NULL))
       ORDER BY o.available_at, o.id LIMIT $3
       FOR UPDATE SKIP LOCKED
     ), old AS (
       SELECT o.id, o.last_error FROM outbox o JOIN due ON due.id = o.id
     )
     UPDATE outbox SET available_at = $4, lease_token = $5, last_error = '${IN_FLIGHT}',
       maybe_sent = outbox.maybe_sent OR old.last_error IS NOT DISTINCT FROM '${IN_FLIGHT}',
       first_attempt_at = coalesce(outbox.first_attempt_at, $1)
     FROM old WHERE outbox.id = old.id
     RETURNING outbox.id::text AS id, topic, channel, payload, attempts, old.last_error AS last_error,
       maybe_sent, handoff_id, outbox.created_at AS created_at, first_attempt_at`,
    [now.toISOString(), [...topics], limit, new Date(now.getTime() + leaseMs).toISOString(), leaseToken],
  );
  return rows
    .map((r) => ({
      id: r.id,
      topic: r.topic,
      channel: r.channel,
      payload: r.payload,
      attempts: Number(r.attempts),
      lastError: r.last_error,
      maybeSent: r.maybe_sent,
      handoffId: r.handoff_id,
      createdAt: r.created_at,
      firstAttemptAt: r.first_attempt_at,
      leaseToken,
    }))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

/** Extends a lease; false when the row is no longer this holder's (taken over, or done). */
export async function renewOutboxLease(
  q: Queryable,
  row: Pick<OutboxRow, "id" | "leaseToken">,
  until: Date,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE outbox SET available_at = $3
     WHERE id = $1 AND lease_token = $2 AND sent_at IS NULL AND failed_at IS NULL RETURNING 1`,
    [row.id, row.leaseToken, until.toISOString()],
  );
  return rows.length > 0;
}

/** Saves delivery progress (e.g. how many replies of a turn went out) under the lease. */
export async function saveOutboxPayload(
  q: Queryable,
  row: Pick<OutboxRow, "id" | "leaseToken">,
  payload: Record<string, unknown>,
): Promise<boolean> {
  const rows = await q.query(
    "UPDATE outbox SET payload = $3::jsonb WHERE id = $1 AND lease_token = $2 AND sent_at IS NULL RETURNING 1",
    [row.id, row.leaseToken, JSON.stringify(payload)],
  );
  return rows.length > 0;
}

/**
 * Marks a row sent; false when it was already marked or another holder took it over after this
 * lease ran out (then that holder's result stands).
 */
export async function markOutboxSent(
  q: Queryable,
  row: Pick<OutboxRow, "id" | "leaseToken">,
  now: Date,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE outbox SET sent_at = $3, last_error = NULL
     WHERE id = $1 AND lease_token = $2 AND sent_at IS NULL AND failed_at IS NULL RETURNING 1`,
    [row.id, row.leaseToken, now.toISOString()],
  );
  return rows.length > 0;
}

/**
 * Puts a row back for a later attempt. `error` is a short code, never message text; `maybeSent`
 * says the failed attempt may still have taken effect; `countAttempt` is false for a 429.
 */
export async function rescheduleOutbox(
  q: Queryable,
  row: Pick<OutboxRow, "id" | "leaseToken">,
  opts: {
    availableAt: Date;
    error: string;
    maybeSent: boolean;
    countAttempt: boolean;
    payload?: Record<string, unknown>;
  },
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE outbox SET available_at = $3, last_error = $4, maybe_sent = maybe_sent OR $5,
       attempts = attempts + $6, payload = coalesce($7::jsonb, payload), lease_token = NULL
     WHERE id = $1 AND lease_token = $2 AND sent_at IS NULL AND failed_at IS NULL RETURNING 1`,
    [
      row.id,
      row.leaseToken,
      opts.availableAt.toISOString(),
      opts.error,
      opts.maybeSent,
      opts.countAttempt ? 1 : 0,
      opts.payload ? JSON.stringify(opts.payload) : null,
    ],
  );
  return rows.length > 0;
}

/** Gives up on a row (permanent error or time budget spent); it stays for operators to inspect. */
export async function failOutbox(
  q: Queryable,
  row: Pick<OutboxRow, "id" | "leaseToken">,
  now: Date,
  error: string,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE outbox SET failed_at = $3, last_error = $4
     WHERE id = $1 AND lease_token = $2 AND sent_at IS NULL AND failed_at IS NULL RETURNING 1`,
    [row.id, row.leaseToken, now.toISOString(), error],
  );
  return rows.length > 0;
}

/** Hands a row back at once without counting an attempt (shutdown before it was started). */
export async function releaseOutbox(
  q: Queryable,
  row: Pick<OutboxRow, "id" | "leaseToken">,
  now: Date,
): Promise<void> {
  await q.query(
    `UPDATE outbox SET available_at = $3, lease_token = NULL
     WHERE id = $1 AND lease_token = $2 AND sent_at IS NULL AND failed_at IS NULL`,
    [row.id, row.leaseToken, now.toISOString()],
  );
}
