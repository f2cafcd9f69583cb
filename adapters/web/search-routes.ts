import { Hono } from "hono";
import { isInGermany } from "../../core/geo.js";
import type { Gazetteer, Origin } from "../../core/location.js";
import { originFromPlace, originFromPoint, originFromPostcode } from "../../core/origin.js";
import type { Catalogue } from "../../core/ranking-types.js";
import { ApiError } from "./api-error.js";
import {
  type PlaceChoicesResponse,
  type ProjectResponse,
  publicProject,
  type SearchResponse,
} from "./project-response.js";
import { SearchQuerySchema } from "./search-query.js";

const POSTCODE_MESSAGES: Record<string, string> = {
  empty: "the postcode is empty",
  too_short: "a German postcode has 5 digits; this one has fewer",
  too_long: "a German postcode has 5 digits; this one has more",
  not_digits: "a German postcode consists of 5 digits",
  unknown: "no German delivery postcode has these digits",
  foreign: "this looks like a postcode from another country; only German postcodes are served",
  at_ch:
    "a German postcode has 5 digits; this one has fewer and looks like an Austrian or Swiss postcode; only German postcodes are served",
};

export interface SearchRouteDeps {
  gazetteer: Gazetteer;
  catalogue: () => Catalogue;
}

/** `GET /api/projects/search` and `GET /api/projects/:id` (see ARCHITECTURE.md for the response shape). */
export function searchRoutes(deps: SearchRouteDeps): Hono {
  const app = new Hono();

  app.get("/search", (c) => {
    const parsed = SearchQuerySchema.safeParse(c.req.query());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError(400, String(issue?.path[0] ?? "query"), issue?.message ?? "invalid query");
    }
    const q = parsed.data;
    let origin: Origin;
    if (q.postcode !== undefined) {
      const found = deps.gazetteer.lookupPostcode(q.postcode);
      if (!found.ok) {
        throw new ApiError(
          400,
          "postcode",
          POSTCODE_MESSAGES[found.reason] ?? found.reason,
          `postcode.${found.reason}`,
        );
      }
      origin = originFromPostcode(found.entry);
    } else if (q.place !== undefined) {
      const found = deps.gazetteer.lookupPlace(q.place);
      if (found.kind === "not_found")
        throw new ApiError(400, "place", "no German place of that name is known");
      if (found.kind === "ambiguous") {
        return c.json<PlaceChoicesResponse>({
          choices: found.choices.map((p) => ({
            place: p.parent ? `${p.name} (${p.parent})` : p.name,
            state: p.state,
            lat: p.lat,
            lon: p.lon,
          })),
          results: [],
        });
      }
      origin = originFromPlace(found.place);
    } else {
      const point = { lat: q.lat as number, lon: q.lon as number };
      if (!isInGermany(point)) throw new ApiError(400, "lat", "the coordinates are outside Germany");
      origin = originFromPoint(point, deps.gazetteer);
    }

    const result = deps.catalogue().rank({
      origin,
      focus: q.focus,
      interest: q.q,
      age: q.age,
      role: q.role,
      language: q.lang,
      radiusKm: q.radius,
      limit: q.limit,
      offset: q.offset,
    });
    return c.json<SearchResponse>({
      origin,
      radiusKm: result.radiusKm,
      widened: result.widened,
      total: result.total,
      focus: result.focus,
      results: result.results.map((r) => ({
        project: publicProject(r.project),
        distanceKm: Math.round(r.distanceKm * 10) / 10,
        reasons: r.reasons,
      })),
      ...(result.serviceOffice ? { serviceOffice: result.serviceOffice } : {}),
    });
  });

  app.get("/:id", (c) => {
    const id = c.req.param("id");
    const project = deps.catalogue().get(id);
    if (!project) throw new ApiError(404, "id", "no project with this id");
    return c.json<ProjectResponse>({ project: publicProject(project) });
  });

  return app;
}
