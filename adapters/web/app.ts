import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import type { Gazetteer } from "../../core/location.js";
import type { Catalogue } from "../../core/ranking-types.js";
import type { Logger } from "../logger.js";
import type { Counter } from "../metrics/registry.js";
import { ApiError } from "./api-error.js";
import { onAppError, onNotFound } from "./on-error.js";
import { requestLog } from "./request-log.js";
import { searchRoutes } from "./search-routes.js";
import { securityHeaders } from "./security-headers.js";

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
  /** Served over https (PUBLIC_URL): responses carry HSTS. */
  https?: boolean;
}

/** The one Hono app, for Node and (later) the Worker alike; all dependencies come in as arguments. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();

  app.use(securityHeaders({ https: deps.https ?? false }));
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

  app.notFound(onNotFound);
  app.onError(onAppError(deps.logger));

  return app;
}
