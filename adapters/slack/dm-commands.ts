import type { Command, InboundEvent } from "../../bot/types.js";

/**
 * Slack takes every message that starts with "/" for a slash command of its own, so in a direct
 * message the bot's commands are also understood as plain words (German or English, "!" optional):
 * "löschen", "delete", "meine Daten", "mydata", …
 */
const WORDS: Record<string, Command> = {
  start: "start",
  hilfe: "help",
  help: "help",
  neustart: "restart",
  restart: "restart",
  sprache: "language",
  language: "language",
  "meine daten": "mydata",
  mydata: "mydata",
  löschen: "delete",
  loeschen: "delete",
  delete: "delete",
};

/** The DM text as an inbound event: a command when it is one of the command words, else text. */
export function dmTextToEvent(text: string): InboundEvent {
  const word = text.trim().replace(/^[!/]/, "").replace(/\s+/g, " ").toLowerCase();
  const command = WORDS[word];
  return command ? { type: "command", command } : { type: "text", text };
}
