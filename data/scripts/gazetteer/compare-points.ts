import type { GazetteerData } from "../../../core/gazetteer-data.js";
import { distanceKm, type LatLon } from "../../../core/geo.js";
import { median, quantile } from "./numeric-neighbours.js";

/** The four biggest cities, where the 1 km target applies. */
export const BIG_CITIES = ["Berlin", "Hamburg", "München", "Köln"] as const;

const fmt = (km: number) => (Number.isFinite(km) ? `${km.toFixed(1)} km` : "–");

/** "n=364 median 7.1 km, p95 15.7 km, max 23.0 km" */
export function describeKm(values: number[]): string {
  if (values.length === 0) return "n=0";
  return `n=${values.length} median ${fmt(median(values))}, p95 ${fmt(quantile(values, 0.95))}, max ${fmt(Math.max(...values))}`;
}

/** The city a postcode row belongs to: its first place name. */
const cityOf = (row: GazetteerData["postcodes"][number]) => row[5].split("|")[0] ?? "";

/**
 * Distances between the points of two gazetteers per postcode, overall and per big city: how far
 * the new points moved from the old ones, or how far a gazetteer is from a reference.
 */
export function comparePoints(
  rows: GazetteerData["postcodes"],
  other: ReadonlyMap<string, LatLon>,
  cities: readonly string[],
): { all: number[]; byCity: Map<string, number[]> } {
  const all: number[] = [];
  const byCity = new Map<string, number[]>(cities.map((c) => [c, []]));
  for (const row of rows) {
    const there = other.get(row[0]);
    if (!there) continue;
    const km = distanceKm({ lat: row[1], lon: row[2] }, there);
    all.push(km);
    byCity.get(cityOf(row))?.push(km);
  }
  return { all, byCity };
}

/** Cities with at least `min` postcodes, most postcodes first. */
export function citiesWithManyPostcodes(rows: GazetteerData["postcodes"], min: number): string[] {
  const count = new Map<string, number>();
  for (const row of rows) count.set(cityOf(row), (count.get(cityOf(row)) ?? 0) + 1);
  return [...count]
    .filter(([, n]) => n >= min)
    .sort((a, b) => b[1] - a[1])
    .map(([city]) => city);
}
