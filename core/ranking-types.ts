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
  /** The child's age band ("6–9"): "age" fits only when the whole band lies within a project's range. */
  ageBand?: { min: number; max: number };
  /** Hours per week a volunteer offers: "time" fits when a project asks no more. */
  hoursPerWeek?: number;
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
 * Why a project was chosen, as machine-readable tags: `distance`, `focus:<id>`, `general`, `age`,
 * `language:<code>`, `volunteers`, `time`. Bots and the API render them with i18n.
 */
export type Reason = string;

/** What does not quite fit, as tags: `age-from:<n>`, `age-to:<n>`, `hours:<n>`. */
export type Caveat = string;

export interface RankedProject {
  project: Project;
  distanceKm: number;
  score: number;
  reasons: Reason[];
  /** Set by `rankProjects` when something does not quite fit. */
  caveats?: Caveat[];
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
