import { App, type AuthorizeResult, webApi } from "@slack/bolt";
import type { Hono } from "hono";
import type { Catalogue } from "../../core/ranking-types.js";
import type { State } from "../../core/state.js";
import { markUpdateProcessed } from "../db/conversation-store.js";
import type { Database } from "../db/database.js";
import type { Logger } from "../logger.js";
import type { RequesterNotifier } from "../notifier.js";
import { boltLogger } from "./bolt-logger.js";
import { registerHandoffActions } from "./handoff-actions.js";
import { type DispatcherDeps, HandoffDispatcher } from "./handoff-dispatcher.js";
import { HonoReceiver } from "./hono-receiver.js";

export interface SlackAdapterDeps {
  token: string;
  signingSecret: string;
  /** Web API root, ending in "/" (a local stand-in in tests). */
  apiUrl: string;
  db: Database;
  catalogue: () => Catalogue;
  logger: Logger;
  notifier: RequesterNotifier;
  stateChannels: Partial<Record<State, string>>;
  defaultChannel: string | undefined;
  now?: () => Date;
  /** The runtime's fetch (Workers); Node's global fetch otherwise. */
  fetch?: typeof fetch;
  /** Dispatcher timings (tests shorten them). */
  dispatcher?: Pick<DispatcherDeps, "pollMs" | "leaseMs" | "backoffBaseMs" | "maxAttempts" | "random">;
}

export interface SlackAdapter {
  /** POST /slack/events: events, interactions, options and slash commands. */
  routes: Hono;
  app: App;
  client: webApi.WebClient;
  dispatcher: HandoffDispatcher;
  /** Starts the outbox dispatcher (resumes pending deliveries). */
  start(): void;
  stop(): Promise<void>;
  /** Resolves when listeners and the current drain have finished (tests). */
  idle(): Promise<void>;
}

/**
 * The Slack side: Bolt inside the Hono app through a custom receiver, with one Web API client whose
 * own retries are off (the outbox retries) and rate-limited calls rejected rather than waited out.
 */
export function createSlackAdapter(deps: SlackAdapterDeps): SlackAdapter {
  const now = deps.now ?? (() => new Date());
  const log = deps.logger.child({ channel: "slack" });
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: deps.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger: boltLogger(log),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  };
  const client = new webApi.WebClient(deps.token, clientOptions);

  // auth.test once, on first use, cached only when it succeeded (Bolt's own caches a failure forever).
  let identity: Promise<AuthorizeResult> | undefined;
  const authorize = (): Promise<AuthorizeResult> => {
    identity ??= client.auth.test().then(
      (r) => ({ botToken: deps.token, botId: r.bot_id, botUserId: r.user_id, teamId: r.team_id }),
      (err: unknown) => {
        identity = undefined;
        throw err;
      },
    );
    return identity;
  };

  const receiver = new HonoReceiver({
    signingSecret: deps.signingSecret,
    logger: log,
    markProcessed: (key) => markUpdateProcessed(deps.db, "slack", key, now()),
  });
  const app = new App({ receiver, authorize, clientOptions, logger: boltLogger(log) });

  const dispatcher = new HandoffDispatcher({
    db: deps.db,
    client,
    catalogue: deps.catalogue,
    notifier: deps.notifier,
    logger: log,
    stateChannels: deps.stateChannels,
    defaultChannel: deps.defaultChannel,
    now,
    ...deps.dispatcher,
  });
  registerHandoffActions(app, {
    db: deps.db,
    catalogue: deps.catalogue,
    logger: log,
    now,
    wake: () => dispatcher.wake(),
  });
  app.error(async (err) => {
    log.error({ err: { name: err.name, message: err.message } }, "slack: unhandled error");
  });

  return {
    routes: receiver.routes,
    app,
    client,
    dispatcher,
    start: () => dispatcher.start(),
    async stop() {
      await dispatcher.stop();
      await receiver.stop();
    },
    async idle() {
      await receiver.idle();
      await dispatcher.idle();
    },
  };
}
