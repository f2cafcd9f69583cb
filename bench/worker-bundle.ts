import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";

/** The Worker bundle as `wrangler deploy` would upload it. */
export interface WorkerBundle {
  /** The bundled module (worker-entry.js). */
  path: string;
  bytes: number;
  gzipBytes: number;
}

const root = new URL("..", import.meta.url).pathname;

/** Bundles the Worker with wrangler (dry run, nothing is uploaded) into `outdir` and measures it. */
export async function buildWorkerBundle(outdir: string): Promise<WorkerBundle> {
  const wrangler = join(root, "node_modules", ".bin", "wrangler");
  await promisify(execFile)(wrangler, ["deploy", "--dry-run", "--outdir", outdir], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    maxBuffer: 16 * 1024 * 1024,
  });
  const path = join(outdir, "worker-entry.js");
  const code = await readFile(path);
  return { path, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}
