import { describe, expect, it } from "vitest";
import { SearchQuerySchema } from "../adapters/web/search-query.js";
import { understandingTables } from "../bot/understanding-tables.js";
import { ageInWords } from "../core/age-hint.js";
import { MAX_AGE } from "../core/age-limit.js";
import { CLOSED_STATES, transition, WITHDRAWABLE_STATES } from "../core/handoff-lifecycle.js";
import { ProjectFieldsSchema } from "../core/project.js";

describe("one home for each domain rule", () => {
  it("the age limit bounds the project schema, the search query and age hints alike", () => {
    expect(ProjectFieldsSchema.shape.ageMax.safeParse(MAX_AGE).success).toBe(true);
    expect(ProjectFieldsSchema.shape.ageMax.safeParse(MAX_AGE + 1).success).toBe(false);
    expect(SearchQuerySchema.safeParse({ postcode: "50667", age: String(MAX_AGE) }).success).toBe(true);
    expect(SearchQuerySchema.safeParse({ postcode: "50667", age: String(MAX_AGE + 1) }).success).toBe(false);
    const german = [understandingTables().languages.get("de")].filter((l) => l !== undefined);
    expect(ageInWords([String(MAX_AGE), "jahre"], german)).toBe(MAX_AGE);
    expect(ageInWords([String(MAX_AGE + 1), "jahre"], german)).toBeUndefined();
  });

  it("the states a handoff is withdrawn from are exactly those the lifecycle allows", () => {
    expect([...WITHDRAWABLE_STATES].sort()).toEqual(["declined", "open", "taken"]);
    for (const s of WITHDRAWABLE_STATES)
      expect(transition(s, "withdraw")).toEqual({ ok: true, to: "withdrawn" });
    expect(transition("done", "withdraw").ok).toBe(false);
  });

  it("closed states are the ones with nothing left to do", () => {
    expect([...CLOSED_STATES].sort()).toEqual(["declined", "done", "withdrawn"]);
  });
});
