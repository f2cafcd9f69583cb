import { webApi } from "@slack/bolt";
import type { Reply } from "../../bot/types.js";
import type { Delivered, DeliveryContext, OutboxKind } from "../outbox/outbox-kind.js";
import { renderDialogBlocks } from "./dialog-blocks.js";
import { ChannelRateLimitedError, classifySlackError } from "./handoff-dispatcher.js";
import { findEarlierPost, THREAD_EVENT_TYPE } from "./post-once.js";

/** Outbox kind of a dialog turn's replies in a Slack DM (payload: the DM's channel id and the replies). */
export const SLACK_DIALOG_KIND = "slack.dialog";

/** Order key of everything sent to one Slack user's DM (dialog replies and notices stay in order). */
export function slackDmOrderKey(userId: string): string {
  return `slack-dm:${userId}`;
}

export interface SlackDialogPayload {
  /** The DM's conversation id (D…), where the person wrote. */
  channel: string;
  replies: Reply[];
}

/**
 * A dialog turn's replies to a Slack DM, as one Block Kit message. Queued with the turn (and the
 * event's processed mark), so a crash after Slack's event was acknowledged still answers; after an
 * attempt that may have reached Slack, the DM is searched for this row's post before posting again.
 */
export function slackDialogKind(client: webApi.WebClient): OutboxKind {
  return {
    kind: SLACK_DIALOG_KIND,
    channel: "slack",
    classify: classifySlackError,
    async deliver(ctx: DeliveryContext): Promise<Delivered> {
      const { channel, replies } = ctx.row.payload as Partial<SlackDialogPayload>;
      if (!channel || !Array.isArray(replies) || replies.length === 0) return {};
      if (ctx.row.maybeSent && (await findEarlierPost(client, channel, ctx.row))) {
        ctx.log.warn({ outboxId: ctx.row.id }, "slack: earlier dialog answer found, not posting again");
        return {};
      }
      const { text, blocks } = renderDialogBlocks(replies);
      await ctx.fence(channel);
      try {
        await client.chat.postMessage({
          channel,
          text,
          blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: {
            event_type: THREAD_EVENT_TYPE,
            event_payload: { handoff_id: "", outbox_id: ctx.row.id },
          },
        });
      } catch (err) {
        // Slack limits posting per conversation: only posts to this DM wait.
        if (err instanceof webApi.WebAPIRateLimitedError)
          throw new ChannelRateLimitedError(channel, Math.max(1, err.retryAfter) * 1000);
        throw err;
      }
      ctx.log.info({ outboxId: ctx.row.id, replies: replies.length }, "slack: dialog answered");
      return {};
    },
  };
}
