import { SERVICE_OFFICE } from "../../core/service-office.js";
import { ask, type Ctx, choice, say } from "../context.js";

/** The central service office as contact: name, phone, email, address, website link. */
export function showServiceOffice(ctx: Ctx): void {
  const o = SERVICE_OFFICE;
  ctx.replies.push({
    type: "links",
    text: ctx.t("office.text", { name: o.name, phone: o.phone, email: o.email, address: o.visitorAddress }),
    links: [{ label: ctx.t("office.website"), url: o.website }],
  });
}

/** Information for people who ask what a Patenschaft is, or who run a project. */
export function showInfo(ctx: Ctx, topic: "patenschaft" | "coordinator"): void {
  const { t } = ctx;
  ctx.session.flow = { step: "info", topic };
  if (topic === "patenschaft") {
    say(ctx, t("info.patenschaft"));
    ask(ctx, t("info.next"), [
      choice("role:family", t("role.family")),
      choice("role:volunteer", t("role.volunteer")),
      choice("role:coordinator", t("role.coordinator")),
    ]);
    return;
  }
  say(ctx, t("info.coordinator"));
  say(ctx, t("info.listing"));
  showServiceOffice(ctx);
  ask(ctx, t("info.next"), [
    choice("role:info", t("role.info")),
    choice("role:family", t("role.family")),
    choice("role:volunteer", t("role.volunteer")),
  ]);
}
