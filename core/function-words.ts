import { foldText, tokenize } from "./text-fold.js";

/**
 * Very frequent words of each Latin-script language (and of Russian and Ukrainian) that the other supported ones do not share
 * (folded: lower case, no diacritics). They decide short messages where trigram statistics waver,
 * e.g. "We live in Berlin and my son is 8".
 */
const FUNCTION_WORDS: Readonly<Record<string, readonly string[]>> = {
  de: [
    "ich",
    "und",
    "ist",
    "nicht",
    "mein",
    "meine",
    "meinen",
    "wir",
    "fur",
    "mit",
    "der",
    "das",
    "bei",
    "braucht",
    "unser",
    "unsere",
    "sohn",
    "tochter",
    "kind",
    "suche",
    "hilfe",
  ],
  en: [
    "the",
    "and",
    "my",
    "is",
    "with",
    "for",
    "we",
    "you",
    "need",
    "needs",
    "son",
    "daughter",
    "child",
    "looking",
    "help",
  ],
  fr: ["et", "est", "mon", "mes", "pour", "avec", "les", "des", "fils", "fille", "besoin", "aide", "nous"],
  es: ["yo", "mis", "para", "los", "las", "hijo", "hija", "necesita", "ayuda", "somos", "estamos"],
  it: ["il", "mio", "mia", "per", "gli", "figlio", "figlia", "bisogno", "aiuto", "siamo", "sono"],
  tr: ["ben", "bir", "ve", "icin", "benim", "oglum", "kizim", "cocugum", "yardim", "ariyorum"],
  pl: ["jest", "moj", "moja", "dla", "sie", "nie", "syn", "corka", "pomocy", "szukam"],
  ro: ["eu", "si", "este", "pentru", "cu", "meu", "mea", "fiul", "fiica", "ajutor", "avem"],
  hr: ["ja", "moj", "moja", "za", "sin", "kci", "treba", "pomoc", "trazim", "imam"],
  sq: ["une", "dhe", "eshte", "per", "im", "ime", "djali", "vajza", "ndihme", "kam"],
  ku: ["ez", "min", "ji", "bo", "kure", "keca", "alikari", "hewce", "dixwazim"],
  so: ["waxaan", "iyo", "ayaa", "wiilka", "gabadha", "caawimaad", "waxay", "u", "baahan"],
  vi: ["toi", "va", "la", "cua", "can", "giup", "chung"],
  ru: [
    "нужна",
    "нужно",
    "нужен",
    "помощь",
    "что",
    "как",
    "он",
    "мне",
    "меня",
    "ищу",
    "ищет",
    "дочь",
    "дочери",
    "хочет",
    "ребенок",
    "ребенка",
    "очень",
    "или",
    "где",
  ],
  uk: [
    "потрібна",
    "потрібно",
    "допомога",
    "допомоги",
    "що",
    "як",
    "це",
    "та",
    "шукаю",
    "хоче",
    "дитина",
    "дитини",
    "донька",
    "доньки",
    "син",
    "гурток",
    "або",
    "мене",
    "вона",
  ],
};

const OWNER = new Map<string, string>();
for (const [language, words] of Object.entries(FUNCTION_WORDS)) {
  for (const word of words) {
    const w = foldText(word);
    OWNER.set(w, OWNER.has(w) ? "" : language);
  }
}

/** The language whose frequent words clearly dominate a Latin-script text (at least two and twice the next), if any. */
export function functionWordLanguage(text: string, candidates: readonly string[]): string | undefined {
  const hits = new Map<string, number>();
  for (const token of tokenize(text)) {
    const language = OWNER.get(token);
    if (language && candidates.includes(language)) hits.set(language, (hits.get(language) ?? 0) + 1);
  }
  const [best, second] = [...hits].sort((a, b) => b[1] - a[1]);
  if (!best || best[1] < 2) return undefined;
  return !second || best[1] >= 2 * second[1] ? best[0] : undefined;
}
