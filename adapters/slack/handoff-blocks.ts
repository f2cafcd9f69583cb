import type { types } from "@slack/bolt";
import { formatDate, formatKm, type Translate } from "../../bot/i18n.js";
import { localeInfo } from "../../bot/locales.js";
import { distanceKm } from "../../core/geo.js";
import { availableActions, isActive } from "../../core/handoff-lifecycle.js";
import { escapeMrkdwn, quoteMrkdwn, SECTION_TEXT_MAX, truncate } from "../../core/mrkdwn.js";
import type { Project } from "../../core/project.js";
import type { SlackHandoff } from "../db/slack-handoff-store.js";

type KnownBlock = types.KnownBlock;

/** action_ids of the handoff message's buttons; the value is the handoff id. */
export const ACTION = {
  take: "handoff_take",
  done: "handoff_done",
  decline: "handoff_decline",
  forward: "handoff_forward",
} as const;

/** What the message shows besides the handoff itself. */
export interface HandoffMessageContext {
  project: Project | undefined;
  /** The project it was forwarded from, if any. */
  forwardedFrom?: Project | undefined;
  /** Set when rendering a message the handoff has left (forwarded to another project). */
  forwardedTo?: Project | undefined;
  /** The project a coordinator proposed to forward it to, while the requester has not answered. */
  proposedTo?: Project | undefined;
  /** Coordinators' language (German by default). */
  t: Translate;
  language: string;
}

/** The requester's language by its own name, with the coordinators' name for it: "العربية (Arabisch)". */
export function languageLabel(code: string, inLanguage: string): string {
  const native = localeInfo(code)?.nativeName ?? displayName(code, code);
  const local = displayName(code, inLanguage);
  return native === local ? native : `${native} (${local})`;
}

function displayName(code: string, inLanguage: string): string {
  try {
    const name = new Intl.DisplayNames([inLanguage], { type: "language", fallback: "code" }).of(code) ?? code;
    return name.charAt(0).toLocaleUpperCase(inLanguage) + name.slice(1);
  } catch {
    return code;
  }
}

function projectLabel(p: Project | undefined, fallbackId: string): string {
  return p ? `${p.name} (${p.place})` : fallbackId;
}

function stateLine(h: SlackHandoff, ctx: HandoffMessageContext): string {
  const { t } = ctx;
  if (ctx.forwardedTo)
    return t("slack.handoff.state.forwarded", { project: escapeMrkdwn(projectLabel(ctx.forwardedTo, "")) });
  const who = h.takenBy ? `<@${h.takenBy}>` : escapeMrkdwn(h.takenByName ?? "");
  switch (h.state) {
    case "taken":
      return t("slack.handoff.state.taken", { name: who });
    case "done":
      return t("slack.handoff.state.done", { name: who });
    case "declined":
      return t("slack.handoff.state.declined", { reason: escapeMrkdwn(h.closedReason ?? "–") });
    default:
      return t(`slack.handoff.state.${h.state}`);
  }
}

/** Who did what and when ("Verlauf: übernommen von @Aylin, 30.11.2026, 14:02 · …"), or undefined. */
function historyLine(h: SlackHandoff, ctx: HandoffMessageContext): string | undefined {
  const entries = (h.history ?? []).slice(-8).map((a) =>
    ctx.t("slack.handoff.audit.entry", {
      action: ctx.t(`slack.handoff.audit.action.${a.action}`),
      user: `<@${a.slackUserId}>`,
      date: new Intl.DateTimeFormat(ctx.language, {
        dateStyle: "short",
        timeStyle: "short",
        timeZone: "Europe/Berlin",
      }).format(new Date(a.at)),
    }),
  );
  return entries.length > 0
    ? ctx.t("slack.handoff.audit.title", { entries: entries.join(" · ") })
    : undefined;
}

/**
 * How far the requester is from the project the request is at now: measured from their stored
 * search centre, so a forwarded request shows the new project's distance; without a centre, the
 * stored distance, which after a forward belonged to the old project and is left out.
 */
function requesterDistanceKm(h: SlackHandoff, project: Project | undefined): number | undefined {
  if (h.origin && project) return Math.round(distanceKm(h.origin, project) * 10) / 10;
  return h.forwardedFrom ? undefined : h.distanceKm;
}

/**
 * The Block Kit message coordinators see for one handoff: kind, project, the requester's language,
 * age band and need, distance, the chosen way back (contact details only when that way was chosen)
 * and the message, every piece of user text escaped. Buttons follow the lifecycle state.
 */
export function renderHandoffBlocks(
  h: SlackHandoff,
  ctx: HandoffMessageContext,
): { text: string; blocks: KnownBlock[] } {
  const { t, language } = ctx;
  const project = projectLabel(ctx.project, h.projectId);
  const fields: { type: "mrkdwn"; text: string }[] = [
    { type: "mrkdwn", text: `*${t("slack.handoff.project")}*\n${escapeMrkdwn(project)}` },
    {
      type: "mrkdwn",
      text: `*${t("slack.handoff.language")}*\n${escapeMrkdwn(languageLabel(h.language, language))}`,
    },
  ];
  const band = /^(\d+)-(\d+)$/.exec(h.ageBand ?? "");
  if (band)
    fields.push({
      type: "mrkdwn",
      text: `*${t("slack.handoff.age")}*\n${t("age.band", { min: band[1], max: band[2] })}`,
    });
  else if (h.ageBand)
    fields.push({ type: "mrkdwn", text: `*${t("slack.handoff.age")}*\n${escapeMrkdwn(h.ageBand)}` });
  if (h.focus.length > 0) {
    const needs = h.focus.map((f) => t(`focus.${f}`)).join(", ");
    fields.push({ type: "mrkdwn", text: `*${t("slack.handoff.need")}*\n${escapeMrkdwn(needs)}` });
  }
  const km = requesterDistanceKm(h, ctx.project);
  if (km !== undefined) {
    fields.push({
      type: "mrkdwn",
      text: `*${t("slack.handoff.distance")}*\n${formatKm(km, language)}`,
    });
  }
  if (h.volunteer?.hoursPerWeek !== undefined) {
    fields.push({
      type: "mrkdwn",
      text: `*${t("slack.handoff.hours")}*\n${t("slack.handoff.hoursValue", { hours: h.volunteer.hoursPerWeek })}`,
    });
  }
  if (h.volunteer && h.volunteer.languages.length > 0) {
    const langs = h.volunteer.languages.map((l) => languageLabel(l, language)).join(", ");
    fields.push({ type: "mrkdwn", text: `*${t("slack.handoff.languages")}*\n${escapeMrkdwn(langs)}` });
  }
  // The contact value is stored only when the requester chose that way back; shown only then.
  const way =
    h.contactMethod === "chat" || !h.contactValue
      ? t("slack.handoff.wayValue.chat")
      : t(`slack.handoff.wayValue.${h.contactMethod}`, { value: escapeMrkdwn(h.contactValue) });
  fields.push({ type: "mrkdwn", text: `*${t("slack.handoff.way")}*\n${way}` });

  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: t(`slack.handoff.title.${h.kind}`), emoji: true } },
    { type: "section", fields: fields.slice(0, 10) },
  ];
  if (h.message) {
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: truncate(`*${t("slack.handoff.message")}*\n${quoteMrkdwn(h.message)}`, SECTION_TEXT_MAX),
      },
    });
  }
  const context = [
    t("slack.handoff.received", {
      date: formatDate(new Date(h.createdAt), language),
      id: `\`${h.id.slice(0, 8)}\``,
    }),
  ];
  if (ctx.forwardedFrom)
    context.push(
      t("slack.handoff.forwardedFrom", { project: escapeMrkdwn(projectLabel(ctx.forwardedFrom, "")) }),
    );
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: context.join(" · ") }] });
  blocks.push({ type: "section", text: { type: "mrkdwn", text: stateLine(h, ctx) } });
  if (h.proposal && !ctx.forwardedTo && isActive(h.state)) {
    const proposed = t("slack.handoff.proposed", {
      project: escapeMrkdwn(projectLabel(ctx.proposedTo, h.proposal.projectId)),
      date: formatDate(new Date(h.proposal.at), language),
    });
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: proposed }] });
  }
  const history = historyLine(h, ctx);
  if (history) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: history }] });

  const actions = ctx.forwardedTo ? [] : availableActions(h.state).filter((a) => a !== "withdraw");
  if (actions.length > 0) {
    blocks.push({
      type: "actions",
      block_id: "handoff_actions",
      elements: actions.map((a) => ({
        type: "button" as const,
        action_id: ACTION[a as keyof typeof ACTION],
        value: h.id,
        text: { type: "plain_text" as const, text: t(`slack.handoff.button.${a}`) },
        ...(a === "take"
          ? { style: "primary" as const }
          : a === "decline"
            ? { style: "danger" as const }
            : {}),
      })),
    });
  }
  // Notification text: no user text, so nothing can ping through it either.
  return { text: t("slack.handoff.fallback", { project: escapeMrkdwn(project) }), blocks };
}
