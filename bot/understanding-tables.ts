import { commandInWords } from "../core/command-words.js";
import { interestToFocus, type NeedReader } from "../core/interest.js";
import { type CommandName, type LanguageData, LanguageDataSchema } from "../core/language-data.js";
import { compileTables, type UnderstandingTables } from "../core/language-tables.js";
import { UNDERSTANDING_DATA } from "../locales/understanding/index.js";

let compiled: UnderstandingTables | undefined;

/**
 * The understanding data of every locale (`locales/understanding/<code>.json`), validated and
 * compiled on first use and then kept: need words, numbers, age and grade words, place forms and
 * false friends, volunteer phrases and language cues. The one registry `core/` gets its tables from.
 */
export function understandingTables(): UnderstandingTables {
  if (!compiled) {
    const data: Record<string, LanguageData> = {};
    for (const [code, raw] of Object.entries(UNDERSTANDING_DATA)) data[code] = LanguageDataSchema.parse(raw);
    compiled = compileTables(data);
  }
  return compiled;
}

/** The search's reader of interest texts ("Hausaufgabn", "ödev"), on the locales' need words. */
export const readNeeds: NeedReader = (text, language) =>
  interestToFocus(text, understandingTables(), language ? [language] : []);

/** The command a whole typed message names in words ("meine Daten löschen"), the session's language first. */
export const commandInText = (text: string, language?: string): CommandName | undefined =>
  commandInWords(text, understandingTables(), language ? [language] : []);
