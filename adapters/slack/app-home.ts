import type { App, types, webApi } from "@slack/bolt";
import { escapeMrkdwn } from "../../core/mrkdwn.js";
import type { Catalogue } from "../../core/ranking-types.js";
import type { Database } from "../db/database.js";
import { listActiveHandoffsInChannels, type SlackHandoff } from "../db/slack-handoff-store.js";
import { logError } from "../errors.js";
import type { Logger } from "../logger.js";
import { languageLabel } from "./handoff-blocks.js";
import { slackTranslator } from "./slack-texts.js";

const t = slackTranslator("de");
/** Most handoffs listed (Slack allows 100 blocks per view). */
const MAX_LISTED = 40;

export interface AppHomeDeps {
  db: Database;
  catalogue: () => Catalogue;
  logger: Logger;
  now: () => Date;
}

/** "3 Stunden" or "5 Tage": how long a request has been waiting. */
export function ageLabel(createdAt: string, now: Date): string {
  const hours = Math.max(0, Math.floor((now.getTime() - Date.parse(createdAt)) / 3_600_000));
  return hours < 48
    ? t("slack.home.hours", { count: hours })
    : t("slack.home.days", { count: Math.floor(hours / 24) });
}

/** One handoff as a line of the App Home: project, channel, age, state, the requester's language. */
function handoffSection(h: SlackHandoff, deps: AppHomeDeps, now: Date): types.KnownBlock {
  const p = deps.catalogue().get(h.projectId);
  const project = escapeMrkdwn(p ? `${p.name} (${p.place})` : h.projectId);
  const state =
    h.state === "taken"
      ? t("slack.home.taken", { name: escapeMrkdwn(h.takenByName ?? "") })
      : t("slack.home.open");
  const lines = [
    `*${project}* · ${t(`slack.handoff.title.${h.kind}`)}`,
    [
      h.slackChannel ? `<#${h.slackChannel}>` : "",
      t("slack.home.waiting", { age: ageLabel(h.createdAt, now) }),
      state,
      escapeMrkdwn(languageLabel(h.language, "de")),
      `\`${h.id.slice(0, 8)}\``,
    ]
      .filter((x) => x.length > 0)
      .join(" · "),
  ];
  return { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } };
}

/** The Home view: a header, then the open handoffs of the coordinator's channels, oldest first. */
export function homeView(handoffs: SlackHandoff[], deps: AppHomeDeps, now: Date): types.HomeView {
  const blocks: types.KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: t("slack.home.title"), emoji: true } },
  ];
  if (handoffs.length === 0) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: t("slack.home.none") } });
  } else {
    for (const h of handoffs.slice(0, MAX_LISTED)) blocks.push(handoffSection(h, deps, now));
  }
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: t("slack.home.hint", { count: handoffs.length }) }],
  });
  return { type: "home", blocks };
}

/** Channel ids the user is a member of (as far as the app can see), up to 1000. */
async function channelsOf(client: webApi.WebClient, user: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 5; page++) {
    const res = await client.users.conversations({
      user,
      types: "public_channel,private_channel",
      exclude_archived: true,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    for (const c of res.channels ?? []) if (c.id) ids.push(c.id);
    cursor = res.response_metadata?.next_cursor;
    if (!cursor) break;
  }
  return ids;
}

/** App Home: on app_home_opened, publishes the open handoffs of the channels the coordinator is in. */
export function registerAppHome(app: App, deps: AppHomeDeps): void {
  const log = deps.logger.child({ component: "slack-app-home" });
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab && event.tab !== "home") return;
    try {
      const channels = await channelsOf(client, event.user);
      const handoffs = await listActiveHandoffsInChannels(deps.db, channels, MAX_LISTED + 1);
      await client.views.publish({ user_id: event.user, view: homeView(handoffs, deps, deps.now()) });
      log.info({ channels: channels.length, handoffs: handoffs.length }, "slack: app home published");
    } catch (err) {
      logError(log, err, "slack: app home failed");
    }
  });
}
