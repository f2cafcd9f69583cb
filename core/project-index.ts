import { around } from "geokdbush";
import KDBush from "kdbush";
import type { LatLon } from "./geo.js";
import type { Project } from "./project.js";
import { type ProjectFacts, packFacts } from "./project-facts.js";

/**
 * The catalogue's projects with a spatial index over their coordinates and their packed facts,
 * built once and shared by every ranking query. Item `i` of the tree is `projects[i]`.
 */
export interface ProjectIndex {
  readonly projects: readonly Project[];
  readonly facts: ProjectFacts;
  /** kd-tree over (lon, lat), the order geokdbush expects. */
  readonly tree: KDBush;
}

/** Project positions in the index with their great-circle distances from the query origin. */
export interface Nearby {
  positions: number[];
  distancesKm: number[];
}

// The same sphere and formula as core/geo's distanceKm, with the project's cosine precomputed.
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;
// geokdbush's sphere is slightly smaller; a hair of slack lets the exact check decide the
// boundary, so the index and a linear scan agree on every project.
const SLACK = 1.0001;

/** Builds the spatial index over the projects; call once per catalogue. */
export function buildProjectIndex(projects: readonly Project[]): ProjectIndex {
  const tree = new KDBush(projects.length);
  for (const p of projects) tree.add(p.lon, p.lat);
  tree.finish();
  return { projects, facts: packFacts(projects), tree };
}

/**
 * Every project within `radiusKm` whose position passes `keep`, unordered. A box query plus an
 * exact distance check: for thousands of hits this is an order of magnitude cheaper than a
 * nearest-first walk, which keeps them all in a priority queue.
 */
export function projectsWithin(
  index: ProjectIndex,
  origin: LatLon,
  radiusKm: number,
  keep: (position: number) => boolean,
): Nearby {
  const angle = (radiusKm * SLACK) / EARTH_RADIUS_KM;
  const dLat = angle / RAD;
  const originCos = Math.cos(origin.lat * RAD);
  const sinRatio = Math.sin(angle) / originCos;
  // The longitude half-width of a spherical cap; every longitude when the cap holds a pole.
  const dLon = sinRatio >= 1 ? 180 : Math.asin(sinRatio) / RAD;
  const inBox = index.tree.range(origin.lon - dLon, origin.lat - dLat, origin.lon + dLon, origin.lat + dLat);
  // Two flat arrays rather than an object per hit: thousands of hits in a big city.
  const found: Nearby = { positions: [], distancesKm: [] };
  const { lat, lon, cosLat } = index.facts;
  for (const position of inBox) {
    if (!keep(position)) continue;
    const sinHalfLat = Math.sin((((lat[position] ?? 0) - origin.lat) * RAD) / 2);
    const sinHalfLon = Math.sin((((lon[position] ?? 0) - origin.lon) * RAD) / 2);
    const h = sinHalfLat * sinHalfLat + originCos * (cosLat[position] ?? 0) * sinHalfLon * sinHalfLon;
    const d = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    if (d <= radiusKm) {
      found.positions.push(position);
      found.distancesKm.push(d);
    }
  }
  return found;
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
