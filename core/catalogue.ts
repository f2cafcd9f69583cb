import Fuse from "fuse.js";
import type { Project } from "./project.js";
import { buildProjectIndex } from "./project-index.js";
import { rankProjects } from "./rank-projects.js";
import type { Catalogue, RankQuery, RankResult } from "./ranking-types.js";

/**
 * Holds the projects in memory with their spatial index, built once; ranks queries and finds
 * projects by name for coordinators.
 */
export function createCatalogue(projects: Project[]): Catalogue {
  const index = buildProjectIndex(projects);
  const byId = new Map(projects.map((p) => [p.id, p]));
  // Built on first use: only coordinators search by name, and end users should not pay for it.
  let nameSearch: Fuse<Project> | undefined;

  return {
    size: projects.length,
    get: (id: string) => byId.get(id),
    rank: (query: RankQuery): RankResult => rankProjects(query, index),
    searchByName(text: string, limit = 10): Project[] {
      if (text.trim() === "") return [];
      nameSearch ??= new Fuse(projects, {
        keys: [{ name: "name", weight: 2 }, "organisation", "place"],
        threshold: 0.3,
        ignoreLocation: true,
        ignoreDiacritics: true,
      });
      return nameSearch.search(text.trim(), { limit }).map((r) => r.item);
    },
  };
}
