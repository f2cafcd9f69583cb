/**
 * The first cut applied to text from outside, before any other processing (regexes, Unicode
 * normalisation, place lookups): however long a message is, the work done on it stays bounded.
 * Each path then applies its own, smaller limit (the dialog reads 1,000 characters).
 */
export const MAX_INBOUND_CHARS = 4000;

/** A slash command's argument is a place and an interest, never an essay. */
export const MAX_COMMAND_CHARS = 200;

/** `raw` cut to at most `max` UTF-16 units without splitting a surrogate pair; `capped` says whether it was cut. */
export function capText(raw: unknown, max = MAX_INBOUND_CHARS): { text: string; capped: boolean } {
  const text = typeof raw === "string" ? raw : "";
  if (text.length <= max) return { text, capped: false };
  const last = text.charCodeAt(max - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return { text: text.slice(0, end), capped: true };
}
