import type {
  Gazetteer,
  PlaceEntry,
  PlaceLookup,
  PostcodeEntry,
  PostcodeLookup,
} from "../../core/location.js";

/** A few postcodes and places, enough for the dialog tests. */
const POSTCODES: PostcodeEntry[] = [
  {
    postcode: "50667",
    lat: 50.9384,
    lon: 6.9584,
    places: ["Köln"],
    state: "NW",
    inferred: false,
    approximate: false,
  },
  {
    postcode: "10115",
    lat: 52.532,
    lon: 13.3849,
    places: ["Berlin"],
    state: "BE",
    inferred: false,
    approximate: true,
  },
  {
    postcode: "82467",
    lat: 47.4921,
    lon: 11.0955,
    places: ["Garmisch-Partenkirchen"],
    state: "BY",
    inferred: false,
    approximate: false,
  },
];
const PLACES: PlaceEntry[] = [
  { name: "Köln", lat: 50.9384, lon: 6.9584, state: "NW", population: 1_000_000 },
  { name: "Berlin", lat: 52.52, lon: 13.405, state: "BE", population: 3_600_000, approximate: true },
  { name: "Neustadt", lat: 49.35, lon: 8.14, state: "RP", population: 53_000, parent: "" },
  { name: "Neustadt", lat: 54.11, lon: 10.81, state: "SH", population: 15_000 },
  { name: "Neustadt", lat: 50.33, lon: 11.12, state: "BY", population: 15_000 },
];

function lookupPostcode(input: string): PostcodeLookup {
  const s = input.replace(/\s/g, "");
  if (s === "") return { ok: false, reason: "empty" };
  if (!/^\d+$/.test(s)) return { ok: false, reason: "not_digits" };
  if (s.length < 5) return { ok: false, reason: "too_short" };
  if (s.length > 5) return { ok: false, reason: "too_long" };
  const entry = POSTCODES.find((p) => p.postcode === s);
  return entry ? { ok: true, entry } : { ok: false, reason: "unknown" };
}

function lookupPlace(input: string): PlaceLookup {
  const found = PLACES.filter((p) => p.name.toLowerCase() === input.trim().toLowerCase());
  if (found.length === 0) return { kind: "not_found" };
  if (found.length === 1 && found[0]) return { kind: "found", place: found[0] };
  return { kind: "ambiguous", choices: found };
}

/** A fake of the Gazetteer port: exact names, five-digit postcodes found anywhere in a text. */
export const fakeGazetteer: Gazetteer = {
  lookupPostcode,
  lookupPlace,
  findInText(text) {
    const code = text.match(/(?<!\d)\d{5}(?!\d)/)?.[0];
    const pc = code ? lookupPostcode(code) : undefined;
    if (pc?.ok) return { postcode: pc.entry };
    const word = text.split(/[^\p{L}-]+/u).find((w) => lookupPlace(w).kind !== "not_found");
    return word ? { place: lookupPlace(word) } : undefined;
  },
  nearestPostcode(point) {
    return [...POSTCODES].sort(
      (a, b) =>
        Math.hypot(a.lat - point.lat, a.lon - point.lon) - Math.hypot(b.lat - point.lat, b.lon - point.lon),
    )[0];
  },
};
