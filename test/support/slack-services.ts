import { type ComposeInputs, composeServices, type Services } from "../../adapters/compose.js";
import { loadConfig } from "../../adapters/config.js";
import { openDatabase } from "../../adapters/db/open-database.js";
import { createLogger } from "../../adapters/logger.js";
import { readGazetteerData, readSampleCatalogue } from "../../adapters/node-data-files.js";
import type { SlackAdapter } from "../../adapters/slack/slack-adapter.js";
import { CHANNELS } from "./slack-handoff-fixtures.js";
import { SIGNING_SECRET } from "./slack-requests.js";
import { SlackStandIn } from "./slack-stand-in.js";
import { TelegramStandIn } from "./telegram-stand-in.js";
import { TelegramTestUser } from "./telegram-test-user.js";

export const TG_SECRET = "test-webhook-secret-0123456789";

/** The app with Slack and Telegram against their local stand-ins, on an in-memory database. */
export interface SlackWorld {
  slackApi: SlackStandIn;
  tgApi: TelegramStandIn;
  services: Services;
  slack: SlackAdapter;
  close(): Promise<void>;
  /** A Telegram user of this app. */
  telegramUser(userId: number, languageCode?: string): TelegramTestUser;
  /** Texts sent to one Telegram chat. */
  telegramTextsTo(chatId: string | number): string[];
}

/** Starts the stand-ins and the app; `now` injects the clock, `env` adds configuration. */
export async function startSlackWorld(
  opts: { now?: () => Date; env?: Record<string, string>; inputs?: Partial<ComposeInputs> } = {},
): Promise<SlackWorld> {
  const slackApi = await SlackStandIn.start();
  const tgApi = await TelegramStandIn.start();
  const [gazetteerData, sampleCatalogue] = await Promise.all([readGazetteerData(), readSampleCatalogue()]);
  // Both test coordinators may act in every handoff channel (conversations.members), the sample
  // projects' own channels included; the authorisation suite acts as a user who is in none of them.
  const projectChannels = (sampleCatalogue as { projects: { slackChannelId?: string }[] }).projects.flatMap(
    (p) => (p.slackChannelId ? [p.slackChannelId] : []),
  );
  for (const channel of new Set([...Object.values(CHANNELS), ...projectChannels]))
    slackApi.extraMembers.set(channel, ["U0COORD1", "U0COORD2"]);
  const services = await composeServices(
    loadConfig({
      LOG_LEVEL: "silent",
      SLACK_BOT_TOKEN: slackApi.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApi.apiUrl,
      SLACK_DEFAULT_CHANNEL: CHANNELS.fallback,
      SLACK_STATE_CHANNELS: JSON.stringify({ NW: CHANNELS.nw }),
      TELEGRAM_BOT_TOKEN: tgApi.token,
      TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
      TELEGRAM_API_ROOT: tgApi.apiRoot,
      PUBLIC_URL: "https://patenschaft.example.org",
      ...opts.env,
    }),
    {
      logger: createLogger("silent"),
      gazetteerData,
      sampleCatalogue,
      inMemory: true,
      openDatabase,
      catalogueRefreshMs: 0,
      slackDispatcher: { pollMs: 200, backoffBaseMs: 50 },
      ...(opts.now ? { now: opts.now } : {}),
      ...opts.inputs,
    },
  );
  if (!services.slack) throw new Error("compose did not create the Slack adapter");
  const slack = services.slack;
  await services.start();
  return {
    slackApi,
    tgApi,
    services,
    slack,
    async close() {
      await services.close();
      await slackApi.close();
      await tgApi.close();
    },
    telegramUser: (userId, languageCode = "de") =>
      new TelegramTestUser({
        app: services.app,
        standIn: tgApi,
        secret: TG_SECRET,
        idle: () => services.telegram?.idle() ?? Promise.resolve(),
        userId,
        languageCode,
      }),
    telegramTextsTo: (chatId) =>
      tgApi
        .callsOf("sendMessage")
        .filter((c) => String(c.body.chat_id) === String(chatId))
        .map((c) => String(c.body.text)),
  };
}
