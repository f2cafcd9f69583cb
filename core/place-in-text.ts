import type { PlaceIndex } from "./place-index.js";
import { placeKey } from "./place-name-key.js";

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
