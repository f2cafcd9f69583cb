import type { FocusArea } from "./focus.js";
import type { LanguageTables, UnderstandingTables } from "./language-tables.js";
import { tokenize } from "./text-fold.js";

/** Typos allowed for a word or phrase of this length: none for short words, where one edit changes meaning ("read" / "ready"). */
function allowedTypos(length: number): number {
  if (length >= 9) return 2;
  if (length >= 6) return 1;
  return 0;
}

/** Longest phrase, in words, that may carry a typo ("neu in Deutchland"). */
const MAX_TYPO_WORDS = 3;
/** Shortest need word that also matches longer words starting with it ("спорт" → "спортом", "ödev" → no). */
const MIN_WORD_START = 5;

/** Levenshtein distance, giving up above `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

/**
 * Typo-tolerant matches: within a few real edits, with the same first letter (people rarely
 * mistype it: "рочків" is no typo of "уроків"), and for phrases the same first word and word count
 * ("در خواندن" is no typo of "درس خواندن").
 */
function fuzzyFocus(phrase: string, language: LanguageTables): FocusArea[] {
  const typos = Math.min(allowedTypos(phrase.length), phrase.includes(" ") ? 1 : 2);
  if (typos === 0) return [];
  const words = phrase.split(" ");
  const found: FocusArea[] = [];
  for (const item of language.needByFirst.get(phrase[0] ?? "") ?? []) {
    if (Math.abs(item.key.length - phrase.length) > typos) continue;
    const keyWords = item.key.split(" ");
    if (keyWords.length !== words.length || (words.length > 1 && keyWords[0] !== words[0])) continue;
    if (editDistance(phrase, item.key, typos) <= typos) found.push(item.focus);
  }
  return found;
}

/** Need words that the word starts with ("футболом" → "футбол", "ödevlerinde" → "ödev" is too short). */
function wordStartFocus(word: string, language: LanguageTables): FocusArea[] {
  if (word.length <= MIN_WORD_START) return [];
  for (let end = word.length - 1; end >= MIN_WORD_START; end--) {
    const hit = language.needExact.get(word.slice(0, end));
    if (hit) return hit;
  }
  return [];
}

function compoundFocus(word: string, language: LanguageTables): FocusArea[] {
  return language.compoundParts
    .filter((e) => e.key.length < word.length && word.includes(e.key))
    .map((e) => e.focus);
}

/**
 * The focus areas one language finds in the words, in order. Longest phrase first, and a matched
 * phrase consumes its words, so "Deutsch lernen" is reading and not also school because of
 * "lernen". Typos and compounds only when asked (the language the person writes in).
 */
function matchTokens(
  tokens: readonly string[],
  language: LanguageTables,
  forgiving: boolean,
  blocked: ReadonlySet<string>,
): FocusArea[] {
  const found: FocusArea[] = [];
  let i = 0;
  outer: while (i < tokens.length) {
    // A phrase of several words (exact or with a typo) starts with its own first word.
    const longest = language.needPhraseStarts.get(tokens[i] ?? "") ?? 1;
    for (let n = Math.min(longest, tokens.length - i); n >= 1; n--) {
      const phrase = n === 1 ? (tokens[i] ?? "") : tokens.slice(i, i + n).join(" ");
      // "Deutschland" is no need on its own, but "neu in Deutschland" is.
      if (n === 1 && blocked.has(phrase)) continue;
      let hits = language.needExact.get(phrase) ?? [];
      if (hits.length === 0 && forgiving && n === 1) hits = wordStartFocus(phrase, language);
      if (hits.length === 0 && forgiving && n <= MAX_TYPO_WORDS) hits = fuzzyFocus(phrase, language);
      if (hits.length > 0) {
        found.push(...hits);
        i += n;
        continue outer;
      }
    }
    if (forgiving && !blocked.has(tokens[i] ?? "")) found.push(...compoundFocus(tokens[i] ?? "", language));
    i++;
  }
  return found;
}

/** Reads focus areas from an interest text in a language; what the search takes instead of the word tables. */
export type NeedReader = (text: string, language?: string) => FocusArea[];

/** The locale code the tables know for a language tag: "de-simple", "prs", "de-AT" → "de". */
export function tablesCode(tables: UnderstandingTables, language: string | undefined): string | undefined {
  const code = language?.toLowerCase().replace(/_/g, "-");
  if (!code) return undefined;
  if (tables.languages.has(code)) return code;
  const primary = code.split("-")[0] ?? "";
  return tables.languages.has(primary) ? primary : undefined;
}

/**
 * Maps free text ("Hausaufgabn", "my daughter needs help with homework") to focus areas, in the
 * order they are mentioned. The languages the person writes in (the session's and the detected
 * one; German and English when none is known) are searched forgivingly (typos, and compounds
 * where the language builds them) and together, so a weak hit in one does not hide a need named
 * in the other; German words mixed in ("Ausbildung") count exactly. Only when none of them finds
 * anything are all languages searched, and then only for exact words, so no typo of a word in a
 * third language turns into a false friend.
 */
export function interestToFocus(
  text: string,
  tables: UnderstandingTables,
  languages: readonly (string | undefined)[] = [],
): FocusArea[] {
  return focusInWords(tokenize(text), tables, languages);
}

/** `interestToFocus` on folded words; an empty word is skipped (it was read as something else). */
export function focusInWords(
  words: readonly string[],
  tables: UnderstandingTables,
  languages: readonly (string | undefined)[] = [],
): FocusArea[] {
  const codes = [...new Set(languages.map((l) => tablesCode(tables, l)).filter((c) => c !== undefined))];
  const own = codes.length > 0 ? codes : ["de", "en"].filter((c) => tables.languages.has(c));
  const active = own.map((c) => tables.languages.get(c)).filter((l) => l !== undefined);
  const tokens = words.filter((t) => t !== "");
  if (tokens.length === 0) return [];
  const blocked = new Set(tokens.filter((t) => active.some((l) => l.notNeeds.has(t))));
  const found: FocusArea[] = [];
  for (const language of active) found.push(...matchTokens(tokens, language, true, blocked));
  const german = tables.languages.get("de");
  if (german && !own.includes("de") && !own.includes("de-simple"))
    found.push(...matchTokens(tokens, german, false, blocked));
  if (found.length === 0) {
    for (const code of tables.codes) {
      const language = tables.languages.get(code);
      if (language && !own.includes(code)) found.push(...matchTokens(tokens, language, false, blocked));
    }
  }
  return [...new Set(found)];
}
