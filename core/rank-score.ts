import { FOCUS_AREAS, type FocusArea } from "./focus.js";
import type { NeedReader } from "./interest.js";
import type { Project } from "./project.js";
import { focusCount, focusMaskOf, type ProjectFacts } from "./project-facts.js";
import type { Caveat, RankQuery, Reason } from "./ranking-types.js";

/** Radii tried in turn when too few projects are inside the requested one. */
export const RADIUS_STEPS_KM = [10, 25, 50, 100] as const;
export const DEFAULT_RADIUS_KM = 10;
export const DEFAULT_LIMIT = 10;
/** Fewer matches than this inside the radius make the search widen. */
export const MIN_MATCHES = 3;
/** A child this many years outside a project's age range is still shown, without the age bonus and with a caveat. */
export const AGE_TOLERANCE_YEARS = 2;

/**
 * What each fit the user is shown is worth, in kilometres of distance it may outweigh at the
 * default 10 km radius: a project speaking the family's language may be up to 3 km further away
 * than one that does not and still rank above it, never 12 km. The score is these bonuses minus
 * the distance; a fit the user is not shown earns nothing. A widened search scales the bonuses
 * with its radius (at 50 km, language outweighs 15 km), since projects there are sparse.
 */
export const BONUS_KM = {
  /** All asked focus areas matched; a part of them earns its share. */
  focus: 10,
  /** A general mentoring project when none of the asked areas match ("general"). */
  general: 2,
  /** The child's whole age band lies within the project's range ("age"). */
  age: 2,
  /** The project speaks the user's language ("language:<code>"). */
  language: 3,
  /** A volunteer offers at least the hours the project asks ("time"). */
  time: 1.5,
} as const;
const MENTORING_MASK = focusMaskOf(["mentoring"]);
/** Projects whose hours are unknown: packed as this value. */
export const UNKNOWN_HOURS = 255;

/** A query with its defaults applied and its interest text turned into focus areas. */
export interface RankCriteria {
  focus: FocusArea[];
  focusMask: number;
  age?: number;
  /** The child's age band; the representative age alone when no band is known. */
  ageBand?: { min: number; max: number };
  /** Hours per week a volunteer offers. */
  hoursOffered?: number;
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
    ageBand: query.ageBand ?? (query.age === undefined ? undefined : { min: query.age, max: query.age }),
    hoursOffered: query.role === "volunteer" ? query.hoursPerWeek : undefined,
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

/** Share of the asked focus areas the project covers, 0 when none. */
function focusShare(projectMask: number, criteria: RankCriteria): number {
  return focusCount(projectMask & criteria.focusMask) / Math.max(1, criteria.focus.length);
}

/** True when the child's whole age band lies within the range of project `i`. */
function ageFits(facts: ProjectFacts, i: number, band: { min: number; max: number }): boolean {
  return (facts.ageMin[i] ?? 0) <= band.min && band.max <= (facts.ageMax[i] ?? 0);
}

/** True when project `i` asks no more hours than the volunteer offers (and says how many it asks). */
function timeFits(facts: ProjectFacts, i: number, offered: number): boolean {
  const asked = facts.hoursPerWeek[i] ?? UNKNOWN_HOURS;
  return asked !== UNKNOWN_HOURS && asked <= offered;
}

/** What the asked focus areas earn a project with focus `mask`: their share of BONUS_KM.focus, or "general". */
function focusBonusKm(mask: number, criteria: RankCriteria): number {
  if (criteria.focusMask === 0) return 0;
  const share = focusShare(mask, criteria);
  if (share > 0) return BONUS_KM.focus * share;
  return mask & MENTORING_MASK ? BONUS_KM.general : 0;
}

/**
 * What the fits of project `i` (which passed the filters) are worth before the radius scales them:
 * the BONUS_KM of each fit the user is shown. `speaksLanguage`: the project speaks
 * `criteria.bonusLanguage`.
 */
export function bonusKmOf(
  facts: ProjectFacts,
  i: number,
  speaksLanguage: boolean,
  criteria: RankCriteria,
): number {
  let bonusKm = focusBonusKm(facts.focusMask[i] ?? 0, criteria);
  if (criteria.ageBand && ageFits(facts, i, criteria.ageBand)) bonusKm += BONUS_KM.age;
  if (speaksLanguage) bonusKm += BONUS_KM.language;
  if (criteria.hoursOffered !== undefined && timeFits(facts, i, criteria.hoursOffered))
    bonusKm += BONUS_KM.time;
  return bonusKm;
}

/**
 * `bonusKmOf` for one query, to call on many projects: the focus bonus read from a table per
 * focus mask and the language from the speakers array. Adds the same terms in the same order, so
 * it returns the same number.
 */
export class BonusReader {
  private readonly byMask: Float64Array;
  private readonly speakers: Uint8Array | undefined;

  constructor(
    private readonly facts: ProjectFacts,
    private readonly criteria: RankCriteria,
  ) {
    const byMask = new Float64Array(1 << FOCUS_AREAS.length);
    for (let mask = 0; mask < byMask.length; mask++) byMask[mask] = focusBonusKm(mask, criteria);
    this.byMask = byMask;
    this.speakers = criteria.bonusLanguage ? facts.speakers(criteria.bonusLanguage) : undefined;
  }

  of(i: number): number {
    const { facts, criteria } = this;
    let bonusKm = this.byMask[facts.focusMask[i] ?? 0] ?? 0;
    if (criteria.ageBand && ageFits(facts, i, criteria.ageBand)) bonusKm += BONUS_KM.age;
    if (this.speakers?.[i] === 1) bonusKm += BONUS_KM.language;
    if (criteria.hoursOffered !== undefined && timeFits(facts, i, criteria.hoursOffered))
      bonusKm += BONUS_KM.time;
    return bonusKm;
  }
}

/** The most any project can earn under `criteria`: every bonus the query makes possible. */
export function maxBonusKm(criteria: RankCriteria): number {
  let bonusKm = 0;
  if (criteria.focusMask !== 0) bonusKm += Math.max(BONUS_KM.focus, BONUS_KM.general);
  if (criteria.ageBand) bonusKm += BONUS_KM.age;
  if (criteria.bonusLanguage) bonusKm += BONUS_KM.language;
  if (criteria.hoursOffered !== undefined) bonusKm += BONUS_KM.time;
  return bonusKm;
}

/** How much a widened search scales the bonuses: by its radius, never below the default. */
export function bonusScale(radiusKm: number): number {
  return Math.max(1, radiusKm / DEFAULT_RADIUS_KM);
}

/** The score for a bonus (bonusKmOf) at a distance; higher is better. */
export function scoreFromBonus(bonusKm: number, distanceKm: number, radiusKm: number): number {
  // Rounded so that float noise cannot decide a tie that distance and id should decide.
  return Math.round((bonusKm * bonusScale(radiusKm) - distanceKm) * 1e6) / 1e6;
}

/**
 * The score of project `i` (which passed the filters); higher is better: the bonuses of the fits
 * the user is shown (BONUS_KM, scaled by the radius) minus the distance in km. `speaksLanguage`:
 * the project speaks `criteria.bonusLanguage`.
 */
export function scoreOf(
  facts: ProjectFacts,
  i: number,
  speaksLanguage: boolean,
  distanceKm: number,
  radiusKm: number,
  criteria: RankCriteria,
): number {
  return scoreFromBonus(bonusKmOf(facts, i, speaksLanguage, criteria), distanceKm, radiusKm);
}

/**
 * Why the project was chosen: `distance` within half the requested radius, `focus:<id>` per
 * matched area (or `general` for a general mentoring project when none matched), `age` when the
 * child's whole age band is inside the range, `language:<code>`, `volunteers` and, when the
 * volunteer offers enough hours, `time`. Every bonus of `scoreOf` has its reason here.
 */
export function reasonsFor(project: Project, distanceKm: number, criteria: RankCriteria): Reason[] {
  const reasons: Reason[] = [];
  if (distanceKm <= criteria.requestedRadiusKm / 2) reasons.push("distance");
  const before = reasons.length;
  for (const area of criteria.focus) if (project.focus.includes(area)) reasons.push(`focus:${area}`);
  if (criteria.focus.length > 0 && reasons.length === before && project.focus.includes("mentoring")) {
    reasons.push("general");
  }
  const band = criteria.ageBand;
  if (band && project.ageMin <= band.min && band.max <= project.ageMax) reasons.push("age");
  if (criteria.bonusLanguage && project.languages.includes(criteria.bonusLanguage)) {
    reasons.push(`language:${criteria.bonusLanguage}`);
  }
  if (criteria.volunteer) reasons.push("volunteers");
  const hours = project.volunteers.hoursPerWeek;
  if (criteria.hoursOffered !== undefined && hours !== undefined && hours <= criteria.hoursOffered) {
    reasons.push("time");
  }
  return reasons;
}

/**
 * What the user should know before choosing: `age-from:<n>` when the project starts above the
 * youngest age of the child's band, `age-to:<n>` when it ends below the oldest, `hours:<n>` when it
 * asks more hours than the volunteer offers.
 */
export function caveatsFor(project: Project, criteria: RankCriteria): Caveat[] {
  const caveats: Caveat[] = [];
  const band = criteria.ageBand;
  if (band && project.ageMin > band.min) caveats.push(`age-from:${project.ageMin}`);
  if (band && project.ageMax < band.max) caveats.push(`age-to:${project.ageMax}`);
  const hours = project.volunteers.hoursPerWeek;
  if (criteria.hoursOffered !== undefined && hours !== undefined && hours > criteria.hoursOffered) {
    caveats.push(`hours:${hours}`);
  }
  return caveats;
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
