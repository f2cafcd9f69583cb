import { ask, type Ctx, choice, say, setLanguage } from "../context.js";
import { directionOf, isSupportedLanguage, pickerOrder, resolveLanguage } from "../locales.js";

/** Languages per page of the picker; with the "more" button it fits a phone screen. */
export const LANGUAGES_PER_PAGE = 8;

/**
 * Shows the supported languages in their own names and scripts, paged (`langs:<page>`): the
 * detected language, the platform's and the current one first, then German, simple German,
 * English and the others by how many speakers live in Germany.
 */
export function showLanguagePicker(ctx: Ctx, page = 0): void {
  const s = ctx.session;
  const current = s.language;
  const ordered = pickerOrder([s.languageOffer, resolveLanguage(ctx.peer.platformLanguage), current]);
  const pages = Math.max(1, Math.ceil(ordered.length / LANGUAGES_PER_PAGE));
  const p = Math.min(Math.max(0, Math.trunc(page)), pages - 1);
  const choices = ordered
    .slice(p * LANGUAGES_PER_PAGE, (p + 1) * LANGUAGES_PER_PAGE)
    .map((l) => choice(`lang:${l.code}`, l.code === current ? `✓ ${l.nativeName}` : l.nativeName));
  if (pages > 1) {
    // Named by the languages it leads to, in their own scripts: the person may not read the current language.
    const next = (p + 1) % pages;
    const arrow = directionOf(current) === "rtl" ? "◂" : "▸";
    choices.push(
      choice(`langs:${next}`, `${namesThatFit(ordered.slice(next * LANGUAGES_PER_PAGE))} … ${arrow}`),
    );
  }
  ask(ctx, ctx.t("language.pick"), choices);
}

/** Longest run of language names on the "more" button, so its arrow still fits. */
const MORE_NAMES_CHARS = 30;

/** The first names of a page of languages joined, as many as fit on a button (at least one). */
function namesThatFit(languages: readonly { nativeName: string }[]): string {
  let text = "";
  for (const { nativeName } of languages) {
    const longer = text === "" ? nativeName : `${text} · ${nativeName}`;
    if (text !== "" && Array.from(longer).length > MORE_NAMES_CHARS) break;
    text = longer;
  }
  return text;
}

/** Switches to a supported language and confirms in it; false for an unknown code. */
export function switchLanguage(ctx: Ctx, code: string): boolean {
  if (!isSupportedLanguage(code)) return false;
  setLanguage(ctx, code);
  ctx.session.languageOffer = undefined;
  ctx.session.languageChosen = true;
  say(ctx, ctx.t("language.switched"));
  return true;
}
