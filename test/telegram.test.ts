import { mkdirSync, writeFileSync } from "node:fs";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeServices } from "../adapters/compose.js";
import { loadConfig } from "../adapters/config.js";
import { openDatabase } from "../adapters/db/open-database.js";
import { createLogger } from "../adapters/logger.js";
import { readGazetteerData, readSampleCatalogue } from "../adapters/node-data-files.js";
import { createTelegramAdapter, type TelegramAdapter } from "../adapters/telegram/telegram-adapter.js";
import { hasKey, translator } from "../bot/i18n.js";
import { STAND_IN_BOT, TelegramStandIn } from "./support/telegram-stand-in.js";
import { formatTranscript, newUpdateId, TelegramTestUser } from "./support/telegram-test-user.js";

type Services = Awaited<ReturnType<typeof composeServices>>;

/** The full app as `npm start` wires it, on an in-memory database, pointed at the stand-in. */
async function compose(env: Record<string, string>): Promise<Services> {
  const [gazetteerData, sampleCatalogue] = await Promise.all([readGazetteerData(), readSampleCatalogue()]);
  return composeServices(loadConfig({ LOG_LEVEL: "silent", ...env }), {
    logger: createLogger("silent"),
    gazetteerData,
    sampleCatalogue,
    inMemory: true,
    openDatabase,
    catalogueRefreshMs: 0,
  });
}
const SECRET = "test-webhook-secret-0123456789";
const de = translator("de");
/** Köln city centre, near the sample catalogue's Köln projects. */
const KOELN = { lat: 50.9375, lon: 6.9603 };

interface HandoffRow {
  id: string;
  kind: string;
  state: string;
  channel: string;
  channel_user_id: string | null;
  project_id: string;
}

describe("Telegram adapter against a Bot API stand-in (webhook mode)", () => {
  let standIn: TelegramStandIn;
  let services: Services;
  let telegram: TelegramAdapter;
  let nextUser = 1000;

  const user = (languageCode = "de") =>
    new TelegramTestUser({
      app: services.app,
      standIn,
      secret: SECRET,
      idle: () => telegram.idle(),
      userId: nextUser++,
      languageCode,
    });
  const handoffsOf = (u: TelegramTestUser) =>
    services.db.query<HandoffRow>(
      "SELECT id, kind, state, channel, channel_user_id, project_id FROM handoffs WHERE channel = 'telegram' AND channel_user_id = $1",
      [String(u.chatId)],
    );
  const texts = (calls: { body: Record<string, unknown> }[]) =>
    calls.map((c) => String(c.body.text ?? c.body.title ?? ""));

  beforeAll(async () => {
    standIn = await TelegramStandIn.start();
    services = await compose({
      TELEGRAM_BOT_TOKEN: standIn.token,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: standIn.apiRoot,
      PUBLIC_URL: "https://patenschaft.example.org",
    });
    if (!services.telegram) throw new Error("compose did not create the Telegram adapter");
    telegram = services.telegram;
  });

  afterAll(async () => {
    await services?.close();
    await standIn?.close();
  });

  it("registers the webhook with the secret and only the update kinds it handles", async () => {
    await services.start();
    const [setWebhook] = standIn.callsOf("setWebhook");
    expect(setWebhook?.body).toEqual({
      url: "https://patenschaft.example.org/telegram/webhook",
      secret_token: SECRET,
      allowed_updates: ["message", "callback_query"],
    });
    // The command menu (language switch one tap away), translated per language.
    const menus = standIn.callsOf("setMyCommands");
    expect(menus.length).toBeGreaterThan(20);
    const arabic = menus.find((c) => c.body.language_code === "ar");
    expect(JSON.stringify(arabic?.body.commands)).toContain('"command":"language"');
  });

  it("takes a family by buttons from /start to a contact request and a handoff row", async () => {
    const u = user();
    const greeting = await u.say("/start");
    expect(greeting.at(-1)?.body.reply_markup).toMatchObject({ inline_keyboard: expect.any(Array) });
    expect(u.buttonData()).toContain("role:family");

    await u.choose("role:family");
    await u.choose("age:6-9");
    const askPlace = await u.choose("focus:reading");
    const request = askPlace.find((c) => (c.body.reply_markup as { keyboard?: unknown })?.keyboard);
    expect(request?.body.reply_markup).toEqual({
      keyboard: [[{ text: de("location.share"), request_location: true }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });

    const results = await u.shareLocation(KOELN.lat, KOELN.lon);
    expect(results.length).toBeGreaterThan(0);
    // One message carries the results and their buttons; the one-time location keyboard closed when used.
    expect(results.map((c) => c.method)).toEqual(["sendMessage"]);
    expect(u.buttonData().some((d) => d.startsWith("proj:"))).toBe(true);

    const details = await u.choose(/^proj:/);
    const venue = details.find((c) => c.method === "sendVenue");
    expect(venue?.body).toMatchObject({ latitude: expect.any(Number), longitude: expect.any(Number) });

    await u.choose(/^contact:/);
    await u.choose("consent:yes");
    await u.choose("way:chat");
    const done = await u.choose("msg:skip");
    expect(texts(done).join("\n")).toContain(de("handoff.after"));

    // Every button press was answered, so no spinner is left in the client.
    const answered = standIn.callsOf("answerCallbackQuery").length;
    expect(answered).toBeGreaterThanOrEqual(8);

    const rows = await handoffsOf(u);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "family", state: "open", channel: "telegram" });

    mkdirSync("test-output", { recursive: true });
    writeFileSync("test-output/telegram-transcript.txt", formatTranscript(standIn.log, u.chatId));
  });

  it("understands a family by free text: a need and a postcode inside a sentence", async () => {
    const u = user();
    await u.say("Hallo");
    await u.choose("role:family");
    await u.choose("age:10-13");
    const need = await u.say("Hausaufgaben");
    // Understood as a need (school and homework): the next question is the place.
    expect(need.some((c) => (c.body.reply_markup as { keyboard?: unknown } | undefined)?.keyboard)).toBe(
      true,
    );
    const results = await u.say("wir wohnen in 50667 Köln");
    expect(texts(results).join("\n")).toMatch(/50667|Köln/);
    expect(u.buttonData().some((d) => d.startsWith("proj:"))).toBe(true);
  });

  it("takes a volunteer to an expression of interest (a volunteer handoff)", async () => {
    const u = user("en");
    const hello = await u.say("/start");
    expect(texts(hello).join("\n")).toContain(translator("en")("start.who"));
    await u.choose("role:volunteer");
    await u.say("50667");
    await u.choose(/^focus:/);
    await u.choose(/^hours:/);
    await u.choose("vlang:done");
    expect(u.buttonData().some((d) => d.startsWith("proj:"))).toBe(true);
    await u.choose(/^proj:/);
    await u.choose(/^contact:/);
    await u.choose("consent:yes");
    await u.choose("way:email");
    await u.say("pate@example.org");
    await u.choose("msg:skip");
    const rows = await handoffsOf(u);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "volunteer", state: "open" });
  });

  it("/delete asks for confirmation, then erases the session and withdraws the handoffs", async () => {
    const u = user();
    await u.say("/start");
    await u.choose("role:family");
    await u.choose("age:6-9");
    await u.choose("focus:any");
    await u.shareLocation(KOELN.lat, KOELN.lon);
    await u.choose(/^contact:|^proj:/);
    if (u.buttonData().some((d) => d.startsWith("contact:"))) await u.choose(/^contact:/);
    await u.choose("consent:yes");
    await u.choose("way:chat");
    await u.choose("msg:skip");
    const [handoff] = await handoffsOf(u);
    expect(handoff).toBeDefined();

    const confirm = await u.say("/delete");
    expect(texts(confirm).join("\n")).toContain(de("delete.confirm"));
    expect(await handoffsOf(u)).toHaveLength(1);
    await u.choose("del:yes");

    expect(await handoffsOf(u)).toHaveLength(0);
    const sessions = await services.db.query(
      "SELECT 1 FROM sessions WHERE channel = 'telegram' AND channel_user_id = $1",
      [String(u.chatId)],
    );
    expect(sessions).toHaveLength(0);
    const [withdrawn] = await services.db.query<{ state: string; channel_user_id: string | null }>(
      "SELECT state, channel_user_id FROM handoffs WHERE id = $1",
      [handoff?.id],
    );
    expect(withdrawn).toMatchObject({ state: "withdrawn" });
    expect(withdrawn?.channel_user_id ?? "").toBe("");
  });

  it("refuses a forged webhook call (wrong or missing secret) with 401 and sends nothing", async () => {
    const u = user();
    const before = standIn.calls.length;
    const update = {
      update_id: newUpdateId(),
      message: {
        message_id: 1,
        date: 0,
        chat: { id: u.chatId, type: "private" },
        from: { id: u.chatId, is_bot: false, first_name: "X" },
        text: "/start",
      },
    };
    expect((await u.post(update, "wrong-secret-0123456789")).status).toBe(401);
    expect((await u.post(update, `${SECRET}x`)).status).toBe(401);
    expect((await u.post(update, null)).status).toBe(401);
    await telegram.idle();
    expect(standIn.calls.length).toBe(before);
    const sessions = await services.db.query("SELECT 1 FROM sessions WHERE channel_user_id = $1", [
      String(u.chatId),
    ]);
    expect(sessions).toHaveLength(0);
  });

  it("processes a repeated update_id once (Telegram retries), also when both arrive at once", async () => {
    const u = user();
    const update = {
      update_id: newUpdateId(),
      message: {
        message_id: 1,
        date: 0,
        chat: { id: u.chatId, type: "private" },
        from: { id: u.chatId, is_bot: false, first_name: "X", language_code: "de" },
        text: "/start",
      },
    };
    const first = await u.deliver(update, "/start");
    expect(first.length).toBeGreaterThan(0);
    const again = await u.deliver(update, "/start (redelivered)");
    expect(again).toHaveLength(0);

    const twin = { ...update, update_id: newUpdateId(), message: { ...update.message, text: "/help" } };
    const before = standIn.calls.length;
    const [a, b] = await Promise.all([u.post(twin), u.post(twin)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await telegram.idle();
    const sent = standIn.calls.slice(before).filter((c) => c.method === "sendMessage");
    expect(sent.length).toBeGreaterThan(0);
    // One turn's worth of replies, not two: no text went out twice.
    expect(new Set(sent.map((c) => c.body.text)).size).toBe(sent.length);
  });

  it("escapes HTML from user text and data in what reaches Telegram", async () => {
    const u = user();
    await u.say("/start");
    await u.choose("role:family");
    await u.choose("age:6-9");
    await u.choose("focus:any");
    // The engine quotes a malformed postcode back: the markup must arrive as text, not as tags.
    const calls = await u.say("12<b>345</b> & <script>");
    const echoed = texts(calls).find((t) => t.includes("345"));
    expect(echoed).toContain("12&lt;b&gt;345&lt;/b&gt;");
    for (const t of texts(
      standIn.callsOf("sendMessage").filter((c) => Number(c.body.chat_id) === u.chatId),
    )) {
      expect(t).not.toMatch(/[<>]/);
      expect(t).not.toMatch(/&(?!(amp|lt|gt|quot);)/);
    }
  });

  it("answers a sticker politely and retries a 429 from Telegram after retry_after", async () => {
    const u = user();
    const polite = await u.sendSticker();
    expect(polite.filter((c) => c.method === "sendMessage").length).toBeGreaterThan(0);

    standIn.failNext(1, 429, "sendMessage");
    const started = Date.now();
    const before = standIn.calls.length;
    const replies = await u.say("/help");
    const attempts = standIn.calls.slice(before).filter((c) => c.method === "sendMessage");
    expect(attempts[0]?.status).toBe(429);
    expect(attempts[1]?.status).toBe(200);
    expect(attempts[1]?.body.text).toBe(attempts[0]?.body.text);
    expect(replies.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("retries a 500 from Telegram with a backoff", async () => {
    const u = user();
    standIn.failNext(1, 500, "sendMessage");
    const before = standIn.calls.length;
    const replies = await u.say("/help");
    const attempts = standIn.calls.slice(before).filter((c) => c.method === "sendMessage");
    expect(attempts.map((c) => c.status).slice(0, 2)).toEqual([500, 200]);
    expect(replies.length).toBeGreaterThan(0);
  });

  it("sends one polite slow-down notice to a flooding user and ignores the rest of the window", async () => {
    const limited = createTelegramAdapter({
      token: standIn.token,
      apiRoot: standIn.apiRoot,
      webhookSecret: SECRET,
      turn: services.turn,
      logger: createLogger("silent"),
      botInfo: STAND_IN_BOT,
      rateLimit: { limit: 3, windowMs: 60_000 },
      outbox: services.outbox,
      db: services.db,
    });
    const app = new Hono();
    app.route("/", limited.routes);
    const u = new TelegramTestUser({
      app,
      standIn,
      secret: SECRET,
      idle: () => limited.idle(),
      userId: nextUser++,
      languageCode: "de",
    });
    for (const text of ["/start", "/help", "/help"]) expect((await u.say(text)).length).toBeGreaterThan(0);
    const notice = await u.say("/help");
    expect(hasKey("de", "rateLimit.slowDown")).toBe(true);
    expect(texts(notice)).toEqual([de("rateLimit.slowDown")]);
    expect(await u.say("/help")).toHaveLength(0);
    await limited.stop();
  });
});

describe("Telegram adapter in long-polling mode", () => {
  it("deletes the webhook, polls getUpdates with the runner and answers", async () => {
    const standIn = await TelegramStandIn.start();
    const services = await compose({ TELEGRAM_BOT_TOKEN: standIn.token, TELEGRAM_API_ROOT: standIn.apiRoot });
    try {
      const telegram = services.telegram;
      if (!telegram) throw new Error("no Telegram adapter");
      await telegram.start();
      expect(standIn.callsOf("deleteWebhook")).toHaveLength(1);
      const id = 777;
      const update = {
        update_id: newUpdateId(),
        message: {
          message_id: 1,
          date: 0,
          chat: { id, type: "private" },
          from: { id, is_bot: false, first_name: "P", language_code: "de" },
          text: "/start",
        },
      };
      // Delivered twice (as after a crash before the offset was confirmed): answered once.
      standIn.enqueueUpdate(update);
      standIn.enqueueUpdate(update);
      await standIn.waitFor(() => standIn.callsOf("sendMessage").some((c) => c.body.chat_id === id));
      await new Promise((r) => setTimeout(r, 300));
      await telegram.idle();
      const sent = standIn.callsOf("sendMessage").filter((c) => c.body.chat_id === id);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.body.text).toContain(de("start.who"));
      await telegram.stop();
    } finally {
      await services.close();
      await standIn.close();
    }
    // Composes a whole app (catalogue seeding included) inside the test.
  }, 60_000);
});
