import * as z from "zod";

/** The focus areas of the programme; every id has an i18n label under `focus.<id>`. */
export const FOCUS_AREAS = ["reading", "school", "work", "arriving", "leisure", "mentoring"] as const;

export const FocusAreaSchema = z.enum(FOCUS_AREAS);
export type FocusArea = z.infer<typeof FocusAreaSchema>;
