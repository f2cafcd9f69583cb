/**
 * Main-thread CPU time per web chat turn of the app serving a fixed number of first free-text
 * turns: as the kernel counts it per thread (/proc, robust on a busy machine) and from a V8 CPU
 * profile (node --cpu-prof), which also says where it goes (PGlite, i18next, Hono, the app); only
 * the measured turns count, not the start-up and the warm-up.
 * Beside it, the same for the trivial Hono endpoint (bench/fixtures/trivial-hono.mjs): what Node's
 * HTTP server and Hono cost per request by themselves, the floor under the app's figure.
 * Bounded: TURNS measured turns at concurrency 10. Target ≤ 1.5 ms per turn.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { npmStartCommand, printTable, ROOT, startApp, threadCpuMs } from "./support/app-process.js";
import { MANY_VISITORS_ENV, runLoad, webTurn } from "./support/load.js";
import { monotonicUs, summariseProfile } from "./support/profile-summary.js";

const TURNS = Number(process.env.BENCH_PROFILE_TURNS ?? 2_000);
const TEXT = "Hallo, wir suchen Hilfe beim Lesen für unsere Tochter (8) in 50667 Köln";

async function profile(
  name: string,
  env: Record<string, string>,
  command: string[] = npmStartCommand(),
): Promise<(string | number)[][]> {
  const dir = mkdtempSync(join(tmpdir(), "pf-prof-"));
  try {
    const app = await startApp({
      command: ((c) => [c[0] as string, "--cpu-prof", `--cpu-prof-dir=${dir}`, ...c.slice(1)])(command),
      env: {
        LOG_LEVEL: "warn",
        ...MANY_VISITORS_ENV,
        ...env,
        ...(env.DATABASE_URL ? {} : { DATA_DIR: join(dir, "db") }),
      },
    });
    // Warm up (JIT, caches) before the measured turns; the profile covers both, the idle start is excluded.
    await runLoad({
      concurrency: 10,
      total: 200,
      durationMs: 30_000,
      request: async () => (await webTurn(app.baseUrl, { type: "text", text: TEXT })).ok,
    });
    const fromUs = monotonicUs();
    const cpuBefore = threadCpuMs(app.pid);
    const r = await runLoad({
      concurrency: 10,
      total: TURNS,
      durationMs: 120_000,
      request: async () => (await webTurn(app.baseUrl, { type: "text", text: TEXT })).ok,
    });
    const toUs = monotonicUs();
    const cpuAfter = threadCpuMs(app.pid);
    await app.stop();
    const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile") && !f.includes("worker"));
    if (!file) throw new Error("no CPU profile written");
    // Node writes one profile per thread; the main thread's is the first (lowest thread id).
    const main =
      readdirSync(dir)
        .filter((f) => f.endsWith(".cpuprofile"))
        .sort()[0] ?? file;
    // Start-up and warm-up are left out: only the measured turns count.
    const s = summariseProfile(join(dir, main), { fromUs, toUs });
    // BENCH_PROFILE_KEEP=<dir>: keep the main thread's profile (e.g. for Chrome DevTools or speedscope).
    const keep = process.env.BENCH_PROFILE_KEEP;
    if (keep) copyFileSync(join(dir, main), join(keep, `${name.replace(/\W+/g, "-")}.cpuprofile`));
    const turns = r.count;
    const rows: (string | number)[][] = [
      [
        `${name}: CPU per request (/proc), main thread / other threads`,
        `${((cpuAfter.main - cpuBefore.main) / turns).toFixed(2)} ms / ${((cpuAfter.others - cpuBefore.others) / turns).toFixed(2)} ms`,
        "",
      ],
      [`${name}: busy main thread per request (profile)`, `${(s.busyMs / turns).toFixed(2)} ms`, "100 %"],
    ];
    for (const [group, groupMs] of s.groups.slice(0, 10)) {
      rows.push([
        `  ${group}`,
        `${(groupMs / turns).toFixed(3)} ms`,
        `${((groupMs / s.busyMs) * 100).toFixed(1)} %`,
      ]);
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  execFileSync(process.execPath, ["bin/build-node.mjs"], { cwd: ROOT, stdio: "inherit" });
  const rows = await profile("trivial Hono endpoint (floor)", {}, [
    process.execPath,
    "bench/fixtures/trivial-hono.mjs",
  ]);
  rows.push(...(await profile("PGlite", {})));
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) rows.push(...(await profile("PostgreSQL", { DATABASE_URL: url })));
  console.log(
    `\nmain-thread CPU per first web chat turn (${TURNS} measured turns after 200 warm-up, start-up excluded; target ≤ 1.5 ms)`,
  );
  printTable(["where", "per turn", "share"], rows);
}
