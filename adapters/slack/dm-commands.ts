import { typedCommand } from "../../bot/commands.js";
import type { InboundEvent } from "../../bot/types.js";

/**
 * Slack takes every message that starts with "/" for a slash command of its own, so in a direct
 * message the bot's commands are understood as words, as on every channel: the command words of
 * every locale (`commands` in `locales/understanding/<code>.json`), "!" optional: "löschen",
 * "delete", "meine Daten", "mydata", "verilerimi sil", …
 */
export function dmTextToEvent(text: string): InboundEvent {
  const command = typedCommand(text.trim().replace(/^!/, "/"));
  return command ? { type: "command", command } : { type: "text", text };
}
