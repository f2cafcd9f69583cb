import { closeIsolates } from "./bidi.js";
import type { ButtonId } from "./dialog/button-id.js";
import { type Translate, translator } from "./i18n.js";
import type { Session } from "./session.js";
import type { Choice, Effect, Peer, Reply, StepDeps } from "./types.js";

/** Everything one step works with: a private copy of the session, and what it says and does. */
export interface Ctx {
  session: Session;
  peer: Peer;
  deps: StepDeps;
  replies: Reply[];
  effects: Effect[];
  /** Translate in the session's current language (re-bound when the language changes). */
  t: Translate;
  /** Set when the person's data was deleted: the step returns a null session. */
  deleted: boolean;
}

/** Builds the context for one step. */
export function createCtx(session: Session, peer: Peer, deps: StepDeps): Ctx {
  return { session, peer, deps, replies: [], effects: [], t: translator(session.language), deleted: false };
}

/** Switches the language of the rest of the step. */
export function setLanguage(ctx: Ctx, language: string): void {
  ctx.session.language = language;
  ctx.t = translator(language);
}

/** Adds a plain text reply. */
export function say(ctx: Ctx, text: string): void {
  ctx.replies.push({ type: "text", text });
}

/** Adds a text with buttons. */
export function ask(ctx: Ctx, text: string, choices: Choice[]): void {
  ctx.replies.push({ type: "choices", text, choices });
}

/** A button with a typed payload, with the label cut to fit a phone screen. */
export function choice(id: ButtonId, label: string, max = 40): Choice {
  const chars = Array.from(label);
  return { id, label: chars.length > max ? closeIsolates(`${chars.slice(0, max - 1).join("")}…`) : label };
}

/**
 * How a handler ended: "advance" lets the engine ask for the next missing answer (or show
 * results), "reprompt" repeats the current step's question, "done" means it has answered.
 */
export type Outcome = "advance" | "reprompt" | "done";
