/** One parameterised SQL statement, for `batch` and `Transaction.defer`. */
export interface Statement {
  text: string;
  params?: unknown[];
}

/** Anything that can run a parameterised SQL statement: the database itself or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * Runs statements in order and returns each one's rows, in one round trip where the database
   * allows it (one message to the PGlite worker, one pipelined write to PostgreSQL). For
   * statements that do not need each other's results. Inside a transaction they run in it; on the
   * database itself they run in a transaction of their own. A failing statement fails the batch
   * with its DatabaseError (SQLSTATE as `code`) and rolls back the transaction.
   */
  batch(statements: readonly Statement[]): Promise<Record<string, unknown>[][]>;
}

/** An open transaction. */
export interface Transaction extends Queryable {
  /**
   * Queues a write whose rows nobody reads; it runs, in order, before the next statement of this
   * transaction or before the commit (with the commit in one round trip to the PGlite worker).
   * If it fails, the transaction rolls back and `transaction` rejects with its DatabaseError.
   */
  defer(text: string, params?: unknown[]): void;
}

/**
 * The one storage port: PGlite (embedded) or PostgreSQL. Both run the same SQL ($1 placeholders)
 * and the same migrations.
 */
export interface Database extends Queryable {
  readonly kind: "pglite" | "postgres";
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A transaction over a plain Queryable with `defer` kept in memory: deferred writes go out as a
 * batch before the next statement and before the commit (`flush`). For drivers whose batch is
 * already one round trip (PostgreSQL pipelines it) or that have none to save (PGlite in-thread).
 */
export function deferringTransaction(q: Queryable): { tx: Transaction; flush: () => Promise<void> } {
  let deferred: Statement[] = [];
  const take = (): Statement[] => {
    const out = deferred;
    deferred = [];
    return out;
  };
  const flush = async () => {
    if (deferred.length > 0) await q.batch(take());
  };
  const tx: Transaction = {
    query: async (text, params) => {
      if (deferred.length === 0) return q.query(text, params);
      const results = await q.batch([...take(), params ? { text, params } : { text }]);
      return (results.at(-1) ?? []) as never[];
    },
    batch: async (statements) => {
      if (deferred.length === 0) return q.batch(statements);
      const before = take();
      return (await q.batch([...before, ...statements])).slice(before.length);
    },
    defer: (text, params) => void deferred.push(params ? { text, params } : { text }),
  };
  return { tx, flush };
}
