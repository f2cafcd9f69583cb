import { DatabaseError } from "../errors.js";

/**
 * Wraps a driver error as a DatabaseError carrying it as `cause` and its SQLSTATE as `code`. The
 * message is the driver's one-line message; `detail` (which may quote row values) stays in `cause`.
 */
export function asDatabaseError(database: DatabaseError["database"], err: unknown): DatabaseError {
  if (err instanceof DatabaseError) return err;
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : undefined;
  const message = typeof e?.message === "string" ? e.message : "database error";
  return new DatabaseError(database, code, message, { cause: err });
}
