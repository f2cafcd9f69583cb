import { isolate } from "./bidi.js";
import type { Ctx } from "./context.js";
import { ageBandLabel } from "./flows/family.js";
import { formatDate, formatNumber, languageName } from "./i18n.js";
import { directionOf, intlTag, localeInfo } from "./locales.js";
import { joinList } from "./render-results.js";
import type { StoredMessage } from "./stored-data.js";

/** Longest quoted message in the chat listing; the JSON download has every text in full. */
const QUOTE_MAX = 300;

/** A moment for the locale, with the time (consent is given at a moment, not on a day). */
function formatMoment(iso: string, language: string): string {
  return new Intl.DateTimeFormat(intlTag(language), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Berlin",
    calendar: "gregory",
  }).format(new Date(iso));
}

function quote(ctx: Ctx, text: string): string {
  const chars = Array.from(text);
  const short = chars.length > QUOTE_MAX ? `${chars.slice(0, QUOTE_MAX - 1).join("")}…` : text;
  return isolate(short, directionOf(ctx.session.language));
}

function messageLines(ctx: Ctx, messages: StoredMessage[]): string[] {
  const lang = ctx.session.language;
  return messages.map((m) =>
    ctx.t("mydata.line", { date: formatMoment(m.at, lang), text: quote(ctx, m.text) }),
  );
}

/**
 * Renders everything stored about the person: language, role, answers, the stored search point,
 * the draft, and per contact request what was passed on (consent time, way back, their message,
 * their relayed messages, the coordinator's name, the deletion date), then coordinators' messages
 * kept for them. `ctx.deps.storedData` is read by the adapter before the step.
 */
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
  if (s.answers.origin) {
    lines.push(t("mydata.place", { place: s.answers.origin.label || t("location.yours") }));
    const coordinate = (v: number) => formatNumber(v, lang);
    lines.push(
      t("mydata.coordinates", {
        lat: coordinate(s.answers.origin.lat),
        lon: coordinate(s.answers.origin.lon),
      }),
    );
  }
  if (s.volunteer.hoursPerWeek !== undefined)
    lines.push(t("mydata.hours", { count: s.volunteer.hoursPerWeek }));
  if (s.volunteer.languages.length > 0) {
    const names = s.volunteer.languages.map((l) => languageName(l, lang));
    lines.push(t("mydata.languages", { languages: joinList(names, lang) }));
  }
  if (s.contact?.value) lines.push(t("mydata.draft", { value: s.contact.value }));
  const handoffs = ctx.deps.handoffs ?? [];
  const stored = ctx.deps.storedData;
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
      lines.push(t("mydata.consent", { date: formatMoment(h.consentAt, lang) }));
      if (h.message) lines.push(t("mydata.message", { message: quote(ctx, h.message) }));
      const extra = stored?.handoffs[h.id];
      if (extra?.coordinatorName) lines.push(t("mydata.coordinator", { name: extra.coordinatorName }));
      if (h.forwardProposal) {
        const to = ctx.deps.catalogue.get(h.forwardProposal.projectId)?.name ?? h.forwardProposal.projectId;
        lines.push(t("mydata.proposal", { project: to }));
      }
      if (extra && extra.relayed.length > 0) {
        lines.push(t("mydata.relayed", { n: formatNumber(extra.relayed.length, lang) }));
        lines.push(...messageLines(ctx, extra.relayed));
      }
      if (extra) lines.push(t("mydata.deleteBy", { date: formatDate(new Date(extra.deleteBy), lang) }));
    }
  }
  if (stored && stored.inbox.length > 0) {
    lines.push(t("mydata.inbox", { n: formatNumber(stored.inbox.length, lang) }));
    lines.push(...messageLines(ctx, stored.inbox));
  }
  lines.push(t("mydata.footer"));
  return lines.join("\n");
}

/** Answers /mydata: the listing, and on the web chat a link to download it all as JSON. */
export function showMyData(ctx: Ctx): void {
  const text = renderMyData(ctx);
  const url = ctx.deps.storedData?.downloadUrl;
  if (url) ctx.replies.push({ type: "links", text, links: [{ label: ctx.t("mydata.download"), url }] });
  else ctx.replies.push({ type: "text", text });
}
