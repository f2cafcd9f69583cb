import type { Session } from "../../bot/session.js";
import type { Peer, Reply, StepDeps, StepResult } from "../../bot/types.js";
import { readNeeds } from "../../bot/understanding-tables.js";
import { createCatalogue } from "../../core/catalogue.js";
import type { Handoff } from "../../core/handoff.js";
import { PROJECTS } from "./bot-projects.js";
import { fakeGazetteer } from "./fake-gazetteer.js";

export { PROJECTS } from "./bot-projects.js";

export const NOW = new Date("2025-05-03T10:00:00Z");

/** Step deps with the fake gazetteer, the real catalogue over PROJECTS, a fixed clock and counting ids. */
export function makeDeps(handoffs: Handoff[] = []): StepDeps {
  let n = 0;
  return {
    gazetteer: fakeGazetteer,
    catalogue: createCatalogue(PROJECTS, readNeeds),
    now: () => NOW,
    newId: () => `h-${++n}`,
    handoffs,
  };
}

export const PEER: Peer = { channel: "telegram", channelUserId: "42", platformLanguage: "de-DE" };

/** All text of a step's replies, joined. */
export function allText(r: StepResult<Session>): string {
  return r.replies.map((x: Reply) => ("text" in x ? x.text : `${x.title} ${x.address}`)).join("\n---\n");
}

/** All button ids of a step's replies. */
export function choiceIds(r: StepResult<Session>): string[] {
  return r.replies.flatMap((x) => (x.type === "choices" ? x.choices.map((c) => c.id) : []));
}
