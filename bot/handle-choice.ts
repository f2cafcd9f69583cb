import { askDelete, confirmDelete, restart } from "./commands.js";
import { type Ctx, type Outcome, say } from "./context.js";
import { onConsent, onWay, startContact } from "./flows/contact-request.js";
import { onFormChoice } from "./flows/family.js";
import { finishContact } from "./flows/handoff.js";
import { showInfo } from "./flows/info.js";
import { showLanguagePicker, switchLanguage } from "./flows/language-picker.js";
import { onPlaceChoice, promptLocation } from "./flows/location.js";
import { onRelayChoice } from "./flows/relay.js";
import { resolveRef, showDetails, showMore, showResults } from "./flows/results.js";
import { promptRole } from "./flows/start.js";
import { onVolunteerChoice } from "./flows/volunteer.js";

/** Handles a button press. Buttons from older messages still work where they make sense. */
export function handleChoice(ctx: Ctx, id: string): Outcome {
  const s = ctx.session;
  const flow = s.flow;
  const colon = id.indexOf(":");
  const kind = colon < 0 ? id : id.slice(0, colon);
  const value = colon < 0 ? "" : id.slice(colon + 1);
  switch (kind) {
    case "role":
      if (value === "family" || value === "volunteer") {
        s.role = value;
        s.results.offset = 0;
        return "advance";
      }
      if (value === "coordinator" || value === "info") {
        if (value === "coordinator") s.role = "coordinator";
        showInfo(ctx, value === "info" ? "patenschaft" : "coordinator");
        return "done";
      }
      break;
    case "menu":
      if (value === "lang") {
        showLanguagePicker(ctx);
        return "done";
      }
      if (value === "restart") {
        restart(ctx);
        promptRole(ctx);
        return "done";
      }
      break;
    case "langs":
      showLanguagePicker(ctx, Number(value) || 0);
      return "done";
    case "lang":
      if (value === "keep") {
        s.languageOffer = undefined;
        s.languageChosen = true;
        return "reprompt";
      }
      if (switchLanguage(ctx, value)) return "reprompt";
      break;
    case "del":
      if (value === "yes") {
        if (s.pendingDelete) confirmDelete(ctx);
        else askDelete(ctx);
        return "done";
      }
      if (value === "no") {
        s.pendingDelete = false;
        say(ctx, ctx.t("delete.cancelled"));
        return "reprompt";
      }
      break;
    case "age":
    case "focus":
      return onFormChoice(ctx, id) ?? stale(ctx);
    case "hours":
    case "vlang":
      return onVolunteerChoice(ctx, id) ?? stale(ctx);
    case "place":
      if (flow.step === "place_choice") return onPlaceChoice(ctx, Number(value));
      break;
    case "loc":
      s.answers.origin = undefined;
      promptLocation(ctx);
      return "done";
    case "more":
      if (s.answers.origin) {
        showMore(ctx);
        return "done";
      }
      break;
    case "results":
      if (s.answers.origin) {
        showResults(ctx);
        return "done";
      }
      return "advance";
    case "proj":
    case "contact": {
      const project = resolveRef(ctx, value);
      if (!project) break;
      if (kind === "proj") showDetails(ctx, project);
      else startContact(ctx, project);
      return "done";
    }
    case "consent":
      if (flow.step === "consent") return onConsent(ctx, flow.projectId, value === "yes");
      break;
    case "way":
      if ((flow.step === "contact_way" || flow.step === "contact_value") && s.contact) {
        if (value === "chat" || value === "phone" || value === "email") {
          onWay(ctx, flow.projectId, value);
          return "done";
        }
      }
      break;
    case "relay":
      return onRelayChoice(ctx, value);
    case "msg": {
      const project = flow.step === "contact_message" ? ctx.deps.catalogue.get(flow.projectId) : undefined;
      if (project && value === "skip") {
        finishContact(ctx, project, undefined);
        return "done";
      }
      break;
    }
  }
  return stale(ctx);
}

/** A button that no longer fits: say so and ask the current question again. */
function stale(ctx: Ctx): Outcome {
  say(ctx, ctx.t("input.staleButton"));
  return "reprompt";
}
