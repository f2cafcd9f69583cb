import { autoRetry } from "@grammyjs/auto-retry";
import { limit } from "@grammyjs/ratelimiter";
import type { RunnerHandle } from "@grammyjs/runner";
import { Api, Bot, BotError, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { Hono } from "hono";
import { translator } from "../../bot/i18n.js";
import { DEFAULT_LANGUAGE, resolveLanguage } from "../../bot/locales.js";
import type { InboundEvent, Peer, Reply } from "../../bot/types.js";
import { markUpdateProcessed } from "../db/conversation-store.js";
import type { Database } from "../db/database.js";
import { isDatabaseUnavailable } from "../db/database-unavailable.js";
import { enqueueMessage } from "../db/outbox-store.js";
import { logError as logFailure } from "../errors.js";
import type { Logger } from "../logger.js";
import type { OutboxDrain } from "../outbox/outbox-drain.js";
import { telegramOrderKey } from "../outbox/requester-message.js";
import { ApiError } from "../web/api-error.js";
import { apiThrottler, type ThrottleOptions } from "./api-throttler.js";
import { ChatQueue } from "./chat-queue.js";
import { commandMenus } from "./command-menu.js";
import { networkRetry } from "./network-retry.js";
import { secretsEqual } from "./secret-compare.js";
import { TELEGRAM_MESSAGE_KIND, telegramOutboxKind } from "./telegram-outbox-kind.js";
import { toInboundEvent } from "./to-inbound-event.js";
import { type WindowCounter, windowCounter } from "./window-counter.js";

/** The outcome of one conversation turn (see adapters/conversation/handle-turn.ts). */
export type TurnResult =
  | { duplicate: true }
  | { duplicate: false; replies: Reply[]; language: string; dir: "ltr" | "rtl" };

/** Where a turn's replies go: an outbox row of this kind, queued in the turn's transaction. */
export interface QueuedReplies {
  kind: string;
  channel: string;
  payload: Record<string, unknown>;
  orderKey: string;
}

/** One conversation turn with its dependencies bound; the update key dedupes redeliveries. */
export type TurnFn = (
  peer: Peer,
  event: InboundEvent,
  opts?: { updateKey?: string; queueReplies?: QueuedReplies },
) => Promise<TurnResult>;

export const WEBHOOK_PATH = "/telegram/webhook";
const ALLOWED_UPDATES = ["message", "callback_query"] as const;

export interface TelegramAdapterDeps {
  token: string;
  apiRoot: string;
  webhookSecret?: string;
  /** With a public URL, start() registers the webhook; without, it long-polls with grammY's runner. */
  publicUrl?: string;
  turn: TurnFn;
  logger: Logger;
  /** Known bot info, to skip getMe (tests); otherwise fetched on first use. */
  botInfo?: UserFromGetMe;
  /** Per-user flood limit: at most `limit` updates per `windowMs`; default 30 per minute. */
  rateLimit?: { limit: number; windowMs: number };
  /** Outgoing call limits (defaults: Telegram's guidance). */
  throttle?: Partial<ThrottleOptions>;
  /** Retries of a 429 or 5xx answer before a call fails; default 3. */
  maxRetryAttempts?: number;
  /** The app's outbox drain: replies are queued in the turn's transaction and sent from there. */
  outbox: OutboxDrain;
  /** Whether an update was handled already, so redeliveries do not count against the flood limit. */
  seen?: (updateKey: string) => Promise<boolean>;
  /** Where the slow-down notice is queued, with the update marked processed in the same transaction. */
  db: Database;
  now?: () => Date;
}

export interface TelegramAdapter {
  /** Hono routes: POST /telegram/webhook. */
  routes: Hono;
  /** Registers the webhook (publicUrl set) or starts long polling. */
  start(): Promise<void>;
  /** Stops polling and waits for replies still being sent. */
  stop(): Promise<void>;
  /** Resolves when every reply queued so far has been sent (replies go through the outbox). */
  idle(): Promise<void>;
  bot: Bot;
}

/** The Telegram channel: translates updates into conversation turns and renders the replies. */
export function createTelegramAdapter(deps: TelegramAdapterDeps): TelegramAdapter {
  const { logger } = deps;
  const log = logger.child({ channel: "telegram" });
  const bot = new Bot(deps.token, {
    client: { apiRoot: deps.apiRoot },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  // The last transformer installed runs first: auto-retry wraps network retry wraps the throttler.
  const throttler = apiThrottler(deps.throttle);
  bot.api.config.use(throttler);
  bot.api.config.use(networkRetry());
  bot.api.config.use(autoRetry({ maxRetryAttempts: deps.maxRetryAttempts ?? 3, maxDelaySeconds: 60 }));
  // The outbox's own client shares the throttle; a long Retry-After frees the slot and the row
  // waits it out in the outbox without counting an attempt.
  // Short waits (a Retry-After of a few seconds, a 5xx) are retried in place; longer ones go back
  // to the outbox.
  const outboxApi = new Api(deps.token, { apiRoot: deps.apiRoot });
  outboxApi.config.use(throttler);
  outboxApi.config.use(networkRetry());
  outboxApi.config.use(autoRetry({ maxRetryAttempts: deps.maxRetryAttempts ?? 3, maxDelaySeconds: 5 }));
  deps.outbox.register(telegramOutboxKind(outboxApi, log));

  const turns = new ChatQueue();
  let runner: RunnerHandle | undefined;
  let initPromise: Promise<void> | undefined;
  const ensureInit = (): Promise<void> => {
    if (bot.isInited()) return Promise.resolve();
    initPromise ??= bot.init().finally(() => {
      initPromise = undefined;
    });
    return initPromise;
  };
  const logError = (err: unknown, msg: string, extra: Record<string, unknown> = {}): void =>
    logFailure(log, err, msg, extra);

  bot.catch((err) => logError(err, "telegram: update failed", { updateId: err.ctx.update.update_id }));

  /**
   * The one notice a flooding user gets per window, through the outbox like every reply: queued
   * with the update marked processed, in one transaction, so a crash before sending still sends
   * it and a redelivery of the update neither counts again nor sends a second notice. A database
   * failure throws (the webhook answers 5xx and logs it).
   */
  async function queueSlowDownNotice(ctx: Context, chatId: number): Promise<void> {
    const inbound = toInboundEvent(ctx.update, ctx.me.username);
    const t = translator(resolveLanguage(ctx.from?.language_code) ?? DEFAULT_LANGUAGE);
    const at = deps.now?.() ?? new Date();
    const queued = await deps.db.transaction(async (tx) => {
      if (inbound && !(await markUpdateProcessed(tx, "telegram", inbound.updateKey, at))) return false;
      await enqueueMessage(tx, {
        kind: TELEGRAM_MESSAGE_KIND,
        channel: "telegram",
        payload: {
          chatId,
          text: t("rateLimit.slowDown"),
          ...(ctx.callbackQuery ? { callbackQueryId: ctx.callbackQuery.id } : {}),
        },
        orderKey: telegramOrderKey(chatId),
      });
      return true;
    });
    if (queued) deps.outbox.wake();
  }

  // Redeliveries are recognised first, so only new updates count against the flood limit below.
  bot.use(async (ctx, next) => {
    const inbound = deps.seen ? toInboundEvent(ctx.update, ctx.me.username) : undefined;
    if (inbound && deps.seen && (await deps.seen(inbound.updateKey))) {
      log.debug({ updateId: ctx.update.update_id }, "telegram: redelivered update skipped");
      return;
    }
    await next();
  });
  const rateLimit = deps.rateLimit ?? { limit: 30, windowMs: 60_000 };
  bot.use(
    limit<Context, WindowCounter>({
      limit: rateLimit.limit,
      timeFrame: rateLimit.windowMs,
      storageClient: windowCounter(),
      keyGenerator: (ctx) => (ctx.from ? String(ctx.from.id) : undefined),
      onLimitExceeded: (ctx) => {
        const chatId = ctx.chat?.id ?? ctx.from?.id;
        log.warn({ updateId: ctx.update.update_id }, "telegram: user rate limited");
        if (chatId === undefined) return;
        return queueSlowDownNotice(ctx, chatId);
      },
    }),
  );

  bot.on(["message", "callback_query"], async (ctx) => {
    const inbound = toInboundEvent(ctx.update, ctx.me.username);
    if (!inbound) {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      log.debug({ updateId: ctx.update.update_id }, "telegram: update ignored");
      return;
    }
    const chatKey = String(inbound.chatId);
    const started = Date.now();
    const result = await turns.run(chatKey, () =>
      deps.turn(inbound.peer, inbound.event, {
        updateKey: inbound.updateKey,
        queueReplies: {
          kind: TELEGRAM_MESSAGE_KIND,
          channel: "telegram",
          payload: {
            chatId: inbound.chatId,
            ...(inbound.callbackQueryId ? { callbackQueryId: inbound.callbackQueryId } : {}),
          },
          orderKey: telegramOrderKey(inbound.chatId),
        },
      }),
    );
    log.info(
      {
        updateId: ctx.update.update_id,
        event: inbound.event.type,
        duplicate: result.duplicate,
        replies: result.duplicate ? 0 : result.replies.length,
        ms: Date.now() - started,
      },
      "telegram: turn",
    );
    // A duplicate's replies (and the button's answer) belong to the first delivery's outbox row.
    if (result.duplicate) return;
    // The replies were committed with the turn; the outbox sends them (after the webhook's 200).
    deps.outbox.wake();
  });

  const routes = new Hono();
  routes.post(WEBHOOK_PATH, async (c) => {
    const secret = deps.webhookSecret;
    if (!secret || !secretsEqual(c.req.header("x-telegram-bot-api-secret-token"), secret)) {
      log.warn("telegram: webhook call with a wrong or missing secret");
      throw new ApiError(401, "x-telegram-bot-api-secret-token", "unauthorized");
    }
    let update: unknown;
    try {
      update = await c.req.json();
    } catch {
      throw new ApiError(400, "body", "expected a JSON update");
    }
    if (
      !update ||
      typeof update !== "object" ||
      typeof (update as { update_id?: unknown }).update_id !== "number"
    ) {
      throw new ApiError(400, "update_id", "expected a Telegram update");
    }
    try {
      await ensureInit();
      await bot.handleUpdate(update as Parameters<Bot["handleUpdate"]>[0]);
    } catch (err) {
      // The turn did not commit: answer 5xx so Telegram delivers the update again.
      const cause = err instanceof BotError ? err.error : err;
      if (isDatabaseUnavailable(cause)) {
        log.warn(
          { updateId: (update as { update_id: number }).update_id },
          "telegram: database unavailable, 503",
        );
        return c.json({ error: { message: "database unavailable", code: "database_unavailable" } }, 503);
      }
      logError(err, "telegram: webhook update failed", {
        updateId: (update as { update_id: number }).update_id,
      });
      throw new ApiError(500, undefined, "internal error");
    }
    try {
      // On Workers, keep the isolate alive until the replies are sent.
      c.executionCtx.waitUntil(deps.outbox.drainDue());
    } catch {
      // Node: no execution context; the replies are sent in the background.
    }
    return c.body(null, 200);
  });

  /** Puts /language, /mydata, /delete … one tap away in every language; a failure only costs the menu. */
  async function registerCommandMenus(): Promise<void> {
    let failed = 0;
    for (const menu of commandMenus()) {
      try {
        await bot.api.setMyCommands(
          menu.commands,
          menu.languageCode ? { language_code: menu.languageCode } : {},
        );
      } catch {
        failed += 1;
      }
    }
    if (failed > 0) log.warn({ failed }, "telegram: some command menus could not be set");
  }

  return {
    routes,
    bot,
    idle: async () => {
      await deps.outbox.drainDue();
    },
    async start() {
      // Replies leave through the outbox; make sure it is draining.
      deps.outbox.start();
      await ensureInit();
      await registerCommandMenus();
      if (deps.publicUrl) {
        const url = new URL(WEBHOOK_PATH, deps.publicUrl).toString();
        await bot.api.setWebhook(url, {
          ...(deps.webhookSecret ? { secret_token: deps.webhookSecret } : {}),
          allowed_updates: [...ALLOWED_UPDATES],
        });
        log.info({ mode: "webhook" }, "telegram: webhook registered");
        return;
      }
      await bot.api.deleteWebhook();
      const { run } = await import("@grammyjs/runner");
      runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
      log.info({ mode: "polling" }, "telegram: long polling started");
    },
    async stop() {
      if (runner?.isRunning()) await runner.stop();
      runner = undefined;
      await turns.idle();
    },
  };
}
