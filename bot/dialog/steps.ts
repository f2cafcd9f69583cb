import { type Ctx, type Outcome, say } from "../context.js";
import {
  onConsent,
  onContactValueText,
  promptConsent,
  promptMessage,
  promptValue,
  promptWay,
} from "../flows/contact-request.js";
import { promptAge, promptFocus } from "../flows/family.js";
import { understandAndApply } from "../flows/free-text.js";
import { finishContact, promptAfterHandoff } from "../flows/handoff.js";
import { showInfo } from "../flows/info.js";
import { onPlaceChoice, promptLocation, promptPlaceChoice } from "../flows/location.js";
import { onRelayText, promptRelay } from "../flows/relay.js";
import { showDetails, showResults } from "../flows/results.js";
import { promptRole } from "../flows/start.js";
import { onHoursText, onLanguagesText, promptHours, promptLanguages } from "../flows/volunteer.js";
import type { Flow, FlowStep, Session } from "../session.js";
import { placeLabel } from "../understand.js";
import { isNo, isYes } from "../words.js";
import type { ButtonKind } from "./button-id.js";

/** The flow state at one step, with the data that step carries (a project id, places offered, …). */
export type FlowAt<S extends FlowStep> = Extract<Flow, { step: S }>;

/** What a step can receive: one of its buttons, typed text, or a shared location. */
export type Input = ButtonKind | "text" | "location";

/**
 * Buttons that work at every step and come back to it: the menu (language, new search), the
 * language picker and offer, "delete everything?", and "back to the conversation" with a coordinator.
 */
export const GLOBAL_BUTTONS = [
  "menu",
  "lang",
  "langs",
  "del",
  "relay",
] as const satisfies readonly ButtonKind[];

/** The roles that fill in the search form, and the questions each answers, in order. */
export type FormRole = "family" | "volunteer";

/** One step of the dialog: what it asks, what it accepts, where each answer leads. */
export interface StepSpec<S extends FlowStep> {
  /** What the step asks, in a few English words (the diagram's label). */
  summary: string;
  /**
   * Asks the step's question with its buttons: on entry, and again after /help, /mydata, a
   * language switch or an answer not understood.
   */
  ask: (ctx: Ctx, flow: FlowAt<S>) => void;
  /** Typed text at this step; without it, free text is understood as age, need and place. */
  onText?: (ctx: Ctx, text: string, flow: FlowAt<S>) => Outcome;
  /**
   * For a question of the search form: true while its answer is missing. The dialog asks the
   * first missing question of the person's role (answers may come in any order, several at once).
   */
  missing?: (s: Session) => boolean;
  /**
   * Where each accepted input leads; the buttons listed are the ones this step's question shows.
   * `text` is listed where the step reads text its own way; everywhere else typed text is understood
   * as age, need and place, and the dialog goes on with the first question still missing.
   */
  on: Partial<Record<Input, readonly FlowStep[]>>;
}

export type StepTable = { [S in FlowStep]: StepSpec<S> };

/** The search form: the questions each role answers before the results, in the order they are asked. */
export const QUESTIONS = {
  family: ["family_age", "family_focus", "location"],
  volunteer: ["location", "volunteer_focus", "volunteer_hours", "volunteer_languages"],
} as const satisfies Record<FormRole, readonly FlowStep[]>;

/** The questions asked after `step` in the role's form, then the results: where an answer can lead. */
function after(role: FormRole, step: FlowStep): FlowStep[] {
  const questions: readonly FlowStep[] = QUESTIONS[role];
  return [...questions.slice(questions.indexOf(step) + 1), "results"];
}

const START_ROLES: readonly FlowStep[] = ["family_age", "location", "info"];

/** "Back to the results": the list again, or, when the search was reset meanwhile, its start. */
const BACK_TO_RESULTS: readonly FlowStep[] = ["results", "start"];

/**
 * The dialog. Every step is here (the compiler checks), with its question, the buttons and text
 * it accepts, and where each leads. Global commands and buttons (`/help`, `/language`, `/mydata`,
 * `/delete`, `/restart`, the language picker) are handled in one place, `dialog/global.ts`, and
 * come back to the step they interrupted.
 */
export const STEPS = {
  start: {
    summary: "Who is asking?",
    ask: (ctx) => promptRole(ctx),
    on: { role: START_ROLES, menu: ["start"], location: ["family_age"] },
  },
  info: {
    summary: "About Patenschaften / for coordinators",
    ask: (ctx, flow) => showInfo(ctx, flow.topic),
    on: { role: START_ROLES },
  },
  family_age: {
    summary: "How old is the child?",
    ask: (ctx) => promptAge(ctx),
    missing: (s) => s.answers.ageBand === undefined,
    on: { age: after("family", "family_age") },
  },
  family_focus: {
    summary: "What should it help with?",
    ask: (ctx) => promptFocus(ctx),
    missing: (s) => s.answers.focus === undefined,
    on: { focus: after("family", "family_focus") },
  },
  location: {
    summary: "Where? (postcode, place or shared location)",
    ask: (ctx) => promptLocation(ctx),
    missing: (s) => s.answers.origin === undefined,
    on: {
      location: ["results", "volunteer_focus"],
      text: ["place_choice", "results", "volunteer_focus"],
    },
  },
  place_choice: {
    summary: "Which place do you mean?",
    ask: (ctx) => promptPlaceChoice(ctx),
    onText: (ctx, text, flow) => {
      const typed = text.trim().toLowerCase();
      const index = flow.choices.findIndex(
        (p) => placeLabel(p).toLowerCase() === typed || `${p.name} ${p.state}`.toLowerCase() === typed,
      );
      return index >= 0 ? onPlaceChoice(ctx, index) : understandAndApply(ctx, text);
    },
    on: {
      // "place:no" (the one place asked about was not meant) goes back to the location question.
      place: ["results", "volunteer_focus", "family_age", "family_focus", "location"],
      text: ["results", "volunteer_focus", "place_choice"],
    },
  },
  volunteer_focus: {
    summary: "What would you like to do?",
    ask: (ctx) => promptFocus(ctx),
    missing: (s) => s.answers.focus === undefined,
    on: { focus: after("volunteer", "volunteer_focus") },
  },
  volunteer_hours: {
    summary: "How many hours a week?",
    ask: (ctx) => promptHours(ctx),
    onText: (ctx, text) => onHoursText(ctx, text) ?? understandAndApply(ctx, text),
    missing: (s) => s.volunteer.hoursPerWeek === undefined,
    on: { hours: after("volunteer", "volunteer_hours"), text: after("volunteer", "volunteer_hours") },
  },
  volunteer_languages: {
    summary: "Which languages do you speak?",
    ask: (ctx) => promptLanguages(ctx),
    onText: (ctx, text) => onLanguagesText(ctx, text) ?? understandAndApply(ctx, text),
    missing: (s) => !s.volunteer.languagesDone,
    on: { vlang: ["volunteer_languages", "results"], text: ["volunteer_languages", "results"] },
  },
  results: {
    summary: "Projects nearby",
    ask: (ctx) => showResults(ctx),
    on: { proj: ["details"], more: ["results"], menu: ["start"], loc: ["location"] },
  },
  details: {
    summary: "One project",
    ask: (ctx, flow) => {
      const project = ctx.deps.catalogue.get(flow.projectId);
      if (project) showDetails(ctx, project);
      else askFirstMissing(ctx);
    },
    on: { contact: ["consent"], results: BACK_TO_RESULTS, menu: ["start"] },
  },
  consent: {
    summary: "May we pass on your request?",
    ask: (ctx, flow) => {
      const project = ctx.deps.catalogue.get(flow.projectId);
      if (project) promptConsent(ctx, project);
      else askFirstMissing(ctx);
    },
    onText: (ctx, text, flow) => {
      if (isYes(ctx, text)) return onConsent(ctx, flow.projectId, true);
      if (isNo(ctx, text)) return onConsent(ctx, flow.projectId, false);
      say(ctx, ctx.t("consent.pleaseAnswer"));
      return "reprompt";
    },
    on: { consent: ["contact_way", "results"], text: ["contact_way", "results"] },
  },
  contact_way: {
    summary: "How should the coordinator answer?",
    ask: (ctx) => promptWay(ctx),
    onText: (ctx, text, flow) => {
      onContactValueText(ctx, flow.projectId, text);
      return "done";
    },
    on: { way: ["contact_message", "contact_value"], text: ["contact_message", "contact_way"] },
  },
  contact_value: {
    summary: "Phone number / e-mail address",
    ask: (ctx, flow) => promptValue(ctx, flow.method),
    onText: (ctx, text, flow) => {
      onContactValueText(ctx, flow.projectId, text, flow.method);
      return "done";
    },
    on: { way: ["contact_value", "contact_message"], text: ["contact_message", "contact_value"] },
  },
  contact_message: {
    summary: "A message for the coordinator? (optional)",
    ask: (ctx) => promptMessage(ctx),
    onText: (ctx, text, flow) => {
      const project = ctx.deps.catalogue.get(flow.projectId);
      if (!project) return "advance";
      finishContact(ctx, project, isNo(ctx, text) ? undefined : text);
      return "done";
    },
    on: { msg: ["handoff_sent", "relay"], text: ["handoff_sent", "relay"] },
  },
  handoff_sent: {
    summary: "Request sent",
    ask: (ctx) => promptAfterHandoff(ctx),
    on: { results: BACK_TO_RESULTS, menu: ["start"] },
  },
  relay: {
    summary: "Chat with the coordinator",
    ask: (ctx, flow) => promptRelay(ctx, flow.projectId),
    onText: (ctx, text, flow) => onRelayText(ctx, flow, text),
    on: { results: BACK_TO_RESULTS, menu: ["start"], text: ["relay", "handoff_sent"] },
  },
} satisfies StepTable;

/** The spec of a step, for code that holds any flow (the table is indexed by the flow's own step). */
export function specOf(flow: Flow): StepSpec<FlowStep> {
  return STEPS[flow.step] as unknown as StepSpec<FlowStep>;
}

/** Asks the question of the step the person is at. */
export function askCurrent(ctx: Ctx): void {
  const flow = ctx.session.flow;
  specOf(flow).ask(ctx, flow as never);
}

/**
 * Moves to the first answer still missing for the person's role and asks for it; when everything
 * is known, shows the results. Someone without a role is asked who they are; a coordinator gets
 * the information for projects.
 */
export function askFirstMissing(ctx: Ctx): void {
  const s = ctx.session;
  if (s.role === undefined) {
    s.flow = { step: "start" };
    promptRole(ctx);
    return;
  }
  if (s.role === "coordinator") {
    showInfo(ctx, "coordinator");
    return;
  }
  const questions: readonly FlowStep[] = QUESTIONS[s.role];
  const next = questions.find((q) => specOf({ step: q } as Flow).missing?.(s)) ?? "results";
  s.flow = { step: next } as Flow;
  askCurrent(ctx);
}

/**
 * Asks again for whatever the current step waits for. A question of the search form (and the
 * results) goes through `askFirstMissing`, so an answer that arrived meanwhile is not asked twice.
 */
export function reask(ctx: Ctx): void {
  const flow = ctx.session.flow;
  if (flow.step === "results" || specOf(flow).missing) askFirstMissing(ctx);
  else askCurrent(ctx);
}
