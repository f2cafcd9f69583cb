import type { GazetteerData } from "../../../core/gazetteer-data.js";
import type { State } from "../../../core/state.js";

export interface PostcodeEntry {
  postcode: string;
  lat: number;
  lon: number;
  state: State;
  /** The postcode's first place name. */
  place: string;
  weight: number;
}

/** Weight of a postcode whose place is not in the gazetteer's places list (a small village). */
const UNKNOWN_PLACE_POPULATION = 400;

/** "Halle (Saale)" → "halle", "Frankfurt am Main" stays whole: only brackets and case are dropped. */
export function placeKey(state: string, name: string): string {
  return `${state}|${name
    .replace(/\s*\(.*\)\s*$/, "")
    .trim()
    .toLowerCase()}`;
}

/**
 * Weighted postcode pools per Land, of postcodes with their own point. A postcode's weight is the population of its (first) place,
 * shared among all postcodes of that place, so a city as a whole weighs its population and a
 * village still gets a small chance.
 */
export function buildPostcodePools(gazetteer: GazetteerData): Map<State, PostcodeEntry[]> {
  const population = new Map<string, number>();
  for (const [name, , , state, pop] of gazetteer.places) {
    const key = placeKey(state, name);
    population.set(key, Math.max(population.get(key) ?? 0, pop));
  }
  const postcodesPerPlace = new Map<string, number>();
  for (const [, , , state, , names] of gazetteer.postcodes) {
    const key = placeKey(state, firstPlace(names));
    postcodesPerPlace.set(key, (postcodesPerPlace.get(key) ?? 0) + 1);
  }
  const pools = new Map<State, PostcodeEntry[]>();
  for (const [postcode, lat, lon, state, inferred, names] of gazetteer.postcodes) {
    // An inferred point is a guess: an address there might not agree with its coordinates.
    if (inferred === 1) continue;
    const place = firstPlace(names);
    const key = placeKey(state, place);
    const pop = population.get(key) || UNKNOWN_PLACE_POPULATION;
    const weight = pop / (postcodesPerPlace.get(key) ?? 1);
    const pool = pools.get(state) ?? [];
    pool.push({ postcode, lat, lon, state, place, weight });
    pools.set(state, pool);
  }
  for (const pool of pools.values()) pool.sort((a, b) => a.postcode.localeCompare(b.postcode));
  return pools;
}

export function firstPlace(names: string): string {
  return names.split("|")[0]?.trim() ?? "";
}

/** Cumulative weights for fast weighted sampling with a binary search. */
export function cumulative(pool: readonly PostcodeEntry[]): number[] {
  const sums: number[] = [];
  let sum = 0;
  for (const e of pool) {
    sum += e.weight;
    sums.push(sum);
  }
  return sums;
}

export function sampleIndex(sums: readonly number[], u: number): number {
  const target = u * (sums[sums.length - 1] ?? 0);
  let lo = 0;
  let hi = sums.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sums[mid] ?? 0) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
