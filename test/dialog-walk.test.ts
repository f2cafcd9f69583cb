import { describe, expect, it } from "vitest";
import { STEPS } from "../bot/dialog/steps.js";
import type { FlowStep } from "../bot/session.js";
import { isQuestion, journey, journeyAt, ROUTES } from "./support/journey.js";

const ALL_STEPS = Object.keys(STEPS) as FlowStep[];

describe("walking every step of the dialog", () => {
  it("has a route to every step in the table", () => {
    expect(Object.keys(ROUTES).sort()).toEqual([...ALL_STEPS].sort());
  });

  for (const at of ALL_STEPS) {
    it(`${at}: every button leads where the table says, and every turn ends with a button`, () => {
      const there = journeyAt(at);
      expect(there.last.replies.some(isQuestion), "the step offers buttons").toBe(true);
      const ids = there.ids();
      // Each button from a fresh journey at this step; the journey checks the turn and the transition.
      for (const id of ids) journeyAt(at).tap(id);
    });

    it(`${at}: /help, /mydata and /language come back to the same question`, () => {
      const j = journeyAt(at);
      const buttons = j.ids();
      j.command("help").at(at).sees("/delete");
      expect(j.ids()).toEqual(buttons);
      j.command("mydata").at(at).sees("gespeichert");
      expect(j.ids()).toEqual(buttons);
      j.command("language").at(at).tap("lang:de").at(at);
      j.command("delete").tap("del:no").at(at).sees("nichts gelöscht");
    });

    it(`${at}: a text that means nothing here is answered with a button`, () => {
      journeyAt(at).say("???");
    });
  }

  it("/delete leaves a button to begin again, which starts a fresh dialog", () => {
    const j = journeyAt("family_focus").command("delete").tap("del:yes").at("deleted");
    expect(j.last.effects).toEqual([{ type: "delete_user_data" }]);
    j.tap("menu:restart").at("start").sees("Wer fragt?");
  });

  it("/help at consent, contact and details keeps the family there (it used to jump to the results)", () => {
    for (const at of ["details", "consent", "contact_way", "contact_value", "contact_message"] as const) {
      journeyAt(at).command("help").at(at);
    }
  });

  it("a language offer is the only open question; the question it interrupted comes after it", () => {
    const j = journey().start().tap("family");
    j.say("Доброго дня, моїй доньці потрібна допомога з домашнім завданням").at("family_age");
    const questions = j.last.replies.filter(isQuestion);
    expect(questions).toHaveLength(1);
    expect(j.ids()).toContain("lang:uk");
    expect(j.ids().some((id) => id.startsWith("age:"))).toBe(false);
    j.tap("lang:uk").at("family_age");
    expect(j.ids().some((id) => id.startsWith("age:"))).toBe(true);
  });

  it("the language picker's 'more' button names the next languages in their own scripts", () => {
    const j = journey().start().command("language");
    const more = j.buttons().find((b) => b.id.startsWith("langs:"));
    expect(more?.label).toMatch(/^\p{L}.* … ▸$/u);
    expect(more?.label).not.toContain("Sprachen");
    j.tap(more?.id ?? "").at("start");
    const arabic = journey(undefined, { channel: "web", channelUserId: "a", platformLanguage: "ar" });
    const back = arabic
      .start()
      .command("language")
      .buttons()
      .find((b) => b.id.startsWith("langs:"));
    expect(back?.label).toMatch(/ … ◂$/);
  });
});
