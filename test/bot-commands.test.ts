import { describe, expect, it } from "vitest";
import type { Handoff } from "../core/handoff.js";
import { allText, choiceIds, makeDeps, NOW } from "./support/bot-fixtures.js";
import { journey, journeyAt } from "./support/journey.js";

const handoff: Handoff = {
  id: "h-9",
  kind: "family",
  projectId: "lesepaten-ehrenfeld",
  channel: "telegram",
  channelUserId: "42",
  language: "de",
  ageBand: "6-9",
  focus: ["reading"],
  contactMethod: "phone",
  contactValue: "0170 1234567",
  consentAt: NOW.toISOString(),
  createdAt: NOW.toISOString(),
  state: "taken",
  updatedAt: NOW.toISOString(),
};

describe("commands", () => {
  it("/mydata shows language, role, answers and requests with project name and state", () => {
    const chat = journeyAt("results", makeDeps([handoff]));
    const r = chat.command("mydata").last;
    const text = allText(r);
    expect(text).toContain("Sprache: Deutsch");
    expect(text).toContain("Rolle: Familie oder junger Mensch");
    expect(text).toContain("Alter: 6–9 Jahre");
    expect(text).toContain("Bereich: 📚 Lesen und Sprache");
    expect(text).toContain("Ort: 50667 Köln");
    expect(text).toContain("1 Anfrage:");
    expect(text).toContain(
      "Lesepaten Ehrenfeld: in Bearbeitung (seit 03.05.2025, Antwort per 📞 Telefon 0170 1234567)",
    );
    expect(r.effects).toEqual([]);
  });

  it("/delete asks first; yes deletes everything and ends with a null session", () => {
    const chat = journeyAt("results");
    let r = chat.command("delete").last;
    expect(choiceIds(r)).toEqual(["del:yes", "del:no"]);
    expect(r.effects).toEqual([]);
    expect(chat.session).not.toBeNull();
    r = chat.tap("del:yes").last;
    expect(r.effects).toEqual([{ type: "delete_user_data" }]);
    expect(r.session).toBeNull();
    expect(allText(r)).toContain("gelöscht");
  });

  it("/delete then no keeps everything", () => {
    const chat = journeyAt("results");
    chat.command("delete");
    const r = chat.tap("del:no").last;
    expect(r.effects).toEqual([]);
    expect(chat.session?.answers.origin?.label).toBe("50667 Köln");
    expect(chat.session?.confirming).toBeUndefined();
    expect(allText(r)).toContain("nichts gelöscht");
  });

  it("a stale del:yes without a pending /delete asks again instead of deleting", () => {
    const chat = journeyAt("results");
    const r = chat.send({ type: "choice", id: "del:yes" }).last;
    expect(r.effects).toEqual([]);
    expect(choiceIds(r)).toContain("del:yes");
  });

  it("typed /delete and 'ja' also work", () => {
    const chat = journeyAt("results");
    chat.say("/delete");
    const r = chat.say("Ja").last;
    expect(r.effects).toEqual([{ type: "delete_user_data" }]);
    expect(r.session).toBeNull();
  });

  it("switches language by button and keeps the place in the dialog", () => {
    const chat = journeyAt("family_age");
    // The greeting's language button stays tappable further down the dialog.
    let r = chat.send({ type: "choice", id: "menu:lang" }).last;
    // First page: the current language, simple German, English, then by speakers in Germany; then "more".
    expect(choiceIds(r)).toEqual([
      "lang:de",
      "lang:de-simple",
      "lang:en",
      "lang:tr",
      "lang:uk",
      "lang:ar",
      "lang:ru",
      "lang:pl",
      "langs:1",
    ]);
    r = chat.tap("lang:en").last;
    expect(r.language).toBe("en");
    expect(r.dir).toBe("ltr");
    expect(allText(r)).toContain("I'll write in English");
    expect(allText(r)).toContain("How old is the child");
    chat.tap("age:6-9");
    chat.tap("focus:reading");
    r = chat.say("50667").last;
    expect(allText(r)).toMatch(/\d\.\d km/); // English decimal point
    expect(allText(r)).toContain("Languages: German, Arabic, and Turkish");
    expect(chat.session?.language).toBe("en");
  });

  it("greets in the platform language, German when unsupported", () => {
    const en = journey(makeDeps(), { channel: "web", channelUserId: "a", platformLanguage: "en-US" });
    expect(allText(en.command("start").last)).toContain("Hello!");
    const other = journey(makeDeps(), { channel: "web", channelUserId: "b", platformLanguage: "pt-BR" });
    const r = other.command("start").last;
    expect(allText(r)).toContain("Hallo!");
    expect(r.language).toBe("de");
  });

  it("/restart forgets answers but keeps the language; /help repeats the question", () => {
    const chat = journeyAt("results");
    chat.command("language");
    chat.tap("lang:en");
    let r = chat.command("restart").last;
    expect(chat.session?.answers).toEqual({});
    expect(chat.session?.language).toBe("en");
    expect(choiceIds(r)).toContain("role:family");
    r = chat.command("help").last;
    expect(allText(r)).toContain("/delete");
    expect(choiceIds(r)).toContain("role:family");
  });
});
