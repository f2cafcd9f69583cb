import { describe, expect, it } from "vitest";
import { step } from "../bot/engine.js";
import { migrateSession, parseSession, type Session } from "../bot/session.js";
import { makeDeps, PEER } from "./support/bot-fixtures.js";
import { journey } from "./support/journey.js";

/** A session as version 1 stored it, mid-flow: a family at the need question, with "delete?" still open. */
const V1_AT_FOCUS = {
  v: 1,
  language: "de",
  role: "family",
  flow: { step: "family_focus" },
  answers: { ageBand: "6-9", age: 8 },
  volunteer: { languages: [], languagesDone: false },
  results: { offset: 0, shown: [] },
  languageChosen: false,
  pendingDelete: true,
  updatedAt: "2025-05-03T09:58:00.000Z",
};

describe("stored sessions of an older version", () => {
  it("migrates v1 to v2: the open delete question is named, the rest is kept", () => {
    const migrated = parseSession(V1_AT_FOCUS);
    expect(migrated?.v).toBe(2);
    expect(migrated?.confirming).toBe("delete");
    expect(migrated?.flow).toEqual({ step: "family_focus" });
    expect(migrated?.answers).toEqual({ ageBand: "6-9", age: 8 });
    expect(migrated).not.toHaveProperty("pendingDelete");
    expect(parseSession({ ...V1_AT_FOCUS, pendingDelete: false })?.confirming).toBeUndefined();
  });

  it("leaves a current session and an unknown version alone", () => {
    const current = { ...V1_AT_FOCUS, v: 2, pendingDelete: undefined };
    expect(migrateSession(current)).toBe(current);
    expect(parseSession({ ...V1_AT_FOCUS, v: 7 })).toBeNull();
  });

  it("a conversation live during the deploy goes on where it was", () => {
    const deps = makeDeps();
    // "ja" answers the delete question that was open before the deploy.
    const r = step(V1_AT_FOCUS as unknown as Session, PEER, { type: "text", text: "ja" }, deps);
    expect(r.effects).toEqual([{ type: "delete_user_data" }]);

    const j = journey();
    j.session = { ...V1_AT_FOCUS, pendingDelete: false } as unknown as Session;
    j.press("focus:reading").at("location");
    expect(j.session?.v).toBe(2);
    j.say("50667").at("results").sees("Lesepaten Ehrenfeld");
  });
});
