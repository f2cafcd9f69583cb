import { describe, expect, it } from "vitest";
import { translator } from "../bot/i18n.js";
import { allText, choiceIds, makeDeps } from "./support/bot-fixtures.js";
import { journey } from "./support/journey.js";

const chatIn = (platformLanguage: string) =>
  journey(makeDeps(), { channel: "telegram", channelUserId: "7", platformLanguage });

describe("offering another language", () => {
  it("offers Ukrainian for a message typed in Ukrainian in a German session, and switches on a tap", () => {
    const chat = chatIn("de");
    const r = chat.say("Доброго дня, моїй доньці потрібна допомога з домашнім завданням").last;
    expect(r.language).toBe("de");
    expect(chat.session?.language).toBe("de");
    expect(choiceIds(r)).toEqual(expect.arrayContaining(["lang:uk", "lang:keep"]));
    const offer = r.replies.at(-1);
    expect(offer?.type === "choices" && offer.text).toBe(translator("uk")("language.offer"));
    expect(offer?.type === "choices" && offer.choices.map((c) => c.label)).toContain("Українська");
    expect(offer?.type === "choices" && offer.choices.at(-1)?.label).toBe("Weiter auf Deutsch");
    const switched = chat.tap("lang:uk").last;
    expect(switched.language).toBe("uk");
    expect(chat.session?.languageChosen).toBe(true);
    // Chosen once: no more offers, whatever is typed.
    const later = chat.say("Meine Tochter braucht Hilfe bei den Hausaufgaben, bitte").last;
    expect(choiceIds(later).some((id) => id.startsWith("lang:"))).toBe(false);
  });

  it("offers nothing for German in a German session", () => {
    const chat = chatIn("de-DE");
    chat.command("start");
    const r = chat.say("Meine Tochter braucht Hilfe bei den Hausaufgaben").last;
    expect(choiceIds(r).some((id) => id.startsWith("lang:"))).toBe(false);
    expect(chat.session?.languageOffer).toBeUndefined();
  });

  it("offers nothing when an English session types a German postcode or place", () => {
    const chat = chatIn("en");
    chat.command("start");
    chat.tap("role:family");
    chat.tap("age:6-9");
    chat.tap("focus:reading");
    for (const text of ["50667", "50667 Köln"]) {
      const r = chat.say(text).last;
      expect(
        choiceIds(r).some((id) => id.startsWith("lang:")),
        text,
      ).toBe(false);
    }
  });

  it("offers Arabic, Persian and Dari for an Arabic-script greeting, and stops after 'keep'", () => {
    const chat = chatIn("de");
    chat.command("start");
    let r = chat.say("سلام").last;
    expect(choiceIds(r)).toEqual(expect.arrayContaining(["lang:ar", "lang:fa", "lang:prs", "lang:keep"]));
    r = chat.tap("lang:keep").last;
    expect(r.language).toBe("de");
    r = chat.say("ابني يحتاج مساعدة في الواجبات المدرسية").last;
    expect(choiceIds(r).some((id) => id.startsWith("lang:"))).toBe(false);
  });

  it("lists the detected language first in the picker", () => {
    const chat = chatIn("de");
    chat.command("start");
    chat.say("Моей дочери нужна помощь с домашним заданием");
    const r = chat.command("language").last;
    expect(choiceIds(r)[0]).toBe("lang:ru");
    expect(allText(r)).toContain("Sprache");
  });
});
