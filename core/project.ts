import * as z from "zod";
import { AgeSchema } from "./age-limit.js";
import { FocusAreaSchema } from "./focus.js";
import { StateSchema } from "./state.js";

/** ISO 639-1/-3 language code as used across the app ("de", "ar", "fa", "prs", "ckb", ...). */
export const LanguageCodeSchema = z
  .string()
  .regex(/^[a-z]{2,3}$/, "expected a language code like de, ar or prs");

export const AudienceSchema = z.enum(["children", "youth", "parents", "refugees", "girls", "boys"]);
export type Audience = z.infer<typeof AudienceSchema>;

/** A German postcode: exactly five digits. */
export const PostcodeSchema = z.string().regex(/^\d{5}$/, "expected five digits");

export const VolunteerNeedsSchema = z.object({
  /** Whether the project is currently looking for volunteers (Paten/Patinnen). */
  wanted: z.boolean(),
  hoursPerWeek: z.number().min(0).max(40).optional(),
  /** Extended certificate of conduct ("erweitertes Führungszeugnis") required. */
  certificateOfConduct: z.boolean().default(true),
  notes: z.string().max(500).optional(),
});

export const ContactSchema = z.object({
  email: z.email().optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ()/-]{6,25}$/, "expected a phone number")
    .optional(),
  website: z.url({ protocol: /^https?$/ }).optional(),
});

/**
 * A project's texts in one more language: a one-line summary and the longer description, at least
 * one of them (a reader is shown whichever exists; German and the English fields stay the reference).
 */
export const LocalizedDescriptionSchema = z
  .object({
    short: z.string().min(1).max(300).optional(),
    long: z.string().min(1).max(5000).optional(),
  })
  .refine((d) => d.short !== undefined || d.long !== undefined, { message: "expected a text" });
export type LocalizedDescription = z.infer<typeof LocalizedDescriptionSchema>;

/** The fields of a project, without the cross-field rules (so API schemas can pick from them). */
export const ProjectFieldsSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, "expected lowercase letters, digits and dashes"),
    name: z.string().min(2).max(200),
    organisation: z.string().min(2).max(200),
    shortDescription: z.string().min(1).max(300),
    description: z.string().max(5000),
    shortDescriptionEn: z.string().max(300).optional(),
    descriptionEn: z.string().max(5000).optional(),
    /**
     * The texts per language (`{ ar: { short, long }, … }`), when the project has translations.
     * `shortDescription`/`description` stay the German original, `…En` the English one.
     */
    descriptions: z.record(LanguageCodeSchema, LocalizedDescriptionSchema).optional(),
    focus: z.array(FocusAreaSchema).min(1),
    ageMin: AgeSchema,
    ageMax: AgeSchema,
    audiences: z.array(AudienceSchema).default([]),
    languages: z.array(LanguageCodeSchema).min(1),
    volunteers: VolunteerNeedsSchema,
    address: z.string().max(200).optional(),
    postcode: PostcodeSchema,
    place: z.string().min(1).max(100),
    state: StateSchema,
    lat: z.number().min(47).max(55.5),
    lon: z.number().min(5.5).max(15.5),
    contact: ContactSchema,
    slackChannelId: z
      .string()
      .regex(/^[CG][A-Z0-9]{6,}$/, "expected a Slack channel id like C0123ABCD")
      .optional(),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .strip();

/** A mentoring project ("Patenschaftsprojekt") as stored in the catalogue. */
export const ProjectSchema = ProjectFieldsSchema.refine((p) => p.ageMin <= p.ageMax, {
  path: ["ageMax"],
  message: "ageMax must not be below ageMin",
});

export type Project = z.infer<typeof ProjectSchema>;
