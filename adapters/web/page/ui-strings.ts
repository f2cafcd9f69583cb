import { translator } from "../../../bot/i18n.js";
import { DEFAULT_LANGUAGE, directionOf, LOCALES, resolveLanguage } from "../../../bot/locales.js";

/**
 * The few strings of the chat page's own chrome (everything else comes from the bot's replies).
 * They live in locales/<lang>.json under the top-level "web" object, so translators see them.
 */
export const WEB_UI_KEYS = [
  "title",
  "placeholder",
  "send",
  "language",
  "locating",
  "locationUnavailable",
  "error",
  "tooFast",
  "you",
  "assistant",
] as const;

/** The web chat's own further strings (locales: "webchat.page"): demo notice, push offer, cards. */
export const WEB_CHAT_PAGE_KEYS = [
  "demoNotice",
  "pushOffer",
  "pushOn",
  "pushDenied",
  "showDetails",
  "results",
] as const;

export type WebUiKey = (typeof WEB_UI_KEYS)[number] | (typeof WEB_CHAT_PAGE_KEYS)[number];
export type WebUiStrings = Record<WebUiKey, string>;

/** The chrome strings of one language (German fallback for missing keys, as i18next does). */
export function webUiStrings(language: string): WebUiStrings {
  const t = translator(language);
  const out = {} as WebUiStrings;
  for (const key of WEB_UI_KEYS) out[key] = t(`web.${key}`);
  for (const key of WEB_CHAT_PAGE_KEYS) out[key] = t(`webchat.page.${key}`);
  return out;
}

/** The chrome strings of every supported language, embedded in the page as a JSON island. */
export function allWebUiStrings(): Record<string, WebUiStrings> {
  const out: Record<string, WebUiStrings> = {};
  for (const l of LOCALES) out[l.code] = webUiStrings(l.code);
  return out;
}

/** The page's first language: the first supported of the browser's language tags, else German. */
export function initialPageLanguage(tags: readonly string[]): { language: string; dir: "ltr" | "rtl" } {
  let language = DEFAULT_LANGUAGE;
  for (const tag of tags) {
    const found = resolveLanguage(tag);
    if (found) {
      language = found;
      break;
    }
  }
  return { language, dir: directionOf(language) };
}
