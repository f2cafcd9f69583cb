import type { UserFromGetMe } from "grammy/types";
import type { Hono } from "hono";
import { step } from "../bot/engine.js";
import type { Session } from "../bot/session.js";
import type { InboundEvent, Peer } from "../bot/types.js";
import { createGazetteer } from "../core/gazetteer.js";
import type { GazetteerData } from "../core/gazetteer-data.js";
import type { Gazetteer } from "../core/location.js";
import { type CatalogueHolder, createCatalogueHolder } from "./catalogue-holder.js";
import type { Config } from "./config.js";
import { handleTurn, type TurnResult } from "./conversation/handle-turn.js";
import type { Database } from "./db/database.js";
import { openDatabase } from "./db/open-database.js";
import type { Logger } from "./logger.js";
import { seedSampleCatalogueIfEmpty } from "./seed-sample-catalogue.js";
import { createTelegramAdapter, type TelegramAdapter } from "./telegram/telegram-adapter.js";
import { createApp } from "./web/app.js";
import { chatRoutes } from "./web/chat-routes.js";

export type TurnFn = (peer: Peer, event: InboundEvent, opts?: { updateKey?: string }) => Promise<TurnResult>;

/** What the runtime entry hands in: data it loaded its own way, and test seams. */
export interface ComposeInputs {
  logger: Logger;
  gazetteerData: GazetteerData;
  /** The fictional sample catalogue, loaded into an empty database on first start. */
  sampleCatalogue?: unknown;
  /** An open database (tests); otherwise one is opened from the config. */
  db?: Database;
  /** Use a throwaway in-memory embedded database instead of DATABASE_URL/DATA_DIR (tests). */
  inMemory?: boolean;
  now?: () => Date;
  newId?: () => string;
  telegramBotInfo?: UserFromGetMe;
  /** How often to look for catalogue changes; 0 turns it off. Default 60 s. */
  catalogueRefreshMs?: number;
}

export interface Services {
  app: Hono;
  db: Database;
  gazetteer: Gazetteer;
  catalogue: CatalogueHolder;
  turn: TurnFn;
  telegram?: TelegramAdapter;
  /** Starts background work (Telegram polling or webhook registration). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The one wiring point: builds the database, the domain, the bot and the HTTP app from the config. */
export async function composeServices(config: Config, inputs: ComposeInputs): Promise<Services> {
  const { logger } = inputs;
  const db =
    inputs.db ??
    (await openDatabase(
      inputs.inMemory ? { logger } : { databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, logger },
    ));
  if (inputs.sampleCatalogue !== undefined)
    await seedSampleCatalogueIfEmpty(db, inputs.sampleCatalogue, logger);

  const gazetteer = createGazetteer(inputs.gazetteerData);
  const catalogue = await createCatalogueHolder(db, logger, {
    refreshMs: inputs.catalogueRefreshMs ?? 60_000,
  });
  const now = inputs.now ?? (() => new Date());
  const newId = inputs.newId ?? (() => crypto.randomUUID());

  const turn: TurnFn = (peer, event, opts) =>
    handleTurn<Session>(
      {
        db,
        step,
        stepDeps: {
          gazetteer,
          get catalogue() {
            return catalogue.get();
          },
          now,
          newId,
        },
        sessionTtlMs: config.SESSION_TTL_DAYS * 24 * 60 * 60 * 1000,
        onHandoffCreated: (h) =>
          logger.info({ handoffId: h.id, kind: h.kind, channel: h.channel }, "handoff created"),
      },
      peer,
      event,
      opts,
    );

  const telegram = config.TELEGRAM_BOT_TOKEN
    ? createTelegramAdapter({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
        publicUrl: config.PUBLIC_URL,
        turn,
        logger,
        ...(inputs.telegramBotInfo ? { botInfo: inputs.telegramBotInfo } : {}),
      })
    : undefined;

  const app = createApp({
    logger,
    gazetteer,
    catalogue: () => catalogue.get(),
    isReady: () => true,
    mount: (root) => {
      if (telegram) root.route("/", telegram.routes);
      root.route(
        "/",
        chatRoutes({ turn, logger, secureCookies: config.PUBLIC_URL?.startsWith("https:") ?? false }),
      );
    },
  });

  return {
    app,
    db,
    gazetteer,
    catalogue,
    turn,
    telegram,
    start: async () => {
      await telegram?.start();
    },
    close: async () => {
      catalogue.stop();
      await telegram?.stop();
      await db.close();
    },
  };
}
