import { around } from "geokdbush";
import KDBush from "kdbush";
import type { LatLon } from "./geo.js";
import type { Project } from "./project.js";
import { type ProjectFacts, packFacts } from "./project-facts.js";
import {
  chordLimits,
  EARTH_RADIUS_KM,
  farthestSquaredChord,
  nearestSquaredChord,
  nodeCount,
  RAD,
  summariseNodes,
  type TreeNodes,
  unitVector,
} from "./project-tree.js";

/**
 * The catalogue's projects with a spatial index over their coordinates and their packed facts,
 * built once and shared by every ranking query. Item `i` of the tree is `projects[i]`, and the
 * projects are in the tree's order, not the catalogue's.
 */
export interface ProjectIndex {
  readonly projects: readonly Project[];
  readonly facts: ProjectFacts;
  /** kd-tree over (lon, lat), the order geokdbush expects. */
  readonly tree: KDBush;
  /** Per tree node: bounding box and age counts, for searches that skip or take whole nodes. */
  readonly nodes: TreeNodes;
}

// geokdbush's sphere is slightly smaller; a hair of slack lets the exact check decide the
// boundary, so the index and a linear scan agree on every project.
const SLACK = 1.0001;

/** Builds the spatial index over the projects; call once per catalogue. */
export function buildProjectIndex(projects: readonly Project[]): ProjectIndex {
  const tree = new KDBush(projects.length);
  for (const p of projects) tree.add(p.lon, p.lat);
  tree.finish();
  // The projects and their facts in the tree's order, each item its own id: a node's projects
  // then lie side by side in memory, and a search reading their facts walks arrays instead of
  // jumping about 100,000 positions (which cost more than the reading itself).
  const { ids } = tree;
  const ordered: Project[] = new Array(ids.length);
  const slotOf = new Uint32Array(ids.length);
  for (let item = 0; item < ids.length; item++) {
    const position = ids[item] ?? 0;
    ordered[item] = projects[position] as Project;
    slotOf[position] = item;
    ids[item] = item;
  }
  const facts = packFacts(projects, slotOf);
  return { projects: ordered, facts, tree, nodes: summariseNodes(tree, facts) };
}

/**
 * Great-circle distance in km from `origin` to project `position`, with the project's cosine
 * precomputed and `originCos` = cos(origin latitude): the one formula every ranking step uses,
 * so a project's distance, and whether it is inside the radius, never depend on the path.
 */
export function distanceFrom(
  facts: ProjectFacts,
  position: number,
  origin: LatLon,
  originCos: number,
): number {
  const sinHalfLat = Math.sin((((facts.lat[position] ?? 0) - origin.lat) * RAD) / 2);
  const sinHalfLon = Math.sin((((facts.lon[position] ?? 0) - origin.lon) * RAD) / 2);
  const h = sinHalfLat * sinHalfLat + originCos * (facts.cosLat[position] ?? 0) * sinHalfLon * sinHalfLon;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Who counts: volunteers only see projects wanting volunteers; an age keeps projects near it. */
export interface CountFilter {
  volunteer: boolean;
  age?: number;
  /** Years a project's range may miss the age by. */
  ageToleranceYears: number;
  /** The exact filter, for projects near the boundary; must agree with the fields above. */
  keep: (position: number) => boolean;
}

/**
 * The filter's age rule as whole ages: ageMin from the first value on fails, ageMax up to the
 * second. Read off the same comparisons `passesFilters` makes, so counts and filter agree for
 * any age; undefined when the counts cannot express it (an age that is no number).
 */
function ageThresholds(nodes: TreeNodes, filter: CountFilter): [number, number] | undefined {
  const { age, ageToleranceYears } = filter;
  if (age === undefined) return [nodes.ages, -1];
  let minFails = nodes.ages;
  let maxFails = -1;
  for (let v = 0; v < nodes.ages; v++) {
    if (!(v - age <= ageToleranceYears) && minFails === nodes.ages) minFails = v;
    if (!(age - v <= ageToleranceYears)) maxFails = v;
  }
  return nodes.countable && minFails > maxFails ? [minFails, maxFails] : undefined;
}

/** How many projects are within a radius, and how many of them by a margin (see `countWithin`). */
export interface Count {
  count: number;
  /**
   * Those inside by a millionth of the radius or more: inside by every distance formula in
   * use, geokdbush's included.
   */
  surelyInside: number;
}

/**
 * How many projects within `radiusKm` of `origin` pass the filter. Nodes wholly inside the
 * radius are counted from their age counts and nodes wholly outside skipped, so only projects
 * near the rim are looked at one by one: the count costs what the rim holds, not the area.
 */
export function countWithin(
  index: ProjectIndex,
  origin: LatLon,
  radiusKm: number,
  filter: CountFilter,
): Count {
  const { tree, nodes, facts } = index;
  const { nodeSize } = tree;
  const n = tree.ids.length;
  if (n === 0) return { count: 0, surelyInside: 0 };
  const originCos = Math.cos(origin.lat * RAD);
  const chords = chordLimits(radiusKm);
  const [ox, oy, oz] = unitVector(origin);
  const { unit } = nodes;
  const thresholds = ageThresholds(nodes, filter);
  const [minFails, maxFails] = thresholds ?? [0, 0];
  const { volunteersWanted, ageMin, ageMax } = facts;
  const volunteer = filter.volunteer;
  let count = 0;
  let surelyInside = 0;
  const countItem = (item: number) => {
    const dx = (unit[3 * item] ?? 0) - ox;
    const dy = (unit[3 * item + 1] ?? 0) - oy;
    const dz = (unit[3 * item + 2] ?? 0) - oz;
    const chord = dx * dx + dy * dy + dz * dz;
    if (chord > chords.outside) return;
    if (thresholds) {
      // The filter read off the same thresholds as the node counts.
      if (volunteer && volunteersWanted[item] !== 1) return;
      if ((ageMin[item] ?? 0) >= minFails || (ageMax[item] ?? 0) <= maxFails) return;
    } else if (!filter.keep(item)) return;
    if (chord < chords.inside) {
      count++;
      surelyInside++;
    } else if (distanceFrom(facts, item, origin, originCos) <= radiusKm) count++;
  };
  const stack = [1, 0, n - 1];
  while (stack.length > 0) {
    const right = stack.pop() ?? 0;
    const left = stack.pop() ?? 0;
    const id = stack.pop() ?? 0;
    if (nearestSquaredChord(nodes, id, ox, oy, oz) > chords.outside) continue;
    if (thresholds && farthestSquaredChord(nodes, id, ox, oy, oz) < chords.inside) {
      const inNode = nodeCount(nodes, id, volunteer, minFails, maxFails);
      count += inNode;
      surelyInside += inNode;
      continue;
    }
    if (right - left <= nodeSize) {
      for (let item = left; item <= right; item++) countItem(item);
      continue;
    }
    const m = (left + right) >> 1;
    countItem(m);
    if (left <= m - 1) stack.push(2 * id, left, m - 1);
    if (m + 1 <= right) stack.push(2 * id + 1, m + 1, right);
  }
  return { count, surelyInside };
}

/** Positions of the `count` nearest projects that pass `keep`, at most `maxKm` away, nearest first (geokdbush). */
export function nearestProjects(
  index: ProjectIndex,
  origin: LatLon,
  count: number,
  maxKm: number,
  keep: (position: number) => boolean,
): number[] {
  return around(index.tree, origin.lon, origin.lat, count, maxKm * SLACK, keep);
}
