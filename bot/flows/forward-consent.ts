import { isActive } from "../../core/handoff-lifecycle.js";
import { type Ctx, type Outcome, say, setLanguage } from "../context.js";
import type { ButtonId } from "../dialog/button-id.js";
import { isSupportedLanguage } from "../locales.js";

/** The buttons that answer a forward proposal for one handoff (sent with the question by the adapter). */
export function forwardAnswerIds(handoffId: string): { yes: ButtonId; no: ButtonId } {
  return { yes: `fwd:yes:${handoffId}`, no: `fwd:no:${handoffId}` };
}

/**
 * The requester's answer to a coordinator's proposal to pass their request to another project:
 * a yes moves it there (the adapter re-routes it to that project's coordinators), a no keeps it
 * where it is. A proposal that is no longer pending (answered, overtaken, the request closed) is
 * answered as stale. Either way the dialog goes on where it was.
 */
export function onForwardAnswer(ctx: Ctx, value: string): Outcome | undefined {
  const m = /^(yes|no):(.+)$/.exec(value);
  if (!m) return undefined;
  const accept = m[1] === "yes";
  const h = ctx.deps.handoffs?.find((x) => x.id === m[2]);
  const proposal = h?.forwardProposal;
  if (!h || !proposal || !isActive(h.state)) {
    say(ctx, ctx.t("forward.gone"));
    return "reprompt";
  }
  // Back after the conversation expired: answer in the language the request was made in.
  if (!ctx.session.languageChosen && ctx.session.language !== h.language && isSupportedLanguage(h.language))
    setLanguage(ctx, h.language);
  const name = (id: string) => ctx.deps.catalogue.get(id)?.name ?? id;
  ctx.effects.push({ type: "answer_forward", handoffId: h.id, projectId: proposal.projectId, accept });
  if (accept) {
    const flow = ctx.session.flow;
    // The conversation with the coordinator carries on with the new project's.
    if ((flow.step === "relay" || flow.step === "handoff_sent") && flow.projectId === h.projectId)
      flow.projectId = proposal.projectId;
    say(ctx, ctx.t("forward.done", { project: name(proposal.projectId) }));
  } else {
    say(ctx, ctx.t("forward.kept", { project: name(h.projectId) }));
  }
  return "reprompt";
}
