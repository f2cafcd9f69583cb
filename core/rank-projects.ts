import TinyQueue from "tinyqueue";
import { distanceKm, type LatLon } from "./geo.js";
import type { NeedReader } from "./interest.js";
import { countWithin, distanceFrom, nearestProjects, type ProjectIndex } from "./project-index.js";
import { chordKm, chordLimits, nearestSquaredChord, RAD, unitVector } from "./project-tree.js";
import {
  AGE_TOLERANCE_YEARS,
  BonusReader,
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
function chooseRadius(
  index: ProjectIndex,
  origin: LatLon,
  criteria: RankCriteria,
  keep: (position: number) => boolean,
): number {
  const steps = radiusSteps(criteria.requestedRadiusKm);
  const widest = steps[steps.length - 1] ?? criteria.requestedRadiusKm;
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

/** Matches inside the radius with their distances and scores. */
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
 * rankOrder between a match and match `at` of `matches`, reading ids only on a tie: they live
 * in the projects' objects, scattered in memory, and score and distance nearly always decide.
 */
function compareWith(
  matches: Matches,
  at: number,
  projects: ProjectIndex["projects"],
  position: number,
  d: number,
  score: number,
): number {
  const otherScore = matches.scores[at] ?? 0;
  const otherKm = matches.distancesKm[at] ?? 0;
  if (score !== otherScore || d !== otherKm) return rankOrder(score, d, "", otherScore, otherKm, "");
  return rankOrder(
    score,
    d,
    projects[position]?.id ?? "",
    otherScore,
    otherKm,
    projects[matches.positions[at] ?? 0]?.id ?? "",
  );
}

/** Puts a match into `top` (best first, at most `k`) if it ranks among the best `k`. */
function insertMatch(
  top: Matches,
  k: number,
  projects: ProjectIndex["projects"],
  position: number,
  d: number,
  score: number,
): void {
  const { positions, distancesKm, scores } = top;
  let at = positions.length;
  while (at > 0 && compareWith(top, at - 1, projects, position, d, score) < 0) at--;
  if (at >= k) return;
  positions.splice(at, 0, position);
  distancesKm.splice(at, 0, d);
  scores.splice(at, 0, score);
  if (positions.length > k) {
    positions.pop();
    distancesKm.pop();
    scores.pop();
  }
}

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
  const outside = chordLimits(radiusKm).outside;
  const [ox, oy, oz] = unitVector(origin);
  const { unit } = nodes;
  const bonuses = new BonusReader(facts, criteria);
  const scale = bonusScale(radiusKm);
  const mostKm = maxBonusKm(criteria) * scale;
  /** The score a match must beat to enter: the k-th best so far, or none while fewer are found. */
  let bar = Number.NEGATIVE_INFINITY;
  // Every match wanted: any order of nodes will do, and a stack costs less than a queue.
  const queue: { push(node: Pending): void; pop(): Pending | undefined } =
    k === undefined ? [] : new TinyQueue<Pending>([], byNearness);
  queue.push({ id: 1, left: 0, right: n - 1, nearKm: 0 });
  for (let next = queue.pop(); next; next = queue.pop()) {
    const { id, left, right, nearKm } = next;
    if (mostKm - nearKm + SCORE_SLACK < bar) break;
    let from = left;
    let to = right;
    if (right - left > nodeSize) {
      const m = (left + right) >> 1;
      from = m;
      to = m;
      for (let side = 0; side < 2; side++) {
        const l = side === 0 ? left : m + 1;
        const r = side === 0 ? m - 1 : right;
        if (l > r) continue;
        const child = 2 * id + side;
        const low = nearestSquaredChord(nodes, child, ox, oy, oz);
        if (low <= outside) queue.push({ id: child, left: l, right: r, nearKm: chordKm(low) });
      }
    }
    for (let position = from; position <= to; position++) {
      const dx = (unit[3 * position] ?? 0) - ox;
      const dy = (unit[3 * position + 1] ?? 0) - oy;
      const dz = (unit[3 * position + 2] ?? 0) - oz;
      if (dx * dx + dy * dy + dz * dz > outside) continue;
      if (!passesFilters(facts, position, criteria)) continue;
      const bonusKm = bonuses.of(position);
      if (bonusKm * scale - nearKm + SCORE_SLACK < bar) continue;
      const d = distanceFrom(facts, position, origin, originCos);
      if (d > radiusKm) continue;
      const score = scoreFromBonus(bonusKm, d, radiusKm);
      if (k === undefined) {
        found.positions.push(position);
        found.distancesKm.push(d);
        found.scores.push(score);
        continue;
      }
      insertMatch(found, k, projects, position, d, score);
      if (found.positions.length === k) bar = found.scores[k - 1] ?? 0;
    }
  }
  return found;
}

function byNearness(a: Pending, b: Pending): number {
  return a.nearKm - b.nearKm;
}

/**
 * Up to this many matches, scoring them all costs less than the nearest-first walk: widened
 * searches scale the bonuses by the radius, so their walk would rarely stop early anyway.
 */
const EXHAUSTIVE_BELOW = 200;

/** Whether offset and limit make a page: whole, not negative. */
const isPage = (offset: number, limit: number) =>
  Number.isSafeInteger(offset) && Number.isSafeInteger(limit) && offset >= 0 && limit >= 0;

/** The page of `all` (every match) as the exhaustive ranking picked it: best `offset + limit`, from `offset`. */
function pageOfAll(all: Matches, projects: ProjectIndex["projects"], offset: number, limit: number): Matches {
  const before = (a: number, b: number) =>
    compareWith(all, b, projects, all.positions[a] ?? 0, all.distancesKm[a] ?? 0, all.scores[a] ?? 0);
  const picked = best(all.positions.length, offset + limit, before).slice(offset);
  return {
    positions: picked.map((m) => all.positions[m] ?? 0),
    distancesKm: picked.map((m) => all.distancesKm[m] ?? 0),
    scores: picked.map((m) => all.scores[m] ?? 0),
  };
}

/**
 * Ranks the projects near the query's origin. Keeps every project inside the radius that passes
 * the hard filters (volunteers wanted for volunteers; age within two years of the range): a
 * project without the asked focus ranks lower but stays as a fallback. Widens the radius
 * 10 → 25 → 50 → 100 km while fewer than three match, and names the service office when none do.
 */
export function rankProjects(query: RankQuery, index: ProjectIndex, readNeeds?: NeedReader): RankResult {
  const criteria = rankCriteria(query, readNeeds);
  const { facts, projects } = index;
  const keep = (i: number) => passesFilters(facts, i, criteria);
  const filter = {
    volunteer: criteria.volunteer,
    age: criteria.age,
    ageToleranceYears: AGE_TOLERANCE_YEARS,
    keep,
  };
  const requested = countWithin(index, query.origin, criteria.requestedRadiusKm, filter);
  let radiusKm = criteria.requestedRadiusKm;
  let total = requested.count;
  /** Every match, when the search widened: a sparse place, where scoring them all is cheap. */
  let all: Matches | undefined;
  // Three matches inside the requested radius by a margin are inside it for chooseRadius too, so
  // its answer is known: no widening. Only sparse places need its nearest-first search.
  if (requested.surelyInside < MIN_MATCHES) {
    radiusKm = chooseRadius(index, query.origin, criteria, keep);
    if (radiusKm !== criteria.requestedRadiusKm) {
      all = bestMatches(index, query.origin, radiusKm, criteria, undefined);
      total = all.positions.length;
    }
  }
  const base = { radiusKm, widened: radiusKm > criteria.requestedRadiusKm, focus: criteria.focus };
  if (total === 0) return { ...base, total: 0, results: [], serviceOffice: SERVICE_OFFICE };

  const { offset, limit } = criteria;
  let page: Matches;
  if (!all && isPage(offset, limit) && total > EXHAUSTIVE_BELOW) {
    const top = bestMatches(index, query.origin, radiusKm, criteria, offset + limit);
    page = {
      positions: top.positions.slice(offset),
      distancesKm: top.distancesKm.slice(offset),
      scores: top.scores.slice(offset),
    };
  } else {
    // A few matches (a village, a widened search), or an offset or limit that is no page
    // (negative, fractional): every match, picked and sliced as before.
    all ??= bestMatches(index, query.origin, radiusKm, criteria, undefined);
    page = pageOfAll(all, projects, offset, limit);
  }
  const results: RankedProject[] = [];
  for (let m = 0; m < page.positions.length; m++) {
    const project = projects[page.positions[m] ?? 0];
    const d = page.distancesKm[m] ?? 0;
    if (!project) continue;
    const caveats = caveatsFor(project, criteria);
    results.push({
      project,
      distanceKm: d,
      score: page.scores[m] ?? 0,
      reasons: reasonsFor(project, d, criteria),
      ...(caveats.length > 0 ? { caveats } : {}),
    });
  }
  return { ...base, total, results };
}
