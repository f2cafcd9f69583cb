import { type LanguageTables, matchesStart, type UnderstandingTables } from "./language-tables.js";
import type { PlaceIndex } from "./place-index.js";
import { placeKey } from "./place-name-key.js";
import type { Word } from "./text-fold.js";

/** Words before a place name ("in Köln", "aus Bonn", "near Essen"); after them any place counts. */
const PREPOSITIONS = new Set([
  "in",
  "im",
  "aus",
  "bei",
  "nach",
  "nahe",
  "nähe",
  "von",
  "near",
  "from",
  "at",
  "à",
  "en",
  "di",
  "da",
]);

/**
 * Everyday words that are also names of some German place ("Weil", "Mark", "Au", "Berg"). They are
 * never taken as a place on their own, whatever their case.
 */
const STOPWORDS = new Set(
  (
    "ab aber alle alt am an au auf aus bad bei berg bis bitte da dann das dem den der die doch dorf dort du ein eine " +
    "er es essen feld für gut hallo haus hier hilfe hof ich ihr im in ist ja jahre kind kinder land linden mark mein " +
    "meine mit mitte nach nein neu nicht nord oder ost schule see sie so sohn stadt süd tochter und uns unser viel " +
    "von wald was weg weil wer west wie wir wo zu zum zur the and for with from near"
  ).split(" "),
);

/** A lone capitalised word must name a place at least this big, unless a preposition precedes it. */
const MIN_POPULATION_WITHOUT_PREPOSITION = 5_000;
/** An everyday word counts as a place only after a preposition and for a city this big ("aus Essen"). */
const MIN_POPULATION_FOR_STOPWORD = 50_000;

interface Span {
  text: string;
  words: number;
  afterPreposition: boolean;
}

/**
 * Finds the most likely place name in free text: the longest run of up to four words whose folded
 * form is exactly a known place name or alias (no fuzzy matching, to keep ordinary words from
 * turning into places). A single word counts only when it is no everyday word, and either follows
 * a preposition or is capitalised and names a place of some size.
 */
export function findPlaceName(text: string, index: PlaceIndex): string | undefined {
  const words = [...text.matchAll(/[\p{L}\p{M}][\p{L}\p{M}'’.-]*/gu)].map((m) =>
    m[0].replace(/[.'’-]+$/, ""),
  );
  const spans: Span[] = [];
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const previous = words[i - 1]?.toLowerCase();
      spans.push({
        text: words.slice(i, i + n).join(" "),
        words: n,
        afterPreposition: previous !== undefined && PREPOSITIONS.has(previous),
      });
    }
  }
  const accepted = spans.filter((span) => {
    const key = placeKey(span.text);
    const places = key.length < 3 ? [] : index.named(key);
    if (places.length === 0) return false;
    if (span.words > 1) return !STOPWORDS.has(key.split(" ")[0] ?? "") || span.afterPreposition;
    const biggest = Math.max(0, ...places.map((p) => p.population));
    if (STOPWORDS.has(key)) return span.afterPreposition && biggest >= MIN_POPULATION_FOR_STOPWORD;
    if (span.afterPreposition) return true;
    const first = span.text[0] ?? "";
    const capitalised = first !== first.toLowerCase() || first === first.toUpperCase();
    return capitalised && biggest >= MIN_POPULATION_WITHOUT_PREPOSITION;
  });
  accepted.sort((a, b) => b.words - a.words || Number(b.afterPreposition) - Number(a.afterPreposition));
  return accepted[0]?.text;
}

/** How sure a word group is a place name. */
export type PlaceEvidence = "strong" | "capital" | "unsure";

/** A word group that may name a place, and the name to look up in the gazetteer. */
export interface PlaceCandidate {
  /** The name to look up: the German name for a known foreign form, else the words (a case ending removed). */
  name: string;
  evidence: PlaceEvidence;
  /** How many words of the message it covers. */
  words: number;
  /** Where it starts in the message. */
  at: number;
  /** The smallest place it may name: a lower-case word or a capital alone needs a town, not a hamlet. */
  minPopulation: number;
}

/** Longest place name looked for, in words ("Frankfurt am Main", "Monaco di Baviera"). */
const MAX_PLACE_WORDS = 4;
/** Shortest stem left after removing a case ending ("Бонна" → "Бонн"). */
const MIN_STEM = 3;

/**
 * Word groups of a message that may name a place, strongest evidence first: a place name of the
 * language's own list ("Monachium", "Λειψία", "ኮሎኝ"), or a word after a preposition ("в
 * Гамбурге", "ኣብ …") or with a suffix after an apostrophe ("Köln'de"); then capitalised words in
 * scripts that have capitals. An everyday word that is also a place ("Essen", "الم", "leer", "Есен")
 * counts only after a preposition; capitalised inside a sentence it is "unsure" (the bot asks). A
 * word right after a number is a unit ("۸ کلن"), never a place. Case endings of the message's
 * languages are tried off ("Лейпцигу" → "Лейпциг", "Berlinie" → "Berlin").
 */
export function placeCandidates(
  words: readonly Word[],
  languages: readonly LanguageTables[],
  tables: UnderstandingTables,
): PlaceCandidate[] {
  const folds = words.map((w) => w.fold);
  const isNumber = (i: number) => /^\d+$/.test(folds[i] ?? "") || tables.numberWords.has(folds[i] ?? "");
  const strong: PlaceCandidate[] = [];
  const weak: PlaceCandidate[] = [];
  for (let i = 0; i < words.length; i++) {
    const first = words[i];
    if (!first || /^\d+$/.test(first.fold)) continue;
    const afterPreposition = languages.some((l) => l.prepositions.has(folds[i - 1] ?? ""));
    // "۸ کلن" (8 years old) is no Köln: a unit after a number is never a place.
    const afterNumber =
      i > 0 && isNumber(i - 1) && languages.some((l) => matchesStart(first.fold, l.ageUnits));
    for (let n = Math.min(MAX_PLACE_WORDS, words.length - i); n >= 1; n--) {
      // Beyond the known forms, a name of several words is capitalised after its first ("Frankfurt am Main").
      let joined = true;
      for (let j = 1; j < n && joined; j++) {
        const w = words[i + j];
        joined = w !== undefined && !w.afterPunctuation && (w.capital || (j < n - 1 && w.fold.length <= 3));
      }
      // A known form of several words starts with its own first word ("monaco di baviera").
      if (!joined && n > (tables.placeStarts.get(first.fold) ?? 1)) continue;
      const key = n === 1 ? first.fold : folds.slice(i, i + n).join(" ");
      const last = words[i + n - 1];
      const known = tables.places.get(key);
      const falseFriend = n === 1 && languages.some((l) => l.falseFriends.has(key));
      if (known) {
        if (falseFriend && !(afterPreposition && (first.capital || first.caseless))) continue;
        if (afterNumber && !afterPreposition) continue;
        strong.push({ name: known, evidence: "strong", words: n, at: i, minPopulation: 0 });
        continue;
      }
      if (!joined) continue;
      const raw =
        n === 1
          ? first.raw
          : words
              .slice(i, i + n)
              .map((w) => w.raw)
              .join(" ");
      if (afterPreposition || last?.suffixed) {
        const names = [raw, ...stems(raw, key, languages, tables.places)];
        // "a leer" (to read), "in essen": an everyday word after a preposition still needs its capital.
        if (falseFriend && !(first.capital || first.caseless)) continue;
        const minPopulation = first.capital || first.caseless ? 0 : MIN_POPULATION_WITHOUT_PREPOSITION;
        for (const name of names) strong.push({ name, evidence: "strong", words: n, at: i, minPopulation });
        continue;
      }
      if (first.caseless || !first.capital || afterNumber) continue;
      if (falseFriend) {
        if (!first.sentenceStart)
          weak.push({
            name: raw,
            evidence: "unsure",
            words: n,
            at: i,
            minPopulation: MIN_POPULATION_WITHOUT_PREPOSITION,
          });
        continue;
      }
      for (const name of [raw, ...stems(raw, key, languages, tables.places)])
        weak.push({
          name,
          evidence: "capital",
          words: n,
          at: i,
          minPopulation: MIN_POPULATION_WITHOUT_PREPOSITION,
        });
    }
  }
  const order = (a: PlaceCandidate, b: PlaceCandidate) => b.words - a.words || a.at - b.at;
  return [...strong.sort(order), ...weak.sort(order)];
}

/**
 * The words with each case ending of the languages removed from the last word, longest ending
 * first; a stem that is a known form of some language stands for its German name ("Frankfurtu" →
 * "frankfurt" → "Frankfurt am Main", as "in Frankfurt" reads).
 */
function stems(
  raw: string,
  fold: string,
  languages: readonly LanguageTables[],
  known: ReadonlyMap<string, string>,
): string[] {
  const out: string[] = [];
  for (const l of languages) {
    for (const suffix of l.placeSuffixes) {
      if (!fold.endsWith(suffix)) continue;
      const stem = raw.slice(0, raw.length - suffix.length);
      if (Array.from(stem.split(" ").pop() ?? "").length < MIN_STEM) continue;
      const name = known.get(fold.slice(0, fold.length - suffix.length)) ?? stem;
      if (!out.includes(name)) out.push(name);
    }
  }
  return out;
}
