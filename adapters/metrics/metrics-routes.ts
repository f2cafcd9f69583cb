import { Hono } from "hono";
import type { Logger } from "../logger.js";
import { secretsEqual } from "../telegram/secret-compare.js";
import { ApiError } from "../web/api-error.js";
import type { AppMetrics } from "./app-metrics.js";

export interface MetricsRouteDeps {
  metrics: AppMetrics;
  /** Bearer token for /metrics; without one the route does not exist (404). */
  adminToken: string | undefined;
  logger: Logger;
}

/** `GET /metrics` in the Prometheus text format, for operators holding ADMIN_TOKEN. */
export function metricsRoutes(deps: MetricsRouteDeps): Hono {
  const routes = new Hono();
  routes.get("/metrics", async (c) => {
    const token = deps.adminToken;
    if (!token) throw new ApiError(404, "path", "not found");
    const auth = c.req.header("authorization") ?? "";
    const given = auth.startsWith("Bearer ") ? auth.slice("Bearer ".length).trim() : undefined;
    if (!secretsEqual(given, token)) {
      deps.logger.warn({ route: "/metrics" }, "metrics: wrong or missing admin token");
      c.header("WWW-Authenticate", 'Bearer realm="metrics"');
      throw new ApiError(401, "authorization", "unauthorized");
    }
    const body = await deps.metrics.registry.render((name, err) => {
      deps.logger.warn(
        { metric: name, err: err instanceof Error ? err.message : String(err) },
        "metrics: gauge failed",
      );
    });
    c.header("Cache-Control", "no-store");
    return c.body(body, 200, { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" });
  });
  return routes;
}
