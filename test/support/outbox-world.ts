import { composeServices, type OutboxSettings, type Services } from "../../adapters/compose.js";
import { type Config, loadConfig } from "../../adapters/config.js";
import type { Database } from "../../adapters/db/database.js";
import { openDatabase } from "../../adapters/db/open-database.js";
import { createLogger } from "../../adapters/logger.js";
import { readGazetteerData, readSampleCatalogue } from "../../adapters/node-data-files.js";
import { CHANNELS } from "./slack-handoff-fixtures.js";
import { SIGNING_SECRET } from "./slack-requests.js";
import { SlackStandIn } from "./slack-stand-in.js";
import { TelegramStandIn } from "./telegram-stand-in.js";

export const OUTBOX_TG_SECRET = "outbox-webhook-secret-0123456789";

/** Fast outbox timings for fault tests: a few seconds of real time cover many retries. */
export const FAST_OUTBOX: OutboxSettings = { pollMs: 100, backoffBaseMs: 50, leaseMs: 300 };

export interface OutboxWorld {
  slackApi: SlackStandIn;
  tgApi: TelegramStandIn;
  services: Services;
  config: Config;
  /** Another app instance on the same database and stand-ins (its own drain). */
  secondInstance(settings?: OutboxSettings): Promise<Services>;
  /** Outbox rows neither sent nor given up. */
  pending(): Promise<number>;
  /** Polls `check` until it holds, failing after `timeoutMs`. */
  until(check: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The app with Slack and Telegram (webhook mode) against their stand-ins, on an in-memory database
 * (or `db`), with the outbox not yet started: each test starts and stops it as the fault needs.
 */
export async function startOutboxWorld(
  opts: { db?: Database; settings?: OutboxSettings; env?: Record<string, string> } = {},
): Promise<OutboxWorld> {
  const slackApi = await SlackStandIn.start();
  const tgApi = await TelegramStandIn.start();
  const [gazetteerData, sampleCatalogue] = await Promise.all([readGazetteerData(), readSampleCatalogue()]);
  const config = loadConfig({
    LOG_LEVEL: "silent",
    SLACK_BOT_TOKEN: slackApi.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApi.apiUrl,
    SLACK_DEFAULT_CHANNEL: CHANNELS.fallback,
    SLACK_STATE_CHANNELS: JSON.stringify({ NW: CHANNELS.nw }),
    TELEGRAM_BOT_TOKEN: tgApi.token,
    TELEGRAM_WEBHOOK_SECRET: OUTBOX_TG_SECRET,
    TELEGRAM_API_ROOT: tgApi.apiRoot,
    PUBLIC_URL: "https://patenschaft.example.org",
    ...opts.env,
  });
  const base = {
    logger: createLogger("silent"),
    gazetteerData,
    catalogueRefreshMs: 0,
    telegramBotInfo: (await import("./telegram-stand-in.js")).STAND_IN_BOT,
  };
  const services = await composeServices(config, {
    ...base,
    sampleCatalogue,
    ...(opts.db ? { db: opts.db } : { inMemory: true, openDatabase }),
    outbox: opts.settings ?? FAST_OUTBOX,
  });
  const others: Services[] = [];
  const until = async (check: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error("condition not met in time");
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return {
    slackApi,
    tgApi,
    services,
    config,
    until,
    async secondInstance(settings) {
      const other = await composeServices(config, {
        ...base,
        db: services.db,
        outbox: settings ?? opts.settings ?? FAST_OUTBOX,
      });
      others.push(other);
      return other;
    },
    async pending() {
      const [row] = await services.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL",
      );
      return Number(row?.n ?? 0);
    },
    async close() {
      for (const o of others) {
        // The database is the first instance's: stop the second one's work, not its connection.
        o.catalogue.stop();
        await o.telegram?.stop();
        await o.slack?.stop();
        await o.outbox.stop(1000);
      }
      await services.close();
      await slackApi.close();
      await tgApi.close();
    },
  };
}
