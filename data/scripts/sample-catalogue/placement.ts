import type { GazetteerData } from "../../../core/gazetteer-data.js";
import { distanceKm } from "../../../core/geo.js";
import { STATES, type State } from "../../../core/state.js";
import type { Anchor } from "./config.js";
import {
  buildPostcodePools,
  cumulative,
  type PostcodeEntry,
  placeKey,
  sampleIndex,
} from "./postcode-pool.js";
import type { Rng } from "./prng.js";
import { stateQuotas } from "./state-quotas.js";

export interface Placement {
  entry: PostcodeEntry;
  /** A district of the place near the postcode ("Ehrenfeld"), when the gazetteer knows one. */
  district: string | undefined;
  /** Anchored reading project: focus must include reading and the age range must cover this age. */
  readingAge: number | undefined;
}

const DISTRICT_RADIUS_KM = 2.5;

/** Chooses the postcode of every project: Land quotas by population share, then weighted postcodes, then anchors. */
export function placeProjects(
  gazetteer: GazetteerData,
  shares: Record<State, number>,
  count: number,
  anchors: readonly Anchor[],
  rng: Rng,
): Placement[] {
  const pools = buildPostcodePools(gazetteer);
  const quotas = stateQuotas(shares, count);
  const chosen: PostcodeEntry[][] = [];
  for (const state of STATES) {
    const pool = pools.get(state);
    if (!pool || pool.length === 0) throw new Error(`gazetteer has no postcodes in ${state}`);
    const sums = cumulative(pool);
    const picks: PostcodeEntry[] = [];
    for (let i = 0; i < quotas[state]; i++) picks.push(pool[sampleIndex(sums, rng.float())] as PostcodeEntry);
    chosen.push(spreadOverCities(picks, pool, rng));
  }
  for (const anchor of anchors) applyAnchor(chosen[STATES.indexOf(anchor.state)] ?? [], pools, anchor, rng);
  const districts = districtIndex(gazetteer);
  const placements: Placement[] = [];
  for (const picks of chosen) {
    for (const entry of picks)
      placements.push({ entry, district: findDistrict(districts, entry), readingAge: undefined });
  }
  for (const anchor of anchors) markReading(placements, anchor);
  return placements;
}

/** A city with at least this many projects gets them spread over its postcodes rather than drawn at random. */
const SPREAD_MIN_PROJECTS = 3;

/**
 * Spreads each city's projects evenly over its postcodes (numeric order follows the districts,
 * as postcodes were handed out district by district), so a big city's projects cover its parts of
 * town instead of clustering by chance. The number of projects per city stays as drawn.
 */
function spreadOverCities(picks: PostcodeEntry[], pool: PostcodeEntry[], rng: Rng): PostcodeEntry[] {
  const perCity = new Map<string, number>();
  for (const e of picks) perCity.set(e.place, (perCity.get(e.place) ?? 0) + 1);
  const spread = new Map<string, PostcodeEntry[]>();
  for (const [city, count] of perCity) {
    const postcodes = pool.filter((e) => e.place === city);
    if (count < SPREAD_MIN_PROJECTS || postcodes.length < 2 * count) continue;
    const step = postcodes.length / count;
    const start = rng.float() * step;
    spread.set(
      city,
      Array.from({ length: count }, (_, i) => postcodes[Math.floor(start + i * step)] as PostcodeEntry),
    );
  }
  return picks.map((e) => spread.get(e.place)?.shift() ?? e);
}

function inRange(entry: PostcodeEntry, anchor: Anchor): boolean {
  return entry.state === anchor.state && entry.postcode >= anchor.from && entry.postcode <= anchor.to;
}

/** Tops up the anchor range to `min` projects by moving projects of the same Land into it. */
function applyAnchor(
  picks: PostcodeEntry[],
  pools: Map<State, PostcodeEntry[]>,
  anchor: Anchor,
  rng: Rng,
): void {
  const candidates = (pools.get(anchor.state) ?? []).filter((e) => inRange(e, anchor));
  if (candidates.length === 0) throw new Error(`no postcodes between ${anchor.from} and ${anchor.to}`);
  const must = candidates.find((e) => e.postcode === anchor.includePostcode);
  const replaceable = () => picks.findIndex((e) => !inRange(e, anchor));
  if (must && !picks.includes(must)) {
    const i = replaceable();
    if (i >= 0) picks[i] = must;
  }
  let inside = picks.filter((e) => inRange(e, anchor)).length;
  while (inside < anchor.min) {
    const i = replaceable();
    if (i < 0) break;
    picks[i] = rng.pick(candidates);
    inside += 1;
  }
}

/** The first `readingMin` projects in the range (the included postcode first) become reading projects. */
function markReading(placements: Placement[], anchor: Anchor): void {
  const inside = placements.filter((p) => inRange(p.entry, anchor));
  inside.sort(
    (a, b) =>
      Number(b.entry.postcode === anchor.includePostcode) -
      Number(a.entry.postcode === anchor.includePostcode),
  );
  for (const p of inside.slice(0, anchor.readingMin)) p.readingAge = anchor.readingAge;
}

interface DistrictIndex {
  /** Districts by the placeKey of their parent city. */
  districts: Map<string, { name: string; lat: number; lon: number }[]>;
  /** Coordinates of the (most populous) top-level place of each placeKey. */
  centres: Map<string, { lat: number; lon: number; population: number }>;
}

function districtIndex(gazetteer: GazetteerData): DistrictIndex {
  const index: DistrictIndex = { districts: new Map(), centres: new Map() };
  for (const [name, lat, lon, state, population, parent] of gazetteer.places) {
    if (!parent) {
      const key = placeKey(state, name);
      const known = index.centres.get(key);
      if (!known || known.population < population) index.centres.set(key, { lat, lon, population });
      continue;
    }
    if (parent === name) continue;
    const key = placeKey(state, parent);
    const list = index.districts.get(key) ?? [];
    list.push({ name, lat, lon });
    index.districts.set(key, list);
  }
  return index;
}

/**
 * The nearest district of the postcode's place, if it lies within DISTRICT_RADIUS_KM and nearer to
 * the postcode than the city centre is (a postcode placed on the centre gets no district).
 */
function findDistrict(index: DistrictIndex, entry: PostcodeEntry): string | undefined {
  const key = placeKey(entry.state, entry.place);
  const centre = index.centres.get(key);
  let best: string | undefined;
  let bestKm = Math.min(DISTRICT_RADIUS_KM, centre ? distanceKm(entry, centre) : DISTRICT_RADIUS_KM);
  for (const d of index.districts.get(key) ?? []) {
    const km = distanceKm(entry, d);
    if (km < bestKm && d.name !== entry.place) {
      best = d.name;
      bestKm = km;
    }
  }
  return best;
}
