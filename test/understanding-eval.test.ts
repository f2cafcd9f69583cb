import { beforeAll, describe, expect, it } from "vitest";
import type { Gazetteer } from "../core/location.js";
import { type LocaleScore, scoreAll } from "../scripts/understanding/score.js";
import { realData } from "./support/real-data.js";

let rows: LocaleScore[];
let total: LocaleScore;
let misses: string[];
beforeAll(async () => {
  const { gazetteer } = (await realData()) as { gazetteer: Gazetteer };
  ({ rows, total, misses } = scoreAll(gazetteer));
}, 120_000);

/** The targets, on the hand-written messages of test/fixtures/understanding/ (npm run eval:understanding). */
describe("understanding scores on the labelled messages of all 24 locales", () => {
  it("finds the need in ≥ 95 % with nothing wrong added in ≥ 99 %", () => {
    expect(total.need / total.needOf, misses.join("\n")).toBeGreaterThanOrEqual(0.95);
    expect(total.wrongAdded / total.messages).toBeLessThanOrEqual(0.01);
  });

  it("reads the age in ≥ 90 %, the place in ≥ 90 % with ≤ 1 % false places, the role in ≥ 95 %", () => {
    expect(total.age / total.ageOf, misses.join("\n")).toBeGreaterThanOrEqual(0.9);
    expect(total.place / total.placeOf, misses.join("\n")).toBeGreaterThanOrEqual(0.9);
    expect(total.falsePlaces / total.messages).toBeLessThanOrEqual(0.01);
    expect(total.role / total.messages, misses.join("\n")).toBeGreaterThanOrEqual(0.95);
  });

  it("offers the right language first in ≥ 90 %, and to ≤ 2 % of messages already in the session's language", () => {
    expect(total.langFirst / total.langOf, misses.join("\n")).toBeGreaterThanOrEqual(0.9);
    expect(total.sameOffers / total.messages).toBeLessThanOrEqual(0.02);
  });

  it("keeps every locale at ≥ 80 % for need, age and place (no language left behind)", () => {
    for (const r of rows) {
      expect(r.need / r.needOf, r.locale).toBeGreaterThanOrEqual(0.8);
      if (r.ageOf > 0) expect(r.age / r.ageOf, r.locale).toBeGreaterThanOrEqual(0.8);
      expect(r.place / r.placeOf, r.locale).toBeGreaterThanOrEqual(0.8);
    }
  });
});
