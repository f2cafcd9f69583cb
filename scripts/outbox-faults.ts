/**
 * The heavy version of test/outbox-faults.test.ts (issue 12): real timings, the stand-ins failing
 * the way Slack does, and a count of every post. Scenarios:
 *
 *   drain          N handoffs (default 1,000) under 30 % mixed post failures (500, 503 after the post
 *                  took effect, 429 Retry-After: 1, a hang past the client's 10 s timeout); prints
 *                  the drain time
 *   rate-limit     Slack answers only 429 for 150 s with 10 handoffs queued; none may be given up
 *   outage         Slack down (posts fail, some after taking effect) for 600 s while 1,200 requests
 *                  queue up and people keep writing in the channels; nothing may be posted twice
 *   two-instances  two app instances, Slack taking 8 s a post, 60 handoffs; nothing posted twice
 *
 *   npm run outbox:faults -- drain [--count=1000] [--db=pglite|postgres] [--concurrency=8] [--timeout=5000]
 *   npm run outbox:faults -- outage [--seconds=600] [--count=1200]
 *
 * --concurrency is OUTBOX_SLOTS_PER_CHANNEL and --timeout SLACK_TIMEOUT_MS (ms); without them the
 * app's defaults apply. The report line (JSON) says delivered, missing, twice, givenUp, wallSeconds.
 *
 * --db=postgres uses TEST_DATABASE_URL (a throwaway schema). Exit code 1 if a promise was broken.
 */
import type { Database } from "../adapters/db/database.js";
import { runMigrations } from "../adapters/db/migrations.js";
import { openPostgres } from "../adapters/db/postgres-database.js";
import type { NewHandoff } from "../core/handoff.js";
import { mulberry32 } from "../data/scripts/sample-catalogue/prng.js";
import { randomSchema } from "../test/support/databases.js";
import { startOutboxWorld } from "../test/support/outbox-world.js";
import { createHandoff, PROJECTS, postsOf } from "../test/support/slack-handoff-fixtures.js";
import type { SlackStandIn } from "../test/support/slack-stand-in.js";

const args = new Map(
  process.argv.slice(3).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k ?? "", v ?? "true"] as const;
  }),
);
const scenario = process.argv[2] ?? "drain";
const num = (key: string, fallback: number) => Number(args.get(key) ?? fallback);

async function openDb(): Promise<{ db?: Database; drop: () => Promise<void> }> {
  if (args.get("db") !== "postgres") return { drop: async () => undefined };
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("--db=postgres needs TEST_DATABASE_URL");
  const schema = randomSchema();
  const db = await openPostgres(url, { schema });
  await runMigrations(db);
  return {
    db,
    drop: async () => {
      // The app closed its own connection; a fresh one removes the throwaway schema.
      const admin = await openPostgres(url);
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    },
  };
}

const ROUTES = [PROJECTS.withChannel, PROJECTS.nwWithout, PROJECTS.byWithout];

async function queueHandoffs(db: Database, n: number): Promise<NewHandoff[]> {
  const out: NewHandoff[] = [];
  for (let i = 0; i < n; i++) out.push(await createHandoff(db, { projectId: ROUTES[i % ROUTES.length] }));
  return out;
}

/** Every handoff posted exactly once; prints and returns what broke. */
function exactlyOnce(
  slack: SlackStandIn,
  handoffs: NewHandoff[],
): { delivered: number; missing: number; twice: number } {
  let delivered = 0;
  let missing = 0;
  let twice = 0;
  for (const h of handoffs) {
    const n = postsOf(slack, h.id).length;
    if (n > 0) delivered += 1;
    if (n === 0) missing += 1;
    if (n > 1) twice += 1;
  }
  return { delivered, missing, twice };
}

async function waitDrained(pending: () => Promise<number>, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  let shown = Date.now();
  for (let left = await pending(); left > 0; left = await pending()) {
    if (Date.now() > deadline) throw new Error("outbox not drained in time");
    if (Date.now() - shown > 10_000) {
      shown = Date.now();
      console.error(`… ${left} rows pending`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const { db, drop } = await openDb();
  // Slots per channel and the Slack call timeout: the app's defaults (config), unless given.
  const env: Record<string, string> = {};
  if (args.has("concurrency")) env.OUTBOX_SLOTS_PER_CHANNEL = String(args.get("concurrency"));
  if (args.has("timeout")) env.SLACK_TIMEOUT_MS = String(args.get("timeout"));
  const w = await startOutboxWorld({ ...(db ? { db } : {}), settings: { pollMs: 1000 }, env });
  const concurrency = w.config.OUTBOX_SLOTS_PER_CHANNEL;
  const timeoutMs = w.config.SLACK_TIMEOUT_MS;
  const outbox = w.services.outbox;
  let broken = false;
  const began = Date.now();
  const givenUp = async (): Promise<number> => {
    const [row] = await w.services.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE failed_at IS NOT NULL",
    );
    return Number(row?.n ?? 0);
  };
  // Every scenario: nothing given up, nothing missing, nothing posted twice.
  const report = async (fields: Record<string, unknown> & { missing: number; twice: number }) => {
    const wallSeconds = Number(((Date.now() - began) / 1000).toFixed(1));
    const gaveUp = await givenUp();
    broken = fields.missing + fields.twice + gaveUp > 0;
    console.log(
      JSON.stringify({
        scenario,
        db: w.services.db.kind,
        concurrency,
        timeoutMs,
        wallSeconds,
        givenUp: gaveUp,
        ...fields,
      }),
    );
  };
  try {
    if (scenario === "drain") {
      const count = num("count", 1000);
      const handoffs = await queueHandoffs(w.services.db, count);
      console.error(`${count} handoffs queued; draining`);
      w.slackApi.chaos = { rate: num("rate", 0.3), random: mulberry32(12), hangMs: 11_000 };
      const started = Date.now();
      outbox.start();
      await waitDrained(() => w.pending(), 30 * 60_000);
      const drainS = (Date.now() - started) / 1000;
      const posts = w.slackApi.calls.filter((c) => c.method === "chat.postMessage");
      await report({
        handoffs: count,
        drainSeconds: Number(drainS.toFixed(1)),
        postCalls: posts.length,
        failedCalls: {
          http500: posts.filter((c) => c.status === 500).length,
          http503AfterEffect: posts.filter((c) => c.status === 503).length,
          http429: posts.filter((c) => c.status === 429).length,
          hang: posts.filter((c) => c.status === 0).length,
        },
        historyLookups: w.slackApi.callsOf("conversations.history").length,
        ...exactlyOnce(w.slackApi, handoffs),
      });
    } else if (scenario === "rate-limit") {
      const seconds = num("seconds", 150);
      const handoffs = await queueHandoffs(w.services.db, num("count", 10));
      w.slackApi.rateLimitedUntil = Date.now() + seconds * 1000;
      outbox.start();
      await waitDrained(() => w.pending(), (seconds + 120) * 1000);
      await report({
        seconds,
        answered429: w.slackApi.calls.filter((c) => c.status === 429).length,
        ...exactlyOnce(w.slackApi, handoffs),
      });
    } else if (scenario === "outage") {
      const seconds = num("seconds", 600);
      const count = num("count", 1200);
      const handoffs: NewHandoff[] = [];
      const started = Date.now();
      // Down: every post fails, one in three after it took effect; people keep writing meanwhile.
      w.slackApi.chaos = { rate: 1, random: mulberry32(7), hangMs: 11_000 };
      outbox.start();
      const noise = setInterval(() => {
        for (const c of ["C0SAMPLE01", "C0STATENW", "C0DEFAULT"]) w.slackApi.addNoise(c, 2);
      }, 1000);
      const perMs = (seconds * 1000) / count;
      for (let i = 0; i < count; i++) {
        handoffs.push(await createHandoff(w.services.db, { projectId: ROUTES[i % ROUTES.length] }));
        outbox.wake();
        const due = started + (i + 1) * perMs;
        if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      }
      w.slackApi.chaos = undefined;
      clearInterval(noise);
      // Posts made during the outage now sit under many newer messages.
      const extra = await queueHandoffs(w.services.db, 100);
      await waitDrained(() => w.pending(), 30 * 60_000);
      await report({
        seconds,
        queued: handoffs.length + extra.length,
        channelMessages: w.slackApi.messages.length,
        historyLookups: w.slackApi.callsOf("conversations.history").length,
        totalSeconds: Number(((Date.now() - started) / 1000).toFixed(1)),
        ...exactlyOnce(w.slackApi, [...handoffs, ...extra]),
      });
    } else if (scenario === "two-instances") {
      const second = await w.secondInstance({ pollMs: 1000, leaseMs: num("lease", 5000) });
      const handoffs = await queueHandoffs(w.services.db, num("count", 60));
      w.slackApi.postDelayMs = num("postMs", 8000);
      const started = Date.now();
      outbox.start();
      second.outbox.start();
      await waitDrained(() => w.pending(), 30 * 60_000);
      await Promise.all([outbox.idle(), second.outbox.idle()]);
      // A post that timed out on our side may still land at Slack: count only after it would have.
      await new Promise((r) => setTimeout(r, w.slackApi.postDelayMs + 1000));
      await report({
        drainSeconds: Number(((Date.now() - started) / 1000).toFixed(1)),
        ...exactlyOnce(w.slackApi, handoffs),
      });
    } else {
      throw new Error(`unknown scenario ${scenario}`);
    }
  } finally {
    w.slackApi.chaos = undefined;
    w.slackApi.postDelayMs = 0;
    await w.close();
    await drop();
  }
  if (broken) process.exitCode = 1;
}

main().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
