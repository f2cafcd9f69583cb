import Fuse from "fuse.js";
import { distanceKm } from "./geo.js";
import type { PlaceEntry, PlaceLookup } from "./location.js";
import { placeKey, placeKeyVariants } from "./place-name-key.js";

/** The largest place wins an exact name outright when it has at least this many times the next one's population. */
export const DOMINANCE_FACTOR = 10;
/** At most this many choices are offered for an ambiguous name. */
export const MAX_CHOICES = 8;
/** Fuse.js score (0 = perfect) up to which a fuzzy match counts. */
const FUZZY_THRESHOLD = 0.34;

/** Places by folded name: exact names and aliases, shortened variants ("Frankfurt"), and a fuzzy fallback. */
export class PlaceIndex {
  private readonly exact = new Map<string, PlaceEntry[]>();
  private readonly variant = new Map<string, PlaceEntry[]>();
  /** Fuse indexes per first letter and length of the key, built on first use: one over all keys is too slow. */
  private readonly fuse = new Map<string, Fuse<string>>();

  addExact(name: string, place: PlaceEntry): void {
    push(this.exact, placeKey(name), place);
  }

  addVariants(name: string, place: PlaceEntry): void {
    for (const key of placeKeyVariants(name)) push(this.variant, key, place);
  }

  /** Places whose name, alias or shortened name folds exactly to `key` (to spot place names in free text). */
  named(key: string): PlaceEntry[] {
    return [...(this.exact.get(key) ?? []), ...(this.variant.get(key) ?? [])];
  }

  /**
   * Resolves a name. Exact names beat shortened variants beat fuzzy matches. Among several places
   * the largest is taken only when it carries the name exactly and dominates (≥ 10× the population
   * of the next, so "Köln" is Köln and not a hamlet of that name); otherwise the choices are returned,
   * largest first, so the user can pick ("Neustadt", and "Frankfurt", which is only ever short for one).
   */
  lookup(input: string): PlaceLookup {
    const key = placeKey(input);
    if (key.length < 2) return { kind: "not_found" };
    const exact = this.exact.get(key) ?? [];
    const variant = (this.variant.get(key) ?? []).filter((p) => !exact.includes(p));
    if (exact.length > 0 || variant.length > 0) return resolve(exact, variant);
    return this.fuzzy(key);
  }

  /** The Fuse index over keys of one first letter and one length, built on first use. */
  private fuseFor(first: string, length: number): Fuse<string> {
    const bucket = `${first}${length}`;
    let fuse = this.fuse.get(bucket);
    if (!fuse) {
      const keys = new Set(
        [...this.exact.keys(), ...this.variant.keys()].filter(
          (k) => k.length === length && k.startsWith(first),
        ),
      );
      fuse = new Fuse([...keys], { includeScore: true, threshold: FUZZY_THRESHOLD });
      this.fuse.set(bucket, fuse);
    }
    return fuse;
  }

  /**
   * Typo tolerance: Fuse.js ranks keys starting with the same letter (people rarely mistype the
   * first one), and a hit must also be within a few edits, since Fuse scores substrings and
   * look-alikes ("Schwabing" ~ "Schwangau") too kindly.
   */
  private fuzzy(key: string): PlaceLookup {
    const maxEdits = key.length <= 4 ? 0 : key.length <= 10 ? 1 : key.length <= 16 ? 2 : 3;
    const hits: { key: string; score: number; edits: number }[] = [];
    for (let length = key.length - maxEdits; length <= key.length + maxEdits; length++) {
      for (const h of this.fuseFor(key[0] ?? "", length).search(key, { limit: 10 })) {
        const edits = editDistance(key, h.item, maxEdits);
        if (edits <= maxEdits) hits.push({ key: h.item, score: h.score ?? 1, edits });
      }
    }
    // Fewest edits first; between equally close keys the bigger place is the likelier meaning ("Nürnburg").
    const biggest = (k: string) => Math.max(0, ...(this.exact.get(k) ?? []).map((p) => p.population));
    hits.sort((a, b) => a.edits - b.edits || biggest(b.key) - biggest(a.key) || a.score - b.score);
    const best = hits[0]?.key;
    if (!best) return { kind: "not_found" };
    const exact = this.exact.get(best) ?? [];
    const variant = (this.variant.get(best) ?? []).filter((p) => !exact.includes(p));
    return resolve(exact, variant);
  }
}

function resolve(exact: PlaceEntry[], variant: PlaceEntry[]): PlaceLookup {
  const choices = dedupe([...exact, ...variant]).sort((a, b) => b.population - a.population);
  const [top, next] = choices;
  if (!top) return { kind: "not_found" };
  if (!next) return { kind: "found", place: top };
  if (exact.includes(top) && top.population > 0 && top.population >= DOMINANCE_FACTOR * next.population) {
    return { kind: "found", place: top };
  }
  return { kind: "ambiguous", choices: choices.slice(0, MAX_CHOICES) };
}

/**
 * GeoNames sometimes lists one place twice, a few km apart ("Köpenick" and "Berlin Köpenick"): same
 * Land, same name once a leading parent city name is dropped.
 */
function dedupe(places: PlaceEntry[]): PlaceEntry[] {
  const kept: PlaceEntry[] = [];
  const ownName = (p: PlaceEntry) => {
    const key = placeKey(p.name);
    const parent = p.parent ? `${placeKey(p.parent)} ` : "";
    return parent && key.startsWith(parent) ? key.slice(parent.length) : key;
  };
  for (const p of [...new Set(places)].sort((a, b) => b.population - a.population)) {
    const twin = kept.some((k) => ownName(k) === ownName(p) && k.state === p.state && distanceKm(k, p) < 5);
    if (!twin) kept.push(p);
  }
  return kept;
}

/** Damerau-Levenshtein (optimal string alignment) distance, or `max + 1` as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (prevPrev[j - 2] ?? 0) + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

function push<V>(map: Map<string, V[]>, key: string, value: V) {
  if (key.length === 0) return;
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}
