import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleTurn } from "../adapters/conversation/handle-turn.js";
import type { Database, Queryable, Statement } from "../adapters/db/database.js";
import { runMigrations } from "../adapters/db/migrations.js";
import { openPostgres } from "../adapters/db/postgres-database.js";
import type { InboundEvent, Peer, StepDeps, StepResult } from "../bot/types.js";
import { randomSchema } from "./support/databases.js";
import { NodeInstance } from "./support/node-instance.js";
import { quiet } from "./support/quiet.js";
import { SlackStandIn } from "./support/slack-stand-in.js";
import { TelegramStandIn } from "./support/telegram-stand-in.js";
import { type RequestTarget, TelegramTestUser } from "./support/telegram-test-user.js";

const url = process.env.TEST_DATABASE_URL;
const suite = url ? describe : process.env.CI ? describe : describe.skip;
const skipNote = url ? "" : " (skipped: set TEST_DATABASE_URL=postgres://… to run)";

const SECRET = "many-instances-secret-0123456789";
const ADMIN_TOKEN = "many-instances-admin-token-0123";
const DEFAULT_CHANNEL = "C0DEFAULT1";
const KOELN = { lat: 50.9375, lon: 6.9603 };

function requireUrl(): string {
  if (!url) throw new Error("TEST_DATABASE_URL is not set, but CI requires the many-instances test");
  return url;
}

/** The connection string of `base` with the session's search_path set to `schema`. */
function withSchema(base: string, schema: string): string {
  const u = new URL(base);
  u.searchParams.set("search_path", schema);
  return u.toString();
}

function metric(text: string, line: string): number {
  const found = text.split("\n").find((l) => l.startsWith(`${line} `));
  return found ? Number(found.slice(line.length + 1)) : 0;
}

suite(`two Node instances on one PostgreSQL schema${skipNote}`, () => {
  let telegramApi: TelegramStandIn;
  let slackApi: SlackStandIn;
  let db: Database;
  let schema: string;
  const instances: NodeInstance[] = [];

  beforeAll(async () => {
    const base = requireUrl();
    schema = randomSchema();
    db = await openPostgres(base, { schema }); // creates the schema the instances will use
    telegramApi = await TelegramStandIn.start();
    slackApi = await SlackStandIn.start();
    const env = {
      LOG_LEVEL: "info",
      DATABASE_URL: withSchema(base, schema),
      TELEGRAM_BOT_TOKEN: telegramApi.token,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: telegramApi.apiRoot,
      PUBLIC_URL: "https://patenschaft.example.org",
      SLACK_BOT_TOKEN: slackApi.token,
      SLACK_SIGNING_SECRET: "many-instances-signing-secret",
      SLACK_API_URL: slackApi.apiUrl,
      SLACK_DEFAULT_CHANNEL: DEFAULT_CHANNEL,
      ADMIN_TOKEN,
    };
    // Started together: migrations and the sample catalogue seed race on purpose.
    instances.push(...(await Promise.all([NodeInstance.start(env), NodeInstance.start(env)])));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    if (db) {
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }
    await telegramApi?.close();
    await slackApi?.close();
  });

  /** Posts every webhook call to both instances at once, as a load balancer retrying would. */
  const bothInstances: RequestTarget = {
    async request(path, init) {
      const responses = await Promise.all(instances.map((i) => i.fetch(path, init)));
      for (const r of responses) if (r.status !== 200) throw new Error(`an instance answered ${r.status}`);
      const [first] = responses;
      if (!first) throw new Error("no instance");
      return first;
    },
  };

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
    await u.choose("msg:skip");
  };

  it("answers every update once and files one handoff per contact request, posted to Slack once", async () => {
    const users = [41_001, 41_002, 41_003].map(
      (userId) =>
        new TelegramTestUser({
          app: bothInstances,
          standIn: telegramApi,
          secret: SECRET,
          idle: () => quiet(telegramApi, 400),
          userId,
          languageCode: "de",
        }),
    );
    await Promise.all(users.map(familyJourney));
    const updatesPerUser = 10;
    const updates = users.length * updatesPerUser;

    // One handoff per user, all open.
    const handoffs = await db.query<{ id: string; channel_user_id: string; state: string }>(
      "SELECT id, channel_user_id, state FROM handoffs ORDER BY channel_user_id",
    );
    expect(handoffs.map((h) => h.channel_user_id)).toEqual(users.map((u) => String(u.chatId)));

    // Each update was handled by exactly one instance; the other saw a duplicate.
    const scraped = await Promise.all(
      instances.map(async (i) => {
        const res = await i.fetch("/metrics", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
        expect(res.status).toBe(200);
        return res.text();
      }),
    );
    const sum = (line: string) => scraped.reduce((n, text) => n + metric(text, line), 0);
    expect(sum('patenschaft_updates_total{channel="telegram",outcome="handled"}')).toBe(updates);
    expect(sum('patenschaft_updates_total{channel="telegram",outcome="duplicate"}')).toBe(updates);
    // Both instances did some of the work (the race is real, not one instance doing everything).
    for (const text of scraped) {
      expect(metric(text, 'patenschaft_updates_total{channel="telegram",outcome="handled"}')).toBeGreaterThan(
        0,
      );
    }
    // Handoffs by state come from the database, so every instance reports the same numbers.
    for (const text of scraped) expect(metric(text, 'patenschaft_handoffs{state="open"}')).toBe(users.length);

    // Every button press was answered exactly once, and no reply was sent twice.
    const answered = telegramApi.callsOf("answerCallbackQuery").map((c) => String(c.body.callback_query_id));
    expect(answered).toHaveLength(users.length * 8);
    expect(new Set(answered).size).toBe(answered.length);
    for (const u of users) {
      const sent = telegramApi.sentMessages().filter((c) => Number(c.body.chat_id) === u.chatId);
      const greetings = sent.filter((c) =>
        (c.body.reply_markup as { inline_keyboard?: { callback_data?: string }[][] })?.inline_keyboard
          ?.flat()
          .some((b) => b.callback_data === "role:family"),
      );
      expect(greetings).toHaveLength(1);
    }

    // Both dispatchers drain the one outbox: each handoff reaches Slack exactly once.
    await slackApi.waitFor(
      () =>
        slackApi.messages.filter((m) => m.metadata?.event_type === "patenschaft_handoff").length >=
        users.length,
      20_000,
    );
    await new Promise((r) => setTimeout(r, 4000)); // past both dispatchers' next poll
    const posted = slackApi.messages.filter((m) => m.metadata?.event_type === "patenschaft_handoff");
    const postedIds = posted.map((m) => String(m.metadata?.event_payload.handoff_id)).sort();
    expect(postedIds).toEqual(handoffs.map((h) => h.id).sort());
    const pending = await db.query("SELECT id FROM outbox WHERE sent_at IS NULL");
    expect(pending).toEqual([]);
    const recorded = await db.query<{ slack_ts: string | null }>("SELECT slack_ts FROM handoffs");
    expect(recorded.every((r) => r.slack_ts !== null)).toBe(true);

    // Logs are JSON and carry no message text, names or the connection string.
    for (const i of instances) {
      expect(i.logs).not.toContain("postgres://");
      expect(i.logs).not.toContain(telegramApi.token);
      expect(i.logs).not.toContain("/start");
    }
  }, 120_000);
});

interface CounterSession {
  n: number;
}

/** A bot double whose session counts turns: a lost update shows as a count below the turns sent. */
function countingStep(session: CounterSession | null, _peer: Peer, _event: InboundEvent, _deps: StepDeps) {
  const result: StepResult<CounterSession> = {
    session: { n: (session?.n ?? 0) + 1 },
    replies: [],
    effects: [],
    language: "de",
    dir: "ltr",
  };
  return result;
}

/** The same database with the per-user locks taken out, to show the test would catch their absence. */
function withoutLocks(db: Database): Database {
  const isLock = (s: Statement) => s.text.includes("pg_advisory_xact_lock");
  const unlocked = (s: Statement) => ({ ...s, text: s.text.replace(/\s+FOR UPDATE\b/, "") });
  const strip = <Q extends Queryable>(q: Q): Q => ({
    ...q,
    query: (text: string, params?: unknown[]) =>
      isLock({ text }) ? Promise.resolve([]) : q.query(unlocked({ text }).text, params),
    batch: async (statements: readonly Statement[]) => {
      const results = await q.batch(statements.filter((s) => !isLock(s)).map(unlocked));
      return statements.map((s) => (isLock(s) ? [] : (results.shift() ?? [])));
    },
  });
  return { ...strip(db), transaction: (fn) => db.transaction((tx) => fn(strip(tx))) };
}

suite(`PostgreSQL serialises one user's turns across pools${skipNote}`, () => {
  let a: Database;
  let b: Database;
  let schema: string;

  beforeAll(async () => {
    const base = requireUrl();
    schema = randomSchema();
    a = await openPostgres(base, { schema, max: 5 });
    await runMigrations(a);
    b = await openPostgres(base, { schema, max: 5 });
  });
  afterAll(async () => {
    await b?.close();
    if (a) {
      await a.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await a.close();
    }
  });

  const runConcurrentTurns = async (pools: Database[], user: string, turns: number) => {
    const peer: Peer = { channel: "telegram", channelUserId: user };
    const event: InboundEvent = { type: "text", text: "hallo" };
    await Promise.all(
      Array.from({ length: turns }, (_, i) => {
        const pool = pools[i % pools.length];
        if (!pool) throw new Error("no pool");
        return handleTurn<CounterSession>(
          {
            db: pool,
            step: countingStep,
            stepDeps: {
              gazetteer: {} as never,
              catalogue: {} as never,
              now: () => new Date(),
              newId: () => "x",
            },
            sessionTtlMs: 60_000,
          },
          peer,
          event,
          { updateKey: `${user}:${i}` },
        );
      }),
    );
    const rows = await a.query<{ data: CounterSession }>(
      "SELECT data FROM sessions WHERE channel = 'telegram' AND channel_user_id = $1",
      [user],
    );
    return rows[0]?.data.n ?? 0;
  };

  it("loses no turn when 40 turns of one new user arrive at two instances at once", async () => {
    expect(await runConcurrentTurns([a, b], "serial-user", 40)).toBe(40);
  });

  it("(control) would lose turns without the advisory lock and FOR UPDATE", async () => {
    const n = await runConcurrentTurns([withoutLocks(a), withoutLocks(b)], "unlocked-user", 40);
    expect(n).toBeLessThan(40);
  });
});
