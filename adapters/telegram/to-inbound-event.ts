import type { Update } from "grammy/types";
import type { Command, InboundEvent, Peer } from "../../bot/types.js";
import { capText } from "../../core/text-cap.js";

/** One Telegram update translated for the engine: who, what, where to answer, and its dedupe key. */
export interface TelegramInbound {
  peer: Peer;
  event: InboundEvent;
  chatId: number;
  /** Unique per delivery attempt of the same update, so a retried update is processed once. */
  updateKey: string;
  /** Set for button presses: the callback query that must be answered. */
  callbackQueryId?: string;
}

const COMMANDS: ReadonlySet<string> = new Set<Command>([
  "start",
  "help",
  "language",
  "restart",
  "mydata",
  "delete",
]);

/** Parses "/cmd", "/cmd@botname" and "/cmd args" into a command event, or undefined for other text. */
export function parseCommand(text: string, botUsername?: string): InboundEvent | undefined {
  const match = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,64}))?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, name = "", mention, rest] = match;
  if (mention && botUsername && mention.toLowerCase() !== botUsername.toLowerCase()) return undefined;
  const command = name.toLowerCase();
  if (!COMMANDS.has(command)) return undefined;
  const args = rest?.trim();
  return args
    ? { type: "command", command: command as Command, args }
    : { type: "command", command: command as Command };
}

/**
 * Translates a Telegram update into an inbound event; undefined for updates the bot ignores
 * (no sender, a bot as sender, non-private chats, update kinds other than messages and button presses).
 */
export function toInboundEvent(update: Update, botUsername?: string): TelegramInbound | undefined {
  const updateKey = String(update.update_id);
  const query = update.callback_query;
  if (query) {
    const chat = query.message?.chat;
    if (query.from.is_bot || (chat && chat.type !== "private")) return undefined;
    return {
      peer: peerOf(query.from),
      event: { type: "choice", id: query.data ?? "" },
      chatId: chat?.id ?? query.from.id,
      updateKey,
      callbackQueryId: query.id,
    };
  }
  const message = update.message;
  if (!message?.from || message.from.is_bot || message.chat.type !== "private") return undefined;
  let event: InboundEvent;
  if (message.location) {
    event = { type: "location", lat: message.location.latitude, lon: message.location.longitude };
  } else if (typeof message.text === "string") {
    const text = capText(message.text).text;
    event = parseCommand(text, botUsername) ?? { type: "text", text };
  } else {
    // Photos, stickers, voice, documents…: the engine answers an empty text politely.
    event = { type: "text", text: "" };
  }
  return { peer: peerOf(message.from), event, chatId: message.chat.id, updateKey };
}

function peerOf(from: { id: number; language_code?: string }): Peer {
  const peer: Peer = { channel: "telegram", channelUserId: String(from.id) };
  if (from.language_code) peer.platformLanguage = from.language_code;
  return peer;
}
