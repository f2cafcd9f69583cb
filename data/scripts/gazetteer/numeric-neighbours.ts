import type { LatLon } from "../../../core/geo.js";
import type { State } from "../../../core/state.js";

/** A postcode whose coordinates are known (matched directly, or inferred earlier). */
export interface KnownPoint extends LatLon {
  postcode: string;
  state: State;
}

/**
 * Finds the postcodes numerically closest to a given one among the known ones. German postcodes
 * were handed out region by region (first digit = zone, first two = region), so numeric neighbours
 * within the same region are, as a rule, geographic neighbours as well.
 */
export class NumericNeighbours {
  private readonly sorted: KnownPoint[];
  private readonly numbers: number[];

  constructor(points: Iterable<KnownPoint>) {
    this.sorted = [...points].sort((a, b) => a.postcode.localeCompare(b.postcode));
    this.numbers = this.sorted.map((p) => Number(p.postcode));
  }

  /** Up to `k` known postcodes sharing the first `prefix` digits, nearest by number, never `postcode` itself. */
  nearest(postcode: string, k: number, prefix: number): KnownPoint[] {
    const target = Number(postcode);
    const head = postcode.slice(0, prefix);
    let hi = lowerBound(this.numbers, target);
    let lo = hi - 1;
    const found: KnownPoint[] = [];
    while (found.length < k) {
      const below = this.sorted[lo];
      const above = this.sorted[hi];
      const belowOk = below?.postcode.startsWith(head) === true;
      const aboveOk = above?.postcode.startsWith(head) === true;
      if (!belowOk && !aboveOk) break;
      const takeBelow =
        belowOk &&
        (!aboveOk ||
          target - (this.numbers[lo] ?? 0) <= (this.numbers[hi] ?? Number.POSITIVE_INFINITY) - target);
      const chosen = takeBelow ? below : above;
      if (takeBelow) lo--;
      else hi++;
      if (chosen && chosen.postcode !== postcode) found.push(chosen);
    }
    return found;
  }

  /**
   * The coordinate-wise median of the numeric neighbours, trying the 3-digit area first, then the
   * 2-digit region, then the 1-digit zone: a robust guess of where a postcode lies.
   */
  evidence(postcode: string, k = 6): { point: LatLon; neighbours: KnownPoint[] } | undefined {
    for (const prefix of [3, 2, 1]) {
      const neighbours = this.nearest(postcode, k, prefix);
      if (neighbours.length >= Math.min(k, prefix === 3 ? 2 : 1)) {
        return { point: medianPoint(neighbours), neighbours };
      }
    }
    return undefined;
  }
}

function lowerBound(values: number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Coordinate-wise median: one wrong neighbour cannot drag the result away. */
export function medianPoint(points: LatLon[]): LatLon {
  return { lat: median(points.map((p) => p.lat)), lon: median(points.map((p) => p.lon)) };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  if (s.length % 2 === 1) return s[mid] ?? Number.NaN;
  return ((s[mid - 1] ?? Number.NaN) + (s[mid] ?? Number.NaN)) / 2;
}

/** The value below which `q` (0..1) of the sorted values fall (nearest rank). */
export function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
}
