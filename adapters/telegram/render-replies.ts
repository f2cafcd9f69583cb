import type { Api } from "grammy";
import type { Reply } from "../../bot/types.js";
import type { Logger } from "../logger.js";
import { planTelegramMessages, type TelegramMessage } from "./merge-replies.js";

export { choiceKeyboard, planTelegramMessages, type TelegramMessage } from "./merge-replies.js";

const common = { parse_mode: "HTML", link_preview_options: { is_disabled: true } } as const;

/**
 * Sends the engine's replies to one chat as few messages as possible (see planTelegramMessages):
 * one HTML message with every button of the turn, plus a map pin where needed.
 */
export async function renderReplies(
  api: Api,
  chatId: number,
  replies: Reply[],
  logger: Logger,
): Promise<void> {
  for (const message of planTelegramMessages(replies, logger))
    await sendTelegramMessage(api, chatId, message);
}

/** Sends one planned message; an outbox can store planned messages and call this later. */
export async function sendTelegramMessage(api: Api, chatId: number, m: TelegramMessage): Promise<void> {
  const extra = m.markup ? { reply_markup: m.markup } : {};
  switch (m.method) {
    case "sendMessage":
      await api.sendMessage(chatId, m.text, { ...common, ...extra });
      break;
    case "sendVenue":
      await api.sendVenue(chatId, m.lat, m.lon, m.title, m.address, extra);
      break;
    case "sendLocation":
      await api.sendLocation(chatId, m.lat, m.lon, extra);
      break;
  }
}
