import { describe, expect, it } from "vitest";
import { step } from "../bot/engine.js";
import { BotError, eventKind } from "../bot/errors.js";
import { sanitizeInput } from "../bot/sanitize-input.js";
import type { Session } from "../bot/session.js";
import type { StepDeps } from "../bot/types.js";
import { allText, makeDeps, PEER } from "./support/bot-fixtures.js";
import { type Journey, journey, journeyAt } from "./support/journey.js";

const INPUTS: [string, string][] = [
  ["empty", ""],
  ["blank", "   \n\t "],
  ["20,000 characters", "Hausaufgaben ".repeat(1540).slice(0, 20_000)],
  ["emoji only", "😀🙏🏽👨‍👩‍👧"],
  ["HTML and Markdown", "<script>alert(1)</script> **fett** [link](http://x) <b>"],
  ["bidi and control characters", "\u202E\u2066abc\u2069\u0000\u0007\u200F"],
  ["Arabic-Indic digits", "٥٠٦٦٧"],
  ["only a slash", "/"],
  ["unknown command", "/foo bar"],
  ["lone surrogate", "\uD800abc"],
];

/** Steps where typed text is read as an answer of the search (not passed on to a coordinator or a project). */
const STEPS_TRIED = [
  "start",
  "family_age",
  "location",
  "place_choice",
  "volunteer_languages",
  "results",
  "details",
  "consent",
  "contact_value",
] as const;

/** Conversations stopped at different steps, in German, and a new one. */
function atSteps(): Record<string, () => Journey> {
  const at: Record<string, () => Journey> = { new: () => journey() };
  for (const step of STEPS_TRIED) at[step] = () => journeyAt(step);
  return at;
}

describe("robustness", () => {
  for (const [where, make] of Object.entries(atSteps())) {
    for (const [name, text] of INPUTS) {
      it(`${name} at ${where}: never throws, answers in German`, () => {
        const chat = make();
        const before = chat.session;
        const r = chat.say(text).last;
        expect(r.language).toBe("de");
        expect(r.replies.length).toBeGreaterThan(0);
        expect(r.effects).toEqual([]);
        expect(r.session).not.toBeNull();
        for (const reply of r.replies) {
          if ("text" in reply) expect(Array.from(reply.text).length).toBeLessThan(4000);
        }
        if (before && name === "20,000 characters") expect(allText(r)).toContain("die ersten 1000 Zeichen");
      });
    }
  }

  it("a postcode in Arabic-Indic digits at the location step finds Köln", () => {
    const chat = atSteps().location?.() as Journey;
    chat.say("٥٠٦٦٧");
    expect(chat.session?.answers.origin?.label).toBe("50667 Köln");
  });

  it("keeps HTML in a message verbatim as plain text (adapters escape)", () => {
    const chat = atSteps().consent?.() as Journey;
    chat.tap("consent:yes");
    chat.tap("way:chat");
    const r = chat.say("<b>Hallo</b> \u202Eevil").last;
    const effect = r.effects[0];
    expect(effect?.type === "create_handoff" && effect.handoff.message).toBe("<b>Hallo</b> evil");
  });

  it("treats a stored session that does not parse as new", () => {
    const broken = { v: 99, language: "xx", flow: { step: "nowhere" } } as unknown as Session;
    const r = step(broken, PEER, { type: "text", text: "hallo" }, makeDeps());
    expect(allText(r)).toContain("Hallo!");
    expect(r.session?.v).toBe(2);
  });

  it("answers an unknown or oversized button payload without crashing", () => {
    const chat = atSteps().family_age?.() as Journey;
    let r = chat.send({ type: "choice", id: "proj:does-not-exist" }).last;
    expect(allText(r)).toContain("Knopf passt gerade nicht");
    r = chat.send({ type: "choice", id: "x".repeat(500) }).last;
    expect(allText(r)).toContain("Knopf passt gerade nicht");
    r = chat.send({ type: "location", lat: Number.NaN, lon: 200 }).last;
    expect(allText(r)).toContain("nicht in Deutschland");
  });

  it("turns an internal error into a translated apology and keeps the old session", () => {
    const chat = atSteps().location?.() as Journey;
    const old = chat.session;
    const deps: StepDeps = {
      ...makeDeps(),
      catalogue: {
        size: 0,
        get: () => undefined,
        rank: () => {
          throw new Error("boom");
        },
      },
    };
    const r = step(old, PEER, { type: "text", text: "50667" }, deps);
    expect(r.replies[0]).toEqual({
      type: "text",
      text: "Da ist etwas schiefgegangen. Bitte versuch es noch einmal.",
    });
    // The question the person was at comes again, so a button is left to go on with.
    expect(r.replies.at(-1)?.type).toBe("request_location");
    expect(r.session).toEqual(old);
    expect(r.effects).toEqual([]);
    // The caller gets the error to log and count: where it happened, never what was typed.
    expect(r.error).toBeInstanceOf(BotError);
    expect(r.error?.toLog()).toEqual({
      name: "BotError",
      step: "location",
      event: "text",
      cause: { name: "Error", message: "boom" },
    });
    expect(JSON.stringify(r.error?.toLog())).not.toContain("50667");
  });

  it("names a malformed event's kind 'unknown' in the error, never what it carried", () => {
    expect(eventKind({ type: "Ruf mich an: 0170 1234567" })).toBe("unknown");
    expect(eventKind(null)).toBe("unknown");
    expect(eventKind({ type: "choice", id: "x" })).toBe("choice");
  });

  it("is deterministic and does not mutate the session passed in", () => {
    const chat = atSteps().location?.() as Journey;
    const frozen = structuredClone(chat.session);
    const a = step(chat.session, PEER, { type: "text", text: "50667" }, makeDeps());
    const b = step(chat.session, PEER, { type: "text", text: "50667" }, makeDeps());
    expect(a).toEqual(b);
    expect(chat.session).toEqual(frozen);
  });
});

describe("sanitizeInput", () => {
  it("strips controls and bidi marks but keeps ZWJ/ZWNJ and newlines", () => {
    expect(sanitizeInput("a\u202Eb\u2067c\u0000d\u200Fe").text).toBe("abcde");
    expect(sanitizeInput("می\u200Cخواهم").text).toBe("می\u200Cخواهم");
    expect(sanitizeInput("👨‍👩‍👧").text).toBe("👨‍👩‍👧");
    expect(sanitizeInput("a\n\n\n\nb").text).toBe("a\n\nb");
  });

  it("truncates by code points without splitting emoji surrogates", () => {
    const r = sanitizeInput("😀".repeat(1500));
    expect(r.truncated).toBe(true);
    expect(Array.from(r.text)).toHaveLength(1000);
    expect(r.text).not.toMatch(/\uFFFD/);
  });
});
