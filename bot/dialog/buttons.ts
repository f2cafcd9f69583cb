import { askDelete, confirmDelete, restart } from "../commands.js";
import { type Ctx, type Outcome, say } from "../context.js";
import { onConsent, onWay, startContact } from "../flows/contact-request.js";
import { onFormChoice } from "../flows/family.js";
import { onForwardAnswer } from "../flows/forward-consent.js";
import { finishContact } from "../flows/handoff.js";
import { showInfo } from "../flows/info.js";
import { showLanguagePicker, switchLanguage } from "../flows/language-picker.js";
import { onPlaceChoice, promptLocation } from "../flows/location.js";
import { onRelayChoice } from "../flows/relay.js";
import { resolveRef, showDetails, showMore, showResults } from "../flows/results.js";
import { promptRole } from "../flows/start.js";
import { onVolunteerChoice } from "../flows/volunteer.js";
import { type ButtonKind, parseButtonId } from "./button-id.js";

/** Handles a pressed button's value; undefined when it no longer fits (the person is told, and asked again). */
type ButtonHandler = (ctx: Ctx, value: string) => Outcome | undefined;

/**
 * What each kind of button does. Buttons from older messages still work where they make sense
 * (a project's details from an earlier result list), so handlers check the state, not the step
 * alone. The compiler checks that every kind of button the bot makes is handled here.
 */
const BUTTONS = {
  role: (ctx, value) => {
    const s = ctx.session;
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
    return undefined;
  },
  menu: (ctx, value) => {
    if (value === "lang") {
      showLanguagePicker(ctx);
      return "done";
    }
    if (value === "restart") {
      restart(ctx);
      promptRole(ctx);
      return "done";
    }
    return undefined;
  },
  langs: (ctx, value) => {
    showLanguagePicker(ctx, Number(value) || 0);
    return "done";
  },
  lang: (ctx, value) => {
    const s = ctx.session;
    if (value === "keep") {
      s.languageOffer = undefined;
      s.languageChosen = true;
      return "reprompt";
    }
    return switchLanguage(ctx, value) ? "reprompt" : undefined;
  },
  del: (ctx, value) => {
    const s = ctx.session;
    if (value === "yes") {
      if (s.confirming === "delete") confirmDelete(ctx);
      else askDelete(ctx);
      return "done";
    }
    if (value === "no") {
      s.confirming = undefined;
      say(ctx, ctx.t("delete.cancelled"));
      return "reprompt";
    }
    return undefined;
  },
  age: (ctx, value) => onFormChoice(ctx, `age:${value}`),
  focus: (ctx, value) => onFormChoice(ctx, `focus:${value}`),
  hours: (ctx, value) => onVolunteerChoice(ctx, `hours:${value}`),
  vlang: (ctx, value) => onVolunteerChoice(ctx, `vlang:${value}`),
  place: (ctx, value) =>
    ctx.session.flow.step === "place_choice" ? onPlaceChoice(ctx, Number(value)) : undefined,
  loc: (ctx) => {
    ctx.session.answers.origin = undefined;
    promptLocation(ctx);
    return "done";
  },
  more: (ctx) => {
    if (!ctx.session.answers.origin) return undefined;
    showMore(ctx);
    return "done";
  },
  results: (ctx) => {
    if (!ctx.session.answers.origin) return "advance";
    showResults(ctx);
    return "done";
  },
  proj: (ctx, value) => {
    const project = resolveRef(ctx, value);
    if (!project) return undefined;
    showDetails(ctx, project);
    return "done";
  },
  contact: (ctx, value) => {
    const project = resolveRef(ctx, value);
    if (!project) return undefined;
    startContact(ctx, project);
    return "done";
  },
  consent: (ctx, value) => {
    const flow = ctx.session.flow;
    return flow.step === "consent" ? onConsent(ctx, flow.projectId, value === "yes") : undefined;
  },
  way: (ctx, value) => {
    const flow = ctx.session.flow;
    if ((flow.step !== "contact_way" && flow.step !== "contact_value") || !ctx.session.contact)
      return undefined;
    if (value !== "chat" && value !== "phone" && value !== "email") return undefined;
    onWay(ctx, flow.projectId, value);
    return "done";
  },
  relay: (ctx, value) => onRelayChoice(ctx, value),
  fwd: (ctx, value) => onForwardAnswer(ctx, value),
  msg: (ctx, value) => {
    const flow = ctx.session.flow;
    const project = flow.step === "contact_message" ? ctx.deps.catalogue.get(flow.projectId) : undefined;
    if (!project || value !== "skip") return undefined;
    finishContact(ctx, project, undefined);
    return "done";
  },
} satisfies Record<ButtonKind, ButtonHandler>;

/** Handles a button press; a payload the bot never made, or one that no longer fits, is answered as stale. */
export function handleChoice(ctx: Ctx, id: string): Outcome {
  const pressed = parseButtonId(id);
  const outcome = pressed ? BUTTONS[pressed.kind](ctx, pressed.value) : undefined;
  if (outcome !== undefined) return outcome;
  say(ctx, ctx.t("input.staleButton"));
  return "reprompt";
}
