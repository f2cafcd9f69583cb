import { describe, expect, it } from "vitest";
import { readGazetteerData } from "../adapters/node-data-files.js";
import { createGazetteer } from "../core/gazetteer.js";
import { allText, Chat } from "./support/bot-fixtures.js";

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
    const chat = new Chat();
    chat.command("start");
    chat.tap("role:family");
    chat.tap("age:6-9");
    chat.tap("focus:reading");
    const r = chat.text("10115");
    expect(allText(r)).toContain(HINT);
    expect(allText(r)).toContain("Standort");
  });

  it("gives the hint for a postcode inside a sentence too, and not for a small town", () => {
    const chat = new Chat();
    chat.command("start");
    expect(allText(chat.text("wir wohnen in 10115 Berlin"))).toContain(HINT);
    const other = new Chat();
    other.command("start");
    expect(allText(other.text("wir wohnen in 82467"))).not.toContain(HINT);
  });
});
