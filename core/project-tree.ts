import type KDBush from "kdbush";
import type { LatLon } from "./geo.js";
import type { ProjectFacts } from "./project-facts.js";

/**
 * What every node of the kd-tree holds, so a search can skip a node, take it whole or look inside:
 * its bounding box, the range of its cosines of latitude, and how many of its projects (all, and
 * those wanting volunteers) have each minimum and maximum age. The nodes are kdbush's own: a node
 * over tree items [left, right] with more than `nodeSize` items splits at m = (left + right) >> 1
 * into [left, m - 1] and [m + 1, right], numbered 1 for the root and 2n, 2n + 1 for n's halves.
 */
export interface TreeNodes {
  readonly nodeSize: number;
  /** minLon, minLat, maxLon, maxLat per node. */
  readonly box: Float64Array;
  /** Smallest and largest cosine of latitude per node. */
  readonly cosRange: Float64Array;
  /** Ages 0..ages-1 are counted; the packed ages are below this. */
  readonly ages: number;
  /**
   * Per node two blocks (all projects, then those wanting volunteers) of 2 * ages + 1 counts:
   * [t] for t in 0..ages is how many have ageMin >= t ([0] is the node's size), [ages + 1 + t] for
   * t in 0..ages-1 how many have ageMax <= t.
   */
  readonly ageCounts: Uint32Array;
  /** False when some project's ageMin exceeds its ageMax, which the age counts cannot express. */
  readonly countable: boolean;
  /**
   * Each tree item's point as a unit vector (x, y, z), in tree order: the squared chord to the
   * origin sorts projects in or out of a radius with a few multiplications instead of trigonometry.
   */
  readonly unit: Float64Array;
}

export const EARTH_RADIUS_KM = 6371.0088;
export const RAD = Math.PI / 180;

/** The heap number past the deepest node of a tree over `count` items. */
function heapSize(left: number, right: number, nodeSize: number, id: number): number {
  if (right < left) return 0;
  if (right - left <= nodeSize) return id + 1;
  const m = (left + right) >> 1;
  return Math.max(
    id + 1,
    heapSize(left, m - 1, nodeSize, 2 * id),
    heapSize(m + 1, right, nodeSize, 2 * id + 1),
  );
}

/** Summarises every node of `tree` (finished) over `facts`, whose project i is the tree's item i. */
export function summariseNodes(tree: KDBush, facts: ProjectFacts): TreeNodes {
  const { coords, nodeSize } = tree;
  const n = tree.ids.length;
  let ages = 1;
  let countable = true;
  for (let i = 0; i < n; i++) {
    const min = facts.ageMin[i] ?? 0;
    const max = facts.ageMax[i] ?? 0;
    if (min > max) countable = false;
    ages = Math.max(ages, min + 1, max + 1);
  }
  const size = heapSize(0, n - 1, nodeSize, 1);
  const box = new Float64Array(4 * size);
  const cosRange = new Float64Array(2 * size);
  const width = 2 * ages + 1;
  const ageCounts = new Uint32Array(2 * width * size);
  const unit = new Float64Array(3 * n);
  for (let item = 0; item < n; item++) {
    const lon = (coords[2 * item] ?? 0) * RAD;
    const lat = (coords[2 * item + 1] ?? 0) * RAD;
    unit[3 * item] = Math.cos(lat) * Math.cos(lon);
    unit[3 * item + 1] = Math.cos(lat) * Math.sin(lon);
    unit[3 * item + 2] = Math.sin(lat);
  }

  const start = (id: number) => {
    box.set([Infinity, Infinity, -Infinity, -Infinity], 4 * id);
    cosRange.set([Infinity, -Infinity], 2 * id);
  };
  // Raw counts per age value first; turned into running sums once every node has its children's.
  const include = (id: number, position: number) => {
    const item = position;
    const lon = coords[2 * item] ?? 0;
    const lat = coords[2 * item + 1] ?? 0;
    const b = 4 * id;
    box[b] = Math.min(box[b] ?? 0, lon);
    box[b + 1] = Math.min(box[b + 1] ?? 0, lat);
    box[b + 2] = Math.max(box[b + 2] ?? 0, lon);
    box[b + 3] = Math.max(box[b + 3] ?? 0, lat);
    const cos = facts.cosLat[position] ?? 0;
    cosRange[2 * id] = Math.min(cosRange[2 * id] ?? 0, cos);
    cosRange[2 * id + 1] = Math.max(cosRange[2 * id + 1] ?? 0, cos);
    const blocks = facts.volunteersWanted[position] === 1 ? 2 : 1;
    for (let set = 0; set < blocks; set++) {
      const base = (2 * id + set) * width;
      const young = base + (facts.ageMin[position] ?? 0);
      const old = base + ages + 1 + (facts.ageMax[position] ?? 0);
      ageCounts[young] = (ageCounts[young] ?? 0) + 1;
      ageCounts[old] = (ageCounts[old] ?? 0) + 1;
    }
  };
  const merge = (id: number, child: number) => {
    const b = 4 * id;
    const c = 4 * child;
    box[b] = Math.min(box[b] ?? 0, box[c] ?? 0);
    box[b + 1] = Math.min(box[b + 1] ?? 0, box[c + 1] ?? 0);
    box[b + 2] = Math.max(box[b + 2] ?? 0, box[c + 2] ?? 0);
    box[b + 3] = Math.max(box[b + 3] ?? 0, box[c + 3] ?? 0);
    cosRange[2 * id] = Math.min(cosRange[2 * id] ?? 0, cosRange[2 * child] ?? 0);
    cosRange[2 * id + 1] = Math.max(cosRange[2 * id + 1] ?? 0, cosRange[2 * child + 1] ?? 0);
    const to = 2 * id * width;
    const from = 2 * child * width;
    for (let k = 0; k < 2 * width; k++)
      ageCounts[to + k] = (ageCounts[to + k] ?? 0) + (ageCounts[from + k] ?? 0);
  };
  const build = (id: number, left: number, right: number) => {
    start(id);
    if (right - left <= nodeSize) {
      for (let item = left; item <= right; item++) include(id, item);
      return;
    }
    const m = (left + right) >> 1;
    include(id, m);
    if (left <= m - 1) {
      build(2 * id, left, m - 1);
      merge(id, 2 * id);
    }
    if (m + 1 <= right) {
      build(2 * id + 1, m + 1, right);
      merge(id, 2 * id + 1);
    }
  };
  if (n > 0) build(1, 0, n - 1);

  for (let block = 0; block < 2 * size; block++) {
    const base = block * width;
    for (let t = ages - 1; t >= 0; t--)
      ageCounts[base + t] = (ageCounts[base + t] ?? 0) + (ageCounts[base + t + 1] ?? 0);
    for (let t = 1; t < ages; t++) {
      const at = base + ages + 1 + t;
      ageCounts[at] = (ageCounts[at] ?? 0) + (ageCounts[at - 1] ?? 0);
    }
  }
  return { nodeSize, box, cosRange, ages, ageCounts, countable, unit };
}

/** sin²(angle / 2) for an angle in degrees, capped at half a turn where it peaks. */
function haverDeg(deg: number): number {
  const s = Math.sin((Math.min(deg, 180) * RAD) / 2);
  return s * s;
}

/**
 * Bounds on the haversine term h (d = 2R asin √h) between `origin` and any project of node `id`:
 * writes the lower bound to out[0] and the upper to out[1]. Each of h's two terms is bounded on
 * its own over the box, so the bounds hold for boxes of any size; the bounds are exact in real
 * numbers, callers allow a margin for rounding.
 */
export function nodeHaversineBounds(
  nodes: TreeNodes,
  id: number,
  origin: LatLon,
  originCos: number,
  out: Float64Array,
): void {
  const { box, cosRange } = nodes;
  const minLon = box[4 * id] ?? 0;
  const minLat = box[4 * id + 1] ?? 0;
  const maxLon = box[4 * id + 2] ?? 0;
  const maxLat = box[4 * id + 3] ?? 0;
  const nearLat = Math.max(0, minLat - origin.lat, origin.lat - maxLat);
  const farLat = Math.max(Math.abs(minLat - origin.lat), Math.abs(maxLat - origin.lat));
  let nearLon = Math.max(0, minLon - origin.lon, origin.lon - maxLon);
  let farLon = Math.max(Math.abs(minLon - origin.lon), Math.abs(maxLon - origin.lon));
  // Across the antimeridian a longitude difference shrinks again: give up the lower bound there.
  if (farLon > 180) {
    nearLon = 0;
    farLon = 180;
  }
  out[0] = haverDeg(nearLat) + originCos * (cosRange[2 * id] ?? 0) * haverDeg(nearLon);
  out[1] = haverDeg(farLat) + originCos * (cosRange[2 * id + 1] ?? 1) * haverDeg(farLon);
}

/** The distance in km for a haversine term, as the exact per-project check computes it. */
export function haversineKm(h: number): number {
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Haversine terms that put a whole node safely inside (below `inside`) or outside (above
 * `outside`) a radius: a relative and an absolute margin far above floating-point noise, so only
 * the exact per-project check decides projects near the boundary.
 */
export function haversineLimits(radiusKm: number): { inside: number; outside: number } {
  const half = (km: number) => km / (2 * EARTH_RADIUS_KM);
  const innerKm = radiusKm * (1 - 1e-9) - 1e-9;
  const outerKm = radiusKm * (1 + 1e-9) + 1e-9;
  const inside = innerKm <= 0 ? -1 : half(innerKm) >= Math.PI / 2 ? 2 : Math.sin(half(innerKm)) ** 2;
  const outside = half(outerKm) >= Math.PI / 2 ? 2 : Math.sin(half(outerKm)) ** 2;
  return { inside, outside };
}

/** The unit vector of a point, as `TreeNodes.unit` holds them. */
export function unitVector(point: LatLon): [number, number, number] {
  const lon = point.lon * RAD;
  const lat = point.lat * RAD;
  return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
}

/**
 * Squared chords between unit vectors that put a project safely inside (below `inside`) or
 * outside (above `outside`) a radius. The margin (a millimetre and a billionth of the radius) is
 * far above the rounding of either computation, so only projects within it need the exact check.
 */
export function chordLimits(radiusKm: number): { inside: number; outside: number } {
  const squaredChord = (km: number) => {
    const half = km / (2 * EARTH_RADIUS_KM);
    return half >= Math.PI / 2 ? 5 : (2 * Math.sin(half)) ** 2;
  };
  const innerKm = radiusKm * (1 - 1e-9) - 1e-6;
  return {
    inside: innerKm <= 0 ? -1 : squaredChord(innerKm),
    outside: squaredChord(radiusKm * (1 + 1e-9) + 1e-6),
  };
}

/**
 * How many projects of node `id` pass the age rule for the thresholds: ageMin >= `minFails`
 * fails, ageMax <= `maxFails` fails (no project fails both: callers check `countable` and that
 * minFails > maxFails). `volunteers`: count only projects wanting volunteers.
 */
export function nodeCount(
  nodes: TreeNodes,
  id: number,
  volunteers: boolean,
  minFails: number,
  maxFails: number,
): number {
  const { ages, ageCounts } = nodes;
  const base = (2 * id + (volunteers ? 1 : 0)) * (2 * ages + 1);
  const all = ageCounts[base] ?? 0;
  const tooYoung = ageCounts[base + minFails] ?? 0;
  const tooOld = maxFails >= 0 ? (ageCounts[base + ages + 1 + maxFails] ?? 0) : 0;
  return all - tooYoung - tooOld;
}
