/**
 * Folds text for forgiving comparison: lower case, ß → ss, diacritics stripped, and the ASCII
 * spellings ae/oe/ue collapsed, so "Behörden", "Behoerden" and "Behorden" meet.
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replaceAll("ß", "ss")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/([aou])e/g, "$1");
}

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
    const sentenceStart = out.length === 0 || /[.!?\n:;]/.test(gap);
    const apostropheAfter = /^['’]\p{L}/u.test(text.slice(start + m[0].length, start + m[0].length + 2));
    previousEnd = start + m[0].length;
    const parts = m[0].match(/\p{N}+|[\p{L}\p{M}]+/gu) ?? [];
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
        afterPunctuation: i === 0 && /[^\s'’-]/u.test(gap),
      });
    });
  }
  return out;
}
