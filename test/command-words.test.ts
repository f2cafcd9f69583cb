import { describe, expect, it } from "vitest";
import { typedCommand } from "../bot/commands.js";
import { LOCALES } from "../bot/locales.js";
import { understandingTables } from "../bot/understanding-tables.js";
import { commandInWords } from "../core/command-words.js";
import { COMMANDS } from "../core/language-data.js";
import { tokenize } from "../core/text-fold.js";
import { LOCALE_RESOURCES } from "../locales/index.js";
import { choiceIds } from "./support/bot-fixtures.js";
import { journey, journeyAt } from "./support/journey.js";

const tables = understandingTables();

describe("command words in the locales' understanding data", () => {
  it.each(LOCALES.map((l) => l.code))("%s has words for deleting, showing the data and help", (code) => {
    const commands = new Set(tables.languages.get(code)?.commands.values());
    for (const c of ["delete", "mydata", "help", "restart"] as const) expect(commands, c).toContain(c);
  });

  it("no command phrase is a need word, and none names two commands in two languages", () => {
    const owner = new Map<string, string>();
    for (const [code, language] of tables.languages) {
      for (const [phrase, command] of language.commands) {
        for (const [other, l] of tables.languages)
          expect(l.needExact.has(phrase), `${code} "${phrase}" is a need word in ${other}`).toBe(false);
        const seen = owner.get(phrase);
        if (seen !== undefined) expect(seen, `"${phrase}" (${code})`).toBe(command);
        owner.set(phrase, command);
      }
    }
  });

  it("no command phrase is a yes, no or done answer of any locale", () => {
    const phrases = new Set([...tables.languages.values()].flatMap((l) => [...l.commands.keys()]));
    for (const [code, resource] of Object.entries(LOCALE_RESOURCES)) {
      const words = (resource as { words: Record<string, string> }).words;
      for (const key of ["yes", "no", "done"])
        for (const w of (words[key] ?? "").split("|"))
          expect(phrases.has(tokenize(w).join(" ")), `${code} words.${key} "${w}"`).toBe(false);
    }
  });

  it.each([
    ["meine Daten löschen", "de", "delete"],
    ["Meine Daten", "de", "mydata"],
    ["!hilfe", "de", "help"],
    ["verilerimi sil", "tr", "delete"],
    ["verilerimi sil", "de", "delete"],
    ["احذف بياناتي", "ar", "delete"],
    ["Видалити мої дані", "uk", "delete"],
    ["удалить мои данные!", "ru", "delete"],
    ["usun moje dane", "pl", "delete"],
    ["bắt đầu lại", "vi", "restart"],
    ["/delete", "de", "delete"],
  ])("reads %s (%s session) as %s", (text, language, command) => {
    expect(typedCommand(text, language)).toBe(command);
  });

  it("takes only the whole message, so a sentence with the words stays a sentence", () => {
    expect(typedCommand("Ich brauche Hilfe für meinen Sohn", "de")).toBeUndefined();
    expect(typedCommand("mein Sohn soll seine Daten nicht löschen", "de")).toBeUndefined();
    expect(commandInWords("Sprache", tables, ["de"])).toBeUndefined();
  });

  it("has every command of the registry", () => {
    expect([...COMMANDS].sort()).toEqual(["delete", "help", "language", "mydata", "restart", "start"]);
  });
});

describe("typing the words for 'delete my data' in a chat", () => {
  it.each([
    ["telegram", "tr", "verilerimi sil", "evet"],
    ["web", "ar", "احذف بياناتي", "نعم"],
    ["telegram", "uk", "видалити мої дані", "так"],
    ["web", "de", "Meine Daten löschen", "ja"],
  ] as const)("%s, %s: asks to confirm, and yes deletes", (channel, code, words, yes) => {
    const chat = journey(undefined, { channel, channelUserId: `del-${code}`, platformLanguage: code });
    chat.say("Hallo");
    let r = chat.say(words).last;
    expect(choiceIds(r)).toEqual(["del:yes", "del:no"]);
    expect(r.session?.confirming).toBe("delete");
    r = chat.say(yes).last;
    expect(r.effects).toEqual([{ type: "delete_user_data" }]);
    expect(r.session).toBeNull();
  });

  it("in a German session, Turkish words still ask to confirm, with no language offer in between", () => {
    const chat = journeyAt("family_age");
    const r = chat.say("verilerimi sil").last;
    expect(choiceIds(r)).toEqual(["del:yes", "del:no"]);
  });

  it("in the relay to a coordinator, 'Hilfe' is passed on, while deleting one's data still works", () => {
    const chat = journeyAt("relay");
    let r = chat.say("Hilfe").last;
    expect(r.effects.map((e) => e.type)).toEqual(["relay_to_handoff"]);
    r = chat.say("meine Daten löschen").last;
    expect(choiceIds(r)).toEqual(["del:yes", "del:no"]);
  });
});
