import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildWorkerBundle } from "./worker-bundle.js";

/** Cloudflare's limit for a Worker on the paid plan is 10 MiB gzipped; ours is far lower on purpose. */
const BUDGET_GZIP_BYTES = 1024 * 1024;

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Builds the Worker bundle as `npm run deploy` would and prints its size next to the budget. */
export async function run(): Promise<void> {
  const outdir = await mkdtemp(join(tmpdir(), "worker-bench-"));
  try {
    const bundle = await buildWorkerBundle(outdir);
    const share = ((bundle.gzipBytes / BUDGET_GZIP_BYTES) * 100).toFixed(0);
    console.log("worker bundle (wrangler deploy --dry-run, minified)");
    console.log(`  raw      ${kib(bundle.bytes).padStart(12)}`);
    console.log(
      `  gzipped  ${kib(bundle.gzipBytes).padStart(12)}   budget ${kib(BUDGET_GZIP_BYTES)} (${share}% used)`,
    );
    if (bundle.gzipBytes > BUDGET_GZIP_BYTES) console.log("  OVER BUDGET");
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}
