/** Anything that can run a parameterised SQL statement: the database itself or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/**
 * The one storage port: PGlite (embedded) or PostgreSQL. Both run the same SQL ($1 placeholders)
 * and the same migrations.
 */
export interface Database extends Queryable {
  readonly kind: "pglite" | "postgres";
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
