import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { distanceKm, type LatLon } from "../../../core/geo.js";
import type { State } from "../../../core/state.js";
import { medianPoint } from "./numeric-neighbours.js";
import { ADMIN1_TO_STATE } from "./read-sources.js";

/** One delivery postcode's point from the GeoNames postal-code export. */
export interface GeoNamesPostcode extends LatLon {
  postcode: string;
  state: State | undefined;
  /** The places GeoNames lists for the postcode ("Berlin Kreuzberg", "Mirow", …), most frequent first. */
  places: string[];
  /** How many rows the point was taken from, and how many were dropped as strays. */
  rows: number;
  dropped: number;
}

const STATE_CODES = new Set<string>(Object.values(ADMIN1_TO_STATE));

/**
 * Rows that name a company, an authority or a PO box rather than a place: the export mixes
 * big-customer postcodes in, and a few share a delivery postcode. Their point is the building's.
 */
const NOT_A_PLACE =
  /\b(GmbH|mbH|AG|KG|SE|e\.\s?V\.|Postfach|Großkunde|Bank|Sparkasse|Versicherung|Ministerium|Finanzamt|Amtsgericht|Stadtverwaltung|Verwaltung|Behörde|Universität|Kammer|Service|Deutsche Post)\b/u;

/**
 * A row further than this from the median of its postcode's rows is a stray (a homonymous village
 * elsewhere, 15366 "Münchehofe" 30 km east of the others): villages of one rural postcode lie
 * within about 15 km of their middle.
 */
const STRAY_KM = 20;

/**
 * Reads the GeoNames postal-code CSV (path given on the command line, see data/GAZETTEER.md) and
 * returns one point per postcode in `delivery`: the mean of its rows after dropping rows that name
 * no place and rows far from the others. Postcodes outside `delivery` (big customers, PO boxes,
 * retired codes) are left out.
 */
export function readGeoNamesPostcodes(
  path: string,
  delivery: ReadonlySet<string>,
): Map<string, GeoNamesPostcode> {
  const records = parse(readFileSync(path), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  const rowsByPostcode = new Map<string, { place: string; state: string; lat: number; lon: number }[]>();
  for (const r of records) {
    const postcode = r.zipcode ?? "";
    if (r.country_code !== "DE" || !delivery.has(postcode)) continue;
    const lat = Number(r.latitude);
    const lon = Number(r.longitude);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    const list = rowsByPostcode.get(postcode) ?? [];
    list.push({ place: r.place ?? "", state: r.state_code ?? "", lat, lon });
    rowsByPostcode.set(postcode, list);
  }
  const points = new Map<string, GeoNamesPostcode>();
  for (const [postcode, all] of rowsByPostcode) {
    const places = all.filter((r) => !NOT_A_PLACE.test(r.place));
    const rows = places.length > 0 ? places : all;
    const middle = medianPoint(rows);
    const kept = rows.filter((r) => distanceKm(middle, r) <= STRAY_KM);
    const used = kept.length > 0 ? kept : rows;
    const lat = used.reduce((s, r) => s + r.lat, 0) / used.length;
    const lon = used.reduce((s, r) => s + r.lon, 0) / used.length;
    points.set(postcode, {
      postcode,
      lat,
      lon,
      state: majorityState(used.map((r) => toState(r.state))),
      places: [...new Set(used.map((r) => r.place))],
      rows: used.length,
      dropped: all.length - used.length,
    });
  }
  return points;
}

/** GeoNames writes the Land as its ISO code ("BE") or, in some rows, as its admin1 number ("01"). */
function toState(code: string): State | undefined {
  if (STATE_CODES.has(code)) return code as State;
  return ADMIN1_TO_STATE[code];
}

function majorityState(states: (State | undefined)[]): State | undefined {
  const votes = new Map<State, number>();
  let best: State | undefined;
  for (const s of states) {
    if (!s) continue;
    const n = (votes.get(s) ?? 0) + 1;
    votes.set(s, n);
    if (!best || n > (votes.get(best) ?? 0)) best = s;
  }
  return best;
}
