import type { OutboxMessage } from "../../core/outbox.js";
import type { Queryable, Statement } from "./database.js";

/** Topics written by the conversation runner and the Slack side; the Slack adapter delivers them. */
export type OutboxTopic = "handoff.created" | "handoff.withdrawn" | (string & {});

/** A requester's message for the Slack thread of their chat handoff (payload: handoffId, text). */
export const RELAY_TO_THREAD_TOPIC = "handoff.relay";

/** Queues a message of any kind; call it inside the transaction that caused it. */
export async function enqueueMessage(q: Queryable, m: OutboxMessage): Promise<void> {
  const s = enqueueMessageStatement(m);
  await q.query(s.text, s.params);
}

/** `enqueueMessage` as a statement, e.g. for `Transaction.defer`. */
export function enqueueMessageStatement(m: OutboxMessage): Statement {
  return {
    text: `INSERT INTO outbox (topic, channel, payload, handoff_id, order_key)
     VALUES ($1, $2, $3::jsonb, $4, $5)`,
    params: [
      m.kind,
      m.channel,
      JSON.stringify(m.payload),
      m.handoffId ?? null,
      m.orderKey ?? m.handoffId ?? null,
    ],
  };
}

/**
 * Queues a Slack-side message about a handoff (kept for the callers that name only a topic); rows
 * of one handoff go out in the order they were queued.
 */
export async function enqueueOutbox(
  q: Queryable,
  topic: OutboxTopic,
  payload: Record<string, unknown>,
  handoffId?: string,
): Promise<void> {
  await enqueueMessage(q, { kind: topic, channel: "slack", payload, ...(handoffId ? { handoffId } : {}) });
}
