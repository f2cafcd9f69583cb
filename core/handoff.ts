import * as z from "zod";
import { FocusAreaSchema } from "./focus.js";

export const ChannelSchema = z.enum(["telegram", "web", "slack"]);
export type Channel = z.infer<typeof ChannelSchema>;

export const HandoffKindSchema = z.enum(["family", "volunteer"]);
export const ContactMethodSchema = z.enum(["chat", "phone", "email"]);
export type ContactMethod = z.infer<typeof ContactMethodSchema>;

/** Lifecycle: open → taken → done; open|taken → declined; any → withdrawn (user deleted their data). */
export const HandoffStateSchema = z.enum(["open", "taken", "done", "declined", "withdrawn"]);
export type HandoffState = z.infer<typeof HandoffStateSchema>;

/** A contact request from a family or a volunteer to one project, created only after consent. */
export const NewHandoffSchema = z.object({
  id: z.string(),
  kind: HandoffKindSchema,
  projectId: z.string(),
  channel: ChannelSchema,
  channelUserId: z.string(),
  /** The requester's language code, so the coordinator can answer in it. */
  language: z.string(),
  ageBand: z.string().optional(),
  focus: z.array(FocusAreaSchema).default([]),
  distanceKm: z.number().optional(),
  /**
   * Where the requester searched from, rounded to about a kilometre: a forwarded request is ranked
   * and measured from here. Removed when the requester deletes their data; never logged.
   */
  origin: z.object({ lat: z.number(), lon: z.number() }).optional(),
  contactMethod: ContactMethodSchema,
  /** Phone number or email, only when that way back was chosen. */
  contactValue: z.string().max(200).optional(),
  message: z.string().max(2000).optional(),
  /** Volunteer details (time per week, languages), when kind = volunteer. */
  volunteer: z
    .object({
      hoursPerWeek: z.number().optional(),
      languages: z.array(z.string()).default([]),
      interest: z.string().optional(),
    })
    .optional(),
  consentAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});
export type NewHandoff = z.infer<typeof NewHandoffSchema>;

export interface Handoff extends NewHandoff {
  state: HandoffState;
  updatedAt: string;
}

/** A coordinator's proposal to pass a request on to another project; only the requester's yes applies it. */
export interface ForwardProposal {
  projectId: string;
  proposedAt: string;
}

/** A requester's own handoff as the bot sees it. */
export interface UserHandoff extends Handoff {
  /** Slack still holds a copy of what they wrote (erased through the outbox when they delete their data). */
  inSlack?: boolean;
  forwardProposal?: ForwardProposal;
}
