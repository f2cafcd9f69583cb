import { distanceKm, type LatLon } from "../../../core/geo.js";
import { median } from "./numeric-neighbours.js";

/** GeoNames puts this many or more postcodes of one city on one point when it lacks their own. */
export const SHARED_BY = 5;
/** Numerically nearest postcodes of the same city with their own point that stand in for a shared one. */
const NEIGHBOURS = 4;
/** At least this many such neighbours are needed; otherwise the shared point stays. */
const MIN_NEIGHBOURS = 2;

export interface CityPoint extends LatLon {
  postcode: string;
  /** The postcode's main place (the city for a big-city postcode). */
  city: string;
}

/**
 * GeoNames places some postcodes of a city on one default point (16 Leipzig postcodes, 9 in
 * München): for them it has no own point. Each such postcode is re-placed at the coordinate-wise
 * median of its numerically nearest postcodes of the same city that do have their own point
 * (postcodes were handed out district by district). Returns the re-placed points by postcode.
 */
export function replaceSharedPoints(points: CityPoint[]): Map<string, LatLon> {
  const count = new Map<string, number>();
  const key = (p: LatLon) => `${p.lat},${p.lon}`;
  for (const p of points) count.set(key(p), (count.get(key(p)) ?? 0) + 1);
  const shared = (p: LatLon) => (count.get(key(p)) ?? 0) >= SHARED_BY;
  const own = new Map<string, CityPoint[]>();
  for (const p of points) {
    if (shared(p)) continue;
    const list = own.get(p.city) ?? [];
    list.push(p);
    own.set(p.city, list);
  }
  const moved = new Map<string, LatLon>();
  for (const p of points) {
    if (!shared(p)) continue;
    const target = Number(p.postcode);
    const near = [...(own.get(p.city) ?? [])]
      .sort((a, b) => Math.abs(Number(a.postcode) - target) - Math.abs(Number(b.postcode) - target))
      .slice(0, NEIGHBOURS);
    if (near.length < MIN_NEIGHBOURS) continue;
    moved.set(p.postcode, { lat: median(near.map((n) => n.lat)), lon: median(near.map((n) => n.lon)) });
  }
  return moved;
}

/**
 * How well the re-placement works: each postcode with its own point is hidden in turn and placed
 * from its same-city neighbours; returns the distances in km from its own point.
 */
export function replacementErrorsKm(points: CityPoint[], cities: ReadonlySet<string>): number[] {
  const errors: number[] = [];
  const inCities = points.filter((p) => cities.has(p.city));
  for (const hidden of inCities) {
    // Give the hidden one a point shared by SHARED_BY fakes, so replaceSharedPoints treats it as shared.
    const fakes = Array.from({ length: SHARED_BY - 1 }, (_, i) => ({
      ...hidden,
      postcode: `x${i}`,
      city: `${hidden.city}#fake`,
    }));
    const others = inCities.filter((p) => p !== hidden && p.city === hidden.city);
    const moved = replaceSharedPoints([...others, hidden, ...fakes]).get(hidden.postcode);
    if (moved) errors.push(distanceKm(hidden, moved));
  }
  return errors;
}
