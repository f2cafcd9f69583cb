import { mkdir } from "node:fs/promises";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { Database, Queryable } from "./database.js";
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

function wrap(conn: PgliteQueryable): Queryable {
  return { query: <T>(text: string, params?: unknown[]) => run<T>(conn, text, params) };
}

export interface PgliteOptions {
  /**
   * PostgreSQL's shared_buffers in MB (PGlite's default is 128). Pages a long job touches stay
   * resident, so a bulk import opens the database with a small cache to keep its peak RSS down.
   */
  sharedBuffersMb?: number;
}

/**
 * Opens the embedded database: file-backed under `dataDir`, or in memory when it is undefined
 * (tests). Migrations are not run here; see open-database.ts.
 */
export async function openPglite(dataDir: string | undefined, opts: PgliteOptions = {}): Promise<Database> {
  // PGlite creates only the last path segment; ./.data/db on a fresh checkout needs its parents.
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const pg = await PGlite.create({
    ...(dataDir === undefined ? {} : { dataDir }),
    ...(opts.sharedBuffersMb === undefined
      ? {}
      : { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${opts.sharedBuffersMb}MB`] }),
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
  });
  // Sessions compare timestamps with values we pass in; a fixed zone keeps text output predictable.
  await pg.exec("SET TIME ZONE 'UTC'");
  return {
    kind: "pglite",
    query: (text, params) => run(pg, text, params),
    // PGlite runs transactions exclusively, so concurrent turns are serialised here as well.
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
