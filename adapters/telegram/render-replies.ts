import type { Api } from "grammy";
import type {
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from "grammy/types";
import type { Choice, Reply } from "../../bot/types.js";
import type { Logger } from "../logger.js";
import { escapeHtml, splitText } from "./html-text.js";

/** Labels up to this many characters share a keyboard row with a neighbour. */
const SHORT_LABEL = 20;
const MAX_CALLBACK_DATA_BYTES = 64;
const utf8 = new TextEncoder();

const common = { parse_mode: "HTML", link_preview_options: { is_disabled: true } } as const;

/**
 * Sends the engine's replies to one chat, in order: HTML parse mode with every string escaped, choices
 * as inline keyboards, links as URL buttons, project locations as venues, a reply-keyboard button to
 * share the location. The first plain message of a turn also removes a leftover location keyboard.
 */
export async function renderReplies(
  api: Api,
  chatId: number,
  replies: Reply[],
  logger: Logger,
): Promise<void> {
  let removeKeyboard = !replies.some((r) => r.type === "request_location");
  /** Returns the keyboard removal once, for the first message that has no other markup. */
  const takeRemoval = (): { reply_markup?: ReplyKeyboardRemove } => {
    if (!removeKeyboard) return {};
    removeKeyboard = false;
    return { reply_markup: { remove_keyboard: true } };
  };

  for (const reply of replies) {
    switch (reply.type) {
      case "text":
        await sendText(api, chatId, reply.text, takeRemoval);
        break;
      case "choices":
        await sendText(api, chatId, reply.text, takeRemoval, choiceKeyboard(reply.choices, logger));
        break;
      case "links": {
        const buttons = reply.links
          .filter((l) => isButtonUrl(l.url))
          .map((l) => [{ text: l.label, url: l.url }]);
        const inline = reply.links.filter((l) => !isButtonUrl(l.url)).map((l) => `${l.label}: ${l.url}`);
        const text = [reply.text, ...inline].filter((t) => t.length > 0).join("\n");
        await sendText(
          api,
          chatId,
          text,
          takeRemoval,
          buttons.length ? { inline_keyboard: buttons } : undefined,
        );
        break;
      }
      case "location":
        // Venue fields are not parsed as HTML, so they are sent as they are.
        if (reply.title.trim() && reply.address.trim()) {
          await api.sendVenue(chatId, reply.lat, reply.lon, reply.title, reply.address, takeRemoval());
        } else {
          await api.sendLocation(chatId, reply.lat, reply.lon, takeRemoval());
        }
        break;
      case "request_location":
        await sendText(api, chatId, reply.text, () => ({}), undefined, {
          keyboard: [[{ text: reply.buttonLabel, request_location: true }]],
          one_time_keyboard: true,
          resize_keyboard: true,
        });
        break;
    }
  }
}

/** Sends plain text as one or more escaped HTML messages; markup goes on the last chunk. */
async function sendText(
  api: Api,
  chatId: number,
  text: string,
  takeRemoval: () => { reply_markup?: ReplyKeyboardRemove },
  inline?: InlineKeyboardMarkup,
  replyKeyboard?: ReplyKeyboardMarkup,
): Promise<void> {
  const chunks = splitText(text);
  for (const [i, chunk] of chunks.entries()) {
    const last = i === chunks.length - 1;
    const markup = last && (inline ?? replyKeyboard);
    const extra = markup ? { reply_markup: markup } : takeRemoval();
    await api.sendMessage(chatId, escapeHtml(chunk), { ...common, ...extra });
  }
}

/** Lays out choices as inline buttons: two per row while both labels are short, else one per row. */
export function choiceKeyboard(choices: Choice[], logger: Logger): InlineKeyboardMarkup {
  const buttons: InlineKeyboardButton[] = [];
  for (const c of choices) {
    if (utf8.encode(c.id).length > MAX_CALLBACK_DATA_BYTES) {
      logger.warn(
        { bytes: utf8.encode(c.id).length },
        "telegram: choice id longer than 64 bytes, button dropped",
      );
      continue;
    }
    buttons.push({ text: c.label, callback_data: c.id });
  }
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i++) {
    const a = buttons[i] as InlineKeyboardButton;
    const b = buttons[i + 1];
    if (b && isShort(a.text) && isShort(b.text)) {
      rows.push([a, b]);
      i++;
    } else {
      rows.push([a]);
    }
  }
  return { inline_keyboard: rows };
}

function isShort(label: string): boolean {
  return [...label].length <= SHORT_LABEL;
}

/** Telegram URL buttons accept only http(s) and tg: links; others (mailto:, tel:) go into the text. */
function isButtonUrl(url: string): boolean {
  return /^(https?|tg):\/\//i.test(url);
}
