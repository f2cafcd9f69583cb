import { Hono } from "hono";
import type { Queryable } from "../db/database.js";
import { withDatabaseDeadline } from "../db/database-unavailable.js";
import type { Logger } from "../logger.js";

/**
 * `GET /readyz`: whether this instance can serve turns now (the database answers within a second
 * or two); a load balancer takes it out of rotation while it fails. `/healthz` stays liveness.
 */
export function readinessRoutes(deps: { db: Queryable; logger: Logger; timeoutMs?: number }): Hono {
  const routes = new Hono();
  routes.get("/readyz", async (c) => {
    c.header("Cache-Control", "no-store");
    try {
      await withDatabaseDeadline(() => deps.db.query("SELECT 1"), deps.timeoutMs ?? 2000);
      return c.json({ ok: true, database: "up" });
    } catch (err) {
      deps.logger.warn({ err: { name: (err as Error).name } }, "readiness: database not reachable");
      return c.json({ ok: false, database: "down" }, 503);
    }
  });
  return routes;
}
