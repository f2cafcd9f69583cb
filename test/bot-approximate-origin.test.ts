import { describe, expect, it } from "vitest";
import { readGazetteerData } from "../adapters/node-data-files.js";
import { createGazetteer } from "../core/gazetteer.js";
import { allText } from "./support/bot-fixtures.js";
import { journey, journeyAt } from "./support/journey.js";

const HINT = "kenne ich nur die Stadtmitte";

describe("how exact a location is", () => {
  it("places a big-city postcode at its own point, so it is not approximate", async () => {
    const gazetteer = createGazetteer(await readGazetteerData());
    const spandau = gazetteer.lookupPostcode("13581");
    const mitte = gazetteer.lookupPostcode("10115");
    expect(spandau.ok && spandau.entry.approximate).toBe(false);
    expect(spandau.ok && mitte.ok && Math.abs(spandau.entry.lon - mitte.entry.lon)).toBeGreaterThan(0.1);
  });

  it("marks a big city named alone as approximate, a district or small town not", async () => {
    const gazetteer = createGazetteer(await readGazetteerData());
    const found = (name: string) => {
      const r = gazetteer.lookupPlace(name);
      return r.kind === "found" ? r.place : undefined;
    };
    expect(found("Berlin")?.approximate).toBe(true);
    expect(found("Hamburg")?.approximate).toBe(true);
    expect(found("Neukölln")?.approximate).toBeFalsy();
    expect(found("Garmisch-Partenkirchen")?.approximate).toBeFalsy();
  });

  it("tells the family that distances from a city name are rough and how to be more exact", () => {
    const r = journeyAt("location").say("Berlin").last;
    expect(allText(r)).toContain(HINT);
    expect(allText(r)).toContain("Standort");
  });

  it("gives no hint for a small town", () => {
    const other = journey();
    other.command("start");
    expect(allText(other.say("wir wohnen in 82467").last)).not.toContain(HINT);
  });
});
