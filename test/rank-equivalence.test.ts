import { describe, expect, it } from "vitest";
import { exhaustiveRank } from "../bench/exhaustive-rank.js";
import { gaussian, seededRandom } from "../bench/prng.js";
import { syntheticProjects } from "../bench/synthetic-projects.js";
import { readNeeds } from "../bot/understanding-tables.js";
import { FOCUS_AREAS, type FocusArea } from "../core/focus.js";
import type { LatLon } from "../core/geo.js";
import type { Project } from "../core/project.js";
import { buildProjectIndex, type ProjectIndex } from "../core/project-index.js";
import { rankProjects } from "../core/rank-projects.js";
import type { RankQuery } from "../core/ranking-types.js";

type Random = () => number;

const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)] as T;
const KM_PER_DEGREE_LAT = 111.2;
const LANGUAGES = ["de", "ar", "fa", "tr", "uk", "en"];

/**
 * A catalogue with what makes early termination and node counts go wrong if they can: a few dense
 * clusters (hundreds of projects within a few km), projects sharing one spot and all their facts
 * (ties that only the id breaks), ages at both ends of the range, hours given or not, and a sparse
 * country-wide rest.
 */
function trickyCatalogue(count: number, random: Random): { projects: Project[]; centres: LatLon[] } {
  const centres: LatLon[] = Array.from({ length: 3 }, () => ({
    lat: 48 + random() * 6,
    lon: 7 + random() * 7,
  }));
  const projects: Project[] = [];
  for (let i = 0; i < count; i++) {
    const twin = i > 0 && random() < 0.1 ? projects[Math.floor(random() * i)] : undefined;
    const centre = pick(centres, random);
    const spreadKm = pick([0.2, 2, 8], random);
    const clustered = random() < 0.8;
    const lat = clustered
      ? centre.lat + (gaussian(random) * spreadKm) / KM_PER_DEGREE_LAT
      : 47.5 + random() * 7;
    const lon = clustered
      ? centre.lon +
        (gaussian(random) * spreadKm) / (KM_PER_DEGREE_LAT * Math.cos((centre.lat * Math.PI) / 180))
      : 6 + random() * 9;
    const ageMin = pick([0, 0, 3, 6, 10, 14, 20, 27], random);
    const ageMax = Math.min(27, ageMin + pick([0, 2, 5, 10, 27], random));
    const fields = {
      focus: [...new Set([pick(FOCUS_AREAS, random), pick(FOCUS_AREAS, random)])].slice(
        0,
        1 + Math.floor(random() * 2),
      ),
      ageMin,
      ageMax,
      languages: ["de", ...new Set([pick(LANGUAGES, random), pick(LANGUAGES, random)])].filter(
        (l, n, all) => all.indexOf(l) === n,
      ),
      volunteers: {
        wanted: random() < 0.6,
        certificateOfConduct: true,
        ...(random() < 0.6 ? { hoursPerWeek: pick([1, 1.5, 2, 3, 4, 8], random) } : {}),
      },
      lat,
      lon,
    };
    projects.push({
      id: `t-${String(i).padStart(5, "0")}`,
      name: `Projekt ${i}`,
      organisation: "Träger",
      shortDescription: "Patenschaften",
      description: "",
      audiences: [],
      postcode: "10115",
      place: "Ort",
      state: "BE",
      contact: {},
      updatedAt: "2025-01-01T00:00:00Z",
      ...fields,
      // A twin takes another project's spot and facts: equal scores and distances, the id decides.
      ...(twin
        ? {
            focus: twin.focus,
            ageMin: twin.ageMin,
            ageMax: twin.ageMax,
            languages: twin.languages,
            volunteers: twin.volunteers,
            lat: twin.lat,
            lon: twin.lon,
          }
        : {}),
    });
  }
  return { projects, centres };
}

/** The point `km` away from `from` in direction `bearingDeg` on the sphere the ranking uses. */
function destination(from: LatLon, km: number, bearingDeg: number): LatLon {
  const rad = Math.PI / 180;
  const angle = km / 6371.0088;
  const lat1 = from.lat * rad;
  const bearing = bearingDeg * rad;
  const lat2 = Math.asin(
    Math.sin(lat1) * Math.cos(angle) + Math.cos(lat1) * Math.sin(angle) * Math.cos(bearing),
  );
  const lon2 =
    from.lon * rad +
    Math.atan2(
      Math.sin(bearing) * Math.sin(angle) * Math.cos(lat1),
      Math.cos(angle) - Math.sin(lat1) * Math.sin(lat2),
    );
  return { lat: lat2 / rad, lon: lon2 / rad };
}

function randomQuery(random: Random, index: ProjectIndex, centres: LatLon[]): RankQuery {
  const somewhere = random();
  const onProject = index.projects[Math.floor(random() * index.projects.length)];
  const centre = pick(centres, random);
  const origin: LatLon =
    somewhere < 0.5
      ? {
          lat: centre.lat + (gaussian(random) * 3) / KM_PER_DEGREE_LAT,
          lon: centre.lon + (gaussian(random) * 3) / KM_PER_DEGREE_LAT,
        }
      : somewhere < 0.7 && onProject
        ? { lat: onProject.lat, lon: onProject.lon }
        : { lat: 47.5 + random() * 7, lon: 6 + random() * 9 };
  const focus = FOCUS_AREAS.filter(() => random() < 0.25) as FocusArea[];
  const age = random() < 0.3 ? undefined : random() < 0.9 ? Math.floor(random() * 28) : random() * 30 - 1;
  const query: RankQuery = {
    origin,
    role: random() < 0.5 ? "volunteer" : "family",
    radiusKm: pick([undefined, 0, 2, 5, 10, 25, 40, 100, 300], random),
    limit: pick([undefined, 0, 1, 3, 10, 25, 200], random),
    offset: pick([undefined, 0, 0, 1, 5, 10, 30], random),
  };
  if (focus.length > 0) query.focus = focus;
  if (random() < 0.15) query.interest = pick(["Hausaufgaben", "lesen", "Arbeit finden", "Freizeit"], random);
  if (age !== undefined) query.age = age;
  if (age !== undefined && random() < 0.5) query.ageBand = { min: Math.max(0, age - 2), max: age + 1 };
  const language = pick([undefined, "de", "ar", "fa-IR", "EN", "uk"], random);
  if (language) query.language = language;
  const hours = pick([undefined, 1, 2, 5], random);
  if (hours !== undefined) query.hoursPerWeek = hours;
  // Now and then a page that is none: negative or fractional.
  if (random() < 0.03) query.limit = pick([-1, 2.5, Number.NaN], random);
  if (random() < 0.03) query.offset = pick([-3, 1.5], random);
  return query;
}

/** Everything the user or the API sees of a result, so any difference fails with a readable diff. */
function seen(result: ReturnType<typeof rankProjects>) {
  return {
    ...result,
    results: result.results.map((r) => ({ ...r, project: r.project.id })),
  };
}

describe("rankProjects against the exhaustive ranking it replaced", () => {
  it("gives identical results, totals and radii on catalogues with dense clusters and ties", () => {
    const random = seededRandom(20261130);
    let compared = 0;
    let nonEmpty = 0;
    for (const size of [0, 1, 5, 40, 700, 3_000]) {
      const { projects, centres } = trickyCatalogue(size, random);
      const index = buildProjectIndex(projects);
      for (let n = 0; n < 250; n++) {
        const query = randomQuery(random, index, centres.length > 0 ? centres : [{ lat: 52, lon: 10 }]);
        const expected = exhaustiveRank(query, index, readNeeds);
        expect(seen(rankProjects(query, index, readNeeds)), JSON.stringify(query)).toEqual(seen(expected));
        compared++;
        if (expected.results.length > 0) nonEmpty++;
      }
    }
    expect(compared).toBe(1_500);
    expect(nonEmpty).toBeGreaterThan(500);
  });

  it("decides projects on the rim of the radius as the exhaustive ranking did", () => {
    // Stacks of projects at one spot each (whole tree nodes share the spot), just inside, on and
    // just outside 10 km in every direction: a node taken whole or skipped by a bound that is a
    // hair too generous changes the total.
    const origin: LatLon = { lat: 51.3, lon: 9.5 };
    const random = seededRandom(99);
    const projects: Project[] = [];
    const offsetsKm = [-1e-3, -1e-6, -1e-9, 0, 1e-9, 1e-6, 1e-5, 1e-3];
    for (let bearing = 0; bearing < 360; bearing += 15) {
      for (const offset of offsetsKm) {
        const spot = destination(origin, 10 + offset, bearing);
        for (let copy = 0; copy < 70; copy++) {
          const n = projects.length;
          const base = trickyCatalogue(1, random).projects[0] as Project;
          projects.push({ ...base, id: `r-${String(n).padStart(5, "0")}`, lat: spot.lat, lon: spot.lon });
        }
      }
    }
    const index = buildProjectIndex(projects);
    for (let n = 0; n < 150; n++) {
      const query = { ...randomQuery(random, index, [origin]), origin, radiusKm: 10 };
      expect(seen(rankProjects(query, index, readNeeds)), JSON.stringify(query)).toEqual(
        seen(exhaustiveRank(query, index, readNeeds)),
      );
    }
  });

  it("gives identical results on the benchmark's synthetic catalogue, big-city centres included", () => {
    const index = buildProjectIndex(syntheticProjects(20_000, 3));
    const random = seededRandom(7);
    const cities: LatLon[] = [
      { lat: 52.52, lon: 13.405 },
      { lat: 53.551, lon: 9.994 },
      { lat: 48.137, lon: 11.575 },
    ];
    for (let n = 0; n < 300; n++) {
      const query = randomQuery(random, index, cities);
      expect(seen(rankProjects(query, index, readNeeds)), JSON.stringify(query)).toEqual(
        seen(exhaustiveRank(query, index, readNeeds)),
      );
    }
  });
});
