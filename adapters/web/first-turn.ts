import { DEFAULT_LANGUAGE, resolveLanguage } from "../../bot/locales.js";
import { newSession, type Session } from "../../bot/session.js";
import type { InboundEvent, Peer, StepDeps, StepResult } from "../../bot/types.js";
import type { TurnResult } from "../conversation/handle-turn.js";
import type { Queryable } from "../db/database.js";

type Step = (session: Session | null, peer: Peer, event: InboundEvent, deps: StepDeps) => StepResult<Session>;
type Turn = (peer: Peer, event: InboundEvent, opts?: { updateKey?: string }) => Promise<TurnResult>;

const isStart = (event: InboundEvent) => event.type === "command" && event.command === "start";

/** True when a session row exists for the person (expired or not). */
export async function hasStoredSession(q: Queryable, peer: Peer): Promise<boolean> {
  const rows = await q.query("SELECT 1 FROM sessions WHERE channel = $1 AND channel_user_id = $2", [
    peer.channel,
    peer.channelUserId,
  ]);
  return rows.length > 0;
}

/**
 * The web chat page says hello on every load. A visitor is stored only at their first real turn:
 * the greeting of someone without a session is answered by the engine without storing anything,
 * so page loads (and scripts that only load the page) leave no row behind.
 */
export function greetWithoutStoring(deps: {
  db: Queryable;
  step: Step;
  stepDeps: () => StepDeps;
  turn: Turn;
}): Turn {
  return async (peer, event, opts) => {
    if (!isStart(event) || (await hasStoredSession(deps.db, peer))) return deps.turn(peer, event, opts);
    const out = deps.step(null, peer, event, { ...deps.stepDeps(), handoffs: [] });
    return { duplicate: false, replies: out.replies, language: out.language, dir: out.dir };
  };
}

/**
 * The engine greets a person it has no session for. A web visitor was greeted by the page already
 * (without a stored session, see `greetWithoutStoring`), so their first real turn continues from a
 * fresh session instead of greeting a second time.
 */
export function continueAfterWebGreeting(step: Step): Step {
  return (session, peer, event, deps) => {
    if (session !== null || peer.channel !== "web" || isStart(event)) return step(session, peer, event, deps);
    const language = resolveLanguage(peer.platformLanguage) ?? DEFAULT_LANGUAGE;
    return step(newSession(language, deps.now()), peer, event, deps);
  };
}
