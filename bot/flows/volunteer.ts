import { ask, type Ctx, choice, type Outcome, say } from "../context.js";
import { languageName } from "../i18n.js";
import { isDone } from "../words.js";

/** Hours per week offered as buttons. */
export const HOUR_OPTIONS = [1, 2, 4, 6] as const;

/** Languages a volunteer can tick; those most spoken by families new to Germany first. */
export const VOLUNTEER_LANGUAGES = [
  "de",
  "en",
  "ar",
  "tr",
  "uk",
  "ru",
  "fa",
  "ps",
  "ku",
  "pl",
  "ro",
  "fr",
  "es",
  "ti",
  "so",
] as const;

/** Asks how much time the volunteer has per week. */
export function promptHours(ctx: Ctx): void {
  ctx.session.flow = { step: "volunteer_hours" };
  ask(
    ctx,
    ctx.t("volunteer.askHours"),
    HOUR_OPTIONS.map((h) => choice(`hours:${h}`, ctx.t(`volunteer.hours.${h}`))),
  );
}

/** Asks which languages the volunteer speaks: multi-select, ticked ones marked, then "done". */
export function promptLanguages(ctx: Ctx): void {
  ctx.session.flow = { step: "volunteer_languages" };
  const picked = ctx.session.volunteer.languages;
  const lang = ctx.session.language;
  const buttons = VOLUNTEER_LANGUAGES.map((code) => {
    const name = languageName(code, lang);
    return choice(`vlang:${code}`, picked.includes(code) ? `✓ ${name}` : name);
  });
  buttons.push(choice("vlang:done", ctx.t("volunteer.languagesDone")));
  ask(ctx, ctx.t("volunteer.askLanguages"), buttons);
}

/** Handles `hours:<n>` and `vlang:<code>|done` buttons; undefined for other ids. */
export function onVolunteerChoice(ctx: Ctx, id: string): Outcome | undefined {
  const [kind, value = ""] = id.split(":", 2);
  const v = ctx.session.volunteer;
  if (kind === "hours") {
    const hours = Number(value);
    if (!Number.isInteger(hours) || hours < 0 || hours > 40) return undefined;
    v.hoursPerWeek = hours;
    return "advance";
  }
  if (kind !== "vlang") return undefined;
  if (value === "done") {
    v.languagesDone = true;
    ctx.session.results.offset = 0;
    return "advance";
  }
  if (!(VOLUNTEER_LANGUAGES as readonly string[]).includes(value)) return undefined;
  v.languages = v.languages.includes(value)
    ? v.languages.filter((l) => l !== value)
    : [...v.languages, value];
  promptLanguages(ctx);
  return "done";
}

/** Reads hours per week from text ("3", "3 Stunden", "about 2 hours"). */
export function onHoursText(ctx: Ctx, text: string): Outcome | undefined {
  const n = text.match(/(?<!\d)(\d{1,2})(?!\d)/)?.[1];
  if (n === undefined || Number(n) > 40) return undefined;
  ctx.session.volunteer.hoursPerWeek = Number(n);
  return "advance";
}

/** Reads language names from text ("Arabisch und Englisch", "Turkish"), in the UI language, English or their own. */
export function onLanguagesText(ctx: Ctx, text: string): Outcome | undefined {
  const typed = text.toLowerCase();
  if (isDone(ctx, typed)) {
    ctx.session.volunteer.languagesDone = true;
    return "advance";
  }
  const tokens = typed.split(/[^\p{L}]+/u).filter((w) => w.length >= 4);
  const found = VOLUNTEER_LANGUAGES.filter((code) => {
    const names = [ctx.session.language, "en", code].map((l) => languageName(code, l).toLowerCase());
    return tokens.some((w) => names.some((n) => n.startsWith(w) || (n.length >= 4 && w.startsWith(n))));
  });
  if (found.length === 0) return undefined;
  const v = ctx.session.volunteer;
  v.languages = [...new Set([...v.languages, ...found])];
  say(ctx, ctx.t("volunteer.languagesNoted"));
  promptLanguages(ctx);
  return "done";
}
