import { describe, expect, it } from "vitest";
import { naiveRank } from "../bench/naive-rank.js";
import { seededRandom } from "../bench/prng.js";
import { randomOrigin, syntheticProjects } from "../bench/synthetic-projects.js";
import { readNeeds } from "../bot/understanding-tables.js";
import { createCatalogue } from "../core/catalogue.js";
import type { FocusArea } from "../core/focus.js";
import { distanceKm, type LatLon } from "../core/geo.js";
import type { Project } from "../core/project.js";
import { buildProjectIndex } from "../core/project-index.js";
import { rankProjects } from "../core/rank-projects.js";
import type { RankQuery } from "../core/ranking-types.js";
import { SERVICE_OFFICE } from "../core/service-office.js";

const KOELN: LatLon = { lat: 50.9375, lon: 6.9603 };
const KM_PER_DEGREE_LAT = 111.195;

/** A point `km` north of Köln's centre (negative: south). */
const north = (km: number): LatLon => ({ lat: KOELN.lat + km / KM_PER_DEGREE_LAT, lon: KOELN.lon });

function project(id: string, km: number, overrides: Partial<Project> = {}): Project {
  return {
    id,
    name: `Projekt ${id}`,
    organisation: "Träger e. V.",
    shortDescription: "Patenschaften für Kinder",
    description: "",
    focus: ["school"],
    ageMin: 6,
    ageMax: 16,
    audiences: [],
    languages: ["de"],
    volunteers: { wanted: true, certificateOfConduct: true },
    postcode: "50667",
    place: "Köln",
    state: "NW",
    ...north(km),
    contact: {},
    updatedAt: "2025-01-01T00:00:00Z",
    ...overrides,
  };
}

const rank = (projects: Project[], query: Partial<RankQuery> = {}) =>
  createCatalogue(projects, readNeeds).rank({ origin: KOELN, ...query });
const ids = (result: ReturnType<typeof rank>) => result.results.map((r) => r.project.id);

describe("rankProjects", () => {
  it("orders otherwise equal projects by distance and reports the distance", () => {
    const result = rank([project("far", 6), project("near", 1), project("middle", 3)]);
    expect(ids(result)).toEqual(["near", "middle", "far"]);
    expect(result.results[0]?.distanceKm).toBeCloseTo(1, 2);
    expect(result.widened).toBe(false);
    expect(result.radiusKm).toBe(10);
  });

  it("ranks a matching focus above a nearer project without it, but keeps the others", () => {
    const result = rank(
      [
        project("leisure-near", 1, { focus: ["leisure"] }),
        project("reading-far", 7, { focus: ["reading", "school"] }),
        project("general-near", 1, { focus: ["mentoring"] }),
      ],
      { focus: ["reading"] },
    );
    expect(ids(result)).toEqual(["reading-far", "general-near", "leisure-near"]);
    expect(result.total).toBe(3);
    expect(result.results[0]?.reasons).toContain("focus:reading");
    expect(result.results[1]?.reasons.some((r) => r.startsWith("focus:"))).toBe(false);
  });

  it("gives more credit to a project matching more of the asked focus areas", () => {
    const result = rank(
      [
        project("one", 1, { focus: ["reading"] }),
        project("both", 2, { focus: ["reading", "school"] }),
        project("x", 3),
      ],
      { focus: ["reading", "school"] },
    );
    expect(ids(result)[0]).toBe("both");
    expect(result.results[0]?.reasons).toEqual(expect.arrayContaining(["focus:reading", "focus:school"]));
  });

  it("turns the interest text into focus areas, typos included", () => {
    const result = rank(
      [project("school", 5), project("leisure", 1, { focus: ["leisure"] }), project("x", 6)],
      {
        interest: "Hausaufgabn",
      },
    );
    expect(result.focus).toEqual(["school"]);
    expect(ids(result)[0]).toBe("school");
  });

  it("excludes projects more than two years outside the child's age and marks fitting ones", () => {
    const projects = [
      project("fits", 3, { ageMin: 6, ageMax: 10 }),
      project("two-below", 1, { ageMin: 10, ageMax: 14 }),
      project("three-below", 1, { ageMin: 11, ageMax: 14 }),
      project("three-above", 1, { ageMin: 2, ageMax: 5 }),
    ];
    const result = rank(projects, { age: 8 });
    expect(ids(result)).toEqual(["fits", "two-below"]);
    expect(result.results[0]?.reasons).toContain("age");
    expect(result.results[1]?.reasons).not.toContain("age");
  });

  it("prefers projects that speak the user's language and says so", () => {
    const projects = [
      project("de-only", 1),
      project("speaks-ar", 2, { languages: ["de", "ar"] }),
      project("x", 3),
    ];
    const result = rank(projects, { language: "ar" });
    expect(ids(result)[0]).toBe("speaks-ar");
    expect(result.results[0]?.reasons).toContain("language:ar");
    expect(result.results[1]?.reasons).not.toContain("language:ar");
  });

  it("gives German no bonus, since every project speaks it", () => {
    const result = rank([project("a", 2), project("b", 1, { languages: ["de", "en"] }), project("c", 3)], {
      language: "de",
    });
    expect(ids(result)).toEqual(["b", "a", "c"]);
    expect(result.results.flatMap((r) => r.reasons).some((r) => r.startsWith("language:"))).toBe(false);
  });

  it("shows volunteers only projects that look for volunteers", () => {
    const projects = [
      project("wanted", 2),
      project("full", 1, { volunteers: { wanted: false, certificateOfConduct: true } }),
      project("wanted-too", 3),
      project("wanted-three", 4),
    ];
    const result = rank(projects, { role: "volunteer" });
    expect(ids(result)).toEqual(["wanted", "wanted-too", "wanted-three"]);
    expect(result.results.every((r) => r.reasons.includes("volunteers"))).toBe(true);
    expect(ids(rank(projects, { role: "family" }))).toContain("full");
  });

  it("widens to 25 km when fewer than three projects are within 10 km", () => {
    const result = rank([project("a", 2), project("b", 15), project("c", 22), project("d", 40)]);
    expect(result.radiusKm).toBe(25);
    expect(result.widened).toBe(true);
    expect(result.total).toBe(3);
    expect(ids(result)).toEqual(["a", "b", "c"]);
  });

  it("widens from a larger requested radius to the next larger step only", () => {
    const result = rank([project("a", 2), project("b", 45), project("c", 48)], { radiusKm: 30 });
    expect(result.radiusKm).toBe(50);
    expect(result.widened).toBe(true);
  });

  it("counts only projects that pass the filters when deciding to widen", () => {
    const full = { volunteers: { wanted: false, certificateOfConduct: true } };
    const projects = [
      project("a", 1),
      project("b", 2, full),
      project("c", 3, full),
      project("d", 20),
      project("e", 24),
    ];
    expect(rank(projects).radiusKm).toBe(10);
    expect(rank(projects, { role: "volunteer" }).radiusKm).toBe(25);
  });

  it("keeps the widest radius with fewer than three, and names the service office when none", () => {
    const two = rank([project("a", 60), project("b", 90)]);
    expect(two.radiusKm).toBe(100);
    expect(ids(two)).toEqual(["a", "b"]);
    expect(two.serviceOffice).toBeUndefined();

    const none = rank([project("far-away", 300)]);
    expect(none.results).toEqual([]);
    expect(none.total).toBe(0);
    expect(none.widened).toBe(true);
    expect(none.serviceOffice).toEqual(SERVICE_OFFICE);
    expect(rank([]).serviceOffice).toEqual(SERVICE_OFFICE);
  });

  it("breaks ties by id when score and distance are equal", () => {
    const result = rank([project("c-proj", 2), project("a-proj", 2), project("b-proj", 2)]);
    expect(ids(result)).toEqual(["a-proj", "b-proj", "c-proj"]);
    expect(result.results[0]?.score).toBe(result.results[2]?.score);
  });

  it("pages with offset and limit, without overlap, over the same total", () => {
    const projects = Array.from({ length: 15 }, (_, i) =>
      project(`p-${String(i).padStart(2, "0")}`, 0.5 + i * 0.3),
    );
    const first = rank(projects);
    const second = rank(projects, { offset: 10 });
    expect(first.results).toHaveLength(10);
    expect(second.results).toHaveLength(5);
    expect(first.total).toBe(15);
    expect(second.total).toBe(15);
    expect([...ids(first), ...ids(second)]).toEqual(projects.map((p) => p.id));
    expect(ids(rank(projects, { limit: 3, offset: 2 }))).toEqual(["p-02", "p-03", "p-04"]);
  });

  it("keeps scores finite for a zero radius", () => {
    const result = rank([project("a", 0), project("b", 0), project("c", 0)], { radiusKm: 0 });
    expect(result.radiusKm).toBe(0);
    expect(result.results.every((r) => Number.isFinite(r.score))).toBe(true);
  });

  it("marks only projects within half the requested radius as near", () => {
    const result = rank([project("near", 4), project("not-near", 6), project("x", 9)]);
    expect(result.results[0]?.reasons).toContain("distance");
    expect(result.results[1]?.reasons).not.toContain("distance");
  });

  it("lists reasons in a fixed order", () => {
    const result = rank(
      [project("all", 1, { focus: ["reading"], languages: ["de", "fa"], ageMin: 6, ageMax: 9 })],
      {
        focus: ["reading" as FocusArea],
        age: 8,
        language: "fa",
        role: "volunteer",
      },
    );
    expect(result.results[0]?.reasons).toEqual([
      "distance",
      "focus:reading",
      "age",
      "language:fa",
      "volunteers",
    ]);
  });

  it("agrees with a linear scan over a random catalogue", () => {
    const projects = syntheticProjects(3_000, 5);
    const index = buildProjectIndex(projects);
    const random = seededRandom(11);
    const focusChoices: FocusArea[][] = [[], ["reading"], ["school", "work"]];
    for (let n = 0; n < 150; n++) {
      const query: RankQuery = {
        origin: randomOrigin(random),
        radiusKm: [5, 10, 25][n % 3],
        focus: focusChoices[n % 3],
        age: n % 2 === 0 ? 6 + (n % 10) : undefined,
        language: n % 4 === 0 ? "ar" : undefined,
        role: n % 5 === 0 ? "volunteer" : "family",
        limit: 7,
        offset: n % 7 === 0 ? 7 : 0,
      };
      const indexed = rankProjects(query, index);
      const naive = naiveRank(query, index);
      const summary = (r: typeof indexed) => ({
        radiusKm: r.radiusKm,
        total: r.total,
        widened: r.widened,
        ids: r.results.map((x) => x.project.id),
        reasons: r.results.map((x) => x.reasons),
      });
      expect(summary(indexed)).toEqual(summary(naive));
      for (const r of indexed.results)
        expect(r.distanceKm).toBeCloseTo(distanceKm(query.origin, r.project), 9);
    }
  });
});

describe("createCatalogue", () => {
  const projects = [
    project("lesepaten-koeln", 1, { name: "Lesepaten Köln-Mülheim", organisation: "Bürgerstiftung Köln" }),
    project("mentor-bonn", 25, { name: "Mentorenprogramm Bonn", place: "Bonn", organisation: "Caritas" }),
  ];
  const catalogue = createCatalogue(projects, readNeeds);

  it("knows its size and finds projects by id", () => {
    expect(catalogue.size).toBe(2);
    expect(catalogue.get("mentor-bonn")?.place).toBe("Bonn");
    expect(catalogue.get("nope")).toBeUndefined();
  });

  it("finds projects by name, organisation or place, forgiving typos and umlauts", () => {
    expect(catalogue.searchByName?.("Lesepaten Koln").map((p) => p.id)[0]).toBe("lesepaten-koeln");
    expect(catalogue.searchByName?.("Mentorenprogram").map((p) => p.id)).toEqual(["mentor-bonn"]);
    expect(catalogue.searchByName?.("Caritas").map((p) => p.id)).toEqual(["mentor-bonn"]);
    expect(catalogue.searchByName?.("   ")).toEqual([]);
  });
});
