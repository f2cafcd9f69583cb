import type { FocusArea } from "../focus.js";

/** Words and phrases (any case, with umlauts) that point to each focus area, for one language. */
export type InterestSynonyms = Record<FocusArea, readonly string[]>;
