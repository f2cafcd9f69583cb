import type { FocusArea } from "./focus.js";
import type { NeedReader } from "./interest.js";
import type { Project } from "./project.js";
import { focusCount, focusMaskOf, type ProjectFacts } from "./project-facts.js";
import type { RankQuery, Reason } from "./ranking-types.js";

/** Radii tried in turn when too few projects are inside the requested one. */
export const RADIUS_STEPS_KM = [10, 25, 50, 100] as const;
export const DEFAULT_RADIUS_KM = 10;
export const DEFAULT_LIMIT = 10;
/** Fewer matches than this inside the radius make the search widen. */
export const MIN_MATCHES = 3;
/** A child this many years outside a project's age range is still shown, with less credit. */
export const AGE_TOLERANCE_YEARS = 2;

// Weights: a focus match outweighs a few km of distance, so a reading project 8 km away ranks
// above a leisure project next door; age and language refine within that.
const DISTANCE_WEIGHT = 1;
const FOCUS_WEIGHT = 1;
const AGE_WEIGHT = 0.5;
const LANGUAGE_WEIGHT = 0.3;
/** Focus credit for a general mentoring project when none of the asked areas match: a fair fallback. */
const GENERAL_MENTORING_CREDIT = 0.25;
const MENTORING_MASK = focusMaskOf(["mentoring"]);
/** Keeps the distance decay finite for a zero radius (the API may pass anything). */
const MIN_DECAY_RADIUS_KM = 1;

/** A query with its defaults applied and its interest text turned into focus areas. */
export interface RankCriteria {
  focus: FocusArea[];
  focusMask: number;
  age?: number;
  /** The user's language when it earns a bonus: any language but German, which every project speaks. */
  bonusLanguage?: string;
  volunteer: boolean;
  requestedRadiusKm: number;
  limit: number;
  offset: number;
}

export function rankCriteria(query: RankQuery, readNeeds?: NeedReader): RankCriteria {
  const inferred = query.interest && readNeeds ? readNeeds(query.interest, query.interestLanguage) : [];
  const focus = [...new Set([...(query.focus ?? []), ...inferred])];
  const language = query.language?.toLowerCase().split(/[-_]/)[0];
  return {
    focus,
    focusMask: focusMaskOf(focus),
    age: query.age,
    bonusLanguage: language && language !== "de" ? language : undefined,
    volunteer: query.role === "volunteer",
    requestedRadiusKm: query.radiusKm ?? DEFAULT_RADIUS_KM,
    limit: query.limit ?? DEFAULT_LIMIT,
    offset: query.offset ?? 0,
  };
}

/** The radii to try: the requested one, then every larger step. */
export function radiusSteps(requestedKm: number): number[] {
  return [requestedKm, ...RADIUS_STEPS_KM.filter((step) => step > requestedKm)];
}

/** Years between the child's age and the project's range; 0 inside. */
function ageGap(facts: ProjectFacts, i: number, age: number): number {
  return Math.max((facts.ageMin[i] ?? 0) - age, age - (facts.ageMax[i] ?? 0), 0);
}

/** Hard filters apart from distance: volunteers wanted (volunteer role) and age within tolerance. */
export function passesFilters(facts: ProjectFacts, i: number, criteria: RankCriteria): boolean {
  if (criteria.volunteer && facts.volunteersWanted[i] !== 1) return false;
  return criteria.age === undefined || ageGap(facts, i, criteria.age) <= AGE_TOLERANCE_YEARS;
}

function focusFit(projectMask: number, criteria: RankCriteria): number {
  const matched = focusCount(projectMask & criteria.focusMask);
  if (matched > 0) return matched / criteria.focus.length;
  return projectMask & MENTORING_MASK ? GENERAL_MENTORING_CREDIT : 0;
}

/**
 * The score of project `i` (which passed the filters); higher is better. `speaksLanguage`: the
 * project speaks `criteria.bonusLanguage`.
 */
export function scoreOf(
  facts: ProjectFacts,
  i: number,
  speaksLanguage: boolean,
  distanceKm: number,
  radiusKm: number,
  criteria: RankCriteria,
): number {
  // The decay scale follows the searched radius, so a widened search still spreads its scores.
  let score = DISTANCE_WEIGHT * Math.exp(-distanceKm / (Math.max(radiusKm, MIN_DECAY_RADIUS_KM) / 2));
  if (criteria.focusMask !== 0) score += FOCUS_WEIGHT * focusFit(facts.focusMask[i] ?? 0, criteria);
  if (criteria.age !== undefined) {
    score += AGE_WEIGHT * (1 - ageGap(facts, i, criteria.age) / (AGE_TOLERANCE_YEARS + 1));
  }
  if (speaksLanguage) score += LANGUAGE_WEIGHT;
  // Rounded so that float noise cannot decide a tie that distance and id should decide.
  return Math.round(score * 1e6) / 1e6;
}

/**
 * Why the project was chosen: `distance` within half the requested radius, `focus:<id>` per
 * matched area, `age` inside the range, `language:<code>`, `volunteers` for volunteers.
 */
export function reasonsFor(project: Project, distanceKm: number, criteria: RankCriteria): Reason[] {
  const reasons: Reason[] = [];
  if (distanceKm <= criteria.requestedRadiusKm / 2) reasons.push("distance");
  for (const area of criteria.focus) if (project.focus.includes(area)) reasons.push(`focus:${area}`);
  if (criteria.age !== undefined && project.ageMin <= criteria.age && criteria.age <= project.ageMax) {
    reasons.push("age");
  }
  if (criteria.bonusLanguage && project.languages.includes(criteria.bonusLanguage)) {
    reasons.push(`language:${criteria.bonusLanguage}`);
  }
  if (criteria.volunteer) reasons.push("volunteers");
  return reasons;
}

/** Deterministic order: score descending, then distance ascending, then id ascending. */
export function rankOrder(
  scoreA: number,
  distanceA: number,
  idA: string,
  scoreB: number,
  distanceB: number,
  idB: string,
): number {
  if (scoreA !== scoreB) return scoreB - scoreA;
  if (distanceA !== distanceB) return distanceA - distanceB;
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}
