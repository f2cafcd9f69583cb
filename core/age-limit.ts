import * as z from "zod";

/** Oldest age the programme serves (children and young people up to 27); one home for the rule. */
export const MAX_AGE = 27;

/** An age in whole years within what the programme serves. */
export const AgeSchema = z.number().int().min(0).max(MAX_AGE);
