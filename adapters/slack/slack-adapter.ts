import { App, type AuthorizeResult, webApi } from "@slack/bolt";
import type { Hono } from "hono";
import { type FollowUpPolicy, routeHandoff } from "../../core/handoff-lifecycle.js";
import type { Gazetteer } from "../../core/location.js";
import type { Catalogue } from "../../core/ranking-types.js";
import type { State } from "../../core/state.js";
import { markUpdateProcessed } from "../db/conversation-store.js";
import type { Database } from "../db/database.js";
import type { Logger } from "../logger.js";
import type { OutboxDrain } from "../outbox/outbox-drain.js";
import { registerAppHome } from "./app-home.js";
import { boltLogger } from "./bolt-logger.js";
import { ChannelMembers } from "./channel-members.js";
import { type DialogDmDeps, registerDialogDm } from "./dialog-dm.js";
import { slackDialogKind } from "./dialog-outbox-kind.js";
import { FollowUpJob } from "./follow-up-job.js";
import { registerHandoffActions } from "./handoff-actions.js";
import { type Dispatcher, slackOutboxKinds } from "./handoff-dispatcher.js";
import { HonoReceiver } from "./hono-receiver.js";
import { registerSearchCommand } from "./search-command.js";
import { registerThreadRelay } from "./thread-relay.js";

export interface SlackAdapterDeps {
  token: string;
  signingSecret: string;
  /** Web API root, ending in "/" (a local stand-in in tests). */
  apiUrl: string;
  db: Database;
  catalogue: () => Catalogue;
  /** One dialog turn, for direct messages to the app; without it DMs are not answered. */
  turn?: DialogDmDeps["turn"];
  /** Postcodes and places for `/paten`; without it the command is not registered. */
  gazetteer?: Gazetteer;
  logger: Logger;
  /** The app's one outbox drain; the Slack kinds are registered on it. */
  outbox: OutboxDrain;
  stateChannels: Partial<Record<State, string>>;
  defaultChannel: string | undefined;
  /** Slack user ids who may act on every handoff (SLACK_ADMIN_USERS); others only in their channels. */
  adminUsers?: readonly string[];
  now?: () => Date;
  /** The runtime's fetch (Workers); Node's global fetch otherwise. */
  fetch?: typeof fetch;
  /** Follow-up of handoffs nobody took over: timing policy and how often to look (default 10 min). */
  followUp?: { policy?: FollowUpPolicy; intervalMs?: number };
  /** How long one Web API call may take (SLACK_TIMEOUT_MS); default 5 s. */
  timeoutMs?: number;
}

export interface SlackAdapter {
  /** POST /slack/events: events, interactions, options and slash commands. */
  routes: Hono;
  app: App;
  client: webApi.WebClient;
  /** The outbox drain (shared by every channel) as the Slack side uses it. */
  dispatcher: Dispatcher;
  /** Reminders, escalations and give-up notices; `runOnce` for a Worker's scheduled handler. */
  followUps: FollowUpJob;
  /** Starts the outbox drain (resumes pending deliveries) and the follow-ups. */
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
    timeout: deps.timeoutMs ?? 5000,
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

  for (const kind of slackOutboxKinds({
    db: deps.db,
    client,
    catalogue: deps.catalogue,
    logger: log,
    stateChannels: deps.stateChannels,
    defaultChannel: deps.defaultChannel,
    now,
  }))
    deps.outbox.register(kind);
  deps.outbox.register(slackDialogKind(client));
  const dispatcher: Dispatcher = deps.outbox;
  registerHandoffActions(app, {
    db: deps.db,
    catalogue: deps.catalogue,
    logger: log,
    now,
    wake: () => dispatcher.wake(),
    authorisation: {
      members: new ChannelMembers(client, () => now().getTime()),
      admins: new Set(deps.adminUsers ?? []),
      routedChannel: (h) =>
        routeHandoff(deps.catalogue().get(h.projectId), deps.stateChannels, deps.defaultChannel).channel,
    },
  });
  const followUps = new FollowUpJob({
    db: deps.db,
    logger: log,
    now,
    wake: () => dispatcher.wake(),
    ...(deps.followUp?.policy ? { policy: deps.followUp.policy } : {}),
    ...(deps.followUp?.intervalMs ? { intervalMs: deps.followUp.intervalMs } : {}),
  });
  if (deps.gazetteer)
    registerSearchCommand(app, { gazetteer: deps.gazetteer, catalogue: deps.catalogue, logger: log });
  if (deps.turn) registerDialogDm(app, { turn: deps.turn, wake: () => dispatcher.wake(), logger: log });
  registerAppHome(app, { db: deps.db, catalogue: deps.catalogue, logger: log, now });
  registerThreadRelay(app, {
    db: deps.db,
    logger: log,
    wake: () => dispatcher.wake(),
    now,
    projectName: (id) => deps.catalogue().get(id)?.name,
  });
  app.error(async (err) => {
    log.error({ err: { name: err.name, message: err.message } }, "slack: unhandled error");
  });

  return {
    routes: receiver.routes,
    app,
    client,
    dispatcher,
    followUps,
    start: () => {
      dispatcher.start();
      followUps.start();
    },
    async stop() {
      await followUps.stop();
      await dispatcher.stop();
      await receiver.stop();
    },
    async idle() {
      await receiver.idle();
      await dispatcher.idle();
    },
  };
}
