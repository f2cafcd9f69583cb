import type { Database, Queryable } from "./database.js";
import { sql as projects } from "./migrations/001-projects.js";
import { sql as conversations } from "./migrations/002-conversations.js";
import { sql as outbox } from "./migrations/003-outbox.js";
import { sql as slack } from "./migrations/004-slack.js";
import { sql as outboxDrain } from "./migrations/005-outbox-drain.js";
import { sql as privacy } from "./migrations/006-privacy.js";
import { sql as webChatMemory } from "./migrations/007-web-chat-memory.js";
import { sql as catalogueChanges } from "./migrations/009-catalogue-changes.js";
import { sql as slackCopies } from "./migrations/010-slack-copies.js";

/** One schema change. SQL is inlined in TS modules so a Worker bundle needs no file system. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** All migrations in order. Append only: never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  { version: 1, name: "projects", sql: projects },
  { version: 2, name: "conversations", sql: conversations },
  { version: 3, name: "outbox", sql: outbox },
  { version: 4, name: "slack", sql: slack },
  { version: 5, name: "outbox-drain", sql: outboxDrain },
  { version: 6, name: "privacy", sql: privacy },
  { version: 7, name: "web chat memory", sql: webChatMemory },
  { version: 9, name: "catalogue-changes", sql: catalogueChanges },
  { version: 10, name: "slack copies and forward proposals", sql: slackCopies },
];

/** Arbitrary namespace for this app's advisory locks (first key of the two-key form). */
export const ADVISORY_LOCK_NAMESPACE = 72_031;

/** Serialises migrating processes on PostgreSQL until the transaction ends; harmless on PGlite. */
async function lock(tx: Queryable): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", [ADVISORY_LOCK_NAMESPACE]);
}

/**
 * Applies every migration not yet recorded in `schema_migrations`, each in its own transaction.
 * On PostgreSQL an advisory lock (per schema) makes a second process wait and then skip what
 * the first applied. Returns the versions applied by this call.
 */
export async function runMigrations(
  db: Database,
  list: readonly Migration[] = migrations,
): Promise<number[]> {
  // Even CREATE TABLE IF NOT EXISTS can fail when two processes race, so it takes the lock too.
  await db.transaction(async (tx) => {
    await lock(tx);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
       version integer PRIMARY KEY,
       name text NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`);
  });
  const applied: number[] = [];
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    const done = await db.transaction(async (tx) => {
      await lock(tx);
      const rows = await tx.query("SELECT 1 FROM schema_migrations WHERE version = $1", [m.version]);
      if (rows.length > 0) return false;
      await tx.query(m.sql);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
