import type { UserFromGetMe } from "grammy/types";
import type { Hono } from "hono";
import { typedCommand } from "../bot/commands.js";
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
import { handleTurn, type TurnOptions, type TurnResult } from "./conversation/handle-turn.js";
import type { Database } from "./db/database.js";
import { withDatabaseDeadline } from "./db/database-unavailable.js";
import { collectMyData, storedDataOf } from "./db/my-data-store.js";
import type { OpenDatabaseOptions } from "./db/open-database.js";
import { listRequesterMessages } from "./db/requester-inbox-store.js";
import { isUpdateProcessed } from "./db/turn-replay-store.js";
import type { Logger } from "./logger.js";
import { type AppMetrics, createAppMetrics } from "./metrics/app-metrics.js";
import { metricsRoutes } from "./metrics/metrics-routes.js";
import { OutboxDrain, type OutboxDrainOptions } from "./outbox/outbox-drain.js";
import { webInboxKind } from "./outbox/web-inbox-kind.js";
import { runtimeFetch } from "./runtime-fetch.js";
import { seedSampleCatalogueIfEmpty } from "./seed-sample-catalogue.js";
import type { SlackAdapter } from "./slack/slack-adapter.js";
import type { TelegramAdapter } from "./telegram/telegram-adapter.js";
import { createApp } from "./web/app.js";
import { chatRoutes } from "./web/chat-routes.js";
import { continueAfterWebGreeting, greetWithoutStoring } from "./web/first-turn.js";
import { MY_DATA_PATH, myDataRoutes } from "./web/my-data-route.js";
import { readinessRoutes } from "./web/readiness-routes.js";
import { webStatusLookup } from "./web/status-lookup.js";
import type { VisitorIdentity } from "./web/visitor-identity.js";
import { webChatMemory } from "./web/web-chat-memory.js";
import { createWebPush } from "./web/web-push-sender.js";
import { webVisitors } from "./web/web-visitors.js";

export type TurnFn = (peer: Peer, event: InboundEvent, opts?: TurnOptions) => Promise<TurnResult>;

/** Outbox drain settings a caller may change (tests shorten them; the rest come from compose). */
export type OutboxSettings = Pick<
  OutboxDrainOptions,
  "pollMs" | "leaseMs" | "backoffBaseMs" | "budgetMs" | "concurrency" | "random" | "unansweredSettleMs"
>;

/** A turn that gets no database answer within this long answers "briefly unavailable" instead. */
export const TURN_DEADLINE_MS = 4000;
/** How long SIGTERM waits for deliveries in flight; the rest stays queued. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** What the runtime entry hands in: data it loaded its own way, and test seams. */
export interface ComposeInputs {
  logger: Logger;
  gazetteerData: GazetteerData;
  /** The fictional sample catalogue (or a function reading it), loaded into an empty database on first start. */
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
  /** Outbox drain settings (tests shorten the backoff); `slackDispatcher` is the older name. */
  outbox?: OutboxSettings;
  slackDispatcher?: OutboxSettings;
  /** Deadline of one turn's database work; default TURN_DEADLINE_MS. */
  turnDeadlineMs?: number;
  /** Which Web Push endpoints may be sent to (tests: a local stand-in); default: the browsers' push services. */
  webPushEndpointAllowed?: (endpoint: string) => boolean;
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
  /** The one outbox drain (every channel's deliveries). */
  outbox: OutboxDrain;
  /** Signed web visitor ids (tests sign a cookie with `visitors.cookieValue(id)`). */
  visitors: VisitorIdentity;
  /** Periodic work for a scheduler (a Worker's cron): Slack follow-ups of handoffs nobody took over. */
  runScheduled(): Promise<void>;
  /** Starts background work (Telegram polling or webhook registration). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Whether an event asks for the person's data (the command, or "/mydata" or "meine Daten" typed). */
function asksForMyData(event: InboundEvent): boolean {
  if (event.type === "command") return event.command === "mydata";
  return (
    event.type === "text" &&
    typeof event.text === "string" &&
    typedCommand(event.text.slice(0, 100)) === "mydata"
  );
}

/** The one wiring point: builds the database, the domain, the bot and the HTTP app from the config. */
export async function composeServices(config: Config, inputs: ComposeInputs): Promise<Services> {
  const { logger } = inputs;
  const open = inputs.openDatabase;
  if (!inputs.db && !open) throw new Error("composeServices needs inputs.db or inputs.openDatabase");
  const opening =
    inputs.db ??
    (open as NonNullable<typeof open>)(
      inputs.inMemory ? { logger } : { databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, logger },
    );
  // Built while the database opens (PGlite works in its own thread; PostgreSQL is a network wait).
  const gazetteer = createGazetteer(inputs.gazetteerData);
  const db = await opening;
  if (inputs.sampleCatalogue !== undefined)
    await seedSampleCatalogueIfEmpty(db, inputs.sampleCatalogue, logger);

  const catalogue = await createCatalogueHolder(db, logger, {
    refreshMs: inputs.catalogueRefreshMs ?? 60_000,
  });
  const now = inputs.now ?? (() => new Date());
  const newId = inputs.newId ?? (() => crypto.randomUUID());

  const metrics = inputs.metrics ?? createAppMetrics();
  metrics.useDatabase(db);

  // Coordinators receive requests only through Slack; without it requests are stored but reach nobody.
  const handoffsDelivered = Boolean(config.SLACK_BOT_TOKEN && config.SLACK_SIGNING_SECRET);
  if (!handoffsDelivered) {
    logger.warn(
      { handoffs: "not delivered" },
      "no coordinator channel configured (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET): contact requests are stored but reach nobody; the web chat shows a demo notice",
    );
  }
  const webPush =
    config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY && config.VAPID_SUBJECT
      ? createWebPush({
          db,
          vapid: {
            publicKey: config.VAPID_PUBLIC_KEY,
            privateKey: config.VAPID_PRIVATE_KEY,
            subject: config.VAPID_SUBJECT,
          },
          fetch: runtimeFetch,
          logger,
          now,
          ...(inputs.webPushEndpointAllowed ? { endpointAllowed: inputs.webPushEndpointAllowed } : {}),
        })
      : undefined;
  const outbox = new OutboxDrain({
    db,
    logger,
    now,
    givenUp: metrics.registry.counter(
      "patenschaft_outbox_given_up_total",
      "Outbox rows given up (permanent failure or time budget spent), by kind and code.",
    ),
    slotsPerChannel: config.OUTBOX_SLOTS_PER_CHANNEL,
    // A Slack call that timed out may still land up to about one more timeout later.
    unansweredSettleMs: config.SLACK_TIMEOUT_MS,
    ...(inputs.outbox ?? inputs.slackDispatcher),
  });

  outbox.register(webInboxKind(webPush ? { push: (visitorId) => webPush.notifyRequester(visitorId) } : {}));

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
          handoffsDelivered,
        },
        sessionTtlMs: config.SESSION_TTL_DAYS * 24 * 60 * 60 * 1000,
        onHandoffCreated: (h) => {
          logger.info({ handoffId: h.id, kind: h.kind, channel: h.channel }, "handoff created");
          outbox.wake();
        },
        onOutboxQueued: () => outbox.wake(),
      },
      peer,
      event,
      opts,
    );
  };
  // A local, so no closure keeps `inputs` (and with it the raw gazetteer data) alive.
  const turnDeadlineMs = inputs.turnDeadlineMs ?? TURN_DEADLINE_MS;
  const counted =
    (run: TurnFn): TurnFn =>
    async (peer, event, opts) => {
      let result: TurnResult;
      try {
        result = await withDatabaseDeadline(() => run(peer, event, opts), turnDeadlineMs);
      } catch (err) {
        metrics.updates.inc({ channel: peer.channel, outcome: "failed" });
        throw err;
      }
      if (!result.duplicate && result.botError) {
        logger.error({ err: result.botError.toLog(), channel: peer.channel }, "bot step failed");
        metrics.updates.inc({ channel: peer.channel, outcome: "bot_error" });
      } else {
        metrics.updates.inc({ channel: peer.channel, outcome: result.duplicate ? "duplicate" : "handled" });
      }
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

  // The platform libraries (grammY; Bolt with Express and its receivers, about 0.3 s and tens of
  // MB) are loaded only when their channel is configured.
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? (await import("./telegram/telegram-adapter.js")).createTelegramAdapter({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
        publicUrl: config.PUBLIC_URL,
        turn,
        logger,
        outbox,
        db,
        now,
        // A redelivery recognised before its turn is a duplicate too, and counted as one.
        seen: async (updateKey) => {
          const seen = await isUpdateProcessed(db, "telegram", updateKey);
          if (seen) metrics.updates.inc({ channel: "telegram", outcome: "duplicate" });
          return seen;
        },
        ...(inputs.telegramBotInfo ? { botInfo: inputs.telegramBotInfo } : {}),
      })
    : undefined;
  const slack =
    config.SLACK_BOT_TOKEN && config.SLACK_SIGNING_SECRET
      ? (await import("./slack/slack-adapter.js")).createSlackAdapter({
          token: config.SLACK_BOT_TOKEN,
          signingSecret: config.SLACK_SIGNING_SECRET,
          apiUrl: config.SLACK_API_URL,
          db,
          catalogue: () => catalogue.get(),
          gazetteer,
          turn: (peer, event, opts) => turn(peer, event, opts),
          logger,
          outbox,
          stateChannels: config.SLACK_STATE_CHANNELS ?? {},
          defaultChannel: config.SLACK_DEFAULT_CHANNEL,
          adminUsers: config.SLACK_ADMIN_USERS ?? [],
          now,
          fetch: runtimeFetch,
          timeoutMs: config.SLACK_TIMEOUT_MS,
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
    handoffDelivery: handoffsDelivered ? "delivered" : "not delivered",
    httpRequests: metrics.httpRequests,
    https: config.PUBLIC_URL?.startsWith("https:") ?? false,
    mount: (root) => {
      if (telegram) root.route("/", telegram.routes);
      if (slack) root.route("/", slack.routes);
      root.route("/", readinessRoutes({ db, logger }));
      root.route("/", metricsRoutes({ metrics, adminToken: config.ADMIN_TOKEN, logger }));
      root.route(
        "/",
        chatRoutes({
          turn: webTurn,
          logger,
          secureCookies: config.PUBLIC_URL?.startsWith("https:") ?? false,
          inbox: (visitorId, afterId) => listRequesterMessages(db, "web", visitorId, afterId),
          visitors,
          memory: webChatMemory(db, now),
          requestStatus: webStatusLookup(db, () => catalogue.get()),
          demo: !handoffsDelivered,
          ...(webPush ? { push: webPush } : {}),
          ...(config.MAP_TILE_URL
            ? {
                map: {
                  tileUrl: config.MAP_TILE_URL,
                  ...(config.MAP_ATTRIBUTION ? { attribution: config.MAP_ATTRIBUTION } : {}),
                },
              }
            : {}),
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
    outbox,
    visitors,
    runScheduled: async () => {
      await slack?.followUps.runOnce();
      await outbox.drainDue();
    },
    start: async () => {
      // The gazetteer's place index is built after the server listens (a turn needing it first
      // builds it itself): start-up does not wait for what a first turn may not need.
      setImmediate(() => gazetteer.prepare?.());
      outbox.start();
      await telegram?.start();
      slack?.start();
    },
    close: async () => {
      catalogue.stop();
      // Stop taking work first; deliveries in flight get a bounded grace, the rest stays queued.
      await telegram?.stop();
      await slack?.stop();
      await outbox.stop(SHUTDOWN_GRACE_MS);
      await db.close();
    },
  };
}
