import type { Channel } from "../../core/handoff.js";
import { CLOSED_STATES, type RetentionPolicy as HandoffRetention } from "../../core/handoff-lifecycle.js";
import type { Queryable } from "./database.js";
import { queueSlackErasure } from "./slack-post-store.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long what a family or volunteer told us is kept; the consent text quotes `handoffs.deleteAfterDays`. */
export interface RetentionPolicy {
  /** The lifecycle of contact requests, in every state (core/handoff-lifecycle.ts). */
  handoffs: HandoffRetention;
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
  // Unsent messages go, except one in flight or that may already have reached Slack: its holder or
  // its next attempt records the post, which is then erased like the others (recordSlackPost).
  await q.query(
    `DELETE FROM outbox WHERE sent_at IS NULL AND payload ? 'text' AND handoff_id IN (${mine})
       AND lease_token IS NULL AND NOT maybe_sent`,
    [channel, channelUserId],
  );
  await q.query(
    `UPDATE outbox SET payload = payload - 'text' WHERE payload ? 'text' AND handoff_id IN (${mine})`,
    [channel, channelUserId],
  );
}

/**
 * The handoffs whose deletion is due (`deletionDue` in core/handoff-lifecycle.ts, as SQL): closed
 * ones ($4, the lifecycle's closed states) by their last change, taken ones after their expiry, open ones (posted or never posted) after
 * theirs. Parameters: $1 to $4 as returned by `dueParams`.
 */
const DUE_HANDOFFS = `SELECT id FROM handoffs WHERE
     (state = ANY($4::text[]) AND updated_at < $1)
  OR (state = 'taken' AND updated_at < $2)
  OR (state = 'open' AND (GREATEST(posted_at, updated_at) < $3 OR expired_at < $1))`;

function dueParams(now: Date, p: HandoffRetention): unknown[] {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  return [
    before(p.deleteAfterDays),
    before(p.deleteAfterDays + p.takenExpireDays),
    before(p.deleteAfterDays + p.openExpireDays),
    CLOSED_STATES,
  ];
}

/** Deletes what has outlived the retention policy; returns how many rows of each kind went. */
export async function applyRetention(
  q: Queryable,
  now: Date,
  policy: RetentionPolicy,
): Promise<{ handoffs: number; inbox: number; outbox: number; slackErasures: number }> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const due = dueParams(now, policy.handoffs);
  await q.query(`DELETE FROM outbox WHERE handoff_id IN (${DUE_HANDOFFS})`, due);
  // What Slack holds of them goes too: the erasures are queued before the handoffs (and their
  // record of Slack copies) are deleted, and carry what they need themselves.
  const dueIds = await q.query<{ id: string }>(`${DUE_HANDOFFS} ORDER BY id`, due);
  const slack = await queueSlackErasure(
    q,
    dueIds.map((r) => r.id),
    "expired",
  );
  const handoffs = await q.query(`DELETE FROM handoffs WHERE id IN (${DUE_HANDOFFS}) RETURNING 1`, due);
  const inbox = await q.query("DELETE FROM requester_messages WHERE created_at < $1 RETURNING 1", [
    before(policy.inboxDays),
  ]);
  const outboxBefore = before(policy.outboxDays);
  const outbox = await q.query(
    "DELETE FROM outbox WHERE (sent_at IS NOT NULL AND sent_at < $1) OR (failed_at IS NOT NULL AND failed_at < $1) RETURNING 1",
    [outboxBefore],
  );
  return { handoffs: handoffs.length, inbox: inbox.length, outbox: outbox.length, slackErasures: slack };
}
