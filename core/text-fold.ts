/**
 * Folds text for forgiving comparison: lower case, ß → ss, diacritics stripped, and the ASCII
 * spellings ae/oe/ue collapsed, so "Behörden", "Behoerden" and "Behorden" meet.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // Fast path: plain ASCII has no ß and no marks to strip (most words of most messages).
  const plain = NON_ASCII.test(lower)
    ? lower.replaceAll("ß", "ss").normalize("NFD").replace(MARKS, "")
    : lower;
  return plain.includes("e") ? plain.replace(ASCII_UMLAUT, "$1") : plain;
}

/** Anything beyond printable ASCII and line breaks takes the slow path. */
const NON_ASCII = /[^\t\n\r -~]/;
const MARKS = /\p{M}+/gu;
const ASCII_UMLAUT = /([aou])e/g;

/** Splits folded text into words of letters and digits. */
export function tokenize(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** One word of a message, as typed and folded, with what its surroundings say about it. */
export interface Word {
  raw: string;
  fold: string;
  /** Starts with a capital letter (in scripts that have them). */
  capital: boolean;
  /** First word of the message or of a sentence. */
  sentenceStart: boolean;
  /** Written in a script without capital letters (Arabic, Ge'ez). */
  caseless: boolean;
  /** Followed directly by an apostrophe and a suffix ("Köln'de"). */
  suffixed: boolean;
  /** Punctuation stands between it and the word before ("Mathe, Dortmund"). */
  afterPunctuation: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const HAS_DIGIT = /\p{N}/u;

/**
 * Splits a message into words: at spaces and punctuation, between digits and letters ("8yo",
 * "3ይ", "4th"), and at apostrophes, remembering that a suffix followed ("Köln'de").
 */
export function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  let previousEnd = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    const gap = text.slice(previousEnd, start);
    // Most gaps are one space: nothing to test then.
    const plainGap = gap === " ";
    const sentenceStart = out.length === 0 || (!plainGap && /[.!?\n:;]/.test(gap));
    const end = start + m[0].length;
    const next = text[end];
    const apostropheAfter = (next === "'" || next === "’") && /^\p{L}/u.test(text.slice(end + 1, end + 3));
    const afterPunctuation = !plainGap && /[^\s'’-]/u.test(gap);
    previousEnd = end;
    const parts = HAS_DIGIT.test(m[0]) ? (m[0].match(/\p{N}+|[\p{L}\p{M}]+/gu) ?? []) : [m[0]];
    parts.forEach((raw, i) => {
      const first = raw[0] ?? "";
      const caseless = first.toLowerCase() === first.toUpperCase();
      out.push({
        raw,
        fold: foldText(raw),
        capital: !caseless && first !== first.toLowerCase(),
        sentenceStart: sentenceStart && i === 0,
        caseless,
        suffixed: apostropheAfter && i === parts.length - 1,
        afterPunctuation: i === 0 && afterPunctuation,
      });
    });
  }
  return out;
}
