/**
 * The Node entry (`npm start`). It starts the embedded database's worker first and only then loads
 * the app (node-server.ts): PGlite's WebAssembly start, about a second, then overlaps this
 * thread's module loading and index building instead of following them.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { prestartPgliteThread } from "./db/pglite-thread.js";

/**
 * The migrated PGlite data directory with the fictional sample catalogue written at install
 * (bin/build-node.mjs), or, should that one be missing, the one with the schema alone (the first
 * start then loads the sample itself). Both this file and its bundle in dist/ sit one level below
 * the project root, so the paths are the same for both.
 */
const seedWithSample = fileURLToPath(new URL("../dist/pglite-seed-sample", import.meta.url));
const PGLITE_SEED_FILE = existsSync(seedWithSample)
  ? seedWithSample
  : fileURLToPath(new URL("../dist/pglite-seed", import.meta.url));

/*
 * WebAssembly runs on V8's baseline compiler (Liftoff) only. Postgres' start runs enough code to
 * make V8 recompile much of it with its optimising compiler: about 1 s of CPU on background threads
 * and some 70 MB of resident memory it keeps, for statements that then run only a few percent
 * faster (the embedded database's time per web turn: 3.0 ms optimised, 3.2 ms Liftoff only).
 * Set before any WebAssembly is compiled; process-wide, so the database worker has it too.
 */
setFlagsFromString("--liftoff-only");

// The same choice config.ts makes (no DATABASE_URL: PGlite under DATA_DIR, default ./.data). Should
// the config end up different, openDatabase ends this worker and nothing else changes.
const dataDir = process.env.DATA_DIR ?? "./.data";
// Looked at before the worker starts filling it: whether this start creates the database.
const freshDataDir = existsSync(join(dataDir, "PG_VERSION")) ? undefined : dataDir;
if ((process.env.DATABASE_URL ?? "").trim() === "")
  prestartPgliteThread(dataDir, { seedFile: PGLITE_SEED_FILE });

const { main } = await import("./node-server.js");
main({ pgliteSeedFile: PGLITE_SEED_FILE, freshDataDir }).catch((err: Error) => {
  console.error(`Patenschaft-Finder failed to start: ${err.message}`);
  process.exit(1);
});
