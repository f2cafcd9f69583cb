import { beforeAll, describe, expect, it } from "vitest";
import { readGazetteerData, readSampleCatalogue } from "../adapters/node-data-files.js";
import { createCatalogue } from "../core/catalogue.js";
import { createGazetteer } from "../core/gazetteer.js";
import { distanceKm } from "../core/geo.js";
import type { Gazetteer } from "../core/location.js";
import type { Project } from "../core/project.js";
import type { Catalogue } from "../core/ranking-types.js";

/** Families in four big cities, and the parts of town (Ortsteile) of their own Bezirk. */
const FAMILIES = [
  {
    postcode: "13581",
    city: "Berlin",
    ownPart: [
      "Spandau",
      "Wilhelmstadt",
      "Falkenhagener Feld",
      "Haselhorst",
      "Staaken",
      "Hakenfelde",
      "Siemensstadt",
    ],
  },
  {
    postcode: "22765",
    city: "Hamburg",
    ownPart: [
      "Altona",
      "Altona-Altstadt",
      "Altona-Nord",
      "Ottensen",
      "Bahrenfeld",
      "Othmarschen",
      "Sternschanze",
    ],
  },
  {
    postcode: "81369",
    city: "München",
    ownPart: ["Sendling", "Sendling-Westpark", "Thalkirchen", "Obersendling"],
  },
  {
    postcode: "51065",
    city: "Köln",
    ownPart: ["Mülheim", "Buchforst", "Buchheim", "Holweide", "Höhenhaus", "Stammheim", "Dellbrück"],
  },
] as const;

describe("near means near: a big-city family gets results from its own part of town", () => {
  let gazetteer: Gazetteer;
  let catalogue: Catalogue;
  beforeAll(async () => {
    gazetteer = createGazetteer(await readGazetteerData());
    const sample = (await readSampleCatalogue()) as { projects: Project[] };
    catalogue = createCatalogue(sample.projects);
  });

  for (const family of FAMILIES) {
    it(`${family.postcode} ${family.city}: the postcode is not the city centre and the nearest result is in its Bezirk`, () => {
      const found = gazetteer.lookupPostcode(family.postcode);
      if (!found.ok) throw new Error(`unknown postcode ${family.postcode}`);
      const origin = found.entry;
      const centre = gazetteer.lookupPlace(family.city);
      if (centre.kind !== "found") throw new Error(`no centre for ${family.city}`);
      // Before, every postcode of the city sat on this point.
      expect(distanceKm(origin, centre.place)).toBeGreaterThan(3);
      expect(origin.approximate).toBe(false);

      const result = catalogue.rank({ origin, role: "family", limit: 3 });
      const nearest = result.results[0];
      if (!nearest) throw new Error("no result");
      expect(nearest.distanceKm).toBeLessThan(2.5);
      expect(nearest.distanceKm).toBeLessThan(distanceKm(origin, centre.place));
      const part = gazetteer.nearestPlace?.(nearest.project);
      expect(family.ownPart).toContain(part?.name);
      // Its address agrees with its coordinates: they lie within a km or so of its postcode's point.
      const own = gazetteer.lookupPostcode(nearest.project.postcode);
      expect(own.ok && distanceKm(own.entry, nearest.project)).toBeLessThan(1);
    });
  }
});
