import type { App, types } from "@slack/bolt";
import { formatKm } from "../../bot/i18n.js";
import type { Gazetteer } from "../../core/location.js";
import { escapeMrkdwn } from "../../core/mrkdwn.js";
import type { Project } from "../../core/project.js";
import type { Catalogue, RankResult } from "../../core/ranking-types.js";
import { parseSearchCommand } from "../../core/search-command.js";
import { capText, MAX_COMMAND_CHARS } from "../../core/text-cap.js";
import { logError } from "../errors.js";
import type { Logger } from "../logger.js";
import { slackTranslator } from "./slack-texts.js";

export const SEARCH_COMMAND = "/paten";
const LIMIT = 5;
const t = slackTranslator("de");

export interface SearchCommandDeps {
  gazetteer: Gazetteer;
  catalogue: () => Catalogue;
  logger: Logger;
}

type Answer = { response_type: "ephemeral"; text: string; blocks?: types.KnownBlock[] };

const ephemeral = (text: string): Answer => ({ response_type: "ephemeral", text });

/** One project as a section: name, organisation, place, distance, focus and the ways to reach it. */
function projectBlock(p: Project, distanceKm: number): types.KnownBlock {
  const focus = p.focus.map((f) => t(`focus.${f}`)).join(", ");
  const contact = [
    p.contact.phone ? `📞 ${escapeMrkdwn(p.contact.phone)}` : "",
    p.contact.email ? `📧 ${escapeMrkdwn(p.contact.email)}` : "",
    p.contact.website ? `<${p.contact.website.replace(/[<>|]/g, "")}|${t("slack.search.website")}>` : "",
  ].filter((c) => c.length > 0);
  const lines = [
    `*${escapeMrkdwn(p.name)}* · ${escapeMrkdwn(p.organisation)}`,
    `${escapeMrkdwn(`${p.postcode} ${p.place}`)} · ${formatKm(distanceKm, "de")} · ${escapeMrkdwn(focus)}`,
    contact.length > 0 ? contact.join(" · ") : t("slack.search.noContact"),
  ];
  return { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } };
}

/** The ephemeral answer: a title, up to five projects with a divider between, and a hint when widened. */
function resultBlocks(where: string, interest: string, result: RankResult): Answer {
  const focus = result.focus.map((f) => t(`focus.${f}`)).join(", ");
  const title = focus
    ? t("slack.search.titleFocus", { where: escapeMrkdwn(where), focus: escapeMrkdwn(focus) })
    : t("slack.search.title", { where: escapeMrkdwn(where) });
  if (result.results.length === 0) {
    return ephemeral(t("slack.search.none", { where: escapeMrkdwn(where) }));
  }
  const blocks: types.KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text: title } }];
  for (const r of result.results) {
    blocks.push({ type: "divider" }, projectBlock(r.project, Math.round(r.distanceKm * 10) / 10));
  }
  const notes = [t("slack.search.radius", { km: result.radiusKm })];
  if (result.widened) notes.push(t("slack.search.widened"));
  if (interest && result.focus.length === 0)
    notes.push(t("slack.search.interestUnknown", { interest: escapeMrkdwn(interest) }));
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: notes.join(" · ") }] });
  return { response_type: "ephemeral", text: title, blocks };
}

/** `/paten <postcode or place> [interest]`: answers, only to the one who asked, with nearby projects. */
export function answerSearchCommand(text: string, deps: SearchCommandDeps): Answer {
  const cmd = parseSearchCommand(text, deps.gazetteer);
  switch (cmd.kind) {
    case "usage":
      return ephemeral(t("slack.search.usage"));
    case "postcode_error":
      return ephemeral(
        `${t(`postcode.error.${cmd.reason}`, { input: escapeMrkdwn(cmd.input), count: cmd.input.length })}\n${t("slack.search.usage")}`,
      );
    case "not_found":
      return ephemeral(t("slack.search.notFound", { input: escapeMrkdwn(cmd.input) }));
    case "ambiguous": {
      const names = cmd.choices.map((c) => `${c.name}${c.parent ? ` (${c.parent})` : ""}, ${c.state}`);
      return ephemeral(t("slack.search.ambiguous", { choices: escapeMrkdwn(names.join(" · ")) }));
    }
    case "search": {
      const where = [cmd.origin.postcode, cmd.origin.place].filter(Boolean).join(" ");
      const result = deps.catalogue().rank({
        origin: cmd.origin,
        ...(cmd.interest ? { interest: cmd.interest, interestLanguage: "de" } : {}),
        limit: LIMIT,
      });
      return resultBlocks(where, cmd.interest, result);
    }
  }
}

/** Registers the slash command; the answer is the acknowledgement itself (the search is in memory). */
export function registerSearchCommand(app: App, deps: SearchCommandDeps): void {
  const log = deps.logger.child({ component: "slack-search-command" });
  app.command(SEARCH_COMMAND, async ({ command, ack }) => {
    try {
      const answer = answerSearchCommand(capText(command.text, MAX_COMMAND_CHARS).text, deps);
      await ack(answer);
      log.info({ blocks: answer.blocks?.length ?? 0 }, "slack: /paten answered");
    } catch (err) {
      logError(log, err, "slack: /paten failed");
      await ack(ephemeral(t("slack.search.failed")));
    }
  });
}
