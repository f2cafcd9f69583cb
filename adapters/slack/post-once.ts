import type { webApi } from "@slack/bolt";
import type { OutboxRow } from "../db/outbox-claim.js";
import type { Logger } from "../logger.js";

/** Marks our own handoff posts, so a post whose answer was lost can be found again. */
export const HANDOFF_EVENT_TYPE = "patenschaft_handoff";
/** Marks our own thread replies and escalations (found again like handoff posts, by outbox id). */
export const THREAD_EVENT_TYPE = "patenschaft_thread";

/** Looks for our post of this outbox row in the channel (or thread) since the row was created. */
export async function findEarlierPost(
  client: webApi.WebClient,
  channel: string,
  row: OutboxRow,
  threadTs?: string,
): Promise<string | undefined> {
  const oldest = String(Math.floor(Date.parse(row.createdAt) / 1000) - 60);
  let cursor: string | undefined;
  for (let page = 0; page < 5; page++) {
    const query = { channel, oldest, limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) };
    const res = threadTs
      ? await client.conversations.replies({ ...query, ts: threadTs })
      : await client.conversations.history(query);
    const hit = res.messages?.find(
      (m) =>
        (m.metadata?.event_type === HANDOFF_EVENT_TYPE || m.metadata?.event_type === THREAD_EVENT_TYPE) &&
        (m.metadata.event_payload as Record<string, unknown> | undefined)?.outbox_id === row.id,
    );
    if (hit?.ts) return hit.ts;
    cursor = res.response_metadata?.next_cursor;
    if (!res.has_more || !cursor) return undefined;
  }
  return undefined;
}

/**
 * Posts one outbox row's text message (a thread reply when `threadTs` is set) exactly once: after an
 * attempt that may have reached Slack, it first looks for that post (by the outbox id in its
 * metadata) and does not post again.
 */
export async function postOnce(
  client: webApi.WebClient,
  log: Logger,
  row: OutboxRow,
  handoffId: string,
  channel: string,
  text: string,
  threadTs?: string,
): Promise<void> {
  if (row.maybeSent && (await findEarlierPost(client, channel, row, threadTs))) {
    log.warn({ outboxId: row.id, handoffId }, "slack: earlier post found, not posting again");
    return;
  }
  await client.chat.postMessage({
    channel,
    text,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    unfurl_links: false,
    unfurl_media: false,
    metadata: { event_type: THREAD_EVENT_TYPE, event_payload: { handoff_id: handoffId, outbox_id: row.id } },
  });
}
