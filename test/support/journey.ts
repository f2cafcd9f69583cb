import { expect } from "vitest";
import { parseButtonId } from "../../bot/dialog/button-id.js";
import { GLOBAL_BUTTONS, type Input, QUESTIONS, STEPS } from "../../bot/dialog/steps.js";
import { step } from "../../bot/engine.js";
import type { FlowStep, Session } from "../../bot/session.js";
import type { Command, InboundEvent, Peer, Reply, StepDeps, StepResult } from "../../bot/types.js";
import type { Handoff } from "../../core/handoff.js";
import { makeDeps, NOW, PEER } from "./bot-fixtures.js";

/** Turns that may end without a button: a message passed on to the coordinator (the chat goes on as text). */
const MAY_END_WITHOUT_BUTTON: readonly FlowStep[] = ["relay"];

/** True when a reply leaves the person something to tap (buttons, or the share-location button). */
export function isQuestion(r: Reply): boolean {
  return (r.type === "choices" && r.choices.length > 0) || r.type === "request_location";
}

/**
 * Walks a conversation through the real engine, the way tests name it:
 * `journey().start().tap("family").say("8 Jahre").at("family_focus")`. It knows the dialog's table:
 * after every turn it checks that the turn ends with a button, that every button is a known kind
 * at most 64 bytes long, that the last question only offers buttons its step declares, and that a
 * tapped button led where the table says. A tap on a form button answers, with their first button,
 * the form questions asked before it that the test does not name (so a question added to the form
 * does not break every test). It plays the adapter's part for handoffs: a created one
 * is kept (open) and handed to the next turns, as the adapter reads them from the database.
 */
export class Journey {
  session: Session | null = null;
  /** The last turn's result. */
  last!: StepResult<Session>;
  readonly handoffs: Handoff[];
  readonly deps: StepDeps;

  constructor(
    deps: StepDeps = makeDeps(),
    public peer: Peer = PEER,
  ) {
    this.handoffs = deps.handoffs ?? [];
    this.deps = { ...deps, handoffs: this.handoffs };
  }

  /** One turn with any inbound event (also malformed ones, for robustness tests). */
  send(event: InboundEvent): this {
    const before = this.session?.flow.step;
    const r = step(this.session, this.peer, event, this.deps);
    this.last = r;
    this.session = r.session;
    this.keepHandoffs(r);
    this.checkTurn(r, event, before);
    return this;
  }

  /** Sends /start: a fresh dialog at "who is asking". */
  start(): this {
    return this.command("start");
  }

  command(command: Command): this {
    return this.send({ type: "command", command });
  }

  /** Types a text. */
  say(text: string): this {
    return this.send({ type: "text", text });
  }

  /** Shares a location. */
  share(lat: number, lon: number): this {
    return this.send({ type: "location", lat, lon });
  }

  /**
   * Taps a button of the last turn, named by its id ("age:6-9"), its value ("family", "6-9") or
   * a part of its label ("Lesepaten"); fails when no button or more than one fits.
   */
  tap(name: string): this {
    this.answerQuestionsBefore(name);
    const buttons = this.buttons();
    const byId = buttons.filter((b) => b.id === name);
    const byValue = buttons.filter((b) => b.id.endsWith(`:${name}`));
    const byLabel = buttons.filter((b) => b.label.includes(name));
    const found = [byId, byValue, byLabel].find((list) => list.length > 0) ?? [];
    expect(
      found.length,
      `one button "${name}" among ${buttons.map((b) => `${b.id} (${b.label})`).join(", ")}`,
    ).toBe(1);
    return this.send({ type: "choice", id: found[0]?.id ?? name });
  }

  /**
   * Answers the open questions of the search form the test does not care about, with their first
   * button, until the question `name` belongs to is asked (see `formAnswerBefore`).
   */
  private answerQuestionsBefore(name: string): void {
    for (let guard = 0; guard < 10; guard++) {
      const first = formAnswerBefore(name, this.ids());
      if (first === undefined) return;
      this.press(first);
    }
  }

  /** Presses a button payload whether or not it is on screen (an old message, a forged payload). */
  press(id: string): this {
    return this.send({ type: "choice", id });
  }

  /** Asserts the step the dialog is at. */
  at(expected: FlowStep | "deleted"): this {
    expect(this.session?.flow.step ?? "deleted").toBe(expected);
    return this;
  }

  /** Asserts the last turn's text contains something. */
  sees(text: string | RegExp): this {
    if (typeof text === "string") expect(this.text()).toContain(text);
    else expect(this.text()).toMatch(text);
    return this;
  }

  /** The step the dialog is at. */
  get step(): FlowStep | undefined {
    return this.session?.flow.step;
  }

  /** All text of the last turn (location pins as title and address), joined. */
  text(): string {
    return this.last.replies.map((x) => ("text" in x ? x.text : `${x.title} ${x.address}`)).join("\n---\n");
  }

  /** The buttons of the last turn. */
  buttons(): { id: string; label: string }[] {
    return this.last.replies.flatMap((x) => (x.type === "choices" ? x.choices : []));
  }

  /** The button ids of the last turn. */
  ids(): string[] {
    return this.buttons().map((b) => b.id);
  }

  private keepHandoffs(r: StepResult<Session>): void {
    for (const e of r.effects) {
      if (e.type === "create_handoff")
        this.handoffs.push({ ...e.handoff, state: "open", updatedAt: NOW.toISOString() });
      if (e.type === "delete_user_data")
        for (const h of this.handoffs) Object.assign(h, { state: "withdrawn", contactValue: undefined });
    }
  }

  private checkTurn(r: StepResult<Session>, event: InboundEvent, before: FlowStep | undefined): void {
    expect(r.replies.length, "a turn says something").toBeGreaterThan(0);
    for (const b of this.buttons()) {
      expect(parseButtonId(b.id), `button ${b.id} is of a known kind`).toBeDefined();
      expect(new TextEncoder().encode(b.id).length).toBeLessThanOrEqual(64);
    }
    const now = r.session?.flow.step;
    const lastReply = r.replies.at(-1);
    const exempt = now !== undefined && MAY_END_WITHOUT_BUTTON.includes(now) && event.type === "text";
    if (!exempt) expect(lastReply && isQuestion(lastReply), "the turn ends with a button").toBe(true);
    // One open question at a time; leaving the coordinator chat adds its "back to the chat" button.
    const openQuestions = r.replies.filter(isQuestion).length;
    expect(openQuestions, "one open question at a time").toBeLessThanOrEqual(before === "relay" ? 2 : 1);
    if (now === undefined || lastReply?.type !== "choices") return;
    const declared = new Set<string>([...Object.keys(STEPS[now].on), ...GLOBAL_BUTTONS]);
    for (const c of lastReply.choices) {
      const kind = parseButtonId(c.id)?.kind;
      expect(declared.has(kind ?? ""), `step ${now} declares the button kind ${kind}`).toBe(true);
    }
    if (event.type !== "choice" || before === undefined) return;
    const kind = parseButtonId(String(event.id))?.kind;
    if (kind === undefined || (GLOBAL_BUTTONS as readonly string[]).includes(kind)) return;
    // The search form asks whichever question is still missing first (answers come in any order).
    const form: readonly FlowStep[] = [...QUESTIONS.family, ...QUESTIONS.volunteer, "results"];
    if (form.includes(before) && form.includes(now)) return;
    const on: Partial<Record<Input, readonly FlowStep[]>> = STEPS[before].on;
    const targets = on[kind];
    // A button from an older message may act elsewhere; a stale one keeps the step.
    if (targets && now !== before)
      expect(targets, `${before} --${kind}--> ${now} is declared`).toContain(now);
  }
}

/** The button kinds that answer a question of the search form (age, school type, need, hours, …). */
const FORM_KINDS: ReadonlySet<string> = new Set(
  [...QUESTIONS.family, ...QUESTIONS.volunteer].flatMap((step) =>
    Object.keys(STEPS[step].on).filter((input) => input !== "text" && input !== "location"),
  ),
);

/**
 * When the button `wanted` answers a question of the search form, and the buttons on screen (the
 * latest question's) answer another one, the button to press first: the first answer of the
 * question shown. Tests name the answers they care about (`age:6-9`, `focus:reading`); a question
 * added to the form in between is answered for them instead of breaking them. Undefined otherwise.
 */
export function formAnswerBefore(wanted: string, shown: readonly string[]): string | undefined {
  const kind = parseButtonId(wanted)?.kind;
  if (kind === undefined || !FORM_KINDS.has(kind)) return undefined;
  if (shown.some((id) => id === wanted || parseButtonId(id)?.kind === kind)) return undefined;
  return shown.find((id) => {
    const other = parseButtonId(id)?.kind;
    return other !== undefined && other !== kind && FORM_KINDS.has(other);
  });
}

/** A conversation with the real engine, the fake gazetteer and the bot's test catalogue. */
export function journey(deps?: StepDeps, peer?: Peer): Journey {
  return new Journey(deps, peer);
}

/**
 * How to reach each step by the shortest usual way (the table decides what each answer does).
 * The compiler checks a route exists for every step, so a new step gets walked by the tests.
 */
export const ROUTES: Record<FlowStep, (j: Journey) => Journey> = {
  start: (j) => j.start(),
  info: (j) => j.start().tap("role:info"),
  family_age: (j) => j.start().tap("role:family"),
  family_focus: (j) => j.start().tap("role:family").tap("age:6-9"),
  location: (j) => j.start().tap("role:family").tap("age:6-9").tap("focus:reading"),
  place_choice: (j) => ROUTES.location(j).say("Neustadt"),
  volunteer_focus: (j) => j.start().tap("role:volunteer").say("50667"),
  volunteer_hours: (j) => ROUTES.volunteer_focus(j).tap("focus:reading"),
  volunteer_languages: (j) => ROUTES.volunteer_hours(j).tap("hours:2"),
  results: (j) => ROUTES.location(j).say("50667"),
  details: (j) => ROUTES.results(j).tap("proj:lesepaten-ehrenfeld"),
  consent: (j) => ROUTES.details(j).tap("contact:lesepaten-ehrenfeld"),
  contact_way: (j) => ROUTES.consent(j).tap("consent:yes"),
  contact_value: (j) => ROUTES.contact_way(j).tap("way:phone"),
  contact_message: (j) => ROUTES.contact_way(j).tap("way:chat"),
  handoff_sent: (j) => ROUTES.contact_value(j).say("+49 170 1234567").tap("msg:skip"),
  relay: (j) => ROUTES.contact_message(j).tap("msg:skip"),
};

/** A new journey already at `target`, reached by its usual route (and checked to be there). */
export function journeyAt(target: FlowStep, deps?: StepDeps, peer?: Peer): Journey {
  return ROUTES[target](journey(deps, peer)).at(target);
}
