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

/** One Bot API call of a turn, ready to send: nothing here talks to Telegram. */
export type TelegramMessage =
  | {
      method: "sendMessage";
      /** Already escaped for HTML parse mode. */
      text: string;
      markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;
    }
  | {
      method: "sendVenue";
      lat: number;
      lon: number;
      title: string;
      address: string;
      markup?: ReplyKeyboardRemove;
    }
  | { method: "sendLocation"; lat: number; lon: number; markup?: ReplyKeyboardRemove };

type Pin = Extract<Reply, { type: "location" }>;

/**
 * Turns one turn's replies into as few Telegram messages as the platform allows, because Telegram
 * delivers about one message per second per chat: all texts of the turn in one message carrying
 * every button (choices and links in one inline keyboard), plus a map pin where the turn shows a
 * place. Exceptions: text over 4,096 characters is split (buttons on the last part), a turn that
 * both offers inline buttons and asks for the location needs a second text (one message holds
 * one keyboard), and each further pin is its own message. The pin goes first when text follows
 * it in the turn (so the buttons stay at the bottom), else last. When the turn does not ask for
 * a location, the first message that has no keyboard of its own removes a leftover one.
 */
export function planTelegramMessages(replies: Reply[], logger: Logger): TelegramMessage[] {
  const texts: string[] = [];
  const inline: InlineKeyboardButton[][] = [];
  const pins: Pin[] = [];
  let askLocation: Extract<Reply, { type: "request_location" }> | undefined;
  let textAfterPin = false;

  for (const reply of replies) {
    switch (reply.type) {
      case "text":
        texts.push(reply.text);
        break;
      case "choices":
        texts.push(reply.text);
        inline.push(...choiceKeyboard(reply.choices, logger).inline_keyboard);
        break;
      case "links": {
        const lines = reply.links.filter((l) => !isButtonUrl(l.url)).map((l) => `${l.label}: ${l.url}`);
        texts.push([reply.text, ...lines].filter((t) => t.length > 0).join("\n"));
        for (const l of reply.links) if (isButtonUrl(l.url)) inline.push([{ text: l.label, url: l.url }]);
        break;
      }
      case "location":
        pins.push(reply);
        continue;
      case "request_location":
        askLocation = reply;
        break;
    }
    if (pins.length > 0) textAfterPin = true;
  }

  const messages: TelegramMessage[] = [];
  const shareKeyboard: ReplyKeyboardMarkup | undefined = askLocation && {
    keyboard: [[{ text: askLocation.buttonLabel, request_location: true }]],
    one_time_keyboard: true,
    resize_keyboard: true,
  };
  const join = (parts: string[]) => parts.filter((t) => t.length > 0).join("\n\n");
  if (inline.length > 0 && askLocation) {
    // One message holds one keyboard: the share button needs a message of its own.
    pushText(messages, join(texts), { inline_keyboard: inline });
    pushText(messages, askLocation.text, shareKeyboard);
  } else if (inline.length > 0) {
    pushText(messages, join(texts), { inline_keyboard: inline });
  } else {
    pushText(messages, join(askLocation ? [...texts, askLocation.text] : texts), shareKeyboard);
  }

  const pinMessages: TelegramMessage[] = pins.map((p) =>
    // Venue fields are not parsed as HTML, so they are sent as they are.
    p.title.trim() && p.address.trim()
      ? { method: "sendVenue", lat: p.lat, lon: p.lon, title: p.title, address: p.address }
      : { method: "sendLocation", lat: p.lat, lon: p.lon },
  );
  const ordered = textAfterPin ? [...pinMessages, ...messages] : [...messages, ...pinMessages];
  if (!askLocation) {
    const first = ordered.find((m) => m.markup === undefined);
    if (first) first.markup = { remove_keyboard: true };
  }
  return ordered;
}

/** Adds text as one or more escaped HTML messages; the keyboard goes on the last part. */
function pushText(
  messages: TelegramMessage[],
  text: string,
  markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | undefined,
): void {
  if (text.length === 0) return;
  const chunks = splitText(text);
  chunks.forEach((chunk, i) => {
    const last = i === chunks.length - 1;
    messages.push({ method: "sendMessage", text: escapeHtml(chunk), ...(last && markup ? { markup } : {}) });
  });
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
