import { distanceKm, type LatLon } from "../core/geo.js";
import type { NeedReader } from "../core/interest.js";
import { nearestProjects, type ProjectIndex } from "../core/project-index.js";
import {
  caveatsFor,
  MIN_MATCHES,
  passesFilters,
  type RankCriteria,
  radiusSteps,
  rankCriteria,
  rankOrder,
  reasonsFor,
  scoreOf,
} from "../core/rank-score.js";
import type { RankedProject, RankQuery, RankResult } from "../core/ranking-types.js";
import { SERVICE_OFFICE } from "../core/service-office.js";

/*
 * The ranking as it was before the nearest-first search (commit 56be1c2): every project inside the
 * radius found by a box query, scored, and the page picked by a bounded insertion. Kept as the
 * oracle test/rank-equivalence compares rankProjects with, result for result, and as the
 * benchmark's same-run baseline for the search it replaced.
 */

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;
const SLACK = 1.0001;

interface Nearby {
  positions: number[];
  distancesKm: number[];
}

function projectsWithin(
  index: ProjectIndex,
  origin: LatLon,
  radiusKm: number,
  keep: (position: number) => boolean,
): Nearby {
  const angle = (radiusKm * SLACK) / EARTH_RADIUS_KM;
  const dLat = angle / RAD;
  const originCos = Math.cos(origin.lat * RAD);
  const sinRatio = Math.sin(angle) / originCos;
  const dLon = sinRatio >= 1 ? 180 : Math.asin(sinRatio) / RAD;
  const inBox = index.tree.range(origin.lon - dLon, origin.lat - dLat, origin.lon + dLon, origin.lat + dLat);
  const found: Nearby = { positions: [], distancesKm: [] };
  const { lat, lon, cosLat } = index.facts;
  for (const position of inBox) {
    if (!keep(position)) continue;
    const sinHalfLat = Math.sin((((lat[position] ?? 0) - origin.lat) * RAD) / 2);
    const sinHalfLon = Math.sin((((lon[position] ?? 0) - origin.lon) * RAD) / 2);
    const h = sinHalfLat * sinHalfLat + originCos * (cosLat[position] ?? 0) * sinHalfLon * sinHalfLon;
    const d = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    if (d <= radiusKm) {
      found.positions.push(position);
      found.distancesKm.push(d);
    }
  }
  return found;
}

/**
 * The radius to search: the requested one, or the first larger step that holds at least
 * three matches, read off the third-nearest match rather than by trying each step.
 */
function chooseRadius(index: ProjectIndex, origin: LatLon, criteria: RankCriteria): number {
  const steps = radiusSteps(criteria.requestedRadiusKm);
  const widest = steps[steps.length - 1] ?? criteria.requestedRadiusKm;
  const keep = (i: number) => passesFilters(index.facts, i, criteria);
  const third =
    index.projects[nearestProjects(index, origin, MIN_MATCHES, widest, keep)[MIN_MATCHES - 1] ?? -1];
  if (!third) return widest;
  const thirdKm = distanceKm(origin, third);
  return steps.find((step) => thirdKm <= step) ?? widest;
}

/** Indexes into the matches of the best `k`, in rank order. */
function best(count: number, k: number, before: (a: number, b: number) => number): number[] {
  if (k >= count / 4) {
    const all = Array.from({ length: count }, (_, i) => i);
    return all.sort(before).slice(0, k);
  }
  // A bounded insertion: a page of 10 out of thousands needs no full sort.
  const top: number[] = [];
  for (let item = 0; item < count; item++) {
    if (top.length === k && before(item, top[k - 1] ?? 0) >= 0) continue;
    let at = top.length;
    while (at > 0 && before(item, top[at - 1] ?? 0) < 0) at--;
    top.splice(at, 0, item);
    if (top.length > k) top.pop();
  }
  return top;
}

/**
 * Ranks the projects near the query's origin. Keeps every project inside the radius that passes
 * the hard filters (volunteers wanted for volunteers; age within two years of the range): a
 * project without the asked focus ranks lower but stays as a fallback. Widens the radius
 * 10 → 25 → 50 → 100 km while fewer than three match, and names the service office when none do.
 */
export function exhaustiveRank(query: RankQuery, index: ProjectIndex, readNeeds?: NeedReader): RankResult {
  const criteria = rankCriteria(query, readNeeds);
  const radiusKm = chooseRadius(index, query.origin, criteria);
  const base = { radiusKm, widened: radiusKm > criteria.requestedRadiusKm, focus: criteria.focus };
  const { facts, projects } = index;
  const { positions, distancesKm } = projectsWithin(index, query.origin, radiusKm, (i) =>
    passesFilters(facts, i, criteria),
  );
  const count = positions.length;
  if (count === 0) return { ...base, total: 0, results: [], serviceOffice: SERVICE_OFFICE };

  const speakers = criteria.bonusLanguage ? facts.speakers(criteria.bonusLanguage) : undefined;
  const scores = new Float64Array(count);
  for (let m = 0; m < count; m++) {
    const i = positions[m] ?? 0;
    scores[m] = scoreOf(facts, i, speakers?.[i] === 1, distancesKm[m] ?? 0, radiusKm, criteria);
  }
  const idOf = (m: number) => projects[positions[m] ?? 0]?.id ?? "";
  const before = (a: number, b: number) =>
    rankOrder(scores[a] ?? 0, distancesKm[a] ?? 0, idOf(a), scores[b] ?? 0, distancesKm[b] ?? 0, idOf(b));
  const page = best(count, criteria.offset + criteria.limit, before).slice(criteria.offset);
  const results: RankedProject[] = [];
  for (const m of page) {
    const project = projects[positions[m] ?? 0];
    const d = distancesKm[m] ?? 0;
    if (!project) continue;
    const caveats = caveatsFor(project, criteria);
    results.push({
      project,
      distanceKm: d,
      score: scores[m] ?? 0,
      reasons: reasonsFor(project, d, criteria),
      ...(caveats.length > 0 ? { caveats } : {}),
    });
  }
  return { ...base, total: count, results };
}
