import { maskContactDetails } from "../../core/contact-mask.js";
import type { Handoff } from "../../core/handoff.js";
import { isActive } from "../../core/handoff-lifecycle.js";
import { type Ctx, choice, type Outcome, say } from "../context.js";
import type { Session } from "../session.js";
import { promptAfterHandoff } from "./handoff.js";

type RelayFlow = Extract<Session["flow"], { step: "relay" }>;

/** Choice id prefix that (re-)opens the conversation with the coordinator of one handoff. */
export const RELAY_CHOICE = "relay";

function projectName(ctx: Ctx, projectId: string): string {
  return ctx.deps.catalogue.get(projectId)?.name ?? projectId;
}

/** The person's chat handoff if it can still carry messages (chat way back, open or taken). */
function activeChatHandoff(ctx: Ctx, handoffId: string): Handoff | undefined {
  const h = ctx.deps.handoffs?.find((x) => x.id === handoffId);
  return h && h.contactMethod === "chat" && isActive(h.state) ? h : undefined;
}

/** Enters the relay after a chat handoff was sent: typed text now goes to the coordinator. */
export function enterRelay(ctx: Ctx, handoffId: string, projectId: string): void {
  ctx.session.flow = { step: "relay", projectId, handoffId };
  promptRelay(ctx, projectId);
}

/** Explains the relay, then offers the ways out (back to the results, a new search) as after any request. */
export function promptRelay(ctx: Ctx, projectId: string): void {
  say(ctx, ctx.t("relay.intro", { project: projectName(ctx, projectId) }));
  promptAfterHandoff(ctx);
}

/** Typed text in the relay: passed on (contact details masked) while the handoff is open or taken. */
export function onRelayText(ctx: Ctx, flow: RelayFlow, text: string): Outcome {
  const h = activeChatHandoff(ctx, flow.handoffId);
  if (!h) {
    ctx.session.flow = { step: "handoff_sent", projectId: flow.projectId };
    say(ctx, ctx.t("relay.ended", { project: projectName(ctx, flow.projectId) }));
    promptAfterHandoff(ctx);
    return "done";
  }
  const { text: safe, masked } = maskContactDetails(text);
  ctx.effects.push({ type: "relay_to_handoff", handoffId: h.id, text: safe });
  say(ctx, ctx.t(masked ? "relay.sentMasked" : "relay.sent"));
  return "done";
}

/** A `relay:<handoffId>` button: back into the conversation, if the handoff still allows it. */
export function onRelayChoice(ctx: Ctx, handoffId: string): Outcome {
  const h = activeChatHandoff(ctx, handoffId);
  if (!h) {
    say(ctx, ctx.t("input.staleButton"));
    return "reprompt";
  }
  enterRelay(ctx, h.id, h.projectId);
  return "done";
}

/**
 * Called by the engine after each step: when the person left the relay while the handoff can still
 * carry messages, say so (replies keep arriving) and offer a way back, before the new question.
 */
export function noteRelayLeft(ctx: Ctx, before: Session | null): void {
  if (ctx.deleted || before?.flow.step !== "relay" || ctx.session.flow.step === "relay") return;
  const h = activeChatHandoff(ctx, before.flow.handoffId);
  if (!h) return;
  ctx.replies.unshift({
    type: "choices",
    text: ctx.t("relay.left", { project: projectName(ctx, h.projectId) }),
    choices: [choice(`${RELAY_CHOICE}:${h.id}`, ctx.t("relay.resume"))],
  });
}
