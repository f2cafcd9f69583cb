import { describe, expect, it } from "vitest";
import { SERVICE_OFFICE } from "../core/service-office.js";
import { allText, choiceIds, NOW } from "./support/bot-fixtures.js";
import { journey } from "./support/journey.js";

describe("volunteer journey", () => {
  it("understands a typed, capitalised 'Fertig!' as done when choosing languages", () => {
    const chat = journey();
    chat.command("start");
    chat.tap("role:volunteer");
    chat.say("50667");
    chat.tap("focus:reading");
    chat.tap("hours:2");
    const r = chat.say("Fertig!").last;
    expect(allText(r)).toContain("Lesepaten Ehrenfeld");
    expect(chat.session?.volunteer.languagesDone).toBe(true);
  });

  it("location, focus, time, languages → projects that want volunteers → interest → handoff", () => {
    const chat = journey();
    chat.command("start");
    let r = chat.tap("role:volunteer").last;
    expect(r.replies.some((x) => x.type === "request_location")).toBe(true);
    r = chat.say("50667").last;
    expect(choiceIds(r)).toContain("focus:reading");
    r = chat.tap("focus:reading").last;
    expect(choiceIds(r)).toEqual(["hours:1", "hours:2", "hours:4", "hours:6"]);
    r = chat.tap("hours:2").last;
    expect(choiceIds(r)).toContain("vlang:done");
    r = chat.tap("vlang:ar").last;
    const labels = r.replies.flatMap((x) => (x.type === "choices" ? x.choices.map((c) => c.label) : []));
    expect(labels).toContain("✓ Arabisch");
    r = chat.say("Türkisch und Englisch").last;
    expect(chat.session?.volunteer.languages).toEqual(["ar", "en", "tr"]);
    r = chat.tap("vlang:tr").last; // untick
    expect(chat.session?.volunteer.languages).toEqual(["ar", "en"]);
    r = chat.tap("vlang:done").last;
    const list = allText(r);
    expect(list).toContain("Lesepaten Ehrenfeld");
    expect(list).not.toContain("Hausaufgabenhilfe Mülheim"); // does not look for volunteers
    expect(list).toContain("Führungszeugnis");
    expect(list).toContain("etwa 2 Stunden pro Woche");

    r = chat.tap("proj:lesepaten-ehrenfeld").last;
    expect(choiceIds(r)).toContain("contact:lesepaten-ehrenfeld");
    expect(allText(r)).toContain("erweitertes Führungszeugnis");
    r = chat.tap("contact:lesepaten-ehrenfeld").last;
    expect(allText(r)).toContain("deine Zeit pro Woche");
    chat.tap("consent:yes");
    r = chat.tap("way:email").last;
    r = chat.say("keine mail").last;
    expect(allText(r)).toContain("nicht nach einer E-Mail-Adresse");
    r = chat.say("pate@example.org").last;
    r = chat.tap("msg:skip").last;
    const effect = r.effects[0];
    if (effect?.type !== "create_handoff") throw new Error("expected a handoff");
    expect(effect.handoff).toMatchObject({
      kind: "volunteer",
      projectId: "lesepaten-ehrenfeld",
      contactMethod: "email",
      contactValue: "pate@example.org",
      focus: ["reading"],
      volunteer: { hoursPerWeek: 2, languages: ["ar", "en"] },
      consentAt: NOW.toISOString(),
    });
    expect(effect.handoff.ageBand).toBeUndefined();
    expect(effect.handoff.message).toBeUndefined();
    expect(allText(r)).toContain("schreibt dir an pate@example.org");
  });

  it("accepts a typed phone number at the way-back step and declined consent sends nothing", () => {
    const chat = journey();
    chat.command("start");
    chat.tap("role:volunteer");
    chat.say("Köln");
    chat.tap("focus:any");
    chat.say("3 Stunden");
    expect(chat.session?.volunteer.hoursPerWeek).toBe(3);
    chat.tap("vlang:done");
    chat.tap("proj:lesepaten-ehrenfeld");
    chat.tap("contact:lesepaten-ehrenfeld");
    let r = chat.tap("consent:no").last;
    expect(allText(r)).toContain("nichts weitergegeben");
    expect(r.effects).toEqual([]);
    expect(chat.session?.flow.step).toBe("results");
    chat.tap("proj:lesepaten-ehrenfeld");
    chat.tap("contact:lesepaten-ehrenfeld");
    chat.say("ja");
    r = chat.say("0221 123456").last;
    expect(chat.session?.contact).toMatchObject({ method: "phone", value: "0221 123456" });
    expect(choiceIds(r)).toContain("msg:skip");
  });
});

describe("coordinator and info", () => {
  it("tells coordinators how to start and get listed, with the service office", () => {
    const chat = journey();
    chat.command("start");
    const r = chat.tap("role:coordinator").last;
    const text = allText(r);
    expect(text).toContain("Leitfäden");
    expect(text).toContain("Bundesservicestelle");
    expect(text).toContain(SERVICE_OFFICE.phone);
    expect(text).toContain("kostenlos");
    expect(r.replies).toContainEqual(
      expect.objectContaining({
        type: "links",
        links: [expect.objectContaining({ url: SERVICE_OFFICE.website })],
      }),
    );
  });

  it("explains what a Patenschaft is and offers the next step", () => {
    const chat = journey();
    chat.command("start");
    let r = chat.tap("role:info").last;
    expect(allText(r)).toContain("Tandem");
    expect(allText(r)).toContain("kostenlos");
    r = chat.tap("role:family").last;
    expect(choiceIds(r)).toContain("age:0-5");
  });
});
