import { describe, expect, it } from "vitest";
import { coarseLocation } from "../core/coarse-location.js";
import { distanceKm } from "../core/geo.js";
import { Chat } from "./support/bot-fixtures.js";

describe("shared locations are stored to about 100 m", () => {
  it("keeps three decimals, never more than ~80 m from the shared point", () => {
    const exact = { lat: 50.9375123, lon: 6.9602786 };
    const stored = coarseLocation(exact);
    expect(stored).toEqual({ lat: 50.938, lon: 6.96 });
    expect(distanceKm(exact, stored)).toBeLessThan(0.08);
  });

  it("the session keeps the rounded point; the exact one still names the postcode in its turn", () => {
    const chat = new Chat();
    chat.command("start");
    chat.tap("role:family");
    chat.tap("age:10-13");
    chat.tap("focus:any");
    chat.send({ type: "location", lat: 50.9401234, lon: 6.9598765 });
    expect(chat.session?.answers.origin).toEqual({ lat: 50.94, lon: 6.96, label: "50667 Köln" });
    expect(JSON.stringify(chat.session)).not.toMatch(/50\.9401|6\.9598/);
  });
});
