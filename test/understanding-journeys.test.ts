import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { LOCALES } from "../bot/locales.js";
import type { StepDeps } from "../bot/types.js";
import { choiceIds, NOW } from "./support/bot-fixtures.js";
import { Journey } from "./support/journey.js";
import { realData } from "./support/real-data.js";

/** Per locale: "my son is 9 and needs help with reading, we live in Leipzig", and a volunteer's first message. */
const JOURNEYS = JSON.parse(
  readFileSync(new URL("./fixtures/understanding-journeys.json", import.meta.url), "utf8"),
) as { family: Record<string, string>; volunteer: Record<string, { text: string; place: string }> };

let deps: () => StepDeps;
beforeAll(async () => {
  const { gazetteer, catalogue } = await realData();
  let n = 0;
  deps = () => ({ gazetteer, catalogue, now: () => NOW, newId: () => `h-${++n}`, handoffs: [] });
});

const chatIn = (code: string) =>
  new Journey(deps(), { channel: "web", channelUserId: `journey-${code}`, platformLanguage: code });

describe.each(LOCALES.map((l) => l.code))("free text alone in %s", (code) => {
  it("takes a family from one sentence to results, without a single question", () => {
    const text = JOURNEYS.family[code];
    expect(text, `no journey sentence for ${code}`).toBeDefined();
    const chat = chatIn(code);
    const r = chat.say(text ?? "").last;
    const s = chat.session;
    expect(s?.flow.step, `${code}: ${text}`).toBe("results");
    expect(s?.role).toBe("family");
    expect(s?.answers.ageBand).toBe("6-9");
    expect(s?.answers.focus).toEqual(["reading"]);
    expect(s?.answers.origin?.label).toContain("Leipzig");
    expect(r.replies.some((x) => x.type === "request_location")).toBe(false);
    expect(choiceIds(r).some((id) => id.startsWith("age:") || id.startsWith("focus:"))).toBe(false);
  });

  it("takes a volunteer's first sentence into the volunteer flow, never the family questions", () => {
    const journey = JOURNEYS.volunteer[code];
    expect(journey, `no volunteer sentence for ${code}`).toBeDefined();
    const chat = chatIn(code);
    const r = chat.say(journey?.text ?? "").last;
    expect(chat.session?.role, `${code}: ${journey?.text}`).toBe("volunteer");
    expect(chat.session?.answers.origin?.label).toContain(journey?.place);
    expect(choiceIds(r).some((id) => id.startsWith("age:"))).toBe(false);
  });
});

describe("a word that may be a place or an everyday word", () => {
  it("asks 'Meinst du die Stadt Essen?' with the place and a no, and either answer goes on", () => {
    const text = "Mein Sohn ist 9 und braucht Hilfe beim Lesen, Essen mag er auch";
    const chat = chatIn("de");
    const r = chat.say(text).last;
    expect(r.replies.map((x) => ("text" in x ? x.text : "")).join("\n")).toContain("Meinst du die Stadt");
    expect(choiceIds(r)).toEqual(["place:0", "place:no"]);
    chat.tap("place:0");
    expect(chat.session?.answers.origin?.label).toContain("Essen");
    expect(chat.session?.flow.step).toBe("results");

    const other = chatIn("de");
    other.say(text);
    const no = other.tap("place:no").last;
    expect(other.session?.answers.origin).toBeUndefined();
    expect(no.replies.some((x) => x.type === "request_location")).toBe(true);
  });

  it("does not take Arabic 'الم' (pain) or 'هام' (important) for Ulm or Hamm", () => {
    const chat = chatIn("ar");
    chat.say("هام جداً: ابني عنده الم في ظهره، عمره ١١ سنة ويحب كرة القدم");
    expect(chat.session?.answers.origin).toBeUndefined();
    expect(chat.session?.answers.age).toBe(11);
  });
});
