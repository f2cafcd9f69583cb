import type { BotCommand, LanguageCode } from "grammy/types";
import { translator } from "../../bot/i18n.js";
import { DEFAULT_LANGUAGE, LOCALES } from "../../bot/locales.js";

const COMMAND_LINE = /^\/([a-z]+)\s+[–-]\s+(.+)$/;

/**
 * The commands of the Telegram menu ("/" button) with their descriptions in one language, read
 * from the lines "/start – …" of the locale's help text, so the menu always says what /help says.
 */
export function commandMenu(language: string): BotCommand[] {
  const help = translator(language)("help.text");
  const commands: BotCommand[] = [];
  for (const line of help.split("\n")) {
    const m = COMMAND_LINE.exec(line.trim());
    if (m?.[1] && m[2]) commands.push({ command: m[1], description: m[2].trim().slice(0, 256) });
  }
  return commands;
}

/**
 * One menu per language Telegram can name: the default (German) and every locale with a two-letter
 * code (Telegram's `language_code` is ISO 639-1, so Dari, Sorani and Einfache Sprache get the default).
 */
export function commandMenus(): { languageCode?: LanguageCode; commands: BotCommand[] }[] {
  const menus: { languageCode?: LanguageCode; commands: BotCommand[] }[] = [
    { commands: commandMenu(DEFAULT_LANGUAGE) },
  ];
  for (const { code } of LOCALES) {
    if (/^[a-z]{2}$/.test(code))
      menus.push({ languageCode: code as LanguageCode, commands: commandMenu(code) });
  }
  return menus;
}
