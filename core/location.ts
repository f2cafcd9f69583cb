import type { LatLon } from "./geo.js";
import type { State } from "./state.js";

/** One German delivery postcode with its centroid, place names and Land. */
export interface PostcodeEntry extends LatLon {
  postcode: string;
  /** Place names served by the postcode, most important first. */
  places: string[];
  state: State;
  /** True when the coordinates were inferred from neighbouring postcodes rather than matched directly. */
  inferred: boolean;
  /**
   * True when the postcode shares its point with many others (a big city's postcodes all sit on the
   * city centre), so distances from it are rough and the user should be told.
   */
  approximate: boolean;
}

/** A populated place or a city district (GeoNames), searchable by name. */
export interface PlaceEntry extends LatLon {
  name: string;
  state: State;
  /** For a district, the city it belongs to ("Neukölln" → "Berlin"). */
  parent?: string;
  population: number;
  /**
   * True for a big city named without its district ("Berlin"): its point is the centre, so
   * distances from it are rough and the user should be offered something more exact.
   */
  approximate?: boolean;
}

/** Why a postcode input was refused; each reason has an i18n message `postcode.error.<reason>`. */
export type PostcodeError =
  | "empty"
  | "too_short"
  | "too_long"
  | "not_digits"
  | "unknown"
  | "foreign"
  /** Four digits that are no German postcode with a dropped leading zero: Austrian or Swiss ("1010", "8001"). */
  | "at_ch";

export type PostcodeLookup = { ok: true; entry: PostcodeEntry } | { ok: false; reason: PostcodeError };

export type PlaceLookup =
  | { kind: "found"; place: PlaceEntry }
  | { kind: "ambiguous"; choices: PlaceEntry[] }
  | { kind: "not_found" };

/** Where a search is centred, as reported back to the user. */
export interface Origin extends LatLon {
  place?: string;
  postcode?: string;
  state?: State;
}

/** Postcodes and places of Germany. Built from committed data by `createGazetteer`. */
export interface Gazetteer {
  lookupPostcode(input: string): PostcodeLookup;
  lookupPlace(input: string): PlaceLookup;
  /** Finds a postcode or a place name inside free text ("wir wohnen in 50667 Köln"). */
  findInText(text: string): { postcode?: PostcodeEntry; place?: PlaceLookup } | undefined;
  /** The nearest known postcode to a point. */
  nearestPostcode(point: LatLon): PostcodeEntry | undefined;
  /** The nearest district or place to a point, to name a shared location ("Neukölln", parent "Berlin"). */
  nearestPlace?(point: LatLon): PlaceEntry | undefined;
  /** Builds now what would otherwise be built at its first use (a server calls it once it listens). */
  prepare?(): void;
}
