import type { PostcodeError } from "./location.js";

/** Digit blocks people type besides ASCII: Arabic-Indic, Persian/Urdu (Extended Arabic-Indic), Devanagari, fullwidth. */
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x0966, 0xff10];

/** Converts Arabic-Indic (٥٠٦٦٧), Persian (۵۰۶۶۷), Devanagari and fullwidth (５０６６７) digits to ASCII. */
export function normaliseDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\uff10-\uff19]/g, (ch) => {
    const code = ch.charCodeAt(0);
    const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9) ?? code;
    return String(code - zero);
  });
}

/** Cities of the German-speaking neighbours that use 4-digit postcodes, so "1010 Wien" is not a dropped leading zero. */
const FOREIGN_FOUR_DIGIT_PLACES =
  /^(wien|graz|linz|salzburg|innsbruck|klagenfurt|villach|wels|st\.? p[öo]lten|dornbirn|bregenz|feldkirch|z[üu]rich|bern|basel|gen[fè]ve?|genf|lausanne|luzern|lugano|st\.? gallen|winterthur|biel|vaduz|schaan|luxemb(ou)?rg|esch|k[øo]benhavn|kopenhagen|aarhus|odense|bruxelles|br[üu]ssel|brussel|antwerpen|gent|li[eè]ge|oslo|bergen)\b/i;

/** Country prefixes before a postcode that are not Germany's ("A-1010", "CH-8001", "F-75001"). */
const FOREIGN_PREFIX =
  /^(a|at|ch|fl|li|l|lu|f|fr|nl|b|be|pl|cz|cs|dk|i|it|e|es|p|pt|gb|uk|s|se|n|no|h|hu|sk|sl|si|hr|tr|us|usa)\s*[-–]?\s*\d/i;

/** The result of cleaning up what a person typed as a postcode. */
export type PostcodeInput = { digits: string } | { error: PostcodeError };

/**
 * Cleans a typed postcode: trims, converts non-ASCII digits, drops spaces, dots and a "D-"/"DE-"
 * prefix, accepts a trailing place name ("50667 Köln"), and recognises foreign formats so the bot
 * can say "that looks like an Austrian postcode" instead of "unknown". Whether 5 digits are a real
 * delivery postcode is the gazetteer's call.
 */
export function normalisePostcodeInput(raw: string): PostcodeInput {
  const text = normaliseDigits(raw).normalize("NFKC").trim();
  if (text.length === 0) return { error: "empty" };
  if (isForeign(text)) return { error: "foreign" };
  let rest = text.replace(/^(d|de|deutschland|germany)\s*[-–]?\s*(?=\d)/i, "");
  // "50667 Köln" or "50667, Köln": the digits are what counts.
  const withPlace = /^([\d\s.]+?)[\s,]+\p{L}[\p{L}\s.()/-]*$/u.exec(rest);
  if (withPlace?.[1]) rest = withPlace[1];
  const compact = rest.replace(/[\s.]/g, "");
  if (compact.length === 0) return { error: "empty" };
  if (!/^\d+$/.test(compact)) return { error: "not_digits" };
  if (compact.length < 5) return { error: "too_short" };
  if (compact.length > 5) return { error: "too_long" };
  return { digits: compact };
}

function isForeign(text: string): boolean {
  const upper = text.toUpperCase();
  if (FOREIGN_PREFIX.test(text)) return true;
  // Dutch "1012 AB", Polish "00-950", British "SW1A 1AA" / "M1 1AE", Swiss/Austrian "8001 Zürich".
  if (/^\d{4}\s?[A-Z]{2}$/.test(upper)) return true;
  if (/^\d{2}-\d{3}$/.test(text)) return true;
  if (/^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/.test(upper)) return true;
  const fourDigits = /^\d{4}[\s,]+(.+)$/.exec(text);
  return fourDigits?.[1] !== undefined && FOREIGN_FOUR_DIGIT_PLACES.test(fourDigits[1]);
}
