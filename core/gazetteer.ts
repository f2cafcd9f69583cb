import { around } from "geokdbush";
import KDBush from "kdbush";
import type { GazetteerData } from "./gazetteer-data.js";
import { distanceKm, isInGermany, type LatLon } from "./geo.js";
import type { Gazetteer, PlaceEntry, PostcodeEntry, PostcodeLookup } from "./location.js";
import { findPlaceName } from "./place-in-text.js";
import { PlaceIndex } from "./place-index.js";
import { placeKey, placeKeyVariants } from "./place-name-key.js";
import { normaliseDigits, normalisePostcodeInput } from "./postcode-input.js";

/** A shared location further than this from every postcode centroid is not named after one. */
const NEAREST_POSTCODE_MAX_KM = 40;
/** Postcodes of one name further apart than this are different places of the same name. */
const SAME_PLACE_KM = 25;

/** A point shared by this many postcodes is a city centre standing in for all of them. */
const APPROXIMATE_WHEN_SHARED_BY = 5;
/** A city this big named alone ("Berlin") stands for its centre, kilometres from most of its people. */
const BIG_CITY_POPULATION = 100_000;
/** A shared location is named after a district or place no further than this. */
const NEAREST_PLACE_MAX_KM = 6;

/** Builds the postcode and place indexes once; every lookup afterwards is in memory. Pure: the caller loads the data. */
export function createGazetteer(data: GazetteerData): Gazetteer {
  const postcodes = new Map<string, PostcodeEntry>();
  const entries: PostcodeEntry[] = [];
  for (const [postcode, lat, lon, state, inferred, names] of data.postcodes) {
    const entry: PostcodeEntry = {
      postcode,
      lat,
      lon,
      state,
      inferred: inferred === 1,
      approximate: false,
      places: names.split("|"),
    };
    postcodes.set(postcode, entry);
    entries.push(entry);
  }
  // A few postcodes still share one point (a town's default point in the source data); the index
  // holds each point once, named by its lowest postcode, so a point gets a stable answer.
  const byPoint = new Map<string, PostcodeEntry>();
  const sharing = new Map<string, number>();
  for (const e of entries) {
    const key = `${e.lat},${e.lon}`;
    const seen = byPoint.get(key);
    if (!seen || e.postcode < seen.postcode) byPoint.set(key, e);
    sharing.set(key, (sharing.get(key) ?? 0) + 1);
  }
  for (const e of entries)
    e.approximate = (sharing.get(`${e.lat},${e.lon}`) ?? 0) >= APPROXIMATE_WHEN_SHARED_BY;
  const points = [...byPoint.values()];
  const geoIndex = new KDBush(points.length);
  for (const e of points) geoIndex.add(e.lon, e.lat);
  geoIndex.finish();

  // The place index (about half the build: every name folded, with its variants) is built at its
  // first use or when `prepare` is called, so a server can answer before it is there.
  // The raw data is let go once the index is built (a few MB of arrays the indexes do not use).
  let placePart: { places: PlaceIndex; placeRows: PlaceEntry[]; placeTree: KDBush } | undefined;
  let source: GazetteerData | undefined = data;
  const placeIndex = () => {
    if (placePart) return placePart;
    // `source` is set until the index exists (a closure naming `data` would keep it for good).
    const { index: places, rows: placeRows } = buildPlaceIndex(source as GazetteerData, entries);
    source = undefined;
    const placeTree = new KDBush(Math.max(1, placeRows.length));
    for (const p of placeRows) placeTree.add(p.lon, p.lat);
    placeTree.finish();
    placePart = { places, placeRows, placeTree };
    return placePart;
  };

  const lookupPostcode = (input: string): PostcodeLookup => {
    const normalised = normalisePostcodeInput(input);
    if ("error" in normalised) {
      const digits = /^\d{4}$/.exec(normaliseDigits(input).replace(/[\s.]/g, ""))?.[0];
      // "1067" is 01067 Dresden with the zero dropped; "1010" and "8001" are Vienna and Zürich.
      if (normalised.error === "too_short" && digits && !postcodes.has(`0${digits}`)) {
        return { ok: false, reason: "at_ch" };
      }
      return { ok: false, reason: normalised.error };
    }
    const entry = postcodes.get(normalised.digits);
    return entry ? { ok: true, entry } : { ok: false, reason: "unknown" };
  };

  return {
    lookupPostcode,
    lookupPlace: (input) => placeIndex().places.lookup(input),
    findInText(text) {
      const plain = normaliseDigits(text);
      for (const match of plain.matchAll(/(?<!\d)\d{5}(?!\d)/g)) {
        const entry = postcodes.get(match[0]);
        if (entry) return { postcode: entry };
      }
      const { places } = placeIndex();
      const name = findPlaceName(plain, places);
      return name ? { place: places.lookup(name) } : undefined;
    },
    nearestPostcode(point: LatLon) {
      if (!isInGermany(point)) return undefined;
      const [id] = around(geoIndex, point.lon, point.lat, 1, NEAREST_POSTCODE_MAX_KM);
      return id === undefined ? undefined : points[id];
    },
    nearestPlace(point: LatLon) {
      if (!isInGermany(point)) return undefined;
      const { placeRows, placeTree } = placeIndex();
      if (placeRows.length === 0) return undefined;
      const [id] = around(placeTree, point.lon, point.lat, 1, NEAREST_PLACE_MAX_KM);
      return id === undefined ? undefined : placeRows[id];
    },
    prepare() {
      placeIndex();
    },
  };
}

/**
 * Indexes GeoNames places by name, alias and variant. A district is also found as "City District"
 * ("Hamburg-Altona", "Berlin Neukölln") and without a leading city name ("Berlin Köpenick" →
 * "Köpenick"). Postcode place names that GeoNames lacks (small municipalities) become places at
 * their postcodes' centroid, so a village still resolves.
 */
function buildPlaceIndex(
  data: GazetteerData,
  postcodes: PostcodeEntry[],
): { index: PlaceIndex; rows: PlaceEntry[] } {
  const index = new PlaceIndex();
  const known = new Set<string>();
  const rows: PlaceEntry[] = [];
  for (const [name, lat, lon, state, population, parent] of data.places) {
    const place: PlaceEntry = { name, lat, lon, state, population, ...(parent ? { parent } : {}) };
    if (!parent && population >= BIG_CITY_POPULATION) place.approximate = true;
    rows.push(place);
    index.addExact(name, place);
    index.addVariants(name, place);
    known.add(placeKey(name));
    for (const v of placeKeyVariants(name)) known.add(v);
    if (!parent) continue;
    index.addExact(`${parent} ${name}`, place);
    const parentKey = placeKey(parent);
    const key = placeKey(name);
    if (key.startsWith(`${parentKey} `)) index.addExact(key.slice(parentKey.length + 1), place);
  }
  for (const [alias, i] of data.aliases ?? []) {
    const place = rows[i];
    if (place) index.addExact(alias, place);
  }
  for (const place of placesFromPostcodes(postcodes, known)) {
    index.addExact(place.name, place);
    index.addVariants(place.name, place);
  }
  return { index, rows };
}

/** Postcode place names unknown to GeoNames, one place per cluster of nearby postcodes of that name. */
function placesFromPostcodes(postcodes: PostcodeEntry[], known: Set<string>): PlaceEntry[] {
  const clusters = new Map<string, { name: string; members: PostcodeEntry[] }[]>();
  const keys = new Map<string, string>();
  for (const entry of postcodes) {
    for (const name of entry.places) {
      let key = keys.get(name);
      if (key === undefined) {
        key = placeKey(name);
        keys.set(name, key);
      }
      if (known.has(key)) continue;
      const list = clusters.get(key) ?? [];
      const cluster = list.find((c) => c.members[0] && distanceKm(c.members[0], entry) < SAME_PLACE_KM);
      if (cluster) cluster.members.push(entry);
      else list.push({ name, members: [entry] });
      clusters.set(key, list);
    }
  }
  const places: PlaceEntry[] = [];
  for (const list of clusters.values()) {
    for (const { name, members } of list) {
      const first = members[0];
      if (!first) continue;
      const lat = members.reduce((s, m) => s + m.lat, 0) / members.length;
      const lon = members.reduce((s, m) => s + m.lon, 0) / members.length;
      places.push({ name, lat, lon, state: first.state, population: 0 });
    }
  }
  return places;
}
