import * as z from "zod";
import { FocusAreaSchema } from "../core/focus.js";
import { ContactMethodSchema } from "../core/handoff.js";
import { StateSchema } from "../core/state.js";

/** A place offered when a typed name was ambiguous. */
export const PlaceChoiceSchema = z.object({
  name: z.string(),
  parent: z.string().optional(),
  state: StateSchema,
  lat: z.number(),
  lon: z.number(),
});
export type PlaceChoice = z.infer<typeof PlaceChoiceSchema>;

/** Where in the dialog the person is; each step knows which answer it waits for. */
export const FlowSchema = z.discriminatedUnion("step", [
  z.object({ step: z.literal("start") }),
  z.object({ step: z.literal("info"), topic: z.enum(["patenschaft", "coordinator"]) }),
  z.object({ step: z.literal("family_age") }),
  z.object({ step: z.literal("family_focus") }),
  z.object({ step: z.literal("location") }),
  z.object({ step: z.literal("place_choice"), choices: z.array(PlaceChoiceSchema).max(10) }),
  z.object({ step: z.literal("volunteer_focus") }),
  z.object({ step: z.literal("volunteer_hours") }),
  z.object({ step: z.literal("volunteer_languages") }),
  z.object({ step: z.literal("results") }),
  z.object({ step: z.literal("details"), projectId: z.string() }),
  z.object({ step: z.literal("consent"), projectId: z.string() }),
  z.object({ step: z.literal("contact_way"), projectId: z.string() }),
  z.object({ step: z.literal("contact_value"), projectId: z.string(), method: z.enum(["phone", "email"]) }),
  z.object({ step: z.literal("contact_message"), projectId: z.string() }),
  z.object({ step: z.literal("handoff_sent"), projectId: z.string() }),
  /** Talking to the coordinator through the assistant: typed text goes into the handoff's Slack thread. */
  z.object({ step: z.literal("relay"), projectId: z.string(), handoffId: z.string().max(64) }),
]);
export type Flow = z.infer<typeof FlowSchema>;
export type FlowStep = Flow["step"];

/** Where searches are centred; `label` is data (postcode and place), not translated text. */
export const OriginSchema = z.object({ lat: z.number(), lon: z.number(), label: z.string().max(200) });

/** The contact request being put together, after consent. */
export const ContactDraftSchema = z.object({
  projectId: z.string(),
  consentAt: z.iso.datetime(),
  method: ContactMethodSchema.optional(),
  value: z.string().max(200).optional(),
});
export type ContactDraft = z.infer<typeof ContactDraftSchema>;

/** The conversation state of one channel user, stored as JSON by the adapters (version 2). */
export const SessionSchema = z.object({
  v: z.literal(2),
  language: z.string().min(2).max(20),
  role: z.enum(["family", "volunteer", "coordinator"]).optional(),
  flow: FlowSchema,
  answers: z
    .object({
      /** Age band id like "6-9" and the age used for matching (representative or typed). */
      ageBand: z.string().max(10).optional(),
      age: z.number().int().min(0).max(120).optional(),
      /** Undefined until asked; empty means "anything". */
      focus: z.array(FocusAreaSchema).optional(),
      origin: OriginSchema.optional(),
    })
    .default({}),
  volunteer: z
    .object({
      hoursPerWeek: z.number().min(0).max(40).optional(),
      languages: z.array(z.string().max(10)).max(30).default([]),
      languagesDone: z.boolean().default(false),
    })
    .default({ languages: [], languagesDone: false }),
  /** Result paging: offset of the page shown, and project ids too long for a button, referenced as `#<index>`. */
  results: z
    .object({ offset: z.number().int().min(0), shown: z.array(z.string()).max(100) })
    .default({ offset: 0, shown: [] }),
  contact: ContactDraftSchema.optional(),
  /** The language the bot last offered to switch to (detected in typed text); the picker lists it first. */
  languageOffer: z.string().max(20).optional(),
  /** Set once the person chose a language (a language button, or "keep" on an offer): no more offers. */
  languageChosen: z.boolean().default(false),
  /** The yes/no question asked outside the flow and still open: after /delete, until confirmed or cancelled. */
  confirming: z.enum(["delete"]).optional(),
  updatedAt: z.iso.datetime(),
});
export type Session = z.infer<typeof SessionSchema>;

/** A fresh session in a language, at the start of the dialog. */
export function newSession(language: string, now: Date): Session {
  return {
    v: 2,
    language,
    flow: { step: "start" },
    answers: {},
    volunteer: { languages: [], languagesDone: false },
    results: { offset: 0, shown: [] },
    languageChosen: false,
    updatedAt: now.toISOString(),
  };
}

/**
 * Each stored version's step to the next, so a conversation that is live during a deploy goes on
 * where it was. A new version adds its migration here; the key is the version it migrates from.
 */
export const SESSION_MIGRATIONS: Readonly<
  Record<number, (old: Record<string, unknown>) => Record<string, unknown>>
> = {
  /** v2 names the open out-of-flow question (`confirming: "delete"`) instead of a `pendingDelete` flag. */
  1: ({ pendingDelete, ...rest }) => ({
    ...rest,
    v: 2,
    ...(pendingDelete === true ? { confirming: "delete" } : {}),
  }),
};

/** Brings a stored session of an older version up to the current one; unchanged when it is current or unknown. */
export function migrateSession(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null) return raw;
  let current = raw as Record<string, unknown>;
  for (let guard = 0; guard < 100; guard++) {
    const migrate = typeof current.v === "number" ? SESSION_MIGRATIONS[current.v] : undefined;
    if (!migrate) break;
    current = migrate(current);
  }
  return current;
}

/** A stored session (of this or an older version), or null when it is missing or does not parse (it is then treated as new). */
export function parseSession(raw: unknown): Session | null {
  if (raw === null || raw === undefined) return null;
  const parsed = SessionSchema.safeParse(migrateSession(raw));
  return parsed.success ? parsed.data : null;
}
