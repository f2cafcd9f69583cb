/**
 * Event-loop pauses from the catalogue holder at 100,000 projects, in the server's set-up (the
 * embedded database in its worker thread): the change check that runs every minute while nothing
 * changed, and the reload after one project changed, beside the idle event loop as the baseline.
 * Target: no pause over 50 ms from the checks.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createCatalogueHolder } from "../adapters/catalogue-holder.js";
import { openDatabase } from "../adapters/db/open-database.js";
import { upsertProjects } from "../adapters/db/project-store.js";
import { createLogger } from "../adapters/logger.js";
import { syntheticProjects } from "./synthetic-projects.js";

const SIZE = Number(process.env.BENCH_CATALOGUE_SIZE ?? 100_000);
const CHECKS = 20;

/** The longest event-loop pause (ms) while `work` runs, sampled every 5 ms. */
async function longestPause(work: () => Promise<unknown>): Promise<{ maxMs: number; p99Ms: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  await work();
  // The sampling timer notices a pause only when it fires again after it.
  await sleep(30);
  h.disable();
  return { maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6 };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "pf-catalogue-"));
  const db = await openDatabase({ dataDir: join(dir, "db"), pgliteWorker: true });
  try {
    const projects = syntheticProjects(SIZE, 7);
    const t0 = performance.now();
    for (let i = 0; i < projects.length; i += 5_000) await upsertProjects(db, projects.slice(i, i + 5_000));
    const importS = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const holder = await createCatalogueHolder(db, createLogger("silent"), { refreshMs: 3_600_000 });
    const loadS = (performance.now() - t1) / 1000;

    const idle = await longestPause(() => sleep(1_000));
    let changed = 0;
    const checks = await longestPause(async () => {
      for (let i = 0; i < CHECKS; i++) {
        if (await holder.refresh()) changed++;
        await sleep(20);
      }
    });
    const first = projects[0];
    if (!first) throw new Error("no projects");
    await upsertProjects(db, [{ ...first, name: `${first.name} (neu)` }]);
    const t2 = performance.now();
    const reload = await longestPause(async () => {
      if (!(await holder.refresh())) throw new Error("the change was not seen");
    });
    const reloadMs = performance.now() - t2;
    holder.stop();

    console.log(
      `catalogue of ${SIZE.toLocaleString("en")} projects (import ${importS.toFixed(1)} s, first load ${loadS.toFixed(1)} s), longest event-loop pause`,
    );
    console.log("| what | longest pause | p99 | note |");
    console.log("|---|---|---|---|");
    console.log(
      `| idle event loop, 1 s (baseline) | ${idle.maxMs.toFixed(1)} ms | ${idle.p99Ms.toFixed(1)} ms | |`,
    );
    console.log(
      `| ${CHECKS} change checks, nothing changed | ${checks.maxMs.toFixed(1)} ms | ${checks.p99Ms.toFixed(1)} ms | ${changed} reloads (target: pause ≤ 50 ms) |`,
    );
    console.log(
      `| reload after one project changed | ${reload.maxMs.toFixed(1)} ms | ${reload.p99Ms.toFixed(1)} ms | ${reloadMs.toFixed(0)} ms in all |`,
    );
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
