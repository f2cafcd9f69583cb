import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimOutbox } from "../adapters/db/outbox-claim.js";
import { enqueueMessage } from "../adapters/db/outbox-store.js";
import { isUpdateProcessed } from "../adapters/db/turn-replay-store.js";
import { createLogger } from "../adapters/logger.js";
import { telegramOrderKey } from "../adapters/outbox/requester-message.js";
import { HANDOFF_EVENT_TYPE } from "../adapters/slack/handoff-dispatcher.js";
import { createTelegramAdapter } from "../adapters/telegram/telegram-adapter.js";
import { translator } from "../bot/i18n.js";
import { SERVICE_OFFICE } from "../core/service-office.js";
import { OUTBOX_TG_SECRET, type OutboxWorld, startOutboxWorld } from "./support/outbox-world.js";
import { CHANNELS, createHandoff, PROJECTS, postsOf } from "./support/slack-handoff-fixtures.js";
import { messageEvent, postEvent } from "./support/slack-requests.js";
import { STAND_IN_BOT } from "./support/telegram-stand-in.js";
import { newUpdateId, TelegramTestUser } from "./support/telegram-test-user.js";

/**
 * The ten ways issue 12 found the outbox breaking its promise, each reproduced against the Slack
 * and Telegram stand-ins with short timings (a lease of 300 ms, backoff from 50 ms). The heavier
 * version (150 s of 429s, a 10-minute outage with 1,200 queued, 1,000 handoffs under 30 % faults)
 * is `npm run outbox:faults` (scripts/outbox-faults.ts).
 */
describe("outbox under faults: every message owed is delivered exactly once", () => {
  let w: OutboxWorld;
  const outbox = () => w.services.outbox;
  const db = () => w.services.db;

  beforeAll(async () => {
    w = await startOutboxWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  it("1 · a Slack that answers only 429 for a while loses nothing: 429s are not attempts, nothing is given up", async () => {
    await outbox().stop(0);
    const handoffs = await Promise.all(
      Array.from({ length: 10 }, () => createHandoff(db(), { projectId: PROJECTS.byWithout })),
    );
    w.slackApi.rateLimitedUntil = Date.now() + 2500;
    outbox().start();
    await w.until(() => handoffs.every((h) => postsOf(w.slackApi, h.id).length > 0), 20_000);
    await w.until(async () => (await w.pending()) === 0);
    await outbox().idle();
    const limited = w.slackApi.calls.filter((c) => c.method === "chat.postMessage" && c.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const h of handoffs) expect(postsOf(w.slackApi, h.id)).toHaveLength(1);
    const rows = await db().query<{ attempts: number; failed_at: string | null }>(
      "SELECT attempts, failed_at FROM outbox WHERE handoff_id = ANY($1::text[]) AND topic = 'handoff.created'",
      [handoffs.map((h) => h.id)],
    );
    expect(rows.every((r) => Number(r.attempts) === 0 && r.failed_at === null)).toBe(true);
  });

  it("2 · after a long outage, a post whose answer was lost is found under 1,200 newer messages, not posted again", async () => {
    await outbox().stop(0);
    const h = await createHandoff(db(), { projectId: PROJECTS.withChannel });
    const [row] = await claimOutbox(db(), ["handoff.created"], new Date(), 100, 1);
    if (!row) throw new Error("nothing claimed");
    // The attempt reached Slack, but the instance died before it could record the answer.
    const made = await fetch(`${w.slackApi.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${w.slackApi.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        channel: CHANNELS.project,
        text: "x",
        metadata: { event_type: HANDOFF_EVENT_TYPE, event_payload: { handoff_id: h.id, outbox_id: row.id } },
      }),
    });
    expect(made.status).toBe(200);
    w.slackApi.addNoise(CHANNELS.project, 1200);
    const historyBefore = w.slackApi.callsOf("conversations.history").length;
    await new Promise((r) => setTimeout(r, 150));
    outbox().start();
    await w.until(async () => (await w.pending()) === 0);
    await outbox().idle();
    expect(postsOf(w.slackApi, h.id)).toHaveLength(1);
    expect(w.slackApi.callsOf("conversations.history").length - historyBefore).toBeGreaterThanOrEqual(7);
    const [stored] = await db().query<{ slack_ts: string }>("SELECT slack_ts FROM handoffs WHERE id = $1", [
      h.id,
    ]);
    expect(stored?.slack_ts).toBe(postsOf(w.slackApi, h.id)[0]?.ts);
  });

  it("3 · two instances and a Slack slower than the lease: the lease is renewed, nothing is posted twice", async () => {
    await outbox().stop(0);
    const second = await w.secondInstance();
    const handoffs = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createHandoff(db(), { projectId: i % 2 ? PROJECTS.nwWithout : PROJECTS.byWithout }),
      ),
    );
    w.slackApi.postDelayMs = 700; // more than twice the 300 ms lease
    try {
      outbox().start();
      second.outbox.start();
      await w.until(() => handoffs.every((h) => postsOf(w.slackApi, h.id).length > 0), 20_000);
      await w.until(async () => (await w.pending()) === 0, 20_000);
      await Promise.all([outbox().idle(), second.outbox.idle()]);
      await new Promise((r) => setTimeout(r, 800));
    } finally {
      w.slackApi.postDelayMs = 0;
      await second.outbox.stop(2000);
    }
    for (const h of handoffs) expect(postsOf(w.slackApi, h.id), h.id).toHaveLength(1);
  }, 90_000);

  it("4 · follow-ups take only handoffs due for a step: a backlog of reminded ones does not hide the rest", async () => {
    await outbox().stop(0);
    const template = await createHandoff(db(), { projectId: PROJECTS.withChannel });
    const day = 24 * 3_600_000;
    const insert = (prefix: string, n: number, postedDaysAgo: number, reminded: boolean) =>
      db().query(
        `INSERT INTO handoffs (id, channel, channel_user_id, project_id, kind, state, data, created_at, updated_at,
           slack_channel, slack_ts, posted_at, reminded_at)
         SELECT $2 || g, channel, channel_user_id, project_id, kind, 'open', data, created_at, updated_at,
           'C0SAMPLE01', '1.' || g, $3::timestamptz + g * interval '1 second', $4
         FROM handoffs, generate_series(1, $5) g WHERE id = $1`,
        [
          template.id,
          prefix,
          new Date(Date.now() - postedDaysAgo * day).toISOString(),
          reminded ? new Date().toISOString() : null,
          n,
        ],
      );
    // 230 reminded three days ago and still open (the oldest), then 40 overdue and never reminded.
    await insert("fu-old-", 230, 4, true);
    await insert("fu-due-", 40, 3, false);
    const counts = await w.services.slack?.followUps.runOnce();
    expect(counts?.reminded).toBe(40);
    const [left] = await db().query<{ n: number }>(
      "SELECT count(*)::int AS n FROM handoffs WHERE id LIKE 'fu-due-%' AND reminded_at IS NULL",
    );
    expect(Number(left?.n)).toBe(0);
    await db().query("DELETE FROM outbox WHERE handoff_id LIKE 'fu-%' OR handoff_id = $1", [template.id]);
    await db().query("UPDATE handoffs SET state = 'done' WHERE id LIKE 'fu-%'");
  });

  it("5 · Telegram's flood limit counts only new updates: redeliveries never crowd out a genuine tap", async () => {
    outbox().start();
    const limited = createTelegramAdapter({
      token: w.tgApi.token,
      apiRoot: w.tgApi.apiRoot,
      webhookSecret: OUTBOX_TG_SECRET,
      turn: w.services.turn,
      logger: createLogger("silent"),
      botInfo: STAND_IN_BOT,
      rateLimit: { limit: 3, windowMs: 60_000 },
      outbox: outbox(),
      db: db(),
      seen: (key) => isUpdateProcessed(db(), "telegram", key),
    });
    const app = new Hono();
    app.route("/", limited.routes);
    const u = new TelegramTestUser({
      app,
      standIn: w.tgApi,
      secret: OUTBOX_TG_SECRET,
      idle: () => limited.idle(),
      userId: 91_001,
      languageCode: "de",
    });
    const first = await u.say("/start");
    expect(first.length).toBeGreaterThan(0);
    const resent = {
      update_id: newUpdateId(),
      message: {
        message_id: 5,
        date: 0,
        chat: { id: u.chatId, type: "private" },
        from: u.from,
        text: "/help",
      },
    };
    for (let i = 0; i < 8; i++) await u.deliver(resent, "(redelivered)");
    const genuine = await u.say("/help");
    expect(genuine.some((c) => c.method === "sendMessage")).toBe(true);
    expect(genuine.map((c) => String(c.body.text))).not.toContain(translator("de")("rateLimit.slowDown"));
    await limited.stop();
  });

  it("5b · the slow-down notice is queued with the update's processed mark: it survives a stop, a redelivery sends no second one", async () => {
    await outbox().stop(0);
    const limited = createTelegramAdapter({
      token: w.tgApi.token,
      apiRoot: w.tgApi.apiRoot,
      webhookSecret: OUTBOX_TG_SECRET,
      turn: w.services.turn,
      logger: createLogger("silent"),
      botInfo: STAND_IN_BOT,
      rateLimit: { limit: 2, windowMs: 60_000 },
      outbox: outbox(),
      db: db(),
      seen: (key) => isUpdateProcessed(db(), "telegram", key),
    });
    const app = new Hono();
    app.route("/", limited.routes);
    const u = new TelegramTestUser({
      app,
      standIn: w.tgApi,
      secret: OUTBOX_TG_SECRET,
      idle: async () => undefined,
      userId: 91_003,
      languageCode: "de",
    });
    await u.say("/start");
    await u.say("/help");
    const flood = {
      update_id: newUpdateId(),
      message: {
        message_id: 7,
        date: 0,
        chat: { id: u.chatId, type: "private" },
        from: u.from,
        text: "/help",
      },
    };
    expect((await u.post(flood)).status).toBe(200);
    const slowDown = translator("de")("rateLimit.slowDown");
    const notices = () =>
      w.tgApi
        .callsOf("sendMessage")
        .filter((c) => Number(c.body.chat_id) === u.chatId && c.body.text === slowDown);
    // Committed, not sent from memory: nothing went out while the drain is stopped.
    const [queued] = await db().query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE order_key = $1 AND payload->>'text' = $2 AND sent_at IS NULL",
      [telegramOrderKey(u.chatId), slowDown],
    );
    expect(Number(queued?.n)).toBe(1);
    expect(await isUpdateProcessed(db(), "telegram", String(flood.update_id))).toBe(true);
    expect(notices()).toHaveLength(0);
    // Telegram delivers the update again: recognised, no second notice.
    expect((await u.post(flood)).status).toBe(200);
    outbox().start();
    await w.until(() => notices().length > 0);
    await outbox().idle();
    expect(notices()).toHaveLength(1);
    await limited.stop();
  });

  it("6b · a Slack DM's answer is queued with the event's processed mark: it survives a stop, a retry is not answered twice", async () => {
    await outbox().stop(0);
    const dm = "D0OUTBOX1";
    const envelope = messageEvent({ channel: dm, user: "U0OUTBOX1", text: "Hallo", channelType: "im" });
    expect((await postEvent(w.services.app, envelope)).status).toBe(200);
    await w.services.slack?.idle();
    expect(w.slackApi.messagesIn(dm)).toHaveLength(0);
    const [queued] = await db().query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE topic = 'slack.dialog' AND order_key = $1 AND sent_at IS NULL",
      ["slack-dm:U0OUTBOX1"],
    );
    expect(Number(queued?.n)).toBe(1);
    // Slack's retry of the event (our 200 got lost): dropped as already taken.
    const retry = { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } };
    expect((await postEvent(w.services.app, envelope, retry)).status).toBe(200);
    await w.services.slack?.idle();
    // The first answer's post reaches Slack, but its answer is lost: the retry finds it, no second post.
    w.slackApi.failNext(1, 500, "chat.postMessage", { afterEffect: true });
    outbox().start();
    await w.until(async () => (await w.pending()) === 0);
    await outbox().idle();
    const answers = w.slackApi.messagesIn(dm);
    expect(answers).toHaveLength(1);
    expect(JSON.stringify(answers[0]?.blocks)).toContain("dialog_choice");
  });

  it("6 · Telegram replies are committed with the turn and survive a stop before sending", async () => {
    await outbox().stop(0);
    const u = new TelegramTestUser({
      app: w.services.app,
      standIn: w.tgApi,
      secret: OUTBOX_TG_SECRET,
      idle: async () => undefined,
      userId: 91_002,
      languageCode: "de",
    });
    const update = {
      update_id: newUpdateId(),
      message: {
        message_id: 1,
        date: 0,
        chat: { id: u.chatId, type: "private" },
        from: u.from,
        text: "/start",
      },
    };
    const res = await u.post(update);
    expect(res.status).toBe(200);
    const toChat = () => w.tgApi.callsOf("sendMessage").filter((c) => Number(c.body.chat_id) === u.chatId);
    expect(toChat()).toHaveLength(0);
    const [queued] = await db().query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE topic = 'telegram.message' AND order_key = $1 AND sent_at IS NULL",
      [telegramOrderKey(u.chatId)],
    );
    expect(Number(queued?.n)).toBe(1);
    // "Restart": a drain (here the same process's, started again) sends what the dead one owed.
    outbox().start();
    await w.until(() => toChat().length > 0);
    await outbox().idle();
    expect(toChat()).toHaveLength(1);
    // Telegram delivers the update again: it is a duplicate, nothing is sent twice.
    expect((await u.post(update)).status).toBe(200);
    await outbox().idle();
    expect(toChat()).toHaveLength(1);
  });

  it("8 · one hanging call holds one slot, not the queue", async () => {
    outbox().start();
    w.slackApi.hangNext("chat.postMessage", 3000);
    const started = Date.now();
    const handoffs = await Promise.all(
      Array.from({ length: 6 }, () => createHandoff(db(), { projectId: PROJECTS.byWithout })),
    );
    outbox().wake();
    await w.until(() => handoffs.filter((h) => postsOf(w.slackApi, h.id).length > 0).length >= 5, 10_000);
    expect(Date.now() - started).toBeLessThan(2900);
    await w.until(() => handoffs.every((h) => postsOf(w.slackApi, h.id).length > 0), 10_000);
    await w.until(async () => (await w.pending()) === 0);
    for (const h of handoffs) expect(postsOf(w.slackApi, h.id)).toHaveLength(1);
  });

  it("9 · the web chat gets the original replies back for a repeated clientMessageId", async () => {
    const send = (cookie?: string) =>
      w.services.app.request("http://localhost/api/chat", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: "http://localhost",
          "accept-language": "de",
          ...(cookie ? { cookie } : {}),
        },
        body: JSON.stringify(
          cookie
            ? {
                event: { type: "choice", id: "role:family" },
                clientMessageId: "3f0b5c1e-8a2d-4b7e-9c61-0d2e4f6a8b10",
              }
            : { event: { type: "command", command: "start" } },
        ),
      });
    // The greeting is answered without storing anything; the first real turn is the one replayed.
    const greeting = await send();
    const cookie = (greeting.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const first = await send(cookie);
    const original = (await first.json()) as { replies: unknown[] };
    expect(original.replies.length).toBeGreaterThan(0);
    const again = await send(cookie);
    expect(again.status).toBe(200);
    const replayed = (await again.json()) as { replies: unknown[]; replayed?: boolean };
    expect(replayed.replayed).toBe(true);
    expect(replayed.replies).toEqual(original.replies);
  });

  it("10 · a refused map pin is logged and skipped; the text before and the links after still go out, in order", async () => {
    outbox().start();
    const chatId = 91_010;
    await enqueueMessage(db(), {
      kind: "telegram.message",
      channel: "telegram",
      orderKey: telegramOrderKey(chatId),
      payload: {
        chatId,
        replies: [
          { type: "text", text: "Lesefüchse Köln" },
          { type: "location", lat: 50.94, lon: 6.96, title: "Lesefüchse", address: "Köln" },
          { type: "links", text: "Mehr", links: [{ label: "Website", url: "https://example.org" }] },
        ],
      },
    });
    w.tgApi.failNext(1, 400, "sendVenue");
    outbox().wake();
    const toChat = () => w.tgApi.calls.filter((c) => Number(c.body.chat_id) === chatId);
    await w.until(() => toChat().filter((c) => c.status === 200).length >= 2);
    await outbox().idle();
    expect(toChat().map((c) => `${c.method} ${c.status}`)).toEqual([
      "sendMessage 200",
      "sendVenue 400",
      "sendMessage 200",
    ]);
    expect(JSON.stringify(toChat()[2]?.body.reply_markup)).toContain("https://example.org");
    expect(await w.pending()).toBe(0);
  });

  it("a refusing channel sends the post on to the next route; a row past its budget is given up visibly", async () => {
    outbox().start();
    w.slackApi.refusing.set(CHANNELS.project, "channel_not_found");
    const rerouted = await createHandoff(db(), { projectId: PROJECTS.withChannel });
    outbox().wake();
    await w.until(() => postsOf(w.slackApi, rerouted.id).length > 0);
    expect(postsOf(w.slackApi, rerouted.id).map((m) => m.channel)).toEqual([CHANNELS.nw]);
    w.slackApi.refusing.clear();

    await outbox().stop(0);
    const lost = await createHandoff(db(), { projectId: PROJECTS.byWithout, language: "ar" });
    await db().query("UPDATE outbox SET created_at = now() - interval '4 days' WHERE handoff_id = $1", [
      lost.id,
    ]);
    w.slackApi.failNext(1, 500, "chat.postMessage");
    outbox().start();
    const told = () =>
      w.tgApi.callsOf("sendMessage").filter((c) => String(c.body.chat_id) === lost.channelUserId);
    await w.until(() => told().length > 0);
    await w.until(() =>
      w.slackApi.messagesIn(CHANNELS.fallback).some((m) => (m.text ?? "").includes(lost.id)),
    );
    const projectName = w.services.catalogue.get().get(PROJECTS.byWithout)?.name ?? "";
    expect(told().map((c) => String(c.body.text))).toContain(
      translator("ar")("outbox.notDelivered", {
        project: projectName,
        office: SERVICE_OFFICE.name,
        phone: SERVICE_OFFICE.phone,
        email: SERVICE_OFFICE.email,
      }),
    );
    expect(postsOf(w.slackApi, lost.id)).toHaveLength(0);
    const [row] = await db().query<{ last_error: string; failed_at: string | null }>(
      "SELECT last_error, failed_at FROM outbox WHERE handoff_id = $1 AND topic = 'handoff.created'",
      [lost.id],
    );
    expect(row?.failed_at).not.toBeNull();
    expect(row?.last_error).toBe("http_500");
    expect(await w.services.metrics.registry.render()).toMatch(
      /patenschaft_outbox_given_up_total\{kind="handoff.created",code="time_budget"\} 1/,
    );
  });

  it("SIGTERM: the drain stops within its grace with a call hanging; the row stays queued and is sent once later", async () => {
    outbox().start();
    w.slackApi.hangNext("chat.postMessage", 1500);
    const h = await createHandoff(db(), { projectId: PROJECTS.byWithout });
    outbox().wake();
    await new Promise((r) => setTimeout(r, 400));
    const stopping = Date.now();
    await outbox().stop(300);
    expect(Date.now() - stopping).toBeLessThan(1000);
    // The hung call completes after the stop; a restarted drain finds that post instead of repeating it.
    await new Promise((r) => setTimeout(r, 1800));
    outbox().start();
    await w.until(async () => (await w.pending()) === 0);
    await outbox().idle();
    expect(postsOf(w.slackApi, h.id)).toHaveLength(1);
  });
});

describe("outbox with a Slack slower than the client's call timeout", () => {
  let w: OutboxWorld;
  beforeAll(async () => {
    w = await startOutboxWorld({ env: { SLACK_TIMEOUT_MS: "1000" } });
  });
  afterAll(async () => {
    await w?.close();
  });

  it("a post that lands after the call timed out is found by the retry, not made twice", async () => {
    // Each post takes 1.4 s, the client gives up after 1 s: Slack still makes the post, later.
    w.slackApi.postDelayMs = 1400;
    const h = await createHandoff(w.services.db, { projectId: PROJECTS.byWithout });
    try {
      w.services.outbox.start();
      await w.until(() => postsOf(w.slackApi, h.id).length > 0);
      await w.until(async () => (await w.pending()) === 0, 15_000);
      await w.services.outbox.idle();
      // A post still under way at Slack lands within its delay: wait for it before counting.
      await new Promise((r) => setTimeout(r, 1600));
    } finally {
      w.slackApi.postDelayMs = 0;
    }
    expect(postsOf(w.slackApi, h.id)).toHaveLength(1);
    const [row] = await w.services.db.query<{ attempts: number }>(
      "SELECT attempts FROM outbox WHERE handoff_id = $1 AND topic = 'handoff.created'",
      [h.id],
    );
    expect(Number(row?.attempts)).toBeGreaterThanOrEqual(1);
  });
});
