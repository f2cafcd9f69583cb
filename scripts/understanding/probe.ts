import { languagesToOffer } from "../../bot/flows/language-offer.js";
import { understandText } from "../../bot/understand.js";
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
  const loc = u.location;
  const place =
    loc?.kind === "origin"
      ? { label: loc.origin.label, asked: false }
      : loc?.kind === "ambiguous" && loc.confirm && loc.choices[0]
        ? { label: loc.choices[0].name, asked: true }
        : undefined;
  // As the free-text flow decides: a volunteer phrase makes a volunteer, "unsure" asks (no role yet).
  const role =
    u.role === "volunteer" ? "volunteer" : u.role === "unsure" ? undefined : found ? "family" : undefined;
  return { need: u.focus, age: u.age, place, role, offered: languagesToOffer(text, sessionLanguage) };
}
