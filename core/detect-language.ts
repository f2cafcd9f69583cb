import { francAll } from "franc";
import { cueCounts, functionWordLanguage } from "./function-words.js";
import type { UnderstandingTables } from "./language-tables.js";
import { arabicScriptCandidates, cyrillicCandidates, latinCueCandidates } from "./script-cues.js";

/** A guess at the language a message is written in. */
export interface LanguageGuess {
  /** Supported locale codes, most likely first; several when the script fits them and nothing tells them apart. */
  languages: string[];
  /** What the guess rests on: the script alone, letters only some languages use, or trigram statistics. */
  basis: "script" | "letters" | "statistics";
}

/** franc's ISO 639-3 codes of the supported languages, and their locale codes (franc's Latin "ckb" is Kurmanji). */
const FRANC_CODES: Readonly<Record<string, string>> = {
  deu: "de",
  eng: "en",
  tur: "tr",
  pol: "pl",
  ron: "ro",
  ita: "it",
  hrv: "hr",
  bos: "hr",
  srp: "hr",
  als: "sq",
  ckb: "ku",
  som: "so",
  vie: "vi",
  spa: "es",
  fra: "fr",
  ukr: "uk",
  rus: "ru",
  bul: "bg",
  arb: "ar",
  pes: "fa",
  prs: "prs",
  pbu: "ps",
};

/** Fewest letters before trigram statistics are trusted; shorter texts need letter cues. */
const MIN_LETTERS_FOR_STATISTICS = 20;
/** The runner-up's score (best = 1) must stay below this for a statistical guess to count as clear. */
const MAX_RUNNER_UP_SCORE = 0.8;
/** Share of the letters the main script must have; mixed-script texts are not guessed. */
const MIN_SCRIPT_SHARE = 0.7;
/** A non-Latin script needs less: German words mixed into an Arabic sentence ("… Ausbildung") are common. */
const MIN_NON_LATIN_SHARE = 0.5;
/** Latin words of a language written in another script ("ibni", "madrase", "pesaram") needed to name it. */
const MIN_TRANSLITERATED_CUES = 2;

const SCRIPTS = {
  latin: /\p{Script=Latin}/u,
  cyrillic: /\p{Script=Cyrillic}/u,
  arabic: /\p{Script=Arabic}/u,
  greek: /\p{Script=Greek}/u,
  ethiopic: /\p{Script=Ethiopic}/u,
} as const;
type Script = keyof typeof SCRIPTS | "other";
const SCRIPTS_ALL = Object.fromEntries(
  Object.entries(SCRIPTS).map(([k, re]) => [k, new RegExp(re.source, "gu")]),
) as Record<keyof typeof SCRIPTS, RegExp>;
const LETTER = /\p{L}/gu;
const OTHER_LETTER =
  /(?![\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Greek}\p{Script=Ethiopic}])\p{L}/u;

/** The letters of a text without URLs, e-mail addresses and digits, which say nothing about its language. */
function lettersOnly(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\b(?:https?:\/\/|www\.)\S+/giu, " ")
    .replace(/\S+@\S+/gu, " ")
    .replace(/[^\p{L}\p{M}\s'’-]+/gu, " ");
}

/** The script most letters are in, and how many letters the text has. */
function mainScript(letters: string): { script: Script; share: number; total: number } {
  // Counted by one scan per script rather than per character: the text is letters, marks and spaces.
  const total = letters.match(LETTER)?.length ?? 0;
  const found: [Script, number, number][] = [];
  let named = 0;
  for (const s of Object.keys(SCRIPTS) as (keyof typeof SCRIPTS)[]) {
    const n = letters.match(SCRIPTS_ALL[s])?.length ?? 0;
    named += n;
    if (n > 0) found.push([s, n, letters.search(SCRIPTS[s])]);
  }
  if (total > named) found.push(["other", total - named, letters.search(OTHER_LETTER)]);
  // Most letters first; on a tie, the script that comes first in the text.
  const [script, n] = found.sort((a, b) => b[1] - a[1] || a[2] - b[2])[0] ?? ["other", 0];
  return { script, share: total > 0 ? n / total : 0, total };
}

/** franc's clear winner among the given locale codes, if the text is long enough and the margin wide. */
function statistical(text: string, codes: readonly string[], letters: number): string | undefined {
  if (letters < MIN_LETTERS_FOR_STATISTICS) return undefined;
  const only = Object.keys(FRANC_CODES).filter((f) => codes.includes(FRANC_CODES[f] ?? ""));
  const ranked: [string, number][] = [];
  for (const [code, score] of francAll(text, { only, minLength: 1 })) {
    const locale = FRANC_CODES[code];
    if (locale && !ranked.some(([l]) => l === locale)) ranked.push([locale, score]);
  }
  const [best, second] = ranked;
  if (!best || best[0] === "und") return undefined;
  return !second || second[1] < MAX_RUNNER_UP_SCORE ? best[0] : undefined;
}

const LATIN_LANGUAGES = ["de", "en", "tr", "pl", "ro", "it", "hr", "sq", "ku", "so", "vi", "es", "fr"];

/** Narrows several candidates by frequent words or, for long enough texts, statistics; otherwise keeps them all. */
function narrow(
  text: string,
  candidates: string[],
  letters: number,
  tables: UnderstandingTables,
): LanguageGuess {
  if (candidates.length === 1) return { languages: candidates, basis: "letters" };
  const best = functionWordLanguage(text, candidates, tables) ?? statistical(text, candidates, letters);
  return best ? { languages: [best], basis: "statistics" } : { languages: candidates, basis: "script" };
}

/** Persian and Dari share a script and most words; their own words decide the order (Farsi first on a tie). */
function persianOrder(text: string, tables: UnderstandingTables): string[] {
  const counts = cueCounts(text, tables.cueOwner, ["fa", "prs"]);
  return (counts.get("prs") ?? 0) > (counts.get("fa") ?? 0) ? ["prs", "fa"] : ["fa", "prs"];
}

/**
 * Latin letters without the capitalised words when enough others remain: names ("Ayşe", "Nguyễn",
 * "Ionuț") and German nouns say nothing about the language the sentence is in; a suffix glued to
 * a name after an apostrophe does ("Bochum'dayım").
 */
function withoutNames(text: string): string {
  const words = lettersOnly(text)
    .split(/\s+/u)
    .filter((w) => /\p{L}/u.test(w));
  // A suffix after a name's apostrophe is the sentence's language ("Bochum'dayım", "Köln'de").
  const lower = words
    .map((w) => (w[0] === w[0]?.toLowerCase() ? w : (w.split(/['’]/u)[1] ?? "")))
    .filter((w) => w !== "");
  return lower.length >= 2 ? lower.join(" ") : words.join(" ");
}

/**
 * Guesses the supported language of a message, or undefined when it is not clear: too short,
 * mixed scripts, only digits and names ("50667 Köln"), or a language the bot does not speak.
 * Script first (Greek → el, Ge'ez → ti), then letter cues (Persian پ چ ژ گ, Pashto ټ ډ ښ, Sorani
 * ڕ ڵ ۆ, Ukrainian і ї є, Russian ы э, Polish ł, Turkish ğ ı, …), then franc's trigram statistics
 * restricted to the supported languages for longer Latin-script texts.
 */
export function detectLanguage(text: string, tables: UnderstandingTables): LanguageGuess | undefined {
  const letters = lettersOnly(text);
  const { script, share, total } = mainScript(letters);
  if (total < 2 || share < (script === "latin" ? MIN_SCRIPT_SHARE : MIN_NON_LATIN_SHARE)) return undefined;
  switch (script) {
    case "greek":
      return { languages: ["el"], basis: "script" };
    case "ethiopic":
      return { languages: ["ti"], basis: "script" };
    case "arabic": {
      const candidates = arabicScriptCandidates(letters);
      const guess = narrow(letters, candidates, total, tables);
      // Persian and Dari are one written language; their own words (مکتب, استم / مدرسه, هستیم) order them.
      const persian = guess.languages.some((l) => l === "fa" || l === "prs");
      if (!persian) return guess;
      const at = guess.languages.findIndex((l) => l === "fa" || l === "prs");
      const rest = guess.languages.filter((l) => l !== "fa" && l !== "prs");
      rest.splice(at, 0, ...persianOrder(letters, tables));
      return { languages: rest, basis: guess.basis };
    }
    case "cyrillic":
      return narrow(letters, cyrillicCandidates(letters), total, tables);
    case "latin": {
      const transliterated = functionWordLanguage(letters, ["ar", "fa"], tables, tables.latinCueOwner);
      const translitCount = transliterated
        ? (cueCounts(letters, tables.latinCueOwner, [transliterated]).get(transliterated) ?? 0)
        : 0;
      if (transliterated && translitCount >= MIN_TRANSLITERATED_CUES)
        return {
          languages: transliterated === "fa" ? persianOrder(letters, tables) : [transliterated],
          basis: "letters",
        };
      const cues = latinCueCandidates(withoutNames(text));
      if (cues.length === 1) return { languages: cues, basis: "letters" };
      // Croatian, Bosnian and Serbian never write q, w, x or y; Polish does all the time.
      const pool = (cues.length > 0 ? cues : LATIN_LANGUAGES).filter(
        (l) => l !== "hr" || !/[qwxy]/iu.test(letters),
      );
      const best = functionWordLanguage(letters, pool, tables) ?? statistical(letters, pool, total);
      return best ? { languages: [best], basis: "statistics" } : undefined;
    }
    default:
      return undefined;
  }
}
