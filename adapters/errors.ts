import type { Logger } from "./logger.js";

/** Which outside system an error came from. */
export type Platform = "telegram" | "slack";

/** Telegram or Slack answered and said no (an API error code such as 403 or `channel_not_found`). */
export class PlatformError extends Error {
  override readonly name = "PlatformError";
  constructor(
    readonly platform: Platform,
    /** The API method called ("sendMessage", "chat.postMessage"), when known. */
    readonly method: string | undefined,
    /** The platform's own code: Telegram's error_code, Slack's `error` string or HTTP status. */
    readonly code: string | number | undefined,
    message: string,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

/** The platform could not be reached: no answer at all (DNS, connection reset, timeout). */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
  constructor(
    readonly platform: Platform,
    readonly method: string | undefined,
    message: string,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

/** The database refused or failed a statement; `code` is PostgreSQL's SQLSTATE when there is one. */
export class DatabaseError extends Error {
  override readonly name = "DatabaseError";
  constructor(
    readonly database: "pglite" | "postgres",
    readonly code: string | undefined,
    message: string,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

export type OriginError = PlatformError | NetworkError | DatabaseError;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null;
}

const str = (x: unknown): string | undefined => (typeof x === "string" ? x : undefined);

/**
 * Names an error thrown by grammY or the Slack Web API by where it came from; returns other errors
 * unchanged. Recognised by shape (name and code), so this module imports no platform library and
 * works for errors grammY wraps in its own BotError.
 */
export function classifyError(err: unknown): unknown {
  if (err instanceof PlatformError || err instanceof NetworkError || err instanceof DatabaseError) return err;
  if (!isRecord(err)) return err;
  // grammY's BotError wraps what a middleware threw.
  if (err.name === "BotError" && "error" in err && "ctx" in err) return classifyError(err.error);
  if (err.name === "GrammyError") {
    const method = str(err.method);
    const code = typeof err.error_code === "number" ? err.error_code : undefined;
    const description = str(err.description) ?? "request refused";
    return new PlatformError("telegram", method, code, `Telegram said no: ${description}`, { cause: err });
  }
  if (err.name === "HttpError") {
    return new NetworkError("telegram", undefined, "network error calling the Bot API", { cause: err });
  }
  switch (err.code) {
    case "slack_webapi_platform_error": {
      const slackError = isRecord(err.data) ? str(err.data.error) : undefined;
      return new PlatformError("slack", undefined, slackError, `Slack said no: ${slackError ?? "error"}`, {
        cause: err,
      });
    }
    case "slack_webapi_rate_limited_error":
      return new PlatformError("slack", undefined, 429, "Slack said no: rate limited", { cause: err });
    case "slack_webapi_http_error": {
      const status = typeof err.statusCode === "number" ? err.statusCode : undefined;
      return new PlatformError("slack", undefined, status, `Slack answered HTTP ${status ?? "error"}`, {
        cause: err,
      });
    }
    case "slack_webapi_request_error":
      return new NetworkError("slack", undefined, "network error calling the Slack Web API", { cause: err });
  }
  return err;
}

/**
 * Fields of an error that are safe to log: its origin, name, message and codes. Never request
 * bodies, tokens or user text (driver errors keep only their SQLSTATE, never `detail`, which can
 * quote row values).
 */
export function errorFields(err: unknown): Record<string, unknown> {
  const e = classifyError(err);
  if (e instanceof PlatformError) {
    return {
      origin: "platform",
      name: e.name,
      platform: e.platform,
      method: e.method,
      code: e.code,
      message: e.message,
    };
  }
  if (e instanceof NetworkError) {
    return { origin: "network", name: e.name, platform: e.platform, method: e.method, message: e.message };
  }
  if (e instanceof DatabaseError) {
    return { origin: "database", name: e.name, database: e.database, code: e.code, message: e.message };
  }
  if (e instanceof Error) return { origin: "code", name: e.name, message: e.message, stack: e.stack };
  return { origin: "code", name: typeof e };
}

/** The one way to log a failure: level error, the safe error fields, and context without personal data. */
export function logError(
  log: Logger,
  err: unknown,
  msg: string,
  context: Record<string, unknown> = {},
): void {
  log.error({ ...context, err: errorFields(err) }, msg);
}
