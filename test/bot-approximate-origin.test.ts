import { describe, expect, it } from "vitest";
import { readGazetteerData } from "../adapters/node-data-files.js";
import { createGazetteer } from "../core/gazetteer.js";
import { allText } from "./support/bot-fixtures.js";
import { journey, journeyAt } from "./support/journey.js";

const HINT = "kenne ich nur die Stadtmitte";

describe("a big-city postcode", () => {
  it("is marked approximate in the gazetteer, a small town's is not", async () => {
    const gazetteer = createGazetteer(await readGazetteerData());
    const berlin = gazetteer.lookupPostcode("10437");
    const garmisch = gazetteer.lookupPostcode("82467");
    expect(berlin.ok && berlin.entry.approximate).toBe(true);
    expect(garmisch.ok && garmisch.entry.approximate).toBe(false);
  });

  it("tells the family that distances are rough and how to be more exact", () => {
    const chat = journeyAt("location");
    const r = chat.say("10115").last;
    expect(allText(r)).toContain(HINT);
    expect(allText(r)).toContain("Standort");
  });

  it("gives the hint for a postcode inside a sentence too, and not for a small town", () => {
    const chat = journey();
    chat.command("start");
    expect(allText(chat.say("wir wohnen in 10115 Berlin").last)).toContain(HINT);
    const other = journey();
    other.command("start");
    expect(allText(other.say("wir wohnen in 82467").last)).not.toContain(HINT);
  });
});
