import type { MiddlewareHandler } from "hono";

/** One year, the value HSTS preload lists expect. */
const HSTS = "max-age=31536000; includeSubDomains";

/**
 * Headers every response carries, error responses included: `nosniff`, so no browser ever reads a
 * JSON answer or a quoted message as HTML or script; and HSTS when the app is served over https
 * (`PUBLIC_URL`), so a browser never talks to it in the clear again.
 */
export function securityHeaders(opts: { https: boolean }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set("X-Content-Type-Options", "nosniff");
    if (opts.https) c.res.headers.set("Strict-Transport-Security", HSTS);
  };
}
