import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import type { Gazetteer } from "../../core/location.js";
import type { Catalogue } from "../../core/ranking-types.js";
import type { Logger } from "../logger.js";
import type { Counter } from "../metrics/registry.js";
import { ApiError } from "./api-error.js";
import { requestLog } from "./request-log.js";
import { searchRoutes } from "./search-routes.js";

export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppDeps {
  logger: Logger;
  gazetteer: Gazetteer;
  catalogue: () => Catalogue;
  /** True once the database is migrated and the catalogue loaded. */
  isReady: () => boolean;
  /** Whether contact requests reach a coordinator channel; shown by /healthz. */
  handoffDelivery?: "delivered" | "not delivered";
  /** Further route groups mounted by the wiring point (web chat, Telegram webhook, Slack events). */
  mount?: (app: Hono) => void;
  /** Counts requests by method, route pattern and status (the metrics registry's counter). */
  httpRequests?: Counter;
}

/** The one Hono app, for Node and (later) the Worker alike; all dependencies come in as arguments. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();

  app.use(requestId());
  app.use(requestLog(deps.logger, deps.httpRequests));
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, "body", "the request body is larger than 1 MB");
      },
    }),
  );

  app.get("/healthz", (c) => {
    const handoffs = deps.handoffDelivery ? { handoffs: deps.handoffDelivery } : {};
    return deps.isReady() ? c.json({ ok: true, ...handoffs }) : c.json({ ok: false, ...handoffs }, 503);
  });
  app.route("/api/projects", searchRoutes(deps));
  deps.mount?.(app);

  app.notFound((c) => c.json({ error: { field: "path", message: "not found" } }, 404));
  app.onError((err, c) => {
    if (err instanceof ApiError) {
      return c.json(
        { error: { field: err.field, message: err.message, ...(err.code ? { code: err.code } : {}) } },
        err.status,
      );
    }
    if (err instanceof HTTPException) {
      return c.json({ error: { field: undefined, message: err.message } }, err.status);
    }
    deps.logger.error(
      { err: { name: err.name, message: err.message, stack: err.stack }, requestId: c.get("requestId") },
      "unhandled error",
    );
    return c.json({ error: { message: "internal error" } }, 500);
  });

  return app;
}
