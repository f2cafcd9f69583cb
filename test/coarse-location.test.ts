import { describe, expect, it } from "vitest";
import { coarseLocation } from "../core/coarse-location.js";
import { distanceKm } from "../core/geo.js";
import { journeyAt } from "./support/journey.js";

describe("shared locations are stored to about 100 m", () => {
  it("keeps three decimals, never more than ~80 m from the shared point", () => {
    const exact = { lat: 50.9375123, lon: 6.9602786 };
    const stored = coarseLocation(exact);
    expect(stored).toEqual({ lat: 50.938, lon: 6.96 });
    expect(distanceKm(exact, stored)).toBeLessThan(0.08);
  });

  it("the session keeps the rounded point; the exact one still names the postcode in its turn", () => {
    const chat = journeyAt("family_age").tap("age:10-13").tap("focus:any");
    chat.share(50.9401234, 6.9598765);
    const origin = chat.session?.answers.origin;
    expect({ lat: origin?.lat, lon: origin?.lon }).toEqual({ lat: 50.94, lon: 6.96 });
    expect(origin?.label).toContain("50667 Köln");
    expect(JSON.stringify(chat.session)).not.toMatch(/50\.9401|6\.9598/);
  });
});
