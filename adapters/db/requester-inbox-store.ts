import type { Channel } from "../../core/handoff.js";
import type { Queryable } from "./database.js";

/** A message for a web chat user, kept until their page polls for it. */
export interface RequesterMessage {
  id: number;
  text: string;
  createdAt: string;
}

/** Stores a message for a user without a push channel (web chat). */
export async function addRequesterMessage(
  q: Queryable,
  channel: Channel,
  channelUserId: string,
  text: string,
  now: Date,
): Promise<void> {
  await q.query(
    "INSERT INTO requester_messages (channel, channel_user_id, text, created_at) VALUES ($1, $2, $3, $4)",
    [channel, channelUserId, text, now.toISOString()],
  );
}

/**
 * The user's messages after `afterId`, oldest first. Reading changes nothing, so a poll that is
 * repeated or comes from a stale tab cannot lose a message; the client remembers the last id.
 */
export async function listRequesterMessages(
  q: Queryable,
  channel: Channel,
  channelUserId: string,
  afterId: number,
  limit = 20,
): Promise<RequesterMessage[]> {
  const rows = await q.query<{ id: number; text: string; created_at: string }>(
    `SELECT id, text, created_at FROM requester_messages
     WHERE channel = $1 AND channel_user_id = $2 AND id > $3
     ORDER BY id LIMIT $4`,
    [channel, channelUserId, afterId, limit],
  );
  return rows.map((r) => ({ id: Number(r.id), text: r.text, createdAt: r.created_at }));
}
