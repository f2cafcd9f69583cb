import { beforeAll, describe, expect, it } from "vitest";
import { understandText } from "../bot/understand.js";
import type { Gazetteer } from "../core/location.js";
import { realData } from "./support/real-data.js";

let gazetteer: Gazetteer;
beforeAll(async () => {
  gazetteer = (await realData()).gazetteer;
});

const read = (text: string, language: string) =>
  understandText(text, language, gazetteer, { age: false, location: false });

describe("understandText on first messages", () => {
  it("reads a volunteer who speaks of 'a child' as a volunteer, not as a family to ask", () => {
    expect(read("Ich möchte Patin sein für ein Kind. Ich wohne in Mainz.", "de-simple").role).toBe(
      "volunteer",
    );
    // One's own child still makes the role unsure.
    expect(read("Ich möchte Patin werden, mein Kind ist schon groß", "de").role).toBe("unsure");
  });

  it("takes the Polish locative of a -d town off ('w Dortmundzie')", () => {
    const found = read("Potrzebujemy pomocy z urzędami. Mieszkamy w Dortmundzie", "pl").location;
    expect(found?.kind === "origin" && found.origin.label).toBe("Dortmund");
  });

  it("reads a case ending off a known form as that form ('u Frankfurtu' is Frankfurt am Main, as 'in Frankfurt')", () => {
    const found = read("Želim volontirati kao mentor djeci, živim u Frankfurtu", "hr").location;
    expect(found?.kind === "origin" && found.origin.label).toBe("Frankfurt am Main");
  });
});
