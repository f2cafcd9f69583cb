import { confirmDelete } from "./commands.js";
import { type Ctx, type Outcome, say } from "./context.js";
import { onConsent, onContactValueText } from "./flows/contact-request.js";
import { understandAndApply } from "./flows/free-text.js";
import { finishContact } from "./flows/handoff.js";
import { onPlaceChoice } from "./flows/location.js";
import { onRelayText } from "./flows/relay.js";
import { onHoursText, onLanguagesText } from "./flows/volunteer.js";
import { placeLabel } from "./understand.js";
import { isNo, isYes } from "./words.js";

/** Handles sanitised, non-empty typed text according to the step the person is at. */
export function handleText(ctx: Ctx, text: string): Outcome {
  const s = ctx.session;
  if (s.pendingDelete) {
    if (isYes(ctx, text)) {
      confirmDelete(ctx);
      return "done";
    }
    s.pendingDelete = false;
    say(ctx, ctx.t("delete.cancelled"));
    if (isNo(ctx, text)) return "reprompt";
  }
  const flow = s.flow;
  switch (flow.step) {
    case "consent":
      if (isYes(ctx, text)) return onConsent(ctx, flow.projectId, true);
      if (isNo(ctx, text)) return onConsent(ctx, flow.projectId, false);
      say(ctx, ctx.t("consent.pleaseAnswer"));
      return "reprompt";
    case "contact_way":
      onContactValueText(ctx, flow.projectId, text);
      return "done";
    case "contact_value":
      onContactValueText(ctx, flow.projectId, text, flow.method);
      return "done";
    case "contact_message": {
      const project = ctx.deps.catalogue.get(flow.projectId);
      if (!project) return "advance";
      finishContact(ctx, project, isNo(ctx, text) ? undefined : text);
      return "done";
    }
    case "volunteer_hours":
      return onHoursText(ctx, text) ?? understandAndApply(ctx, text);
    case "volunteer_languages":
      return onLanguagesText(ctx, text) ?? understandAndApply(ctx, text);
    case "relay":
      return onRelayText(ctx, flow, text);
    case "place_choice": {
      const typed = text.trim().toLowerCase();
      const index = flow.choices.findIndex(
        (p) => placeLabel(p).toLowerCase() === typed || `${p.name} ${p.state}`.toLowerCase() === typed,
      );
      if (index >= 0) return onPlaceChoice(ctx, index);
      return understandAndApply(ctx, text);
    }
    default:
      return understandAndApply(ctx, text);
  }
}
