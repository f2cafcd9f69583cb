import { describe, expect, it } from "vitest";
import { seededRandom } from "../bench/prng.js";
import { createCatalogue } from "../core/catalogue.js";
import type { LatLon } from "../core/geo.js";
import type { Project } from "../core/project.js";
import { BONUS_KM } from "../core/rank-score.js";
import type { RankQuery } from "../core/ranking-types.js";
import { allText } from "./support/bot-fixtures.js";
import { journeyAt } from "./support/journey.js";

const ORIGIN: LatLon = { lat: 52.52, lon: 13.405 };
const KM_PER_DEGREE_LAT = 111.195;
const north = (km: number): LatLon => ({ lat: ORIGIN.lat + km / KM_PER_DEGREE_LAT, lon: ORIGIN.lon });

function project(id: string, km: number, over: Partial<Project> = {}): Project {
  return {
    id,
    name: `Projekt ${id}`,
    organisation: "Träger e. V.",
    shortDescription: "Patenschaften",
    description: "",
    focus: ["school"],
    ageMin: 6,
    ageMax: 16,
    audiences: [],
    languages: ["de"],
    volunteers: { wanted: true, certificateOfConduct: true },
    postcode: "10115",
    place: "Berlin",
    state: "BE",
    ...north(km),
    contact: {},
    updatedAt: "2026-01-01T00:00:00Z",
    ...over,
  };
}

const rank = (projects: Project[], query: Partial<RankQuery> = {}) =>
  createCatalogue(projects).rank({ origin: ORIGIN, ...query });
const ids = (r: ReturnType<typeof rank>) =>
  r.results.map((x) => x.project.id).filter((id) => !id.startsWith("filler"));
/** Two more projects inside 10 km, so the search does not widen (which scales the bonuses). */
const FILLERS = [project("filler-1", 9), project("filler-2", 9.5)];

describe("fit reasons that are true", () => {
  it("says 'age' only when the child's whole band lies in the range, else gives the age as a caveat", () => {
    const r = rank(
      [project("teens", 1, { ageMin: 12, ageMax: 18 }), project("kids", 2, { ageMin: 6, ageMax: 11 })],
      {
        age: 12,
        ageBand: { min: 10, max: 13 },
      },
    );
    const teens = r.results.find((x) => x.project.id === "teens");
    const kids = r.results.find((x) => x.project.id === "kids");
    expect(teens?.reasons).not.toContain("age");
    expect(teens?.caveats).toEqual(["age-from:12"]);
    expect(kids?.reasons).not.toContain("age");
    expect(kids?.caveats).toEqual(["age-to:11"]);
    const fits = rank([project("wide", 1, { ageMin: 6, ageMax: 16 })], {
      age: 12,
      ageBand: { min: 10, max: 13 },
    });
    expect(fits.results[0]?.reasons).toContain("age");
    expect(fits.results[0]?.caveats).toBeUndefined();
  });

  it("says a volunteer's time fits only when the project asks no more hours than offered", () => {
    const volunteers = (hours: number | undefined) => ({
      wanted: true,
      hoursPerWeek: hours,
      certificateOfConduct: true,
    });
    const r = rank(
      [
        project("two", 1, { volunteers: volunteers(2) }),
        project("four", 1.5, { volunteers: volunteers(4) }),
        project("unknown", 2, { volunteers: volunteers(undefined) }),
      ],
      { role: "volunteer", hoursPerWeek: 2 },
    );
    const by = (id: string) => r.results.find((x) => x.project.id === id);
    expect(by("two")?.reasons).toContain("time");
    expect(by("four")?.reasons).not.toContain("time");
    expect(by("four")?.caveats).toEqual(["hours:4"]);
    expect(by("unknown")?.reasons).not.toContain("time");
    expect(by("unknown")?.caveats).toBeUndefined();
  });
});

describe("every bonus is bounded by a distance", () => {
  it("never lets a project 12 km away outrank one 0.6 km away with the same fit", () => {
    const r = rank([...FILLERS, project("far", 12), project("near", 0.6)], {
      focus: ["school"],
      age: 8,
      language: "ar",
      radiusKm: 25,
    });
    expect(ids(r)).toEqual(["near", "far"]);
  });

  it("lets the family's language outweigh up to 3 km, and no more", () => {
    const speaks = { languages: ["de", "ar"] };
    const within = rank(
      [...FILLERS, project("near", 0.6), project("speaks", 0.6 + BONUS_KM.language - 0.2, speaks)],
      {
        language: "ar",
      },
    );
    expect(ids(within)).toEqual(["speaks", "near"]);
    expect(within.results[0]?.reasons).toContain("language:ar");
    const beyond = rank(
      [...FILLERS, project("near", 0.6), project("speaks", 0.6 + BONUS_KM.language + 0.2, speaks)],
      {
        language: "ar",
      },
    );
    expect(ids(beyond)).toEqual(["near", "speaks"]);
    const twelve = rank([...FILLERS, project("near", 0.6), project("speaks", 12, speaks)], {
      language: "ar",
      radiusKm: 25,
    });
    expect(ids(twelve)).toEqual(["near", "speaks"]);
  });

  it("lets a fitting age outweigh up to 2 km, and no more", () => {
    const young = { ageMin: 12, ageMax: 16 };
    const q = { age: 10, ageBand: { min: 10, max: 10 } };
    expect(
      ids(rank([...FILLERS, project("near", 0.5, young), project("fits", 0.5 + BONUS_KM.age - 0.2)], q)),
    ).toEqual(["fits", "near"]);
    expect(
      ids(rank([...FILLERS, project("near", 0.5, young), project("fits", 0.5 + BONUS_KM.age + 0.2)], q)),
    ).toEqual(["near", "fits"]);
  });

  it("ranks a further project first only for a reason the user sees (random catalogues)", () => {
    const random = seededRandom(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    for (let round = 0; round < 60; round++) {
      const projects = Array.from({ length: 12 }, (_, i) =>
        project(`p${i}`, random() * 9, {
          focus: [pick(["reading", "school", "work", "mentoring", "leisure"] as const)],
          ageMin: pick([0, 6, 10, 12]),
          ageMax: pick([12, 14, 18, 27]),
          languages: random() < 0.3 ? ["de", "ar"] : ["de"],
          volunteers: { wanted: true, hoursPerWeek: pick([1, 2, 4]), certificateOfConduct: true },
        }),
      );
      const volunteer = random() < 0.5;
      const r = rank(projects, {
        focus: [pick(["reading", "school"] as const)],
        age: volunteer ? undefined : 11,
        ageBand: volunteer ? undefined : { min: 10, max: 13 },
        role: volunteer ? "volunteer" : "family",
        hoursPerWeek: volunteer ? 2 : undefined,
        language: "ar",
        limit: 12,
      });
      const fits = (x: (typeof r.results)[number]) =>
        new Set(x.reasons.filter((reason) => reason !== "distance"));
      r.results.forEach((a, i) => {
        for (const b of r.results.slice(i + 1)) {
          if (a.distanceKm <= b.distanceKm) continue;
          const extra = [...fits(a)].filter((reason) => !fits(b).has(reason));
          expect(extra.length, `${a.project.id} before nearer ${b.project.id}`).toBeGreaterThan(0);
        }
      });
    }
  });
});

describe("the chat shows caveats", () => {
  it("gives a project for older children as 'erst ab 14 Jahren', not as a fitting age", () => {
    const chat = journeyAt("family_age");
    chat.tap("age:10-13");
    chat.tap("focus:any");
    const text = `${allText(chat.say("50667").last)}\n${allText(chat.tap("more").last)}`;
    expect(text).toContain("Beachte: erst ab 14 Jahren");
    expect(text).toContain("Beachte: nur bis 12 Jahre");
  });
});
