import type { Logger } from "../logger.js";
import type { Database } from "./database.js";
import { runMigrations } from "./migrations.js";
import { openPglite, type PgliteOptions } from "./pglite-database.js";
import { openPostgres } from "./postgres-database.js";

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when unset the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; undefined means in memory. */
  dataDir?: string | undefined;
  logger?: Logger;
  /** Options of the embedded database (ignored with a databaseUrl). */
  pglite?: PgliteOptions;
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  const db = opts.databaseUrl
    ? await openPostgres(opts.databaseUrl)
    : await openPglite(opts.dataDir, opts.pglite);
  try {
    const applied = await runMigrations(db);
    opts.logger?.info({ db: db.kind, applied }, "database ready");
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
