import type { Reply } from "../../bot/types.js";
import type { Queryable, Statement } from "./database.js";

/** One thing the web chat showed a visitor: their own message, or one reply of the bot. */
export type TranscriptEntry =
  | { kind: "user"; text: string }
  | { kind: "bot"; reply: Reply; lang: string; dir: "ltr" | "rtl" };

export interface StoredTranscriptEntry {
  entry: TranscriptEntry;
  createdAt: string;
}

/** How many entries a restore returns at most (the newest ones). */
export const TRANSCRIPT_LIMIT = 300;

/** Appends what one turn showed, in order. */
export async function appendTranscript(
  q: Queryable,
  visitorId: string,
  entries: readonly TranscriptEntry[],
  now: Date,
): Promise<void> {
  if (entries.length === 0) return;
  const s = appendTranscriptStatement(visitorId, entries, now);
  await q.query(s.text, s.params);
}

/** `appendTranscript` as a statement (for entries that are not empty), e.g. for `Transaction.defer`. */
export function appendTranscriptStatement(
  visitorId: string,
  entries: readonly TranscriptEntry[],
  now: Date,
): Statement {
  // One statement for the whole turn, in order (ids follow the array's order).
  return {
    text: `INSERT INTO web_transcript (visitor_id, entry, created_at)
     SELECT $1, e.entry, $3 FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(entry, n) ORDER BY e.n`,
    params: [visitorId, JSON.stringify(entries), now.toISOString()],
  };
}

/**
 * The visitor's transcript, oldest first, but only while their conversation session lives: the
 * transcript expires with the session (and is swept by `purgeOrphanTranscripts`).
 */
export async function listTranscript(
  q: Queryable,
  visitorId: string,
  now: Date,
  limit = TRANSCRIPT_LIMIT,
): Promise<StoredTranscriptEntry[]> {
  const rows = await q.query<{ entry: TranscriptEntry | string; created_at: string | Date }>(
    `SELECT entry, created_at FROM (
       SELECT id, entry, created_at FROM web_transcript t
       WHERE t.visitor_id = $1
         AND EXISTS (SELECT 1 FROM sessions s
                     WHERE s.channel = 'web' AND s.channel_user_id = $1 AND s.expires_at > $2)
       ORDER BY id DESC LIMIT $3
     ) newest ORDER BY id`,
    [visitorId, now.toISOString(), limit],
  );
  return rows.map((r) => ({
    entry: typeof r.entry === "string" ? (JSON.parse(r.entry) as TranscriptEntry) : r.entry,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Erases a visitor's transcript (/delete). */
export async function eraseTranscript(q: Queryable, visitorId: string): Promise<void> {
  await q.query("DELETE FROM web_transcript WHERE visitor_id = $1", [visitorId]);
}

/** Deletes transcripts whose session is gone (expired or deleted); returns how many rows went. */
export async function purgeOrphanTranscripts(q: Queryable): Promise<number> {
  const rows = await q.query(
    `DELETE FROM web_transcript t WHERE NOT EXISTS (
       SELECT 1 FROM sessions s WHERE s.channel = 'web' AND s.channel_user_id = t.visitor_id
     ) RETURNING 1`,
  );
  return rows.length;
}
