import { describe, expect, it } from "vitest";
import { createCatalogue } from "../core/catalogue.js";
import { SERVICE_OFFICE } from "../core/service-office.js";
import { allText, choiceIds, makeDeps, PROJECTS } from "./support/bot-fixtures.js";
import { journeyAt } from "./support/journey.js";

describe("results", () => {
  it("offers choices for an ambiguous place, then shows nothing nearby honestly with the service office", () => {
    const chat = journeyAt("location");
    let r = chat.say("Neustadt").last;
    expect(choiceIds(r)).toEqual(["place:0", "place:1", "place:2"]);
    expect(allText(r)).toContain("Welchen Ort meinst du?");
    const labels = r.replies.flatMap((x) => (x.type === "choices" ? x.choices.map((c) => c.label) : []));
    expect(labels).toContain("Neustadt, Schleswig-Holstein");
    r = chat.tap("place:1").last;
    expect(chat.session?.answers.origin).toMatchObject({ lat: 54.11, lon: 10.81, label: "Neustadt" });
    const text = allText(r);
    expect(text).toContain("auch im Umkreis von 100 km um Neustadt kein passendes Projekt");
    expect(text).toContain(SERVICE_OFFICE.phone);
    expect(text).toContain(SERVICE_OFFICE.email);
    expect(r.replies).toContainEqual(
      expect.objectContaining({
        type: "links",
        links: [expect.objectContaining({ url: SERVICE_OFFICE.website })],
      }),
    );
    expect(choiceIds(r)).toContain("loc:change");
  });

  it("says honestly when the radius was widened", () => {
    const chat = journeyAt("location");
    const r = chat.say("10115").last;
    const text = allText(r);
    expect(text).toContain(
      "Im Umkreis von 10 km gab es zu wenige Projekte, deshalb habe ich bis 100 km weit gesucht.",
    );
    expect(text).toContain("Ich habe 1 Projekt im Umkreis von 100 km um 10115 Berlin gefunden:");
    expect(choiceIds(r)).not.toContain("more");
  });

  it("pages through results with more, and a shared location works", () => {
    const chat = journeyAt("family_age");
    chat.tap("age:10-13");
    chat.tap("focus:any");
    let r = chat.send({ type: "location", lat: 50.94, lon: 6.96 }).last;
    expect(allText(r)).toContain("um deinem Standort (50667 Köln)");
    expect(allText(r)).toContain("Projekte 1–3 von 4");
    r = chat.tap("more").last;
    expect(allText(r)).toContain("Projekte 4–4 von 4");
    expect(choiceIds(r).filter((id) => id.startsWith("proj:"))).toHaveLength(1);
    expect(choiceIds(r)).not.toContain("more");
  });
});

describe("button payloads", () => {
  it("refers to projects with ids too long for a button by index, and resolves them", () => {
    const longId = `${"sehr-langer-projektname-".repeat(2)}mit-vielen-teilen-1234567`.slice(0, 64);
    const base = PROJECTS[0];
    if (!base) throw new Error("fixture");
    const deps = makeDeps();
    deps.catalogue = createCatalogue([
      ...PROJECTS,
      { ...base, id: longId, name: "Langer Name", lon: 6.9166 },
    ]);
    const chat = journeyAt("location", deps);
    const r = chat.say("50667").last;
    expect(choiceIds(r)).toContain("proj:#0");
    chat.tap("proj:#0");
    expect(chat.session?.flow).toEqual({ step: "details", projectId: longId });
    const details = chat.last;
    expect(choiceIds(details)).toContain("contact:#0");
  });
});
