import postgres from "postgres";
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

export interface PostgresOptions {
  /** Pool size per process; several app instances share the server, so keep it small. */
  max?: number;
  /**
   * Work inside this schema (created when missing) via search_path; lets parallel test files use
   * one database without colliding.
   */
  schema?: string;
  /** Off for poolers that do not support prepared statements (e.g. PgBouncer in transaction mode). */
  prepare?: boolean;
  /**
   * Check the connection at once (default). Off for a client opened per request on Workers, where
   * the first query connects anyway and an extra round trip only adds latency.
   */
  probe?: boolean;
  /** Give up connecting after this many seconds (a database that is away fails fast); default 5. */
  connectTimeoutS?: number;
  /** Server-side limit of one statement, so a stuck query frees its connection; default 15 s. */
  statementTimeoutMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Types that give the same JS values as the PGlite adapter (see pg-types.ts). */
const types = {
  json: { to: OID.JSONB, from: [OID.JSON, OID.JSONB], serialize: serializeJson, parse: parseJson },
  timestamptz: {
    to: OID.TIMESTAMPTZ,
    from: [OID.TIMESTAMPTZ],
    serialize: serializeTimestamp,
    parse: parseTimestamptz,
  },
  timestamp: {
    to: OID.TIMESTAMP,
    from: [OID.TIMESTAMP],
    serialize: serializeTimestamp,
    parse: parseTimestamp,
  },
  date: { to: OID.DATE, from: [OID.DATE], serialize: String, parse: (x: string) => x },
  int8: { to: OID.INT8, from: [OID.INT8], serialize: String, parse: parseInt8 },
  numeric: { to: OID.NUMERIC, from: [OID.NUMERIC], serialize: String, parse: parseNumeric },
};

type Sql = postgres.Sql<Record<string, never>> | postgres.TransactionSql<Record<string, never>>;

/** Without parameters the driver uses the simple protocol, so a migration script may hold several statements. */
async function run<T>(sql: Sql, text: string, params?: unknown[]): Promise<T[]> {
  let rows: postgres.RowList<postgres.Row[]>;
  try {
    rows = await sql.unsafe(text, (params ?? []) as postgres.ParameterOrJSON<never>[]);
  } catch (err) {
    throw asDatabaseError("postgres", err);
  }
  // A script returns one result per statement; match PGlite and hand back the last one.
  const last = Array.isArray(rows[0]) && text.includes(";") ? (rows.at(-1) as unknown) : rows;
  return Array.from(last as Iterable<T>);
}

/**
 * Sends statements of one transaction without waiting for each answer (the driver pipelines them
 * on the connection, in one write); the first failure rejects the batch, and Postgres fails the
 * statements after it (25P02), so the transaction rolls back.
 */
function runAll(tx: postgres.TransactionSql<Record<string, never>>, statements: readonly Statement[]) {
  return Promise.all(statements.map((s) => run<Record<string, unknown>>(tx, s.text, s.params)));
}

function wrap(tx: postgres.TransactionSql<Record<string, never>>): Queryable {
  return {
    query: (text, params) => run(tx, text, params),
    batch: (statements) => runAll(tx, statements),
  };
}

/**
 * Connects to PostgreSQL through the `postgres` driver. The URL is never logged or echoed in
 * errors we raise (it may hold a password). Migrations are not run here; see open-database.ts.
 */
export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<Database> {
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema)) {
    throw new Error("invalid schema name: use lowercase letters, digits and underscores");
  }
  const sql = postgres(url, {
    max: opts.max ?? 5,
    prepare: opts.prepare ?? true,
    onnotice: () => {},
    types,
    connect_timeout: opts.connectTimeoutS ?? 5,
    connection: {
      TimeZone: "UTC",
      statement_timeout: opts.statementTimeoutMs ?? 15_000,
      application_name: "patenschaft-finder",
      ...(opts.schema === undefined ? {} : { search_path: opts.schema }),
    },
  }) as unknown as postgres.Sql<Record<string, never>>;
  try {
    if (opts.schema !== undefined) await sql.unsafe(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
    else if (opts.probe !== false) await sql.unsafe("SELECT 1");
  } catch (err) {
    await sql.end({ timeout: 1 });
    throw err;
  }
  return {
    kind: "postgres",
    query: (text, params) => run(sql, text, params),
    batch: async (statements) =>
      (await sql.begin((tx) => runAll(tx, statements))) as Record<string, unknown>[][],
    transaction: async (fn) =>
      (await sql.begin(async (conn) => {
        const { tx, flush } = deferringTransaction(wrap(conn));
        const result = await fn(tx);
        await flush();
        return result;
      })) as Awaited<ReturnType<typeof fn>>,
    close: () => sql.end({ timeout: 5 }),
  };
}
