import { existsSync, statSync } from "node:fs";
import { cp, mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { PGlite, type PGliteOptions, type Transaction } from "@electric-sql/pglite";
import { type Database, deferringTransaction, type Queryable, type Statement } from "./database.js";
import { asDatabaseError } from "./database-error.js";
import {
  OID,
  parseInt8,
  parseJson,
  parseNumeric,
  parseTimestamp,
  parseTimestamptz,
  serializeJson,
  serializeTimestamp,
} from "./pg-types.js";

type PgliteQueryable = Pick<PGlite, "query" | "exec"> | Transaction;

/**
 * Server settings for a small embedded database: the catalogue and the sessions fit in a few MB,
 * so Postgres' defaults (128 MB shared buffers, 4 MB per sort) only grow the WebAssembly memory.
 */
const SMALL_SERVER_CONF = ["shared_buffers = 16MB", "work_mem = 2MB", "maintenance_work_mem = 16MB"];

/**
 * Runs one statement with parameters (extended protocol), or, without parameters, a script of
 * one or more statements (simple protocol, as the `postgres` driver does) returning the last rows.
 */
async function run<T>(conn: PgliteQueryable, text: string, params?: unknown[]): Promise<T[]> {
  try {
    if (params === undefined || params.length === 0) {
      const results = await conn.exec(text);
      return (results.at(-1)?.rows ?? []) as T[];
    }
    const result = await conn.query<T>(text, params);
    return result.rows;
  } catch (err) {
    throw asDatabaseError("pglite", err);
  }
}

/** Runs statements one after the other on a connection already inside a transaction. */
async function runAll(
  conn: PgliteQueryable,
  statements: readonly Statement[],
): Promise<Record<string, unknown>[][]> {
  const results: Record<string, unknown>[][] = [];
  for (const s of statements) results.push(await run<Record<string, unknown>>(conn, s.text, s.params));
  return results;
}

function wrap(conn: PgliteQueryable): Queryable {
  return {
    query: <T>(text: string, params?: unknown[]) => run<T>(conn, text, params),
    batch: (statements) => runAll(conn, statements),
  };
}

export interface PgliteOpenOptions {
  /**
   * A data directory made earlier (see init-data-dir.ts), put into a fresh `dataDir` instead of
   * running initdb, which takes seconds and a second set of WASM memories: a directory is copied;
   * a tarball from `dumpDataDir` is unpacked by PGlite (in memory, so it costs its size twice).
   */
  seedFile?: string | undefined;
}

/**
 * Copies a seed data directory (a cleanly shut down cluster) into an empty `dataDir`; PGlite then
 * opens it as it opens any existing database. PG_VERSION, by which a data directory is recognised,
 * comes last, so a copy cut short is redone at the next start rather than taken for a database.
 */
async function copySeedDirectory(seed: string, dataDir: string): Promise<void> {
  const marker = join(seed, "PG_VERSION");
  await cp(seed, dataDir, { recursive: true, force: true, filter: (src) => src !== marker });
  await cp(marker, join(dataDir, "PG_VERSION"));
}

/** The PGlite options both the in-thread and the worker database use. */
async function pgliteOptions(dataDir: string | undefined, opts: PgliteOpenOptions): Promise<PGliteOptions> {
  const options: PGliteOptions = {
    postgresqlconf: SMALL_SERVER_CONF,
    parsers: {
      [OID.INT8]: parseInt8,
      [OID.NUMERIC]: parseNumeric,
      [OID.TIMESTAMPTZ]: parseTimestamptz,
      [OID.TIMESTAMP]: parseTimestamp,
      [OID.DATE]: (x: string) => x,
      [OID.JSON]: parseJson,
      [OID.JSONB]: parseJson,
    },
    serializers: {
      [OID.JSON]: serializeJson,
      [OID.JSONB]: serializeJson,
      [OID.TIMESTAMPTZ]: serializeTimestamp,
      [OID.TIMESTAMP]: serializeTimestamp,
    },
  };
  if (dataDir === undefined) return options;
  // PGlite creates only the last path segment; ./.data/db on a fresh checkout needs its parents.
  await mkdir(dataDir, { recursive: true });
  options.dataDir = dataDir;
  if (opts.seedFile && existsSync(opts.seedFile) && !existsSync(join(dataDir, "PG_VERSION"))) {
    if (statSync(opts.seedFile).isDirectory()) await copySeedDirectory(opts.seedFile, dataDir);
    else options.loadDataDir = new Blob([await readFile(opts.seedFile)]);
  }
  return options;
}

/** Creates the PGlite instance itself; used in the main thread and inside the database worker. */
export async function createPglite(
  dataDir: string | undefined,
  opts: PgliteOpenOptions = {},
): Promise<PGlite> {
  const pg = await PGlite.create(await pgliteOptions(dataDir, opts));
  // Sessions compare timestamps with values we pass in; a fixed zone keeps text output predictable.
  await pg.exec("SET TIME ZONE 'UTC'");
  return pg;
}

/** The database port over a PGlite instance in this thread. */
export function pgliteDatabase(pg: PGlite): Database {
  return {
    kind: "pglite",
    query: (text, params) => run(pg, text, params),
    // PGlite runs transactions exclusively, so concurrent turns are serialised here as well.
    batch: (statements) => pg.transaction((tx) => runAll(tx, statements)),
    transaction: (fn) =>
      pg.transaction(async (conn) => {
        const { tx, flush } = deferringTransaction(wrap(conn));
        const result = await fn(tx);
        await flush();
        return result;
      }),
    close: () => pg.close(),
  };
}

/**
 * Opens the embedded database in this thread: file-backed under `dataDir`, or in memory when it is
 * undefined (tests). Migrations are not run here; see open-database.ts. The server uses the
 * worker-thread variant (pglite-thread.ts) so Postgres does not block HTTP.
 */
export async function openPglite(
  dataDir: string | undefined,
  opts: PgliteOpenOptions = {},
): Promise<Database> {
  return pgliteDatabase(await createPglite(dataDir, opts));
}
