import { ageInWords, bareAge } from "../core/age-hint.js";
import { detectLanguage } from "../core/detect-language.js";
import type { FocusArea } from "../core/focus.js";
import { focusInWords, tablesCode } from "../core/interest.js";
import type { LanguageTables, UnderstandingTables } from "../core/language-tables.js";
import type { Gazetteer, PlaceEntry, PlaceLookup, PostcodeEntry, PostcodeError } from "../core/location.js";
import { placeCandidates } from "../core/place-in-text.js";
import { normaliseDigits } from "../core/postcode-input.js";
import { roleInWords } from "../core/role-in-text.js";
import { type Word, wordsOf } from "../core/text-fold.js";
import type { PlaceChoice } from "./session.js";
import { understandingTables } from "./understanding-tables.js";

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
  /** Several places of the name; `confirm` when it is one place but the word may not mean it ("Meinst du Hamm?"). */
  | { kind: "ambiguous"; choices: PlaceChoice[]; confirm?: boolean }
  | { kind: "postcode_error"; reason: PostcodeError; input: string }
  | { kind: "not_found" };

/** Everything a free text told us that fits the search form. */
export interface Understood {
  age?: number;
  focus: FocusArea[];
  location?: LocationFinding;
  /** Who is writing, when the words say so; "unsure" when they point both ways (ask). */
  role?: "family" | "volunteer" | "unsure";
  /** The languages the message seems to be in, most likely first (empty when unclear). */
  languages: string[];
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

/** The tables of the languages a message may be in: the session's, the detected ones and German (mixed in everywhere). */
function activeLanguages(
  tables: UnderstandingTables,
  codes: readonly (string | undefined)[],
): LanguageTables[] {
  const seen = new Set<string>();
  const out: LanguageTables[] = [];
  for (const c of [...codes, "de"]) {
    const code = tablesCode(tables, c);
    const language = code ? tables.languages.get(code) : undefined;
    if (language && !seen.has(code ?? "")) {
      seen.add(code ?? "");
      out.push(language);
    }
  }
  return out;
}

/** Whether two lookups found the same place (or the same choices). */
function samePlace(a: PlaceLookup | undefined, b: PlaceLookup): boolean {
  const first = (l: PlaceLookup) =>
    l.kind === "found" ? l.place : l.kind === "ambiguous" ? l.choices[0] : undefined;
  const x = a ? first(a) : undefined;
  const y = first(b);
  return a?.kind === b.kind && x !== undefined && x.lat === y?.lat && x.lon === y?.lon;
}

/**
 * A place named in the words, with evidence (see `placeCandidates`), looked up exactly in the
 * gazetteer: one place, several to choose from (only on strong evidence), or one to confirm when
 * the word may be an everyday word ("… Hamm …").
 */
function placeInWords(
  words: readonly Word[],
  languages: readonly LanguageTables[],
  tables: UnderstandingTables,
  gazetteer: Gazetteer,
): LocationFinding | undefined {
  let unsure: PlaceEntry | undefined;
  for (const c of placeCandidates(words, languages, tables)) {
    const found = gazetteer.findInText(`in ${c.name}`)?.place;
    if (!found || found.kind === "not_found") continue;
    // The gazetteer finds names inside the words too ("Kyle here" → Kyle): a group must be the name itself.
    if (
      c.name.includes(" ") &&
      c.name.split(" ").some((w) => samePlace(gazetteer.findInText(`in ${w}`)?.place, found))
    )
      continue;
    if (found.kind === "ambiguous") {
      if (c.evidence === "strong" && found.choices.length > 0) return fromPlaceLookup(found);
      continue;
    }
    if (found.place.population < c.minPopulation) continue;
    if (c.evidence === "unsure") {
      unsure ??= found.place;
      continue;
    }
    return fromPlaceLookup(found);
  }
  return unsure ? { kind: "ambiguous", choices: [toChoice(unsure)], confirm: true } : undefined;
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
  languages: readonly string[] = [],
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
  if (/(?<!\d)\d{5}(?!\d)/.test(input)) {
    const postcode = gazetteer.findInText(input)?.postcode;
    if (postcode) return fromPostcode(postcode);
  }
  const tables = understandingTables();
  const words = wordsOf(input);
  // Asked where they live, a short answer that is exactly a known name is that place, districts
  // with their city included ("Köln Ehrenfeld", "Hamburg Altona"), before any single word of it.
  if (askedForLocation && words.length <= MAX_WHOLE_ANSWER_WORDS) {
    const whole = gazetteer.findInText(`in ${input}`)?.place;
    if (whole && whole.kind !== "not_found") return fromPlaceLookup(whole);
  }
  const inText = placeInWords(words, activeLanguages(tables, languages), tables, gazetteer);
  if (inText && (inText.kind === "origin" || askedForLocation || inText.kind === "ambiguous")) return inText;
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

/** Most words of an answer to "where do you live?" that are looked up as one place name first. */
const MAX_WHOLE_ANSWER_WORDS = 3;

/** Most languages a message is read in besides the session's. */
const MAX_DETECTED = 2;

/**
 * Reads age, focus, role and location from one free text, in the session's language and the
 * languages the text seems to be in. `asked.age` lets a bare number ("8", "acht") count as an age;
 * postcode-like numbers never do. Volunteer phrases ("ich möchte Patin werden") make a volunteer
 * (whose "Patin" is no need when they name one); words for one's own child make a family.
 */
export function understandText(
  text: string,
  language: string,
  gazetteer: Gazetteer,
  asked: { age: boolean; location: boolean },
): Understood {
  const tables = understandingTables();
  const head = Array.from(text).slice(0, MAX_UNDERSTOOD_CHARS).join("");
  const detected = (detectLanguage(head, tables)?.languages ?? []).slice(0, MAX_DETECTED);
  const codes = [language, ...detected];
  const location = understandLocation(head, gazetteer, asked.location, codes);
  const words = wordsOf(normaliseDigits(head).replace(POSTCODE_LIKE, " "));
  const folds = words.map((w) => w.fold);
  const active = activeLanguages(tables, codes);
  let age = ageInWords(folds, active);
  if (age === undefined && asked.age) age = bareAge(folds, active);
  const role = roleInWords(folds, active);
  let focus = focusInWords(folds, tables, [language, ...detected]);
  const volunteer = role.volunteer.length > 0;
  // A volunteer who names what they would help with means that, not general mentoring.
  if (volunteer && focus.length > 1) focus = focus.filter((f) => f !== "mentoring");
  const who = volunteer ? (role.ownChild ? "unsure" : "volunteer") : role.ownChild ? "family" : undefined;
  return { age, focus, location, role: who, languages: detected };
}
