import { beforeAll, describe, expect, it } from "vitest";
import { allText, choiceIds, NOW } from "./support/bot-fixtures.js";
import { Journey } from "./support/journey.js";
import { realData } from "./support/real-data.js";

let data: Awaited<ReturnType<typeof realData>>;
beforeAll(async () => {
  data = await realData();
});

/** A family at the location step, talking to the real gazetteer and the sample catalogue. */
function atLocation(): Journey {
  let n = 0;
  return new Journey({ ...data, now: () => NOW, newId: () => `p-${++n}`, handoffs: [] })
    .start()
    .tap("role:family")
    .tap("age:6-9")
    .tap("focus:any");
}

const HINT = "kenne ich nur die Stadtmitte";

describe("districts, shared locations and foreign postcodes are named honestly", () => {
  it.each([
    ["Ehrenfeld", "Ehrenfeld (Köln)"],
    ["Köln Ehrenfeld", "Ehrenfeld (Köln)"],
    ["Köln-Ehrenfeld", "Ehrenfeld (Köln)"],
    ["Neukölln", "Neukölln (Berlin)"],
    ["Berlin Neukölln", "Neukölln (Berlin)"],
    ["Hamburg Altona", "Altona (Hamburg)"],
    ["Sendling", "Sendling (München)"],
  ])("%s resolves to the district, named so, without the city-centre hint", (typed, label) => {
    const chat = atLocation();
    const text = allText(chat.say(typed).last);
    expect(chat.session?.answers.origin?.label).toBe(label);
    expect(text).not.toContain(HINT);
  });

  it("gives the precision hint for a city named alone", () => {
    const chat = atLocation();
    const text = allText(chat.say("Berlin").last);
    expect(text).toContain(HINT);
    expect(text).toContain("Stadtteil");
  });

  it("gives the hint too when a big city is picked from a list of places of one name", () => {
    const chat = atLocation();
    const r = chat.say("Frankfurt").last;
    const main = choiceIds(r).find((id) => id.startsWith("place:"));
    expect(main).toBeDefined();
    expect(allText(chat.tap(main as string).last)).toContain(HINT);
  });

  it("names a shared location by its district, not by an unrelated postcode", () => {
    const chat = atLocation();
    // Hermannplatz, Berlin-Neukölln.
    const text = allText(chat.share(52.4865, 13.4245).last);
    expect(text).toContain("um deinem Standort (Berlin-Neukölln)");
    expect(text).not.toContain("10115");
  });

  it.each(["1010", "8001"])("answers %s as an Austrian or Swiss postcode", (typed) => {
    const text = allText(atLocation().say(typed).last);
    expect(text).toContain("Österreich oder der Schweiz");
    expect(text).not.toContain("hat nur 4 Ziffern");
  });

  it("still reads 1067 as a German postcode with a dropped zero", () => {
    expect(allText(atLocation().say("1067").last)).toContain("hat nur 4 Ziffern");
  });
});
