import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readNeeds } from "../bot/understanding-tables.js";
import { createCatalogue } from "../core/catalogue.js";
import { createGazetteer } from "../core/gazetteer.js";
import type { GazetteerData } from "../core/gazetteer-data.js";
import { type Project, ProjectSchema } from "../core/project.js";
import { allText, choiceIds, NOW } from "./support/bot-fixtures.js";
import { type Journey, journey } from "./support/journey.js";

const gazetteer = createGazetteer(
  JSON.parse(readFileSync(new URL("../data/gazetteer.json", import.meta.url), "utf8")) as GazetteerData,
);
const sample = JSON.parse(readFileSync(new URL("../data/sample-projects.json", import.meta.url), "utf8")) as {
  projects: unknown[];
};
const catalogue = createCatalogue(
  sample.projects.map((p) => ProjectSchema.parse(p) as Project),
  readNeeds,
);

function realChat(): Journey {
  let n = 0;
  return journey({ gazetteer, catalogue, now: () => NOW, newId: () => `r-${++n}`, handoffs: [] });
}

describe("dialog with the real gazetteer and the sample catalogue", () => {
  it("finds projects near 50667 in three taps and a postcode, and contacts one", () => {
    const chat = realChat();
    chat.command("start");
    chat.tap("role:family");
    chat.tap("age:6-9");
    chat.tap("focus:reading");
    let r = chat.say("50667").last;
    expect(chat.session?.answers.origin?.label).toMatch(/^50667 Köln/);
    const first = choiceIds(r).find((id) => id.startsWith("proj:"));
    expect(first).toBeDefined();
    r = chat.tap(first as string).last;
    r = chat.tap((first as string).replace("proj:", "contact:")).last;
    chat.tap("consent:yes");
    chat.tap("way:chat");
    r = chat.tap("msg:skip").last;
    expect(r.effects[0]?.type).toBe("create_handoff");
  });

  it("reads the place from a sentence and Arabic-Indic digits", () => {
    const chat = realChat();
    chat.command("start");
    chat.tap("role:family");
    chat.say("wir wohnen in 50667 Köln");
    expect(chat.session?.answers.origin?.label).toMatch(/^50667 /);
    const c2 = realChat();
    c2.command("start");
    c2.tap("role:family");
    c2.tap("age:6-9");
    c2.tap("focus:any");
    c2.say("٥٠٦٦٧");
    expect(c2.session?.answers.origin?.label).toMatch(/^50667 /);
  });

  it("asks which place is meant for an ambiguous name", () => {
    const chat = realChat();
    chat.command("start");
    chat.tap("role:family");
    chat.tap("age:6-9");
    chat.tap("focus:any");
    const r = chat.say("Neustadt").last;
    expect(choiceIds(r).filter((id) => id.startsWith("place:")).length).toBeGreaterThan(1);
    chat.tap("place:0");
    expect(chat.session?.answers.origin).toBeDefined();
  });

  it("explains a foreign postcode", () => {
    const chat = realChat();
    chat.command("start");
    chat.tap("role:family");
    chat.tap("age:6-9");
    chat.tap("focus:any");
    const r = chat.say("A-1010 Wien").last;
    expect(allText(r)).toContain("anderen Land");
  });
});
