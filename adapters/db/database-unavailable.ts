/** The database could not be reached in time (outage, failover, network cut); the caller may retry. */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
}

/** Driver error codes meaning "no connection", and SQLSTATE classes of lost connections and timeouts. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

/** Whether an error means the database is away rather than that a statement was wrong. */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (err instanceof DatabaseUnavailableError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return false;
  return CONNECTION_CODES.has(code) || /^08/.test(code) || code === "57014" || /^57P0[1-3]$/.test(code);
}

/**
 * Runs `work` with a deadline: a database that does not answer within `ms` (or an error meaning it
 * is away) becomes a `DatabaseUnavailableError`, so a user hears "try again" instead of waiting.
 */
export async function withDatabaseDeadline<T>(work: () => Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(`no database answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work(), deadline]);
  } catch (err) {
    if (isDatabaseUnavailable(err) && !(err instanceof DatabaseUnavailableError))
      throw new DatabaseUnavailableError("database unavailable", { cause: err });
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
