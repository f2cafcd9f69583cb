import { distanceKm } from "../core/geo.js";
import type { ProjectIndex } from "../core/project-index.js";
import {
  MIN_MATCHES,
  passesFilters,
  radiusSteps,
  rankCriteria,
  rankOrder,
  reasonsFor,
  scoreOf,
} from "../core/rank-score.js";
import type { RankedProject, RankQuery, RankResult } from "../core/ranking-types.js";
import { SERVICE_OFFICE } from "../core/service-office.js";

/**
 * The baseline without the spatial tree: distance to every project, filter, score, sort. Same
 * rules and packed facts as `rankProjects`, so the benchmark measures what the tree buys, and
 * tests can use it as an oracle.
 */
export function naiveRank(
  query: RankQuery,
  { projects, facts }: Pick<ProjectIndex, "projects" | "facts">,
): RankResult {
  const criteria = rankCriteria(query);
  const distances = new Float64Array(projects.length).fill(Number.POSITIVE_INFINITY);
  projects.forEach((project, i) => {
    if (passesFilters(facts, i, criteria)) distances[i] = distanceKm(query.origin, project);
  });
  let radiusKm = criteria.requestedRadiusKm;
  let inside = 0;
  for (const step of radiusSteps(criteria.requestedRadiusKm)) {
    radiusKm = step;
    inside = 0;
    for (const d of distances) if (d <= step) inside++;
    if (inside >= MIN_MATCHES) break;
  }
  const base = { radiusKm, widened: radiusKm > criteria.requestedRadiusKm, focus: criteria.focus };
  if (inside === 0) return { ...base, total: 0, results: [], serviceOffice: SERVICE_OFFICE };
  const ranked: RankedProject[] = [];
  projects.forEach((project, i) => {
    const d = distances[i] ?? Number.POSITIVE_INFINITY;
    if (d > radiusKm) return;
    const speaks = criteria.bonusLanguage !== undefined && project.languages.includes(criteria.bonusLanguage);
    const score = scoreOf(facts, i, speaks, d, radiusKm, criteria);
    ranked.push({ project, distanceKm: d, score, reasons: reasonsFor(project, d, criteria) });
  });
  ranked.sort((a, b) => rankOrder(a.score, a.distanceKm, a.project.id, b.score, b.distanceKm, b.project.id));
  return {
    ...base,
    total: ranked.length,
    results: ranked.slice(criteria.offset, criteria.offset + criteria.limit),
  };
}
