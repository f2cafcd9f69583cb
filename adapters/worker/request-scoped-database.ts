import { AsyncLocalStorage } from "node:async_hooks";
import type { Database } from "../db/database.js";

/**
 * A Database whose connection belongs to the request being served. Workers forbid I/O objects
 * (sockets) from one request in another, so the app, built once per isolate, talks to this
 * stand-in, and each request (or cron run) opens its own client, which Hyperdrive pools.
 */
export interface RequestScopedDatabase {
  db: Database;
  /** Runs `fn` with a fresh connection that every `db` call inside it uses; closes it afterwards. */
  run<T>(fn: () => Promise<T>): Promise<T>;
}

export function requestScopedDatabase(open: () => Promise<Database>): RequestScopedDatabase {
  const scope = new AsyncLocalStorage<Database>();
  const current = (): Database => {
    const conn = scope.getStore();
    if (!conn) throw new Error("database used outside a request scope");
    return conn;
  };
  return {
    db: {
      kind: "postgres",
      query: (text, params) => current().query(text, params),
      batch: (statements) => current().batch(statements),
      transaction: (fn) => current().transaction(fn),
      // Each scope closes its own connection.
      close: async () => undefined,
    },
    async run(fn) {
      const conn = await open();
      try {
        return await scope.run(conn, fn);
      } finally {
        await conn.close();
      }
    },
  };
}
