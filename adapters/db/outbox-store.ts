import type { Queryable } from "./database.js";

/** Topics written by the conversation runner; the dispatcher (Slack adapter) consumes them. */
export type OutboxTopic = "handoff.created" | "handoff.withdrawn" | (string & {});

/** A requester's message for the Slack thread of their chat handoff (payload: handoffId, text). */
export const RELAY_TO_THREAD_TOPIC = "handoff.relay";

/** Queues a message for the dispatcher; call it inside the transaction that caused it. */
export async function enqueueOutbox(
  q: Queryable,
  topic: OutboxTopic,
  payload: Record<string, unknown>,
  handoffId?: string,
): Promise<void> {
  await q.query("INSERT INTO outbox (topic, payload, handoff_id) VALUES ($1, $2::jsonb, $3)", [
    topic,
    JSON.stringify(payload),
    handoffId ?? null,
  ]);
}
