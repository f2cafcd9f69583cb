import * as z from "zod";
import { MAX_AGE } from "../../core/age-limit.js";
import { FOCUS_AREAS, type FocusArea } from "../../core/focus.js";
import { LanguageCodeSchema } from "../../core/project.js";

export const MAX_RADIUS_KM = 200;
export const MAX_LIMIT = 50;

const focusList = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((f) => f.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.enum(FOCUS_AREAS, { message: `expected a comma-separated list of: ${FOCUS_AREAS.join(", ")}` }),
    ),
  );

/** Query string of `GET /api/projects/search`; exactly one origin (postcode, lat/lon or place) is required. */
export const SearchQuerySchema = z
  .object({
    postcode: z.string().max(20).optional(),
    place: z.string().trim().min(2, "expected a place name of at least 2 letters").max(100).optional(),
    lat: z.coerce.number({ message: "expected a latitude in degrees" }).min(-90).max(90).optional(),
    lon: z.coerce.number({ message: "expected a longitude in degrees" }).min(-180).max(180).optional(),
    focus: focusList.optional(),
    q: z.string().max(200).optional(),
    age: z.coerce.number().int("expected whole years").min(0).max(MAX_AGE).optional(),
    role: z.enum(["family", "volunteer"]).optional(),
    lang: LanguageCodeSchema.optional(),
    radius: z.coerce
      .number({ message: "expected a number of kilometres" })
      .positive("expected more than 0 km")
      .max(MAX_RADIUS_KM, `at most ${MAX_RADIUS_KM} km`)
      .optional(),
    limit: z.coerce
      .number()
      .int("expected a whole number")
      .min(1)
      .max(MAX_LIMIT, `at most ${MAX_LIMIT}`)
      .optional(),
    offset: z.coerce.number().int().min(0).max(10_000).optional(),
  })
  .superRefine((q, ctx) => {
    const hasCoords = q.lat !== undefined || q.lon !== undefined;
    if (hasCoords && (q.lat === undefined || q.lon === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [q.lat === undefined ? "lat" : "lon"],
        message: "lat and lon go together",
      });
    }
    const origins = [q.postcode !== undefined, hasCoords, q.place !== undefined].filter(Boolean).length;
    if (origins === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["postcode"],
        message: "give a postcode, a place, or lat and lon",
      });
    } else if (origins > 1) {
      ctx.addIssue({
        code: "custom",
        path: ["postcode"],
        message: "give only one of postcode, place, or lat/lon",
      });
    }
  });

export type SearchQuery = z.infer<typeof SearchQuerySchema> & { focus?: FocusArea[] };
