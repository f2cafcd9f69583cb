import type { Channel } from "../../core/handoff.js";
import type { Queryable, Statement } from "./database.js";
import { ADVISORY_LOCK_NAMESPACE } from "./migrations.js";

/** Platforms re-deliver updates for a while; a week is far beyond any retry window. */
export const PROCESSED_UPDATE_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Records that an update was handled. Returns false when it was already recorded (a duplicate
 * delivery). Concurrent inserts of one key wait for each other, so only one caller gets true.
 */
export async function markUpdateProcessed(
  q: Queryable,
  channel: Channel,
  updateKey: string,
  now: Date,
): Promise<boolean> {
  const s = markUpdateProcessedStatement(channel, updateKey, now);
  return (await q.query(s.text, s.params)).length > 0;
}

/** `markUpdateProcessed` as a statement for a batch: it returns a row unless the update was a duplicate. */
export function markUpdateProcessedStatement(channel: Channel, updateKey: string, now: Date): Statement {
  return {
    text: `INSERT INTO processed_updates (channel, update_key, processed_at) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING 1 AS inserted`,
    params: [channel, updateKey, now.toISOString()],
  };
}

/**
 * Locks and loads the user's session for the rest of the transaction; an expired session reads
 * as null. The advisory lock also serialises a user's very first turns, when no row exists yet
 * for FOR UPDATE to lock.
 */
export async function loadSessionForUpdate<S>(
  q: Queryable,
  channel: Channel,
  channelUserId: string,
  now: Date,
): Promise<S | null> {
  const [lock, select] = loadSessionForUpdateStatements(channel, channelUserId);
  await q.query(lock.text, lock.params);
  return sessionFromRows<S>(await q.query(select.text, select.params), now);
}

/**
 * `loadSessionForUpdate` as two statements for a batch (the lock, then the row); the second's
 * rows go to `sessionFromRows`.
 */
export function loadSessionForUpdateStatements(
  channel: Channel,
  channelUserId: string,
): [Statement, Statement] {
  return [
    {
      text: "SELECT pg_advisory_xact_lock($1, hashtext($2))",
      params: [ADVISORY_LOCK_NAMESPACE, `${channel}:${channelUserId}`],
    },
    {
      text: "SELECT data, expires_at FROM sessions WHERE channel = $1 AND channel_user_id = $2 FOR UPDATE",
      params: [channel, channelUserId],
    },
  ];
}

/** The session in the rows of `loadSessionForUpdateStatements`; null when missing or expired. */
export function sessionFromRows<S>(rows: readonly unknown[], now: Date): S | null {
  const row = rows[0] as { data: S; expires_at: string } | undefined;
  if (!row || Date.parse(row.expires_at) <= now.getTime()) return null;
  return row.data;
}

export async function saveSession<S>(
  q: Queryable,
  channel: Channel,
  channelUserId: string,
  session: S,
  language: string,
  now: Date,
  ttlMs: number,
): Promise<void> {
  const s = saveSessionStatement(channel, channelUserId, session, language, now, ttlMs);
  await q.query(s.text, s.params);
}

/** `saveSession` as a statement, e.g. for `Transaction.defer`. */
export function saveSessionStatement<S>(
  channel: Channel,
  channelUserId: string,
  session: S,
  language: string,
  now: Date,
  ttlMs: number,
): Statement {
  return {
    text: `INSERT INTO sessions (channel, channel_user_id, data, language, updated_at, expires_at)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6)
     ON CONFLICT (channel, channel_user_id) DO UPDATE SET
       data = EXCLUDED.data, language = EXCLUDED.language,
       updated_at = EXCLUDED.updated_at, expires_at = EXCLUDED.expires_at`,
    params: [
      channel,
      channelUserId,
      JSON.stringify(session),
      language,
      now.toISOString(),
      new Date(now.getTime() + ttlMs).toISOString(),
    ],
  };
}

export async function deleteSession(q: Queryable, channel: Channel, channelUserId: string): Promise<void> {
  const s = deleteSessionStatement(channel, channelUserId);
  await q.query(s.text, s.params);
}

/** `deleteSession` as a statement, e.g. for `Transaction.defer`. */
export function deleteSessionStatement(channel: Channel, channelUserId: string): Statement {
  return {
    text: "DELETE FROM sessions WHERE channel = $1 AND channel_user_id = $2",
    params: [channel, channelUserId],
  };
}

/** Deletes sessions past their expiry; run periodically. Returns how many were removed. */
export async function purgeExpiredSessions(q: Queryable, now: Date): Promise<number> {
  const rows = await q.query("DELETE FROM sessions WHERE expires_at <= $1 RETURNING 1", [now.toISOString()]);
  return rows.length;
}

/** Forgets processed update keys older than the retention window. Returns how many were removed. */
export async function pruneProcessedUpdates(
  q: Queryable,
  now: Date,
  retentionMs: number = PROCESSED_UPDATE_RETENTION_MS,
): Promise<number> {
  const rows = await q.query("DELETE FROM processed_updates WHERE processed_at < $1 RETURNING 1", [
    new Date(now.getTime() - retentionMs).toISOString(),
  ]);
  return rows.length;
}
