import { ask, type Ctx, choice, say, setLanguage } from "../context.js";
import { LOCALES } from "../locales.js";

/** Languages per page of the picker; fits a phone screen. */
const PER_PAGE = 8;

/** Shows the supported languages in their own names, the current one first, paged (`langs:<page>`). */
export function showLanguagePicker(ctx: Ctx, page = 0): void {
  const current = ctx.session.language;
  const ordered = [...LOCALES].sort((a, b) => Number(b.code === current) - Number(a.code === current));
  const pages = Math.max(1, Math.ceil(ordered.length / PER_PAGE));
  const p = Math.min(Math.max(0, page), pages - 1);
  const choices = ordered
    .slice(p * PER_PAGE, (p + 1) * PER_PAGE)
    .map((l) => choice(`lang:${l.code}`, l.code === current ? `✓ ${l.nativeName}` : l.nativeName));
  if (pages > 1) choices.push(choice(`langs:${(p + 1) % pages}`, ctx.t("language.morePages")));
  ask(ctx, ctx.t("language.pick"), choices);
}

/** Switches to a supported language and confirms in it; false for an unknown code. */
export function switchLanguage(ctx: Ctx, code: string): boolean {
  if (!LOCALES.some((l) => l.code === code)) return false;
  setLanguage(ctx, code);
  ctx.session.languageOffer = undefined;
  say(ctx, ctx.t("language.switched"));
  return true;
}
