import type { webApi } from "@slack/bolt";
import type { OutboxRow } from "../db/outbox-claim.js";
import type { Logger } from "../logger.js";

/** Marks our own handoff posts, so a post whose answer was lost can be found again. */
export const HANDOFF_EVENT_TYPE = "patenschaft_handoff";
/** Marks our own thread replies and escalations (found again like handoff posts, by outbox id). */
export const THREAD_EVENT_TYPE = "patenschaft_thread";

/** Slack's clock may differ a little from ours; the search starts this much earlier. */
const CLOCK_SLACK_S = 120;

/**
 * Looks for our post of this outbox row in the channel (or thread), from shortly before the row's
 * first attempt up to now, page by page until Slack has no more: however many messages arrived
 * since, a post that was made is found.
 */
export async function findEarlierPost(
  client: webApi.WebClient,
  channel: string,
  row: Pick<OutboxRow, "id" | "firstAttemptAt" | "createdAt">,
  threadTs?: string,
): Promise<string | undefined> {
  const since = Date.parse(row.firstAttemptAt ?? row.createdAt) || Date.parse(row.createdAt);
  const oldest = String(Math.floor(since / 1000) - CLOCK_SLACK_S);
  let cursor: string | undefined;
  for (;;) {
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
}

/**
 * Posts one outbox row's text message (a thread reply when `threadTs` is set) exactly once: after an
 * attempt that may have reached Slack, it first looks for that post (by the outbox id in its
 * metadata) and does not post again; `fence` (the lease check) runs right before the post. Returns
 * the message's ts (of the earlier post, or the new one).
 */
export async function postOnce(
  client: webApi.WebClient,
  log: Logger,
  row: OutboxRow,
  handoffId: string,
  channel: string,
  text: string,
  threadTs?: string,
  fence: () => Promise<void> = async () => undefined,
): Promise<string | undefined> {
  const earlier = row.maybeSent ? await findEarlierPost(client, channel, row, threadTs) : undefined;
  if (earlier) {
    log.warn({ outboxId: row.id, handoffId }, "slack: earlier post found, not posting again");
    return earlier;
  }
  await fence();
  const res = await client.chat.postMessage({
    channel,
    text,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    unfurl_links: false,
    unfurl_media: false,
    metadata: { event_type: THREAD_EVENT_TYPE, event_payload: { handoff_id: handoffId, outbox_id: row.id } },
  });
  return res.ts;
}
