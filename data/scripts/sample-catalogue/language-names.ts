/** Names of the sample's language codes for the generated descriptions. */
export const LANGUAGE_NAMES: Record<string, { de: string; en: string }> = {
  en: { de: "Englisch", en: "English" },
  tr: { de: "Türkisch", en: "Turkish" },
  ar: { de: "Arabisch", en: "Arabic" },
  ru: { de: "Russisch", en: "Russian" },
  uk: { de: "Ukrainisch", en: "Ukrainian" },
  pl: { de: "Polnisch", en: "Polish" },
  ro: { de: "Rumänisch", en: "Romanian" },
  it: { de: "Italienisch", en: "Italian" },
  fa: { de: "Persisch", en: "Persian" },
  prs: { de: "Dari", en: "Dari" },
  ps: { de: "Paschtu", en: "Pashto" },
  ku: { de: "Kurmandschi", en: "Kurmanji" },
  ckb: { de: "Sorani", en: "Sorani" },
  ti: { de: "Tigrinya", en: "Tigrinya" },
  so: { de: "Somali", en: "Somali" },
  vi: { de: "Vietnamesisch", en: "Vietnamese" },
  es: { de: "Spanisch", en: "Spanish" },
  fr: { de: "Französisch", en: "French" },
  sq: { de: "Albanisch", en: "Albanian" },
  bg: { de: "Bulgarisch", en: "Bulgarian" },
  el: { de: "Griechisch", en: "Greek" },
  hr: { de: "Kroatisch", en: "Croatian" },
};

/** ["Türkisch", "Arabisch", "Polnisch"] → "Türkisch, Arabisch und Polnisch". */
export function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`;
}
