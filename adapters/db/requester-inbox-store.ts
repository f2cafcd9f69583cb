import type { Choice } from "../../bot/types.js";
import type { Channel } from "../../core/handoff.js";
import type { Queryable } from "./database.js";

/** A message for a web chat user, kept until their page polls for it. */
export interface RequesterMessage {
  id: number;
  text: string;
  /** Buttons with the message (a question to the requester), if any. */
  choices?: Choice[];
  createdAt: string;
}

/** Stores a message for a user without a push channel (web chat). */
export async function addRequesterMessage(
  q: Queryable,
  channel: Channel,
  channelUserId: string,
  text: string,
  now: Date,
  choices?: Choice[],
): Promise<void> {
  await q.query(
    "INSERT INTO requester_messages (channel, channel_user_id, text, created_at, choices) VALUES ($1, $2, $3, $4, $5::jsonb)",
    [channel, channelUserId, text, now.toISOString(), choices?.length ? JSON.stringify(choices) : null],
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
  const rows = await q.query<{ id: number; text: string; created_at: string; choices: Choice[] | null }>(
    `SELECT id, text, created_at, choices FROM requester_messages
     WHERE channel = $1 AND channel_user_id = $2 AND id > $3
     ORDER BY id LIMIT $4`,
    [channel, channelUserId, afterId, limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    text: r.text,
    createdAt: r.created_at,
    ...(r.choices?.length ? { choices: r.choices } : {}),
  }));
}
