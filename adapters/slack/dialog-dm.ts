import type { App, BlockAction, ButtonAction, webApi } from "@slack/bolt";
import type { InboundEvent, Peer } from "../../bot/types.js";
import { mrkdwnToPlain } from "../../core/mrkdwn.js";
import { capText } from "../../core/text-cap.js";
import type { TurnResult } from "../conversation/handle-turn.js";
import { logError } from "../errors.js";
import type { Logger } from "../logger.js";
import { DIALOG_CHOICE, DIALOG_LINK, renderDialogBlocks } from "./dialog-blocks.js";
import { dmTextToEvent } from "./dm-commands.js";

export interface DialogDmDeps {
  /** One conversation turn (adapters/compose.ts `turn`): session, effects and replies. */
  turn: (peer: Peer, event: InboundEvent) => Promise<TurnResult>;
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

/**
 * Direct messages to the app run through the same dialog engine as Telegram and the web chat
 * (channel "slack", peer = the Slack user id), so volunteers in a company's workspace get project
 * suggestions where they already chat. Replies come back as one Block Kit message; buttons carry
 * the choice id. Slack's own retries were already dropped by the receiver.
 */
export function registerDialogDm(app: App, deps: DialogDmDeps): void {
  const log = deps.logger.child({ component: "slack-dialog" });

  const answer = async (client: webApi.WebClient, channel: string, user: string, event: InboundEvent) => {
    const platformLanguage = await slackLocale(client, user);
    const peer: Peer = {
      channel: "slack",
      channelUserId: user,
      ...(platformLanguage ? { platformLanguage } : {}),
    };
    const result = await deps.turn(peer, event);
    if (result.duplicate || result.replies.length === 0) return;
    const { text, blocks } = renderDialogBlocks(result.replies);
    await client.chat.postMessage({ channel, text, blocks, unfurl_links: false, unfurl_media: false });
    log.info({ event: event.type, replies: result.replies.length }, "slack: dialog answered");
  };

  app.event("message", async ({ event, client }) => {
    const e = event as unknown as DmEvent;
    if (e.channel_type !== "im" || e.subtype || e.bot_id || !e.user || e.thread_ts) return;
    try {
      await answer(client, e.channel, e.user, dmTextToEvent(mrkdwnToPlain(capText(e.text).text)));
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
        await answer(client, channel, body.user.id, { type: "choice", id: action.value ?? "" });
      } catch (err) {
        logError(log, err, "slack: dialog choice failed");
      }
    },
  );

  app.action(new RegExp(`^${DIALOG_LINK}:\\d+$`), async ({ ack }) => {
    await ack();
  });
}
