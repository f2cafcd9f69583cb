import type { FocusArea } from "../core/focus.js";
import { ageHintFromText, interestToFocus } from "../core/interest.js";
import type { Gazetteer, PlaceEntry, PlaceLookup, PostcodeEntry, PostcodeError } from "../core/location.js";
import { normaliseDigits } from "../core/postcode-input.js";
import type { PlaceChoice } from "./session.js";

/** Where a search should be centred, with a data label (postcode and place name). */
export interface FoundOrigin {
  lat: number;
  lon: number;
  label: string;
  /** The point stands for a whole city (a big city named alone), so distances are rough. */
  approximate?: boolean;
}

/** What a text said about a location. */
export type LocationFinding =
  | { kind: "origin"; origin: FoundOrigin }
  | { kind: "ambiguous"; choices: PlaceChoice[] }
  | { kind: "postcode_error"; reason: PostcodeError; input: string }
  | { kind: "not_found" };

/** Everything a free text told us that fits the search form. */
export interface Understood {
  age?: number;
  focus: FocusArea[];
  location?: LocationFinding;
}

const MAX_PLACE_CHOICES = 8;
/** Only the start of a long text is searched for age, need and place; the rest costs time and says little. */
const MAX_UNDERSTOOD_CHARS = 300;
const POSTCODE_LIKE = /\d{4,}/g;

/** The data label of a postcode: "50667 Köln". */
export function postcodeLabel(e: PostcodeEntry): string {
  return `${e.postcode} ${e.places[0] ?? ""}`.trim();
}

/** The data label of a place: "Neukölln (Berlin)". */
export function placeLabel(p: { name: string; parent?: string }): string {
  return p.parent ? `${p.name} (${p.parent})` : p.name;
}

function toChoice(p: PlaceEntry): PlaceChoice {
  return { name: p.name, parent: p.parent || undefined, state: p.state, lat: p.lat, lon: p.lon };
}

function fromPlaceLookup(found: PlaceLookup): LocationFinding {
  if (found.kind === "found") {
    const p = found.place;
    const origin: FoundOrigin = { lat: p.lat, lon: p.lon, label: placeLabel(p) };
    if (p.approximate) origin.approximate = true;
    return { kind: "origin", origin };
  }
  if (found.kind === "ambiguous" && found.choices.length > 0) {
    return { kind: "ambiguous", choices: found.choices.slice(0, MAX_PLACE_CHOICES).map(toChoice) };
  }
  return { kind: "not_found" };
}

function fromPostcode(e: PostcodeEntry): LocationFinding {
  const origin: FoundOrigin = { lat: e.lat, lon: e.lon, label: postcodeLabel(e) };
  if (e.approximate) origin.approximate = true;
  return { kind: "origin", origin };
}

/**
 * Reads a location from text: a bare postcode (with a reason when it is not valid), a postcode or
 * place inside a sentence, or, when the person was asked for a location, a place name. Outside
 * the location step only clear findings count, so "Lesen" is never taken for a town.
 */
export function understandLocation(
  text: string,
  gazetteer: Gazetteer,
  askedForLocation: boolean,
): LocationFinding | undefined {
  const input = normaliseDigits(text).trim();
  if (input === "") return undefined;
  if (/^[\d\s]+$/.test(input)) {
    const digits = input.replace(/\s/g, "");
    if (digits.length <= 2) return undefined; // an age, not a postcode
    const found = gazetteer.lookupPostcode(digits);
    return found.ok
      ? fromPostcode(found.entry)
      : { kind: "postcode_error", reason: found.reason, input: digits };
  }
  const inText = gazetteer.findInText(input);
  if (inText?.postcode) return fromPostcode(inText.postcode);
  if (inText?.place) {
    const finding = fromPlaceLookup(inText.place);
    if (finding.kind === "origin" || (askedForLocation && finding.kind === "ambiguous")) return finding;
  }
  if (!askedForLocation) return undefined;
  // Starts like a postcode ("5066 Köln", "A-1010", "1010 Wien"): the gazetteer explains what is wrong.
  const postcodeFirst = /^([A-Za-z]{1,3}\s*[-–]?\s*)?\d/.test(input) && input.length <= 40;
  if (postcodeFirst) {
    const found = gazetteer.lookupPostcode(input);
    return found.ok ? fromPostcode(found.entry) : { kind: "postcode_error", reason: found.reason, input };
  }
  const digitRun = input.match(POSTCODE_LIKE)?.[0];
  if (digitRun) {
    const found = gazetteer.lookupPostcode(digitRun);
    if (found.ok) return fromPostcode(found.entry);
    return { kind: "postcode_error", reason: found.reason, input: digitRun };
  }
  if (Array.from(input).length > 60) return { kind: "not_found" };
  return fromPlaceLookup(gazetteer.lookupPlace(input));
}

/**
 * Reads age, focus and location from one free text. `askedForAge` lets a bare number ("8") count
 * as an age; postcode-like numbers never do.
 */
export function understandText(
  text: string,
  language: string,
  gazetteer: Gazetteer,
  asked: { age: boolean; location: boolean },
): Understood {
  const head = Array.from(text).slice(0, MAX_UNDERSTOOD_CHARS).join("");
  const location = understandLocation(head, gazetteer, asked.location);
  const rest = normaliseDigits(head).replace(POSTCODE_LIKE, " ");
  let age = ageHintFromText(rest);
  const bare = rest.trim().match(/^(\d{1,2})\.?$/);
  if (age === undefined && asked.age && bare?.[1]) age = Number(bare[1]);
  return { age, focus: interestToFocus(rest, language), location };
}
