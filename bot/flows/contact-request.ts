import type { Project } from "../../core/project.js";
import { HANDOFF_RETENTION_DAYS } from "../../core/retention.js";
import { validEmail, validPhone } from "../contact-validation.js";
import { ask, type Ctx, choice, type Outcome, say } from "../context.js";
import { formatDate } from "../i18n.js";

/** Starts a contact request: unless one is already open for the project, asks for consent first. */
export function startContact(ctx: Ctx, project: Project): void {
  const open = ctx.deps.handoffs?.find(
    (h) => h.projectId === project.id && (h.state === "open" || h.state === "taken"),
  );
  if (open) {
    const state = ctx.t(`handoff.state.${open.state}`);
    const date = formatDate(new Date(open.createdAt), ctx.session.language);
    ask(ctx, ctx.t("contact.alreadySent", { project: project.name, date, state }), [
      choice("results:back", ctx.t("handoff.otherProjects")),
      choice("menu:restart", ctx.t("results.newSearch")),
    ]);
    return;
  }
  ctx.session.flow = { step: "consent", projectId: project.id };
  promptConsent(ctx, project);
}

/** Explains what is passed on, to whom, how long it is kept and how to withdraw; asks for consent. */
export function promptConsent(ctx: Ctx, project: Project): void {
  const { t } = ctx;
  const what = ctx.session.role === "volunteer" ? t("consent.whatVolunteer") : t("consent.whatFamily");
  const text = [
    t("consent.intro", { project: project.name, organisation: project.organisation }),
    what,
    t("consent.retention", { days: HANDOFF_RETENTION_DAYS }),
    t("consent.withdraw"),
  ].join("\n\n");
  ask(ctx, text, [choice("consent:yes", t("consent.yes")), choice("consent:no", t("consent.no"))]);
}

/** Handles the consent answer. */
export function onConsent(ctx: Ctx, projectId: string, yes: boolean): Outcome {
  if (!yes) {
    ctx.session.contact = undefined;
    say(ctx, ctx.t("consent.declined"));
    return "advance";
  }
  ctx.session.contact = { projectId, consentAt: ctx.deps.now().toISOString() };
  ctx.session.flow = { step: "contact_way", projectId };
  promptWay(ctx);
  return "done";
}

/** Asks how the coordinator should answer. */
export function promptWay(ctx: Ctx): void {
  const { t } = ctx;
  ask(ctx, t("contact.askWay"), [
    choice("way:chat", t("contact.way.chat")),
    choice("way:phone", t("contact.way.phone")),
    choice("way:email", t("contact.way.email")),
  ]);
}

/** Asks for the phone number or email address. */
export function promptValue(ctx: Ctx, method: "phone" | "email"): void {
  const other = method === "phone" ? "email" : "phone";
  ask(ctx, ctx.t(`contact.ask.${method}`), [
    choice(`way:${other}`, ctx.t(`contact.way.${other}`)),
    choice("way:chat", ctx.t("contact.way.chat")),
  ]);
}

/** Asks for an optional message to the coordinator. */
export function promptMessage(ctx: Ctx): void {
  ask(ctx, ctx.t("contact.askMessage"), [choice("msg:skip", ctx.t("contact.skip"))]);
}

/** Handles a `way:<method>` button. */
export function onWay(ctx: Ctx, projectId: string, method: "chat" | "phone" | "email"): void {
  const draft = ctx.session.contact;
  if (!draft) return;
  if (method === "chat") {
    draft.method = "chat";
    draft.value = undefined;
    ctx.session.flow = { step: "contact_message", projectId };
    promptMessage(ctx);
    return;
  }
  ctx.session.flow = { step: "contact_value", projectId, method };
  promptValue(ctx, method);
}

/** Reads a phone number or email typed at the way-back steps; true when one was stored. */
export function onContactValueText(
  ctx: Ctx,
  projectId: string,
  text: string,
  expected?: "phone" | "email",
): boolean {
  const draft = ctx.session.contact;
  if (!draft) return false;
  const email = expected === "phone" ? undefined : validEmail(text);
  const phone = email || expected === "email" ? undefined : validPhone(text);
  if (!email && !phone) {
    say(ctx, ctx.t(expected ? `contact.invalid.${expected}` : "contact.notUnderstood"));
    if (expected) promptValue(ctx, expected);
    else promptWay(ctx);
    return false;
  }
  draft.method = email ? "email" : "phone";
  draft.value = email ?? phone;
  ctx.session.flow = { step: "contact_message", projectId };
  promptMessage(ctx);
  return true;
}
