import { fileURLToPath } from "node:url";
import type { Logger } from "../logger.js";
import type { Database } from "./database.js";
import { runMigrations } from "./migrations.js";
import { openPglite } from "./pglite-database.js";
import { discardPrestartedPglite, openPgliteThread } from "./pglite-thread.js";
import { openPostgres } from "./postgres-database.js";

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when unset the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; undefined means in memory. */
  dataDir?: string | undefined;
  /**
   * A migrated data directory tarball loaded into an empty `dataDir` instead of running initdb;
   * default: the one the build wrote, when present.
   */
  pgliteSeedFile?: string | undefined;
  /**
   * Run PGlite in a worker thread, so statements do not block the HTTP server. Default: for a
   * file-backed database (the server); a throwaway in-memory one (tests) stays in this thread.
   */
  pgliteWorker?: boolean;
  logger?: Logger;
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) await discardPrestartedPglite();
  const db = opts.databaseUrl ? await openPostgres(opts.databaseUrl) : await openEmbedded(opts);
  try {
    const applied = await runMigrations(db);
    opts.logger?.info({ db: db.kind, applied }, "database ready");
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

/**
 * The migrated data directory written by bin/build-node.mjs (dist/pglite-seed), found from
 * the sources (adapters/db/) or from a bundle in dist/; unused when the file is not there.
 */
function defaultSeedFile(): string {
  const relative = import.meta.url.endsWith(".ts") ? "../../dist/pglite-seed" : "./pglite-seed";
  return fileURLToPath(new URL(relative, import.meta.url));
}

async function openEmbedded(opts: OpenDatabaseOptions): Promise<Database> {
  const pgliteOpts = { seedFile: opts.pgliteSeedFile ?? defaultSeedFile() };
  if (opts.pgliteWorker ?? opts.dataDir !== undefined) return openPgliteThread(opts.dataDir, pgliteOpts);
  await discardPrestartedPglite();
  return openPglite(opts.dataDir, pgliteOpts);
}
