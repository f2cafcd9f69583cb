import type { UserFromGetMe } from "grammy/types";
import type { Hono } from "hono";
import { parseCommand } from "../bot/commands.js";
import { step } from "../bot/engine.js";
import type { Session } from "../bot/session.js";
import type { InboundEvent, Peer } from "../bot/types.js";
import { createGazetteer } from "../core/gazetteer.js";
import type { GazetteerData } from "../core/gazetteer-data.js";
import type { Channel } from "../core/handoff.js";
import { DEFAULT_FOLLOW_UP } from "../core/handoff-lifecycle.js";
import type { Gazetteer } from "../core/location.js";
import { type CatalogueHolder, createCatalogueHolder } from "./catalogue-holder.js";
import type { Config } from "./config.js";
import { handleTurn, type TurnResult } from "./conversation/handle-turn.js";
import type { Database } from "./db/database.js";
import { collectMyData, storedDataOf } from "./db/my-data-store.js";
import type { OpenDatabaseOptions } from "./db/open-database.js";
import { listRequesterMessages } from "./db/requester-inbox-store.js";
import type { Logger } from "./logger.js";
import { type AppMetrics, createAppMetrics } from "./metrics/app-metrics.js";
import { metricsRoutes } from "./metrics/metrics-routes.js";
import { createNotifier } from "./notifier.js";
import { runtimeFetch } from "./runtime-fetch.js";
import { seedSampleCatalogueIfEmpty } from "./seed-sample-catalogue.js";
import { createSlackAdapter, type SlackAdapter, type SlackAdapterDeps } from "./slack/slack-adapter.js";
import { createTelegramAdapter, type TelegramAdapter } from "./telegram/telegram-adapter.js";
import { createApp } from "./web/app.js";
import { chatRoutes } from "./web/chat-routes.js";
import { continueAfterWebGreeting, greetWithoutStoring } from "./web/first-turn.js";
import { MY_DATA_PATH, myDataRoutes } from "./web/my-data-route.js";
import type { VisitorIdentity } from "./web/visitor-identity.js";
import { webVisitors } from "./web/web-visitors.js";

export type TurnFn = (peer: Peer, event: InboundEvent, opts?: { updateKey?: string }) => Promise<TurnResult>;

/** What the runtime entry hands in: data it loaded its own way, and test seams. */
export interface ComposeInputs {
  logger: Logger;
  gazetteerData: GazetteerData;
  /** The fictional sample catalogue, loaded into an empty database on first start. */
  sampleCatalogue?: unknown;
  /** An open database (tests, the Worker); otherwise one is opened with `openDatabase`. */
  db?: Database;
  /**
   * Opens and migrates the database (Node: `openDatabase` of db/open-database.ts, PGlite or
   * PostgreSQL). Injected so a Worker bundle never reaches the embedded database.
   */
  openDatabase?: (opts: OpenDatabaseOptions) => Promise<Database>;
  /** Use a throwaway in-memory embedded database instead of DATABASE_URL/DATA_DIR (tests). */
  inMemory?: boolean;
  now?: () => Date;
  newId?: () => string;
  telegramBotInfo?: UserFromGetMe;
  /** How often to look for catalogue changes; 0 turns it off. Default 60 s. */
  catalogueRefreshMs?: number;
  /** Slack dispatcher timings (tests shorten the backoff). */
  slackDispatcher?: SlackAdapterDeps["dispatcher"];
  /** The metrics registry, when the entry made it first (to count error logs); otherwise made here. */
  metrics?: AppMetrics;
}

export interface Services {
  app: Hono;
  db: Database;
  gazetteer: Gazetteer;
  catalogue: CatalogueHolder;
  turn: TurnFn;
  telegram?: TelegramAdapter;
  slack?: SlackAdapter;
  metrics: AppMetrics;
  /** Signed web visitor ids (tests sign a cookie with `visitors.cookieValue(id)`). */
  visitors: VisitorIdentity;
  /** Periodic work for a scheduler (a Worker's cron): Slack follow-ups of handoffs nobody took over. */
  runScheduled(): Promise<void>;
  /** Starts background work (Telegram polling or webhook registration). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Whether an event asks for the person's data (the command, or "/mydata" typed). */
function asksForMyData(event: InboundEvent): boolean {
  if (event.type === "command") return event.command === "mydata";
  return (
    event.type === "text" &&
    typeof event.text === "string" &&
    parseCommand(event.text.slice(0, 100)) === "mydata"
  );
}

/** The one wiring point: builds the database, the domain, the bot and the HTTP app from the config. */
export async function composeServices(config: Config, inputs: ComposeInputs): Promise<Services> {
  const { logger } = inputs;
  const open = inputs.openDatabase;
  if (!inputs.db && !open) throw new Error("composeServices needs inputs.db or inputs.openDatabase");
  const db =
    inputs.db ??
    (await (open as NonNullable<typeof open>)(
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

  const metrics = inputs.metrics ?? createAppMetrics();
  metrics.useDatabase(db);

  const exportMyData = (channel: Channel, id: string) =>
    collectMyData(db, channel, id, now(), (projectId) => catalogue.get().get(projectId)?.name);
  // /mydata shows more than the session and the handoffs: read it before the (pure) step, only then.
  const storedDataFor = async (peer: Peer, event: InboundEvent) =>
    asksForMyData(event)
      ? storedDataOf(
          await exportMyData(peer.channel, peer.channelUserId),
          peer.channel === "web" ? MY_DATA_PATH : undefined,
        )
      : undefined;
  const runTurn: TurnFn = async (peer, event, opts) => {
    const storedData = await storedDataFor(peer, event);
    return handleTurn<Session>(
      {
        db,
        step: continueAfterWebGreeting(step),
        stepDeps: {
          gazetteer,
          get catalogue() {
            return catalogue.get();
          },
          now,
          newId,
          ...(storedData ? { storedData } : {}),
        },
        sessionTtlMs: config.SESSION_TTL_DAYS * 24 * 60 * 60 * 1000,
        onHandoffCreated: (h) => {
          logger.info({ handoffId: h.id, kind: h.kind, channel: h.channel }, "handoff created");
          slack?.dispatcher.wake();
        },
        onOutboxQueued: () => slack?.dispatcher.wake(),
      },
      peer,
      event,
      opts,
    );
  };
  const counted =
    (run: TurnFn): TurnFn =>
    async (peer, event, opts) => {
      let result: TurnResult;
      try {
        result = await run(peer, event, opts);
      } catch (err) {
        metrics.updates.inc({ channel: peer.channel, outcome: "failed" });
        throw err;
      }
      metrics.updates.inc({ channel: peer.channel, outcome: result.duplicate ? "duplicate" : "handled" });
      if (!result.duplicate) metrics.replies.inc({ channel: peer.channel }, result.replies.length);
      return result;
    };
  const turn = counted(runTurn);
  const webTurn = counted(
    greetWithoutStoring({
      db,
      step,
      stepDeps: () => ({ gazetteer, catalogue: catalogue.get(), now, newId }),
      turn: runTurn,
    }),
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

  const notifier = createNotifier({
    db,
    now,
    ...(telegram ? { telegramSend: (chatId, text) => telegram.bot.api.sendMessage(chatId, text) } : {}),
    slackSend: (userId, text) => {
      if (!slack) throw new Error("slack is not configured");
      return slack.client.chat.postMessage({ channel: userId, text });
    },
  });
  const slack =
    config.SLACK_BOT_TOKEN && config.SLACK_SIGNING_SECRET
      ? createSlackAdapter({
          token: config.SLACK_BOT_TOKEN,
          signingSecret: config.SLACK_SIGNING_SECRET,
          apiUrl: config.SLACK_API_URL,
          db,
          catalogue: () => catalogue.get(),
          gazetteer,
          turn: (peer, event) => turn(peer, event),
          logger,
          notifier,
          stateChannels: config.SLACK_STATE_CHANNELS ?? {},
          defaultChannel: config.SLACK_DEFAULT_CHANNEL,
          adminUsers: config.SLACK_ADMIN_USERS ?? [],
          now,
          fetch: runtimeFetch,
          ...(inputs.slackDispatcher ? { dispatcher: inputs.slackDispatcher } : {}),
          followUp: {
            policy: {
              reminderHours: config.HANDOFF_REMINDER_HOURS,
              giveUpDays: DEFAULT_FOLLOW_UP.giveUpDays,
            },
          },
        })
      : undefined;

  const visitors = await webVisitors(config, db, now);
  const app = createApp({
    logger,
    gazetteer,
    catalogue: () => catalogue.get(),
    isReady: () => true,
    httpRequests: metrics.httpRequests,
    https: config.PUBLIC_URL?.startsWith("https:") ?? false,
    mount: (root) => {
      if (telegram) root.route("/", telegram.routes);
      if (slack) root.route("/", slack.routes);
      root.route("/", metricsRoutes({ metrics, adminToken: config.ADMIN_TOKEN, logger }));
      root.route(
        "/",
        chatRoutes({
          turn: webTurn,
          logger,
          secureCookies: config.PUBLIC_URL?.startsWith("https:") ?? false,
          inbox: (visitorId, afterId) => listRequesterMessages(db, "web", visitorId, afterId),
          visitors,
        }),
      );
      root.route("/", myDataRoutes({ visitors, myData: (id) => exportMyData("web", id) }));
    },
  });

  return {
    app,
    db,
    gazetteer,
    catalogue,
    turn,
    telegram,
    slack,
    metrics,
    visitors,
    runScheduled: async () => {
      await slack?.followUps.runOnce();
    },
    start: async () => {
      await telegram?.start();
      slack?.start();
    },
    close: async () => {
      catalogue.stop();
      await slack?.stop();
      await telegram?.stop();
      await db.close();
    },
  };
}
