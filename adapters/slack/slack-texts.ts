import i18next from "i18next";
import { type Translate, translator } from "../../bot/i18n.js";
import de from "../../locales/slack/de.json" with { type: "json" };
import en from "../../locales/slack/en.json" with { type: "json" };

const instance = i18next.createInstance();
void instance.init({
  resources: { de: { translation: de }, en: { translation: en } },
  lng: "de",
  fallbackLng: "de",
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
} as Parameters<typeof instance.init>[0]);

/**
 * Texts for coordinators in Slack: keys under `slack.` come from locales/slack/<lang>.json (German
 * is the coordinators' working language), every other key from the bot's locales.
 */
export function slackTranslator(language = "de"): Translate {
  const lng = language === "en" ? "en" : "de";
  const slack = instance.getFixedT(lng);
  const bot = translator(lng);
  return (key, options) =>
    key.startsWith("slack.") ? String(slack(key.slice(6), options as never)) : bot(key, options);
}
