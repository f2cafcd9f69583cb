import type { Ctx } from "./context.js";

/** A "|"-separated word list from the locale (e.g. `words.yes`: "ja|jawohl|ok"), lower-cased. */
export function words(ctx: Ctx, key: "words.yes" | "words.no" | "words.done"): string[] {
  return ctx
    .t(key)
    .split("|")
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length > 0);
}

function normalise(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, "");
}

/** True when a typed answer means yes (in the session's language). */
export function isYes(ctx: Ctx, text: string): boolean {
  return words(ctx, "words.yes").includes(normalise(text));
}

/** True when a typed answer means no. */
export function isNo(ctx: Ctx, text: string): boolean {
  return words(ctx, "words.no").includes(normalise(text));
}

/** True when a typed answer means done ("fertig", "Готово"). */
export function isDone(ctx: Ctx, text: string): boolean {
  return words(ctx, "words.done").includes(normalise(text));
}
