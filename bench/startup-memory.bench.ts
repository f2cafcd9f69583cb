/**
 * Start-up time and resident memory of the app as `npm start` runs it (node on dist/), beside a
 * trivial Hono app and a bare grammY echo bot measured in the same run. Every server is its own
 * process on 127.0.0.1; RSS is the process tree's (launchers included). Bounded: 3 warm starts
 * per variant, at most BENCH_VISITORS (10,000) visitors or 120 s.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { STAND_IN_BOT } from "../test/support/telegram-stand-in.js";
import {
  type AppProcess,
  median,
  npmStartCommand,
  printTable,
  ROOT,
  startApp,
} from "./support/app-process.js";
import { MANY_VISITORS_ENV, runLoad, webTurn } from "./support/load.js";

const WARM_STARTS = 3;
const VISITORS = Number(process.env.BENCH_VISITORS ?? 10_000);
const IDLE_MS = 3_000;
/**
 * After a burst V8 keeps the heap it grew to until its memory reducer runs, after several seconds
 * of low allocation; RSS 3 s after the visitors therefore measures heap sizing, not what stays.
 * Both are printed; growth is read off the settled figure.
 */
const SETTLE_MS = 30_000;
const DB_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

interface Row {
  name: string;
  firstMs?: number;
  firstPeakMb?: number;
  warmMs: number;
  idleMb: number;
  /** RSS after SETTLE_MS of idle, once V8's memory reducer has run in every isolate. */
  settledIdleMb: number;
  visitors?: { count: number; mb: number; settledMb: number };
}

const fmtMs = (ms: number | undefined) => (ms === undefined ? "–" : `${Math.round(ms)} ms`);
const fmtMb = (mb: number | undefined) => (mb === undefined ? "–" : `${Math.round(mb)} MB`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function warm(
  command: string[],
  env: Record<string, string>,
): Promise<{ ms: number; app: AppProcess }> {
  const times: number[] = [];
  for (let i = 0; i < WARM_STARTS - 1; i++) {
    const app = await startApp({ command, env });
    times.push(app.readyMs);
    await app.stop();
  }
  const app = await startApp({ command, env });
  times.push(app.readyMs);
  return { ms: median(times), app };
}

async function visitors(app: AppProcess): Promise<{ count: number; mb: number; settledMb: number }> {
  const load = await runLoad({
    concurrency: 10,
    total: VISITORS,
    durationMs: 120_000,
    // A first real turn: a greeting alone stores nothing, a question stores the visitor's session.
    request: async () => (await webTurn(app.baseUrl, { type: "text", text: "Hilfe beim Lesen in 50667" })).ok,
  });
  await sleep(IDLE_MS);
  const mb = app.rssMb();
  await sleep(SETTLE_MS - IDLE_MS);
  return { count: load.count - load.errors, mb, settledMb: app.rssMb() };
}

async function appRow(name: string, env: Record<string, string>, first: boolean): Promise<Row> {
  const command = npmStartCommand();
  const row: Row = { name, warmMs: 0, idleMb: 0, settledIdleMb: 0 };
  if (first) {
    const app = await startApp({ command, env, settleMs: 5_000 });
    row.firstMs = app.readyMs;
    row.firstPeakMb = app.peakMb;
    await app.stop();
  }
  const { ms, app } = await warm(command, { ...MANY_VISITORS_ENV, ...env });
  row.warmMs = ms;
  await sleep(IDLE_MS);
  row.idleMb = app.rssMb();
  await sleep(SETTLE_MS - IDLE_MS);
  row.settledIdleMb = app.rssMb();
  row.visitors = await visitors(app);
  await app.stop();
  return row;
}

async function baselineRow(name: string, command: string[], env: Record<string, string> = {}): Promise<Row> {
  const { ms, app } = await warm(command, env);
  await sleep(IDLE_MS);
  const idleMb = app.rssMb();
  await sleep(SETTLE_MS - IDLE_MS);
  const row = { name, warmMs: ms, idleMb, settledIdleMb: app.rssMb() };
  await app.stop();
  return row;
}

export async function run(): Promise<void> {
  execFileSync(process.execPath, ["bin/build-node.mjs"], { cwd: ROOT, stdio: "inherit" });
  const dataDir = mkdtempSync(join(tmpdir(), "pf-bench-"));
  const quiet = { LOG_LEVEL: "warn" };
  const rows: Row[] = [];
  try {
    rows.push(
      await baselineRow("trivial Hono app (baseline)", [process.execPath, "bench/fixtures/trivial-hono.mjs"]),
    );
    rows.push(
      await baselineRow(
        "bare grammY echo bot (baseline)",
        [process.execPath, "bench/fixtures/echo-bot.mjs"],
        {
          TELEGRAM_BOT_TOKEN: "123456:BENCH-token-abcdefghijklmnop",
          TELEGRAM_API_ROOT: "http://127.0.0.1:9",
          TELEGRAM_WEBHOOK_SECRET: "bench-secret-0123456789",
          BOT_INFO: JSON.stringify(STAND_IN_BOT),
        },
      ),
    );
    rows.push(await appRow("app, PGlite (npm start)", { ...quiet, DATA_DIR: join(dataDir, "db") }, true));
    const old = await baselineRow(
      "app, PGlite via tsx (the old npm start)",
      ["node_modules/.bin/tsx", "adapters/node-main.ts"],
      {
        ...quiet,
        DATA_DIR: join(dataDir, "db"),
      },
    );
    rows.push(old);
    if (DB_URL) rows.push(await appRow("app, PostgreSQL", { ...quiet, DATABASE_URL: DB_URL }, false));
    else console.log("PostgreSQL rows skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL");
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  printTable(
    [
      "server",
      "first start",
      "first-start peak RSS",
      "warm start (median of 3)",
      "RSS warm idle, 3 s",
      "RSS warm idle, 30 s",
      "RSS 3 s after visitors",
      "RSS 30 s after (growth over idle at 30 s)",
    ],
    rows.map((r) => [
      r.name,
      fmtMs(r.firstMs),
      fmtMb(r.firstPeakMb),
      fmtMs(r.warmMs),
      fmtMb(r.idleMb),
      fmtMb(r.settledIdleMb),
      r.visitors ? `${fmtMb(r.visitors.mb)} (${r.visitors.count} visitors)` : "–",
      r.visitors
        ? `${fmtMb(r.visitors.settledMb)} (${r.visitors.settledMb >= r.settledIdleMb ? "+" : "−"}${fmtMb(Math.abs(r.visitors.settledMb - r.settledIdleMb))})`
        : "–",
    ]),
  );
  const hono = rows[0];
  const app = rows[2];
  if (hono && app) {
    console.log(
      `ratios: warm start ${(app.warmMs / hono.warmMs).toFixed(1)}× the trivial Hono app; idle RSS ${(app.idleMb / hono.idleMb).toFixed(1)}×` +
        " (shared machine: absolute times are noisy, compare within the run)",
    );
  }
}
