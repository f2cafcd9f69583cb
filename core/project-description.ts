import type { LocalizedDescription, Project } from "./project.js";

/** A project's description as chosen for a reader, and the language it is actually in. */
export interface ChosenDescription {
  short: string;
  long: string;
  language: string;
}

/** The project's description in one language, if it has one (German and English from their own fields too). */
export function descriptionIn(p: Project, language: string): { short: string; long: string } | undefined {
  const own: LocalizedDescription | undefined = p.descriptions?.[language];
  const text = own?.short ?? own?.long;
  if (text !== undefined) return { short: text, long: own?.long ?? text };
  if (language === "de") return { short: p.shortDescription, long: p.description || p.shortDescription };
  if (language === "en" && (p.descriptionEn || p.shortDescriptionEn)) {
    const short = p.shortDescriptionEn || p.descriptionEn || "";
    return { short, long: p.descriptionEn || short };
  }
  return undefined;
}

/**
 * The description to show a reader: in their language; else English for anyone who does not read
 * German; else the German original (the caller marks it as German in the reader's language).
 * `de-simple` readers get the German text.
 */
export function chooseDescription(p: Project, readerLanguage: string): ChosenDescription {
  const base = readerLanguage.split("-")[0] ?? readerLanguage;
  const candidates = readerLanguage === "de-simple" ? ["de"] : [readerLanguage, base, "en", "de"];
  for (const language of candidates) {
    const found = descriptionIn(p, language);
    if (found) return { ...found, language };
  }
  return { short: p.shortDescription, long: p.description || p.shortDescription, language: "de" };
}
