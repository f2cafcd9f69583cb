import { formatKm, translator } from "../../bot/i18n.js";
import { distanceKm } from "../../core/geo.js";
import type { Handoff } from "../../core/handoff.js";
import { quoteMrkdwn, SECTION_TEXT_MAX, truncate } from "../../core/mrkdwn.js";
import type { Project } from "../../core/project.js";
import type { Catalogue } from "../../core/ranking-types.js";
import { slackTranslator } from "./slack-texts.js";

const t = slackTranslator("de");

/** A coordinator's thread reply as the requester reads it, framed in the requester's language. */
export function requesterRelayText(h: Handoff, name: string, project: string, text: string): string {
  return `${translator(h.language)("relay.from", { name, project })}\n\n${text}`;
}

/** A requester's message as it appears in the handoff's Slack thread (escaped and quoted). */
export function threadRelayText(text: string): string {
  return truncate(`${t("slack.relay.fromRequester")}\n${quoteMrkdwn(text)}`, SECTION_TEXT_MAX);
}

/** Up to three other projects near the one nobody answered at, fitting the request's need. */
export function alternativesFor(h: Handoff, catalogue: Catalogue, project: Project | undefined): Project[] {
  if (!project) return [];
  const ranked = catalogue.rank({
    origin: { lat: project.lat, lon: project.lon },
    ...(h.focus.length > 0 ? { focus: h.focus } : {}),
    role: h.kind === "volunteer" ? "volunteer" : "family",
    language: h.language,
    radiusKm: 25,
    limit: 4,
  });
  return ranked.results
    .filter((r) => r.project.id !== project.id)
    .slice(0, 3)
    .map((r) => r.project);
}

/** What the requester is told when nobody took the request over in time, with other projects. */
export function expiredText(h: Handoff, project: Project | undefined, others: Project[]): string {
  const tr = translator(h.language);
  const lines = [tr("followup.expired", { project: project?.name ?? h.projectId })];
  if (others.length > 0) {
    lines.push("", tr("followup.others"));
    for (const p of others) {
      const km = project ? ` · ${formatKm(distance(project, p), h.language)}` : "";
      const contact = p.contact.phone ?? p.contact.email ?? p.contact.website ?? "";
      lines.push(`• ${p.name} (${p.place}${km})${contact ? ` – ${contact}` : ""}`);
    }
  }
  lines.push("", tr("followup.searchAgain"));
  return lines.join("\n");
}

function distance(a: Project, b: Project): number {
  return Math.round(distanceKm(a, b) * 10) / 10;
}
