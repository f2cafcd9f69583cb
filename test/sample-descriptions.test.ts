import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../bot/locales.js";
import type { Project } from "../core/project.js";
import {
  PHRASE_SETS,
  translatedDescriptions,
} from "../data/scripts/sample-catalogue/translated-descriptions.js";

/** German and English have their own fields; Simple German readers get the German text. */
const OWN_FIELDS = new Set(["de", "en", "de-simple"]);
const expected = LOCALES.map((l) => l.code)
  .filter((c) => !OWN_FIELDS.has(c))
  .sort();

describe("sample catalogue descriptions in every language", () => {
  it("has a phrase set for every interface language besides German and English", () => {
    expect(Object.keys(PHRASE_SETS).sort()).toEqual(expected);
  });

  it("fills every placeholder and uses the project's facts", () => {
    const out = translatedDescriptions({
      name: "Lesefüchse Köln",
      organisation: "Bürgerstiftung Köln",
      label: "Köln-Ehrenfeld",
      focus: ["reading"],
      ageMin: 6,
      ageMax: 10,
      withParents: true,
      volunteersWanted: true,
      hoursPerWeek: 3,
    });
    for (const code of expected) {
      const d = out[code];
      expect(d, code).toBeDefined();
      expect(d?.short, code).toContain("Köln-Ehrenfeld");
      expect(`${d?.short} ${d?.long}`, code).not.toMatch(/\{\w+\}/);
      expect(d?.long, code).toMatch(/3/);
    }
  });

  it("is in the committed sample catalogue for every project", () => {
    const catalogue = JSON.parse(readFileSync("data/sample-projects.json", "utf8")) as {
      projects: Project[];
    };
    for (const p of catalogue.projects) {
      expect(Object.keys(p.descriptions ?? {}).sort(), p.id).toEqual(expected);
    }
  });
});
