import type { Queryable } from "./database.js";
import { enqueueMessage } from "./outbox-store.js";

/** What a Slack copy of a request is: its own message (redacted on erasure) or a relayed family message (deleted). */
export type SlackPostKind = "handoff" | "relay";

/** Why a request's copies in Slack are erased: the family deleted their data, or retention ran out. */
export type ErasureReason = "deleted" | "expired";

/** The outbox kind that redacts a handoff message or deletes a relayed message in Slack. */
export const SLACK_ERASE_KIND = "slack.erase";

/** Where the family is told, once the last copy is gone, that everything is deleted (kept only until then). */
export interface ErasureNotice {
  channel: string;
  userId: string;
  language: string;
}

/** One queued erasure, as the Slack adapter delivers it. */
export interface SlackErasurePayload {
  channel: string;
  ts: string;
  mode: "redact" | "delete";
  reason: ErasureReason;
  handoffId: string;
  projectId: string;
  createdAt: string;
  /** The erasures of one deletion share this (also their order key), so they go out one by one. */
  deletion: string;
  /** On the last erasure of a deletion only: who to tell that it is complete. */
  notify?: ErasureNotice;
}

/**
 * Records a message the app posted into Slack about a request. Call it in the transaction that
 * marks the post sent; it locks the handoff row first, so it orders against `queueSlackErasure`:
 * a post committed after the family's deletion finds the handoff anonymised and is erased at once.
 * Returns whether it was queued for erasure right away.
 */
export async function recordSlackPost(
  q: Queryable,
  handoffId: string,
  post: { channel: string; ts: string; kind: SlackPostKind },
  now: Date,
): Promise<boolean> {
  const [h] = await q.query<{ anonymised: boolean; project_id: string; created_at: string }>(
    "SELECT channel_user_id IS NULL AS anonymised, project_id, created_at FROM handoffs WHERE id = $1 FOR UPDATE",
    [handoffId],
  );
  if (!h) return false;
  await q.query(
    `INSERT INTO slack_posts (handoff_id, channel, ts, kind, posted_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (channel, ts) DO NOTHING`,
    [handoffId, post.channel, post.ts, post.kind, now.toISOString()],
  );
  if (!h.anonymised) return false;
  // Posted while (or after) the family deleted their data: it goes again at once.
  await enqueueErasure(q, {
    channel: post.channel,
    ts: post.ts,
    mode: post.kind === "relay" ? "delete" : "redact",
    reason: "deleted",
    handoffId,
    projectId: h.project_id,
    createdAt: new Date(h.created_at).toISOString(),
    deletion: `erase:${handoffId}:late`,
  });
  return true;
}

interface PostRow {
  handoff_id: string;
  channel: string;
  ts: string;
  kind: SlackPostKind;
  project_id: string;
  created_at: string;
}

/**
 * Queues the erasure of every Slack copy of these requests not yet erased: handoff messages are
 * redacted, relayed messages deleted. With a `notice`, the rows go out one after another under one
 * order key, so the last one can tell the family that everything is gone. Returns how many were queued.
 */
export async function queueSlackErasure(
  q: Queryable,
  handoffIds: readonly string[],
  reason: ErasureReason,
  notice?: ErasureNotice,
): Promise<number> {
  if (handoffIds.length === 0) return 0;
  const rows = await q.query<PostRow>(
    `SELECT p.handoff_id, p.channel, p.ts, p.kind, h.project_id, h.created_at
     FROM slack_posts p JOIN handoffs h ON h.id = p.handoff_id
     WHERE p.handoff_id = ANY($1::text[]) AND p.erased_at IS NULL
     ORDER BY p.handoff_id, p.kind DESC, p.id`,
    [[...handoffIds]],
  );
  // Relayed messages first (kind DESC puts 'relay' before 'handoff'), the request's own message last.
  // With someone to tell, one sequence for the whole deletion; otherwise one per request.
  const together = notice ? `erase:${handoffIds[0]}:${reason}` : undefined;
  for (const [i, r] of rows.entries()) {
    const last = i === rows.length - 1;
    await enqueueErasure(q, {
      channel: r.channel,
      ts: r.ts,
      mode: r.kind === "relay" ? "delete" : "redact",
      reason,
      handoffId: r.handoff_id,
      projectId: r.project_id,
      createdAt: new Date(r.created_at).toISOString(),
      deletion: together ?? `erase:${r.handoff_id}:${reason}`,
      ...(last && notice ? { notify: notice } : {}),
    });
  }
  return rows.length;
}

async function enqueueErasure(q: Queryable, p: SlackErasurePayload): Promise<void> {
  // No handoff_id: retention deletes the handoff (and its outbox rows) before the erasure runs.
  await enqueueMessage(q, {
    kind: SLACK_ERASE_KIND,
    channel: "slack",
    payload: { ...p },
    orderKey: p.deletion,
  });
}

/** Marks a copy erased (in the transaction that marks its outbox row sent). */
export async function markSlackPostErased(
  q: Queryable,
  channel: string,
  ts: string,
  now: Date,
): Promise<void> {
  await q.query("UPDATE slack_posts SET erased_at = $3 WHERE channel = $1 AND ts = $2", [
    channel,
    ts,
    now.toISOString(),
  ]);
}
