import { runCommand, typedCommand } from "./commands.js";
import { type Ctx, createCtx, type Outcome, say } from "./context.js";
import { handleChoice } from "./dialog/buttons.js";
import { askFirstMissing, reask } from "./dialog/steps.js";
import { handleText } from "./dialog/text.js";
import { BotError, eventKind } from "./errors.js";
import { understandAndApply } from "./flows/free-text.js";
import { offerLanguageSwitch } from "./flows/language-offer.js";
import { onSharedLocation } from "./flows/location.js";
import { noteRelayLeft } from "./flows/relay.js";
import { promptRole } from "./flows/start.js";
import { translator } from "./i18n.js";
import { DEFAULT_LANGUAGE, directionOf, resolveLanguage } from "./locales.js";
import { MAX_INPUT_CHARS, sanitizeInput } from "./sanitize-input.js";
import { newSession, parseSession, type Session } from "./session.js";
import type { InboundEvent, Peer, Reply, StepDeps, StepResult } from "./types.js";

/** Longest button payload accepted (Telegram's callback_data limit). */
const MAX_CHOICE_ID = 64;

/**
 * One turn of the conversation: the stored session (or null, or anything that fails to parse,
 * which counts as new; older versions are migrated) and what the person did go in; the new
 * session, replies and effects come out. Pure and deterministic given `deps.now` and
 * `deps.newId`; never throws: an internal error yields a translated "please try again", keeps the
 * old session and is returned as `error` for the caller to log and count.
 */
export function step(
  session: Session | null,
  peer: Peer,
  event: InboundEvent,
  deps: StepDeps,
): StepResult<Session> {
  const old = parseSession(session);
  try {
    return run(old, peer, event, deps);
  } catch (cause) {
    const language = old?.language ?? resolveLanguage(peer.platformLanguage) ?? DEFAULT_LANGUAGE;
    return {
      session: old,
      replies: [{ type: "text", text: translator(language)("errors.generic") }, ...askAgain(old, peer, deps)],
      effects: [],
      language,
      dir: directionOf(language),
      error: new BotError(old?.flow.step ?? "new", eventKind(event), cause),
    };
  }
}

/** After an error: the current question again, so the person has buttons; nothing when that fails too. */
function askAgain(old: Session | null, peer: Peer, deps: StepDeps): Reply[] {
  try {
    const ctx = createCtx(old ? structuredClone(old) : newSession(DEFAULT_LANGUAGE, deps.now()), peer, deps);
    reask(ctx);
    return ctx.replies;
  } catch {
    return [];
  }
}

function run(old: Session | null, peer: Peer, event: InboundEvent, deps: StepDeps): StepResult<Session> {
  const language = resolveLanguage(peer.platformLanguage) ?? DEFAULT_LANGUAGE;
  const session = old ? structuredClone(old) : newSession(language, deps.now());
  const ctx = createCtx(session, peer, deps);
  const outcome = dispatch(ctx, event, old === null);
  if (outcome === "advance") askFirstMissing(ctx);
  else if (!ctx.deleted && (outcome === "reprompt" || ctx.replies.length === 0)) reask(ctx);
  noteRelayLeft(ctx, old);
  if (event.type === "text" && !ctx.deleted && ctx.session.flow.step !== "relay") {
    const asked = ctx.replies.length;
    if (offerLanguageSwitch(ctx, typedText(ctx, event.text))) deferQuestions(ctx, asked);
  }
  const lang = ctx.session.language;
  if (!ctx.deleted) ctx.session.updatedAt = deps.now().toISOString();
  return {
    session: ctx.deleted ? null : ctx.session,
    replies: ctx.replies,
    effects: ctx.effects,
    language: lang,
    dir: directionOf(lang),
  };
}

/**
 * One open question at a time: when the bot offers another language, the question it had just
 * asked waits (it is asked again, in the chosen language, once the person answered the offer).
 */
function deferQuestions(ctx: Ctx, before: number): void {
  ctx.replies = ctx.replies.filter(
    (r, i) => i >= before || (r.type !== "choices" && r.type !== "request_location"),
  );
}

/** Typed text as the engine reads it; commands, also in words ("verilerimi sil"), count as no text. */
function typedText(ctx: Ctx, raw: unknown): string {
  const { text } = sanitizeInput(typeof raw === "string" ? raw : "");
  return commandOf(ctx, text) ? "" : text;
}

/** Commands in words that still count while the person writes to a coordinator: their own data. */
const RELAY_WORD_COMMANDS: ReadonlySet<string> = new Set(["delete", "mydata"]);

/**
 * The command a typed text asks for: "/…" always; in words everywhere but in the relay, where
 * "Hilfe" or "start" are meant for the coordinator and only deleting or showing one's data count.
 */
function commandOf(ctx: Ctx, text: string) {
  const command = typedCommand(text, ctx.session.language);
  if (!command || ctx.session.flow.step !== "relay" || text.trim().startsWith("/")) return command;
  return RELAY_WORD_COMMANDS.has(command) ? command : undefined;
}

function dispatch(ctx: Ctx, event: InboundEvent, isNew: boolean): Outcome {
  const s = ctx.session;
  switch (event.type) {
    case "command":
      return runCommand(ctx, event.command);
    case "choice": {
      const id = String(event.id ?? "");
      if (isNew && !id.startsWith("del:")) say(ctx, ctx.t("start.greeting"));
      if (id.length === 0 || new TextEncoder().encode(id).length > MAX_CHOICE_ID) {
        say(ctx, ctx.t("input.staleButton"));
        return "reprompt";
      }
      if (!id.startsWith("del:")) s.confirming = undefined;
      return handleChoice(ctx, id);
    }
    case "location":
      s.confirming = undefined;
      if (isNew) say(ctx, ctx.t("start.greeting"));
      return onSharedLocation(ctx, Number(event.lat), Number(event.lon));
    case "text":
      return onText(ctx, typeof event.text === "string" ? event.text : "", isNew);
    default:
      say(ctx, ctx.t("input.notUnderstood"));
      return "reprompt";
  }
}

function onText(ctx: Ctx, raw: string, isNew: boolean): Outcome {
  const { text, truncated } = sanitizeInput(raw);
  const command = commandOf(ctx, text);
  if (command) return runCommand(ctx, command);
  if (truncated) say(ctx, ctx.t("input.truncated", { max: MAX_INPUT_CHARS }));
  if (isNew) {
    promptRoleAfterGreeting(ctx, text);
    return "done";
  }
  if (text.length === 0) {
    say(ctx, ctx.t("input.empty"));
    return "reprompt";
  }
  return handleText(ctx, text);
}

/** First message of a new person: greet; if the text already says what they look for, go on with it. */
function promptRoleAfterGreeting(ctx: Ctx, text: string): void {
  say(ctx, ctx.t("start.greeting"));
  const outcome = text.length > 0 ? understandAndApply(ctx, text, true) : "reprompt";
  if (outcome === "advance") askFirstMissing(ctx);
  else if (outcome === "reprompt") promptRole(ctx);
}
