import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../adapters/db/database.js";
import { runMigrations } from "../adapters/db/migrations.js";
import { openPostgres } from "../adapters/db/postgres-database.js";
import { readSampleCatalogue } from "../adapters/node-data-files.js";
import { seedSampleCatalogueIfEmpty } from "../adapters/seed-sample-catalogue.js";
import { buildWorkerBundle, type WorkerBundle } from "../bench/worker-bundle.js";
import { randomSchema } from "./support/databases.js";
import { quiet } from "./support/quiet.js";
import { SlackStandIn } from "./support/slack-stand-in.js";
import { TelegramStandIn } from "./support/telegram-stand-in.js";
import { type RequestTarget, TelegramTestUser } from "./support/telegram-test-user.js";

const url = process.env.TEST_DATABASE_URL;
const suite = url || process.env.CI ? describe : describe.skip;
const skipNote = url ? "" : " (skipped: set TEST_DATABASE_URL=postgres://… to run)";

const SECRET = "worker-webhook-secret-0123456789";
const ADMIN_TOKEN = "worker-admin-token-0123456789";
const DEFAULT_CHANNEL = "C0WORKER01";
const KOELN = { lat: 50.9375, lon: 6.9603 };

suite(`the bundled Worker in workerd (miniflare), PostgreSQL through Hyperdrive${skipNote}`, () => {
  let outdir: string;
  let bundle: WorkerBundle;
  let admin: Database;
  let db: Database;
  let schema: string;
  let telegramApi: TelegramStandIn;
  let slackApi: SlackStandIn;
  let mf: Miniflare;

  beforeAll(async () => {
    if (!url) throw new Error("TEST_DATABASE_URL is not set, but CI requires the Worker test");
    outdir = await mkdtemp(join(tmpdir(), "worker-bundle-"));
    bundle = await buildWorkerBundle(outdir);

    // Hyperdrive passes no connection options, so the fresh schema comes from a fresh role whose
    // default search_path is that schema.
    schema = randomSchema();
    admin = await openPostgres(url);
    await admin.query(`CREATE ROLE ${schema} LOGIN`);
    await admin.query(`CREATE SCHEMA ${schema} AUTHORIZATION ${schema}`);
    await admin.query(`ALTER ROLE ${schema} SET search_path = ${schema}`);
    db = await openPostgres(url, { schema });
    const hyperdrive = new URL(url);
    hyperdrive.username = schema;
    hyperdrive.password = "unused-with-trust-auth";
    // The Worker ships no sample catalogue (production imports a real one), so the test imports it,
    // as the schema's own role so the Worker may use the tables.
    const asRole = await openPostgres(hyperdrive.toString());
    try {
      await runMigrations(asRole);
      await seedSampleCatalogueIfEmpty(asRole, await readSampleCatalogue(), pino({ level: "silent" }));
    } finally {
      await asRole.close();
    }

    telegramApi = await TelegramStandIn.start();
    slackApi = await SlackStandIn.start();
    mf = new Miniflare({
      modules: true,
      scriptPath: bundle.path,
      modulesRoot: outdir,
      compatibilityDate: "2025-09-01",
      compatibilityFlags: ["nodejs_compat"],
      hyperdrives: { HYPERDRIVE: hyperdrive.toString() },
      bindings: {
        LOG_LEVEL: "warn",
        TELEGRAM_BOT_TOKEN: telegramApi.token,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        TELEGRAM_API_ROOT: telegramApi.apiRoot,
        PUBLIC_URL: "https://patenschaft.example.org",
        SLACK_BOT_TOKEN: slackApi.token,
        SLACK_SIGNING_SECRET: "worker-signing-secret",
        SLACK_API_URL: slackApi.apiUrl,
        SLACK_DEFAULT_CHANNEL: DEFAULT_CHANNEL,
        ADMIN_TOKEN,
      },
    });
    await mf.ready;
  }, 180_000);

  afterAll(async () => {
    await mf?.dispose();
    await telegramApi?.close();
    await slackApi?.close();
    await db?.close();
    if (admin && schema) {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.query(`DROP ROLE IF EXISTS ${schema}`);
      await admin.close();
    }
    if (outdir) await rm(outdir, { recursive: true, force: true });
  });

  const worker: RequestTarget = {
    request: (path, init) =>
      mf.dispatchFetch(`http://localhost${path}`, init as never) as unknown as Promise<Response>,
  };
  const user = (userId: number) =>
    new TelegramTestUser({
      app: worker,
      standIn: telegramApi,
      secret: SECRET,
      // Replies leave through the outbox after the response; give the drain time to start.
      idle: () => quiet(telegramApi, 1000),
      userId,
      languageCode: "de",
    });
  const familyJourney = async (u: TelegramTestUser) => {
    await u.say("/start");
    await u.choose("role:family");
    await u.choose("age:6-9");
    await u.choose("focus:reading");
    await u.shareLocation(KOELN.lat, KOELN.lon);
    await u.choose(/^proj:/);
    await u.choose(/^contact:/);
    await u.choose("consent:yes");
    await u.choose("way:chat");
    return u.choose("msg:skip");
  };
  const handoffPosts = () =>
    slackApi.messages.filter((m) => m.metadata?.event_type === "patenschaft_handoff");

  it("serves the health check and the search API from the bundle", async () => {
    const health = await worker.request("/healthz", {});
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, handoffs: "delivered" });
    const search = await worker.request("/api/projects/search?postcode=50667", {});
    expect(search.status).toBe(200);
    const body = (await search.json()) as { origin: { place: string }; results: unknown[] };
    expect(body.origin.place).toBe("Köln");
    expect(body.results.length).toBeGreaterThan(0);
  });

  it("answers a web chat turn", async () => {
    const res = await worker.request("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ event: { type: "command", command: "start" } }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { replies: unknown[]; language: string };
    expect(body.replies.length).toBeGreaterThan(0);
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i);
  });

  it("refuses a webhook call without the secret", async () => {
    const res = await worker.request("/telegram/webhook", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        update_id: 1,
        message: { message_id: 1, date: 0, chat: { id: 1, type: "private" } },
      }),
    });
    expect(res.status).toBe(401);
  });

  it("takes a Telegram family to a handoff that reaches Slack once (drained after the request)", async () => {
    const u = user(52_001);
    const last = await familyJourney(u);
    expect(last.some((c) => c.method === "sendMessage")).toBe(true);

    const rows = await db.query<{ id: string; state: string; channel: string }>(
      "SELECT id, state, channel FROM handoffs WHERE channel_user_id = $1",
      [String(u.chatId)],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: "open", channel: "telegram" });

    await slackApi.waitFor(() => handoffPosts().length >= 1, 15_000);
    const posts = handoffPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.metadata?.event_payload.handoff_id).toBe(rows[0]?.id);
    // The ts is recorded in the transaction that marks the row sent, just after Slack answered.
    const recordedTs = async () =>
      (
        await db.query<{ slack_ts: string | null }>("SELECT slack_ts FROM handoffs WHERE id = $1", [
          rows[0]?.id,
        ])
      )[0]?.slack_ts;
    const until = Date.now() + 10_000;
    while ((await recordedTs()) === null && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(await recordedTs()).toBe(posts[0]?.ts);
  }, 60_000);

  it("delivers through the cron trigger what failed after the request", async () => {
    slackApi.failNext(1, 500, "chat.postMessage");
    const u = user(52_002);
    await familyJourney(u);
    const [row] = await db.query<{ id: string }>("SELECT id FROM handoffs WHERE channel_user_id = $1", [
      String(u.chatId),
    ]);
    expect(row).toBeDefined();
    // The after-request drain met the 500 and rescheduled the row with a backoff.
    await new Promise((r) => setTimeout(r, 500));
    expect(handoffPosts().some((m) => m.metadata?.event_payload.handoff_id === row?.id)).toBe(false);

    const scheduled = (await mf.getWorker()) as unknown as {
      scheduled(opts: { cron: string; scheduledTime: Date }): Promise<unknown>;
    };
    const deadline = Date.now() + 30_000;
    while (!handoffPosts().some((m) => m.metadata?.event_payload.handoff_id === row?.id)) {
      if (Date.now() > deadline) throw new Error("the cron trigger did not deliver the handoff");
      await scheduled.scheduled({ cron: "* * * * *", scheduledTime: new Date() });
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(handoffPosts().filter((m) => m.metadata?.event_payload.handoff_id === row?.id)).toHaveLength(1);
    const pending = await db.query("SELECT id FROM outbox WHERE sent_at IS NULL");
    expect(pending).toEqual([]);
  }, 60_000);

  it("serves /metrics behind ADMIN_TOKEN with handoffs from the database", async () => {
    expect((await worker.request("/metrics", {})).status).toBe(401);
    const res = await worker.request("/metrics", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('patenschaft_handoffs{state="open"} 2');
    expect(text).toContain("patenschaft_outbox_backlog 0");
  });

  it("bundles no embedded database and stays within the 1 MiB gzipped budget", async () => {
    const code = await readFile(bundle.path, "utf8");
    expect(code).not.toMatch(/pglite/i);
    expect(bundle.gzipBytes).toBeLessThan(1024 * 1024);
  });
});
