import { distanceKm, type LatLon } from "./geo.js";
import type { Project } from "./project.js";
import type { Catalogue } from "./ranking-types.js";

/** How many name matches are ordered by distance before the nearest are offered. */
const NAME_MATCHES_CONSIDERED = 300;

/** A project a coordinator may forward a request to, with its distance from the requester when known. */
export interface ForwardCandidate {
  project: Project;
  distanceKm?: number;
}

/**
 * Where a request's requester is: the search centre stored with the handoff (rounded to about a
 * kilometre), else the project they chose, which they found near them.
 */
export function requesterPoint(
  handoff: { origin?: LatLon; projectId: string },
  catalogue: Pick<Catalogue, "get">,
): LatLon | undefined {
  if (handoff.origin) return handoff.origin;
  const project = catalogue.get(handoff.projectId);
  return project ? { lat: project.lat, lon: project.lon } : undefined;
}

/**
 * Projects whose name, organisation or place matches what the coordinator typed, nearest to the
 * requester first (a request from Köln is forwarded to a project in Köln, not to the first name
 * in the alphabet), without the project the request is at now.
 */
export function forwardCandidates(
  catalogue: Pick<Catalogue, "searchByName">,
  text: string,
  from: LatLon | undefined,
  options: { limit: number; exclude?: string },
): ForwardCandidate[] {
  const found = (catalogue.searchByName?.(text, NAME_MATCHES_CONSIDERED) ?? []).filter(
    (p) => p.id !== options.exclude,
  );
  if (!from) return found.slice(0, options.limit).map((project) => ({ project }));
  return found
    .map((project) => ({ project, km: distanceKm(from, project) }))
    .sort((a, b) => a.km - b.km)
    .slice(0, options.limit)
    .map(({ project, km }) => ({ project, distanceKm: Math.round(km * 10) / 10 }));
}
