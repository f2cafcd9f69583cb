import type KDBush from "kdbush";
import type { LatLon } from "./geo.js";
import type { ProjectFacts } from "./project-facts.js";

/**
 * What every node of the kd-tree holds, so a search can skip a node, take it whole or look inside:
 * the box around its projects' unit vectors, and how many of its projects (all, and those wanting
 * volunteers) have each minimum and maximum age. The nodes are kdbush's own: a node over tree
 * items [left, right] with more than `nodeSize` items splits at m = (left + right) >> 1 into
 * [left, m - 1] and [m + 1, right], numbered 1 for the root and 2n, 2n + 1 for n's halves.
 */
export interface TreeNodes {
  readonly nodeSize: number;
  /**
   * Each tree item's point as a unit vector (x, y, z), in tree order: the squared chord to the
   * origin sorts projects in or out of a radius with a few multiplications instead of trigonometry.
   */
  readonly unit: Float64Array;
  /** minX, minY, minZ, maxX, maxY, maxZ of the unit vectors per node. */
  readonly box: Float64Array;
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
}

export const EARTH_RADIUS_KM = 6371.0088;
export const RAD = Math.PI / 180;

/** The heap number past the deepest node of a tree over items [left, right]. */
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

/** The unit vector of a point, as `TreeNodes.unit` holds them. */
export function unitVector(point: LatLon): [number, number, number] {
  const lon = point.lon * RAD;
  const lat = point.lat * RAD;
  return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
}

/** Summarises every node of `tree` (finished) over `facts`, whose project i is the tree's item i. */
export function summariseNodes(tree: KDBush, facts: ProjectFacts): TreeNodes {
  const { nodeSize } = tree;
  const n = tree.ids.length;
  let ages = 1;
  let countable = true;
  const unit = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const min = facts.ageMin[i] ?? 0;
    const max = facts.ageMax[i] ?? 0;
    if (min > max) countable = false;
    ages = Math.max(ages, min + 1, max + 1);
    // As unitVector computes it, without an array per project.
    const lon = (facts.lon[i] ?? 0) * RAD;
    const lat = (facts.lat[i] ?? 0) * RAD;
    unit[3 * i] = Math.cos(lat) * Math.cos(lon);
    unit[3 * i + 1] = Math.cos(lat) * Math.sin(lon);
    unit[3 * i + 2] = Math.sin(lat);
  }
  const size = heapSize(0, n - 1, nodeSize, 1);
  const box = new Float64Array(6 * size);
  const width = 2 * ages + 1;
  const ageCounts = new Uint32Array(2 * width * size);

  // Raw counts per age value first; turned into running sums once every node has its children's.
  const include = (id: number, item: number) => {
    for (let axis = 0; axis < 3; axis++) {
      const v = unit[3 * item + axis] ?? 0;
      box[6 * id + axis] = Math.min(box[6 * id + axis] ?? 0, v);
      box[6 * id + 3 + axis] = Math.max(box[6 * id + 3 + axis] ?? 0, v);
    }
    const blocks = facts.volunteersWanted[item] === 1 ? 2 : 1;
    for (let set = 0; set < blocks; set++) {
      const base = (2 * id + set) * width;
      const young = base + (facts.ageMin[item] ?? 0);
      const old = base + ages + 1 + (facts.ageMax[item] ?? 0);
      ageCounts[young] = (ageCounts[young] ?? 0) + 1;
      ageCounts[old] = (ageCounts[old] ?? 0) + 1;
    }
  };
  const merge = (id: number, child: number) => {
    for (let axis = 0; axis < 3; axis++) {
      box[6 * id + axis] = Math.min(box[6 * id + axis] ?? 0, box[6 * child + axis] ?? 0);
      box[6 * id + 3 + axis] = Math.max(box[6 * id + 3 + axis] ?? 0, box[6 * child + 3 + axis] ?? 0);
    }
    const to = 2 * id * width;
    const from = 2 * child * width;
    for (let k = 0; k < 2 * width; k++)
      ageCounts[to + k] = (ageCounts[to + k] ?? 0) + (ageCounts[from + k] ?? 0);
  };
  const build = (id: number, left: number, right: number) => {
    box.fill(Infinity, 6 * id, 6 * id + 3);
    box.fill(-Infinity, 6 * id + 3, 6 * id + 6);
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
  return { nodeSize, unit, box, ages, ageCounts, countable };
}

/** Squared chord from `origin` (a unit vector) to the nearest corner-or-face of node `id`'s box. */
export function nearestSquaredChord(
  nodes: TreeNodes,
  id: number,
  ox: number,
  oy: number,
  oz: number,
): number {
  const { box } = nodes;
  const b = 6 * id;
  const dx = Math.max((box[b] ?? 0) - ox, 0, ox - (box[b + 3] ?? 0));
  const dy = Math.max((box[b + 1] ?? 0) - oy, 0, oy - (box[b + 4] ?? 0));
  const dz = Math.max((box[b + 2] ?? 0) - oz, 0, oz - (box[b + 5] ?? 0));
  return dx * dx + dy * dy + dz * dz;
}

/** Squared chord from `origin` (a unit vector) to the farthest corner of node `id`'s box. */
export function farthestSquaredChord(
  nodes: TreeNodes,
  id: number,
  ox: number,
  oy: number,
  oz: number,
): number {
  const { box } = nodes;
  const b = 6 * id;
  const dx = Math.max(Math.abs((box[b] ?? 0) - ox), Math.abs(ox - (box[b + 3] ?? 0)));
  const dy = Math.max(Math.abs((box[b + 1] ?? 0) - oy), Math.abs(oy - (box[b + 4] ?? 0)));
  const dz = Math.max(Math.abs((box[b + 2] ?? 0) - oz), Math.abs(oz - (box[b + 5] ?? 0)));
  return dx * dx + dy * dy + dz * dz;
}

/** The great-circle distance in km for a squared chord between unit vectors. */
export function chordKm(squaredChord: number): number {
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(squaredChord) / 2));
}

/**
 * Squared chords between unit vectors that put a project safely inside (below `inside`) or
 * outside (above `outside`) a radius. The margins are far above the rounding of any of the
 * distance formulas involved, so only projects within them need the exact check: a millionth of
 * the radius plus a millimetre inside (also enough for `countWithin`'s promise that projects it
 * counts as surely inside are inside by any of them), a billionth plus a millimetre outside.
 */
export function chordLimits(radiusKm: number): { inside: number; outside: number } {
  const squaredChord = (km: number) => {
    const half = km / (2 * EARTH_RADIUS_KM);
    return half >= Math.PI / 2 ? 5 : (2 * Math.sin(half)) ** 2;
  };
  const innerKm = radiusKm * (1 - 1e-6) - 1e-6;
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
