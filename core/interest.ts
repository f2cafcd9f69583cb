import { FOCUS_AREAS, type FocusArea } from "./focus.js";
import { INTEREST_SYNONYMS } from "./interest-synonyms/index.js";
import { editDistance } from "./place-index.js";
import { tokenize } from "./text-fold.js";

export { ageHintFromText } from "./age-hint.js";

/** Longest synonym phrase in words ("neu in Deutschland"). */
const MAX_PHRASE_WORDS = 3;
/** Shortest synonym that may be found inside a compound word ("Mathenachhilfe" → "nachhilfe"). */
const MIN_COMPOUND_PART = 5;

interface SynonymEntry {
  key: string;
  focus: FocusArea;
}

/** The characters of a text as 32 bits (code point mod 32); one edit changes at most two bits. */
function charMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= 1 << (text.charCodeAt(i) & 31);
  return mask;
}

function bitCount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0xf0f0f0f) * 0x1010101) >>> 24;
}

/** The synonyms of one or more languages, folded, ready for exact, typo-tolerant and compound lookup. */
interface SynonymMatcher {
  exact: Map<string, Set<FocusArea>>;
  /** Entries by key length, so a typo search only compares keys of nearly the same length. */
  byLength: Map<number, (SynonymEntry & { mask: number })[]>;
  compoundParts: SynonymEntry[];
}

const matchers = new Map<string, SynonymMatcher>();

function buildMatcher(languages: string[]): SynonymMatcher {
  const entries: SynonymEntry[] = [];
  for (const language of languages) {
    const synonyms = INTEREST_SYNONYMS[language];
    if (!synonyms) continue;
    for (const focus of FOCUS_AREAS) {
      for (const word of synonyms[focus]) entries.push({ key: tokenize(word).join(" "), focus });
    }
  }
  const exact = new Map<string, Set<FocusArea>>();
  for (const { key, focus } of entries) {
    const set = exact.get(key) ?? new Set<FocusArea>();
    set.add(focus);
    exact.set(key, set);
  }
  const byLength: SynonymMatcher["byLength"] = new Map();
  for (const e of entries) {
    const list = byLength.get(e.key.length) ?? [];
    list.push({ ...e, mask: charMask(e.key) });
    byLength.set(e.key.length, list);
  }
  const compoundParts = entries.filter((e) => !e.key.includes(" ") && e.key.length >= MIN_COMPOUND_PART);
  return { exact, byLength, compoundParts };
}

function matcherFor(languages: string[]): SynonymMatcher {
  const cacheKey = languages.join(",");
  let matcher = matchers.get(cacheKey);
  if (!matcher) {
    matcher = buildMatcher(languages);
    matchers.set(cacheKey, matcher);
  }
  return matcher;
}

/** Typos allowed for a word or phrase of this length: none for short words, where one edit changes meaning ("read" / "ready"). */
function allowedTypos(length: number): number {
  if (length >= 9) return 2;
  if (length >= 6) return 1;
  return 0;
}

function fuzzyFocus(phrase: string, matcher: SynonymMatcher): FocusArea[] {
  const typos = allowedTypos(phrase.length);
  if (typos === 0) return [];
  // A bounded edit distance against keys of nearly the same length: linear in the number of
  // synonyms, where a Fuse.js search per phrase cost ~25 ms (a 1,000-character text took seconds).
  const found: FocusArea[] = [];
  const mask = charMask(phrase);
  for (let length = phrase.length - typos; length <= phrase.length + typos; length++) {
    for (const e of matcher.byLength.get(length) ?? []) {
      if (bitCount(mask ^ e.mask) > 2 * typos) continue;
      if (editDistance(phrase, e.key, typos) <= typos) found.push(e.focus);
    }
  }
  return found;
}

function compoundFocus(word: string, matcher: SynonymMatcher): FocusArea[] {
  return matcher.compoundParts
    .filter((e) => e.key.length < word.length && word.includes(e.key))
    .map((e) => e.focus);
}

function matchTokens(tokens: string[], matcher: SynonymMatcher): FocusArea[] {
  const found: FocusArea[] = [];
  let i = 0;
  // Longest phrase first, and a matched phrase consumes its words, so "Deutsch lernen" is
  // reading and not also school because of "lernen".
  outer: while (i < tokens.length) {
    for (let words = Math.min(MAX_PHRASE_WORDS, tokens.length - i); words >= 1; words--) {
      const phrase = tokens.slice(i, i + words).join(" ");
      const exact = matcher.exact.get(phrase);
      const hits = exact ? [...exact] : fuzzyFocus(phrase, matcher);
      if (hits.length > 0) {
        found.push(...hits);
        i += words;
        continue outer;
      }
    }
    found.push(...compoundFocus(tokens[i] ?? "", matcher));
    i++;
  }
  return found;
}

function unique(areas: FocusArea[]): FocusArea[] {
  return [...new Set(areas)];
}

/**
 * Maps free text ("Hausaufgabn", "my daughter needs help with homework") to focus areas, in the
 * order they are mentioned. Uses the given language's synonyms first and every supported
 * language's when none is given or nothing matched.
 */
export function interestToFocus(text: string, language?: string): FocusArea[] {
  const tokens = tokenize(text);
  if (tokens.length === 0) return [];
  // The exact locale first ("de-simple", "prs"), then its primary language ("de-AT" → "de").
  const code = language?.toLowerCase().replace(/_/g, "-");
  const primary = code && INTEREST_SYNONYMS[code] ? code : code?.split("-")[0];
  if (primary && INTEREST_SYNONYMS[primary]) {
    const found = unique(matchTokens(tokens, matcherFor([primary])));
    if (found.length > 0) return found;
  }
  return unique(matchTokens(tokens, matcherFor(Object.keys(INTEREST_SYNONYMS))));
}
