import Fuse from "fuse.js";
import type { NeedReader } from "./interest.js";
import type { Project } from "./project.js";
import { buildProjectIndex } from "./project-index.js";
import { rankProjects } from "./rank-projects.js";
import type { Catalogue, RankQuery, RankResult } from "./ranking-types.js";

/**
 * Holds the projects in memory with their spatial index, built once; ranks queries and finds
 * projects by name for coordinators. `readNeeds` turns a query's interest text into focus areas
 * (the bot's word tables); without it the text is ignored.
 */
export function createCatalogue(projects: Project[], readNeeds?: NeedReader): Catalogue {
  const index = buildProjectIndex(projects);
  const byId = new Map(projects.map((p) => [p.id, p]));
  // Built on first use: only coordinators search by name, and end users should not pay for it.
  let nameSearch: Fuse<Project> | undefined;

  return {
    size: projects.length,
    get: (id: string) => byId.get(id),
    rank: (query: RankQuery): RankResult => rankProjects(query, index, readNeeds),
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
