import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { Logger } from "../logger.js";
import type { Counter } from "../metrics/registry.js";

/**
 * Logs one line per HTTP request: method, the matched route pattern (never the raw path or query
 * string, which can carry postcodes, places or ids), status, duration and the request id.
 */
export function requestLog(logger: Logger, requests?: Counter): MiddlewareHandler {
  const log = logger.child({ component: "http" });
  return async (c, next) => {
    const started = performance.now();
    let failed = false;
    try {
      await next();
    } catch (err) {
      failed = true;
      throw err;
    } finally {
      const status = failed ? 500 : c.res.status;
      // After next(), routeIndex points at the handler that answered; unmatched paths end in the
      // catch-all middleware, whose pattern says nothing about the path.
      const pattern = routePath(c);
      const route =
        status === 404 && (pattern === "*" || pattern === "/*" || pattern === "") ? "unmatched" : pattern;
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const fields = { requestId: c.get("requestId"), method: c.req.method, route, status, ms };
      if (status >= 500) log.warn(fields, "http request failed");
      else log.info(fields, "http request");
      requests?.inc({ method: c.req.method, route, status: String(status) });
    }
  };
}
