import type { FocusArea } from "./focus.js";
import type { LatLon } from "./geo.js";
import type { Project } from "./project.js";
import type { ServiceOffice } from "./service-office.js";

export type Role = "family" | "volunteer";

export interface RankQuery {
  origin: LatLon;
  focus?: FocusArea[];
  /** Free text of what the person looks for ("Hausaufgaben", "reading"); mapped to focus areas. */
  interest?: string;
  /** Language of the interest text, to pick the synonym list; default "de" then "en". */
  interestLanguage?: string;
  /** The child's age in years. */
  age?: number;
  role?: Role;
  /** The user's language; projects that speak it rank higher. */
  language?: string;
  /** Search radius in km; default 10. Widened 25 → 50 → 100 when fewer than 3 projects are inside. */
  radiusKm?: number;
  /** How many results; default 10. */
  limit?: number;
  /** How many results to skip (for "more"). */
  offset?: number;
}

/**
 * Why a project was chosen, as machine-readable tags: `distance`, `focus:<id>`, `age`,
 * `language:<code>`, `volunteers`. Bots and the API render them with i18n.
 */
export type Reason = string;

export interface RankedProject {
  project: Project;
  distanceKm: number;
  score: number;
  reasons: Reason[];
}

export interface RankResult {
  /** The radius finally searched. */
  radiusKm: number;
  /** True when the radius had to be widened beyond the requested one. */
  widened: boolean;
  /** All matching projects inside the final radius (before offset/limit). */
  total: number;
  results: RankedProject[];
  /** Focus areas actually used (given or inferred from the interest text). */
  focus: FocusArea[];
  /** Set when nothing was found even at the widest radius. */
  serviceOffice?: ServiceOffice;
}

/** The project catalogue held in memory with its spatial index; built by `createCatalogue`. */
export interface Catalogue {
  readonly size: number;
  get(id: string): Project | undefined;
  rank(query: RankQuery): RankResult;
  /** Name search for coordinators (Slack forward, `/paten`). */
  searchByName?(text: string, limit?: number): Project[];
}
