import * as z from "zod";
import { FocusAreaSchema } from "../../core/focus.js";
import { type Project, ProjectFieldsSchema } from "../../core/project.js";
import { StateSchema } from "../../core/state.js";

/**
 * A project as the public API shows it: what the catalogue publishes, nothing internal (no Slack
 * channel). New internal fields must be left out here explicitly.
 */
export const PublicProjectSchema = ProjectFieldsSchema.omit({ slackChannelId: true });
export type PublicProject = z.infer<typeof PublicProjectSchema>;

const PUBLIC_KEYS = Object.keys(PublicProjectSchema.shape) as (keyof PublicProject)[];

/** Copies only the public fields of a stored project (the stored row never goes out as it is). */
export function publicProject(p: Project): PublicProject {
  const out: Record<string, unknown> = {};
  for (const key of PUBLIC_KEYS) if (p[key] !== undefined) out[key] = p[key];
  return out as PublicProject;
}

export const OriginSchema = z.object({
  lat: z.number(),
  lon: z.number(),
  place: z.string().optional(),
  postcode: z.string().optional(),
  state: StateSchema.optional(),
});

export const ServiceOfficeSchema = z.object({
  name: z.string(),
  organisation: z.string(),
  postalAddress: z.string(),
  visitorAddress: z.string(),
  phone: z.string(),
  email: z.string(),
  website: z.string(),
});

/** `GET /api/projects/search`: where the search was centred and the ranked projects with reasons. */
export const SearchResponseSchema = z.object({
  origin: OriginSchema,
  radiusKm: z.number(),
  widened: z.boolean(),
  total: z.number().int(),
  focus: z.array(FocusAreaSchema),
  results: z.array(
    z.object({ project: PublicProjectSchema, distanceKm: z.number(), reasons: z.array(z.string()) }),
  ),
  serviceOffice: ServiceOfficeSchema.optional(),
});
export type SearchResponse = z.infer<typeof SearchResponseSchema>;

/** `GET /api/projects/search?place=…` when the name is ambiguous: which place was meant. */
export const PlaceChoicesResponseSchema = z.object({
  choices: z.array(z.object({ place: z.string(), state: StateSchema, lat: z.number(), lon: z.number() })),
  results: z.array(z.never()),
});
export type PlaceChoicesResponse = z.infer<typeof PlaceChoicesResponseSchema>;

/** `GET /api/projects/:id`. */
export const ProjectResponseSchema = z.object({ project: PublicProjectSchema });
export type ProjectResponse = z.infer<typeof ProjectResponseSchema>;
