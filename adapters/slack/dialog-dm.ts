import type { App, BlockAction, ButtonAction, webApi } from "@slack/bolt";
import type { InboundEvent, Peer } from "../../bot/types.js";
import { mrkdwnToPlain } from "../../core/mrkdwn.js";
import { capText } from "../../core/text-cap.js";
import type { TurnOptions, TurnResult } from "../conversation/handle-turn.js";
import { logError } from "../errors.js";
import type { Logger } from "../logger.js";
import { DIALOG_CHOICE, DIALOG_LINK } from "./dialog-blocks.js";
import { SLACK_DIALOG_KIND, slackDmOrderKey } from "./dialog-outbox-kind.js";
import { dmTextToEvent } from "./dm-commands.js";
import { DELIVERY_KEY_FIELD } from "./hono-receiver.js";

export interface DialogDmDeps {
  /**
   * One conversation turn (adapters/compose.ts `turn`): session, effects and replies; with
   * `updateKey` it marks the Slack delivery processed, and with `queueReplies` it queues the
   * replies in the outbox, both in the turn's transaction.
   */
  turn: (peer: Peer, event: InboundEvent, opts?: TurnOptions) => Promise<TurnResult>;
  /** Wakes the outbox after a turn queued its replies. */
  wake: () => void;
  logger: Logger;
}

interface DmEvent {
  type: "message";
  subtype?: string;
  bot_id?: string;
  channel: string;
  channel_type?: string;
  user?: string;
  text?: string;
  thread_ts?: string;
}

/** The user's Slack locale ("de-DE") as the platform language hint; undefined when unknown. */
async function slackLocale(client: webApi.WebClient, user: string): Promise<string | undefined> {
  try {
    const res = await client.users.info({ user, include_locale: true });
    return res.user?.locale ?? undefined;
  } catch {
    return undefined;
  }
}

/** The delivery key the receiver left on a body for its listener to record (see hono-receiver.ts). */
function deliveryKeyOf(body: unknown): string | undefined {
  const key = (body as Record<string, unknown>)[DELIVERY_KEY_FIELD];
  return typeof key === "string" ? key : undefined;
}

/**
 * Direct messages to the app run through the same dialog engine as Telegram and the web chat
 * (channel "slack", peer = the Slack user id), so volunteers in a company's workspace get project
 * suggestions where they already chat. Replies come back as one Block Kit message; buttons carry
 * the choice id. The delivery is marked processed and the answer queued in the outbox in the
 * turn's transaction: a Slack retry after a crash redoes the turn, one already taken is dropped.
 */
export function registerDialogDm(app: App, deps: DialogDmDeps): void {
  const log = deps.logger.child({ component: "slack-dialog" });

  const answer = async (
    client: webApi.WebClient,
    channel: string,
    user: string,
    event: InboundEvent,
    updateKey: string | undefined,
  ) => {
    const platformLanguage = await slackLocale(client, user);
    const peer: Peer = {
      channel: "slack",
      channelUserId: user,
      ...(platformLanguage ? { platformLanguage } : {}),
    };
    const result = await deps.turn(peer, event, {
      ...(updateKey ? { updateKey } : {}),
      queueReplies: {
        kind: SLACK_DIALOG_KIND,
        channel: "slack",
        payload: { channel },
        orderKey: slackDmOrderKey(user),
      },
    });
    if (result.duplicate) {
      log.info({ event: event.type }, "slack: dialog event already answered (a retry)");
      return;
    }
    if (result.replies.length > 0) deps.wake();
    log.info({ event: event.type, replies: result.replies.length }, "slack: dialog answer queued");
  };

  app.event("message", async ({ event, body, client }) => {
    const e = event as unknown as DmEvent;
    if (e.channel_type !== "im" || e.subtype || e.bot_id || !e.user || e.thread_ts) return;
    try {
      const dm = dmTextToEvent(mrkdwnToPlain(capText(e.text).text));
      await answer(client, e.channel, e.user, dm, deliveryKeyOf(body));
    } catch (err) {
      logError(log, err, "slack: dialog turn failed");
    }
  });

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${DIALOG_CHOICE}(:\\d+)?$`),
    async ({ ack, body, action, client }) => {
      await ack();
      const channel = body.channel?.id ?? body.container?.channel_id;
      if (!channel) return;
      try {
        const choice: InboundEvent = { type: "choice", id: action.value ?? "" };
        await answer(client, channel, body.user.id, choice, deliveryKeyOf(body));
      } catch (err) {
        logError(log, err, "slack: dialog choice failed");
      }
    },
  );

  app.action(new RegExp(`^${DIALOG_LINK}:\\d+$`), async ({ ack }) => {
    await ack();
  });
}
