import type { Gazetteer, Origin, PlaceEntry, PostcodeError } from "./location.js";
import { originFromPlace, originFromPostcode } from "./origin.js";
import { normaliseDigits } from "./postcode-input.js";
import { capText, MAX_COMMAND_CHARS } from "./text-cap.js";

/** The longest place name tried, in words ("Frankfurt am Main", "Sankt Peter-Ording" fit easily). */
const MAX_PLACE_WORDS = 6;

/** What `/paten <postcode or place> [interest]` asks for, or why it cannot be answered. */
export type SearchCommand =
  | { kind: "search"; origin: Origin; interest: string }
  | { kind: "usage" }
  | { kind: "postcode_error"; reason: PostcodeError; input: string }
  | { kind: "ambiguous"; choices: PlaceEntry[] }
  | { kind: "not_found"; input: string };

/**
 * Reads the text after `/paten`: a postcode (first word with digits) or the longest leading run of
 * words that names a place ("Frankfurt am Main Hausaufgaben"); what follows is the interest. A comma
 * may separate the two ("Bad Homburg, Lesen").
 */
export function parseSearchCommand(raw: string, gazetteer: Gazetteer): SearchCommand {
  const text = capText(raw, MAX_COMMAND_CHARS).text.trim().replace(/\s+/g, " ");
  if (text.length === 0) return { kind: "usage" };
  const comma = text.indexOf(",");
  const [head, tail] = comma >= 0 ? [text.slice(0, comma), text.slice(comma + 1)] : [text, ""];
  const words = head.trim().split(" ");
  const first = words[0] ?? "";
  if (/\d/.test(normaliseDigits(first))) {
    const found = gazetteer.lookupPostcode(first);
    if (!found.ok) return { kind: "postcode_error", reason: found.reason, input: first };
    return {
      kind: "search",
      origin: originFromPostcode(found.entry),
      interest: joinRest(words.slice(1), tail),
    };
  }
  // Place names have a few words ("Frankfurt am Main"); trying every prefix of a long text was quadratic.
  for (let n = Math.min(words.length, MAX_PLACE_WORDS); n >= 1; n--) {
    const name = words.slice(0, n).join(" ");
    const found = gazetteer.lookupPlace(name);
    if (found.kind === "not_found") continue;
    if (found.kind === "ambiguous") return { kind: "ambiguous", choices: found.choices };
    return {
      kind: "search",
      origin: originFromPlace(found.place),
      interest: joinRest(words.slice(n), tail),
    };
  }
  return { kind: "not_found", input: head.trim() };
}

function joinRest(words: string[], tail: string): string {
  return [...words, tail.trim()].filter((w) => w.length > 0).join(" ");
}
