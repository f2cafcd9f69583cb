import type { CommandName } from "./language-data.js";
import type { UnderstandingTables } from "./language-tables.js";
import { tokenize } from "./text-fold.js";

/** Longest typed message read as a command in words; longer ones are sentences. */
const MAX_COMMAND_CHARS = 60;

/**
 * The command a whole typed message asks for in words ("meine Daten löschen", "!hilfe",
 * "verilerimi sil", "видалити мої дані"), folded like all understanding data: the given languages
 * first (the session's), then every language in registry order, since someone may write in their
 * own language in a session of another. Only the whole message counts, so "ich brauche Hilfe"
 * stays a sentence.
 */
export function commandInWords(
  text: string,
  tables: UnderstandingTables,
  languages: readonly string[] = [],
): CommandName | undefined {
  if (text.length > MAX_COMMAND_CHARS) return undefined;
  const phrase = tokenize(text.trim().replace(/^[!/]/, "")).join(" ");
  if (phrase === "") return undefined;
  for (const code of [...languages, ...tables.codes]) {
    const command = tables.languages.get(code)?.commands.get(phrase);
    if (command) return command;
  }
  return undefined;
}
