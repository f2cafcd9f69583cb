import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, it } from "vitest";
import type { Database } from "../../adapters/db/database.js";
import { runMigrations } from "../../adapters/db/migrations.js";
import { openPglite } from "../../adapters/db/pglite-database.js";
import { openPgliteThread } from "../../adapters/db/pglite-thread.js";
import { openPostgres } from "../../adapters/db/postgres-database.js";

/** Tables emptied before each test, children first. */
const TABLES = [
  "handoff_actions",
  "slack_posts",
  "new_visitor_counts",
  "outbox",
  "requester_messages",
  "handoffs",
  "sessions",
  "processed_updates",
  "projects",
];

export interface DbContext {
  /** The migrated database of the current variant (valid inside tests and hooks). */
  db(): Database;
  kind: Database["kind"];
  /** PostgreSQL only: the URL and schema, to open a second connection to the same data. */
  url?: string;
  schema?: string;
}

/** A random schema name, so parallel test files can share one PostgreSQL database. */
export function randomSchema(): string {
  return `test_${randomBytes(6).toString("hex")}`;
}

/**
 * Runs `body` against in-memory PGlite always (in this thread and in a worker thread), and against PostgreSQL when TEST_DATABASE_URL is
 * set (in a throwaway schema). In CI a missing TEST_DATABASE_URL is a failure, not a skip, so the
 * PostgreSQL contract can never silently go untested.
 */
export function describeEachDatabase(title: string, body: (ctx: DbContext) => void): void {
  describe(`${title} [pglite]`, () => {
    let db: Database | undefined;
    const ctx: DbContext = { kind: "pglite", db: () => must(db) };
    beforeAll(async () => {
      db = await openPglite(undefined);
      await runMigrations(db);
    });
    afterAll(async () => db?.close());
    beforeEach(async () => truncate(must(db)));
    body(ctx);
  });

  // The server's variant: the same PGlite in a worker thread, reached by messages.
  describe(`${title} [pglite worker thread]`, () => {
    let db: Database | undefined;
    const ctx: DbContext = { kind: "pglite", db: () => must(db) };
    beforeAll(async () => {
      db = await openPgliteThread(undefined);
      await runMigrations(db);
    }, 60_000);
    afterAll(async () => db?.close());
    beforeEach(async () => truncate(must(db)));
    body(ctx);
  });

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    describe(`${title} [postgres]`, () => {
      let db: Database | undefined;
      const schema = randomSchema();
      const ctx: DbContext = { kind: "postgres", db: () => must(db), url, schema };
      beforeAll(async () => {
        db = await openPostgres(url, { schema });
        await runMigrations(db);
      });
      afterAll(async () => {
        if (!db) return;
        await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await db.close();
      });
      beforeEach(async () => truncate(must(db)));
      body(ctx);
    });
  } else if (process.env.CI) {
    describe(`${title} [postgres]`, () => {
      it("runs against PostgreSQL in CI", () => {
        throw new Error("TEST_DATABASE_URL is not set, but CI requires the PostgreSQL contract tests");
      });
    });
  } else {
    describe.skip(`${title} [postgres] skipped: set TEST_DATABASE_URL=postgres://… to run`, () => {
      body({ kind: "postgres", db: () => must(undefined) });
    });
  }
}

function must(db: Database | undefined): Database {
  if (!db) throw new Error("database not open yet");
  return db;
}

async function truncate(db: Database): Promise<void> {
  await db.query(`TRUNCATE ${TABLES.join(", ")} RESTART IDENTITY`);
}
