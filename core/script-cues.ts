/**
 * Letter cues that tell languages of one script apart even in a two-word message, where trigram
 * statistics cannot. Each function returns the candidate locale codes, most likely first.
 */

/** Letters of the Sorani (Central Kurdish) alphabet that Arabic, Persian and Pashto lack. */
const SORANI = /[ڕڵۆێە]/gu;
/** Letters of the Pashto alphabet that Arabic, Persian and Sorani lack. */
const PASHTO = /[ټډړږښګڼېۍځڅ]/gu;
/** Arabic letters that Persian keyboards do not produce (ta marbuta, Arabic yeh and kaf, alef maksura). */
const ARABIC_ONLY = /[ةيكى]/gu;
/** Persian letters (and the Persian forms of yeh and kaf) that Arabic lacks. */
const PERSIAN = /[پچژگیک]/gu;

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

/** Arabic-script text: Sorani, Pashto, Arabic or Persian/Dari by their own letters; all plausible ones when none shows. */
export function arabicScriptCandidates(text: string): string[] {
  const sorani = count(text, SORANI);
  const pashto = count(text, PASHTO);
  if (sorani > 0 && sorani >= pashto) return ["ckb"];
  if (pashto > 0) return ["ps"];
  const arabic = count(text, ARABIC_ONLY);
  const persian = count(text, PERSIAN);
  if (arabic > persian) return ["ar"];
  if (persian > arabic) return ["fa", "prs"];
  return ["ar", "fa", "prs"];
}

/** Ukrainian letters that Russian and Bulgarian lack. */
const UKRAINIAN = /[іїєґ]/giu;
/** Russian letters that Ukrainian and Bulgarian lack. */
const RUSSIAN = /[ыэё]/giu;
/** Serbian Cyrillic letters; Serbian readers get the Latin-script hr locale. */
const SERBIAN = /[ђјљњћџ]/giu;
/** Bulgarian uses ъ as a vowel (in Russian it is a rare sign before е, ё, ю, я). */
const BULGARIAN_HARD = /ъ(?![еёюя])/giu;
/** A soft sign not before о: Russian or Ukrainian, never Bulgarian. */
const SOFT_NOT_BULGARIAN = /ь(?!о)/giu;

/** Cyrillic text: Ukrainian, Russian, Bulgarian (or Serbian → hr) by their own letters; the plausible ones otherwise. */
export function cyrillicCandidates(text: string): string[] {
  if (count(text, SERBIAN) > 0) return ["hr"];
  const uk = count(text, UKRAINIAN);
  const ru = count(text, RUSSIAN);
  if (uk > 0 && uk >= ru) return ["uk"];
  if (ru > 0) return ["ru"];
  const notBulgarian = count(text, SOFT_NOT_BULGARIAN) > 0;
  if (count(text, BULGARIAN_HARD) > 0 && !notBulgarian) return ["bg"];
  return notBulgarian ? ["uk", "ru"] : ["uk", "ru", "bg"];
}

/**
 * Latin letters that point to one supported language. German umlauts are left out on purpose: they
 * occur in every German place name ("Köln"), whatever language the sentence is in.
 */
const LATIN_CUES: readonly [string, RegExp][] = [
  ["vi", /[ơưƠƯ\u1EA0-\u1EF9]/gu],
  ["pl", /[łąęśźżńŁĄĘŚŹŻŃ]/gu],
  // ć is Polish and Croatian/Bosnian/Serbian alike ("zadaćom", "pomoć"): it counts for both.
  ["pl", /[ćĆ]/gu],
  ["hr", /[ćĆ]/gu],
  ["tr", /[ğıĞİ]/gu],
  ["ro", /[șțţăȘȚŢĂ]/gu],
  ["sq", /[ëË]/gu],
  ["hr", /[čđšžČĐŠŽ]/gu],
  ["es", /[ñÑ¿¡]/gu],
  ["ku", /[êûÊÛ]/gu],
];
/** French and Italian accents, which make ê and û French rather than Kurmanji. */
const ROMANCE_ACCENTS = /[éèàœ]/iu;

/**
 * Latin-script text: the language whose own letters clearly dominate ("ödev yardımı" → tr), the
 * several that show when none dominates, or an empty list when no such letter occurs.
 */
export function latinCueCandidates(text: string): string[] {
  const counts = new Map<string, number>();
  for (const [code, re] of LATIN_CUES) counts.set(code, (counts.get(code) ?? 0) + count(text, re));
  const hits = [...counts]
    .filter(([code, n]) => n > 0 && !(code === "ku" && ROMANCE_ACCENTS.test(text)))
    .sort((a, b) => b[1] - a[1]);
  const [best, second] = hits;
  if (!best) return [];
  if (best[0] === "vi" || !second || best[1] >= 2 * second[1]) return [best[0]];
  return hits.map(([code]) => code);
}
