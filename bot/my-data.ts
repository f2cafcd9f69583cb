import { isolate } from "./bidi.js";
import type { Ctx } from "./context.js";
import { ageBandLabel } from "./flows/family.js";
import { formatDate, languageName } from "./i18n.js";
import { directionOf, localeInfo } from "./locales.js";
import { joinList } from "./render-results.js";

/** Renders everything stored about the person: language, role, answers, draft and contact requests. */
export function renderMyData(ctx: Ctx): string {
  const { t, session: s } = ctx;
  const lang = s.language;
  const lines = [t("mydata.title"), t("mydata.language", { language: localeInfo(lang)?.nativeName ?? lang })];
  if (s.role) lines.push(t("mydata.role", { role: t(`roleName.${s.role}`) }));
  if (s.answers.ageBand) lines.push(t("mydata.age", { band: ageBandLabel(ctx, s.answers.ageBand) }));
  if (s.answers.focus) {
    const focus = s.answers.focus.map((f) => t(`focus.${f}`));
    lines.push(t("mydata.focus", { focus: focus.length > 0 ? joinList(focus, lang) : t("focus.any") }));
  }
  if (s.answers.origin)
    lines.push(t("mydata.place", { place: s.answers.origin.label || t("location.yours") }));
  if (s.volunteer.hoursPerWeek !== undefined)
    lines.push(t("mydata.hours", { count: s.volunteer.hoursPerWeek }));
  if (s.volunteer.languages.length > 0) {
    const names = s.volunteer.languages.map((l) => languageName(l, lang));
    lines.push(t("mydata.languages", { languages: joinList(names, lang) }));
  }
  if (s.contact?.value) lines.push(t("mydata.draft", { value: s.contact.value }));
  const handoffs = ctx.deps.handoffs ?? [];
  if (handoffs.length === 0) {
    lines.push(t("mydata.noRequests"));
  } else {
    lines.push(t("mydata.requests", { count: handoffs.length }));
    for (const h of handoffs) {
      const project = ctx.deps.catalogue.get(h.projectId)?.name ?? h.projectId;
      const value = h.contactValue ? ` ${isolate(h.contactValue, directionOf(lang))}` : "";
      const way = t(`contact.way.${h.contactMethod}`) + value;
      lines.push(
        t("mydata.request", {
          project,
          state: t(`handoff.state.${h.state}`),
          date: formatDate(new Date(h.createdAt), lang),
          way,
        }),
      );
    }
  }
  lines.push(t("mydata.footer"));
  return lines.join("\n");
}
