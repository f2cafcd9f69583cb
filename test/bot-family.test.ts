import { describe, expect, it } from "vitest";
import { distanceKm } from "../core/geo.js";
import { allText, choiceIds, NOW, PROJECTS } from "./support/bot-fixtures.js";
import { journey, journeyAt } from "./support/journey.js";

describe("family journey", () => {
  it("by buttons ends in a create_handoff with exactly the consented data", () => {
    const chat = journey();
    let r = chat.command("start").last;
    expect(allText(r)).toContain("Hallo");
    expect(choiceIds(r)).toEqual([
      "role:family",
      "role:volunteer",
      "role:coordinator",
      "role:info",
      "menu:lang",
    ]);
    r = chat.tap("role:family").last;
    expect(choiceIds(r)).toContain("age:10-13");
    r = chat.tap("age:10-13").last;
    expect(choiceIds(r)).toContain("focus:reading");
    r = chat.tap("focus:reading").last;
    expect(r.replies.some((x) => x.type === "request_location")).toBe(true);
    r = chat.say("50667").last;
    const list = allText(r);
    expect(list).toContain("Lesepaten Ehrenfeld");
    expect(list).toMatch(/\d,\d km/); // German decimal comma
    expect(list).toContain("Sprachen: Deutsch, Arabisch und Türkisch");
    expect(list).toContain("Passt, weil:");
    expect(choiceIds(r)).toContain("more");
    expect(choiceIds(r).filter((id) => id.startsWith("proj:"))).toHaveLength(3);

    r = chat.tap("proj:lesepaten-ehrenfeld").last;
    expect(allText(r)).toContain("Ehrenamtliche lesen jede Woche mit Kindern.");
    expect(r.replies).toContainEqual(
      expect.objectContaining({ type: "location", lat: 50.9466, lon: 6.9165, title: "Lesepaten Ehrenfeld" }),
    );
    expect(r.replies).toContainEqual(
      expect.objectContaining({
        type: "links",
        links: [expect.objectContaining({ url: "https://example.org/projekt" })],
      }),
    );
    r = chat.tap("contact:lesepaten-ehrenfeld").last;
    const consent = allText(r);
    expect(consent).toContain("Lesepaten Ehrenfeld");
    expect(consent).toContain("/delete");
    expect(consent).toContain("180 Tage");
    expect(r.effects).toEqual([]);
    r = chat.tap("consent:yes").last;
    expect(choiceIds(r)).toEqual(["way:chat", "way:phone", "way:email"]);
    r = chat.tap("way:phone").last;
    r = chat.say("abc").last;
    expect(allText(r)).toContain("nicht nach einer Telefonnummer");
    expect(r.effects).toEqual([]);
    r = chat.say("+49 170 1234567").last;
    expect(choiceIds(r)).toContain("msg:skip");
    r = chat.say("Bitte <b>nachmittags</b> anrufen").last;

    const project = PROJECTS.find((p) => p.id === "lesepaten-ehrenfeld");
    if (!project) throw new Error("fixture");
    const km = Math.round(distanceKm({ lat: 50.9384, lon: 6.9584 }, project) * 10) / 10;
    expect(r.effects).toHaveLength(1);
    const effect = r.effects[0];
    expect(effect?.type).toBe("create_handoff");
    if (effect?.type !== "create_handoff") return;
    expect(effect.handoff).toEqual({
      id: "h-1",
      kind: "family",
      projectId: "lesepaten-ehrenfeld",
      channel: "telegram",
      channelUserId: "42",
      language: "de",
      ageBand: "10-13",
      focus: ["reading"],
      distanceKm: km,
      // Rounded to about a kilometre: a forwarded request is measured from here; the exact point is not kept.
      origin: { lat: 50.94, lon: 6.96 },
      contactMethod: "phone",
      contactValue: "+49 170 1234567",
      message: "Bitte <b>nachmittags</b> anrufen",
      consentAt: NOW.toISOString(),
      createdAt: NOW.toISOString(),
    });
    expect(JSON.stringify(effect.handoff)).not.toContain("50.938");
    expect(allText(r)).toContain("ruft dich unter +49 170 1234567 an");
    expect(chat.session?.contact).toBeUndefined();
  });

  it("by free text: Hausaufgaben, wir wohnen in 50667 Köln, 8 Jahre", () => {
    const chat = journey();
    let r = chat.say("Hallo").last;
    expect(choiceIds(r)).toContain("role:family");
    chat.tap("role:family");
    r = chat.say("Hausaufgaben").last;
    expect(chat.session?.answers.focus).toEqual(["school"]);
    expect(allText(r)).toContain("Notiert: ✏️ Schule und Hausaufgaben");
    expect(choiceIds(r)).toContain("age:6-9"); // age still missing
    r = chat.say("wir wohnen in 50667 Köln").last;
    expect(chat.session?.answers.origin?.label).toBe("50667 Köln");
    r = chat.say("8 Jahre").last;
    expect(chat.session?.answers).toMatchObject({ age: 8, ageBand: "6-9" });
    expect(chat.session?.flow.step).toBe("results");
    expect(allText(r)).toContain("Hausaufgabenhilfe Mülheim");
  });

  it("understands everything in one first message", () => {
    const chat = journey();
    const r = chat.say(
      "Mein Sohn ist 8 Jahre alt und braucht Hilfe bei den Hausaufgaben, wir wohnen in 50667 Köln",
    ).last;
    expect(chat.session?.role).toBe("family");
    expect(chat.session?.flow.step).toBe("results");
    expect(allText(r)).toContain("Hausaufgabenhilfe Mülheim");
  });

  it("takes a bare number as the age and Arabic-Indic digits as a postcode", () => {
    const chat = journeyAt("family_age");
    chat.say("8");
    expect(chat.session?.answers.age).toBe(8);
    chat.tap("focus:any");
    const r = chat.say("٥٠٦٦٧").last;
    expect(chat.session?.answers.origin?.label).toBe("50667 Köln");
    expect(allText(r)).toContain("Lesepaten Ehrenfeld");
  });

  it("explains what is wrong with a postcode", () => {
    const chat = journeyAt("family_age");
    chat.tap("age:10-13");
    chat.tap("focus:school");
    let r = chat.say("5066").last;
    expect(allText(r)).toContain("5066 hat nur 4 Ziffern – eine Postleitzahl hat 5.");
    expect(r.replies.some((x) => x.type === "request_location")).toBe(true);
    r = chat.say("99999").last;
    expect(allText(r)).toContain("Die Postleitzahl 99999 gibt es nicht");
  });

  it("does not create a second request while one is open", () => {
    const chat = journey();
    chat.handoffs.push({
      id: "old",
      kind: "family",
      projectId: "lesepaten-ehrenfeld",
      channel: "telegram",
      channelUserId: "42",
      language: "de",
      focus: [],
      contactMethod: "chat",
      consentAt: NOW.toISOString(),
      createdAt: NOW.toISOString(),
      state: "open",
      updatedAt: NOW.toISOString(),
    });
    chat.command("start");
    chat.tap("role:family");
    chat.tap("age:6-9");
    chat.tap("focus:reading");
    chat.say("50667");
    chat.tap("proj:lesepaten-ehrenfeld");
    const r = chat.tap("contact:lesepaten-ehrenfeld").last;
    expect(allText(r)).toContain("schon eine Anfrage geschickt");
    expect(choiceIds(r)).not.toContain("consent:yes");
  });
});
