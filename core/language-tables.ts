import { FOCUS_AREAS, type FocusArea } from "./focus.js";
import { COMMANDS, type CommandName, type LanguageData } from "./language-data.js";
import { tokenize } from "./text-fold.js";

/** Shortest need word that may be found inside a compound ("Mathenachhilfe" → "nachhilfe"). */
const MIN_COMPOUND_PART = 5;
/** Shortest first word of a volunteer phrase that may end a compound ("Hausaufgabenhilfe geben"). */
export const MIN_COMPOUND_VOLUNTEER_STEM = 5;
/** Word starts shorter than this match only whole words ("j", "an", "yo"). */
const MIN_PREFIX = 3;

export interface NeedEntry {
  key: string;
  focus: FocusArea;
}

/** A word list folded into phrases (token arrays), and a set for one-word lookups. */
export interface PhraseList {
  phrases: string[][];
  single: Set<string>;
  /** The phrases by their first word, longest first. */
  byFirst: Map<string, string[][]>;
}

/** One language's understanding data, folded and indexed once. */
export interface LanguageTables {
  code: string;
  compounds: boolean;
  needExact: Map<string, FocusArea[]>;
  /** Need entries by first letter, for typo matching (a typo rarely hits the first letter). */
  needByFirst: Map<string, NeedEntry[]>;
  compoundParts: NeedEntry[];
  notNeeds: Set<string>;
  /** First words of need phrases of several words, with the longest such phrase (in words). */
  needPhraseStarts: Map<string, number>;
  numbers: Map<string, number>;
  maxNumberWords: number;
  joiners: Set<string>;
  ageUnits: { exact: Set<string>; prefixes: string[] };
  ageBefore: Set<string>;
  children: PhraseList;
  grades: { exact: Map<string, number>; prefixes: [string, number][] };
  prepositions: Set<string>;
  placeSuffixes: string[];
  places: Map<string, string>;
  maxPlaceWords: number;
  falseFriends: Set<string>;
  volunteer: string[][];
  /** Volunteer phrases by the first letter of their first word, and those that may end a compound word. */
  volunteerByFirst: Map<string, string[][]>;
  volunteerInCompounds: string[][];
  cues: Set<string>;
  latinCues: Set<string>;
  /** Command phrases, folded words joined by a space ("meine daten loschen" → delete). */
  commands: Map<string, CommandName>;
}

/** Every language's tables, in registry order, plus which language owns each cue word. */
export interface UnderstandingTables {
  languages: ReadonlyMap<string, LanguageTables>;
  codes: readonly string[];
  /** A cue word and the one language it points to ("" when several share it). */
  cueOwner: ReadonlyMap<string, string>;
  latinCueOwner: ReadonlyMap<string, string>;
  /** Every language's place forms together (folded form → German name): a listed form is evidence in any message. */
  places: ReadonlyMap<string, string>;
  /** First words of those forms of several words, with the longest such form (in words). */
  placeStarts: ReadonlyMap<string, number>;
  /** Every language's number words, folded. */
  numberWords: ReadonlySet<string>;
}

const key = (phrase: string) => tokenize(phrase).join(" ");

function phraseList(words: readonly string[]): PhraseList {
  const phrases = words.map(tokenize).filter((p) => p.length > 0);
  const byFirst = new Map<string, string[][]>();
  for (const p of [...phrases].sort((a, b) => b.length - a.length)) {
    const list = byFirst.get(p[0] ?? "") ?? [];
    list.push(p);
    byFirst.set(p[0] ?? "", list);
  }
  return { phrases, single: new Set(phrases.filter((p) => p.length === 1).map((p) => p[0] ?? "")), byFirst };
}

function split<T>(entries: [string, T][]): { exact: Map<string, T>; prefixes: [string, T][] } {
  const exact = new Map<string, T>();
  const prefixes: [string, T][] = [];
  for (const [word, value] of entries) {
    const k = key(word);
    if (k === "" || k.includes(" ")) continue;
    exact.set(k, value);
    if (k.length >= MIN_PREFIX) prefixes.push([k, value]);
  }
  prefixes.sort((a, b) => b[0].length - a[0].length);
  return { exact, prefixes };
}

function phraseStarts(keys: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keys) {
    const words = k.split(" ");
    if (words.length > 1) out.set(words[0] ?? "", Math.max(out.get(words[0] ?? "") ?? 1, words.length));
  }
  return out;
}

function byFirstLetter(phrases: string[][]): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const p of phrases) {
    const first = p[0]?.[0] ?? "";
    out.set(first, [...(out.get(first) ?? []), p]);
  }
  return out;
}

function byFirst(entries: NeedEntry[]): Map<string, NeedEntry[]> {
  const out = new Map<string, NeedEntry[]>();
  for (const e of entries) {
    const first = e.key[0] ?? "";
    const list = out.get(first) ?? [];
    list.push(e);
    out.set(first, list);
  }
  return out;
}

/** Folds and indexes one language's data. */
export function compileLanguage(code: string, data: LanguageData): LanguageTables {
  const entries: NeedEntry[] = [];
  for (const focus of FOCUS_AREAS) for (const w of data.needs[focus]) entries.push({ key: key(w), focus });
  const needExact = new Map<string, FocusArea[]>();
  for (const { key: k, focus } of entries) {
    const list = needExact.get(k) ?? [];
    if (!list.includes(focus)) list.push(focus);
    needExact.set(k, list);
  }
  const numbers = new Map<string, number>();
  for (const [w, n] of Object.entries(data.numbers)) numbers.set(key(w), n);
  const units = split(data.ageUnits.map((w) => [w, true] as [string, boolean]));
  const places = new Map<string, string>();
  for (const [local, german] of Object.entries(data.places)) places.set(key(local), german);
  const volunteer = data.volunteer.map(tokenize).filter((p) => p.length > 0);
  return {
    code,
    compounds: data.compounds,
    needExact,
    needByFirst: byFirst(entries),
    compoundParts: data.compounds
      ? entries.filter((e) => !e.key.includes(" ") && e.key.length >= MIN_COMPOUND_PART)
      : [],
    notNeeds: new Set(data.notNeeds.map(key)),
    needPhraseStarts: phraseStarts([...needExact.keys()]),
    numbers,
    maxNumberWords: Math.max(1, ...[...numbers.keys()].map((k) => k.split(" ").length)),
    joiners: new Set(data.joiners.map(key)),
    ageUnits: { exact: new Set(units.exact.keys()), prefixes: units.prefixes.map(([p]) => p) },
    ageBefore: new Set(data.ageBefore.map(key)),
    children: phraseList(data.children),
    grades: split(Object.entries(data.grades)),
    prepositions: new Set(data.prepositions.map(key)),
    placeSuffixes: data.placeSuffixes.map(key).sort((a, b) => b.length - a.length),
    places,
    maxPlaceWords: Math.max(1, ...[...places.keys()].map((k) => k.split(" ").length)),
    falseFriends: new Set(data.falseFriends.map(key)),
    volunteer,
    volunteerByFirst: byFirstLetter(volunteer),
    volunteerInCompounds: data.compounds
      ? volunteer.filter((p) => (p[0]?.length ?? 0) >= MIN_COMPOUND_VOLUNTEER_STEM)
      : [],
    cues: new Set(data.cues.map(key)),
    latinCues: new Set(data.latinCues.map(key)),
    commands: new Map(
      COMMANDS.flatMap((c) => data.commands[c].map((w) => [key(w), c] as [string, CommandName])).filter(
        ([k]) => k !== "",
      ),
    ),
  };
}

function owners(languages: LanguageTables[], pick: (l: LanguageTables) => Set<string>): Map<string, string> {
  const owner = new Map<string, string>();
  for (const l of languages) {
    for (const w of pick(l)) {
      const seen = owner.get(w);
      owner.set(w, seen === undefined || seen === l.code ? l.code : "");
    }
  }
  return owner;
}

/** Compiles every language's data (registry order is kept: it is the fallback order). */
export function compileTables(data: Readonly<Record<string, LanguageData>>): UnderstandingTables {
  const list = Object.entries(data).map(([code, d]) => compileLanguage(code, d));
  // Simple German shares German's cue words: it is the same language for detection.
  const detectable = list.filter((l) => l.code !== "de-simple");
  return {
    languages: new Map(list.map((l) => [l.code, l])),
    codes: list.map((l) => l.code),
    cueOwner: owners(detectable, (l) => l.cues),
    latinCueOwner: owners(detectable, (l) => l.latinCues),
    places: new Map(list.flatMap((l) => [...l.places])),
    placeStarts: phraseStarts(list.flatMap((l) => [...l.places.keys()])),
    numberWords: new Set(list.flatMap((l) => [...l.numbers.keys()])),
  };
}

/** True when the word is one of the list's entries, or starts with one of its longer entries. */
export function matchesStart(word: string, list: { exact: Set<string>; prefixes: string[] }): boolean {
  return list.exact.has(word) || list.prefixes.some((p) => word.startsWith(p));
}

/** The phrase of the list starting at word `i`, if any (longest first); its length in words. */
export function phraseAt(words: readonly string[], i: number, list: PhraseList): number {
  for (const p of list.byFirst.get(words[i] ?? "") ?? [])
    if (p.every((w, j) => words[i + j] === w)) return p.length;
  return 0;
}
