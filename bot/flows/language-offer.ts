import { detectLanguage } from "../../core/detect-language.js";
import { ask, type Ctx, choice } from "../context.js";
import { translator } from "../i18n.js";
import { localeInfo, sameLanguage } from "../locales.js";
import { understandingTables } from "../understanding-tables.js";

/** Most languages offered at once, when the script fits several ("سلام": Arabic, Persian, Dari). */
const MAX_OFFERED = 3;

/**
 * When typed text is clearly in another supported language than the session's, and the person has
 * not chosen a language yet, offers to switch: the question in each offered language, one button
 * per language in its own name, and "keep" in the current language. Never switches by itself.
 * True when it made the offer.
 */
export function offerLanguageSwitch(ctx: Ctx, text: string): boolean {
  const s = ctx.session;
  if (s.languageChosen || text.length === 0) return false;
  const offered = languagesToOffer(text, s.language);
  const [first] = offered;
  if (!first) return false;
  s.languageOffer = first;
  ask(ctx, offered.map((code) => translator(code)("language.offer")).join("\n"), [
    ...offered.map((code) => choice(`lang:${code}`, localeInfo(code)?.nativeName ?? code)),
    choice("lang:keep", ctx.t("language.keep")),
  ]);
  return true;
}

/**
 * The languages to offer for a typed text in a session of `sessionLanguage`, most likely first:
 * none when the text is (or may be) in the session's language or its language is unclear.
 */
export function languagesToOffer(text: string, sessionLanguage: string): string[] {
  const guess = detectLanguage(text, understandingTables());
  if (!guess || guess.languages.some((l) => sameLanguage(l, sessionLanguage))) return [];
  return guess.languages.filter((l) => localeInfo(l) !== undefined).slice(0, MAX_OFFERED);
}
