import TinyQueue from "tinyqueue";
import { distanceKm, type LatLon } from "./geo.js";
import type { NeedReader } from "./interest.js";
import { countWithin, distanceFrom, nearestProjects, type ProjectIndex } from "./project-index.js";
import { haversineKm, haversineLimits, nodeHaversineBounds, RAD } from "./project-tree.js";
import {
  AGE_TOLERANCE_YEARS,
  bonusReader,
  bonusScale,
  caveatsFor,
  MIN_MATCHES,
  maxBonusKm,
  passesFilters,
  type RankCriteria,
  radiusSteps,
  rankCriteria,
  rankOrder,
  reasonsFor,
  scoreFromBonus,
} from "./rank-score.js";
import type { RankedProject, RankQuery, RankResult } from "./ranking-types.js";
import { SERVICE_OFFICE } from "./service-office.js";

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

/** Matches inside the radius with their distances and scores, best first when picked by `bestMatches`. */
interface Matches {
  positions: number[];
  distancesKm: number[];
  scores: number[];
}

/** A tree node waiting to be searched, with the least distance any of its projects can have. */
interface Pending {
  id: number;
  left: number;
  right: number;
  nearKm: number;
}

/**
 * Rounding of scores (1e-6) and of the distance bounds stays far below this, so a project whose
 * bound falls short of the k-th score by more cannot reach it.
 */
const SCORE_SLACK = 1e-6;

/**
 * The best `k` matches inside the radius in rank order, or, with `k` undefined, every match in no
 * particular order. Walks the tree nearest node first: a score is the bonuses minus the distance,
 * so once the k-th best score beats the largest bonus minus a node's least distance, neither that
 * node nor any later one can hold a better match, and the walk stops. Within a node, a project
 * whose own bonus minus the node's least distance falls short is skipped before its distance is
 * computed.
 */
function bestMatches(
  index: ProjectIndex,
  origin: LatLon,
  radiusKm: number,
  criteria: RankCriteria,
  k: number | undefined,
): Matches {
  const { facts, projects, tree, nodes } = index;
  const { nodeSize } = tree;
  const n = tree.ids.length;
  const found: Matches = { positions: [], distancesKm: [], scores: [] };
  if (n === 0 || k === 0) return found;
  const originCos = Math.cos(origin.lat * RAD);
  const outside = haversineLimits(radiusKm).outside;
  const bonusOf = bonusReader(facts, criteria);
  const scale = bonusScale(radiusKm);
  const mostKm = maxBonusKm(criteria) * scale;
  const limit = k ?? Number.POSITIVE_INFINITY;
  const { positions, distancesKm, scores } = found;
  const idOf = (position: number) => projects[position]?.id ?? "";
  /** The score a match must beat to enter: the k-th best so far, or none while fewer are found. */
  const bar = () =>
    positions.length < limit ? Number.NEGATIVE_INFINITY : (scores[positions.length - 1] ?? 0);

  const consider = (position: number, nearKm: number) => {
    if (!passesFilters(facts, position, criteria)) return;
    const bonusKm = bonusOf(position);
    if (bonusKm * scale - nearKm + SCORE_SLACK < bar()) return;
    const d = distanceFrom(facts, position, origin, originCos);
    if (d > radiusKm) return;
    const score = scoreFromBonus(bonusKm, d, radiusKm);
    if (k === undefined) {
      positions.push(position);
      distancesKm.push(d);
      scores.push(score);
      return;
    }
    const id = idOf(position);
    const last = positions.length - 1;
    if (positions.length === k) {
      if (rankOrder(score, d, id, scores[last] ?? 0, distancesKm[last] ?? 0, idOf(positions[last] ?? 0)) >= 0)
        return;
    }
    let at = positions.length;
    while (
      at > 0 &&
      rankOrder(score, d, id, scores[at - 1] ?? 0, distancesKm[at - 1] ?? 0, idOf(positions[at - 1] ?? 0)) < 0
    )
      at--;
    positions.splice(at, 0, position);
    distancesKm.splice(at, 0, d);
    scores.splice(at, 0, score);
    if (positions.length > k) {
      positions.pop();
      distancesKm.pop();
      scores.pop();
    }
  };

  const bounds = new Float64Array(2);
  const queue = new TinyQueue<Pending>([], (a, b) => a.nearKm - b.nearKm);
  const enqueue = (id: number, left: number, right: number) => {
    nodeHaversineBounds(nodes, id, origin, originCos, bounds);
    const low = bounds[0] ?? 0;
    if (low <= outside) queue.push({ id, left, right, nearKm: haversineKm(low) });
  };
  enqueue(1, 0, n - 1);
  for (let next = queue.pop(); next; next = queue.pop()) {
    if (mostKm - next.nearKm + SCORE_SLACK < bar()) break;
    const { id, left, right, nearKm } = next;
    if (right - left <= nodeSize) {
      for (let item = left; item <= right; item++) consider(item, nearKm);
      continue;
    }
    const m = (left + right) >> 1;
    consider(m, nearKm);
    if (left <= m - 1) enqueue(2 * id, left, m - 1);
    if (m + 1 <= right) enqueue(2 * id + 1, m + 1, right);
  }
  return found;
}

/** Whether offset and limit make a page: whole, not negative. */
const isPage = (offset: number, limit: number) =>
  Number.isSafeInteger(offset) && Number.isSafeInteger(limit) && offset >= 0 && limit >= 0;

/**
 * Ranks the projects near the query's origin. Keeps every project inside the radius that passes
 * the hard filters (volunteers wanted for volunteers; age within two years of the range): a
 * project without the asked focus ranks lower but stays as a fallback. Widens the radius
 * 10 → 25 → 50 → 100 km while fewer than three match, and names the service office when none do.
 */
export function rankProjects(query: RankQuery, index: ProjectIndex, readNeeds?: NeedReader): RankResult {
  const criteria = rankCriteria(query, readNeeds);
  const radiusKm = chooseRadius(index, query.origin, criteria);
  const base = { radiusKm, widened: radiusKm > criteria.requestedRadiusKm, focus: criteria.focus };
  const { facts, projects } = index;
  const total = countWithin(index, query.origin, radiusKm, {
    volunteer: criteria.volunteer,
    age: criteria.age,
    ageToleranceYears: AGE_TOLERANCE_YEARS,
    keep: (i) => passesFilters(facts, i, criteria),
  });
  if (total === 0) return { ...base, total: 0, results: [], serviceOffice: SERVICE_OFFICE };

  const { offset, limit } = criteria;
  let page: Matches;
  if (isPage(offset, limit)) {
    const top = bestMatches(index, query.origin, radiusKm, criteria, offset + limit);
    page = {
      positions: top.positions.slice(offset),
      distancesKm: top.distancesKm.slice(offset),
      scores: top.scores.slice(offset),
    };
  } else {
    // An offset or limit that is no page (negative, fractional): every match, sliced as before.
    const all = bestMatches(index, query.origin, radiusKm, criteria, undefined);
    const idOf = (m: number) => projects[all.positions[m] ?? 0]?.id ?? "";
    const before = (a: number, b: number) =>
      rankOrder(
        all.scores[a] ?? 0,
        all.distancesKm[a] ?? 0,
        idOf(a),
        all.scores[b] ?? 0,
        all.distancesKm[b] ?? 0,
        idOf(b),
      );
    const picked = best(all.positions.length, offset + limit, before).slice(offset);
    page = {
      positions: picked.map((m) => all.positions[m] ?? 0),
      distancesKm: picked.map((m) => all.distancesKm[m] ?? 0),
      scores: picked.map((m) => all.scores[m] ?? 0),
    };
  }
  const results: RankedProject[] = [];
  page.positions.forEach((position, m) => {
    const project = projects[position];
    const d = page.distancesKm[m] ?? 0;
    if (!project) return;
    const caveats = caveatsFor(project, criteria);
    results.push({
      project,
      distanceKm: d,
      score: page.scores[m] ?? 0,
      reasons: reasonsFor(project, d, criteria),
      ...(caveats.length > 0 ? { caveats } : {}),
    });
  });
  return { ...base, total, results };
}
