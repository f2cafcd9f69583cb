import { maskContactDetails } from "../../core/contact-mask.js";
import { distanceKm } from "../../core/geo.js";
import { type NewHandoff, NewHandoffSchema } from "../../core/handoff.js";
import type { Project } from "../../core/project.js";
import { ask, type Ctx, choice, say } from "../context.js";
import { enterRelay } from "./relay.js";

/** Two decimals of a degree: about a kilometre, enough to rank a forwarded request, not an address. */
const round2 = (x: number) => Math.round(x * 100) / 100;

/** Creates the handoff with exactly the consented data, and confirms what happens next. */
export function finishContact(ctx: Ctx, project: Project, message: string | undefined): void {
  const s = ctx.session;
  const draft = s.contact;
  if (!draft?.method || draft.projectId !== project.id) return;
  const volunteer = s.role === "volunteer";
  const origin = s.answers.origin;
  // The first message is masked like every later one; the way back chosen carries the contact.
  const masked = message ? maskContactDetails(message) : undefined;
  const handoff: NewHandoff = NewHandoffSchema.parse({
    id: ctx.deps.newId(),
    kind: volunteer ? "volunteer" : "family",
    projectId: project.id,
    channel: ctx.peer.channel,
    channelUserId: ctx.peer.channelUserId,
    language: s.language,
    ageBand: volunteer ? undefined : s.answers.ageBand,
    focus: s.answers.focus ?? [],
    distanceKm: origin ? Math.round(distanceKm(origin, project) * 10) / 10 : undefined,
    origin: origin ? { lat: round2(origin.lat), lon: round2(origin.lon) } : undefined,
    contactMethod: draft.method,
    contactValue: draft.method === "chat" ? undefined : draft.value,
    message: masked && masked.text.length > 0 ? masked.text : undefined,
    volunteer: volunteer
      ? { hoursPerWeek: s.volunteer.hoursPerWeek, languages: s.volunteer.languages }
      : undefined,
    consentAt: draft.consentAt,
    createdAt: ctx.deps.now().toISOString(),
  });
  ctx.effects.push({ type: "create_handoff", handoff });
  s.contact = undefined;
  s.flow = { step: "handoff_sent", projectId: project.id };
  const next = ctx.t(`handoff.next.${draft.method}`, { value: draft.value ?? "" });
  // Never "ist angekommen" when no coordinator channel can receive the request.
  const sentKey = ctx.deps.handoffsDelivered === false ? "webchat.notDelivered" : "handoff.sent";
  say(ctx, `${ctx.t(sentKey, { project: project.name })}\n\n${next}`);
  if (masked?.masked) say(ctx, ctx.t("privacy.firstMessageMasked"));
  if (draft.method === "chat") enterRelay(ctx, handoff.id, project.id);
  else promptAfterHandoff(ctx);
}

/** What the person can do after sending a request. */
export function promptAfterHandoff(ctx: Ctx): void {
  ask(ctx, ctx.t("handoff.after"), [
    choice("results:back", ctx.t("handoff.otherProjects")),
    choice("menu:restart", ctx.t("results.newSearch")),
  ]);
}
