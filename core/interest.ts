import Fuse from "fuse.js";
import { FOCUS_AREAS, type FocusArea } from "./focus.js";
import { INTEREST_SYNONYMS } from "./interest-synonyms/index.js";
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

/** The synonyms of one or more languages, folded, ready for exact, typo-tolerant and compound lookup. */
interface SynonymMatcher {
  exact: Map<string, Set<FocusArea>>;
  /**
   * One Fuse index per key length with each entry's position in the full list: a hit may differ
   * in length by at most the allowed typos, so a phrase searches only a few small indexes
   * instead of every synonym of every language (that search was 40 % of a web turn's CPU).
   * Scores do not depend on the other entries (field norm is off), so hits are the same.
   */
  fuzzyByLength: Map<number, { fuse: Fuse<SynonymEntry>; positions: number[] }>;
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
  const groups = new Map<number, { list: SynonymEntry[]; positions: number[] }>();
  entries.forEach((entry, position) => {
    const group = groups.get(entry.key.length) ?? { list: [], positions: [] };
    group.list.push(entry);
    group.positions.push(position);
    groups.set(entry.key.length, group);
  });
  const fuzzyByLength = new Map<number, { fuse: Fuse<SynonymEntry>; positions: number[] }>();
  for (const [length, { list, positions }] of groups) {
    const fuse = new Fuse(list, {
      keys: ["key"],
      includeScore: true,
      threshold: 0.25,
      ignoreLocation: true,
      ignoreFieldNorm: true,
    });
    fuzzyByLength.set(length, { fuse, positions });
  }
  const compoundParts = entries.filter((e) => !e.key.includes(" ") && e.key.length >= MIN_COMPOUND_PART);
  return { exact, fuzzyByLength, compoundParts };
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
  // Fuse matches substrings too; the length window keeps "hausaufgabn" from matching "hausaufgabenhilfe".
  const hits: { focus: FocusArea; score: number; position: number }[] = [];
  for (let length = phrase.length - typos; length <= phrase.length + typos; length++) {
    const group = matcher.fuzzyByLength.get(length);
    if (!group) continue;
    for (const { item, score = 1, refIndex } of group.fuse.search(phrase)) {
      if (score * phrase.length <= typos + 0.01) {
        hits.push({ focus: item.focus, score, position: group.positions[refIndex] ?? 0 });
      }
    }
  }
  // Fuse's own order over the whole list: best score first, then list position.
  hits.sort((a, b) => a.score - b.score || a.position - b.position);
  return hits.map((h) => h.focus);
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
