import type { App } from "@slack/bolt";
import { maskKnownContactDetails } from "../../core/contact-mask.js";
import { isActive } from "../../core/handoff-lifecycle.js";
import { escapeMrkdwn, mrkdwnToPlain } from "../../core/mrkdwn.js";
import { capText } from "../../core/text-cap.js";
import { markUpdateProcessed } from "../db/conversation-store.js";
import type { Database } from "../db/database.js";
import { enqueueOutbox } from "../db/outbox-store.js";
import {
  findHandoffByEarlierMessage,
  findHandoffByMessage,
  type SlackHandoff,
} from "../db/slack-handoff-store.js";
import { logError } from "../errors.js";
import type { Logger } from "../logger.js";
import { coordinatorName } from "./handoff-actions.js";
import { DELIVERY_KEY_FIELD } from "./hono-receiver.js";
import { slackTranslator } from "./slack-texts.js";

/** Outbox topic of a coordinator's thread reply on its way to the requester. */
export const RELAY_TO_REQUESTER_TOPIC = "requester.relay";
/** A thread reply starting with this stays internal. */
const NOTE = /^\s*note:/i;

export interface ThreadRelayDeps {
  db: Database;
  logger: Logger;
  /** Wakes the outbox dispatcher after a relayed message was queued. */
  wake: () => void;
  now?: () => Date;
  /** A project's name, for telling a coordinator where a forwarded request went. */
  projectName?: (projectId: string) => string | undefined;
}

/** The fields of a Slack message event this listener reads. */
interface MessageEvent {
  type: "message";
  subtype?: string;
  bot_id?: string;
  channel: string;
  channel_type?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
}

const t = slackTranslator("de");

/** Every phone number or email the requester gave in any of their requests. */
async function requesterContactValues(db: Database, h: SlackHandoff): Promise<string[]> {
  if (!h.channelUserId) return [];
  const rows = await db.query<{ value: string | null }>(
    "SELECT data->>'contactValue' AS value FROM handoffs WHERE channel = $1 AND channel_user_id = $2",
    [h.channel, h.channelUserId],
  );
  return rows.map((r) => r.value ?? "").filter((v) => v.length > 0);
}

/** Why a thread reply cannot reach the requester, as a `slack.relay.<reason>` key; undefined if it can. */
function refusal(h: SlackHandoff): "notChat" | "closed" | undefined {
  if (h.contactMethod !== "chat") return "notChat";
  if (!isActive(h.state) || !h.channelUserId) return "closed";
  return undefined;
}

/**
 * Replies in a handoff's Slack thread go to the requester (Telegram, web inbox or Slack DM) through
 * the outbox, as plain text with the requester's own contact details masked; `note:` replies stay internal (marked with
 * a 🔒 reaction). When the requester did not choose the chat way back, or the handoff is closed,
 * the coordinator gets an ephemeral hint instead.
 */
export function registerThreadRelay(app: App, deps: ThreadRelayDeps): void {
  const log = deps.logger.child({ component: "slack-thread-relay" });
  const now = deps.now ?? (() => new Date());
  app.event("message", async ({ event, body, client }) => {
    const e = event as unknown as MessageEvent;
    if (e.subtype || e.bot_id || !e.user || !e.thread_ts || e.thread_ts === e.ts) return;
    if (e.channel_type === "im") return;
    const deliveryKey = (body as unknown as Record<string, unknown>)[DELIVERY_KEY_FIELD];
    try {
      const h = await findHandoffByMessage(deps.db, e.channel, e.thread_ts);
      if (!h) {
        // A reply under a request's message from before a forward: say where the request went.
        const moved = await findHandoffByEarlierMessage(deps.db, e.channel, e.thread_ts);
        if (!moved || NOTE.test(e.text ?? "")) return;
        await client.chat.postEphemeral({
          channel: e.channel,
          user: e.user,
          thread_ts: e.thread_ts,
          text: t("slack.relay.forwarded", {
            project: escapeMrkdwn(deps.projectName?.(moved.projectId) ?? moved.projectId),
            channel: moved.slackChannel ? `<#${moved.slackChannel}>` : "?",
          }),
        });
        log.info({ handoffId: moved.id }, "slack: reply in a thread the request left; coordinator told");
        return;
      }
      const text = capText(e.text).text;
      if (NOTE.test(text)) {
        await client.reactions
          .add({ channel: e.channel, timestamp: e.ts, name: "lock" })
          .catch(() => undefined);
        log.info({ handoffId: h.id }, "slack: internal note kept");
        return;
      }
      const why = refusal(h);
      if (why) {
        await client.chat.postEphemeral({
          channel: e.channel,
          user: e.user,
          thread_ts: e.thread_ts,
          text: t(`slack.relay.${why}`, { state: t(`handoff.state.${h.state}`) }),
        });
        log.info({ handoffId: h.id, reason: why }, "slack: thread reply not relayed");
        return;
      }
      // A coordinator's own office number may reach the family; the family's own details are not repeated.
      const known = await requesterContactValues(deps.db, h);
      const { text: safe, masked } = maskKnownContactDetails(mrkdwnToPlain(text), known);
      if (safe.length === 0) return;
      const name = (await coordinatorName(client, { id: e.user })).split(/\s+/)[0] ?? "";
      // Marked processed and queued together: a Slack retry after a crash redoes it, never loses it.
      const queued = await deps.db.transaction(async (tx) => {
        if (typeof deliveryKey === "string" && !(await markUpdateProcessed(tx, "slack", deliveryKey, now())))
          return false;
        await enqueueOutbox(
          tx,
          RELAY_TO_REQUESTER_TOPIC,
          { handoffId: h.id, text: safe.slice(0, 4000), name, channel: e.channel, ts: e.ts },
          h.id,
        );
        return true;
      });
      if (!queued) {
        log.info({ handoffId: h.id }, "slack: thread reply already relayed (a retry)");
        return;
      }
      deps.wake();
      log.info({ handoffId: h.id, masked }, "slack: thread reply queued for the requester");
      if (masked) {
        await client.chat.postEphemeral({
          channel: e.channel,
          user: e.user,
          thread_ts: e.thread_ts,
          text: t("slack.relay.masked"),
        });
      }
    } catch (err) {
      logError(log, err, "slack: thread relay failed");
    }
  });
}
