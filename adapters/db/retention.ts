import type { Channel } from "../../core/handoff.js";
import { CLOSED_STATES } from "../../core/handoff-lifecycle.js";
import type { Queryable } from "./database.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long what a family or volunteer told us is kept; the consent text quotes `closedHandoffDays`. */
export interface RetentionPolicy {
  /** Handoffs that are done, declined or withdrawn are deleted this long after their last change. */
  closedHandoffDays: number;
  /** Messages waiting in a web chat inbox (delivered or not). */
  inboxDays: number;
  /** Sent or finally failed outbox rows (their payloads may quote a message). */
  outboxDays: number;
}

/**
 * Erases the messages a user exchanged through the assistant when they delete their data: their web
 * inbox, unsent relays of their text, and the text of relays already sent. Call before the user's
 * handoffs are anonymised (it finds them by the user's id).
 */
export async function eraseUserMessages(
  q: Queryable,
  channel: Channel,
  channelUserId: string,
): Promise<void> {
  await q.query("DELETE FROM requester_messages WHERE channel = $1 AND channel_user_id = $2", [
    channel,
    channelUserId,
  ]);
  const mine = "SELECT id FROM handoffs WHERE channel = $1 AND channel_user_id = $2";
  await q.query(`DELETE FROM outbox WHERE sent_at IS NULL AND payload ? 'text' AND handoff_id IN (${mine})`, [
    channel,
    channelUserId,
  ]);
  await q.query(
    `UPDATE outbox SET payload = payload - 'text' WHERE payload ? 'text' AND handoff_id IN (${mine})`,
    [channel, channelUserId],
  );
}

/** Deletes what has outlived the retention policy; returns how many rows of each kind went. */
export async function applyRetention(
  q: Queryable,
  now: Date,
  policy: RetentionPolicy,
): Promise<{ handoffs: number; inbox: number; outbox: number }> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const closedBefore = before(policy.closedHandoffDays);
  const expiredHandoffs = "SELECT id FROM handoffs WHERE state = ANY($2::text[]) AND updated_at < $1";
  await q.query(`DELETE FROM outbox WHERE handoff_id IN (${expiredHandoffs})`, [closedBefore, CLOSED_STATES]);
  const handoffs = await q.query(
    "DELETE FROM handoffs WHERE state = ANY($2::text[]) AND updated_at < $1 RETURNING 1",
    [closedBefore, CLOSED_STATES],
  );
  const inbox = await q.query("DELETE FROM requester_messages WHERE created_at < $1 RETURNING 1", [
    before(policy.inboxDays),
  ]);
  const outboxBefore = before(policy.outboxDays);
  const outbox = await q.query(
    "DELETE FROM outbox WHERE (sent_at IS NOT NULL AND sent_at < $1) OR (failed_at IS NOT NULL AND failed_at < $1) RETURNING 1",
    [outboxBefore],
  );
  return { handoffs: handoffs.length, inbox: inbox.length, outbox: outbox.length };
}
