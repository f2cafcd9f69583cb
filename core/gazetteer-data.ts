import type { State } from "./state.js";

/**
 * The committed, compact gazetteer (data/gazetteer.json), built by data/scripts/build-gazetteer.ts.
 * Arrays instead of objects keep the file small enough to bundle into the Worker.
 */
export interface GazetteerData {
  attribution: string;
  /** [postcode, lat, lon, state, inferred (1 = coordinates from neighbours), place names joined by "|"] */
  postcodes: [string, number, number, State, 0 | 1, string][];
  /** [name, lat, lon, state, population, parent city ("" when none)] — populated places and districts */
  places: [string, number, number, State, number, string][];
  /**
   * Other names of a place: [alias, index into `places`] — exonyms and other scripts of big cities
   * ("Munich", "Мюнхен", "ميونخ") and the GeoNames spelling when the official one was preferred.
   */
  aliases?: [string, number][];
}
