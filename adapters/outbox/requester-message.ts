import type { Choice } from "../../bot/types.js";
import type { Channel } from "../../core/handoff.js";
import type { Queryable } from "../db/database.js";
import { enqueueMessage } from "../db/outbox-store.js";

/** Outbox kinds that carry a message to a requester, one per channel they may have asked on. */
export const REQUESTER_KINDS = {
  telegram: "telegram.message",
  web: "web.inbox",
  slack: "slack.dm",
} as const satisfies Record<Channel, string>;

/** Order key of everything sent to one Telegram chat (replies and notices stay in order). */
export function telegramOrderKey(chatId: string | number): string {
  return `telegram:${chatId}`;
}

/**
 * Queues a message to a requester on the channel they asked on, in the caller's transaction: plain
 * text, or a question with buttons (`choices`, pressed like any button of the dialog); nothing for
 * an anonymised requester (they deleted their data).
 */
export async function queueRequesterMessage(
  tx: Queryable,
  channel: Channel,
  channelUserId: string,
  text: string,
  handoffId?: string,
  choices?: Choice[],
): Promise<void> {
  if (channelUserId === "") return;
  const common = handoffId ? { handoffId } : {};
  const buttons = choices && choices.length > 0 ? { choices } : {};
  switch (channel) {
    case "telegram":
      await enqueueMessage(tx, {
        kind: REQUESTER_KINDS.telegram,
        channel: "telegram",
        payload: buttons.choices
          ? { chatId: channelUserId, replies: [{ type: "choices", text, choices: buttons.choices }] }
          : { chatId: channelUserId, text },
        orderKey: telegramOrderKey(channelUserId),
        ...common,
      });
      return;
    case "web":
      await enqueueMessage(tx, {
        kind: REQUESTER_KINDS.web,
        channel: "web",
        payload: { visitorId: channelUserId, text, ...buttons },
        orderKey: `web:${channelUserId}`,
        ...common,
      });
      return;
    case "slack":
      await enqueueMessage(tx, {
        kind: REQUESTER_KINDS.slack,
        channel: "slack",
        payload: { userId: channelUserId, text, ...buttons },
        orderKey: `slack-dm:${channelUserId}`,
        ...common,
      });
      return;
  }
}
