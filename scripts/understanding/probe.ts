import { localeInfo, sameLanguage } from "../../bot/locales.js";
import { understandText } from "../../bot/understand.js";
import { detectLanguage } from "../../core/detect-language.js";
import type { FocusArea } from "../../core/focus.js";
import type { Gazetteer } from "../../core/location.js";

/** What the bot made of one message, in the terms the evaluation scores. */
export interface Reading {
  need: FocusArea[];
  age?: number;
  /** The place searched from, or a place the bot asks about ("Meinst du die Stadt Hamm?"). */
  place?: { label: string; asked: boolean };
  role?: "family" | "volunteer";
  /** Languages the bot would offer, in order, in a session of `sessionLanguage`. */
  offered: string[];
}

/** Runs the bot's understanding on one message as the first thing typed in a session of `sessionLanguage`. */
export function probe(text: string, sessionLanguage: string, gazetteer: Gazetteer): Reading {
  const u = understandText(text, sessionLanguage, gazetteer, { age: false, location: false });
  const found = u.age !== undefined || u.focus.length > 0 || u.location?.kind === "origin";
  const place = u.location?.kind === "origin" ? { label: u.location.origin.label, asked: false } : undefined;
  const guess = detectLanguage(text);
  const offered =
    !guess || guess.languages.some((l) => sameLanguage(l, sessionLanguage))
      ? []
      : guess.languages.filter((l) => localeInfo(l) !== undefined).slice(0, 3);
  return { need: u.focus, age: u.age, place, role: found ? "family" : undefined, offered };
}
