/**
 * Requests per second and latency of the app against baselines measured in the same run, each
 * server in its own process on 127.0.0.1: a web chat turn against a trivial Hono endpoint, a
 * Telegram webhook update against a bare grammY echo bot (both replying to a local Bot API
 * stand-in), and Slack acknowledgements alone and while 50 web journeys run, on PGlite and, with
 * BENCH_DATABASE_URL or TEST_DATABASE_URL, on PostgreSQL. Beside them, the floors: the same trivial
 * endpoint and echo bot committing one small row per request in one transaction (PGlite through
 * the app's worker database, PostgreSQL through the `postgres` package), i.e. what durability
 * costs by itself. Bounded: fixed durations per phase.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { slackSignature } from "../adapters/slack/signature.js";
import { SlackStandIn } from "../test/support/slack-stand-in.js";
import { STAND_IN_BOT, TelegramStandIn } from "../test/support/telegram-stand-in.js";
import {
  type AppProcess,
  median,
  npmStartCommand,
  percentile,
  printTable,
  ROOT,
  startApp,
  threadCpuMs,
} from "./support/app-process.js";
import { type LoadResult, MANY_VISITORS_ENV, runLoad, webTurn } from "./support/load.js";

const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 8_000);
const DB_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const SECRET = "bench-secret-0123456789";
const SIGNING_SECRET = "bench-signing-secret-0123456789abcdef";
const FIRST_TEXT = "Hallo, wir suchen Hilfe beim Lesen für unsere Tochter (8) in 50667 Köln";
const APP = npmStartCommand();
/** The floor baselines import the app's database adapter, so they run under tsx. */
const TSX = (file: string) => [process.execPath, "--import", "tsx", file];

/** The database variants of one comparison: PGlite in a fresh data directory, and PostgreSQL if given. */
function databases(dataDir: string, tag: string): [string, Record<string, string>][] {
  const out: [string, Record<string, string>][] = [["PGlite", { DATA_DIR: join(dataDir, tag) }]];
  if (DB_URL) out.push(["PostgreSQL", { DATABASE_URL: DB_URL }]);
  return out;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
const rate = (r: LoadResult) => `${r.perSecond.toFixed(0)}/s`;

type Measured = LoadResult & { cpu: string };

/** A load run with the server's CPU time per successful request (main thread / other threads, /proc). */
async function measured(server: AppProcess, load: () => Promise<LoadResult>): Promise<Measured> {
  const before = threadCpuMs(server.pid);
  const r = await load();
  const after = threadCpuMs(server.pid);
  const per = (ms: number) => (ms / Math.max(1, r.count - r.errors)).toFixed(2);
  return { ...r, cpu: `${per(after.main - before.main)} / ${per(after.others - before.others)} ms` };
}

/** A first free-text turn of a new visitor (no cookie), as most web chats begin. */
const firstTurn = (app: AppProcess) => async () =>
  (await webTurn(app.baseUrl, { type: "text", text: FIRST_TEXT })).ok;

let updateId = 1;
/** A Telegram text message update from a new chat each time (no per-chat limits in play). */
async function postUpdate(baseUrl: string, text: string): Promise<boolean> {
  const id = updateId++;
  const chat = { id: 1_000_000 + id, type: "private", first_name: "B" };
  const update = {
    update_id: id,
    message: {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: { ...chat, is_bot: false, language_code: "de" },
      text,
    },
  };
  const res = await fetch(`${baseUrl}/telegram/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
    body: JSON.stringify(update),
  });
  await res.arrayBuffer();
  return res.ok;
}

let slackSeq = 0;
/** One signed Slack DM event on a new connection (as Slack connects); resolves to its latency. */
async function slackAck(baseUrl: string): Promise<number> {
  slackSeq += 1;
  const ts = `${Math.floor(Date.now() / 1000)}.${String(slackSeq).padStart(6, "0")}`;
  const body = JSON.stringify({
    token: "t",
    team_id: "T0TEAM001",
    api_app_id: "A0APP0001",
    type: "event_callback",
    event_id: `Ev0BENCH${slackSeq}${Date.now()}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: "message",
      channel: `D0BENCH${slackSeq % 50}`,
      user: `U0BENCH${slackSeq}`,
      text: "hallo",
      ts,
      event_ts: ts,
      channel_type: "im",
    },
  });
  const stamp = String(Math.floor(Date.now() / 1000));
  const signature = await slackSignature(SIGNING_SECRET, stamp, body);
  const url = new URL(`${baseUrl}/slack/events`);
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/json",
          "x-slack-request-timestamp": stamp,
          "x-slack-signature": signature,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(String(res.statusCode)))));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
  return performance.now() - started;
}

/** Sends Slack acks at a steady pace (open loop) for `durationMs`; returns every latency. */
async function slackAcks(baseUrl: string, durationMs: number, everyMs = 50): Promise<number[]> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const end = performance.now() + durationMs;
  while (performance.now() < end) {
    pending.push(
      slackAck(baseUrl).then(
        (l) => void latencies.push(l),
        () => void latencies.push(Number.POSITIVE_INFINITY),
      ),
    );
    await new Promise((r) => setTimeout(r, everyMs));
  }
  await Promise.all(pending);
  return latencies;
}

async function webVsTrivial(): Promise<void> {
  const trivial = await startApp({ command: [process.execPath, "bench/fixtures/trivial-hono.mjs"] });
  const warmupHono = () => runLoad({ concurrency: 10, durationMs: 1_000, request: firstTurn(trivial) });
  await warmupHono();
  const base = await measured(trivial, () =>
    runLoad({ concurrency: 10, durationMs: PHASE_MS, request: firstTurn(trivial) }),
  );
  await trivial.stop();
  const dataDir = mkdtempSync(join(tmpdir(), "pf-bench-"));
  const row = (name: string, r: Measured, floor?: LoadResult) => [
    name,
    rate(r),
    ms(median(r.latenciesMs)),
    ms(percentile(r.latenciesMs, 99)),
    (r.perSecond / base.perSecond).toFixed(2),
    floor ? (r.perSecond / floor.perSecond).toFixed(2) : "–",
    r.cpu,
  ];
  const rows: (string | number)[][] = [row("trivial Hono endpoint (baseline)", base)];
  const floors = new Map<string, LoadResult>();
  try {
    for (const [db, env] of databases(dataDir, "floor")) {
      const floor = await startApp({ command: TSX("bench/fixtures/durable-hono.ts"), env });
      await runLoad({ concurrency: 10, durationMs: 1_000, request: firstTurn(floor) });
      const r = await measured(floor, () =>
        runLoad({ concurrency: 10, durationMs: PHASE_MS, request: firstTurn(floor) }),
      );
      await floor.stop();
      floors.set(db, r);
      rows.push(row(`trivial Hono + one-row transaction, ${db} (floor)`, r));
    }
    for (const [db, env] of databases(dataDir, "db")) {
      const app = await startApp({ command: APP, env: { LOG_LEVEL: "warn", ...MANY_VISITORS_ENV, ...env } });
      await runLoad({ concurrency: 10, durationMs: 1_000, request: firstTurn(app) });
      const r = await measured(app, () =>
        runLoad({ concurrency: 10, durationMs: PHASE_MS, request: firstTurn(app) }),
      );
      await app.stop();
      rows.push(row(`app, ${db}: first web chat turn`, r, floors.get(db)));
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log("\nweb chat turn vs trivial Hono endpoint, concurrency 10 (target ratio ≥ 0.25)");
  printTable(
    ["server", "requests", "p50", "p99", "ratio", "of floor", "CPU/request main / other threads"],
    rows,
  );
}

async function telegramVsEcho(): Promise<void> {
  const standIn = await TelegramStandIn.start();
  const tg = {
    TELEGRAM_BOT_TOKEN: standIn.token,
    TELEGRAM_API_ROOT: standIn.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
  };
  const dataDir = mkdtempSync(join(tmpdir(), "pf-bench-"));
  const rows: (string | number)[][] = [];
  try {
    const echo = await startApp({
      command: [process.execPath, "bench/fixtures/echo-bot.mjs"],
      env: { ...tg, BOT_INFO: JSON.stringify(STAND_IN_BOT) },
    });
    await runLoad({ concurrency: 10, durationMs: 1_000, request: () => postUpdate(echo.baseUrl, "hallo") });
    const base = await measured(echo, () =>
      runLoad({ concurrency: 10, durationMs: PHASE_MS, request: () => postUpdate(echo.baseUrl, "hallo") }),
    );
    await echo.stop();
    rows.push([
      "bare grammY echo bot (baseline)",
      rate(base),
      ms(median(base.latenciesMs)),
      ms(percentile(base.latenciesMs, 99)),
      "1.00",
      "–",
      "1",
      base.cpu,
    ]);
    const floors = new Map<string, LoadResult>();
    for (const [db, env] of databases(dataDir, "floor")) {
      const floor = await startApp({
        command: TSX("bench/fixtures/durable-echo-bot.ts"),
        env: { ...tg, BOT_INFO: JSON.stringify(STAND_IN_BOT), ...env },
      });
      await runLoad({
        concurrency: 10,
        durationMs: 1_000,
        request: () => postUpdate(floor.baseUrl, "hallo"),
      });
      const r = await measured(floor, () =>
        runLoad({ concurrency: 10, durationMs: PHASE_MS, request: () => postUpdate(floor.baseUrl, "hallo") }),
      );
      await floor.stop();
      floors.set(db, r);
      rows.push([
        `grammY echo bot + one-row transaction, ${db} (floor)`,
        rate(r),
        ms(median(r.latenciesMs)),
        ms(percentile(r.latenciesMs, 99)),
        (r.perSecond / base.perSecond).toFixed(2),
        "–",
        "1",
        r.cpu,
      ]);
    }
    for (const [db, env] of databases(dataDir, "db")) {
      const name = `app, ${db}`;
      const app = await startApp({
        command: APP,
        env: { LOG_LEVEL: "warn", PUBLIC_URL: "https://bench.invalid", ...tg, ...env },
      });
      await runLoad({
        concurrency: 10,
        durationMs: 1_000,
        request: () => postUpdate(app.baseUrl, FIRST_TEXT),
      });
      const before = standIn.calls.length;
      const firstUpdate = updateId;
      const r = await measured(app, () =>
        runLoad({
          concurrency: 10,
          durationMs: PHASE_MS,
          request: () => postUpdate(app.baseUrl, FIRST_TEXT),
        }),
      );
      // Replies leave through the outbox at Telegram's pace (30 messages a second in all), so the
      // messages per turn are counted per chat once the queue is quiet (bounded wait).
      const sends = () =>
        standIn.calls
          .slice(before)
          .filter(
            (c) =>
              c.method.startsWith("send") && Number((c.body.chat_id as number) - 1_000_000) >= firstUpdate,
          );
      for (let last = -1, waited = 0; waited < 60_000; waited += 1_000) {
        const now = sends().length;
        if (now === last) break;
        last = now;
        await new Promise((res) => setTimeout(res, 1_000));
      }
      const perChat = new Map<unknown, number>();
      for (const c of sends()) perChat.set(c.body.chat_id, (perChat.get(c.body.chat_id) ?? 0) + 1);
      await app.stop();
      const counts = [...perChat.values()];
      const perTurn =
        counts.length > 0
          ? `${(counts.reduce((a, b) => a + b, 0) / counts.length).toFixed(2)} (max ${Math.max(...counts)}, ${counts.length} chats)`
          : "–";
      rows.push([
        `${name}: first free-text update`,
        rate(r),
        ms(median(r.latenciesMs)),
        ms(percentile(r.latenciesMs, 99)),
        (r.perSecond / base.perSecond).toFixed(2),
        (r.perSecond / (floors.get(db)?.perSecond ?? Number.NaN)).toFixed(2),
        perTurn,
        r.cpu,
      ]);
    }
  } finally {
    await standIn.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    "\nTelegram webhook vs bare grammY echo bot, concurrency 10 (target ratio ≥ 0.5, ≤ 2 messages per turn)",
  );
  printTable(
    [
      "server",
      "acknowledged updates",
      "p50",
      "p99",
      "ratio",
      "of floor",
      "messages sent per turn",
      "CPU/update main / other threads",
    ],
    rows,
  );
}

async function slackUnderWebLoad(): Promise<void> {
  const slack = await SlackStandIn.start();
  const env = {
    ...MANY_VISITORS_ENV,
    SLACK_BOT_TOKEN: slack.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: "warn",
  };
  const dataDir = mkdtempSync(join(tmpdir(), "pf-bench-"));
  const rows: (string | number)[][] = [];
  try {
    const variants: [string, Record<string, string>][] = [["PGlite", { DATA_DIR: join(dataDir, "db") }]];
    if (DB_URL) variants.push(["PostgreSQL", { DATABASE_URL: DB_URL }]);
    for (const [name, dbEnv] of variants) {
      const app = await startApp({ command: APP, env: { ...env, ...dbEnv } });
      await slackAcks(app.baseUrl, 1_000);
      const alone = await slackAcks(app.baseUrl, PHASE_MS);
      const web = runLoad({ concurrency: 50, durationMs: PHASE_MS + 1_000, request: firstTurn(app) });
      await new Promise((r) => setTimeout(r, 500));
      const loaded = await slackAcks(app.baseUrl, PHASE_MS);
      const webResult = await web;
      await app.stop();
      const over3s = (xs: number[]) => xs.filter((x) => x > 3_000).length;
      rows.push([
        `${name}, Slack alone (baseline)`,
        alone.length,
        ms(median(alone)),
        ms(percentile(alone, 99)),
        over3s(alone),
        "–",
      ]);
      rows.push([
        `${name}, with 50 web journeys`,
        loaded.length,
        ms(median(loaded)),
        ms(percentile(loaded, 99)),
        over3s(loaded),
        rate(webResult),
      ]);
    }
  } finally {
    await slack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    "\nSlack acknowledgements (new connection each, 20/s) alone and under 50 concurrent web journeys (target p99 < 300 ms, 0 over 3 s)",
  );
  printTable(["database, load", "acks", "p50", "p99", "over 3 s", "web turns"], rows);
}

export async function run(): Promise<void> {
  const { execFileSync } = await import("node:child_process");
  execFileSync(process.execPath, ["bin/build-node.mjs"], { cwd: ROOT, stdio: "inherit" });
  console.log("(2 shared cores, other work running: compare ratios and medians within this run)");
  // BENCH_HTTP_PARTS=web,telegram runs only those comparisons (default: all three).
  const parts = (process.env.BENCH_HTTP_PARTS ?? "web,telegram,slack").split(",");
  if (parts.includes("web")) await webVsTrivial();
  if (parts.includes("telegram")) await telegramVsEcho();
  if (parts.includes("slack")) await slackUnderWebLoad();
}
